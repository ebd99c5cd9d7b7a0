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
}

impl FileRows {
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

/// Reads one file's text in `format`.
pub(crate) fn read(
    format: ImportFormat,
    text: &str,
    mapping: &Mapping,
    tz: Tz,
) -> Result<FileRows> {
    // Spreadsheet programs put a byte-order mark in front of UTF-8 files.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows = match format {
        ImportFormat::Csv => read_csv(text, mapping, tz)?,
        ImportFormat::Json => read_json(text, mapping, tz)?,
        ImportFormat::Jsonl => read_jsonl(text, mapping, tz)?,
        ImportFormat::Graph => read_graph(text)?,
    };
    if format != ImportFormat::Graph && rows.posts.is_empty() {
        wrong_mapping(&rows, mapping)?;
    }
    Ok(rows)
}

/// A file whose every row lacks the id or the time is a mapping that does not fit the
/// file, not a file of bad rows: say so once instead of once per row.
fn wrong_mapping(rows: &FileRows, mapping: &Mapping) -> Result<()> {
    let all_missing = !rows.problems.is_empty()
        && rows
            .problems
            .iter()
            .all(|(_, p)| matches!(p, Problem::Missing(_)));
    if all_missing {
        let first = &rows.problems[0].1;
        bail!(
            "no row has what the mapping needs ({first}: {} of {} rows); set `preset` or `[groups.fields]` to the file's names (id: {}, created_time: {})",
            rows.problems.len(),
            rows.problems.len(),
            mapping.describe(Field::Id),
            mapping.describe(Field::CreatedTime)
        );
    }
    Ok(())
}

fn read_csv(text: &str, mapping: &Mapping, tz: Tz) -> Result<FileRows> {
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| anyhow!("is not CSV: {e}"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = FileRows::default();
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
    let listed = || {
        let mut names: Vec<String> = headers.iter().take(12).map(|h| format!("`{h}`")).collect();
        if headers.len() > 12 {
            names.push("…".into());
        }
        names.join(", ")
    };
    for &f in &Field::ALL {
        if !columns[f as usize].is_empty() {
            continue;
        }
        if f.required() {
            let hint = if headers.first().is_some_and(|h| h.starts_with(['[', '{'])) {
                "; it looks like JSON, not CSV"
            } else {
                ""
            };
            bail!(
                "has no column for {} ({}); its header row has {}{hint}",
                f.key(),
                mapping.describe(f),
                listed()
            );
        }
        if mapping.is_explicit(f) {
            rows.notes.push(format!(
                "has no column {} (`fields.{}`); every post's {} is left empty. Its columns: {}",
                mapping.describe(f),
                f.key(),
                f.key(),
                listed()
            ));
        }
    }
    let mut record = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                let rec = &record;
                let get = |f: Field| {
                    columns[f as usize].iter().find_map(|&(i, name)| {
                        rec.get(i)
                            .filter(|s| !s.trim().is_empty())
                            .map(|s| (name, Cell::Text(s)))
                    })
                };
                rows.push(line, convert(mapping, tz, get));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                let why = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!("has {len} fields where the header has {expected_len}"),
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
        let at = (part.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let at = at.min(self.text.len()).max(self.offset);
        self.line += self.text[self.offset..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.offset = at;
        self.line
    }
}

/// The first non-blank character, to say what a file is when it is not what it should be.
fn opens_with(text: &str) -> Option<char> {
    text.trim_start().chars().next()
}

fn read_json(text: &str, mapping: &Mapping, tz: Tz) -> Result<FileRows> {
    match opens_with(text) {
        Some('[') => {}
        Some('{') => bail!(
            "is a JSON object, not an array of posts; use `format = \"graph\"` for Graph responses (`{{\"data\": [...]}}`) or `format = \"jsonl\"` for one object per line"
        ),
        None => bail!("is empty, not a JSON array of posts"),
        Some(_) => {}
    }
    // Raw values borrow the text, so each row's line is known from where it starts.
    let items: Vec<&RawValue> =
        serde_json::from_str(text).map_err(|e| anyhow!("is not a JSON array of posts: {e}"))?;
    let mut rows = FileRows::default();
    let mut lines = Lines::new(text);
    for raw in items {
        let line = lines.of(raw.get());
        match serde_json::from_str::<Value>(raw.get()) {
            Ok(v @ Value::Object(_)) => {
                rows.push(line, convert(mapping, tz, |f| mapping.json_get(&v, f)))
            }
            _ => rows
                .problems
                .push((line, Problem::NotAnObject("is not a JSON object".into()))),
        }
    }
    not_a_single_object(&rows, "a JSON array of posts (objects)")?;
    Ok(rows)
}

fn read_jsonl(text: &str, mapping: &Mapping, tz: Tz) -> Result<FileRows> {
    let mut rows = FileRows::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(v @ Value::Object(_)) => {
                rows.push(i + 1, convert(mapping, tz, |f| mapping.json_get(&v, f)))
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
            e.contains("no column for id (`id`)") && e.contains("`post_id`, `time`"),
            "{e}"
        );
        let e = read(ImportFormat::Csv, "[{\"id\": 1}]\n", &generic(), UTC)
            .unwrap_err()
            .to_string();
        assert!(e.contains("looks like JSON"), "{e}");
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
            ("{\"data\": []}", "is a JSON object, not an array"),
            ("id,created_time\n1,2\n", "is not a JSON array of posts"),
            ("[{\"id\": 1,", "is not a JSON array of posts"),
            ("", "is empty"),
            ("[1, 2]", "is not a JSON array of posts (objects): line 1"),
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
