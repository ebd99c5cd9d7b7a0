//! groupdigest: a static pipeline from a community's feed to a weekly "best of" site and
//! Messenger bot galleries. Phases, in data-flow order: config → source → store → rank →
//! render → write. See ARCHITECTURE.md.

/// The URL of a page of the project's docs (`docs_url!("graph.md")`), for messages read in
/// an admin's repository, which has no `docs/`. Built from Cargo.toml's `repository`.
macro_rules! docs_url {
    ($page:literal) => {
        concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/", $page)
    };
}

mod ci;
pub mod cli;
mod cmd;
pub mod config;
pub mod fsutil;
pub mod i18n;
pub mod lock;
pub mod media;
pub mod model;
pub mod period;
pub mod privacy;
pub mod process;
#[cfg(test)]
mod proptests;
pub mod rank;
pub mod render;
pub mod seal;
pub mod secret;
pub mod source;
pub mod store;
pub mod ui;
pub mod write;

use std::process::ExitCode;

use anyhow::Result;
use chrono::{DateTime, Utc};

/// Runs one command line; `Ok` carries the exit code of a run that finished (1 when some
/// groups failed), `Err` a run that stopped.
pub fn run(cli: cli::Cli) -> Result<ExitCode> {
    secret::install_panic_hook();
    secret::remember_environment();
    let now = cli.now.map_or_else(Utc::now, |t| t.with_timezone(&Utc));
    cmd::run(&cli, now)
}

/// Exit code for an error: 2 for bad usage or config, 1 for everything else.
pub fn exit_code(err: &anyhow::Error) -> ExitCode {
    if err.chain().any(|e| e.is::<config::ConfigError>()) {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}

/// The clock a command runs at (pinned by `--now` or real): it decides which week is
/// current.
pub type Now = DateTime<Utc>;

/// The time the output records (`updated_at`, run status): `SOURCE_DATE_EPOCH` when it is
/// set, for reproducible builds, else `now`. It never decides which week is current.
pub fn recorded_time(now: Now) -> DateTime<Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .unwrap_or(now)
}
