//! The integration tests: one binary, one module per area, sharing `support`.

mod archive;
mod pipeline;
mod support;
