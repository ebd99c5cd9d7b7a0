//! One file per subcommand, each with a single entry point; this module dispatches and
//! holds what they share (loading the config, the summary line).

mod auth;
mod build;
mod check;
mod fetch;
mod forget;
mod groups;
mod import;
mod init;
mod render;
mod serve;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::config::{Config, ConfigError};
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
        Command::Serve(args) => serve::run(&ConfigFrom::new(cli), now, args),
        Command::Check => check::run(&load(cli)?, now),
        Command::Groups => groups::run(&load(cli)?),
        Command::Auth(command) => auth::run(&load(cli)?, now, command),
        Command::Init(args) => init::run(&args.dir),
        Command::Import(args) => import::run(&load(cli)?, now, args),
    }
}

fn load(cli: &Cli) -> Result<Config> {
    let config = ConfigFrom::new(cli).load()?;
    crate::ci::config_outputs(&config);
    Ok(config)
}

/// Where a command's config comes from: the `--config` file, with `--base-url` over its
/// `site.base_url`. `serve` keeps one to read the file again after every edit.
#[derive(Debug, Clone)]
pub(crate) struct ConfigFrom {
    path: PathBuf,
    base_url: Option<String>,
}

impl ConfigFrom {
    fn new(cli: &Cli) -> Self {
        Self {
            path: cli.config.clone(),
            base_url: cli.base_url.clone(),
        }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn load(&self) -> Result<Config> {
        let mut config = Config::load(&self.path)?;
        // Before anything reads a group's files: their text may quote a secret.
        crate::secret::remember_configured(&config);
        if let Some(url) = &self.base_url {
            // Checked as `site.base_url` is: an absolute http(s) URL without query or fragment.
            if let Err(why) = crate::config::check_base_url(url) {
                return Err(ConfigError::new(format!("`--base-url {url}` {why}")).into());
            }
            config.site.base_url = url.clone();
        }
        Ok(config)
    }
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
