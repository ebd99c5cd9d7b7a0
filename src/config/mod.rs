//! `site.toml`: the typed model of a site's configuration, parsed once.
//!
//! One file per TOML table (`site`, `source`, `ranking`, `bot`, `media`, `groups`, `privacy`,
//! `apify`). Values arrive
//! typed (a `Tz`, a `Weekday`, enums): each field's own deserializer refuses a bad value,
//! so later code never parses a config string again. `Config::parse` is pure (text in,
//! config out) so every rule is unit-tested without the disk; `Config::load` reads the file.
//! Every message is built by [`Locator`]: file, line, column and the full key path.

mod apify;
mod bot;
mod groups;
mod media;
mod privacy;
mod ranking;
mod site;
mod source;
#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::Weekday;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

pub use apify::{ApifyConfig, ApifyTarget, GroupApify, RunMode, DEFAULT_ACTOR};
pub use bot::{AspectRatio, BotConfig, LatestPeriod};
pub(crate) use groups::{is_language_tag, is_url_safe_slug, RESERVED_SLUGS};
pub use groups::{
    Delimiter, Encoding, GroupConfig, GroupKind, ImportFields, ImportFormat, ImportPreset,
    Visibility,
};
pub use media::MediaConfig;
pub use privacy::PrivacyConfig;
#[cfg(test)]
pub(crate) use ranking::MAX_TOP;
pub use ranking::{RankingConfig, Weights};
pub(crate) use site::check_base_url;
pub use site::SiteConfig;
pub use source::{SourceConfig, SourceKind};

/// A configuration problem. Always maps to exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ConfigError {
    message: String,
}

impl ConfigError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

/// The whole `site.toml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `[site]`: title, URLs, clock and folders.
    pub site: SiteConfig,
    /// `[source]`: where `group` and `page` kinds come from (live Graph API or a snapshot folder).
    pub source: SourceConfig,
    /// `[ranking]`: how posts are scored and cut.
    pub ranking: RankingConfig,
    /// `[bot]`: the bot JSON outputs.
    pub bot: BotConfig,
    /// `[media]`: pictures copied into the archive.
    pub media: MediaConfig,
    /// `[[groups]]`: the groups and Pages of the site, in the order they are shown.
    pub groups: Vec<GroupConfig>,
    /// `[privacy]`: posts members keep out of the digest.
    pub privacy: PrivacyConfig,
    /// `[apify]`: how `kind = "apify"` groups are fetched through the Apify API.
    pub apify: ApifyConfig,
    /// The folder `site.toml` lives in; relative paths are resolved against it. Not a key.
    #[serde(skip)]
    pub root: PathBuf,
    /// The file this was read from, for messages. Not a key.
    #[serde(skip)]
    pub file: PathBuf,
}

/// The site's timezone and week start: what turns an instant into a week.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub tz: Tz,
    pub week_start: Weekday,
}

impl Config {
    /// Reads and validates `path`. A missing file is a config error (exit 2).
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            let hint = if e.kind() == std::io::ErrorKind::NotFound {
                "; create one with `groupdigest init DIR` or pass `--config FILE`"
            } else {
                ""
            };
            ConfigError::new(format!(
                "cannot read config file `{}`: {e}{hint}",
                path.display()
            ))
        })?;
        let mut config = Config::parse(&text, path)?;
        config.root = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        config.file = path.to_path_buf();
        Ok(config)
    }

    /// Parses and validates the text of a `site.toml`; `file` is only used in messages.
    pub fn parse(text: &str, file: &Path) -> Result<Config, ConfigError> {
        let at = Locator { text, file };
        let config: Config = serde_path_to_error::deserialize(toml::Deserializer::new(text))
            .map_err(|e| at.serde_error(&e))?;
        config.validate(&at)?;
        Ok(config)
    }

    /// The rules that span several keys; single values were checked as they were parsed.
    fn validate(&self, at: &Locator) -> Result<(), ConfigError> {
        if self.source.concurrency == 0 {
            return Err(at.error("source.concurrency", "must be at least 1"));
        }
        self.privacy.validate(at)?;
        self.apify.validate(at)?;
        let mut slugs = HashSet::new();
        for (i, g) in self.groups.iter().enumerate() {
            g.validate(i, at)?;
            if !slugs.insert(g.slug.as_str()) {
                return Err(at.error(
                    &format!("groups[{i}].slug"),
                    format!(
                        "`{}` is used by an earlier group; slugs must be unique",
                        g.slug
                    ),
                ));
            }
        }
        Ok(())
    }

    pub fn clock(&self) -> Clock {
        Clock {
            tz: self.site.timezone,
            week_start: self.site.week_start,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.root.join(&self.site.output_dir)
    }

    pub fn data_dir(&self) -> PathBuf {
        self.root.join(&self.site.data_dir)
    }

    pub fn snapshot_dir(&self) -> PathBuf {
        self.root.join(&self.source.path)
    }

    /// `base_url` with exactly one trailing slash, so `base() + "cdmx/"` is always right.
    pub fn base_url(&self) -> String {
        let mut b = self.site.base_url.trim_end_matches('/').to_string();
        b.push('/');
        b
    }

    pub fn group(&self, slug: &str) -> Option<&GroupConfig> {
        self.groups.iter().find(|g| g.slug == slug)
    }
}

/// Builds every config message the same way:
/// ``site.toml:3:9: key `site.title`: invalid type: integer `5`, expected a string``.
pub(crate) struct Locator<'a> {
    text: &'a str,
    file: &'a Path,
}

impl Locator<'_> {
    /// An error about the key at `key` (`groups[1].fields.id`), located in the text. A key
    /// that is not written (a default) is located at the nearest enclosing one that is.
    pub(crate) fn error(&self, key: &str, what: impl fmt::Display) -> ConfigError {
        let place = match locate(self.text, key) {
            Some((line, col)) => format!("{}:{line}:{col}", self.file.display()),
            None => self.file.display().to_string(),
        };
        ConfigError::new(format!("{place}: key `{key}`: {what}"))
    }

    /// A parse error with the key path serde was at. An unknown key is named itself (its
    /// table is where serde stood).
    fn serde_error(&self, e: &serde_path_to_error::Error<toml::de::Error>) -> ConfigError {
        let inner = e.inner();
        let message = inner.message().trim_end();
        let mut key = e.path().to_string();
        if key == "." {
            key.clear();
        }
        if let Some(field) = message
            .strip_prefix("unknown field `")
            .and_then(|m| m.split('`').next())
        {
            // serde_path_to_error names the unknown key itself in some cases, its table in
            // others: never twice.
            let named = key == field || key.ends_with(&format!(".{field}"));
            if !named {
                key = if key.is_empty() {
                    field.to_string()
                } else {
                    format!("{key}.{field}")
                };
            }
        }
        // The key's own position, as for every other message; TOML's span (the value, or
        // the table of a missing key) when the key is not written.
        let (line, col) = locate(self.text, &key)
            .or_else(|| inner.span().map(|s| line_col(self.text, s.start)))
            .unwrap_or((1, 1));
        let place = format!("{}:{line}:{col}", self.file.display());
        if key.is_empty() {
            ConfigError::new(format!("{place}: {message}"))
        } else {
            ConfigError::new(format!("{place}: key `{key}`: {message}"))
        }
    }
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Where the key at `path` is written, as (line, column). `path` is dotted, with
/// array-of-tables indices in brackets (`groups[1].fields.id`); dotted keys and inline
/// tables are found too. A key that is not written gives the position of the nearest
/// enclosing one that is.
fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let doc = toml_edit::ImDocument::parse(text).ok()?;
    let mut item = doc.as_item();
    let mut found = None;
    let parts = path
        .split(['.', '['])
        .map(|p| p.trim_end_matches(']'))
        .filter(|p| !p.is_empty());
    for part in parts {
        let (span, next) = match part.parse::<usize>() {
            Ok(i) => {
                let next = item.get(i);
                (next.and_then(|t| t.span()), next)
            }
            Err(_) => match item.as_table_like().and_then(|t| t.get_key_value(part)) {
                Some((key, next)) => (key.span(), Some(next)),
                None => (None, None),
            },
        };
        found = span.or(found);
        match next {
            Some(next) => item = next,
            None => break,
        }
    }
    found.map(|span| line_col(text, span.start))
}
