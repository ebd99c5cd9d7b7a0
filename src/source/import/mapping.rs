//! Field mapping: where each post field is in an exported row (a preset, overridden field by
//! field from `[groups.fields]`), and the conversion of a row's values into a `Post`.
//!
//! Exports are loose: counts come as numbers, numeric strings, `12.0` from pandas, Graph
//! `{"summary": {"total_count": n}}` objects or facebook-scraper's dict of counts per
//! reaction. Everything that can be read unambiguously is; anything else rejects the row
//! with a reason that names the column, so nothing is dropped silently.

use chrono_tz::Tz;
use serde_json::Value;

use super::time::{from_unix, is_relative, parse_time};
use crate::config::{ImportFields, ImportPreset};
use crate::model::{http_url, Link, Post};

/// The post fields an export can map, in `[groups.fields]` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Id,
    Text,
    CreatedTime,
    Permalink,
    Picture,
    Comments,
    Shares,
    Reactions,
    Link,
    LinkTitle,
}

impl Field {
    pub(crate) const ALL: [Field; 10] = [
        Field::Id,
        Field::Text,
        Field::CreatedTime,
        Field::Permalink,
        Field::Picture,
        Field::Comments,
        Field::Shares,
        Field::Reactions,
        Field::Link,
        Field::LinkTitle,
    ];

    /// The field's key in `[groups.fields]`.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Text => "text",
            Field::CreatedTime => "created_time",
            Field::Permalink => "permalink",
            Field::Picture => "picture",
            Field::Comments => "comments",
            Field::Shares => "shares",
            Field::Reactions => "reactions",
            Field::Link => "link",
            Field::LinkTitle => "link_title",
        }
    }

    /// The counts: an absent one is 0.
    pub(crate) fn is_count(self) -> bool {
        matches!(self, Field::Comments | Field::Shares | Field::Reactions)
    }

    /// Fields a row cannot do without.
    pub(crate) fn required(self) -> bool {
        matches!(self, Field::Id | Field::CreatedTime)
    }
}

/// Where a preset looks for a field: candidates in order, the first present one wins, so a
/// preset can cover the variants of one tool (facebook-scraper's `reaction_count`, its
/// `reactions` dict, or only `likes` without the reactions option). Each preset's names are
/// the tool's own, documented (with the tool's docs cited) in docs/import.md.
fn preset_paths(preset: ImportPreset, field: Field) -> &'static [&'static str] {
    match preset {
        ImportPreset::Generic => match field {
            Field::Id => &["id"],
            Field::Text => &["text"],
            Field::CreatedTime => &["created_time"],
            Field::Permalink => &["permalink"],
            Field::Picture => &["picture"],
            Field::Comments => &["comments"],
            Field::Shares => &["shares"],
            Field::Reactions => &["reactions"],
            Field::Link => &["link"],
            Field::LinkTitle => &["link_title"],
        },
        ImportPreset::FacebookScraper => match field {
            Field::Id => &["post_id"],
            Field::Text => &["text", "post_text"],
            // `timestamp` is the exact instant; `time` is the scraping machine's wall clock.
            Field::CreatedTime => &["timestamp", "time"],
            Field::Permalink => &["post_url"],
            Field::Picture => &["image", "image_lowquality"],
            Field::Comments => &["comments"],
            Field::Shares => &["shares"],
            Field::Reactions => &["reaction_count", "reactions", "likes"],
            // The external link the post shares, already unwrapped from Facebook's redirect.
            Field::Link => &["link"],
            Field::LinkTitle => &[],
        },
        // Apify's Facebook Groups Scraper (`apify~facebook-groups-scraper`). `legacyId` is
        // the numeric post id of the permalink; `id` is Facebook's opaque node id, used when
        // an item lacks it. `likesCount` is the total of every reaction; `topReactionsCount`
        // is the number of reaction *kinds* shown, never a count of reactions. In its CSV
        // and Excel exports, nested fields are columns joined by `/`: `attachments/0/thumbnail`.
        ImportPreset::Apify => match field {
            Field::Id => &["legacyId", "postId", "id"],
            Field::Text => &["text", "message"],
            Field::CreatedTime => &["time", "timestamp"],
            Field::Permalink => &["url", "postUrl"],
            Field::Picture => &[
                "attachments.0.thumbnail",
                "attachments.0.photo_image.uri",
                "attachments.0.image.uri",
                "media.0.thumbnail",
            ],
            Field::Comments => &["commentsCount"],
            Field::Shares => &["sharesCount"],
            Field::Reactions => &["likesCount", "reactionsCount"],
            // The actor's sample item shows no shared link; `link` is the name Apify's other
            // Facebook actors give one.
            Field::Link => &["link"],
            Field::LinkTitle => &[],
        },
        // Facebook's "Download your information" `your_posts_in_groups.json`: the text in
        // `data[].post`, the time in `timestamp` (Unix seconds). It has no post id (one is
        // made from time and text: `Mapping::synthetic_ids`), no permalink, no counts, and
        // its pictures are files inside the archive, not URLs; a shared link is an
        // attachment's `external_context` (`url`, and `name`, its title).
        ImportPreset::FacebookDyi => match field {
            Field::Id => &[],
            Field::Text => &["data.0.post", "data.1.post", "data.2.post"],
            Field::CreatedTime => &["timestamp"],
            Field::Link => &[
                "attachments.0.data.0.external_context.url",
                "attachments.1.data.0.external_context.url",
            ],
            Field::LinkTitle => &[
                "attachments.0.data.0.external_context.name",
                "attachments.1.data.0.external_context.name",
            ],
            _ => &[],
        },
        // Bright Data's "Facebook - Posts by group URL" dataset. `likes` is the total of
        // reactions; `num_likes_type` (a list of `{type, num}`) is summed without it.
        ImportPreset::Brightdata => match field {
            Field::Id => &["post_id", "shortcode"],
            Field::Text => &["content", "text"],
            Field::CreatedTime => &["date_posted"],
            Field::Permalink => &["url"],
            Field::Picture => &[
                "attachments.0.url",
                "post_external_image",
                "attachments.0.video_thumbnail",
            ],
            Field::Comments => &["num_comments"],
            Field::Shares => &["num_shares"],
            Field::Reactions => &["likes", "num_likes", "num_likes_type"],
            Field::Link => &["post_external_link"],
            Field::LinkTitle => &["post_external_title"],
        },
    }
}

/// Where a preset's tool puts the array of posts in a JSON object file, tried in order
/// when `rows` is not set (Facebook's archive has changed its key over the years).
pub(crate) fn preset_rows(preset: ImportPreset) -> &'static [&'static str] {
    match preset {
        ImportPreset::FacebookDyi => &["group_posts_v2", "group_posts.activity_log_data"],
        _ => &[],
    }
}

/// The names a preset's tool writes that no other tool does, to suggest the preset for a
/// file that fits no mapping.
fn preset_marks(preset: ImportPreset) -> &'static [&'static str] {
    match preset {
        ImportPreset::Generic => &["created_time"],
        ImportPreset::FacebookScraper => &["post_id", "post_url", "timestamp", "reaction_count"],
        ImportPreset::Apify => &["facebookUrl", "legacyId", "likesCount", "commentsCount"],
        ImportPreset::FacebookDyi => &["group_posts_v2", "group_posts", "activity_log_data"],
        ImportPreset::Brightdata => &["date_posted", "num_comments", "num_shares", "content"],
    }
}

/// The preset whose tool's names a file has (its CSV columns or first row's keys), when it
/// is not the one in use: at least two of the tool's marks, the best match first.
pub(crate) fn suggest_preset(names: &[String], current: ImportPreset) -> Option<ImportPreset> {
    let flat = |n: &str| n.split(['/', '.']).next().unwrap_or(n).to_string();
    let names: Vec<String> = names.iter().map(|n| flat(n)).collect();
    ImportPreset::ALL
        .into_iter()
        .filter(|&p| p != current)
        .map(|p| {
            let hits = preset_marks(p)
                .iter()
                .filter(|m| names.iter().any(|n| n == *m))
                .count();
            (hits, p)
        })
        .filter(|&(hits, p)| hits >= 2 || (hits == 1 && p == ImportPreset::FacebookDyi))
        .max_by_key(|&(hits, _)| hits)
        .map(|(_, p)| p)
}

/// The effective mapping of one import group.
#[derive(Debug, Clone)]
pub(crate) struct Mapping {
    paths: [Vec<String>; Field::ALL.len()],
    /// Which fields `[groups.fields]` set, so a column it names but the file lacks is reported.
    explicit: [bool; Field::ALL.len()],
    pub preset: ImportPreset,
    /// Facebook's archive only: the group's name, which a post's `title` must hold ("Ana
    /// posted in <name>."), as the file also holds the user's posts in other groups.
    pub group_name: Option<String>,
}

impl Mapping {
    pub(crate) fn new(preset: ImportPreset, fields: Option<&ImportFields>) -> Mapping {
        let fields = fields.cloned().unwrap_or_default();
        let overrides = [
            fields.id,
            fields.text,
            fields.created_time,
            fields.permalink,
            fields.picture,
            fields.comments,
            fields.shares,
            fields.reactions,
            fields.link,
            fields.link_title,
        ];
        let mut explicit = [false; Field::ALL.len()];
        let paths = std::array::from_fn(|i| match &overrides[i] {
            Some(path) => {
                explicit[i] = !path.trim().is_empty();
                // `""` unmaps the field.
                if path.trim().is_empty() {
                    Vec::new()
                } else {
                    vec![path.trim().to_string()]
                }
            }
            None => preset_paths(preset, Field::ALL[i])
                .iter()
                .map(|p| p.to_string())
                .collect(),
        });
        Mapping {
            paths,
            explicit,
            preset,
            group_name: None,
        }
    }

    /// The preset's tool writes text as UTF-8 bytes escaped one by one as Latin-1
    /// characters (`sÃ¡bado` for `sábado`): repaired on read.
    pub(crate) fn repairs_mojibake(&self) -> bool {
        self.preset == ImportPreset::FacebookDyi
    }

    /// The preset's tool writes no post id: one is made from the post's time and text.
    pub(crate) fn synthetic_ids(&self) -> bool {
        self.preset == ImportPreset::FacebookDyi && self.paths(Field::Id).is_empty()
    }

    pub(crate) fn paths(&self, f: Field) -> &[String] {
        &self.paths[f as usize]
    }

    pub(crate) fn is_explicit(&self, f: Field) -> bool {
        self.explicit[f as usize]
    }

    /// "`timestamp` or `time`", for messages.
    pub(crate) fn describe(&self, f: Field) -> String {
        let names: Vec<String> = self.paths(f).iter().map(|p| format!("`{p}`")).collect();
        if names.is_empty() {
            format!("`{}` (unmapped)", f.key())
        } else {
            names.join(" or ")
        }
    }

    /// The first present value of `f` in a JSON row, with the path it was found at.
    pub(crate) fn json_get<'a>(&'a self, row: &'a Value, f: Field) -> Option<(&'a str, Cell<'a>)> {
        self.paths(f).iter().find_map(|p| {
            lookup(row, p)
                .filter(|v| !is_blank(v))
                .map(|v| (p.as_str(), Cell::Json(v)))
        })
    }
}

/// `path` in a JSON object: the whole string as a key first (keys may contain dots), then
/// as a dotted path through nested objects (and array indexes: `images.0`).
pub(crate) fn lookup<'a>(row: &'a Value, path: &str) -> Option<&'a Value> {
    if let Some(v) = row.get(path) {
        return Some(v);
    }
    if !path.contains('.') {
        return None;
    }
    path.split('.').try_fold(row, |v, seg| match v {
        Value::Object(m) => m.get(seg),
        Value::Array(a) => seg.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

/// Null and empty strings count as absent, as exporters write missing values either way.
fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// One value of a row: a CSV cell or a JSON value.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Cell<'a> {
    Text(&'a str),
    Json(&'a Value),
}

impl<'a> Cell<'a> {
    /// The value as it appears, shortened, for messages.
    fn shown(&self) -> String {
        let s = match self {
            Cell::Text(s) => s.to_string(),
            Cell::Json(Value::String(s)) => s.clone(),
            Cell::Json(v) => v.to_string(),
        };
        let mut short: String = s.chars().take(40).collect();
        if short.len() < s.len() {
            short.push('…');
        }
        short
    }

    fn as_str(self) -> Option<&'a str> {
        match self {
            Cell::Text(s) => Some(s),
            Cell::Json(Value::String(s)) => Some(s),
            _ => None,
        }
    }
}

/// Why a row was skipped, or what was dropped from a kept one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// No id or no time under any mapped name: skipped. Kept apart because a file where every
    /// row has it is a mapping that does not fit, not a file of bad rows.
    Missing(String),
    /// The row is not a JSON object (or not JSON): skipped. A file of nothing else is in
    /// another format.
    NotAnObject(String),
    /// The time is relative ("2 hrs", "Yesterday at 3:04 PM"): skipped. Kept apart so the
    /// report says once how to export absolute times.
    Relative(String),
    /// The time is in no form we read (`11/24/2026 18:30`): skipped. Kept apart so the
    /// report says once which forms are read.
    BadTime(String),
    /// Skipped for this reason.
    Skipped(String),
    /// Kept without a field it had in an unusable form.
    Dropped(String),
    /// Facebook's archive: a post in another group (its `title` names that group). Not
    /// imported, and counted rather than listed row by row.
    OtherGroup(String),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Missing(s)
            | Problem::NotAnObject(s)
            | Problem::Relative(s)
            | Problem::BadTime(s)
            | Problem::Skipped(s)
            | Problem::Dropped(s)
            | Problem::OtherGroup(s) => f.write_str(s),
        }
    }
}

/// A row converted: the post, and what was dropped from it (a `javascript:` picture, ...).
#[derive(Debug)]
pub(crate) struct Converted {
    pub post: Post,
    pub note: Option<String>,
    /// The text looked like UTF-8 read as Latin-1 (`sÃ¡bado`) and the preset does not
    /// repair it: the file is warned about once.
    pub mojibake: bool,
}

/// Builds a post from a row; `get` returns the first present value of a field and the column
/// or path it came from; `title` is the row's `title`, which Facebook's archive filters by
/// (`Mapping::group_name`). `Err` is why the row is skipped.
pub(crate) fn convert<'a>(
    mapping: &Mapping,
    tz: Tz,
    title: Option<&str>,
    get: impl Fn(Field) -> Option<(&'a str, Cell<'a>)>,
) -> Result<Converted, Problem> {
    let missing = |f: Field| Problem::Missing(format!("no {} ({})", f.key(), mapping.describe(f)));
    let bad = |key: &str, c: Cell<'_>, what: &str| {
        Problem::Skipped(format!("`{key}` = `{}` is not {what}", c.shown()))
    };
    let id = if mapping.synthetic_ids() {
        None
    } else {
        let (key, id) = get(Field::Id).ok_or_else(|| missing(Field::Id))?;
        let id = match id {
            Cell::Json(Value::Number(n)) => n.to_string(),
            c => c
                .as_str()
                .map(|s| s.trim().to_string())
                .ok_or_else(|| bad(key, c, "a string or a number"))?,
        };
        if is_rounded_number(&id) {
            return Err(Problem::Skipped(format!(
                "`{key}` = `{id}` is an id a spreadsheet rounded to scientific notation, so the \
                 post's real id is lost; export again and import the file as the tool wrote it, \
                 or format the column as Text before saving"
            )));
        }
        Some(id)
    };
    let (key, t) = get(Field::CreatedTime).ok_or_else(|| missing(Field::CreatedTime))?;
    let created_time = match t {
        Cell::Json(Value::Number(n)) => n.as_f64().and_then(from_unix),
        c => c.as_str().and_then(|s| parse_time(s, tz)),
    }
    .ok_or_else(|| match t.as_str() {
        Some(s) if is_relative(s) => Problem::Relative(format!(
            "`{key}` = `{}` is a time relative to when the page was seen, not a date",
            t.shown()
        )),
        _ => Problem::BadTime(format!(
            "`{key}` = `{}` is not a time we can read",
            t.shown()
        )),
    })?;
    if !crate::model::is_plausible_post_time(created_time) {
        let (from, to) = crate::model::PLAUSIBLE_YEARS;
        return Err(bad(key, t, &format!("a post time between {from} and {to}")));
    }
    let mut message = match get(Field::Text) {
        None => None,
        Some((_, Cell::Json(Value::Number(n)))) => Some(n.to_string()),
        Some((key, c)) => Some(c.as_str().ok_or_else(|| bad(key, c, "text"))?.to_string()),
    };
    let mut mojibake = false;
    if let Some(text) = &message {
        match repair_mojibake(text) {
            Some(fixed) if mapping.repairs_mojibake() => message = Some(fixed),
            Some(_) => mojibake = true,
            None => {}
        }
    }
    if let Some(name) = &mapping.group_name {
        let title = title.unwrap_or_default();
        let title = repair_mojibake(title).unwrap_or_else(|| title.to_string());
        if !names_group(&title, name) {
            return Err(Problem::OtherGroup(format!(
                "`title` = `{}` does not name `{name}`",
                Cell::Text(&title).shown()
            )));
        }
    }
    let id = id.unwrap_or_else(|| synthetic_id(created_time, message.as_deref()));
    let count = |f: Field| match get(f) {
        None => Ok(0),
        Some((key, c)) => count_of(c).ok_or_else(|| bad(key, c, "a count")),
    };
    let comments = count(Field::Comments)?;
    let shares = count(Field::Shares)?;
    let reactions = count(Field::Reactions)?;
    let permalink_url = match get(Field::Permalink) {
        None => None,
        Some((key, c)) => Some(
            c.as_str()
                .and_then(http_url)
                .ok_or_else(|| bad(key, c, "an http(s) URL"))?,
        ),
    };
    // A picture or link that is not http(s) is left out, and the row says so.
    let mut dropped = Vec::new();
    let mut url_of = |f: Field| {
        get(f).and_then(|(key, c)| {
            let url = c.as_str().and_then(http_url);
            if url.is_none() {
                dropped.push(format!("`{key}` = `{}` is not an http(s) URL", c.shown()));
            }
            url
        })
    };
    let picture = url_of(Field::Picture);
    let link = url_of(Field::Link).and_then(|url| {
        let title = get(Field::LinkTitle).and_then(|(_, t)| t.as_str());
        let repaired = title
            .filter(|_| mapping.repairs_mojibake())
            .and_then(repair_mojibake);
        // A link to Facebook itself (a shared post, an event) is not a shared page.
        Link::shared(&url, repaired.as_deref().or(title))
    });
    Ok(Converted {
        post: Post {
            id,
            created_time,
            message,
            permalink_url,
            picture,
            comments,
            shares,
            reactions,
            link,
            image: None,
        },
        note: (!dropped.is_empty()).then(|| dropped.join("; ")),
        mojibake,
    })
}

/// A JSON row's `title` when the mapping filters by it (Facebook's archive).
pub(crate) fn row_title<'a>(mapping: &Mapping, row: &'a Value) -> Option<&'a str> {
    mapping.group_name.as_ref()?;
    Some(row.get("title").and_then(Value::as_str).unwrap_or(""))
}

/// Whether a title from Facebook's archive ("Ana García posted in Developer Circle CDMX.",
/// "Ana publicó en …", "Ana shared a link to the group: …") names the group `name`: as a
/// whole, ignoring case, so "CDMX" does not match "CDMX Devs".
fn names_group(title: &str, name: &str) -> bool {
    let (title, name) = (title.to_lowercase(), name.trim().to_lowercase());
    if name.is_empty() {
        return false;
    }
    title.match_indices(&name).any(|(at, _)| {
        let before = title[..at].chars().next_back();
        let after = title[at + name.len()..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        edge(before) && edge(after)
    })
}

/// An id made from what Facebook's archive gives (time and text), stable across exports:
/// `fb-` and 16 hex digits of their SHA-256.
fn synthetic_id(t: chrono::DateTime<chrono::Utc>, text: Option<&str>) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(t.timestamp().to_string());
    h.update(b"\n");
    h.update(text.unwrap_or("").as_bytes());
    format!("fb-{}", &hex::encode(h.finalize())[..16])
}

/// `1,0645E+15`, `1.06451E+15`, `1E+15`: a long number a spreadsheet shows (and saves) in
/// scientific notation, its last digits gone.
fn is_rounded_number(id: &str) -> bool {
    let Some((mantissa, exp)) = id.split_once(['E', 'e']) else {
        return false;
    };
    let exp = exp.strip_prefix('+').unwrap_or(exp);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once(['.', ',']) {
        Some((int, frac)) => digits(int) && digits(frac),
        None => digits(mantissa),
    };
    mantissa_ok && digits(exp)
}

/// Text that is UTF-8 read as Latin-1, repaired: every character is below U+0100, some
/// above U+007F, and their bytes are valid UTF-8 with a character a byte cannot be
/// (`sÃ¡bado` → `sábado`, `ð\u{9f}\u{98}\u{80}` → 😀). `None` for any other text, so a
/// genuine `café` stays as it is.
pub(crate) fn repair_mojibake(s: &str) -> Option<String> {
    if s.is_ascii() || s.chars().any(|c| c as u32 > 0xFF) {
        return None;
    }
    let bytes: Vec<u8> = s.chars().map(|c| c as u32 as u8).collect();
    let fixed = String::from_utf8(bytes).ok()?;
    (fixed != s).then_some(fixed)
}

/// A count in any form exports write one: see the module doc.
fn count_of(c: Cell<'_>) -> Option<u64> {
    match c {
        Cell::Json(v) => count_json(v),
        Cell::Text(s) => count_text(s),
    }
}

fn count_text(s: &str) -> Option<u64> {
    let s = s.trim();
    if let Ok(n) = s.parse::<u64>() {
        return Some(n);
    }
    if let Ok(f) = s.parse::<f64>() {
        return whole(f);
    }
    // A dict in a CSV cell: JSON, or Python's repr with single quotes (facebook-scraper's
    // reactions written by the csv module or pandas).
    if s.starts_with('{') {
        let v = serde_json::from_str::<Value>(s)
            .or_else(|_| serde_json::from_str::<Value>(&s.replace('\'', "\"")))
            .ok()?;
        return count_json(&v);
    }
    None
}

fn count_json(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64().or_else(|| n.as_f64().and_then(whole)),
        Value::String(s) => count_text(s),
        Value::Object(o) => {
            // Graph shapes first: `shares.count`, `comments.summary.total_count`.
            if let Some(c) = o.get("count") {
                return count_json(c);
            }
            if let Some(c) = o.get("summary").and_then(|s| s.get("total_count")) {
                return count_json(c);
            }
            // An edge without its summary (older exports): the `data` present, a lower bound.
            if let Some(Value::Array(data)) = o.get("data") {
                return Some(data.len() as u64);
            }
            // A dict of counts per kind (facebook-scraper's reactions): their sum.
            o.values()
                .try_fold(0u64, |sum, v| sum.checked_add(count_json(v)?))
        }
        // A list of counts per kind (Bright Data's `num_likes_type`: `[{"type": "Like",
        // "num": 40}, …]`): their sum. A list of bare numbers says nothing of what it counts.
        Value::Array(items) if items.iter().all(Value::is_object) && !items.is_empty() => {
            items.iter().try_fold(0u64, |sum, item| {
                let n = ["num", "count", "total_count"]
                    .iter()
                    .find_map(|k| item.get(*k))?;
                sum.checked_add(count_json(n)?)
            })
        }
        _ => None,
    }
}

/// `12.0` (pandas writes integer columns with gaps as floats) is 12; `1.5` and `-1` are
/// not counts.
fn whole(f: f64) -> Option<u64> {
    (f.is_finite() && f >= 0.0 && f.fract() == 0.0 && f < 1.8e19).then_some(f as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const UTC: Tz = chrono_tz::UTC;

    fn convert_json(mapping: &Mapping, row: &Value) -> Result<Converted, String> {
        convert(mapping, UTC, row_title(mapping, row), |f| {
            mapping.json_get(row, f)
        })
        .map_err(|p| p.to_string())
    }

    fn generic() -> Mapping {
        Mapping::new(ImportPreset::Generic, None)
    }

    #[test]
    fn a_time_outside_the_years_posts_can_have_skips_the_row() {
        for t in [
            json!(46345),
            json!(1795111451000000u64),
            json!("+262142-12-31T12:00:00Z"),
        ] {
            let row = json!({"id": "p1", "text": "x", "created_time": t});
            let Err(e) = convert_json(&generic(), &row) else {
                panic!("{t}: not skipped");
            };
            assert!(e.to_string().contains("created_time"), "{t}: {e}");
        }
        let row = json!({"id": "p1", "text": "x", "created_time": 1795111451});
        assert!(
            convert_json(&generic(), &row).is_ok(),
            "seconds in 2026 are fine"
        );
    }

    #[test]
    fn a_shared_link_is_kept_unwrapped_and_one_to_facebook_or_not_http_is_not() {
        let row = json!({"id": "p1", "created_time": 1795111451,
            "link": "https://lm.facebook.com/l.php?u=https%3A%2F%2Fexample.org%2Fa&h=x",
            "link_title": "  A   page\n title "});
        let c = convert_json(&generic(), &row).unwrap();
        let link = c.post.link.unwrap();
        assert_eq!(
            (link.url.as_str(), link.title.as_deref()),
            ("https://example.org/a", Some("A page title"))
        );
        assert_eq!(c.note, None);

        let row = json!({"id": "p1", "created_time": 1795111451,
            "link": "https://www.facebook.com/events/1/", "link_title": "An event"});
        let c = convert_json(&generic(), &row).unwrap();
        assert_eq!(
            (c.post.link, c.note),
            (None, None),
            "Facebook's own page is no shared link"
        );

        let row = json!({"id": "p1", "created_time": 1795111451, "link": "javascript:alert(1)"});
        let c = convert_json(&generic(), &row).unwrap();
        assert_eq!(c.post.link, None);
        assert!(c.note.unwrap().contains("`link` = `javascript:alert(1)`"));
    }

    #[test]
    fn facebook_archive_links_come_from_external_context() {
        let mut m = Mapping::new(ImportPreset::FacebookDyi, None);
        m.group_name = Some("Rust MX".into());
        let row = json!({"timestamp": 1795111451, "title": "Ana shared a link to Rust MX.",
            "attachments": [{"data": [{"external_context": {
                "url": "https://blog.rust-lang.org/", "name": "Versi\u{c3}\u{b3}n de Rust"}}]}]});
        let link = convert_json(&m, &row).unwrap().post.link.unwrap();
        assert_eq!(
            (link.url.as_str(), link.label()),
            ("https://blog.rust-lang.org/", "Versión de Rust"),
            "the archive's Latin-1-escaped title repaired, as its text is"
        );
    }

    #[test]
    fn generic_preset_reads_a_plain_row() {
        let row = json!({"id": "p1", "text": "Hola", "created_time": "2026-11-19T18:04:11Z",
            "permalink": "https://facebook.com/p1", "picture": "https://img/1.jpg",
            "comments": 3, "shares": "2", "reactions": 10.0, "author": "Ana"});
        let c = convert_json(&generic(), &row).unwrap();
        assert_eq!(c.post.id, "p1");
        assert_eq!(c.post.message.as_deref(), Some("Hola"));
        assert_eq!(
            (c.post.comments, c.post.shares, c.post.reactions),
            (3, 2, 10)
        );
        assert_eq!(
            c.post.permalink_url.as_deref(),
            Some("https://facebook.com/p1")
        );
        assert_eq!(c.post.picture.as_deref(), Some("https://img/1.jpg"));
        assert!(
            c.note.is_none(),
            "an author is not read, so not reported either"
        );
    }

    #[test]
    fn facebook_scraper_preset_prefers_timestamp_and_sums_a_reactions_dict() {
        let m = Mapping::new(ImportPreset::FacebookScraper, None);
        let row = json!({"post_id": 3798217391739172831u64, "text": "x", "time": "2026-11-19 10:00:00",
            "timestamp": 1795111451, "post_url": "https://m.facebook.com/groups/g/permalink/1/",
            "image": null, "image_lowquality": "https://img/low.jpg",
            "likes": 27, "comments": 2, "shares": 5, "reactions": {"like": 20, "love": 5, "haha": 2},
            "username": "Ana"});
        let c = convert_json(&m, &row).unwrap();
        assert_eq!(
            c.post.id, "3798217391739172831",
            "a big numeric id stays exact"
        );
        assert_eq!(
            c.post.created_time.to_rfc3339(),
            "2026-11-19T18:04:11+00:00"
        );
        assert_eq!(c.post.reactions, 27);
        assert_eq!(c.post.picture.as_deref(), Some("https://img/low.jpg"));
    }

    #[test]
    fn facebook_scraper_preset_falls_back_to_likes_and_time() {
        let m = Mapping::new(ImportPreset::FacebookScraper, None);
        let row = json!({"post_id": "1", "time": "2026-11-19 18:04:11", "likes": 27});
        let c = convert_json(&m, &row).unwrap();
        assert_eq!(c.post.reactions, 27);
        assert_eq!(
            c.post.created_time.to_rfc3339(),
            "2026-11-19T18:04:11+00:00"
        );
    }

    #[test]
    fn fields_override_the_preset_one_by_one_with_dotted_paths() {
        let fields = ImportFields {
            comments: Some("comments.summary.total_count".into()),
            shares: Some("stats.shares".into()),
            picture: Some(String::new()),
            ..Default::default()
        };
        let m = Mapping::new(ImportPreset::Generic, Some(&fields));
        let row = json!({"id": 1, "created_time": 1795111451000u64, "picture": "javascript:x",
            "comments": {"summary": {"total_count": 37}}, "stats": {"shares": 4}});
        let c = convert_json(&m, &row).unwrap();
        assert_eq!(c.post.id, "1");
        assert_eq!((c.post.comments, c.post.shares), (37, 4));
        assert_eq!(c.post.picture, None);
        assert!(c.note.is_none(), "an unmapped field is not a problem");
        assert!(m.is_explicit(Field::Shares) && !m.is_explicit(Field::Picture));
    }

    #[test]
    fn a_key_with_a_dot_is_found_before_a_nested_path() {
        let row = json!({"stats.comments": 5, "stats": {"comments": 9}, "images": ["a", "b"]});
        assert_eq!(lookup(&row, "stats.comments"), Some(&json!(5)));
        assert_eq!(lookup(&row, "images.1"), Some(&json!("b")));
        assert_eq!(lookup(&row, "stats.nope"), None);
    }

    #[test]
    fn graph_shaped_counts_are_read_from_their_objects() {
        assert_eq!(count_json(&json!({"count": 4})), Some(4));
        assert_eq!(
            count_json(&json!({"data": [], "summary": {"total_count": 37}})),
            Some(37)
        );
        assert_eq!(
            count_json(&json!({"data": [{"id": "c1"}, {"id": "c2"}]})),
            Some(2)
        );
    }

    #[test]
    fn counts_accept_numeric_text_and_python_dicts_but_not_words() {
        assert_eq!(count_text(" 12 "), Some(12));
        assert_eq!(count_text("12.0"), Some(12));
        assert_eq!(count_text("{'like': 3, 'wow': 1}"), Some(4));
        assert_eq!(count_text("{\"like\": 3}"), Some(3));
        for bad in ["many", "1.5", "-1", "{'like': 'lots'}", "NaN", "inf"] {
            assert_eq!(count_text(bad), None, "{bad}");
        }
        assert_eq!(count_json(&json!([1, 2])), None);
        assert_eq!(count_json(&json!(true)), None);
    }

    #[test]
    fn a_row_without_an_id_or_a_time_is_rejected_naming_the_column() {
        let m = Mapping::new(ImportPreset::FacebookScraper, None);
        let e = convert_json(&m, &json!({"time": "2026-11-19"})).unwrap_err();
        assert_eq!(e, "no id (`post_id`)");
        let e = convert_json(&m, &json!({"post_id": "1", "time": ""})).unwrap_err();
        assert_eq!(e, "no created_time (`timestamp` or `time`)");
        let e = convert_json(
            &generic(),
            &json!({"id": "1", "created_time": "next tuesday"}),
        )
        .unwrap_err();
        assert_eq!(
            e,
            "`created_time` = `next tuesday` is not a time we can read"
        );
        let e = convert_json(&generic(), &json!({"id": "1", "created_time": "2 hrs"})).unwrap_err();
        assert_eq!(
            e,
            "`created_time` = `2 hrs` is a time relative to when the page was seen, not a date"
        );
        let e = convert_json(&generic(), &json!({"id": {}, "created_time": 1})).unwrap_err();
        assert_eq!(e, "`id` = `{}` is not a string or a number");
    }

    #[test]
    fn a_bad_count_or_permalink_rejects_the_row() {
        let base = json!({"id": "1", "created_time": "2026-11-19T18:04:11Z"});
        let with = |k: &str, v: Value| {
            let mut r = base.clone();
            r[k] = v;
            convert_json(&generic(), &r)
        };
        assert_eq!(
            with("comments", json!("many")).unwrap_err(),
            "`comments` = `many` is not a count"
        );
        assert!(with("shares", json!(-2)).is_err());
        assert_eq!(
            with("permalink", json!("javascript:alert(1)")).unwrap_err(),
            "`permalink` = `javascript:alert(1)` is not an http(s) URL"
        );
        assert!(with("permalink", json!("/groups/1/posts/2")).is_err());
        assert!(with("text", json!(["a"])).is_err());
    }

    #[test]
    fn a_bad_picture_keeps_the_post_without_it_and_says_so() {
        let row = json!({"id": "1", "created_time": "2026-11-19T18:04:11Z",
            "picture": "data:image/png;base64,xx"});
        let c = convert_json(&generic(), &row).unwrap();
        assert_eq!(c.post.picture, None);
        let note = c.note.unwrap();
        assert!(
            note.contains("`picture` = `data:image/png;base64,xx`"),
            "{note}"
        );
    }

    #[test]
    fn absent_and_blank_counts_are_zero() {
        let row = json!({"id": "1", "created_time": "2026-11-19T18:04:11Z", "comments": null, "shares": ""});
        let c = convert_json(&generic(), &row).unwrap();
        assert_eq!(
            (c.post.comments, c.post.shares, c.post.reactions),
            (0, 0, 0)
        );
    }
}
