//! The command line: global options and one subcommand per file in `cmd/`.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use clap::{Args, Parser, Subcommand};

/// Turn a Facebook group's or Page's feed into a weekly "best of": a static site members
/// browse and gallery JSON that Messenger bots (Chatfuel, ManyChat) serve.
#[derive(Debug, Parser)]
#[command(
    name = "groupdigest",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Start with `groupdigest build` in a folder with a site.toml, or \
`groupdigest init my-site` to create one."
)]
pub struct Cli {
    /// The site's configuration file; relative paths in it are resolved from its folder.
    #[arg(long, global = true, value_name = "FILE", default_value = "site.toml")]
    pub config: PathBuf,

    /// Pin the clock (RFC 3339, e.g. 2026-11-25T12:00:00Z) for reproducible builds and tests.
    #[arg(long, global = true, value_name = "RFC3339")]
    pub now: Option<DateTime<FixedOffset>>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fetch, then render: the main job, run on a schedule by CI.
    Build(FetchArgs),
    /// Update the archive in `data/` from the configured sources.
    Fetch(FetchArgs),
    /// Write the site to `public/` from `data/` alone, without the network.
    Render,
    /// Create a new site in DIR: site.toml, templates, GitHub workflows and a README.
    Init {
        /// The folder to create the site in (created if missing; existing files are never
        /// overwritten).
        dir: PathBuf,
    },
}

/// Which time range to fetch.
#[derive(Debug, Clone, Default, Args)]
pub struct FetchArgs {
    /// Fetch from this local date (YYYY-MM-DD) instead of the default window (the current
    /// and the previous period; everything for snapshot and import sources).
    #[arg(long, value_name = "DATE")]
    pub since: Option<chrono::NaiveDate>,
    /// Fetch up to this local date, exclusive (YYYY-MM-DD). Default: now.
    #[arg(long, value_name = "DATE", requires = "since")]
    pub until: Option<chrono::NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
