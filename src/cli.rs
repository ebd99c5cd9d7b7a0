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
    #[arg(long, global = true, value_name = "RFC3339", value_parser = rfc3339)]
    pub now: Option<DateTime<FixedOffset>>,

    /// Publish at this URL instead of `site.base_url` (CI passes the URL GitHub Pages
    /// reports, so a placeholder in site.toml never reaches a bot).
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,

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
    /// Preview the site on 127.0.0.1, re-rendering when data, templates or config change.
    Serve(ServeArgs),
    /// Validate the config, the templates and the token; exit non-zero on any problem.
    Check,
    /// List the groups the token's user manages, as `[[groups]]` entries ready to paste.
    Groups,
    /// Obtain and inspect the long-lived token the live source uses.
    #[command(subcommand)]
    Auth(AuthCommand),
    /// Remove one post from the archive for good: from `data/` (with its picture), listed in
    /// `data/forgotten.json` so no later fetch or import brings it back; then render.
    Forget(ForgetArgs),
    /// Create a new site in DIR: site.toml, templates, GitHub workflows and a README.
    Init(InitArgs),
    /// Read exports where you downloaded them (JSON, JSON Lines, CSV, .xlsx, Facebook's
    /// .zip) and write what the archive needs of them (no author, no raw column) into the
    /// group's import folder: the file to commit.
    Import(ImportArgs),
    /// Make an age key pair for private groups in a public repository: the identity (the
    /// secret key, for `GROUPDIGEST_AGE_IDENTITY`) on stdout or in `--output FILE`, the
    /// public key (for `[privacy] age_recipients`) on stderr.
    Keygen(KeygenArgs),
}

/// `groupdigest keygen [--output FILE]`.
#[derive(Debug, Clone, Args)]
pub struct KeygenArgs {
    /// Write the identity to this new file (readable by you only) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `groupdigest import FILE... --group SLUG`.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// The export files, read in the order given (a post in several keeps the copy read
    /// last): `.json`, `.jsonl`/`.ndjson`, `.csv`/`.tsv`, `.xlsx`, or a `.zip` (Facebook's
    /// "Download your information" archive, or one holding such files).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The import group (`kind = "import"`, its `path` a folder) the posts are for.
    #[arg(long, value_name = "SLUG")]
    pub group: String,
    /// The tool that made the files, if not the group's `preset`: generic,
    /// facebook-scraper, apify, facebook-dyi or brightdata.
    #[arg(long, value_name = "PRESET", value_parser = preset)]
    pub preset: Option<crate::config::ImportPreset>,
    /// Say what would be written, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

fn preset(s: &str) -> Result<crate::config::ImportPreset, String> {
    crate::config::ImportPreset::ALL
        .into_iter()
        .find(|p| p.as_str() == s)
        .ok_or_else(|| {
            format!(
                "`{s}` is not a preset; use {}",
                crate::config::ImportPreset::NAMES
            )
        })
}

/// `groupdigest init DIR`. It reads no config, so the global options do not apply to it:
/// each is declared here again, hidden, which keeps clap from listing the global one in
/// `init --help` (a global option is not copied into a subcommand that has its own).
#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// The folder to create the site in (created if missing). In an existing repository
    /// (GitHub's README.md and .gitignore), missing files are added and none is overwritten.
    pub dir: PathBuf,
    #[arg(long, hide = true, value_name = "FILE", default_value = "site.toml")]
    config: PathBuf,
    #[arg(long, hide = true, value_name = "RFC3339", value_parser = rfc3339)]
    now: Option<DateTime<FixedOffset>>,
    #[arg(long, hide = true, value_name = "URL")]
    base_url: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct ForgetArgs {
    /// The post: its id (`1234567890_555` or `555`) or its Facebook link, in any form
    /// (`/groups/<g>/posts/<p>/`, `/groups/<g>/permalink/<p>/`, `/<page>/posts/<p>`,
    /// `permalink.php?story_fbid=<p>&id=<owner>`).
    pub post: String,
    /// Only look in this group (by slug), when the same id is in several.
    #[arg(long, value_name = "SLUG")]
    pub group: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on. Anything but a loopback address lets other machines read the
    /// preview (a warning says so).
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub host: String,
    /// Port to listen on; 0 picks a free one (the address is printed at start).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
}

/// `groupdigest auth ...`: the token tooling. A token that a user asks for is printed on
/// stdout, once; nothing else ever prints one.
#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Turn a short-lived user token (pasted on standard input) into a long-lived one;
    /// with `--page ID`, print that Page's never-expiring Page token instead.
    Exchange(ExchangeArgs),
    /// Say in words what `debug_token` reports about the stored token.
    Inspect,
    /// Log in with Facebook in a browser (redirect to 127.0.0.1) and print a long-lived token.
    Login(LoginArgs),
}

#[derive(Debug, Clone, Args)]
pub struct ExchangeArgs {
    /// Print the Page token of this Page (made from the long-lived user token).
    #[arg(long, value_name = "ID")]
    pub page: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct LoginArgs {
    /// Local port of the redirect `http://127.0.0.1:PORT/callback`; register that exact URL
    /// under "Valid OAuth Redirect URIs" in the Meta app.
    #[arg(long, default_value_t = 8765)]
    pub port: u16,
    /// Permissions to ask for, comma-separated.
    #[arg(
        long,
        value_name = "LIST",
        default_value = "pages_show_list,pages_read_engagement,pages_read_user_content"
    )]
    pub scope: String,
    /// Print a Page token for this Page instead of the long-lived user token.
    #[arg(long, value_name = "ID")]
    pub page: Option<String>,
}

/// Which time range to fetch.
#[derive(Debug, Clone, Default, Args)]
pub struct FetchArgs {
    /// Fetch from this local date (YYYY-MM-DD) instead of the default window (the current
    /// and the previous period; everything for snapshot and import sources).
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub since: Option<chrono::NaiveDate>,
    /// Fetch up to this local date, exclusive (YYYY-MM-DD). Default: now.
    #[arg(long, value_name = "DATE", requires = "since", value_parser = date)]
    pub until: Option<chrono::NaiveDate>,
}

/// `--now`: a time with its offset, with an example in the message rather than the
/// parser's "premature end of input".
fn rfc3339(s: &str) -> Result<DateTime<FixedOffset>, String> {
    // chrono's `FromStr`, as before: RFC 3339, and `+0000` or a space for the `T`.
    s.trim().parse::<DateTime<FixedOffset>>().map_err(|_| {
        let s = s.trim();
        let example = if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S") {
            format!("{}Z", t.format("%Y-%m-%dT%H:%M:%S"))
        } else if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            format!("{d}T12:00:00Z")
        } else {
            "2026-11-25T12:00:00Z".into()
        };
        format!("expected an RFC 3339 time with its offset (`Z` for UTC), such as `{example}`")
    })
}

/// `--since`/`--until`: a calendar date, read in the site's timezone.
fn date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| "expected a date as YYYY-MM-DD, such as `2026-11-16`".to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_bad_time_or_date_gets_an_example_of_the_right_form() {
        let e = super::rfc3339("2026-11-20").unwrap_err();
        assert!(e.contains("such as `2026-11-20T12:00:00Z`"), "{e}");
        let e = super::rfc3339("2026-11-20T08:30:00").unwrap_err();
        assert!(e.contains("such as `2026-11-20T08:30:00Z`"), "{e}");
        let e = super::rfc3339("yesterday").unwrap_err();
        assert!(e.contains("such as `2026-11-25T12:00:00Z`"), "{e}");
        assert!(super::rfc3339("2026-11-25T12:00:00+01:00").is_ok());
        // What `date +%FT%T%z` prints.
        assert!(super::rfc3339("2026-11-25T12:00:00+0000").is_ok());
        let e = super::date("24/11/2026").unwrap_err();
        assert!(e.contains("YYYY-MM-DD"), "{e}");
        assert_eq!(super::date("2026-11-24").unwrap().to_string(), "2026-11-24");
    }

    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn init_help_lists_only_what_applies_to_init() {
        let mut cmd = Cli::command();
        cmd.build();
        let init = cmd.find_subcommand_mut("init").unwrap();
        let help = init.render_long_help().to_string();
        for global in ["--config", "--now", "--base-url"] {
            assert!(!help.contains(global), "{global} in:\n{help}");
        }
        assert!(help.contains("<DIR>"), "{help}");
        // The global options still work before the command, as everywhere.
        let cli =
            Cli::try_parse_from(["groupdigest", "--now", "2026-11-25T12:00:00Z", "init", "x"]);
        assert!(cli.is_ok(), "{cli:?}");
        let build = cmd.find_subcommand_mut("build").unwrap();
        assert!(build.render_long_help().to_string().contains("--base-url"));
    }
}
