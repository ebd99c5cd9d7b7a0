//! One file per subcommand, each with a single entry point; this module dispatches and
//! holds what they share (loading the config, the summary line).

mod auth;
mod build;
mod check;
mod fetch;
mod forget;
mod groups;
mod init;
mod render;
mod serve;

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::config::Config;
use crate::lock::SiteLock;
use crate::Now;

pub(crate) fn run(cli: &Cli, now: Now) -> Result<ExitCode> {
    match &cli.command {
        Command::Build(args) => {
            let config = load(cli)?;
            let _lock = SiteLock::acquire(&config, "build")?;
            build::run(&config, now, args)
        }
        Command::Fetch(args) => {
            let config = load(cli)?;
            let _lock = SiteLock::acquire(&config, "fetch")?;
            fetch::run(&config, now, args)
        }
        Command::Render => {
            let config = load(cli)?;
            let _lock = SiteLock::acquire(&config, "render")?;
            render::run(&config, now)
        }
        Command::Forget(args) => {
            let config = load(cli)?;
            let _lock = SiteLock::acquire(&config, "forget")?;
            forget::run(&config, now, args)
        }
        Command::Serve(args) => serve::run(&cli.config, now, args),
        Command::Check => check::run(&load(cli)?, now),
        Command::Groups => groups::run(&load(cli)?),
        Command::Auth(command) => auth::run(&load(cli)?, now, command),
        Command::Init { dir } => init::run(dir),
    }
}

fn load(cli: &Cli) -> Result<Config> {
    Ok(Config::load(&cli.config)?)
}

/// The end-of-run line: groups, periods, posts, files written, seconds.
pub(crate) struct Summary {
    started: Instant,
}

impl Summary {
    pub(crate) fn start() -> Self {
        Summary {
            started: Instant::now(),
        }
    }

    pub(crate) fn print(&self, what: &str, stats: &crate::render::RenderStats) {
        let f = stats.files;
        crate::ui::info(format!(
            "{what}: {} groups, {} periods, {} posts; {} files written, {} unchanged, {} removed in {}",
            stats.groups,
            stats.periods,
            stats.posts,
            f.written,
            f.unchanged,
            f.removed,
            crate::ui::seconds(self.started.elapsed())
        ));
        for note in &stats.not_rendered {
            crate::ui::info(note);
        }
    }
}
