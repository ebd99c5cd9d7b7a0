//! The integration tests: one binary, one module per area, sharing `support`.

mod apify;
mod archive;
mod bot;
mod distribution;
mod exports;
mod fake_apify;
mod fake_graph;
mod graph;
mod i18n;
mod import;
mod media;
mod pages;
mod pipeline;
mod privacy;
mod search;
mod security;
mod serve;
mod status;
mod support;
