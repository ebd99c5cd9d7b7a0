//! The integration tests: one binary, one module per area, sharing `support`.

mod import;
mod pipeline;
mod support;
