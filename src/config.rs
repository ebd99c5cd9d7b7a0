//! `site.toml`: the serde model of a site's configuration and its validation.
//!
//! `Config::parse` is pure (text in, validated config out) so every rule is unit-tested
//! without touching the disk; `Config::load` is the thin wrapper that reads the file.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::Weekday;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Messenger's generic template shows at most this many elements.
pub(crate) const MAX_TOP: usize = 10;

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
    /// `[[groups]]`: the groups and Pages of the site, in the order they are shown.
    pub groups: Vec<GroupConfig>,
    /// The folder `site.toml` lives in; relative paths are resolved against it. Not a key.
    #[serde(skip)]
    pub root: PathBuf,
    /// The file this was read from, for messages. Not a key.
    #[serde(skip)]
    pub file: PathBuf,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SiteConfig {
    /// Shown in page titles and feeds. Default: "Community digest".
    pub title: String,
    /// A line under the title on the home page. Default: empty.
    pub description: String,
    /// Absolute http(s) URL the site is published at; may have a sub-path. Default:
    /// `http://localhost:8000/` (fine for a local preview, set it before publishing).
    pub base_url: String,
    /// IANA timezone name; periods start at local midnight here. Default: "UTC".
    pub timezone: String,
    /// First day of a week, e.g. "monday" (the seed's default) or "sunday". Default: "monday".
    pub week_start: String,
    /// Where the site is written, relative to `site.toml`. Default: "public".
    pub output_dir: PathBuf,
    /// Where the archive is kept, relative to `site.toml`. Default: "data".
    pub data_dir: PathBuf,
    /// Language of the HTML pages (`<html lang>`). Default: "en".
    pub language: String,
}

impl Default for SiteConfig {
    fn default() -> Self {
        Self {
            title: "Community digest".into(),
            description: String::new(),
            base_url: "http://localhost:8000/".into(),
            timezone: "UTC".into(),
            week_start: "monday".into(),
            output_dir: "public".into(),
            data_dir: "data".into(),
            language: "en".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// The live Graph API.
    Graph,
    /// A folder of Graph-shaped JSON responses.
    Snapshot,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SourceConfig {
    /// "graph" (live API) or "snapshot" (a folder of Graph-shaped JSON). Default: "graph".
    pub kind: SourceKind,
    /// Snapshot only: folder of `<group id>/node.json` and `feed-*.json`. Default: "demo".
    pub path: PathBuf,
    /// Graph API base URL; tests point it at a loopback server. Default: "https://graph.facebook.com".
    pub api_base: String,
    /// Graph API version. Default: "v23.0".
    pub api_version: String,
    /// Environment variable holding the access token (also read from `.env`). Default: "FB_ACCESS_TOKEN".
    pub token_env: String,
    /// The Meta app id, for `debug_token` and token exchange. Default: none.
    pub app_id: Option<String>,
    /// Environment variable holding the app secret; when set, calls carry `appsecret_proof`.
    /// Default: "FB_APP_SECRET".
    pub app_secret_env: String,
    /// Groups fetched at the same time. Default: 8 (requests spend their time waiting on
    /// the network, and 8 stays well inside Meta's per-app and per-Page call limits).
    pub concurrency: usize,
    /// Retries of a transient or rate-limited request. Default: 5.
    pub retries: u32,
    /// First backoff delay in milliseconds, doubled each retry (with jitter). Default: 1000.
    pub backoff_ms: u64,
    /// Per-request timeout in seconds. Default: 30.
    pub timeout_secs: u64,
}

impl Default for SourceConfig {
    fn default() -> Self {
        Self {
            kind: SourceKind::Graph,
            path: "demo".into(),
            api_base: "https://graph.facebook.com".into(),
            api_version: "v23.0".into(),
            token_env: "FB_ACCESS_TOKEN".into(),
            app_id: None,
            app_secret_env: "FB_APP_SECRET".into(),
            concurrency: 8,
            retries: 5,
            backoff_ms: 1000,
            timeout_secs: 30,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct RankingConfig {
    /// Posts shown per period, at most 10 (Messenger's gallery limit). Default: 5 (the seed's).
    pub top: usize,
    /// Posts scoring below this are not ranked. Default: 1 (a share or a comment, as the seed).
    pub min_score: f64,
    /// Score weights. Default: comments 1, shares 1, reactions 0 (the seed's score).
    pub weights: Weights,
}

impl Default for RankingConfig {
    fn default() -> Self {
        Self {
            top: 5,
            min_score: 1.0,
            weights: Weights::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    /// Default: 1.0.
    pub comments: f64,
    /// Default: 1.0.
    pub shares: f64,
    /// Default: 0.0.
    pub reactions: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            comments: 1.0,
            shares: 1.0,
            reactions: 0.0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LatestPeriod {
    /// This period so far (the seed's behaviour).
    Current,
    /// The last complete period.
    Previous,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct BotConfig {
    /// Which period `latest.json` serves: "current" or "previous". Default: "current".
    pub latest: LatestPeriod,
    /// Gallery image aspect ratio: "horizontal" or "square". Default: "horizontal".
    pub image_aspect_ratio: String,
    /// A text message sent before the gallery ("Top posts of the week of 23 Nov 2026 in ...");
    /// not in `messenger.json`, which is one Send API message. Default: false.
    pub intro: bool,
    /// Quick replies to the other groups' latest digests (at most 13; 11 in ManyChat).
    /// Default: false.
    pub quick_replies: bool,
    /// Title of the button opening a post. Default: "Open post".
    pub open_label: String,
    /// Title of the button opening the period's page on the site. Default: "All top posts".
    pub all_label: String,
    /// Title of the button under "No popular posts ..." opening the group's page on the
    /// site. Default: "Past weeks".
    pub group_label: String,
}

impl Default for BotConfig {
    fn default() -> Self {
        Self {
            latest: LatestPeriod::Current,
            image_aspect_ratio: "horizontal".into(),
            intro: false,
            quick_replies: false,
            open_label: "Open post".into(),
            all_label: "All top posts".into(),
            group_label: "Past weeks".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupKind {
    /// A Facebook group (`/{id}/feed`).
    Group,
    /// A Facebook Page (`/{id}/feed`, Page token).
    Page,
    /// Exported posts read from files (`path`, `format`, `fields`).
    Import,
}

impl GroupKind {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupKind::Group => "group",
            GroupKind::Page => "page",
            GroupKind::Import => "import",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GroupConfig {
    /// The Graph id of the group or Page (for imports: any stable id). Required.
    pub id: String,
    /// URL-safe, unique name used in paths: `public/<slug>/`. Required.
    pub slug: String,
    /// Display name; default: the name the source reports, else the slug.
    #[serde(default)]
    pub name: Option<String>,
    /// "group", "page" or "import". Default: "group".
    #[serde(default = "default_group_kind")]
    pub kind: GroupKind,
    /// Import only: a file or folder of exported posts, relative to `site.toml`.
    #[serde(default)]
    pub path: Option<PathBuf>,
    /// Import only: "json", "jsonl", "csv" or "graph". Default: from the extension of a
    /// file `path` (`.json`, `.jsonl`/`.ndjson`, `.csv`); required for a folder.
    #[serde(default)]
    pub format: Option<ImportFormat>,
    /// Import only: a built-in field mapping, "generic" or "facebook-scraper". Default: "generic".
    #[serde(default)]
    pub preset: Option<ImportPreset>,
    /// Import only: per-field overrides of the preset's mapping. Default: none.
    #[serde(default)]
    pub fields: Option<ImportFields>,
}

fn default_group_kind() -> GroupKind {
    GroupKind::Group
}

impl GroupConfig {
    /// The name pages and bots show: `name` from the config, else the name the source
    /// reported, else the slug.
    pub fn display_name<'a>(&'a self, reported: Option<&'a str>) -> &'a str {
        self.name.as_deref().or(reported).unwrap_or(&self.slug)
    }

    /// Import only: `format`, or the one the extension of a file `path` implies.
    pub fn import_format(&self) -> Option<ImportFormat> {
        self.format.or_else(|| {
            let ext = self
                .path
                .as_ref()?
                .extension()?
                .to_str()?
                .to_ascii_lowercase();
            ImportFormat::from_extension(&ext)
        })
    }
}

/// `format` of an import group: how its files are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImportFormat {
    /// A JSON array of post objects.
    Json,
    /// JSON Lines: one post object per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
    /// Graph API feed pages (`{"data": [...]}`), as in the snapshot source.
    Graph,
}

impl ImportFormat {
    pub const NAMES: &'static str = "\"json\", \"jsonl\", \"csv\" or \"graph\"";

    pub fn as_str(self) -> &'static str {
        match self {
            ImportFormat::Json => "json",
            ImportFormat::Jsonl => "jsonl",
            ImportFormat::Csv => "csv",
            ImportFormat::Graph => "graph",
        }
    }

    fn from_name(s: &str) -> Option<Self> {
        [Self::Json, Self::Jsonl, Self::Csv, Self::Graph]
            .into_iter()
            .find(|f| f.as_str() == s)
    }

    /// The format a file extension (lowercase, no dot) implies. `.json` is a JSON array:
    /// Graph pages must be asked for by name.
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext {
            "json" => Some(Self::Json),
            "jsonl" | "ndjson" => Some(Self::Jsonl),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }
}

/// Written by hand so a bad value names the key and the choices (serde's derive says only
/// "unknown variant").
impl<'de> Deserialize<'de> for ImportFormat {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::from_name(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "key `format`: `{s}` is not an import format; use {}",
                Self::NAMES
            ))
        })
    }
}

/// `preset` of an import group: a built-in field mapping for a known export shape.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImportPreset {
    /// Columns named like the model: id, text, created_time, permalink, picture, comments,
    /// shares, reactions, author.
    #[default]
    Generic,
    /// The Python `facebook-scraper`'s post dicts (post_id, text, time, post_url, ...).
    FacebookScraper,
}

impl ImportPreset {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportPreset::Generic => "generic",
            ImportPreset::FacebookScraper => "facebook-scraper",
        }
    }
}

impl<'de> Deserialize<'de> for ImportPreset {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        [Self::Generic, Self::FacebookScraper]
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "key `preset`: `{s}` is not a preset; use \"generic\" or \"facebook-scraper\""
                ))
            })
    }
}

/// `[groups.fields]`: where each post field is in an exported row. Each value is a CSV
/// column name or, for JSON, a key or a dotted path to a nested one (`stats.comments`,
/// `comments.summary.total_count`); `""` leaves the field unmapped. A field not given here
/// comes from the preset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImportFields {
    /// The post's id (required in every row). Default: the preset's.
    pub id: Option<String>,
    /// The post's text. Default: the preset's.
    pub text: Option<String>,
    /// When it was posted (required in every row). Default: the preset's.
    pub created_time: Option<String>,
    /// Link to the post (http(s) only). Default: the preset's.
    pub permalink: Option<String>,
    /// The post's picture (http(s) only). Default: the preset's.
    pub picture: Option<String>,
    /// Comment count. Default: the preset's.
    pub comments: Option<String>,
    /// Share count. Default: the preset's.
    pub shares: Option<String>,
    /// Reaction count, or an object of counts per reaction, summed. Default: the preset's.
    pub reactions: Option<String>,
    /// The author's name. Default: the preset's.
    pub author: Option<String>,
}

/// Validated values derived from the raw strings, ready for use.
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
        let config: Config = toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((0, 0));
            ConfigError::new(format!(
                "{}:{line}:{col}: {}",
                file.display(),
                e.message().trim_end()
            ))
        })?;
        config.validate(text, file)?;
        Ok(config)
    }

    fn validate(&self, text: &str, file: &Path) -> Result<(), ConfigError> {
        // Locates a key in the text so semantic errors point at a line too.
        let at = |path: &str| -> String {
            match locate(text, path) {
                Some((line, col)) => format!("{}:{line}:{col}", file.display()),
                None => file.display().to_string(),
            }
        };
        let site = &self.site;
        if site.timezone.parse::<Tz>().is_err() {
            return Err(ConfigError::new(format!(
                "{}: key `site.timezone`: `{}` is not an IANA timezone name (e.g. \"UTC\", \"America/Mexico_City\")",
                at("site.timezone"),
                site.timezone
            )));
        }
        if parse_weekday(&site.week_start).is_none() {
            return Err(ConfigError::new(format!(
                "{}: key `site.week_start`: `{}` is not a day of the week (e.g. \"monday\", \"sunday\")",
                at("site.week_start"),
                site.week_start
            )));
        }
        if let Err(why) = check_base_url(&site.base_url) {
            return Err(ConfigError::new(format!(
                "{}: key `site.base_url`: `{}` {why}",
                at("site.base_url"),
                site.base_url
            )));
        }
        if self.ranking.top == 0 || self.ranking.top > MAX_TOP {
            return Err(ConfigError::new(format!(
                "{}: key `ranking.top`: {} is out of range; it must be 1 to {MAX_TOP} (Messenger shows at most {MAX_TOP} gallery elements)",
                at("ranking.top"),
                self.ranking.top
            )));
        }
        let w = &self.ranking.weights;
        for (name, v) in [
            ("comments", w.comments),
            ("shares", w.shares),
            ("reactions", w.reactions),
        ] {
            if !v.is_finite() || v < 0.0 {
                return Err(ConfigError::new(format!(
                    "{}: key `ranking.weights.{name}`: {v} must be a number >= 0",
                    at(&format!("ranking.weights.{name}"))
                )));
            }
        }
        if !self.ranking.min_score.is_finite() {
            return Err(ConfigError::new(format!(
                "{}: key `ranking.min_score` must be a finite number",
                at("ranking.min_score")
            )));
        }
        if !matches!(
            self.bot.image_aspect_ratio.as_str(),
            "horizontal" | "square"
        ) {
            return Err(ConfigError::new(format!(
                "{}: key `bot.image_aspect_ratio`: `{}` must be \"horizontal\" or \"square\"",
                at("bot.image_aspect_ratio"),
                self.bot.image_aspect_ratio
            )));
        }
        for (key, label) in [
            ("open_label", &self.bot.open_label),
            ("all_label", &self.bot.all_label),
            ("group_label", &self.bot.group_label),
        ] {
            // Messenger rejects a button without a title: the bot would show nothing.
            if label.trim().is_empty() {
                return Err(ConfigError::new(format!(
                    "{}: key `bot.{key}` is empty; a button needs a title (at most 20 characters are shown)",
                    at(&format!("bot.{key}"))
                )));
            }
        }
        if self.source.concurrency == 0 {
            return Err(ConfigError::new(format!(
                "{}: key `source.concurrency` must be at least 1",
                at("source.concurrency")
            )));
        }
        // Checked whatever the source kind: `auth`, `check` and `groups` use it too.
        if let Err(why) = check_http_url(&self.source.api_base) {
            return Err(ConfigError::new(format!(
                "{}: key `source.api_base`: `{}` {why}",
                at("source.api_base"),
                self.source.api_base
            )));
        }
        let mut slugs = HashSet::new();
        for (i, g) in self.groups.iter().enumerate() {
            if !is_url_safe_slug(&g.slug) {
                return Err(ConfigError::new(format!(
                    "{}: key `groups[{i}].slug`: `{}` is not URL-safe; use lowercase letters, digits, `-` and `_`, starting with a letter or digit",
                    at(&format!("groups.{i}.slug")),
                    g.slug
                )));
            }
            if RESERVED_SLUGS.contains(&g.slug.as_str()) {
                return Err(ConfigError::new(format!(
                    "{}: key `groups[{i}].slug`: `{}` is reserved for the site's own files",
                    at(&format!("groups.{i}.slug")),
                    g.slug
                )));
            }
            if !slugs.insert(g.slug.as_str()) {
                return Err(ConfigError::new(format!(
                    "{}: key `groups[{i}].slug`: `{}` is used by an earlier group; slugs must be unique",
                    at(&format!("groups.{i}.slug")),
                    g.slug
                )));
            }
            if g.id.trim().is_empty() {
                return Err(ConfigError::new(format!(
                    "{}: key `groups[{i}].id` is empty",
                    at(&format!("groups.{i}.id"))
                )));
            }
            let graph_id =
                g.id.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
                    && g.id != "."
                    && g.id != "..";
            if g.kind != GroupKind::Import && !graph_id {
                return Err(ConfigError::new(format!(
                    "{}: key `groups[{i}].id`: `{}` is not a Graph id; use the group's or Page's \
                     numeric id (or the Page's username), not its URL",
                    at(&format!("groups.{i}.id")),
                    g.id
                )));
            }
            let import_only =
                g.path.is_some() || g.format.is_some() || g.preset.is_some() || g.fields.is_some();
            if g.kind != GroupKind::Import && import_only {
                return Err(ConfigError::new(format!(
                    "{}: group `{}`: `path`, `format`, `preset` and `fields` are only for `kind = \"import\"`",
                    at(&format!("groups.{i}.slug")),
                    g.slug
                )));
            }
            if g.kind == GroupKind::Import {
                validate_import(g, i, &at)?;
            }
        }
        Ok(())
    }

    /// The timezone and week start, already validated by `parse`.
    pub fn clock(&self) -> Clock {
        Clock {
            tz: self
                .site
                .timezone
                .parse()
                .expect("validated in Config::parse"),
            week_start: parse_weekday(&self.site.week_start).expect("validated in Config::parse"),
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

/// The import keys of group `i`, which is `kind = "import"`.
fn validate_import(
    g: &GroupConfig,
    i: usize,
    at: &dyn Fn(&str) -> String,
) -> Result<(), ConfigError> {
    if g.path.is_none() {
        return Err(ConfigError::new(format!(
            "{}: group `{}`: `kind = \"import\"` needs `path` (a file or a folder of exported posts)",
            at(&format!("groups.{i}.slug")),
            g.slug
        )));
    }
    match g.import_format() {
        None => {
            return Err(ConfigError::new(format!(
                "{}: key `groups[{i}].format`: group `{}` needs `format` ({}); it cannot be told from `path`",
                at(&format!("groups.{i}.path")),
                g.slug,
                ImportFormat::NAMES
            )))
        }
        Some(ImportFormat::Graph) if g.preset.is_some() || g.fields.is_some() => {
            return Err(ConfigError::new(format!(
                "{}: group `{}`: `preset` and `fields` do not apply to `format = \"graph\"`, whose shape is fixed",
                at(&format!("groups.{i}.slug")),
                g.slug
            )))
        }
        Some(_) => {}
    }
    if let Some(f) = &g.fields {
        for (key, value) in [("id", &f.id), ("created_time", &f.created_time)] {
            if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                return Err(ConfigError::new(format!(
                    "{}: key `groups[{i}].fields.{key}` cannot be empty: every post needs one",
                    at(&format!("groups.{i}.fields.{key}")),
                )));
            }
        }
    }
    Ok(())
}

pub(crate) fn parse_weekday(s: &str) -> Option<Weekday> {
    let s = s.trim().to_ascii_lowercase();
    Some(match s.as_str() {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

fn check_http_url(s: &str) -> Result<url::Url, &'static str> {
    let u = url::Url::parse(s).map_err(|_| "is not an absolute http(s) URL")?;
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none() {
        return Err("is not an absolute http(s) URL");
    }
    Ok(u)
}

pub(crate) fn check_base_url(s: &str) -> Result<(), &'static str> {
    let u = check_http_url(s)?;
    if u.query().is_some() || u.fragment().is_some() {
        return Err("must not have a query or fragment");
    }
    Ok(())
}

/// Slugs that name the site's own folders, not a group's.
pub(crate) const RESERVED_SLUGS: [&str; 2] = ["latest", "static"];

pub(crate) fn is_url_safe_slug(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Where the key at `path` is written, as (line, column), for messages about values that
/// parsed fine but are invalid. `path` is dotted, with array-of-tables indices as numbers
/// (`groups.1.fields.id`); dotted keys and inline tables are found too. A key that is not
/// written (a default) gives the position of the nearest enclosing one that is.
fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let doc = toml_edit::ImDocument::parse(text).ok()?;
    let mut item = doc.as_item();
    let mut found = None;
    for part in path.split('.') {
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

impl fmt::Display for GroupKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(text, Path::new("site.toml")).map_err(|e| e.to_string())
    }

    const GROUP: &str = "[[groups]]\nid = \"1\"\nslug = \"cdmx\"\n";

    #[test]
    fn empty_config_gets_documented_defaults() {
        let c = parse("").unwrap();
        assert_eq!(c.site.timezone, "UTC");
        assert_eq!(c.site.week_start, "monday");
        assert_eq!(c.ranking.top, 5);
        assert_eq!(c.ranking.min_score, 1.0);
        assert_eq!(c.ranking.weights.reactions, 0.0);
        assert_eq!(c.source.kind, SourceKind::Graph);
        assert_eq!(c.source.token_env, "FB_ACCESS_TOKEN");
        assert_eq!(c.bot.latest, LatestPeriod::Current);
    }

    #[test]
    fn rejects_a_typod_key_with_line_and_column() {
        let e = parse("[site]\ntitle = \"x\"\ntimezon = \"UTC\"\n").unwrap_err();
        assert!(e.starts_with("site.toml:3:1:"), "{e}");
        assert!(e.contains("timezon"), "{e}");
    }

    #[test]
    fn rejects_an_unknown_timezone() {
        let e = parse("[site]\ntimezone = \"Mars/Olympus\"\n").unwrap_err();
        assert!(e.contains("site.toml:2:1"), "{e}");
        assert!(
            e.contains("site.timezone") && e.contains("Mars/Olympus"),
            "{e}"
        );
    }

    #[test]
    fn rejects_a_duplicate_slug() {
        let e = parse(&format!("{GROUP}{GROUP}")).unwrap_err();
        assert!(e.contains("groups[1].slug") && e.contains("unique"), "{e}");
        assert!(e.contains("site.toml:6:1"), "{e}");
    }

    #[test]
    fn rejects_a_slug_that_is_not_url_safe() {
        for bad in ["CDMX", "a b", "ñu", "-x", "a/b", ""] {
            let e = parse(&format!("[[groups]]\nid = \"1\"\nslug = \"{bad}\"\n")).unwrap_err();
            assert!(e.contains("groups[0].slug"), "{bad}: {e}");
        }
    }

    #[test]
    fn rejects_top_above_ten() {
        let e = parse("[ranking]\ntop = 11\n").unwrap_err();
        assert!(
            e.contains("ranking.top") && e.contains("site.toml:2:1"),
            "{e}"
        );
        assert!(parse("[ranking]\ntop = 10\n").is_ok());
    }

    #[test]
    fn rejects_a_base_url_that_is_not_absolute_http() {
        for bad in ["example.com", "/circles/", "ftp://example.com/", "https://"] {
            let e = parse(&format!("[site]\nbase_url = \"{bad}\"\n")).unwrap_err();
            assert!(e.contains("site.base_url"), "{bad}: {e}");
        }
        assert!(parse("[site]\nbase_url = \"https://x.github.io/sub/path\"\n").is_ok());
    }

    #[test]
    fn rejects_a_missing_config_file() {
        let e = Config::load(Path::new("/nonexistent/site.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("/nonexistent/site.toml") && e.contains("init"),
            "{e}"
        );
    }

    #[test]
    fn rejects_a_wrong_type_naming_the_key() {
        let e = parse("[ranking]\ntop = \"five\"\n").unwrap_err();
        assert!(e.contains("site.toml:2:7"), "{e}");
    }

    #[test]
    fn rejects_a_graph_id_that_is_a_url_naming_key_and_line() {
        let e = parse("[[groups]]\nid = \"https://www.facebook.com/MyPage\"\nslug = \"a\"\n")
            .unwrap_err();
        assert!(e.starts_with("site.toml:2:"), "{e}");
        assert!(
            e.contains("key `groups[0].id`") && e.contains("not its URL"),
            "{e}"
        );
        for ok in ["1234567890", "my.page-name_2"] {
            parse(&format!("[[groups]]\nid = \"{ok}\"\nslug = \"a\"\n")).unwrap();
        }
    }

    #[test]
    fn rejects_import_keys_on_a_graph_group() {
        let e = parse("[[groups]]\nid = \"1\"\nslug = \"a\"\nformat = \"csv\"\n").unwrap_err();
        assert!(e.contains("only for `kind = \"import\"`"), "{e}");
    }

    const IMPORT: &str = "[[groups]]\nid = \"1\"\nslug = \"a\"\nkind = \"import\"\n";

    #[test]
    fn rejects_an_unknown_import_format_naming_key_line_and_choices() {
        let e = parse(&format!("{IMPORT}path = \"x\"\nformat = \"xml\"\n")).unwrap_err();
        assert!(e.starts_with("site.toml:6:10:"), "{e}");
        assert!(
            e.contains("key `format`: `xml`") && e.contains("\"jsonl\""),
            "{e}"
        );
    }

    #[test]
    fn rejects_an_unknown_preset_naming_key_and_line() {
        let e = parse(&format!("{IMPORT}path = \"x.csv\"\npreset = \"apify\"\n")).unwrap_err();
        assert!(e.starts_with("site.toml:6:10:"), "{e}");
        assert!(
            e.contains("key `preset`: `apify`") && e.contains("facebook-scraper"),
            "{e}"
        );
    }

    #[test]
    fn rejects_an_unknown_field_in_the_mapping() {
        let e = parse(&format!(
            "{IMPORT}path = \"x.csv\"\n[groups.fields]\nid = \"post_id\"\nlikes = \"likes\"\n"
        ))
        .unwrap_err();
        assert!(e.starts_with("site.toml:8:1:"), "{e}");
        assert!(e.contains("likes") && e.contains("reactions"), "{e}");
    }

    #[test]
    fn import_format_defaults_from_the_file_extension() {
        let c = parse(&format!("{IMPORT}path = \"exports/posts.NDJSON\"\n")).unwrap();
        assert_eq!(c.groups[0].import_format(), Some(ImportFormat::Jsonl));
        assert_eq!(c.groups[0].preset, None, "generic is applied when reading");
        let e = parse(&format!("{IMPORT}path = \"imports\"\n")).unwrap_err();
        assert!(
            e.contains("groups[0].format") && e.contains("needs `format`"),
            "{e}"
        );
    }

    #[test]
    fn reads_a_preset_with_field_overrides() {
        let c = parse(&format!(
            "{IMPORT}path = \"x.json\"\npreset = \"facebook-scraper\"\n[groups.fields]\ncomments = \"stats.comments\"\n"
        ))
        .unwrap();
        let g = &c.groups[0];
        assert_eq!(g.preset, Some(ImportPreset::FacebookScraper));
        let f = g.fields.as_ref().unwrap();
        assert_eq!(f.comments.as_deref(), Some("stats.comments"));
        assert_eq!(f.id, None);
    }

    #[test]
    fn rejects_a_mapping_for_graph_pages_and_an_empty_id_field() {
        let e = parse(&format!(
            "{IMPORT}path = \"g\"\nformat = \"graph\"\npreset = \"generic\"\n"
        ))
        .unwrap_err();
        assert!(e.contains("do not apply to `format = \"graph\"`"), "{e}");
        let e = parse(&format!(
            "{IMPORT}path = \"x.csv\"\n[groups.fields]\nid = \"\"\n"
        ))
        .unwrap_err();
        assert!(
            e.contains("groups[0].fields.id") && e.starts_with("site.toml:7:1:"),
            "{e}"
        );
    }

    #[test]
    fn invalid_values_are_located_by_their_full_key_path() {
        let e = parse("[ranking.weights]\ncomments = -1\n").unwrap_err();
        assert!(
            e.starts_with("site.toml:2:1: key `ranking.weights.comments`"),
            "{e}"
        );
        let e = parse("[ranking]\nweights.shares = -1\n").unwrap_err();
        assert!(
            e.starts_with("site.toml:2:9: key `ranking.weights.shares`"),
            "{e}"
        );
        let e = parse("site = { timezone = \"Nope\" }\n").unwrap_err();
        assert!(e.starts_with("site.toml:1:10: key `site.timezone`"), "{e}");
        // The second group's empty id, not the first group's `fields.id` line.
        let e = parse(&format!(
            "{IMPORT}path = \"x.csv\"\n[groups.fields]\nid = \"post_id\"\n[[groups]]\nslug = \"b\"\nid = \"\"\n"
        ))
        .unwrap_err();
        assert!(e.starts_with("site.toml:10:1: key `groups[1].id`"), "{e}");
    }

    #[test]
    fn rejects_an_empty_bot_button_label() {
        let e = parse("[bot]\nall_label = \"  \"\n").unwrap_err();
        assert!(
            e.contains("bot.all_label") && e.contains("site.toml:2:1"),
            "{e}"
        );
    }

    #[test]
    fn base_url_always_ends_in_one_slash() {
        let c = parse("[site]\nbase_url = \"https://x.github.io/sub\"\n").unwrap();
        assert_eq!(c.base_url(), "https://x.github.io/sub/");
    }
}
