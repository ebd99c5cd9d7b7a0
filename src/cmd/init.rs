//! `groupdigest init DIR`: scaffold a new site (config, templates, workflows, README) that
//! builds as it is and publishes to GitHub Pages once the admin follows its README.
//!
//! The scaffold files are real files under `scaffold/`, embedded in the binary; the default
//! templates are the ones `render` uses (`render::templates::DEFAULTS`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Result};

use crate::fsutil::write_atomic;
use crate::render::templates::DEFAULTS;

/// The workflows name the groupdigest release they install; `init` writes its own version.
const VERSION_MARK: &str = "__GROUPDIGEST_VERSION__";

/// `(path relative to DIR, contents)` of every file `init` writes, in the order listed.
pub(crate) fn scaffold() -> Vec<(String, String)> {
    let version = env!("CARGO_PKG_VERSION");
    let mut files: Vec<(String, String)> = vec![
        (
            "site.toml".into(),
            include_str!("../../scaffold/site.toml").into(),
        ),
        (
            "README.md".into(),
            include_str!("../../scaffold/README.md").into(),
        ),
        (
            ".gitignore".into(),
            include_str!("../../scaffold/gitignore").into(),
        ),
        (
            ".github/workflows/publish.yml".into(),
            include_str!("../../scaffold/workflows/publish.yml").replace(VERSION_MARK, version),
        ),
        (
            ".github/workflows/test.yml".into(),
            include_str!("../../scaffold/workflows/test.yml").replace(VERSION_MARK, version),
        ),
    ];
    files.extend(
        DEFAULTS
            .iter()
            .map(|(name, text)| (format!("templates/{name}"), (*text).to_string())),
    );
    files
}

pub(crate) fn run(dir: &Path) -> Result<ExitCode> {
    let files = scaffold();
    // Check every target before writing any, so a refusal leaves DIR exactly as it was.
    let existing: Vec<PathBuf> = files
        .iter()
        .map(|(rel, _)| dir.join(rel))
        .filter(|p| p.exists())
        .collect();
    if !existing.is_empty() {
        let names: Vec<String> = existing
            .iter()
            .map(|p| format!("`{}`", p.display()))
            .collect();
        bail!(
            "init would overwrite {}; nothing was written (move them away or pick another folder)",
            names.join(", ")
        );
    }
    for (rel, text) in &files {
        write_atomic(&dir.join(rel), text.as_bytes())?;
    }
    crate::ui::info(format!(
        "created a site in `{}` ({} files); next: read `{}`",
        dir.display(),
        files.len(),
        dir.join("README.md").display()
    ));
    Ok(ExitCode::SUCCESS)
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
    fn scaffold_workflows_name_this_version() {
        for (path, text) in scaffold() {
            assert!(!text.contains(VERSION_MARK), "{path}");
            if path.ends_with(".yml") {
                assert!(
                    text.contains(&format!("\"{}\"", env!("CARGO_PKG_VERSION"))),
                    "{path}"
                );
            }
        }
    }
}
