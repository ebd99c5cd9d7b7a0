//! The four import formats, each reading one file's text into posts and bad rows.
//!
//! A file that is not in its format at all (invalid JSON, an object where an array belongs,
//! a CSV without the id column) is an `Err` naming what was expected; a row that cannot be
//! used is a `Problem` with its line, and the rest of the file is still read.

use anyhow::{anyhow, bail, Result};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use super::mapping::{convert, Cell, Converted, Field, Mapping, Problem};
use crate::config::ImportFormat;
use crate::model::Post;
use crate::source::graph_json::GraphPost;

/// What one file held.
#[derive(Debug, Default)]
pub(crate) struct FileRows {
    pub posts: Vec<Post>,
    /// (1-based line, problem), in file order.
    pub problems: Vec<(usize, Problem)>,
    /// Notes about the whole file (a column named in `[groups.fields]` it does not have).
    pub notes: Vec<String>,
    /// What no row of the file had that the site needs, as "no post text in any row (…)";
    /// the group's report gathers them over its files, with `names_line`.
    pub missing: Vec<String>,
    /// Which fields at least one row had a value for, by `Field` index.
    found: [bool; Field::ALL.len()],
    /// The file's names, for messages: a CSV's columns, the first JSON row's keys.
    names: Vec<String>,
}

impl FileRows {
    /// Converts one row, remembering which fields it had.
    fn add<'a>(
        &mut self,
        line: usize,
        mapping: &Mapping,
        tz: Tz,
        get: impl Fn(Field) -> Option<(&'a str, Cell<'a>)>,
    ) {
        let found = std::cell::Cell::new(self.found);
        let row = convert(mapping, tz, |f| {
            let value = get(f);
            if value.is_some() {
                let mut seen = found.get();
                seen[f as usize] = true;
                found.set(seen);
            }
            value
        });
        self.found = found.get();
        self.push(line, row);
    }

    /// The first JSON object's keys, for messages.
    fn name_keys(&mut self, row: &Value) {
        if let (true, Value::Object(o)) = (self.names.is_empty(), row) {
            self.names = o.keys().cloned().collect();
        }
    }

    /// The file's names, for messages: "columns: `id`, `text`" or "keys: …".
    pub fn names_line(&self, format: ImportFormat) -> String {
        let what = if format == ImportFormat::Csv {
            "columns"
        } else {
            "keys"
        };
        format!("{what}: {}", listed(&self.names))
    }

    /// What no row of the file had, where the file has no column or key of that name
    /// either (a `text` column empty in every row is a group without text, not a
    /// mapping to fix): a field `[groups.fields]` names (a CSV's missing column is noted
    /// from its header), the post text, or every count, which leaves nothing ranked.
    /// Without a word the site would be silently empty.
    fn note_missing_fields(&mut self, mapping: &Mapping, format: ImportFormat) {
        if self.posts.is_empty() || format == ImportFormat::Graph {
            return;
        }
        let named = |f: Field| {
            mapping
                .paths(f)
                .iter()
                .any(|p| self.names.iter().any(|n| n.eq_ignore_ascii_case(p)))
        };
        let absent = |f: Field| !self.found[f as usize] && !named(f);
        let mut missing = Vec::new();
        for f in [
            Field::Text,
            Field::Permalink,
            Field::Picture,
            Field::Comments,
            Field::Shares,
            Field::Reactions,
        ] {
            if format != ImportFormat::Csv && mapping.is_explicit(f) && absent(f) {
                missing.push(format!(
                    "no {} (`fields.{}`) in any row; every post's {} is left empty{}",
                    mapping.describe(f),
                    f.key(),
                    f.key(),
                    if f.is_count() { " (0)" } else { "" }
                ));
            }
        }
        if absent(Field::Text) && !mapping.is_explicit(Field::Text) {
            missing.push(format!(
                "no post text in any row (no {}); posts are titled by their kind (\"Post\", \"Photo\"); point `[groups.fields] text` at the one that holds the text",
                mapping.describe(Field::Text)
            ));
        }
        let counts = [Field::Comments, Field::Shares, Field::Reactions];
        if counts.iter().all(|&f| absent(f) && !mapping.is_explicit(f)) {
            missing.push(format!(
                "no comments, shares or reactions in any row (no {}, {} or {}); every post scores 0 and none is ranked; point `[groups.fields] comments` (and `shares`, `reactions`) at the ones that hold the counts",
                mapping.describe(Field::Comments),
                mapping.describe(Field::Shares),
                mapping.describe(Field::Reactions)
            ));
        }
        self.missing = missing;
    }

    fn push(&mut self, line: usize, row: Result<Converted, Problem>) {
        match row {
            Ok(c) => {
                if let Some(note) = c.note {
                    self.problems.push((line, Problem::Dropped(note)));
                }
                self.posts.push(c.post);
            }
            Err(p) => self.problems.push((line, p)),
        }
    }
}

/// How one group's files are read: the format, the field mapping and the group's options.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Layout<'a> {
    pub format: ImportFormat,
    pub mapping: &'a Mapping,
    /// The site's, for times without an offset.
    pub tz: Tz,
    /// CSV: `delimiter` from the config; `None` detects it from the header row.
    pub delimiter: Option<u8>,
    /// JSON: `rows` from the config, the key of the array of posts in an object.
    pub rows: Option<&'a str>,
}

/// What to tell a user whose export writes times in a form we do not read, once per group.
pub(crate) const TIME_HINT: &str = "times are read as ISO 8601 (`2026-11-24T18:30:00`, `2026-11-24 18:30`, a date alone, with or without an offset such as `Z` or `-06:00`; without one, in the site's timezone), the Graph API's `2026-11-24T18:30:00+0000`, or Unix seconds or milliseconds. A spreadsheet's local form (`11/24/2026 18:30`, `24/11/2026`) cannot be read safely, as day and month may be either way round: format the column as `yyyy-mm-dd hh:mm` before exporting";

/// What to tell a user whose export has relative times ("2 hrs"), once per group.
pub(crate) const RELATIVE_HINT: &str = "Facebook shows recent posts' times relative to when the page was seen (\"2 hrs\", \"Yesterday at 3:04 PM\"), which names no date; export absolute times instead: facebook-scraper writes them as `timestamp` (Unix seconds) and `time` (both read by `preset = \"facebook-scraper\"`); with another tool, export the post's date and time (`2026-11-19T15:04:00`) and point `[groups.fields] created_time` at that column";

/// Reads one file's text.
pub(crate) fn read(layout: &Layout, text: &str) -> Result<FileRows> {
    // Spreadsheet programs put a byte-order mark in front of UTF-8 files.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Ok(FileRows {
            notes: vec!["is empty; nothing was imported from it".into()],
            ..Default::default()
        });
    }
    let (mapping, tz) = (layout.mapping, layout.tz);
    let mut rows = match layout.format {
        ImportFormat::Csv => read_csv(text, mapping, tz, layout.delimiter)?,
        ImportFormat::Json => read_json(text, mapping, tz, layout.rows)?,
        ImportFormat::Jsonl => read_jsonl(text, mapping, tz)?,
        ImportFormat::Graph => read_graph(text)?,
    };
    rows.note_missing_fields(mapping, layout.format);
    if rows.posts.is_empty() {
        no_posts(&rows, mapping, layout.format)?;
        if layout.format != ImportFormat::Graph {
            rows.notes.push("holds no posts".into());
        }
    }
    Ok(rows)
}

/// A file with rows of which none could be read is not a file of bad rows but a file that
/// does not fit (the mapping, or the times it holds): say so once, failing the group.
fn no_posts(rows: &FileRows, mapping: &Mapping, format: ImportFormat) -> Result<()> {
    let Some((line, first)) = rows.problems.first() else {
        return Ok(());
    };
    let n = rows.problems.len();
    let all = |f: fn(&Problem) -> bool| rows.problems.iter().all(|(_, p)| f(p));
    if all(|p| matches!(p, Problem::Missing(_))) {
        let names = if rows.names.is_empty() {
            String::new()
        } else {
            let whose = if format == ImportFormat::Csv {
                "its"
            } else {
                "its first row's"
            };
            format!("; {whose} {}", rows.names_line(format))
        };
        bail!(
            "no row has what the mapping needs ({first}: {n} of {n} rows); set `preset` or `[groups.fields]` to the file's names (id: {}, created_time: {}){names}",
            mapping.describe(Field::Id),
            mapping.describe(Field::CreatedTime)
        );
    }
    if all(|p| matches!(p, Problem::Relative(_))) {
        bail!(
            "no row has a date: every time is relative (line {line}: {first}; {n} of {n} rows). {RELATIVE_HINT}"
        );
    }
    let more = match n - 1 {
        0 => String::new(),
        m => format!("; {} skipped", crate::ui::count(m, "more row")),
    };
    let hint = if rows
        .problems
        .iter()
        .any(|(_, p)| matches!(p, Problem::BadTime(_)))
    {
        format!(". {}{}", TIME_HINT[..1].to_uppercase(), &TIME_HINT[1..])
    } else {
        String::new()
    };
    bail!("no row could be imported (line {line}: {first}{more}){hint}");
}

/// The delimiter of a CSV file: the one of `,` `;` and tab found most often in its header
/// row outside quotes (European spreadsheets write `;`, some tools tabs); `,` on a tie.
fn detect_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..3).fold(0, |best, i| if counts[i] > counts[best] { i } else { best });
    CANDIDATES[best]
}

/// A delimiter as messages show it.
fn delimiter_name(d: u8) -> String {
    match d {
        b'\t' => "tab".into(),
        d => format!("`{}`", d as char),
    }
}

/// Up to 12 of a file's names, quoted, for messages.
fn listed(names: &[String]) -> String {
    let mut shown: Vec<String> = names.iter().take(12).map(|h| format!("`{h}`")).collect();
    if names.len() > 12 {
        shown.push("…".into());
    }
    if shown.iter().all(|n| n == "``") {
        return "no names".to_string();
    }
    shown.join(", ")
}

fn read_csv(text: &str, mapping: &Mapping, tz: Tz, delimiter: Option<u8>) -> Result<FileRows> {
    let (delim, how) = match delimiter {
        Some(d) => (d, "from `delimiter`"),
        None => (detect_delimiter(text), "detected"),
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| anyhow!("is not CSV: {e}"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = FileRows {
        names: headers.clone(),
        ..FileRows::default()
    };
    // Column indexes per field, in the mapping's order of preference; exact names first,
    // then ignoring case, as spreadsheets like to capitalize headers.
    let columns: Vec<Vec<(usize, &str)>> = Field::ALL
        .iter()
        .map(|&f| {
            mapping
                .paths(f)
                .iter()
                .filter_map(|p| {
                    headers
                        .iter()
                        .position(|h| h == p)
                        .or_else(|| headers.iter().position(|h| h.eq_ignore_ascii_case(p)))
                        .map(|i| (i, p.as_str()))
                })
                .collect()
        })
        .collect();
    let listed = || listed(&headers);
    for &f in &Field::ALL {
        if !columns[f as usize].is_empty() {
            continue;
        }
        if f.required() {
            let hint = if headers.first().is_some_and(|h| h.starts_with(['[', '{'])) {
                "; it looks like JSON, not CSV"
            } else if headers.len() == 1 {
                "; if its columns are separated by another character, set `delimiter`"
            } else {
                &format!(
                    "; set `[groups.fields] {} = \"<column>\"` to the one that holds it",
                    f.key()
                )
            };
            bail!(
                "has no column for {} ({}); its header row (split at {}, {how}) has {}{hint}",
                f.key(),
                mapping.describe(f),
                delimiter_name(delim),
                listed()
            );
        }
        if mapping.is_explicit(f) {
            rows.notes.push(format!(
                "has no column {} (`fields.{}`); every post's {} is left empty{}. Its columns: {}",
                mapping.describe(f),
                f.key(),
                f.key(),
                if f.is_count() { " (0)" } else { "" },
                listed()
            ));
        }
    }
    let mut record = csv::StringRecord::new();
    // The csv crate counts neither a `\r\n` nor a blank line as a line: lines come from
    // where each row starts in the text instead, past the line breaks before it (a row's
    // position can be the `\n` of the previous row's `\r\n`, or a blank line).
    let mut lines = Lines::new(text);
    let mut line_of = |p: Option<&csv::Position>| {
        p.map_or(0, |p| {
            let from = (p.byte() as usize).min(text.len());
            let breaks = text.as_bytes()[from..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            lines.at(from + breaks)
        })
    };
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = line_of(record.position());
                let rec = &record;
                let get = |f: Field| {
                    columns[f as usize].iter().find_map(|&(i, name)| {
                        rec.get(i)
                            .filter(|s| !s.trim().is_empty())
                            .map(|s| (name, Cell::Text(s)))
                    })
                };
                rows.add(line, mapping, tz, get);
            }
            Err(e) => {
                let line = line_of(e.position());
                let why = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!(
                        "has {} where the header has {expected_len}",
                        crate::ui::count(*len as usize, "field")
                    ),
                    csv::ErrorKind::Io(_) => bail!("cannot be read: {e}"),
                    _ => format!("is not a CSV row: {e}"),
                };
                rows.problems.push((line, Problem::Skipped(why)));
            }
        }
    }
    Ok(rows)
}

/// The 1-based line of byte offsets in one text, asked for in increasing order, in one pass.
struct Lines<'a> {
    text: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The line of `part`, a slice of the text.
    fn of(&mut self, part: &str) -> usize {
        self.at((part.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize))
    }

    /// The line of byte offset `at`.
    fn at(&mut self, at: usize) -> usize {
        let at = at.min(self.text.len()).max(self.offset);
        // `\n`, `\r\n`, and an old Mac export's bare `\r` each end a line.
        let text = self.text;
        self.line += (self.offset..at)
            .filter(|&i| text[i] == b'\n' || (text[i] == b'\r' && text.get(i + 1) != Some(&b'\n')))
            .count();
        self.offset = at;
        self.line
    }
}

/// The first non-blank character, to say what a file is when it is not what it should be.
fn opens_with(text: &str) -> Option<char> {
    text.trim_start().chars().next()
}

fn read_json(text: &str, mapping: &Mapping, tz: Tz, rows_key: Option<&str>) -> Result<FileRows> {
    let (array, key) = rows_array(text, rows_key)?;
    // Raw values borrow the text, so each row's line is known from where it starts.
    let items: Vec<&RawValue> = serde_json::from_str(array.get()).map_err(|e| match &key {
        Some(k) => anyhow!("`{k}` is not an array of posts: {e}"),
        None => anyhow!("is not a JSON array of posts: {e}"),
    })?;
    let mut rows = FileRows::default();
    let mut lines = Lines::new(text);
    for raw in items {
        let line = lines.of(raw.get());
        match serde_json::from_str::<Value>(raw.get()) {
            Ok(v @ Value::Object(_)) => {
                rows.name_keys(&v);
                rows.add(line, mapping, tz, |f| mapping.json_get(&v, f));
            }
            _ => rows
                .problems
                .push((line, Problem::NotAnObject("is not a JSON object".into()))),
        }
    }
    let what = match &key {
        Some(k) => format!("an array of posts (objects) in its `{k}`"),
        None => "a JSON array of posts (objects)".into(),
    };
    not_a_single_object(&rows, &what)?;
    Ok(rows)
}

/// The array of posts in a JSON file: the file itself when it is an array, else in an
/// object the array `rows` names (a key, or a dotted path through nested objects) or, without
/// `rows`, its only array (of objects). The key is returned for messages.
fn rows_array<'t>(text: &'t str, rows: Option<&str>) -> Result<(&'t RawValue, Option<String>)> {
    let top: &RawValue = serde_json::from_str(text).map_err(|e| {
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        let first_is_object = lines
            .next()
            .is_some_and(|l| serde_json::from_str::<serde_json::Map<String, Value>>(l).is_ok());
        if first_is_object && lines.next().is_some() {
            anyhow!("holds one JSON object per line, not one array; use `format = \"jsonl\"`")
        } else {
            anyhow!("is not a JSON array of posts (or an object holding one): {e}")
        }
    })?;
    match (opens_with(top.get()), rows) {
        (Some('['), None) => return Ok((top, None)),
        (Some('['), Some(key)) => {
            bail!("is a JSON array, but `rows = \"{key}\"` names a key of an object; remove `rows`")
        }
        (Some('{'), _) => {}
        _ => bail!("is not a JSON array of posts (or an object holding one)"),
    }
    if let Some(path) = rows {
        return Ok((descend(top, path.trim())?, Some(path.trim().to_string())));
    }
    let map = object(top)?;
    let keys = || key_list(map.keys());
    // A Graph feed page read as `json` would lose `message` and the Graph counts to the
    // generic mapping: point at `format = "graph"` instead.
    let graph_keys = ["data", "paging", "summary"];
    if map.contains_key("data") && map.keys().all(|k| graph_keys.contains(&k.as_str())) {
        bail!(
            "looks like a Graph API feed page (`{{\"data\": [...]}}`); use `format = \"graph\"`, or `rows = \"data\"` to read its posts with the field mapping"
        );
    }
    let arrays: Vec<(&String, &&RawValue)> = map
        .iter()
        .filter(|(_, v)| opens_with(v.get()) == Some('['))
        .collect();
    let of_objects: Vec<_> = arrays
        .iter()
        .filter(|(_, v)| {
            serde_json::from_str::<Vec<&RawValue>>(v.get())
                .is_ok_and(|items| items.iter().any(|i| opens_with(i.get()) == Some('{')))
        })
        .collect();
    match (arrays.as_slice(), of_objects.as_slice()) {
        ([(k, v)], _) | (_, [(k, v)]) => Ok((**v, Some(k.to_string()))),
        ([], _) => bail!(
            "is a JSON object without an array of posts (its keys: {}); a file of one post object per line is `format = \"jsonl\"`",
            keys()
        ),
        _ => bail!(
            "is a JSON object with several arrays ({}); set `rows` to the one holding the posts, e.g. `rows = \"{}\"`",
            key_list(arrays.iter().map(|(k, _)| *k)),
            of_objects.first().copied().unwrap_or(&arrays[0]).0
        ),
    }
}

/// The members of a JSON object, raw.
fn object(v: &RawValue) -> Result<std::collections::BTreeMap<String, &RawValue>> {
    serde_json::from_str(v.get()).map_err(|e| anyhow!("is not a JSON object: {e}"))
}

/// "`a`, `b`, `c`", at most 12.
fn key_list<'k>(keys: impl Iterator<Item = &'k String>) -> String {
    let keys: Vec<String> = keys.map(|k| format!("`{k}`")).collect();
    match keys.len() {
        0 => "none".into(),
        n if n > 12 => format!("{}, …", keys[..12].join(", ")),
        _ => keys.join(", "),
    }
}

/// `path` in an object: the whole string as a key first (keys may contain dots), then its
/// first segment and the rest inside it, as `[groups.fields]` paths are read.
fn descend<'t>(v: &'t RawValue, path: &str) -> Result<&'t RawValue> {
    let map = object(v)?;
    let found = map.get(path).copied().or_else(|| {
        let (head, rest) = path.split_once('.')?;
        let inner = map.get(head).filter(|i| opens_with(i.get()) == Some('{'))?;
        descend(inner, rest).ok()
    });
    let Some(found) = found else {
        bail!(
            "has no key `{path}` (`rows`); its keys: {}",
            key_list(map.keys())
        );
    };
    if opens_with(found.get()) != Some('[') {
        bail!("`{path}` (`rows`) is not an array of posts");
    }
    Ok(found)
}

fn read_jsonl(text: &str, mapping: &Mapping, tz: Tz) -> Result<FileRows> {
    let mut rows = FileRows::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(v @ Value::Object(_)) => {
                rows.name_keys(&v);
                rows.add(i + 1, mapping, tz, |f| mapping.json_get(&v, f));
            }
            Ok(_) => rows
                .problems
                .push((i + 1, Problem::NotAnObject("is not a JSON object".into()))),
            Err(e) => rows
                .problems
                .push((i + 1, Problem::NotAnObject(format!("is not JSON: {e}")))),
        }
    }
    not_a_single_object(&rows, "JSON Lines (one object per line)")?;
    Ok(rows)
}

/// A file that yields no post and opens with something other than an object is in another
/// format, not a file of bad rows.
fn not_a_single_object(rows: &FileRows, what: &str) -> Result<()> {
    if let (true, Some((line, p @ Problem::NotAnObject(_)))) =
        (rows.posts.is_empty(), rows.problems.first())
    {
        bail!("is not {what}: line {line} {p}");
    }
    Ok(())
}

/// A Graph feed page, rows kept raw so one bad post is a bad row, not a bad file.
#[derive(Deserialize)]
struct GraphPage<'a> {
    #[serde(borrow)]
    data: Vec<&'a RawValue>,
}

fn read_graph(text: &str) -> Result<FileRows> {
    let page: GraphPage = serde_json::from_str(text)
        .map_err(|e| anyhow!("is not a Graph feed page (`{{\"data\": [...]}}`): {e}"))?;
    let mut rows = FileRows::default();
    let mut lines = Lines::new(text);
    for raw in page.data {
        let line = lines.of(raw.get());
        match crate::source::graph_json::from_json::<GraphPost>(raw.get()) {
            // Unpublished Page posts are dropped, as the Graph source does.
            Ok(p) => rows.posts.extend(p.into_post()),
            Err(e) => rows.problems.push((line, Problem::Skipped(e.to_string()))),
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{ImportFields, ImportPreset};

    const UTC: Tz = chrono_tz::UTC;

    /// Reads `text` with the group options left at their defaults.
    fn read(format: ImportFormat, text: &str, mapping: &Mapping, tz: Tz) -> Result<FileRows> {
        let layout = Layout {
            format,
            mapping,
            tz,
            delimiter: None,
            rows: None,
        };
        super::read(&layout, text)
    }

    fn generic() -> Mapping {
        Mapping::new(ImportPreset::Generic, None)
    }

    fn lines_of(rows: &FileRows) -> Vec<usize> {
        rows.problems.iter().map(|(l, _)| *l).collect()
    }

    #[test]
    fn csv_reads_rows_and_reports_bad_ones_by_line() {
        let text = "id,text,created_time,comments,permalink\n\
            a,\"hola\nmundo\",2026-11-19 10:00:00,3,https://f.com/a\n\
            ,no id,2026-11-19 10:00:00,1,\n\
            c,bad count,2026-11-19 10:00:00,many,\n\
            d,bad link,2026-11-19 10:00:00,1,javascript:alert(1)\n\
            e,short row\n\
            f,no time,,1,\n\
            g,ok,1795111451,,\n";
        let rows = read(ImportFormat::Csv, text, &generic(), UTC).unwrap();
        let ids: Vec<&str> = rows.posts.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["a", "g"]);
        assert_eq!(rows.posts[0].message.as_deref(), Some("hola\nmundo"));
        assert_eq!(rows.posts[0].comments, 3);
        // The quoted newline makes row `a` two lines long: every later line shifts.
        assert_eq!(lines_of(&rows), [4, 5, 6, 7, 8]);
        let whys: Vec<String> = rows.problems.iter().map(|(_, p)| p.to_string()).collect();
        assert!(whys[0].contains("no id"), "{whys:?}");
        assert!(
            whys[1].contains("`comments` = `many` is not a count"),
            "{whys:?}"
        );
        assert!(whys[2].contains("not an http(s) URL"), "{whys:?}");
        assert!(
            whys[3].contains("has 2 fields where the header has 5"),
            "{whys:?}"
        );
        assert!(whys[4].contains("no created_time"), "{whys:?}");
    }

    #[test]
    fn csv_lines_are_right_with_windows_endings_blank_lines_and_a_bom() {
        for (text, want) in [
            ("id,text,created_time\r\na,x,2026-11-24\r\nb,y,bad\r\n", vec![3]),
            ("id,text,created_time\r\na,x,2026-11-24\r\n\r\nb,y,bad\r\n", vec![4]),
            (
                "\u{feff}id,text,created_time\r\nb,y,bad\r\nc,\"two\r\nlines\",bad\r\nd,z,2026-11-24\r\ne,z,bad\r\n",
                vec![2, 3, 6],
            ),
            (
                "id,text,created_time\n\na,x,bad\n\n\nb,\"q\n\nq\",bad\nc,z\nd,ok,2026-11-24\n",
                vec![3, 6, 9],
            ),
            // "CSV (Macintosh)": bare `\r`.
            ("id,text,created_time\ra,x,2026-11-24\rb,y,bad\rc,z,bad\r", vec![3, 4]),
        ] {
            let rows = read(ImportFormat::Csv, text, &generic(), UTC).unwrap();
            assert_eq!(lines_of(&rows), want, "{text:?}");
        }
    }

    #[test]
    fn the_delimiter_is_the_one_the_header_row_uses_most_outside_quotes() {
        assert_eq!(
            detect_delimiter("id;text;created_time\n1,2,3,4,5,6\n"),
            b';'
        );
        assert_eq!(detect_delimiter("id\t\"a;b;c\"\tcreated_time\n"), b'\t');
        assert_eq!(detect_delimiter("\"x,y\";id;created_time"), b';');
        assert_eq!(detect_delimiter("id,text;more,created_time"), b',');
        assert_eq!(detect_delimiter("id"), b',');
    }

    #[test]
    fn a_json_object_gives_its_one_array_of_objects_or_the_one_rows_names() {
        let text = "{\"tags\": [\"a\"],\n \"posts\": [\n  {\"id\": \"1\", \"created_time\": 1795111451}\n]}";
        let rows = read(ImportFormat::Json, text, &generic(), UTC).unwrap();
        assert_eq!(rows.posts.len(), 1);
        let nested =
            "{\"a.b\": [], \"a\": {\"b\": [{\"id\": \"2\", \"created_time\": 1795111451}]}}";
        let m = generic();
        let layout = |rows| Layout {
            format: ImportFormat::Json,
            mapping: &m,
            tz: UTC,
            delimiter: None,
            rows,
        };
        // The whole string as a key first, as `[groups.fields]` paths are read.
        let got = super::read(&layout(Some("a.b")), nested).unwrap();
        assert_eq!(got.notes, ["holds no posts"]);
        let nested = nested.replace("\"a.b\": [], ", "");
        let got = super::read(&layout(Some("a.b")), &nested).unwrap();
        assert_eq!(got.posts[0].id, "2");
        let e = super::read(&layout(Some("a")), &nested)
            .unwrap_err()
            .to_string();
        assert_eq!(e, "`a` (`rows`) is not an array of posts");
        let e = super::read(&layout(Some("x")), "[]")
            .unwrap_err()
            .to_string();
        assert!(e.contains("remove `rows`"), "{e}");
    }

    #[test]
    fn csv_headers_match_ignoring_case_and_a_bom() {
        let text = "\u{feff}ID,Created_Time,Comments\nx,2026-11-19,2\n";
        let rows = read(ImportFormat::Csv, text, &generic(), UTC).unwrap();
        assert_eq!(rows.posts.len(), 1);
        assert_eq!(rows.posts[0].comments, 2);
    }

    #[test]
    fn csv_without_the_id_column_is_a_file_error_listing_its_columns() {
        let e = read(
            ImportFormat::Csv,
            "post_id,time\n1,2026-11-19\n",
            &generic(),
            UTC,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("no column for id (`id`)")
                && e.contains("`post_id`, `time`; set `[groups.fields] id = \"<column>\"` to the one that holds it"),
            "{e}"
        );
        let e = read(ImportFormat::Csv, "[{\"id\": 1}]\n", &generic(), UTC)
            .unwrap_err()
            .to_string();
        assert!(e.contains("looks like JSON"), "{e}");
    }

    #[test]
    fn a_file_without_text_or_counts_in_any_row_says_so_naming_what_it_has() {
        // Counts under other names: every post would score 0, nothing ranked.
        let rows = read(
            ImportFormat::Csv,
            "id,text,created_time,num_comments,num_shares\n1,Hola,2026-11-24T10:00:00Z,50,7\n",
            &generic(),
            UTC,
        )
        .unwrap();
        assert_eq!(rows.missing.len(), 1, "{:?}", rows.missing);
        assert!(
            rows.missing[0].starts_with("no comments, shares or reactions in any row")
                && rows.missing[0].contains("`[groups.fields] comments`"),
            "{:?}",
            rows.missing
        );
        // The Graph API's name for the text: every card would be titled "Post".
        let rows = read(
            ImportFormat::Json,
            r#"[{"id": "1", "message": "Hola", "created_time": "2026-11-24T10:00:00Z", "comments": 3}]"#,
            &generic(),
            UTC,
        )
        .unwrap();
        assert_eq!(rows.missing.len(), 1, "{:?}", rows.missing);
        assert!(
            rows.missing[0].starts_with("no post text in any row (no `text`)"),
            "{:?}",
            rows.missing
        );
        // A key named in `[groups.fields]` that no JSON row has.
        let fields = ImportFields {
            comments: Some("commentCount".into()),
            ..Default::default()
        };
        let m = Mapping::new(ImportPreset::Generic, Some(&fields));
        let rows = read(
            ImportFormat::Jsonl,
            "{\"id\": \"1\", \"text\": \"Hola\", \"created_time\": \"2026-11-24\", \"comment_count\": 3}\n",
            &m,
            UTC,
        )
        .unwrap();
        assert!(
            rows.missing
                .iter()
                .any(|n| n.starts_with("no `commentCount` (`fields.comments`) in any row; every post's comments is left empty (0)")),
            "{:?}",
            rows.missing
        );
        // A file that has them all, if only in some rows, says nothing; nor one whose
        // `text` column is empty in every row (photos only): its mapping is right.
        for text in [
            "id,text,created_time,shares\n1,,2026-11-24,\n2,Hola,2026-11-24,2\n",
            "id,text,created_time,comments\n1,,2026-11-24,3\n2,,2026-11-24,\n",
        ] {
            let rows = read(ImportFormat::Csv, text, &generic(), UTC).unwrap();
            assert!(rows.missing.is_empty(), "{text:?}: {:?}", rows.missing);
        }
    }

    #[test]
    fn csv_notes_a_column_named_in_fields_that_it_lacks() {
        let fields = ImportFields {
            comments: Some("coments".into()),
            ..Default::default()
        };
        let m = Mapping::new(ImportPreset::Generic, Some(&fields));
        let rows = read(
            ImportFormat::Csv,
            "id,created_time,comments\n1,2026-11-19,4\n",
            &m,
            UTC,
        )
        .unwrap();
        assert_eq!(rows.posts[0].comments, 0);
        assert!(rows.notes[0].contains("`coments`"), "{:?}", rows.notes);
    }

    #[test]
    fn json_rows_are_reported_at_the_line_they_start() {
        let text = "[\n  {\"id\": \"1\", \"created_time\": \"2026-11-19T10:00:00Z\"},\n  {\"id\": \"2\",\n   \"created_time\": \"soon\"},\n  42,\n  {\"id\": \"4\", \"created_time\": 1795111451}\n]";
        let rows = read(ImportFormat::Json, text, &generic(), UTC).unwrap();
        assert_eq!(rows.posts.len(), 2);
        assert_eq!(lines_of(&rows), [3, 5]);
        assert_eq!(
            rows.problems[1].1,
            Problem::NotAnObject("is not a JSON object".into())
        );
    }

    #[test]
    fn json_that_is_not_an_array_is_one_clear_error() {
        let cases = [
            ("{\"data\": []}", "looks like a Graph API feed page"),
            ("id,created_time\n1,2\n", "is not a JSON array of posts"),
            ("[{\"id\": 1,", "is not a JSON array of posts"),
            ("[1, 2]", "is not a JSON array of posts (objects): line 1"),
            (
                "{\"id\": \"1\"}\n{\"id\": \"2\"}\n",
                "holds one JSON object per line, not one array; use `format = \"jsonl\"`",
            ),
            (
                "{\"id\": \"1\", \"created_time\": 1}",
                "is a JSON object without an array of posts (its keys: `created_time`, `id`)",
            ),
            (
                "{\"posts\": [{\"id\": 1}], \"comments\": [{\"id\": 2}]}",
                "with several arrays (`comments`, `posts`); set `rows`",
            ),
        ];
        for (text, expected) in cases {
            let e = read(ImportFormat::Json, text, &generic(), UTC)
                .unwrap_err()
                .to_string();
            assert!(e.contains(expected), "{text:?}: {e}");
        }
    }

    #[test]
    fn jsonl_skips_a_broken_line_but_not_a_file_in_another_format() {
        let text = "{\"id\": \"1\", \"created_time\": \"2026-11-19T10:00:00Z\"}\n\n{\"id\": \"2\", \"crea\n{\"id\": \"3\", \"created_time\": \"2026-11-19T10:00:00Z\"}\n";
        let rows = read(ImportFormat::Jsonl, text, &generic(), UTC).unwrap();
        assert_eq!(rows.posts.len(), 2);
        assert_eq!(lines_of(&rows), [3]);
        let pretty = "[\n  {\n    \"id\": \"1\",\n    \"created_time\": \"2026-11-19\"\n  }\n]\n";
        let e = read(ImportFormat::Jsonl, pretty, &generic(), UTC)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("is not JSON Lines (one object per line): line 1"),
            "{e}"
        );
    }

    #[test]
    fn a_file_where_no_row_fits_the_mapping_says_so_once() {
        let text = "{\"post_id\": \"1\", \"time\": \"2026-11-19\"}\n{\"post_id\": \"2\", \"time\": \"2026-11-19\"}\n";
        let e = read(ImportFormat::Jsonl, text, &generic(), UTC)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("no row has what the mapping needs") && e.contains("2 of 2 rows"),
            "{e}"
        );
        assert!(e.contains("preset"), "{e}");
        assert!(
            e.ends_with("; its first row's keys: `post_id`, `time`"),
            "{e}"
        );
    }

    #[test]
    fn graph_pages_keep_good_posts_and_report_a_bad_one() {
        let text = r#"{"data": [
  {"id": "1_1", "created_time": "2026-11-19T18:04:11+0000", "comments": {"summary": {"total_count": 3}}},
  {"id": "1_2", "created_time": "yesterday"},
  {"id": "1_3", "created_time": "2026-11-19T18:04:11+0000", "is_published": false}
], "paging": {}}"#;
        let rows = read(ImportFormat::Graph, text, &generic(), UTC).unwrap();
        assert_eq!(rows.posts.len(), 1);
        assert_eq!(rows.posts[0].comments, 3);
        assert_eq!(rows.problems.len(), 1);
        assert_eq!(rows.problems[0].0, 3);
        let e = read(ImportFormat::Graph, "[]", &generic(), UTC)
            .unwrap_err()
            .to_string();
        assert!(e.contains("is not a Graph feed page"), "{e}");
    }
}
