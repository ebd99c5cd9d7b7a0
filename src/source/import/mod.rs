//! The import source: a group's posts read from exported files (JSON, JSON Lines, CSV or
//! Graph-shaped pages), since Meta removed the Groups API on 2024-04-22 and exports are how
//! a group's archive is fed now.
//!
//! Files are read in name order and rows in file order; a post seen twice keeps the copy read
//! last (`dedup_posts`), so exports named by date (`2026-11-23.csv`) let the newest counts
//! win. Bad rows are skipped and reported (file, line, reason); a file not in its format
//! fails the group. See docs/import.md.

mod formats;
mod mapping;
#[cfg(test)]
mod proptests;
mod time;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use chrono_tz::Tz;

use self::formats::{FileRows, Layout, RELATIVE_HINT, TIME_HINT};
use self::mapping::{Mapping, Problem};
use super::graph_json::{read_json_file, GraphNode};
use super::snapshot::from_posts;
use super::{GroupFetch, Window};
use crate::config::{GroupConfig, ImportFormat};
use crate::model::{GroupInfo, Post};

/// Bad rows shown in full; the rest are counted.
const SHOWN: usize = 5;

/// Reads an import group's file or folder (relative to `root`, the folder of site.toml),
/// keeping posts inside `window`. `tz` is the site's, for times without an offset.
pub(crate) fn read_group(
    root: &Path,
    tz: Tz,
    group: &GroupConfig,
    window: Window,
) -> Result<GroupFetch> {
    read(root, tz, group, window, SHOWN).map(|(fetch, _)| fetch)
}

/// What `check` reports of an import group: the files and posts a build would import.
#[derive(Debug)]
pub(crate) struct Checked {
    pub files: usize,
    pub posts: usize,
    pub warnings: Vec<String>,
}

/// Reads an import group exactly as `build` does, writing nothing: the same errors and
/// warnings, for `check`, which lists every bad row rather than the first few.
pub(crate) fn check_group(config: &crate::config::Config, group: &GroupConfig) -> Result<Checked> {
    let (fetch, files) = read(
        &config.root,
        config.clock().tz,
        group,
        Window::default(),
        usize::MAX,
    )?;
    Ok(Checked {
        files,
        posts: fetch.posts.len(),
        warnings: fetch.warnings,
    })
}

/// `read_group`, and the number of files read; the first `listed` bad rows are shown.
fn read(
    root: &Path,
    tz: Tz,
    group: &GroupConfig,
    window: Window,
    listed: usize,
) -> Result<(GroupFetch, usize)> {
    let (Some(rel), Some(format)) = (&group.path, group.import_format()) else {
        bail!("an import group needs `path` and `format` (checked when site.toml is read)");
    };
    let path = root.join(rel);
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    let mapping = Mapping::new(group.preset.unwrap_or_default(), group.fields.as_ref());
    let layout = Layout {
        format,
        mapping: &mapping,
        tz,
        delimiter: group.delimiter.map(|d| d.0),
        rows: group.rows.as_deref(),
    };
    let mut info = GroupInfo {
        id: group.id.clone(),
        ..Default::default()
    };
    let mut report = Report {
        limit: listed,
        ..Report::default()
    };
    let files = if path.is_dir() {
        let node = path.join("node.json");
        if format == ImportFormat::Graph && node.is_file() {
            let node: GraphNode = read_json_file(&node)?;
            info = node.into_info(false);
            // The config's id names the group in data/, whatever the export says.
            info.id = group.id.clone();
        }
        let (files, other) = list(&path, format)?;
        let dir = shown(&path);
        let wanted = extensions(format).join(" or ");
        if !other.is_empty() {
            let names = name_list(&other);
            // Files of another import format and none of this one: `format` is wrong, and
            // importing nothing with exit 0 would hide it.
            if files.is_empty() {
                let hint = other
                    .iter()
                    .find_map(|name| {
                        let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
                        ImportFormat::from_extension(&ext).filter(|f| *f != format)
                    })
                    .map(|f| format!("; set `format = \"{}\"` to read them", f.as_str()))
                    .unwrap_or_default();
                bail!(
                    "`{dir}` has no {wanted} files for `format = \"{}\"`, only {names}{hint}",
                    format.as_str()
                );
            }
            report.notes.push(format!(
                "`{dir}`: skipped {names}, not {wanted} (`format = \"{}\"`)",
                format.as_str()
            ));
        } else if files.is_empty() {
            report.notes.push(format!(
                "`{dir}` has no {wanted} files; nothing was imported"
            ));
        }
        files
    } else if path.is_file() {
        vec![path.clone()]
    } else {
        bail!(
            "import path `{}` does not exist (`path` is relative to site.toml)",
            shown(&path)
        );
    };
    let mut posts = Vec::new();
    // Which file each post came from (an index into `names`), for `older_copy_read_last`.
    let mut origins = Vec::new();
    let mut names = Vec::new();
    for file in &files {
        let name = shown(file);
        let text = std::fs::read(file).with_context(|| format!("cannot read `{name}`"))?;
        let text = String::from_utf8(text).map_err(|e| {
            anyhow::anyhow!(
                "`{name}` is not UTF-8 text (invalid byte at offset {}); save the export as UTF-8",
                e.utf8_error().valid_up_to()
            )
        })?;
        let rows = formats::read(&layout, &text)
            .with_context(|| format!("`{name}` (format = \"{}\")", format.as_str()))?;
        report.add(&name, &rows, format);
        origins.extend(std::iter::repeat_n(names.len(), rows.posts.len()));
        names.push(name);
        posts.extend(rows.posts);
    }
    let older = older_copy_read_last(&posts, &origins, &names);
    let mut fetch = from_posts(info, posts, window);
    fetch.warnings = report.warnings(files.len());
    fetch.warnings.extend(older);
    Ok((fetch, files.len()))
}

/// A warning when a post's copy read last (the one kept) has lower counts than a copy in
/// a file read before. Counts only grow, so the files are likely named so that an older
/// export sorts last (a browser's `posts (1).csv` sorts before `posts.csv`).
fn older_copy_read_last(posts: &[Post], origins: &[usize], names: &[String]) -> Option<String> {
    let total = |p: &Post| {
        p.comments
            .saturating_add(p.shares)
            .saturating_add(p.reactions)
    };
    let last: HashMap<&str, usize> = posts
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    // Per kept copy: the earlier copy, in another file, with the highest counts.
    let mut higher: HashMap<usize, (usize, u64)> = HashMap::new();
    for (i, post) in posts.iter().enumerate() {
        let kept = last[post.id.as_str()];
        let (n, then) = (origins[i], total(post));
        if i != kept && n != origins[kept] && then > total(&posts[kept]) {
            let best = higher.entry(kept).or_insert((n, then));
            if then > best.1 {
                *best = (n, then);
            }
        }
    }
    let (&kept, &(before, then)) = higher.iter().min_by_key(|(&kept, _)| kept)?;
    let more = match higher.len() - 1 {
        0 => String::new(),
        n => format!(" and {}", crate::ui::count(n, "more post")),
    };
    Some(format!(
        "import: post `{}`{more} read last from `{}` with lower counts than from `{}` \
         (comments + shares + reactions: {}, against {then}); the copy read last is kept and \
         files are read in name order: name exports so that the newest sorts last (by date: \
         `2026-11-23.csv`)",
        posts[kept].id,
        names[origins[kept]],
        names[before],
        total(&posts[kept])
    ))
}

/// The extensions a folder's files must have to be read as `format`.
fn extensions(format: ImportFormat) -> &'static [&'static str] {
    match format {
        ImportFormat::Json | ImportFormat::Graph => &[".json"],
        ImportFormat::Jsonl => &[".jsonl", ".ndjson"],
        ImportFormat::Csv => &[".csv", ".tsv"],
    }
}

/// The files of `dir` to read, in name order: the format's extensions, not hidden, and for
/// Graph pages not the `node.json` that describes the group. Second, the names of the files
/// left out that have another import format's extension (an export in the wrong format);
/// other files (a README) are left out silently.
fn list(dir: &Path, format: ImportFormat) -> Result<(Vec<PathBuf>, Vec<String>)> {
    let mut files = Vec::new();
    let mut other = Vec::new();
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot list `{}`", dir.display()))?;
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let lower = name.to_ascii_lowercase();
        let hidden = lower.starts_with('.');
        let node = format == ImportFormat::Graph && lower == "node.json";
        if hidden || node || !path.is_file() {
            continue;
        }
        if extensions(format).iter().any(|ext| lower.ends_with(ext)) {
            files.push(path);
        } else if [".json", ".jsonl", ".ndjson", ".csv", ".tsv"]
            .iter()
            .any(|ext| lower.ends_with(ext))
        {
            other.push(name.to_string());
        }
    }
    files.sort();
    other.sort();
    Ok((files, other))
}

/// "`a.jsonl`, `b.jsonl` and 3 more files", for messages.
fn name_list(names: &[String]) -> String {
    let shown: Vec<String> = names.iter().take(SHOWN).map(|n| format!("`{n}`")).collect();
    match names.len() - shown.len() {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// Bad rows and notes over every file of a group, turned into warnings.
#[derive(Debug, Default)]
struct Report {
    /// The first `limit` problems in full.
    shown: Vec<String>,
    /// How many problems are shown in full.
    limit: usize,
    /// Whole-file notes, always shown.
    notes: Vec<String>,
    /// What the site needs and files lack (`FileRows::missing`), each said once for all
    /// the files that lack it: a folder of weekly exports.
    missing: Vec<Missing>,
    rows: usize,
    skipped: usize,
    dropped: usize,
    /// Rows skipped for a relative time, so the hint on exporting dates is given once.
    relative: usize,
    /// Rows skipped for a time in no form we read, so the forms we read are listed once.
    bad_times: usize,
}

/// One thing files lack, the files (in read order) and the first one's names.
#[derive(Debug)]
struct Missing {
    note: String,
    files: Vec<String>,
    names: String,
}

impl Report {
    fn add(&mut self, file: &str, rows: &FileRows, format: ImportFormat) {
        for note in &rows.notes {
            self.notes.push(format!("`{file}` {note}"));
        }
        for note in &rows.missing {
            match self.missing.iter_mut().find(|m| &m.note == note) {
                Some(m) => m.files.push(file.to_string()),
                None => self.missing.push(Missing {
                    note: note.clone(),
                    files: vec![file.to_string()],
                    names: rows.names_line(format),
                }),
            }
        }
        let mut skipped = 0;
        for (line, problem) in &rows.problems {
            let what = if matches!(problem, Problem::Dropped(_)) {
                self.dropped += 1;
                "kept without it"
            } else {
                match problem {
                    Problem::Relative(_) => self.relative += 1,
                    Problem::BadTime(_) => self.bad_times += 1,
                    _ => {}
                }
                skipped += 1;
                "skipped"
            };
            if self.shown.len() < self.limit {
                self.shown
                    .push(format!("`{file}` line {line}: {problem}; {what}"));
            }
        }
        self.skipped += skipped;
        self.rows += rows.posts.len() + skipped;
    }

    fn warnings(self, files: usize) -> Vec<String> {
        let mut out = self.notes;
        for Missing { note, files, names } in self.missing {
            out.push(match files.as_slice() {
                [one] => format!("`{one}` has {note}. Its {names}"),
                _ => format!("{} have {note}. The first one's {names}", name_list(&files)),
            });
        }
        let problems = self.skipped + self.dropped;
        if problems == 0 {
            return out;
        }
        let listed = self.shown.len();
        let hidden = problems - listed;
        out.extend(self.shown);
        let mut summary = format!(
            "import: skipped {} of {} rows in {}",
            self.skipped,
            self.rows,
            crate::ui::count(files, "file")
        );
        if self.dropped > 0 {
            summary.push_str(&format!(
                "; kept {} rows without a picture that was not usable",
                self.dropped
            ));
        }
        if hidden > 0 {
            summary.push_str(&format!(
                " (the first {listed} problems are listed above; {hidden} more not shown: `groupdigest check` lists them all)"
            ));
        }
        out.push(summary);
        if self.relative > 0 {
            out.push(format!(
                "import: {} had a relative time. {RELATIVE_HINT}",
                crate::ui::count(self.relative, "row")
            ));
        }
        if self.bad_times > 0 {
            out.push(format!(
                "import: {} had a time in a form not read; {TIME_HINT}",
                crate::ui::count(self.bad_times, "row")
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn group(toml: &str) -> GroupConfig {
        let c = Config::parse(
            &format!("[[groups]]\nid = \"9\"\nslug = \"g\"\nkind = \"import\"\n{toml}"),
            Path::new("site.toml"),
        )
        .unwrap();
        c.groups.into_iter().next().unwrap()
    }

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::create_dir_all(dir.join(name).parent().unwrap()).unwrap();
        std::fs::write(dir.join(name), text).unwrap();
    }

    const UTC: Tz = chrono_tz::UTC;

    #[test]
    fn a_folder_is_read_in_name_order_and_the_copy_read_last_wins() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "in/2026-11-23.csv",
            "id,text,created_time,comments\na,A,2026-11-19,9\n",
        );
        write(
            dir.path(),
            "in/2026-11-16.csv",
            "id,text,created_time,comments\na,A,2026-11-19,1\nb,B,2026-11-18,2\n",
        );
        write(dir.path(), "in/notes.txt", "not an export");
        write(dir.path(), "in/.~lock.csv", "garbage");
        let g = group("path = \"in\"\nformat = \"csv\"\n");
        let f = read_group(dir.path(), UTC, &g, Window::default()).unwrap();
        let mut got: Vec<(String, u64)> =
            f.posts.iter().map(|p| (p.id.clone(), p.comments)).collect();
        got.sort();
        assert_eq!(got, [("a".into(), 9), ("b".into(), 2)]);
        assert!(f.warnings.is_empty(), "{:?}", f.warnings);
        let covered = f.covered.unwrap();
        assert_eq!(covered.start.to_rfc3339(), "2026-11-18T00:00:00+00:00");
        assert_eq!(
            covered.end.to_rfc3339(),
            "2026-11-19T00:00:00.000000001+00:00",
            "just after the last post"
        );
    }

    #[test]
    fn a_kept_copy_with_lower_counts_than_one_read_before_is_named() {
        let dir = tempfile::tempdir().unwrap();
        // A browser's second download sorts first, so the older file is read last.
        write(
            dir.path(),
            "in/posts (1).csv",
            "id,text,created_time,comments\nb1,B,2026-11-19,50\nb2,C,2026-11-19,4\n",
        );
        write(
            dir.path(),
            "in/posts.csv",
            "id,text,created_time,comments\nb1,B,2026-11-19,2\nb2,C,2026-11-19,4\n",
        );
        let g = group("path = \"in\"\nformat = \"csv\"\n");
        let f = read_group(dir.path(), UTC, &g, Window::default()).unwrap();
        let b1 = f.posts.iter().find(|p| p.id == "b1").unwrap();
        assert_eq!(b1.comments, 2, "the copy read last is kept");
        assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
        assert!(
            f.warnings[0].starts_with(
                "import: post `b1` read last from `in/posts.csv` with lower counts than from `in/posts (1).csv` (comments + shares + reactions: 2, against 50)"
            ),
            "{:?}",
            f.warnings
        );
    }

    #[test]
    fn times_in_a_spreadsheets_local_form_get_the_forms_that_are_read_once() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "some.csv",
            "id,text,created_time\na,A,11/24/2026 18:30\nb,B,24/11/2026\nc,C,2026-11-24 18:30\n",
        );
        let g = group("path = \"some.csv\"\n");
        let f = read_group(dir.path(), UTC, &g, Window::default()).unwrap();
        assert_eq!(f.posts.len(), 1);
        let hints: Vec<_> = f
            .warnings
            .iter()
            .filter(|w| w.contains("yyyy-mm-dd hh:mm"))
            .collect();
        assert_eq!(hints.len(), 1, "{:?}", f.warnings);
        assert!(
            hints[0].starts_with(
                "import: 2 rows had a time in a form not read; times are read as ISO 8601"
            ),
            "{hints:?}"
        );

        write(
            dir.path(),
            "all.csv",
            "id,text,created_time\na,A,11/24/2026 18:30\n",
        );
        let g = group("path = \"all.csv\"\n");
        let e = format!(
            "{:#}",
            read_group(dir.path(), UTC, &g, Window::default()).unwrap_err()
        );
        assert!(
            e.contains("no row could be imported (line 2: `created_time` = `11/24/2026 18:30` is not a time we can read). Times are read as ISO 8601")
                && e.contains("format the column as `yyyy-mm-dd hh:mm`"),
            "{e}"
        );
    }

    #[test]
    fn a_kept_copy_with_the_highest_counts_or_a_repeat_in_one_file_says_nothing() {
        let dir = tempfile::tempdir().unwrap();
        for (name, comments) in [("a", 10), ("b", 5), ("c", 12)] {
            write(
                dir.path(),
                &format!("in/{name}.csv"),
                &format!("id,text,created_time,comments\np,P,2026-11-19,{comments}\n"),
            );
        }
        // The same post twice in one file: its last row wins, as documented.
        write(
            dir.path(),
            "in/d.csv",
            "id,text,created_time,comments\nq,Q,2026-11-19,9\nq,Q,2026-11-19,1\n",
        );
        let g = group("path = \"in\"\nformat = \"csv\"\n");
        let f = read_group(dir.path(), UTC, &g, Window::default()).unwrap();
        assert!(f.warnings.is_empty(), "{:?}", f.warnings);
        let p = f.posts.iter().find(|p| p.id == "p").unwrap();
        assert_eq!(p.comments, 12);
    }

    #[test]
    fn what_every_file_of_a_folder_lacks_is_said_once() {
        let dir = tempfile::tempdir().unwrap();
        for week in ["2026-11-09", "2026-11-16", "2026-11-23"] {
            write(
                dir.path(),
                &format!("in/{week}.csv"),
                &format!("id,text,created_time,num_comments\n{week},Hola,{week},4\n"),
            );
        }
        let g = group("path = \"in\"\nformat = \"csv\"\n");
        let f = read_group(dir.path(), UTC, &g, Window::default()).unwrap();
        assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
        assert!(
            f.warnings[0].starts_with(
                "`in/2026-11-09.csv`, `in/2026-11-16.csv`, `in/2026-11-23.csv` have no comments, shares or reactions in any row"
            ) && f.warnings[0].ends_with(
                "The first one's columns: `id`, `text`, `created_time`, `num_comments`"
            ),
            "{:?}",
            f.warnings
        );
    }

    #[test]
    fn bad_rows_are_listed_then_counted() {
        let dir = tempfile::tempdir().unwrap();
        let mut csv = String::from("id,text,created_time,comments\n");
        for i in 0..8 {
            csv.push_str(&format!("p{i},Post {i},2026-11-19,lots\n"));
        }
        csv.push_str("ok,Fine,2026-11-19,1\n");
        write(dir.path(), "posts.csv", &csv);
        let g = group("path = \"posts.csv\"\n");
        let f = read_group(dir.path(), UTC, &g, Window::default()).unwrap();
        assert_eq!(f.posts.len(), 1);
        assert_eq!(f.warnings.len(), SHOWN + 1, "{:?}", f.warnings);
        assert_eq!(
            f.warnings[0],
            "`posts.csv` line 2: `comments` = `lots` is not a count; skipped"
        );
        assert_eq!(
            f.warnings[SHOWN],
            "import: skipped 8 of 9 rows in 1 file (the first 5 problems are listed above; 3 more not shown: `groupdigest check` lists them all)"
        );
    }

    #[test]
    fn graph_format_reads_a_snapshot_like_folder_with_its_node() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "g/node.json",
            r#"{"id": "777", "name": "Exported group", "member_count": 40}"#,
        );
        write(
            dir.path(),
            "g/feed-001.json",
            r#"{"data": [{"id": "1", "created_time": "2026-11-19T18:04:11+0000", "shares": {"count": 2}}]}"#,
        );
        let g = group("path = \"g\"\nformat = \"graph\"\n");
        let f = read_group(dir.path(), UTC, &g, Window::default()).unwrap();
        assert_eq!(f.info.name.as_deref(), Some("Exported group"));
        assert_eq!(f.info.id, "9");
        assert_eq!(f.posts.len(), 1);
        assert_eq!(f.posts[0].shares, 2);
    }

    #[test]
    fn a_missing_path_or_a_file_in_another_format_fails_the_group_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let g = group("path = \"nope.csv\"\n");
        let e = read_group(dir.path(), UTC, &g, Window::default()).unwrap_err();
        assert!(
            format!("{e:#}").contains("`nope.csv` does not exist"),
            "{e:#}"
        );
        write(dir.path(), "posts.json", "id,created_time\n1,2026-11-19\n");
        let g = group("path = \"posts.json\"\n");
        let e = format!(
            "{:#}",
            read_group(dir.path(), UTC, &g, Window::default()).unwrap_err()
        );
        assert!(
            e.starts_with("`posts.json` (format = \"json\"): is not a JSON array"),
            "{e}"
        );
        std::fs::write(
            dir.path().join("latin1.csv"),
            b"id,created_time\n\xe9,2026-11-19\n",
        )
        .unwrap();
        let g = group("path = \"latin1.csv\"\n");
        let e = format!(
            "{:#}",
            read_group(dir.path(), UTC, &g, Window::default()).unwrap_err()
        );
        assert!(e.contains("`latin1.csv` is not UTF-8"), "{e}");
    }

    #[test]
    fn an_empty_folder_is_a_warning_not_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("imports")).unwrap();
        let g = group("path = \"imports\"\nformat = \"jsonl\"\n");
        let f = read_group(dir.path(), UTC, &g, Window::default()).unwrap();
        assert!(f.posts.is_empty() && f.covered.is_none());
        assert_eq!(
            f.warnings,
            ["`imports` has no .jsonl or .ndjson files; nothing was imported"]
        );
    }

    #[test]
    fn the_window_limits_posts_and_covers_its_whole_span() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "p.csv",
            "id,created_time\na,2026-11-02\nb,2026-11-12\nc,2026-11-20\n",
        );
        let g = group("path = \"p.csv\"\n");
        let w = Window {
            since: Some("2026-11-09T00:00:00Z".parse().unwrap()),
            until: Some("2026-11-16T00:00:00Z".parse().unwrap()),
        };
        let f = read_group(dir.path(), UTC, &g, w).unwrap();
        assert_eq!(f.posts.len(), 1);
        let covered = f.covered.unwrap();
        assert_eq!(covered.start, w.since.unwrap());
        assert_eq!(covered.end, w.until.unwrap(), "`until` is exclusive");
    }
}
