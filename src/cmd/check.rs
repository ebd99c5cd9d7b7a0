//! `groupdigest check`: validates the config, the templates and the token (`debug_token`:
//! validity, expiry, permissions), asks each live group's feed for one post and reads each
//! import group's files dry, and asks Apify whether its token answers and its actor or task
//! exists (starting no run), so a broken setup is found before the scheduled build. Exits 1
//! on any problem.

use std::process::ExitCode;

use anyhow::Result;

use crate::config::{Config, GroupKind, SourceKind};
use crate::secret::Secrets;
use crate::source::apify::CheckLine;
use crate::source::graph::{self, Client};
use crate::Now;

/// The permissions a Page feed needs.
const PAGE_SCOPES: &[&str] = &["pages_read_engagement", "pages_read_user_content"];

pub(crate) fn run(config: &Config, now: Now) -> Result<ExitCode> {
    let mut report = Report::default();
    report.ok(format!(
        "config `{}` is valid ({} groups)",
        config.file.display(),
        config.groups.len()
    ));
    if let Some(warning) = placeholder_base_url(&config.site.base_url) {
        crate::ui::warn(warning);
    }
    if config.groups.is_empty() {
        report.note(format!(
            "`{}` has no `[[groups]]`: the site will have a home page and no group; add one \
             per Page or group (see the README's `[[groups]]` keys)",
            config.file.display()
        ));
    }
    match crate::render::templates::environment(&config.root.join("templates")) {
        Ok(_) => report.ok("templates compile".to_string()),
        Err(e) => report.problem(format!("templates: {}", crate::ui::chain(&e))),
    }
    check_languages(config, &mut report);
    check_imports(config, &mut report);
    check_visibility(config, &mut report);
    check_media(config, &mut report);
    let live: Vec<_> = config
        .groups
        .iter()
        .filter(|g| {
            matches!(g.kind, GroupKind::Group | GroupKind::Page)
                && config.source.kind == SourceKind::Graph
        })
        .collect();
    let apify: Vec<_> = config
        .groups
        .iter()
        .filter(|g| g.kind == GroupKind::Apify)
        .collect();
    if !apify.is_empty() {
        for line in crate::source::apify::check(config, &apify, now) {
            match line {
                CheckLine::Ok(m) => report.ok(m),
                CheckLine::Note(m) => report.note(m),
                CheckLine::Problem(m) => report.problem(m),
            }
        }
    }
    if config.groups.is_empty() {
        report.note("token: not checked, there is no group to read".to_string());
    } else if live.is_empty() && apify.is_empty() {
        report.note("token: not checked, no group reads the live Graph API (`[source] kind` is not \"graph\" or no group is a `group` or `page`)".to_string());
    } else if !live.is_empty() {
        check_token(config, &live, now, &mut report);
    }
    Ok(report.finish())
}

/// The site's languages: a note for one with no translation (its pages use English), a
/// problem for each message an `i18n/*.ftl` override gets wrong, with file and line.
fn check_languages(config: &Config, report: &mut Report) {
    let (notes, problems) = crate::i18n::check_site(config);
    let languages = crate::i18n::site_languages(config);
    for note in notes {
        report.note(note);
    }
    if problems.is_empty() {
        report.ok(format!("translations: {}", languages.join(", ")));
    }
    for p in problems {
        report.problem(format!("translations: {p}"));
    }
}

/// How much the archive's pictures hold: they are committed with `data/`.
fn check_media(config: &Config, report: &mut Report) {
    let (files, bytes) = crate::media::archive_size(&config.data_dir());
    let what = if config.media.download {
        "pictures are kept"
    } else {
        "pictures are not kept (`[media] download = false`)"
    };
    report.note(format!(
        "media: {what}; `{}/*/media` holds {files} file(s), {:.1} MB",
        config.site.data_dir.display(),
        bytes as f64 / 1e6
    ));
}

/// Reads every import group's files as `build` would, writing nothing: a file `build`
/// would fail on is a problem here, and its warnings are shown.
fn check_imports(config: &Config, report: &mut Report) {
    for group in config.groups.iter().filter(|g| g.kind == GroupKind::Import) {
        match crate::source::import::check_group(config, group) {
            Ok(c) => {
                for w in &c.warnings {
                    report.note(format!("group `{}`: {w}", group.slug));
                }
                report.ok(format!(
                    "group `{}`: the import reads {} from {}",
                    group.slug,
                    crate::ui::count(c.posts, "post"),
                    crate::ui::count(c.files, "file")
                ));
            }
            Err(e) => report.problem(format!("group `{}`: {}", group.slug, crate::ui::chain(&e))),
        }
    }
}

/// Names every group that will not be rendered because of its privacy, and the key to set.
/// The privacy is the one stored by the last fetch, or for a snapshot group its
/// `node.json`; a deliberate default, so a note, not a problem.
fn check_visibility(config: &Config, report: &mut Report) {
    let store = crate::store::Store::new(config.data_dir(), config.clock());
    for group in &config.groups {
        // A damaged `group.json` fails `render`: say so here too, naming the group.
        let stored = match store.load_group(&group.slug) {
            Ok(stored) => stored.map(|g| g.info),
            Err(e) => {
                report.problem(format!("group `{}`: {}", group.slug, crate::ui::chain(&e)));
                None
            }
        };
        // A damaged `node.json` fails the fetch, which names it; here the privacy is unknown.
        let snapshot = || crate::source::snapshot::read_info(&config.snapshot_dir(), group).ok();
        let info = stored
            .or_else(|| {
                (matches!(group.kind, GroupKind::Group | GroupKind::Page)
                    && config.source.kind == SourceKind::Snapshot)
                    .then(snapshot)
                    .flatten()
            })
            .unwrap_or_default();
        if let Some(note) = crate::privacy::not_rendered_note(group, &info) {
            report.note(note);
        }
        if group.fields.as_ref().is_some_and(|f| f.author.is_some()) {
            report.note(format!(
                "group `{}`: `fields.author` has no effect: author names are never stored or published",
                group.slug
            ));
        }
    }
}

fn check_token(
    config: &Config,
    live: &[&crate::config::GroupConfig],
    now: Now,
    report: &mut Report,
) {
    let env = &config.source.token_env;
    let secrets = match Secrets::load(config) {
        Ok(s) => s,
        Err(e) => return report.problem(format!("token: {}", crate::ui::chain(&e))),
    };
    let client = match Client::new(config, &secrets) {
        // One retry at most and a short deadline: a closed port is reported in seconds.
        Ok(c) => c.interactive(),
        Err(e) => return report.problem(format!("token: {}", crate::ui::chain(&e))),
    };
    let runtime = match graph::runtime() {
        Ok(r) => r,
        Err(e) => return report.problem(crate::ui::chain(&e)),
    };
    runtime.block_on(async {
        match graph::debug_token(&client, &secrets.token).await {
            Ok(info) if !info.is_valid => {
                return report.problem(crate::ui::chain(&graph::invalid_token_error(env, &info)))
            }
            Ok(info) => {
                let expiry = info
                    .expires()
                    .map_or("never expires".to_string(), |t| format!("expires on {}", t.format("%Y-%m-%d")));
                report.ok(format!("token in `{env}` is valid and {expiry}"));
                if let Some(w) = info.expiry_warning(env, now) {
                    graph::ci_warning(&w);
                }
                let has_pages = live.iter().any(|g| g.kind == GroupKind::Page);
                let missing: Vec<_> = PAGE_SCOPES
                    .iter()
                    .filter(|s| !info.scopes.iter().any(|have| have == *s))
                    .collect();
                if has_pages && !info.scopes.is_empty() && !missing.is_empty() {
                    report.problem(format!(
                        "token: Page feeds need the permissions {}; log in again with `groupdigest auth login`",
                        missing.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
                    ));
                }
            }
            Err(e @ graph::GraphError::Token { .. }) => {
                let e = graph::debug_token_refused(&client, e);
                return report.problem(format!("token: {}", crate::ui::chain(&e)));
            }
            Err(e) if e.is_network() => {
                // No group would answer either: one problem, not one per group.
                report.problem(format!("token: {e}"));
                let slugs: Vec<_> = live.iter().map(|g| format!("`{}`", g.slug)).collect();
                return report.note(format!(
                    "groups not checked ({}): the Graph API at `{}` cannot be reached",
                    slugs.join(", "),
                    client.host()
                ));
            }
            Err(e) => report.note(format!("token: debug_token could not be asked ({e}); checking the groups anyway")),
        }
        for group in live {
            match graph::probe_group(&client, group).await {
                Ok(()) => report.ok(format!("group `{}`: the {} feed answers", group.slug, group.kind)),
                Err(why) => report.problem(format!("group `{}`: {why}", group.slug)),
            }
        }
    });
}

/// A warning when `base_url` still has a placeholder host (`OWNER.github.io`, the scaffold's,
/// or a reserved example domain): every link in the bot JSON would point nowhere.
fn placeholder_base_url(base_url: &str) -> Option<String> {
    let host = url::Url::parse(base_url)
        .ok()?
        .host_str()?
        .to_ascii_lowercase();
    let first = host.split('.').next().unwrap_or_default();
    let placeholder = (host.ends_with(".github.io")
        && [
            "owner",
            "user",
            "username",
            "example",
            "your-name",
            "yourname",
        ]
        .contains(&first))
        || ["example.com", "example.org", "example.net"]
            .iter()
            .any(|d| host == *d || host.ends_with(&format!(".{d}")))
        || host.ends_with(".example");
    placeholder.then(|| {
        format!(
            "`site.base_url` is `{base_url}`, a placeholder: links in the site and the bot JSON \
             would point nowhere; set it to the site's address, or pass `--base-url` (the \
             workflow `groupdigest init` writes passes the address GitHub Pages reports)"
        )
    })
}

/// The lines of a check, on stdout, and whether anything failed.
#[derive(Default)]
struct Report {
    problems: usize,
}

impl Report {
    fn ok(&mut self, msg: String) {
        crate::ui::out(format!("ok: {}", crate::secret::redact(&msg)));
    }
    fn note(&mut self, msg: String) {
        crate::ui::out(format!("note: {}", crate::secret::redact(&msg)));
    }
    fn problem(&mut self, msg: String) {
        self.problems += 1;
        crate::ui::out(format!("problem: {}", crate::secret::redact(&msg)));
    }
    fn finish(self) -> ExitCode {
        if self.problems == 0 {
            println!("check passed");
            ExitCode::SUCCESS
        } else {
            println!("check failed: {} problem(s)", self.problems);
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::placeholder_base_url;

    #[test]
    fn a_placeholder_host_is_warned_about_and_a_real_one_is_not() {
        for url in [
            "https://OWNER.github.io/REPO/",
            "https://example.github.io/circles-digest/",
            "https://www.example.org/",
        ] {
            assert!(placeholder_base_url(url).is_some(), "{url}");
        }
        for url in [
            "https://devcircles.github.io/digest/",
            "https://digest.dev/",
        ] {
            assert!(placeholder_base_url(url).is_none(), "{url}");
        }
    }
}
