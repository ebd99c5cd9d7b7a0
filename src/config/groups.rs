//! `[[groups]]`: the groups and Pages of a site, and the keys of import and apify groups.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{ConfigError, Locator};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupKind {
    /// A Facebook group (`/{id}/feed`).
    Group,
    /// A Facebook Page (`/{id}/feed`, Page token).
    Page,
    /// Exported posts read from files (`path`, `format`, `fields`).
    Import,
    /// A public group's posts scraped by an Apify actor (`url`, `[groups.apify]`).
    Apify,
}

impl GroupKind {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupKind::Group => "group",
            GroupKind::Page => "page",
            GroupKind::Import => "import",
            GroupKind::Apify => "apify",
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
    /// `<html lang>` of this group's pages (e.g. "es", "ja"). Default: `site.language`.
    #[serde(default)]
    pub language: Option<String>,
    /// "group", "page", "import" or "apify". Default: "group".
    #[serde(default = "default_group_kind")]
    pub kind: GroupKind,
    /// Import only: a file or folder of exported posts, relative to `site.toml`.
    #[serde(default)]
    pub path: Option<PathBuf>,
    /// Import only: "json", "jsonl", "csv", "xlsx" or "graph". Default: from the extension
    /// of a file (`.json`, `.jsonl`/`.ndjson`, `.csv`/`.tsv`, `.xlsx`), also for each file of
    /// a folder; set it for a folder to read only files of that format.
    #[serde(default)]
    pub format: Option<ImportFormat>,
    /// Import only: a built-in field mapping, "generic" or "facebook-scraper". Default: "generic".
    #[serde(default)]
    pub preset: Option<ImportPreset>,
    /// Import and apify only: per-field overrides of the preset's mapping. Default: none.
    #[serde(default)]
    pub fields: Option<ImportFields>,
    /// Import only, CSV: the column separator, "," ";" "|" or "tab". Default: detected from
    /// the header row.
    #[serde(default)]
    pub delimiter: Option<Delimiter>,
    /// Import only, JSON: the key (or dotted path) of the array of posts in a JSON object
    /// file. Default: the object's only array (or the preset's).
    #[serde(default)]
    pub rows: Option<String>,
    /// Import only: the text encoding of the export files, "utf-8" or "windows-1252"
    /// (Excel's "CSV" on Windows in Western locales). Default: "utf-8".
    #[serde(default)]
    pub encoding: Option<Encoding>,
    /// Apify only: the group's address, `https://www.facebook.com/groups/<name or id>`.
    /// Required for `kind = "apify"`.
    #[serde(default)]
    pub url: Option<String>,
    /// Apify only: `[groups.apify]`, what this group adds to the run's input.
    /// Default: nothing.
    #[serde(default)]
    pub apify: Option<super::GroupApify>,
    /// Who may see the group on the site: "public", "unlisted" or "private". Default: from
    /// the source ("public" for a Page or an OPEN group, "private" for a CLOSED or SECRET
    /// group, a group whose privacy is not known, and an import); see
    /// `privacy::visibility`.
    #[serde(default)]
    pub visibility: Option<Visibility>,
}

/// `visibility` of a group: what of it the site publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Rendered, listed on the home page, in the sitemap and the site feed.
    Public,
    /// Rendered, with `noindex`, but listed nowhere: only who has its URL finds it.
    Unlisted,
    /// Archived in `data/`, never rendered.
    Private,
}

impl Visibility {
    pub const NAMES: &'static str = "\"public\", \"unlisted\" or \"private\"";

    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Unlisted => "unlisted",
            Visibility::Private => "private",
        }
    }
}

impl<'de> Deserialize<'de> for Visibility {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        [Self::Public, Self::Unlisted, Self::Private]
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| {
                serde::de::Error::custom(format!("`{s}` is not a visibility; use {}", Self::NAMES))
            })
    }
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

/// `delimiter` of a CSV import group: one ASCII byte that separates columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delimiter(pub u8);

/// As it is written in site.toml (`"tab"` for a tab), so a serialized config reads back.
impl Serialize for Delimiter {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            b'\t' => s.serialize_str("tab"),
            b => s.serialize_str(&(b as char).to_string()),
        }
    }
}

impl Delimiter {
    const CHOICES: &'static str = "\",\", \";\", \"|\" or \"tab\"";

    /// `,` `;` `|`, or a tab written as "tab", "\t" or a tab character.
    fn from_name(s: &str) -> Option<Self> {
        match s {
            "," | ";" | "|" => Some(Delimiter(s.as_bytes()[0])),
            "\t" | "\\t" | "tab" | "TAB" | "Tab" => Some(Delimiter(b'\t')),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Delimiter {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::from_name(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{}` is not a CSV delimiter; use {}",
                s.escape_debug(),
                Self::CHOICES
            ))
        })
    }
}

/// `encoding` of an import group's files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    #[default]
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "windows-1252")]
    Windows1252,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

impl<'de> Deserialize<'de> for Encoding {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            // Latin-1 files are read as Windows-1252, its superset, as browsers do.
            "windows-1252" | "cp1252" | "latin1" | "latin-1" | "iso-8859-1" => {
                Ok(Encoding::Windows1252)
            }
            _ => Err(serde::de::Error::custom(format!(
                "`{s}` is not an encoding groupdigest reads; use \"utf-8\" or \"windows-1252\" (UTF-16 files: save them as UTF-8)"
            ))),
        }
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
    /// An Excel workbook: its first sheet, read as a CSV file's rows.
    Xlsx,
}

impl ImportFormat {
    pub const NAMES: &'static str = "\"json\", \"jsonl\", \"csv\", \"xlsx\" or \"graph\"";

    pub fn as_str(self) -> &'static str {
        match self {
            ImportFormat::Json => "json",
            ImportFormat::Jsonl => "jsonl",
            ImportFormat::Csv => "csv",
            ImportFormat::Graph => "graph",
            ImportFormat::Xlsx => "xlsx",
        }
    }

    fn from_name(s: &str) -> Option<Self> {
        [Self::Json, Self::Jsonl, Self::Csv, Self::Graph, Self::Xlsx]
            .into_iter()
            .find(|f| f.as_str() == s)
    }

    /// The format a file extension (lowercase, no dot) implies. `.json` is a JSON array:
    /// Graph pages must be asked for by name.
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext {
            "json" => Some(Self::Json),
            "jsonl" | "ndjson" => Some(Self::Jsonl),
            "csv" | "tsv" => Some(Self::Csv),
            "xlsx" => Some(Self::Xlsx),
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
                "`{s}` is not an import format; use {}",
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
    /// shares, reactions.
    #[default]
    Generic,
    /// The Python `facebook-scraper`'s post dicts (post_id, text, time, post_url, ...).
    FacebookScraper,
    /// Apify's Facebook Groups Scraper dataset items (legacyId, text, time, url,
    /// likesCount, ...), as JSON, JSON Lines, CSV or Excel; also the live `kind = "apify"`
    /// source's mapping.
    Apify,
    /// Facebook's own "Download your information" archive: `your_posts_in_groups.json`,
    /// in its `.zip` or extracted. No ids (made from time and text), no counts.
    FacebookDyi,
    /// Bright Data's "Facebook posts by group URL" dataset (post_id, content,
    /// date_posted, num_comments, ...).
    Brightdata,
}

impl ImportPreset {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportPreset::Generic => "generic",
            ImportPreset::FacebookScraper => "facebook-scraper",
            ImportPreset::Apify => "apify",
            ImportPreset::FacebookDyi => "facebook-dyi",
            ImportPreset::Brightdata => "brightdata",
        }
    }

    pub const ALL: [ImportPreset; 5] = [
        ImportPreset::Generic,
        ImportPreset::FacebookScraper,
        ImportPreset::Apify,
        ImportPreset::FacebookDyi,
        ImportPreset::Brightdata,
    ];

    pub const NAMES: &'static str =
        "\"generic\", \"facebook-scraper\", \"apify\", \"facebook-dyi\" or \"brightdata\"";
}

impl<'de> Deserialize<'de> for ImportPreset {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                serde::de::Error::custom(format!("`{s}` is not a preset; use {}", Self::NAMES))
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
    /// The page the post shares (http(s); one on Facebook itself is not kept). Default:
    /// the preset's.
    pub link: Option<String>,
    /// The shared page's title, what a post without text is titled by. Default: the
    /// preset's.
    pub link_title: Option<String>,
    /// Ignored: author names are never stored or published. Accepted so that an older
    /// `site.toml` still loads (`check` says it has no effect).
    pub author: Option<String>,
}

impl GroupConfig {
    /// Rules that span several keys of group `i`.
    pub(super) fn validate(&self, i: usize, at: &Locator) -> Result<(), ConfigError> {
        let key = |k: &str| format!("groups[{i}].{k}");
        if !is_url_safe_slug(&self.slug) {
            return Err(at.error(
                &key("slug"),
                format!(
                    "`{}` is not URL-safe; use lowercase letters, digits, `-` and `_`, starting with a letter or digit",
                    self.slug
                ),
            ));
        }
        if RESERVED_SLUGS.contains(&self.slug.as_str()) {
            return Err(at.error(
                &key("slug"),
                format!("`{}` is reserved for the site's own files", self.slug),
            ));
        }
        if self.id.trim().is_empty() {
            return Err(at.error(&key("id"), "is empty"));
        }
        if let Some(lang) = &self.language {
            if !is_language_tag(lang) {
                return Err(at.error(
                    &key("language"),
                    format!("`{lang}` is not a language tag (e.g. \"es\", \"ja\", \"pt-BR\")"),
                ));
            }
        }
        let graph_id = self
            .id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
            && self.id != "."
            && self.id != "..";
        if !matches!(self.kind, GroupKind::Import | GroupKind::Apify) && !graph_id {
            return Err(at.error(
                &key("id"),
                format!(
                    "`{}` is not a Graph id; use the group's or Page's numeric id (or the Page's username), not its URL",
                    self.id
                ),
            ));
        }
        let import_only = self.path.is_some()
            || self.format.is_some()
            || self.preset.is_some()
            || (self.fields.is_some() && self.kind != GroupKind::Apify)
            || self.delimiter.is_some()
            || self.rows.is_some()
            || self.encoding.is_some();
        if self.kind != GroupKind::Import && import_only {
            return Err(at.error(
                &key("kind"),
                format!(
                    "group `{}`: `path`, `format`, `preset`, `fields`, `delimiter`, `rows` and `encoding` are only for `kind = \"import\"`",
                    self.slug
                ),
            ));
        }
        if self.kind != GroupKind::Apify && (self.url.is_some() || self.apify.is_some()) {
            let k = if self.url.is_some() { "url" } else { "apify" };
            return Err(at.error(
                &key(k),
                format!(
                    "group `{}`: `url` and `[groups.apify]` are only for `kind = \"apify\"`",
                    self.slug
                ),
            ));
        }
        match self.kind {
            GroupKind::Import => self.validate_import(i, at)?,
            GroupKind::Apify => self.validate_apify(i, at)?,
            GroupKind::Group | GroupKind::Page => {}
        }
        Ok(())
    }

    /// The keys of group `i`, which is `kind = "apify"`: a Facebook group's address.
    fn validate_apify(&self, i: usize, at: &Locator) -> Result<(), ConfigError> {
        let key = |k: &str| format!("groups[{i}].{k}");
        let Some(url) = &self.url else {
            return Err(at.error(
                &key("kind"),
                format!(
                    "group `{}`: `kind = \"apify\"` needs `url`, the group's address (`https://www.facebook.com/groups/<name>`)",
                    self.slug
                ),
            ));
        };
        if let Err(why) = facebook_group_url(url) {
            return Err(at.error(&key("url"), format!("`{url}` {why}")));
        }
        if let Some(f) = &self.fields {
            for (name, value) in [("id", &f.id), ("created_time", &f.created_time)] {
                if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                    return Err(at.error(
                        &key(&format!("fields.{name}")),
                        "cannot be empty: every post needs one",
                    ));
                }
            }
        }
        Ok(())
    }

    /// The import keys of group `i`, which is `kind = "import"`.
    fn validate_import(&self, i: usize, at: &Locator) -> Result<(), ConfigError> {
        let key = |k: &str| format!("groups[{i}].{k}");
        if self.path.is_none() {
            return Err(at.error(
                &key("kind"),
                format!(
                    "group `{}`: `kind = \"import\"` needs `path` (a file or a folder of exported posts)",
                    self.slug
                ),
            ));
        }
        let ext = self
            .path
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match self.import_format() {
            // A folder's files are each read by their extension; a `.zip` by its entries'.
            None if ext.is_none() || ext.as_deref() == Some("zip") => {}
            None => {
                return Err(at.error(
                    &key("format"),
                    format!(
                        "group `{}` needs `format` ({}); it cannot be told from `path`",
                        self.slug,
                        ImportFormat::NAMES
                    ),
                ))
            }
            Some(ImportFormat::Graph) if self.preset.is_some() || self.fields.is_some() => {
                return Err(at.error(
                    &key(if self.preset.is_some() { "preset" } else { "fields" }),
                    format!(
                        "group `{}`: `preset` and `fields` do not apply to `format = \"graph\"`, whose shape is fixed",
                        self.slug
                    ),
                ))
            }
            Some(format) => {
                let only = |k: &str, wanted: ImportFormat| {
                    at.error(
                        &key(k),
                        format!(
                            "is only for `format = \"{}\"`; group `{}` reads \"{}\"",
                            wanted.as_str(),
                            self.slug,
                            format.as_str()
                        ),
                    )
                };
                if self.delimiter.is_some() && format != ImportFormat::Csv {
                    return Err(only("delimiter", ImportFormat::Csv));
                }
                if self.rows.is_some() && format != ImportFormat::Json {
                    return Err(only("rows", ImportFormat::Json));
                }
                if self.rows.as_deref().is_some_and(|r| r.trim().is_empty()) {
                    return Err(at.error(
                        &key("rows"),
                        "is empty; name the key of the array of posts (`rows = \"posts\"`) or remove it",
                    ));
                }
            }
        }
        if let Some(f) = &self.fields {
            for (name, value) in [("id", &f.id), ("created_time", &f.created_time)] {
                if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                    return Err(at.error(
                        &key(&format!("fields.{name}")),
                        "cannot be empty: every post needs one",
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Why `s` is not a Facebook group's address (`https://www.facebook.com/groups/<name>`,
/// on facebook.com or one of its subdomains), if it is not.
pub(crate) fn facebook_group_url(s: &str) -> Result<(), &'static str> {
    let u = super::site::check_http_url(s)?;
    let host = u.host_str().unwrap_or_default().to_ascii_lowercase();
    let facebook = host == "facebook.com" || host.ends_with(".facebook.com");
    let mut path = u.path_segments().into_iter().flatten();
    let group = path.next() == Some("groups") && path.next().is_some_and(|g| !g.is_empty());
    if facebook && group {
        Ok(())
    } else {
        Err("is not a Facebook group's address; copy it from the group's page: `https://www.facebook.com/groups/<name or id>`")
    }
}

/// A BCP 47 language tag's shape, as `<html lang>` takes it: letters first, then letters,
/// digits and `-`.
pub(crate) fn is_language_tag(s: &str) -> bool {
    s.len() <= 35
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Slugs that name the site's own folders, not a group's.
pub(crate) const RESERVED_SLUGS: [&str; 2] = ["latest", "static"];

pub(crate) fn is_url_safe_slug(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl fmt::Display for GroupKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
