//! The integration tests: one binary, one module per area, sharing `support`.

mod bot;
mod pipeline;
mod support;
