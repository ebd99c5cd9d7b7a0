//! The integration tests: one binary, one module per area, sharing `support`.

mod pipeline;
mod support;
