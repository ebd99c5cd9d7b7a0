//! groupdigest: a static pipeline from a community's feed to a weekly "best of" site and
//! Messenger bot galleries. Phases, in data-flow order: config → source → store → rank →
//! render → write. See ARCHITECTURE.md.

pub mod cli;
mod cmd;
pub mod config;
pub mod fsutil;
pub mod lock;
pub mod media;
pub mod model;
pub mod period;
pub mod rank;
pub mod render;
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

/// The clock a command runs at (pinned by `--now` or real).
pub type Now = DateTime<Utc>;
