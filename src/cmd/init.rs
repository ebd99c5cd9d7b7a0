//! `groupdigest init DIR`: scaffold a new site (config, templates, workflows, README) that
//! builds as it is and publishes to GitHub Pages once the admin follows its README.
//!
//! DIR may be a repository GitHub just made, with its own README.md and .gitignore: `init`
//! adds what is missing and never overwrites. Its README stays (the setup guide is written
//! beside it as GROUPDIGEST.md), the ignore lines the site needs are appended to .gitignore
//! once, and templates already there are kept (they override the built-in ones). Only an
//! existing `site.toml` or workflow is a conflict: then nothing is written and it exits 2.
//!
//! The scaffold files are real files under `scaffold/`, embedded in the binary; the default
//! templates are the ones `render` uses (`render::templates::DEFAULTS`).

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::config::ConfigError;
use crate::fsutil::write_atomic;
use crate::render::templates::DEFAULTS;

/// The workflows name the groupdigest action that wrote them: `init` puts its own there.
const ACTION_MARK: &str = "__GROUPDIGEST_ACTION__";

/// The setup guide names where to get groupdigest: Cargo.toml's `repository`.
const REPOSITORY_MARK: &str = "__GROUPDIGEST_REPOSITORY__";

/// Where the admin's setup guide goes when DIR already has a README.md.
const GUIDE_BESIDE_README: &str = "GROUPDIGEST.md";

/// Files that are the site's own: one already there means DIR is (or was) a site.
const CONFLICTS: [&str; 3] = [
    "site.toml",
    ".github/workflows/publish.yml",
    ".github/workflows/test.yml",
];

/// The reference to the groupdigest action of this very build, as a workflow's `uses:`
/// value: the GitHub repository from Cargo.toml's `repository`, pinned to the commit this
/// binary was built from with its release tag as a comment (`owner/repo@<sha> # v0.1.0`),
/// or to the tag alone when the build did not know its commit.
pub(crate) fn action_ref() -> String {
    let repository = env!("CARGO_PKG_REPOSITORY");
    let slug = repository
        .trim_end_matches('/')
        .trim_end_matches(".git")
        .trim_start_matches("https://github.com/");
    let version = env!("CARGO_PKG_VERSION");
    match option_env!("GROUPDIGEST_COMMIT").filter(|c| !c.is_empty()) {
        Some(commit) => format!("{slug}@{commit} # v{version}"),
        None => format!("{slug}@v{version}"),
    }
}

/// `(path relative to DIR, contents)` of every file `init` writes, in the order listed.
pub(crate) fn scaffold() -> Vec<(String, String)> {
    let action = action_ref();
    let mut files: Vec<(String, String)> = vec![
        (
            "site.toml".into(),
            include_str!("../../scaffold/site.toml").into(),
        ),
        (
            "README.md".into(),
            include_str!("../../scaffold/README.md")
                .replace(REPOSITORY_MARK, env!("CARGO_PKG_REPOSITORY")),
        ),
        (
            ".gitignore".into(),
            include_str!("../../scaffold/gitignore").into(),
        ),
        (
            ".github/workflows/publish.yml".into(),
            include_str!("../../scaffold/workflows/publish.yml").replace(ACTION_MARK, &action),
        ),
        (
            ".github/workflows/test.yml".into(),
            include_str!("../../scaffold/workflows/test.yml").replace(ACTION_MARK, &action),
        ),
        // git keeps no empty folder: the example group's import folder exists from the
        // start, so a scheduled run before the first export finds it (and warns, never fails).
        (
            "imports/README.md".into(),
            include_str!("../../scaffold/imports/README.md").into(),
        ),
        ("imports/my-group/.gitkeep".into(), String::new()),
    ];
    files.extend(
        DEFAULTS
            .iter()
            .map(|(name, text)| (format!("templates/{name}"), (*text).to_string())),
    );
    files
}

/// What `init` will do with each file, decided before anything is written.
#[derive(Default)]
struct Plan {
    write: Vec<(String, String)>,
    kept: Vec<String>,
    /// The scaffold's ignore lines that `.gitignore` lacks, and its current text.
    gitignore: Option<(String, Vec<String>)>,
    guide: String,
}

pub(crate) fn run(dir: &Path) -> Result<ExitCode> {
    // Check every target before writing any, so a refusal leaves DIR exactly as it was.
    let conflicts: Vec<String> = CONFLICTS
        .iter()
        .filter(|rel| dir.join(rel).exists())
        .map(|rel| format!("`{}`", dir.join(rel).display()))
        .collect();
    if !conflicts.is_empty() {
        return Err(ConfigError::new(format!(
            "`{}` already holds a site: {} exist{}; nothing was written (move {} away to \
             scaffold again, or pick another folder)",
            dir.display(),
            conflicts.join(", "),
            if conflicts.len() == 1 { "s" } else { "" },
            if conflicts.len() == 1 { "it" } else { "them" },
        ))
        .into());
    }
    let plan = plan(dir, scaffold())?;
    for (rel, text) in &plan.write {
        write_atomic(&dir.join(rel), text.as_bytes())?;
    }
    if let Some((text, lines)) = &plan.gitignore {
        let mut text = text.clone();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(
            "\n# groupdigest: the site is rebuilt by the publish workflow; never commit a token\n",
        );
        for line in lines {
            text.push_str(line);
            text.push('\n');
        }
        write_atomic(&dir.join(".gitignore"), text.as_bytes())?;
    }
    report(dir, &plan);
    Ok(ExitCode::SUCCESS)
}

fn plan(dir: &Path, files: Vec<(String, String)>) -> Result<Plan> {
    let mut plan = Plan {
        guide: "README.md".into(),
        ..Plan::default()
    };
    for (rel, text) in files {
        let path = dir.join(&rel);
        match rel.as_str() {
            "README.md" if path.exists() => {
                plan.kept.push(rel);
                let beside = dir.join(GUIDE_BESIDE_README);
                // The setup guide is the one beside the admin's README, written now or kept.
                plan.guide = GUIDE_BESIDE_README.into();
                if beside.exists() {
                    plan.kept.push(GUIDE_BESIDE_README.into());
                } else {
                    plan.write.push((GUIDE_BESIDE_README.into(), text));
                }
            }
            ".gitignore" if path.exists() => {
                let current = std::fs::read_to_string(&path)
                    .with_context(|| format!("cannot read `{}`", path.display()))?;
                let missing = missing_ignore_lines(&current, &text);
                if missing.is_empty() {
                    plan.kept.push(rel);
                } else {
                    plan.gitignore = Some((current, missing));
                }
            }
            _ if path.exists() => plan.kept.push(rel),
            _ => plan.write.push((rel, text)),
        }
    }
    Ok(plan)
}

/// The pattern lines of `ours` that `theirs` does not already ignore (`public`, `/public`
/// and `/public/` are the same folder to us).
fn missing_ignore_lines(theirs: &str, ours: &str) -> Vec<String> {
    let norm = |l: &str| l.trim().trim_matches('/').to_string();
    let have: Vec<String> = theirs.lines().map(norm).collect();
    ours.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|l| !have.contains(&norm(l)))
        .map(str::to_string)
        .collect()
}

fn report(dir: &Path, plan: &Plan) {
    use crate::ui::info;
    let (templates, others): (Vec<_>, Vec<_>) = plan
        .write
        .iter()
        .map(|(rel, _)| rel.as_str())
        .partition(|rel| rel.starts_with("templates/"));
    info(format!("created a site in `{}`:", dir.display()));
    let mut wrote: Vec<String> = others.iter().map(|r| r.to_string()).collect();
    if !templates.is_empty() {
        wrote.push(format!("templates/ ({} files)", templates.len()));
    }
    if !wrote.is_empty() {
        info(format!("  wrote {}", wrote.join(", ")));
    }
    if let Some((_, lines)) = &plan.gitignore {
        info(format!("  appended {} to .gitignore", lines.join(", ")));
    }
    if !plan.kept.is_empty() {
        let n = plan.kept.len();
        info(format!(
            "  kept {} as {} (yours)",
            plan.kept.join(", "),
            if n == 1 { "it was" } else { "they were" }
        ));
    }
    info(format!("next: read `{}`", dir.join(&plan.guide).display()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn site_toml() -> String {
        scaffold()
            .into_iter()
            .find(|(p, _)| p == "site.toml")
            .unwrap()
            .1
    }

    /// Flattens a serialized config into `section.key` → value.
    fn keys(config: &Config) -> std::collections::BTreeMap<String, toml::Value> {
        let value = toml::Value::try_from(config).unwrap();
        let mut out = std::collections::BTreeMap::new();
        for (section, table) in value.as_table().unwrap() {
            match table {
                toml::Value::Table(t) => {
                    for (k, v) in t {
                        out.insert(format!("{section}.{k}"), v.clone());
                    }
                }
                other => {
                    out.insert(section.clone(), other.clone());
                }
            }
        }
        out
    }

    #[test]
    fn scaffold_config_shows_every_key_with_its_default() {
        let text = site_toml();
        // What the file itself says (serde would fill a missing key with its default).
        let written: toml::Table = toml::from_str(&text).unwrap();
        let is_written = |key: &str| match key.split_once('.') {
            Some((section, k)) => written
                .get(section)
                .and_then(|t| t.as_table())
                .is_some_and(|t| t.contains_key(k)),
            None => written.contains_key(key),
        };
        let parsed = Config::parse(&text, Path::new("site.toml")).unwrap();
        let ours = keys(&parsed);
        let defaults = keys(&Config::default());
        // The placeholders an admin must change; every other value is the default.
        let placeholders = ["site.base_url"];
        for (key, default) in &defaults {
            if key == "groups" {
                continue; // shown as commented examples
            }
            assert!(is_written(key), "scaffold/site.toml lacks `{key}`");
            let value = &ours[key];
            if !placeholders.contains(&key.as_str()) {
                assert_eq!(
                    value, default,
                    "scaffold/site.toml: `{key}` is not its default"
                );
            }
        }
        assert!(
            text.contains("#app_id = "),
            "optional keys without a default are shown commented out"
        );
    }

    #[test]
    fn every_scaffold_config_key_has_a_line_of_explanation() {
        let text = site_toml();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let is_key = !line.starts_with('#') && !line.starts_with('[') && line.contains(" = ");
            if is_key {
                let above = i.checked_sub(1).map_or("", |j| lines[j]);
                assert!(
                    above.starts_with("# ") || above.starts_with("#app_id"),
                    "scaffold/site.toml line {}: `{line}` has no comment above it",
                    i + 1
                );
            }
        }
    }

    #[test]
    fn scaffold_workflows_pin_the_action_of_this_build() {
        let action = action_ref();
        let version = env!("CARGO_PKG_VERSION");
        assert!(action.ends_with(&format!("v{version}")), "{action}");
        let slug = env!("CARGO_PKG_REPOSITORY").trim_start_matches("https://github.com/");
        assert!(action.starts_with(&format!("{slug}@")), "{action}");
        if let Some(commit) = option_env!("GROUPDIGEST_COMMIT").filter(|c| !c.is_empty()) {
            assert!(
                action.contains(&format!("@{commit} # v{version}")),
                "{action}"
            );
        }
        for (path, text) in scaffold() {
            assert!(!text.contains(ACTION_MARK), "{path}");
            assert!(!text.contains(REPOSITORY_MARK), "{path}");
            if path.ends_with(".yml") {
                assert!(text.contains(&format!("uses: {action}\n")), "{path}");
            }
        }
    }

    #[test]
    fn only_the_missing_ignore_lines_are_appended() {
        let github_rust = "/target\n\n# These are backup files\n**/*.rs.bk\npublic/\n";
        assert_eq!(
            missing_ignore_lines(github_rust, "# built\n/public\n# never\n.env\n"),
            vec![".env"]
        );
        assert!(missing_ignore_lines("/public\n.env\n", "/public\n.env\n").is_empty());
    }
}
