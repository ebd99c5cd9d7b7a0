//! The integration tests: one binary, one module per area, sharing `support`.

mod archive;
mod bot;
mod fake_graph;
mod graph;
mod import;
mod pipeline;
mod search;
mod status;
mod support;
