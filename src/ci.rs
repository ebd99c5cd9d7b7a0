//! GitHub Actions integration: the step outputs the groupdigest action reads (`site`,
//! `data-dir`, `failed-groups`) and a Markdown job summary appended to
//! `$GITHUB_STEP_SUMMARY`. Outside GitHub Actions it does nothing. (The annotations are
//! `ui::warn` and `ui::error`: a failed group is a `ui::error` where `fetch` reports it.)

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use crate::config::Config;
use crate::source::FailureKind;
use crate::write::WriteStats;

/// What a run did, for the job summary.
pub(crate) struct Run<'a> {
    /// `build`, `fetch` or `render`.
    pub command: &'a str,
    pub groups: usize,
    /// Weeks rendered (`build`, `render`) or changed (`fetch`).
    pub periods: usize,
    pub posts: u64,
    /// Files of the site, when the run rendered it.
    pub files: Option<WriteStats>,
    /// slug → how it failed.
    pub failed: &'a BTreeMap<String, Failed>,
}

/// How a group failed: the kind `group.json` records (for the hint) and the error.
#[derive(Debug, Clone)]
pub(crate) struct Failed {
    pub kind: FailureKind,
    pub why: String,
}

impl<'a> Run<'a> {
    /// A `build` or `render`: the site was rendered (`stats`); `failed` are the groups
    /// whose fetch failed (none for `render`).
    pub(crate) fn rendered(
        command: &'a str,
        stats: &crate::render::RenderStats,
        failed: &'a BTreeMap<String, Failed>,
    ) -> Self {
        Run {
            command,
            groups: stats.groups,
            periods: stats.periods,
            posts: stats.posts,
            files: Some(stats.files),
            failed,
        }
    }

    /// A `fetch`: no site was rendered.
    pub(crate) fn fetched(
        groups: usize,
        periods_changed: usize,
        posts: usize,
        failed: &'a BTreeMap<String, Failed>,
    ) -> Self {
        Run {
            command: "fetch",
            groups,
            periods: periods_changed,
            posts: posts as u64,
            files: None,
            failed,
        }
    }
}

/// After the config loaded: the archive folder, which the action commits.
pub(crate) fn config_outputs(config: &Config) {
    if crate::ui::in_github_actions() {
        output("data-dir", &config.data_dir());
    }
}

/// At the end of `build`, `fetch` or `render`.
pub(crate) fn finish(config: &Config, run: &Run) {
    if !crate::ui::in_github_actions() {
        return;
    }
    let failed: Vec<&str> = run.failed.keys().map(String::as_str).collect();
    output_line("failed-groups", &failed.join(" "));
    if run.files.is_some() {
        // The site was rendered completely (render applies all of it or nothing).
        output("site", &config.output_dir());
    }
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        append(
            Path::new(&path),
            &summary_markdown(run),
            "GITHUB_STEP_SUMMARY",
        );
    }
}

/// The job summary of one run.
pub(crate) fn summary_markdown(run: &Run) -> String {
    let mut md = format!("## groupdigest {}\n\n", run.command);
    let weeks = if run.files.is_some() {
        "weeks"
    } else {
        "weeks changed"
    };
    md.push_str(&format!("| groups | {weeks} | posts |"));
    let mut rule = "| ---: | ---: | ---: |".to_string();
    let mut row = format!("| {} | {} | {} |", run.groups, run.periods, run.posts);
    if let Some(f) = run.files {
        md.push_str(" files written | unchanged | removed |");
        rule.push_str(" ---: | ---: | ---: |");
        row.push_str(&format!(
            " {} | {} | {} |",
            f.written, f.unchanged, f.removed
        ));
    }
    md.push_str(&format!("\n{rule}\n{row}\n\n"));
    if run.failed.is_empty() {
        md.push_str("Every group was updated.\n\n");
    } else {
        let n = run.failed.len();
        md.push_str(&format!(
            "**{} failed**; {}.\n\n| group | error | what to do |\n| --- | --- | --- |\n",
            crate::ui::count(n, "group"),
            if run.files.is_some() {
                "the site was still published from the archive, with a notice on their pages"
            } else {
                "their archive was kept as it was"
            }
        ));
        for (slug, failed) in run.failed {
            md.push_str(&format!(
                "| `{}` | {} | {} |\n",
                cell(slug),
                cell(&failed.why),
                hint(failed.kind, &failed.why)
            ));
        }
        md.push('\n');
    }
    crate::secret::redact(&md)
}

/// What an admin can do about a failure: by its recorded kind, else (an API error, which
/// may be about anything) by the words of its error.
fn hint(kind: FailureKind, why: &str) -> &'static str {
    if why.contains("Apify") {
        return apify_hint(kind);
    }
    let kind = Some(kind).filter(|k| *k != FailureKind::Api).or_else(|| {
        let why = why.to_ascii_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| why.contains(w));
        if has(&["token"]) {
            Some(FailureKind::Token)
        } else if has(&["permission", "not allowed"]) {
            Some(FailureKind::Permission)
        } else if has(&["import", "line ", "file"]) {
            Some(FailureKind::Import)
        } else if has(&["timed out", "connect", "network"]) {
            Some(FailureKind::Network)
        } else {
            None
        }
    });
    match kind {
        Some(FailureKind::Token) => {
            "Make a new token (`groupdigest auth login`, see docs/graph.md) and store it in the repository secret it names."
        }
        Some(FailureKind::Permission) => {
            "Log in again with the permissions the error names; `groupdigest check` lists what is missing."
        }
        Some(FailureKind::Import) => {
            "Fix or replace the file it names under `imports/` and push: the push runs this workflow again."
        }
        Some(FailureKind::Network) => {
            "Usually passing: the next run retries. Re-run the workflow to retry now."
        }
        Some(FailureKind::Io) => IO_HINT,
        Some(FailureKind::Api) | None => {
            "Run `groupdigest check` locally with the same token for details."
        }
    }
}

/// What an admin can do when the disk refused the archive's write (any kind of group).
const IO_HINT: &str = "The disk refused to write the archive (full, read-only, or a file where a folder of `data/` belongs): free space or fix the path the error names; the next run retries.";

/// What an admin can do about an apify group's failure (the error itself carries Apify's
/// words and the exact step).
fn apify_hint(kind: FailureKind) -> &'static str {
    match kind {
        FailureKind::Token => {
            "Make a new Apify API token (Apify Console → Settings → API & Integrations) and store it in the repository secret `APIFY_TOKEN`."
        }
        FailureKind::Permission => {
            "Raise the Apify usage limit or plan (Apify Console → Billing), or lower `[apify] max_posts`; see docs/apify.md."
        }
        FailureKind::Network => {
            "Usually passing: the next run retries. Re-run the workflow to retry now."
        }
        FailureKind::Io => IO_HINT,
        FailureKind::Api | FailureKind::Import => {
            "Open the run's log in Apify Console (the error links it), or check `[apify]` with `groupdigest check`; see docs/apify.md."
        }
    }
}

/// A Markdown table cell: one line, no `|` that would end the cell, no HTML.
fn cell(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A folder as a step output: relative to the working directory as the config names it,
/// without a leading `./` (`public`, `site/public`).
fn output(name: &str, path: &Path) {
    let path = path.strip_prefix(".").unwrap_or(path);
    output_line(name, &path.display().to_string());
}

/// Appends `name=value` to `$GITHUB_OUTPUT` (a value with a line break is not written: it
/// cannot be one line and no path or slug has one).
fn output_line(name: &str, value: &str) {
    if value.contains(['\r', '\n']) {
        return;
    }
    if let Some(path) = std::env::var_os("GITHUB_OUTPUT").filter(|p| !p.is_empty()) {
        append(
            Path::new(&path),
            &format!("{name}={value}\n"),
            "GITHUB_OUTPUT",
        );
    }
}

/// A file the runner gave us could not be written: say so, but the run's own result stands.
fn append(path: &Path, text: &str, var: &str) {
    let result = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()));
    if let Err(e) = result {
        crate::ui::warn(format!(
            "cannot append to `${var}` (`{}`): {e}",
            path.display()
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_apify_failure_gets_apifys_hint_not_the_graph_tokens() {
        let why = "cannot start a run of actor `a~b`: Apify refused the API token in `APIFY_TOKEN` (HTTP 401)";
        assert!(hint(FailureKind::Token, why).contains("`APIFY_TOKEN`"));
        assert!(!hint(FailureKind::Token, why).contains("auth login"));
    }

    #[test]
    fn the_hint_follows_the_recorded_kind_before_the_words() {
        // The words say "file", but the failure was the network's.
        let why = "cannot fetch the feed of page `1`: connection reset reading file";
        assert!(hint(FailureKind::Network, why).contains("next run retries"));
        assert!(hint(FailureKind::Api, why).contains("imports/"));
    }

    #[test]
    fn a_summary_names_each_failed_group_with_a_hint_in_one_table_row() {
        let failed = BTreeMap::from([(
            "cdmx".to_string(),
            Failed {
                kind: FailureKind::Api,
                why: "the access token in `FB_ACCESS_TOKEN` expired\non 2026-11-01 | <b>".into(),
            },
        )]);
        let run = Run {
            command: "build",
            groups: 3,
            periods: 20,
            posts: 150,
            files: Some(WriteStats {
                written: 7,
                unchanged: 90,
                removed: 1,
            }),
            failed: &failed,
        };
        let md = summary_markdown(&run);
        assert!(md.contains("| 3 | 20 | 150 | 7 | 90 | 1 |"), "{md}");
        assert!(md.contains("**1 group failed**"), "{md}");
        let row = md.lines().find(|l| l.starts_with("| `cdmx`")).unwrap();
        assert!(row.contains("expired on 2026-11-01 \\| &lt;b&gt;"), "{row}");
        assert!(row.contains("groupdigest auth login"), "{row}");
    }

    #[test]
    fn a_fetch_summary_counts_changed_weeks_and_no_files() {
        let run = Run {
            command: "fetch",
            groups: 1,
            periods: 2,
            posts: 9,
            files: None,
            failed: &BTreeMap::new(),
        };
        let md = summary_markdown(&run);
        assert!(md.contains("| groups | weeks changed | posts |\n"), "{md}");
        assert!(md.contains("Every group was updated."), "{md}");
        assert!(!md.contains("files written"), "{md}");
    }
}
