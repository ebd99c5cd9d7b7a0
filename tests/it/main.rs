//! The integration tests: one binary, one module per area, sharing `support`.

mod archive;
mod bot;
mod fake_graph;
mod graph;
mod import;
mod media;
mod pipeline;
mod support;
