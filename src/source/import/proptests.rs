//! Property tests of the import source: whatever an export holds, reading it never panics,
//! and what comes out keeps the limits the archive relies on (post times in the plausible
//! years, only http(s) links, a non-empty id). A fixed seed and case count keep them
//! deterministic and quick.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, RngSeed};
use serde_json::{Map, Value};

use super::formats::{read, Layout};
use super::mapping::{convert, Cell, Converted, Field, Mapping};
use super::time::{from_unix, is_relative, parse_time};
use crate::config::{Encoding, ImportFormat, ImportPreset};
use crate::model::{is_plausible_post_time, PLAUSIBLE_YEARS};

/// 256 cases from one fixed seed, nothing written to disk: the same inputs on every run.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(0x0067_726f_7570_6469),
        ..ProptestConfig::default()
    }
}

const TZS: [Tz; 4] = [
    chrono_tz::UTC,
    chrono_tz::America::Mexico_City,
    chrono_tz::America::New_York,
    chrono_tz::Pacific::Kiritimati,
];

/// Pieces of the times exports write, and of the ones they should not, so that random
/// strings reach deep into the parsers rather than failing at the first character.
const TIME_PARTS: [&str; 28] = [
    "2026",
    "-",
    "11",
    "19",
    "T",
    " ",
    "12",
    ":",
    "04",
    "Z",
    "+0000",
    "-06:00",
    ".",
    "250",
    "1795111451",
    "000",
    "hrs",
    "Yesterday at ",
    "UTC",
    "1e400",
    "NaN",
    "9999",
    "+262142",
    "0",
    "02:30",
    "ago",
    "hace ",
    "\u{e9}",
];

fn time_text() -> impl Strategy<Value = String> {
    prop_oneof![
        // Real instants from 1811 to 2286, in the forms exports use: inside and outside
        // the years a post can have.
        (-5_000_000_000i64..10_000_000_000, 0..4usize).prop_map(|(secs, form)| {
            let t = DateTime::from_timestamp(secs, 0).unwrap();
            match form {
                0 => t.to_rfc3339(),
                1 => t.format("%Y-%m-%d %H:%M:%S").to_string(),
                2 => t.format("%Y-%m-%dT%H:%M:%S+0000").to_string(),
                _ => secs.to_string(),
            }
        }),
        proptest::collection::vec(proptest::sample::select(&TIME_PARTS[..]), 0..8)
            .prop_map(|parts| parts.concat()),
        any::<String>(),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| n.to_string()),
    ]
}

/// Any JSON value, a few levels deep, with strings that look like times and counts.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        time_text().prop_map(Value::String),
        Just(Value::String("https://example.com/p/1".into())),
        Just(Value::String("javascript:alert(1)".into())),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((key(), inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// The names the presets look for, and a few others.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(
            &[
                "id",
                "text",
                "created_time",
                "permalink",
                "picture",
                "comments",
                "shares",
                "reactions",
                "author",
                "post_id",
                "timestamp",
                "time",
                "post_url",
                "image",
                "likes",
                "reaction_count",
                "username",
                "count",
                "summary",
                "total_count",
                "name",
            ][..]
        )
        .prop_map(str::to_string),
        "[a-z._0-9]{0,6}",
    ]
}

/// A row of random members, most with an id and a time so that conversion gets past them.
fn row() -> impl Strategy<Value = Value> {
    let id = prop_oneof![
        "[a-z0-9_ ]{0,8}".prop_map(Value::String),
        any::<u64>().prop_map(Value::from),
        json_value(),
    ];
    let time = prop_oneof![time_text().prop_map(Value::String), json_value()];
    (
        proptest::option::weighted(0.8, (prop_oneof![Just("id"), Just("post_id")], id)),
        proptest::option::weighted(
            0.8,
            (prop_oneof![Just("created_time"), Just("timestamp")], time),
        ),
        proptest::collection::vec((key(), json_value()), 0..10),
    )
        .prop_map(|(id, time, rest)| {
            let mut row: Map<String, Value> = rest.into_iter().collect();
            for (k, v) in [id, time].into_iter().flatten() {
                row.insert(k.to_string(), v);
            }
            Value::Object(row)
        })
}

/// A file of rows, each with its own id (`r<index>`, under every preset's id names) unless
/// it has none, laid out one row a line: JSON Lines, or a JSON array (`[` on line 1).
fn rows_file() -> impl Strategy<Value = (Vec<Value>, bool)> {
    (
        proptest::collection::vec((row(), proptest::bool::weighted(0.9)), 1..12),
        any::<bool>(),
    )
        .prop_map(|(rows, array)| {
            let rows = rows
                .into_iter()
                .enumerate()
                .map(|(i, (row, with_id))| {
                    let Value::Object(mut row) = row else {
                        unreachable!()
                    };
                    for k in ["id", "post_id", "legacyId", "postId", "shortcode"] {
                        row.remove(k);
                        if with_id {
                            row.insert(k.to_string(), Value::String(format!("r{i}")));
                        }
                    }
                    // The row's time, under every preset's time names.
                    if let Some(t) = row.get("created_time").or(row.get("timestamp")).cloned() {
                        for k in ["created_time", "timestamp", "time", "date_posted"] {
                            row.insert(k.to_string(), t.clone());
                        }
                    }
                    Value::Object(row)
                })
                .collect();
            (rows, array)
        })
}

fn mapping() -> impl Strategy<Value = Mapping> {
    prop_oneof![
        Just(Mapping::new(ImportPreset::Generic, None)),
        Just(Mapping::new(ImportPreset::FacebookScraper, None)),
    ]
}

/// The limits every imported post keeps, whatever the row held.
fn assert_limits(c: &Converted) -> Result<(), TestCaseError> {
    let p = &c.post;
    prop_assert!(
        is_plausible_post_time(p.created_time),
        "{} is outside {PLAUSIBLE_YEARS:?}",
        p.created_time
    );
    prop_assert!(!p.id.trim().is_empty());
    for url in [&p.permalink_url, &p.picture].into_iter().flatten() {
        prop_assert!(
            url.starts_with("https://") || url.starts_with("http://"),
            "{url}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_json_row_converts_or_is_refused_and_kept_posts_hold_the_limits(
        row in row(),
        m in mapping(),
        tz in proptest::sample::select(&TZS[..]),
    ) {
        if let Ok(c) = convert(&m, tz, None, |f| m.json_get(&row, f)) {
            assert_limits(&c)?;
        }
    }

    #[test]
    fn any_csv_cells_convert_or_are_refused_and_kept_posts_hold_the_limits(
        cells in proptest::collection::vec(proptest::option::of(time_text()), 9),
        tz in proptest::sample::select(&TZS[..]),
    ) {
        let m = Mapping::new(ImportPreset::Generic, None);
        let get = |f: Field| {
            cells[f as usize]
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(|s| (f.key(), Cell::Text(s)))
        };
        if let Ok(c) = convert(&m, tz, None, get) {
            assert_limits(&c)?;
        }
    }

    #[test]
    fn any_file_text_in_any_format_is_read_or_refused_without_a_panic(
        text in prop_oneof![
            any::<String>(),
            proptest::collection::vec(row(), 0..4).prop_map(|rows| Value::Array(rows).to_string()),
            proptest::collection::vec(row(), 0..4).prop_map(|rows| {
                rows.iter().map(|r| r.to_string() + "\n").collect::<String>()
            }),
            proptest::collection::vec(
                proptest::collection::vec(time_text(), 3),
                0..4,
            )
            .prop_map(|rows| {
                let mut csv = String::from("id;created_time;comments\n");
                for r in rows {
                    csv.push_str(&r.join(";"));
                    csv.push('\n');
                }
                csv
            }),
        ],
        format in proptest::sample::select(
            &[ImportFormat::Csv, ImportFormat::Json, ImportFormat::Jsonl, ImportFormat::Graph][..]
        ),
        rows_key in proptest::option::of(key()),
        delimiter in proptest::option::of(proptest::sample::select(&[b',', b';', b'\t', b'|'][..])),
    ) {
        let m = Mapping::new(ImportPreset::Generic, None);
        let layout = Layout {
            format,
            mapping: &m,
            tz: chrono_tz::UTC,
            delimiter,
            rows: rows_key.as_deref(),
            encoding: Encoding::Utf8,
        };
        if let Ok(rows) = read(&layout, &text) {
            for p in &rows.posts {
                if format != ImportFormat::Graph {
                    prop_assert!(is_plausible_post_time(p.created_time), "{}", p.created_time);
                }
            }
        }
    }

    #[test]
    fn every_row_of_an_export_is_stored_or_reported_at_its_line(
        (rows, array) in rows_file(),
        preset in proptest::sample::select(
            &[ImportPreset::Generic, ImportPreset::FacebookScraper, ImportPreset::Apify, ImportPreset::Brightdata][..]
        ),
    ) {
        let lines: Vec<String> = rows.iter().map(Value::to_string).collect();
        let (text, format, first_line) = if array {
            (format!("[\n{}\n]\n", lines.join(",\n")), ImportFormat::Json, 2)
        } else {
            (lines.join("\n") + "\n", ImportFormat::Jsonl, 1)
        };
        let m = Mapping::new(preset, None);
        let layout = Layout {
            format,
            mapping: &m,
            tz: chrono_tz::UTC,
            delimiter: None,
            rows: None,
            encoding: Encoding::Utf8,
        };
        // A file that fails whole is one report for all its rows.
        let Ok(read) = read(&layout, &text) else { return Ok(()) };
        for (i, row) in rows.iter().enumerate() {
            let line = first_line + i;
            let id = format!("r{i}");
            let stored = row.get("id").is_some() && read.posts.iter().any(|p| p.id == id);
            let reported = read.problems.iter().any(|(l, _)| *l == line);
            prop_assert!(
                stored || reported,
                "row {} (line {}) is neither stored nor reported: {}\nposts: {:?}\nproblems: {:?}",
                i, line, row, read.posts.iter().map(|p| &p.id).collect::<Vec<_>>(), read.problems
            );
        }
        // And nothing is stored that no row holds.
        for p in &read.posts {
            prop_assert!(rows.iter().any(|r| r.get("id") == Some(&Value::String(p.id.clone()))), "{}", p.id);
        }
    }

    #[test]
    fn any_text_or_number_is_a_time_or_none_without_a_panic(
        s in time_text(),
        n in any::<f64>(),
        tz in proptest::sample::select(&TZS[..]),
    ) {
        let _ = parse_time(&s, tz);
        let _ = is_relative(&s);
        let _ = from_unix(n);
        // A relative time is never taken for an instant.
        if is_relative(&s) {
            prop_assert_eq!(parse_time(&s, tz), None);
        }
    }

    #[test]
    fn every_written_form_of_a_plausible_instant_reads_back_as_it(
        secs in Utc.with_ymd_and_hms(PLAUSIBLE_YEARS.0, 1, 1, 0, 0, 0).unwrap().timestamp()
            ..Utc.with_ymd_and_hms(PLAUSIBLE_YEARS.1, 1, 1, 0, 0, 0).unwrap().timestamp(),
        offset_minutes in -12 * 60..=14 * 60i32,
        tz in proptest::sample::select(&TZS[..]),
    ) {
        let t: DateTime<Utc> = DateTime::from_timestamp(secs, 0).unwrap();
        let local = t.with_timezone(&FixedOffset::east_opt(offset_minutes * 60).unwrap());
        for text in [
            t.to_rfc3339(),
            local.to_rfc3339(),
            local.format("%Y-%m-%d %H:%M:%S%z").to_string(),
            t.format("%Y-%m-%dT%H:%M:%S+0000").to_string(),
            t.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            secs.to_string(),
            (secs * 1000).to_string(),
        ] {
            prop_assert_eq!(parse_time(&text, tz), Some(t), "{}", text);
        }
        // A wall-clock time is read in the site's timezone.
        let naive = t.naive_utc().format("%Y-%m-%d %H:%M:%S").to_string();
        prop_assert_eq!(parse_time(&naive, chrono_tz::UTC), Some(t), "{}", naive);
    }
}
