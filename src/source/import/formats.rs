//! The import formats (CSV, JSON, JSON Lines, Graph pages, Excel), each reading one file
//! into posts and bad rows.
//!
//! A file that is not in its format at all (invalid JSON, an object where an array belongs,
//! a CSV without the id column, bytes that are not text) is an `Err` naming what was
//! expected; a row that cannot be used is a `Problem` with its line, and the rest of the
//! file is still read. JSON arrays and JSON Lines are read a row at a time from a reader,
//! so a 200 MB export never sits in memory whole.

use std::collections::HashMap;
use std::io::BufRead;

use anyhow::{anyhow, bail, Result};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use super::mapping::{
    convert, preset_rows, row_title, suggest_preset, Cell, Converted, Field, Mapping, Problem,
};
use crate::config::{Encoding, ImportFormat, ImportPreset};
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
    /// The line of each post in `posts`, for the rows a spreadsheet collapsed.
    lines: Vec<usize>,
    /// Kept rows whose text looks like UTF-8 read as Latin-1 (`sÃ¡bado`), and the first
    /// one's line.
    pub mojibake: (usize, usize),
    /// How many rows took their time from each name (`timestamp`, `time`).
    pub time_keys: Vec<(String, usize)>,
}

impl FileRows {
    /// Converts one row, remembering which fields it had.
    fn add<'a>(
        &mut self,
        line: usize,
        mapping: &Mapping,
        tz: Tz,
        title: Option<&str>,
        get: impl Fn(Field) -> Option<(&'a str, Cell<'a>)>,
    ) {
        let found = std::cell::Cell::new(self.found);
        let time_key = std::cell::Cell::new(None);
        let row = convert(mapping, tz, title, |f| {
            let value = get(f);
            if let Some((key, _)) = value {
                let mut seen = found.get();
                seen[f as usize] = true;
                found.set(seen);
                if f == Field::CreatedTime {
                    time_key.set(Some(key));
                }
            }
            value
        });
        self.found = found.get();
        if let (Ok(_), Some(key)) = (&row, time_key.get()) {
            match self.time_keys.iter_mut().find(|(k, _)| k == key) {
                Some((_, n)) => *n += 1,
                None => self.time_keys.push((key.to_string(), 1)),
            }
        }
        self.push(line, row);
    }

    /// Rows that share an id but not their text are not copies of one post: a spreadsheet
    /// rounded long ids (Excel keeps 15 digits) and made many posts one. Each such row is
    /// skipped and named, rather than all but the last silently lost.
    fn refuse_colliding_ids(&mut self, key: &str) {
        let mut texts: HashMap<&str, (&Option<String>, usize, bool)> = HashMap::new();
        for p in &self.posts {
            let e = texts.entry(p.id.as_str()).or_insert((&p.message, 0, false));
            e.1 += 1;
            e.2 |= *e.0 != p.message;
        }
        let bad: HashMap<String, usize> = texts
            .into_iter()
            .filter(|(_, (_, _, differ))| *differ)
            .map(|(id, (_, n, _))| (id.to_string(), n))
            .collect();
        if bad.is_empty() {
            return;
        }
        let posts = std::mem::take(&mut self.posts);
        let lines = std::mem::take(&mut self.lines);
        for (post, line) in posts.into_iter().zip(lines) {
            match bad.get(&post.id) {
                Some(n) => self.problems.push((
                    line,
                    Problem::Skipped(format!(
                        "`{key}` = `{}` is the id of {n} rows with different text: a \
                         spreadsheet likely rounded long ids (it keeps 15 digits), so they \
                         cannot be told apart; export again and import the file as the tool \
                         wrote it, or format the column as Text before saving",
                        post.id
                    )),
                )),
                None => {
                    self.posts.push(post);
                    self.lines.push(line);
                }
            }
        }
        self.problems.sort_by_key(|(line, _)| *line);
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
        if mapping.preset == ImportPreset::FacebookDyi {
            self.missing = vec!["Facebook's own archive of your posts, which has no post ids, links or counts: each post's id is made from its time and text (a post edited later counts as a new one), and every post scores 0, so none is ranked under `[ranking] min_score = 1`; set `min_score = 0` to show the week's posts newest first, or import the group with a tool that reads counts (`preset = \"apify\"`)".into()];
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
            Field::Link,
            Field::LinkTitle,
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
                if c.mojibake {
                    if self.mojibake.0 == 0 {
                        self.mojibake.1 = line;
                    }
                    self.mojibake.0 += 1;
                }
                self.posts.push(c.post);
                self.lines.push(line);
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
    /// How the bytes are text.
    pub encoding: Encoding,
}

/// What to tell a user whose export writes times in a form we do not read, once per group.
pub(crate) const TIME_HINT: &str = "times are read as ISO 8601 (`2026-11-24T18:30:00`, `2026-11-24 18:30`, a date alone, with or without an offset such as `Z` or `-06:00`; without one, in the site's timezone), the Graph API's `2026-11-24T18:30:00+0000`, or Unix seconds or milliseconds. A spreadsheet's local form (`11/24/2026 18:30`, `24/11/2026`) cannot be read safely, as day and month may be either way round: format the column as `yyyy-mm-dd hh:mm` before exporting";

/// What to tell a user whose export has relative times ("2 hrs"), once per group.
pub(crate) const RELATIVE_HINT: &str = "Facebook shows recent posts' times relative to when the page was seen (\"2 hrs\", \"Yesterday at 3:04 PM\"), which names no date; export absolute times instead: facebook-scraper writes them as `timestamp` (Unix seconds) and `time` (both read by `preset = \"facebook-scraper\"`); with another tool, export the post's date and time (`2026-11-19T15:04:00`) and point `[groups.fields] created_time` at that column";

/// Reads one file from `r`: JSON arrays and JSON Lines a row at a time, Excel workbooks
/// from their bytes, the other formats as one text. `Err` for a file not in its format.
pub(crate) fn read_from(layout: &Layout, r: &mut dyn BufRead) -> Result<FileRows> {
    let mut rows = match layout.format {
        ImportFormat::Xlsx => {
            let mut bytes = Vec::new();
            r.read_to_end(&mut bytes)?;
            read_xlsx(layout, bytes)?
        }
        ImportFormat::Jsonl => {
            let Some(first) = skip_blank(r)? else {
                return Ok(empty());
            };
            read_jsonl(r, layout, first)?
        }
        ImportFormat::Json => {
            let Some(first) = skip_blank(r)? else {
                return Ok(empty());
            };
            if r.fill_buf()?.first() == Some(&b'[') {
                read_json_stream(r, layout, first)?
            } else {
                return read(layout, &decode(read_all(r)?, layout.encoding)?);
            }
        }
        ImportFormat::Csv | ImportFormat::Graph => {
            return read(layout, &decode(read_all(r)?, layout.encoding)?)
        }
    };
    finish(&mut rows, layout)?;
    Ok(rows)
}

/// Reads one file's text (CSV, Graph pages, a JSON object holding the rows; JSON arrays and
/// JSON Lines too, for tests and small inputs).
pub(crate) fn read(layout: &Layout, text: &str) -> Result<FileRows> {
    // Spreadsheet programs put a byte-order mark in front of UTF-8 files.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Ok(empty());
    }
    let (mapping, tz) = (layout.mapping, layout.tz);
    let mut rows = match layout.format {
        ImportFormat::Csv => read_csv(text, mapping, tz, layout.delimiter)?,
        ImportFormat::Json => read_json(text, layout)?,
        ImportFormat::Jsonl => read_jsonl(&mut text.as_bytes(), layout, 1)?,
        ImportFormat::Graph => read_graph(text)?,
        ImportFormat::Xlsx => bail!("is text, not an Excel workbook"),
    };
    finish(&mut rows, layout)?;
    Ok(rows)
}

fn empty() -> FileRows {
    FileRows {
        notes: vec!["is empty; nothing was imported from it".into()],
        ..Default::default()
    }
}

/// What every format does once its rows are read: rows a spreadsheet collapsed, what no
/// row had, and a file of which nothing could be read.
pub(crate) fn finish(rows: &mut FileRows, layout: &Layout) -> Result<()> {
    let mapping = layout.mapping;
    if layout.format != ImportFormat::Graph && !mapping.synthetic_ids() {
        let key = mapping
            .paths(Field::Id)
            .iter()
            .find(|p| rows.names.iter().any(|n| n.eq_ignore_ascii_case(p)))
            .or(mapping.paths(Field::Id).first())
            .cloned()
            .unwrap_or_else(|| "id".into());
        rows.refuse_colliding_ids(&key);
    }
    rows.note_missing_fields(mapping, layout.format);
    if rows.posts.is_empty() {
        no_posts(rows, mapping, layout.format)?;
        if layout.format != ImportFormat::Graph {
            rows.notes.push("holds no posts".into());
        }
    }
    Ok(())
}

/// Skips a byte-order mark and blank space at the start of `r`: the line the rest starts
/// at, or `None` when nothing else is there.
fn skip_blank(r: &mut dyn BufRead) -> Result<Option<usize>> {
    let (mut first, mut line) = (true, 1);
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(None);
        }
        let bom = if first && buf.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        first = false;
        let blank = buf[bom..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        line += buf[bom..bom + blank]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        let all = bom + blank == buf.len();
        r.consume(bom + blank);
        if !all {
            return Ok(Some(line));
        }
    }
}

fn read_all(r: &mut dyn BufRead) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    r.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The bytes of a file as text in `encoding`. Not UTF-8 where UTF-8 is expected: the line
/// of the first bad byte and the encoding the bytes look like (Windows-1252, UTF-16).
pub(crate) fn decode(bytes: Vec<u8>, encoding: Encoding) -> Result<String> {
    if bytes.starts_with(b"PK\x03\x04") {
        bail!(
            "is a zip archive (an Excel workbook or a `.zip`), not text; name it `.xlsx` or `.zip` so it is read as one"
        );
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || looks_utf16(&bytes) {
        bail!(
            "is UTF-16 text (Excel's \"Unicode Text\"), which is not read; save it as \"CSV UTF-8\" (or UTF-8 text)"
        );
    }
    match encoding {
        Encoding::Windows1252 => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
            Ok(text.into_owned())
        }
        Encoding::Utf8 => String::from_utf8(bytes).map_err(|e| {
            let bytes = e.as_bytes();
            not_utf8(bytes, e.utf8_error().valid_up_to(), 1)
        }),
    }
}

/// UTF-16 without a byte-order mark: ASCII text with every other byte zero.
fn looks_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(200)];
    head.len() >= 4 && head.iter().filter(|&&b| b == 0).count() * 3 >= head.len()
}

/// The error for bytes that are not UTF-8 at `at`; `first_line` is the line `bytes` start on.
fn not_utf8(bytes: &[u8], at: usize, first_line: usize) -> anyhow::Error {
    let line = first_line + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    let (_, _, bad) = encoding_rs::WINDOWS_1252.decode(bytes);
    // Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned in Windows-1252.
    let cp1252 = !bad
        && !bytes
            .iter()
            .any(|b| [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(b));
    let byte = bytes[at];
    if cp1252 {
        anyhow!(
            "is not UTF-8 text: line {line} has the byte 0x{byte:02X}, and the file looks like Windows-1252 (what Excel's \"CSV\" writes on Windows); set `encoding = \"windows-1252\"` for the group, or save the export as \"CSV UTF-8\""
        )
    } else {
        anyhow!(
            "is not UTF-8 text: line {line} has the byte 0x{byte:02X}, in an encoding groupdigest does not recognize; save the export as UTF-8"
        )
    }
}

/// One row's bytes as text: UTF-8, or Windows-1252 when the group says so.
fn row_text<'b>(
    bytes: &'b [u8],
    encoding: Encoding,
    line: usize,
) -> Result<std::borrow::Cow<'b, str>> {
    match encoding {
        Encoding::Utf8 => std::str::from_utf8(bytes)
            .map(std::borrow::Cow::Borrowed)
            .map_err(|e| not_utf8(bytes, e.valid_up_to(), line)),
        Encoding::Windows1252 => Ok(encoding_rs::WINDOWS_1252.decode(bytes).0),
    }
}

/// The rows after the first of a file that failed whole, each named: by line when they
/// fail for the first one's reason (the values aside), else with their own reason (the
/// first few), so a spreadsheet that rounded 22 ids says which 22 rows.
fn other_rows(problems: &[(usize, Problem)]) -> String {
    /// A problem's text without the values it quotes: what makes two rows fail alike.
    fn reason(p: &Problem) -> String {
        p.to_string()
            .split('`')
            .step_by(2)
            .collect::<Vec<_>>()
            .join("`")
    }
    const LISTED: usize = 20;
    let Some(((_, first), rest)) = problems.split_first() else {
        return String::new();
    };
    if rest.is_empty() {
        return String::new();
    }
    let shape = reason(first);
    let alike = rest.iter().all(|(_, p)| reason(p) == shape);
    if alike {
        let mut lines: Vec<String> = rest
            .iter()
            .take(LISTED)
            .map(|(l, _)| l.to_string())
            .collect();
        if rest.len() > LISTED {
            lines.push(format!("{} more", rest.len() - LISTED));
        }
        return format!(
            "; the same on line{} {} ({} of {} rows)",
            if rest.len() == 1 { "" } else { "s" },
            lines.join(", "),
            problems.len(),
            problems.len()
        );
    }
    const SHOWN: usize = 4;
    let mut out: String = rest
        .iter()
        .take(SHOWN)
        .map(|(l, p)| format!("; line {l}: {p}"))
        .collect();
    if rest.len() > SHOWN {
        out.push_str(&format!(
            "; {} skipped",
            crate::ui::count(rest.len() - SHOWN, "more row")
        ));
    }
    out
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
        if let Some(p) = suggest_preset(&rows.names, mapping.preset) {
            bail!(
                "no row has what the mapping needs ({first}: {n} of {n} rows); the file's names are those of `preset = \"{}\"`: set it for the group{names}",
                p.as_str()
            );
        }
        bail!(
            "no row has what the mapping needs ({first}: {n} of {n} rows); set `preset` ({}) or `[groups.fields]` to the file's names (id: {}, created_time: {}){names}",
            crate::config::ImportPreset::NAMES,
            mapping.describe(Field::Id),
            mapping.describe(Field::CreatedTime)
        );
    }
    if all(|p| matches!(p, Problem::Relative(_))) {
        bail!(
            "no row has a date: every time is relative (line {line}: {first}; {n} of {n} rows). {RELATIVE_HINT}"
        );
    }
    let more = other_rows(&rows.problems);
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

/// A file's names, quoted, for messages: the ones that likely hold a post field first
/// (ids, times, text, links, counts), every one of them, then the others up to 12 in all.
fn listed(names: &[String]) -> String {
    if names.iter().all(|n| n.is_empty()) {
        return "no names".to_string();
    }
    const LIKELY: [&str; 16] = [
        "id", "time", "date", "text", "message", "content", "post", "url", "link", "comment",
        "share", "like", "reaction", "count", "num", "image",
    ];
    let likely = |n: &str| {
        let n = n.to_ascii_lowercase();
        LIKELY.iter().any(|k| n.contains(k))
    };
    let (first, rest): (Vec<&String>, Vec<&String>) = names.iter().partition(|n| likely(n));
    let room = 12usize.saturating_sub(first.len());
    let mut shown: Vec<String> = first
        .iter()
        .chain(rest.iter().take(room))
        .map(|h| format!("`{h}`"))
        .collect();
    let more = rest.len().saturating_sub(room);
    if more > 0 {
        shown.push(format!("and {more} more"));
    }
    shown.join(", ")
}

/// Column indexes per field of a table's header row (a CSV file's, a sheet's), in the
/// mapping's order of preference: exact names first, then ignoring case, as spreadsheets
/// like to capitalize headers; a dotted path also matches the `/`-joined column Apify's
/// CSV and Excel exports flatten nested fields into (`attachments/0/thumbnail`). A
/// required field without a column is an error; one `[groups.fields]` names, a note.
fn table_columns<'m>(
    headers: &[String],
    mapping: &'m Mapping,
    split: &str,
    notes: &mut Vec<String>,
    csv: bool,
) -> Result<Vec<Vec<(usize, &'m str)>>> {
    let columns: Vec<Vec<(usize, &str)>> = Field::ALL
        .iter()
        .map(|&f| {
            mapping
                .paths(f)
                .iter()
                .filter_map(|p| {
                    let flat = p.replace('.', "/");
                    headers
                        .iter()
                        .position(|h| h == p || *h == flat)
                        .or_else(|| {
                            headers.iter().position(|h| {
                                h.eq_ignore_ascii_case(p) || h.eq_ignore_ascii_case(&flat)
                            })
                        })
                        .map(|i| (i, p.as_str()))
                })
                .collect()
        })
        .collect();
    let listed = || listed(headers);
    for &f in &Field::ALL {
        if !columns[f as usize].is_empty() || (f == Field::Id && mapping.synthetic_ids()) {
            continue;
        }
        if f.required() {
            let hint = if let Some(p) = suggest_preset(headers, mapping.preset) {
                format!(
                    "; they are the columns of `preset = \"{}\"`: set it for the group",
                    p.as_str()
                )
            } else if csv && headers.first().is_some_and(|h| h.starts_with(['[', '{'])) {
                "; it looks like JSON, not CSV".into()
            } else if csv && headers.len() == 1 {
                "; if its columns are separated by another character, set `delimiter`".into()
            } else {
                format!(
                    "; set `[groups.fields] {} = \"<column>\"` to the one that holds it",
                    f.key()
                )
            };
            bail!(
                "has no column for {} ({}); its header row ({split}) has {}{hint}",
                f.key(),
                mapping.describe(f),
                listed()
            );
        }
        if mapping.is_explicit(f) {
            notes.push(format!(
                "has no column {} (`fields.{}`); every post's {} is left empty{}. Its columns: {}",
                mapping.describe(f),
                f.key(),
                f.key(),
                if f.is_count() { " (0)" } else { "" },
                listed()
            ));
        }
    }
    Ok(columns)
}

/// What to add to the error of a zip container (`.zip`, `.xlsx`) whose end is missing: the
/// download stopped early, the common case, and what to do about it.
pub(crate) fn cut_short_zip(e: &dyn std::fmt::Display) -> &'static str {
    if e.to_string().contains("EOCD") {
        "; the file is likely cut short: download the export again"
    } else {
        ""
    }
}

/// The first sheet of an Excel workbook, read as a table: its first row names the
/// columns, as in a CSV file, and each row's line is its row number in the sheet.
fn read_xlsx(layout: &Layout, bytes: Vec<u8>) -> Result<FileRows> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| anyhow!("is not an Excel workbook (.xlsx): {e}{}", cut_short_zip(&e)))?;
    let Some(sheet) = book.sheet_names().first().cloned() else {
        bail!("is an Excel workbook without a sheet");
    };
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| anyhow!("sheet `{sheet}` cannot be read: {e}"))?;
    // A cell as the text a CSV export would hold: whole numbers without `.0`, a number a
    // spreadsheet could not keep exact (16 digits and more) in scientific notation, as
    // Excel shows it, so that an id it rounded is told apart.
    let text = |c: &Data| -> String {
        match c {
            Data::Empty => String::new(),
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Int(i) => i.to_string(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
            Data::Float(f) if f.fract() == 0.0 => format!("{f:E}"),
            Data::Float(f) => f.to_string(),
            Data::Bool(b) => b.to_string(),
            Data::DateTime(d) => d
                .as_datetime()
                .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
                .unwrap_or_else(|| d.as_f64().to_string()),
            Data::Error(e) => format!("#{e:?}"),
        }
    };
    let start = range.start().map_or(0, |(row, _)| row as usize);
    let mut table = range.rows();
    let headers: Vec<String> = table
        .next()
        .map(|r| r.iter().map(|c| text(c).trim().to_string()).collect())
        .unwrap_or_default();
    let mut rows = FileRows {
        names: headers.clone(),
        ..FileRows::default()
    };
    let split = format!("row {} of sheet `{sheet}`", start + 1);
    let mapping = layout.mapping;
    let columns = table_columns(&headers, mapping, &split, &mut rows.notes, false)?;
    for (i, row) in table.enumerate() {
        let cells: Vec<String> = row.iter().map(text).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let get = |f: Field| {
            columns[f as usize].iter().find_map(|&(i, name)| {
                cells
                    .get(i)
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| (name, Cell::Text(s.as_str())))
            })
        };
        rows.add(start + i + 2, mapping, layout.tz, None, get);
    }
    Ok(rows)
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
    let split = format!("split at {}, {how}", delimiter_name(delim));
    let columns = table_columns(&headers, mapping, &split, &mut rows.notes, true)?;
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
                rows.add(line, mapping, tz, None, get);
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

/// One parsed JSON row (an Apify dataset item): an object is converted, anything else is
/// a bad row.
pub(crate) fn json_value_row(
    rows: &mut FileRows,
    mapping: &Mapping,
    tz: Tz,
    line: usize,
    v: &Value,
) {
    if v.is_object() {
        rows.name_keys(v);
        rows.add(line, mapping, tz, row_title(mapping, v), |f| {
            mapping.json_get(v, f)
        });
    } else {
        rows.problems
            .push((line, Problem::NotAnObject("is not a JSON object".into())));
    }
}

/// One JSON row of `line`: an object is converted, anything else is a bad row.
fn json_row(rows: &mut FileRows, layout: &Layout, line: usize, raw: &str) {
    let mapping = layout.mapping;
    match serde_json::from_str::<Value>(raw) {
        Ok(v @ Value::Object(_)) => {
            rows.name_keys(&v);
            rows.add(line, mapping, layout.tz, row_title(mapping, &v), |f| {
                mapping.json_get(&v, f)
            });
        }
        Ok(_) => rows
            .problems
            .push((line, Problem::NotAnObject("is not a JSON object".into()))),
        Err(e) => rows
            .problems
            .push((line, Problem::NotAnObject(format!("is not JSON: {e}")))),
    }
}

/// A JSON array of rows, read from `r` one element at a time: the bytes of each element
/// are found by tracking strings and nesting, then parsed alone, so memory holds one row,
/// not the file.
fn read_json_stream(r: &mut dyn BufRead, layout: &Layout, first: usize) -> Result<FileRows> {
    let mut rows = FileRows::default();
    each_array_element(r, first, |line, bytes| {
        let text = row_text(bytes, layout.encoding, line)?;
        json_row(&mut rows, layout, line, &text);
        Ok(())
    })?;
    not_a_single_object(&rows, "a JSON array of posts (objects)")?;
    Ok(rows)
}

/// Calls `each(line, bytes)` for every element of the JSON array `r` holds (its first
/// non-blank byte is `[`). `Err` for bytes that cannot be a JSON array: it is not closed
/// (a download cut short), or something follows it.
fn each_array_element(
    r: &mut dyn BufRead,
    first: usize,
    mut each: impl FnMut(usize, &[u8]) -> Result<()>,
) -> Result<()> {
    #[derive(PartialEq)]
    enum At {
        Start,
        Between,
        Inside,
        Done,
    }
    let (mut at, mut line, mut start_line) = (At::Start, first, first);
    let (mut depth, mut in_str, mut esc, mut scalar) = (0usize, false, false, false);
    let mut element: Vec<u8> = Vec::new();
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let n = buf.len();
        for &b in buf {
            match at {
                At::Start => match b {
                    b'[' => at = At::Between,
                    b if b.is_ascii_whitespace() => {}
                    _ => bail!("is not a JSON array of posts: line {line} does not start one"),
                },
                At::Between => match b {
                    b']' => at = At::Done,
                    b',' => {}
                    b if b.is_ascii_whitespace() => {}
                    _ => {
                        at = At::Inside;
                        start_line = line;
                        element.push(b);
                        match b {
                            b'{' | b'[' => depth = 1,
                            b'"' => in_str = true,
                            _ => scalar = true,
                        }
                    }
                },
                At::Inside => {
                    // `closes`: the byte that ended a bare scalar is the array's `]`.
                    let (mut end, mut closes) = (false, false);
                    if scalar && (b == b',' || b == b']' || b.is_ascii_whitespace()) {
                        scalar = false;
                        end = true;
                        closes = b == b']';
                    } else {
                        element.push(b);
                        if in_str {
                            if esc {
                                esc = false;
                            } else if b == b'\\' {
                                esc = true;
                            } else if b == b'"' {
                                in_str = false;
                                end = depth == 0;
                            }
                        } else {
                            match b {
                                b'"' => in_str = true,
                                b'{' | b'[' => depth += 1,
                                b'}' | b']' => {
                                    depth = depth.saturating_sub(1);
                                    end = depth == 0;
                                }
                                _ => {}
                            }
                        }
                    }
                    if end {
                        each(start_line, &element)?;
                        element.clear();
                        at = if closes { At::Done } else { At::Between };
                    }
                }
                At::Done => {
                    if !b.is_ascii_whitespace() {
                        bail!("is not a JSON array of posts: line {line} has more after the array's closing `]`");
                    }
                }
            }
            if b == b'\n' {
                line += 1;
            }
        }
        r.consume(n);
    }
    match at {
        At::Done => Ok(()),
        _ => bail!(
            "is not a JSON array of posts: the array is not closed (line {line}); the file is likely cut short: download the export again"
        ),
    }
}

fn read_json(text: &str, layout: &Layout) -> Result<FileRows> {
    let (array, key) = rows_array(text, layout.rows, preset_rows(layout.mapping.preset))?;
    // Raw values borrow the text, so each row's line is known from where it starts.
    let items: Vec<&RawValue> = serde_json::from_str(array.get()).map_err(|e| match &key {
        Some(k) => anyhow!("`{k}` is not an array of posts: {e}"),
        None => anyhow!("is not a JSON array of posts: {e}"),
    })?;
    let mut rows = FileRows::default();
    let mut lines = Lines::new(text);
    for raw in items {
        let line = lines.of(raw.get());
        json_row(&mut rows, layout, line, raw.get());
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
fn rows_array<'t>(
    text: &'t str,
    rows: Option<&str>,
    preset_rows: &[&str],
) -> Result<(&'t RawValue, Option<String>)> {
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
    // The preset's tool's own place for the rows (Facebook's archive's `group_posts_v2`).
    for path in preset_rows {
        if let Ok(found) = descend(top, path) {
            return Ok((found, Some(path.to_string())));
        }
    }
    let map = object(top)?;
    let keys = || key_list(map.keys());
    // A Graph feed page read as `json` would lose `message` and the Graph counts to the
    // generic mapping: point at `format = "graph"` instead.
    let graph_keys = ["data", "paging", "summary"];
    let data_is_array = map
        .get("data")
        .is_some_and(|d| opens_with(d.get()) == Some('['));
    if data_is_array && map.keys().all(|k| graph_keys.contains(&k.as_str())) {
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
        ([], _) => match nested_arrays(top, "", 0).as_slice() {
            [path] => bail!(
                "is a JSON object whose posts are deeper inside, in `{path}`; set `rows = \"{path}\"` for the group"
            ),
            [] => bail!(
                "is a JSON object without an array of posts (its keys: {}); a file of one post object per line is `format = \"jsonl\"`",
                keys()
            ),
            paths => bail!(
                "is a JSON object whose arrays of objects are deeper inside ({}); set `rows` to the one holding the posts, e.g. `rows = \"{}\"`",
                paths.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", "),
                paths[0]
            ),
        },
        _ => bail!(
            "is a JSON object with several arrays ({}); set `rows` to the one holding the posts, e.g. `rows = \"{}\"`",
            key_list(arrays.iter().map(|(k, _)| *k)),
            of_objects.first().copied().unwrap_or(&arrays[0]).0
        ),
    }
}

/// The dotted paths of the arrays of objects inside nested objects of `v` (not `v`'s own),
/// at most three levels down: where a wrapper such as `{"data": {"items": [...]}}` keeps
/// its rows.
fn nested_arrays(v: &RawValue, prefix: &str, depth: usize) -> Vec<String> {
    let Ok(map) = object(v) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (k, inner) in &map {
        let path = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match opens_with(inner.get()) {
            Some('[') if depth > 0 => {
                let objects = serde_json::from_str::<Vec<&RawValue>>(inner.get())
                    .is_ok_and(|items| items.iter().any(|i| opens_with(i.get()) == Some('{')));
                if objects {
                    found.push(path);
                }
            }
            Some('{') if depth < 3 => found.extend(nested_arrays(inner, &path, depth + 1)),
            _ => {}
        }
    }
    found
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

/// JSON Lines from `r`, one line at a time; `first` is the line `r` starts at.
fn read_jsonl(r: &mut dyn BufRead, layout: &Layout, first: usize) -> Result<FileRows> {
    let mut rows = FileRows::default();
    let mut bytes = Vec::new();
    let mut line = first;
    loop {
        bytes.clear();
        if r.read_until(b'\n', &mut bytes)? == 0 {
            break;
        }
        let text = row_text(&bytes, layout.encoding, line)?;
        if !text.trim().is_empty() {
            json_row(&mut rows, layout, line, text.trim_end_matches(['\n', '\r']));
        }
        line += 1;
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
    use crate::config::ImportFields;

    const UTC: Tz = chrono_tz::UTC;

    /// Reads `text` with the group options left at their defaults.
    fn read(format: ImportFormat, text: &str, mapping: &Mapping, tz: Tz) -> Result<FileRows> {
        let layout = Layout {
            format,
            mapping,
            tz,
            delimiter: None,
            rows: None,
            encoding: Encoding::Utf8,
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
            encoding: Encoding::Utf8,
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
