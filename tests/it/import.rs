//! `kind = "import"` groups through the real binary: every format and preset (on the sample
//! files in docs/samples, so they never rot), time forms, bad rows and bad files, and the
//! archive rules on re-import.

use crate::support::{repo, Site};

const NOW: &str = "--now=2026-11-25T12:00:00Z";

/// A site whose groups are the given `[[groups]]` blocks (after `[site]` and `[source]`).
fn site_with(groups: &str) -> Site {
    let site = Site::new();
    site.write(
        "site.toml",
        &format!(
            // The samples' pictures are on made-up hosts: nothing to download.
            "[site]\nbase_url = \"https://x.github.io/d/\"\n[source]\nkind = \"graph\"\n{groups}\n[media]\ndownload = false\n"
        ),
    );
    site
}

/// One import group `g` reading `path` with the extra keys in `keys`.
fn import_site(path: &str, keys: &str) -> Site {
    site_with(&format!(
        "[[groups]]\nid = \"g1\"\nslug = \"g\"\nvisibility = \"public\"\nkind = \"import\"\npath = \"{path}\"\n{keys}"
    ))
}

fn sample(name: &str) -> String {
    std::fs::read_to_string(repo().join("docs/samples").join(name)).unwrap()
}

/// The ids stored for one period, in the store's order (newest first).
fn ids(site: &Site, rel: &str) -> Vec<String> {
    site.json(rel)["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

fn post<'a>(period: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    period["posts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no post {id} in {period}"))
}

#[test]
fn generic_csv_sample_imports_into_two_weeks_and_builds_the_site() {
    let site = import_site("imports/generic.csv", "");
    site.write("imports/generic.csv", &sample("generic.csv"));
    let run = site.run(&["build", NOW]);
    run.success();
    assert!(!run.stderr().contains("warning"), "{}", run.stderr());
    assert_eq!(
        ids(&site, "data/g/2026-11-16.json"),
        ["g-103", "g-102", "g-101"]
    );
    assert_eq!(ids(&site, "data/g/2026-11-23.json"), ["g-104"]);
    let week = site.json("data/g/2026-11-16.json");
    let p = post(&week, "g-101");
    assert_eq!(p["comments"], 14);
    assert_eq!(p["shares"], 3);
    assert_eq!(p["reactions"], 41);
    assert!(p.get("author").is_none(), "author names are never stored");
    assert_eq!(p["picture"], "https://example.com/img/meetup.jpg");
    assert_eq!(
        post(&week, "g-103")["message"],
        "Slides from last week's talk, \"Async without tears\""
    );
    assert!(site.exists("public/g/latest.json"));
    assert!(site.exists("public/g/2026-11-16/index.html"));
}

#[test]
fn generic_json_sample_imports_every_time_form_it_uses() {
    let site = import_site("generic.json", "");
    site.write("generic.json", &sample("generic.json"));
    site.run(&["fetch", NOW]).success();
    let week = site.json("data/g/2026-11-16.json");
    assert_eq!(post(&week, "g-201")["created_time"], "2026-11-16T19:00:00Z");
    assert_eq!(post(&week, "g-202")["created_time"], "2026-11-19T08:00:00Z");
    assert_eq!(post(&week, "g-202")["comments"], 48);
    let next = site.json("data/g/2026-11-23.json");
    assert_eq!(post(&next, "g-203")["created_time"], "2026-11-28T12:00:00Z");
}

#[test]
fn facebook_scraper_jsonl_sample_imports_with_its_preset() {
    let site = import_site("fb.jsonl", "preset = \"facebook-scraper\"\n");
    site.write("fb.jsonl", &sample("facebook-scraper.jsonl"));
    site.run(&["fetch", NOW]).success();
    let week = site.json("data/g/2026-11-16.json");
    let p = post(&week, "3798217391739172831");
    assert_eq!(p["created_time"], "2026-11-17T21:05:00Z");
    assert_eq!(p["comments"], 31);
    assert_eq!(p["reactions"], 12);
    assert!(p.get("author").is_none(), "author names are never stored");
    assert_eq!(
        p["permalink_url"],
        "https://m.facebook.com/groups/devcircle/permalink/3798217391739172831/"
    );
    // No `reaction_count`: the reactions dict is summed; no timestamp: `time` is read.
    let next = site.json("data/g/2026-11-23.json");
    let p = post(&next, "3798217391739172833");
    assert_eq!(p["reactions"], 8);
    assert_eq!(p["created_time"], "2026-11-23T11:30:00Z");
}

#[test]
fn facebook_scraper_csv_sample_reads_a_python_dict_of_reactions() {
    let site = import_site("fb.csv", "preset = \"facebook-scraper\"\n");
    site.write("fb.csv", &sample("facebook-scraper.csv"));
    let run = site.run(&["fetch", NOW]);
    run.success();
    assert!(!run.stderr().contains("warning"), "{}", run.stderr());
    let week = site.json("data/g/2026-11-16.json");
    assert_eq!(post(&week, "3798217391739172841")["reactions"], 25);
    assert_eq!(post(&week, "3798217391739172841")["shares"], 7);
    let next = site.json("data/g/2026-11-23.json");
    let p = post(&next, "3798217391739172842");
    assert_eq!(p["reactions"], 3, "falls back to `likes`");
    assert_eq!(p["picture"], "https://scontent.example.com/v/coc.png");
}

#[test]
fn graph_sample_imports_with_counts_from_summaries() {
    let site = import_site("graph", "format = \"graph\"\n");
    site.write("graph/feed-001.json", &sample("graph-feed.json"));
    site.run(&["fetch", NOW]).success();
    let week = site.json("data/g/2026-11-16.json");
    let p = post(&week, "123_301");
    assert_eq!(
        (&p["comments"], &p["shares"], &p["reactions"]),
        (&19.into(), &4.into(), &33.into())
    );
    assert_eq!(ids(&site, "data/g/2026-11-23.json"), ["123_302"]);
}

#[test]
fn import_groups_work_beside_snapshot_groups() {
    let site = Site::new();
    site.write(
        "site.toml",
        "[source]\nkind = \"snapshot\"\npath = \"snap\"\n\
         [[groups]]\nid = \"1\"\nslug = \"page\"\nvisibility = \"public\"\nkind = \"page\"\n\
         [[groups]]\nid = \"2\"\nslug = \"grp\"\nvisibility = \"public\"\nkind = \"import\"\npath = \"generic.csv\"\n",
    );
    site.write(
        "snap/1/feed-001.json",
        r#"{"data":[{"id":"1_1","created_time":"2026-11-24T10:00:00+0000","comments":{"summary":{"total_count":3}}}]}"#,
    );
    site.write("generic.csv", &sample("generic.csv"));
    site.run(&["build", NOW]).success();
    assert!(site.exists("data/page/2026-11-23.json"));
    assert_eq!(ids(&site, "data/grp/2026-11-23.json"), ["g-104"]);
    assert!(site.exists("public/grp/latest.json"));
}

#[test]
fn naive_times_are_read_in_the_site_timezone() {
    // Mexico City is UTC-6: a naive Monday 02:00 is in the new week, while the same wall
    // time in UTC is still Sunday evening locally, in the week before.
    let site =
        site_with("[[groups]]\nid = \"g1\"\nslug = \"g\"\nvisibility = \"public\"\nkind = \"import\"\npath = \"p.csv\"\n");
    let toml = site
        .read("site.toml")
        .replace("[source]", "timezone = \"America/Mexico_City\"\n[source]");
    site.write("site.toml", &toml);
    site.write(
        "p.csv",
        "id,created_time\nnaive,2026-11-23 02:00:00\nzulu,2026-11-23T02:00:00Z\ngraph,2026-11-23T08:00:00+0000\nsecs,1795420800\nmillis,1795420800000\n",
    );
    site.run(&["fetch", NOW]).success();
    assert_eq!(ids(&site, "data/g/2026-11-16.json"), ["zulu"]);
    let mut new_week = ids(&site, "data/g/2026-11-23.json");
    new_week.sort();
    assert_eq!(new_week, ["graph", "millis", "naive", "secs"]);
    let week = site.json("data/g/2026-11-23.json");
    assert_eq!(post(&week, "naive")["created_time"], "2026-11-23T08:00:00Z");
}

#[test]
fn bad_rows_are_skipped_and_reported_with_file_and_line_and_exit_0() {
    let site = import_site("p.csv", "");
    site.write(
        "p.csv",
        "id,created_time,comments,permalink\n\
         ok,2026-11-24T10:00:00Z,3,https://f.com/ok\n\
         ,2026-11-24T10:00:00Z,1,\n\
         no-time,,1,\n\
         bad-time,next tuesday,1,\n\
         bad-count,2026-11-24T10:00:00Z,many,\n\
         bad-link,2026-11-24T10:00:00Z,1,javascript:alert(1)\n\
         short\n",
    );
    let run = site.run(&["fetch", NOW]);
    run.success();
    let err = run.stderr();
    for expected in [
        "warning: group `g`: `p.csv` line 3: no id (`id`); skipped",
        "`p.csv` line 4: no created_time (`created_time`); skipped",
        "`p.csv` line 5: `created_time` = `next tuesday` is not a time we can read; skipped",
        "`p.csv` line 6: `comments` = `many` is not a count; skipped",
        "`p.csv` line 7: `permalink` = `javascript:alert(1)` is not an http(s) URL; skipped",
        "import: skipped 6 of 7 rows in 1 file (the first 5 problems are listed above; 1 more not shown: `groupdigest check` lists them all)",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(!err.contains("line 8"), "{err}");
    assert_eq!(ids(&site, "data/g/2026-11-23.json"), ["ok"]);
    // `check` lists every one.
    let check = site.run(&["check", NOW]);
    let out = check.stdout();
    assert!(
        out.contains("`p.csv` line 8: has 1 field where the header has 4; skipped"),
        "{out}"
    );
    assert!(out.contains("skipped 6 of 7 rows in 1 file"), "{out}");
    assert!(!out.contains("more not shown"), "{out}");
}

#[test]
fn a_file_not_in_its_format_fails_only_its_group_with_exit_1() {
    let site = site_with(
        "[[groups]]\nid = \"a\"\nslug = \"a\"\nvisibility = \"public\"\nkind = \"import\"\npath = \"a.json\"\n\
         [[groups]]\nid = \"b\"\nslug = \"b\"\nvisibility = \"public\"\nkind = \"import\"\npath = \"b.json\"\n\
         [[groups]]\nid = \"c\"\nslug = \"c\"\nvisibility = \"public\"\nkind = \"import\"\npath = \"c.csv\"\n",
    );
    site.write("a.json", &sample("generic.csv"));
    site.write("b.json", "{\"data\": []}");
    site.write("c.csv", &sample("generic.csv"));
    let run = site.run(&["fetch", NOW]);
    run.fails_with(1);
    let err = run.stderr();
    assert!(
        err.contains("group `a`: `a.json` (format = \"json\"): is not a JSON array of posts"),
        "{err}"
    );
    assert!(
        err.contains("group `b`: `b.json` (format = \"json\"): looks like a Graph API feed page"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(!site.exists("data/a") || site.files("data/a").iter().all(|f| f == "group.json"));
    assert!(
        site.exists("data/c/2026-11-16.json"),
        "the other group is imported"
    );
}

#[test]
fn a_bad_format_in_site_toml_is_exit_2_with_line_column_and_key() {
    let site = import_site("p.csv", "format = \"excel\"\n");
    let run = site.run(&["fetch", NOW]);
    run.fails_with(2);
    assert!(
        run.stderr()
            .contains("site.toml:11:1: key `groups[0].format`: `excel` is not an import format"),
        "{}",
        run.stderr()
    );
}

#[test]
fn field_overrides_in_site_toml_map_a_custom_export() {
    let site = import_site(
        "custom.jsonl",
        "[groups.fields]\nid = \"uid\"\ncreated_time = \"meta.posted\"\ncomments = \"stats.comments\"\ntext = \"body\"\n",
    );
    site.write(
        "custom.jsonl",
        "{\"uid\": 7, \"body\": \"hi\", \"meta\": {\"posted\": \"2026-11-24 10:00:00\"}, \"stats\": {\"comments\": 5}}\n",
    );
    site.run(&["fetch", NOW]).success();
    let week = site.json("data/g/2026-11-23.json");
    let p = post(&week, "7");
    assert_eq!(p["message"], "hi");
    assert_eq!(p["comments"], 5);
}

#[test]
fn reimporting_the_same_files_leaves_data_byte_identical() {
    let site = import_site("imports", "format = \"csv\"\n");
    site.write("imports/generic.csv", &sample("generic.csv"));
    site.run(&["fetch", NOW]).success();
    let read_all = |site: &Site| -> Vec<(String, String)> {
        site.files("data")
            .into_iter()
            .map(|f| {
                let text = site.read(&format!("data/{f}"));
                (f, text)
            })
            .collect()
    };
    let before = read_all(&site);
    let run = site.run(&["fetch", "--now=2026-12-02T12:00:00Z"]);
    run.success();
    run.stderr_has("0 periods changed");
    assert_eq!(read_all(&site), before);
}

#[test]
fn a_later_export_with_the_newest_counts_wins_and_never_empties_a_week() {
    let site = import_site("imports", "format = \"csv\"\n");
    site.write(
        "imports/2026-11-20.csv",
        "id,created_time,comments\na,2026-11-10T10:00:00Z,1\nb,2026-11-17T10:00:00Z,1\nc,2026-11-24T10:00:00Z,1\n",
    );
    site.run(&["fetch", NOW]).success();
    assert_eq!(ids(&site, "data/g/2026-11-09.json"), ["a"]);
    // The next export has fresh counts for `b`, lost `c`'s week... and `a` is gone from it.
    std::fs::remove_file(site.path("imports/2026-11-20.csv")).unwrap();
    site.write(
        "imports/2026-11-27.csv",
        "id,created_time,comments\nb,2026-11-17T10:00:00Z,9\nd,2026-11-26T10:00:00Z,2\n",
    );
    let run = site.run(&["fetch", NOW]);
    run.success();
    let week = site.json("data/g/2026-11-16.json");
    assert_eq!(post(&week, "b")["comments"], 9);
    // A week the export does not reach is untouched; a week it covers is replaced.
    assert_eq!(ids(&site, "data/g/2026-11-09.json"), ["a"]);
    assert_eq!(ids(&site, "data/g/2026-11-23.json"), ["d"]);
    // Two files with the same post: the one read last (name order) wins.
    site.write(
        "imports/2026-11-28.csv",
        "id,created_time,comments\nb,2026-11-17T10:00:00Z,12\n",
    );
    site.run(&["fetch", NOW]).success();
    let week = site.json("data/g/2026-11-16.json");
    assert_eq!(post(&week, "b")["comments"], 12);
}

#[test]
fn an_export_with_a_gap_keeps_the_stored_week_inside_it() {
    let site = import_site("p.csv", "");
    site.write(
        "p.csv",
        "id,created_time\na,2026-11-03T10:00:00Z\nb,2026-11-10T10:00:00Z\nc,2026-11-17T10:00:00Z\n",
    );
    site.run(&["fetch", NOW]).success();
    site.write(
        "p.csv",
        "id,created_time\na,2026-11-03T10:00:00Z\nc,2026-11-17T10:00:00Z\n",
    );
    let run = site.run(&["fetch", NOW]);
    run.success();
    assert!(
        run.stderr()
            .contains("returned no posts for 2026-11-09, which has stored posts; kept them"),
        "{}",
        run.stderr()
    );
    assert_eq!(ids(&site, "data/g/2026-11-09.json"), ["b"]);
}

#[test]
fn since_and_until_limit_what_is_imported() {
    let site = import_site("p.csv", "");
    site.write(
        "p.csv",
        "id,created_time\na,2026-11-03T10:00:00Z\nb,2026-11-10T10:00:00Z\nc,2026-11-17T10:00:00Z\n",
    );
    site.run(&["fetch", NOW, "--since=2026-11-09", "--until=2026-11-16"])
        .success();
    assert_eq!(site.files("data/g"), ["2026-11-09.json", "group.json"]);
}

#[test]
fn a_semicolon_csv_from_european_excel_is_read_by_detecting_the_delimiter() {
    let site = import_site("excel.csv", "");
    // Excel in a locale with a decimal comma writes `;` between columns, and commas in text.
    site.write(
        "excel.csv",
        "\u{feff}id;text;created_time;comments\n\
         e1;Hola, ¿quién viene?;2026-11-24 10:00:00;3\n\
         e2;\"Dos; tres\";2026-11-25 09:00:00;1\n",
    );
    let run = site.run(&["fetch", NOW]);
    run.success();
    assert!(!run.stderr().contains("warning"), "{}", run.stderr());
    let week = site.json("data/g/2026-11-23.json");
    assert_eq!(post(&week, "e1")["message"], "Hola, ¿quién viene?");
    assert_eq!(post(&week, "e1")["comments"], 3);
    assert_eq!(post(&week, "e2")["message"], "Dos; tres");
}

#[test]
fn a_tab_separated_export_is_read_and_the_delimiter_key_overrides_detection() {
    let site = import_site("posts.tsv", "");
    site.write(
        "posts.tsv",
        "id\tcreated_time\tcomments\nt1\t2026-11-24T10:00:00Z\t7\n",
    );
    site.run(&["fetch", NOW]).success();
    assert_eq!(
        post(&site.json("data/g/2026-11-23.json"), "t1")["comments"],
        7
    );

    // `|` is not guessed; without the key the error says which key to set.
    let pipes = "id|text|created_time\np1|a, b, c|2026-11-24T10:00:00Z\n";
    let site = import_site("p.csv", "");
    site.write("p.csv", pipes);
    site.run(&["fetch", NOW]).fails_with(1).stderr_has(
        "its header row (split at `,`, detected) has `id|text|created_time`; if its columns are separated by another character, set `delimiter`",
    );
    let site = import_site("p.csv", "delimiter = \"|\"\n");
    site.write("p.csv", pipes);
    site.run(&["fetch", NOW]).success();
    assert_eq!(
        post(&site.json("data/g/2026-11-23.json"), "p1")["message"],
        "a, b, c"
    );

    for (value, ok) in [
        ("\"tab\"", true),
        ("\"\\t\"", true),
        ("';'", true),
        ("\"::\"", false),
    ] {
        let site = import_site("p.csv", &format!("delimiter = {value}\n"));
        site.write("p.csv", "id,created_time\n");
        let run = site.run(&["check", NOW]);
        if ok {
            assert!(
                !run.stderr().contains("delimiter"),
                "{value}: {}",
                run.stderr()
            );
        } else {
            run.fails_with(2).stderr_has(
                "key `groups[0].delimiter`: `::` is not a CSV delimiter; use \",\", \";\", \"|\" or \"tab\"",
            );
        }
    }
    let site = import_site("p.json", "delimiter = \";\"\n");
    site.run(&["check", NOW])
        .fails_with(2)
        .stderr_has("key `groups[0].delimiter`: is only for `format = \"csv\"`");
}

#[test]
fn a_json_object_holding_the_posts_in_one_array_is_read() {
    let site = import_site("export.json", "");
    site.write(
        "export.json",
        r#"{
  "group": "Dev Circle",
  "tags": ["rust", "meetup"],
  "posts": [
    {"id": "o1", "created_time": "2026-11-24T10:00:00Z", "comments": 5},
    {"id": "o2",
     "created_time": "later"}
  ]
}"#,
    );
    let run = site.run(&["fetch", NOW]);
    run.success();
    assert_eq!(ids(&site, "data/g/2026-11-23.json"), ["o1"]);
    // Rows are reported at their own line inside the object.
    run.stderr_has(
        "`export.json` line 6: `created_time` = `later` is not a time we can read; skipped",
    );
}

#[test]
fn the_rows_key_names_the_array_when_there_are_several() {
    let text = r#"{"meta": {"exported": "2026-11-25"},
 "data": {"posts": [{"id": "r1", "created_time": "2026-11-24T10:00:00Z"}],
          "comments": [{"id": "c1", "created_time": "2026-11-24T11:00:00Z"}]}}"#;
    let site = import_site("export.json", "rows = \"data.posts\"\n");
    site.write("export.json", text);
    site.run(&["fetch", NOW]).success();
    assert_eq!(ids(&site, "data/g/2026-11-23.json"), ["r1"]);

    let ambiguous = r#"{"posts": [{"id": "1", "created_time": "2026-11-24T10:00:00Z"}],
 "comments": [{"id": "2", "created_time": "2026-11-24T10:00:00Z"}]}"#;
    let site = import_site("export.json", "");
    site.write("export.json", ambiguous);
    let run = site.run(&["fetch", NOW]);
    run.fails_with(1).stderr_has(
        "`export.json` (format = \"json\"): is a JSON object with several arrays (`comments`, `posts`); set `rows` to the one holding the posts",
    );
    assert!(!run.stderr().contains("jsonl"), "{}", run.stderr());

    for (keys, expected) in [
        (
            "rows = \" \"\n",
            "key `groups[0].rows`: is empty; name the key of the array of posts",
        ),
        (
            "format = \"jsonl\"\nrows = \"posts\"\n",
            "key `groups[0].rows`: is only for `format = \"json\"`",
        ),
    ] {
        let site = import_site("export.json", keys);
        site.run(&["check", NOW]).fails_with(2).stderr_has(expected);
    }

    let site = import_site("export.json", "rows = \"items\"\n");
    site.write("export.json", ambiguous);
    site.run(&["fetch", NOW])
        .fails_with(1)
        .stderr_has("has no key `items` (`rows`); its keys: `comments`, `posts`");
}

#[test]
fn relative_times_are_refused_with_how_to_export_dates() {
    // Every row relative: the file yields nothing, and the group fails instead of exit 0.
    let site = import_site("scraped.csv", "");
    site.write(
        "scraped.csv",
        "id,created_time,comments\n\
         a,Just now,1\n\
         b,2 hrs,4\n\
         c,Yesterday at 3:04 PM,9\n\
         d,3 d,2\n",
    );
    let run = site.run(&["build", NOW]);
    run.fails_with(1);
    run.stderr_has("group `g`: `scraped.csv` (format = \"csv\"): no row has a date: every time is relative (line 2: `created_time` = `Just now`")
        .stderr_has("4 of 4 rows")
        .stderr_has("facebook-scraper writes them as `timestamp` (Unix seconds) and `time`");
    assert!(!site.exists("data/g/2026-11-23.json"));

    // Some rows relative: they are skipped, and the hint is given once.
    site.write(
        "scraped.csv",
        "id,created_time,comments\n\
         a,2 hrs,1\n\
         b,5 mins,4\n\
         c,2026-11-24T10:00:00Z,9\n",
    );
    let run = site.run(&["fetch", NOW]);
    run.success();
    let err = run.stderr();
    assert!(
        err.contains("`scraped.csv` line 2: `created_time` = `2 hrs` is a time relative to when the page was seen, not a date; skipped"),
        "{err}"
    );
    assert_eq!(
        err.matches("export absolute times instead").count(),
        1,
        "{err}"
    );
    assert!(err.contains("import: 2 rows had a relative time"), "{err}");
    assert_eq!(ids(&site, "data/g/2026-11-23.json"), ["c"]);
}

#[test]
fn a_file_of_rows_none_of_which_can_be_imported_fails_its_group() {
    let site = import_site("p.jsonl", "");
    site.write(
        "p.jsonl",
        "{\"id\": \"1\", \"created_time\": \"2026-11-24T10:00:00Z\", \"comments\": \"many\"}\n\
         {\"id\": \"2\", \"created_time\": \"2026-11-24T10:00:00Z\", \"comments\": -1}\n",
    );
    let run = site.run(&["fetch", NOW]);
    run.fails_with(1).stderr_has(
        "group `g`: `p.jsonl` (format = \"jsonl\"): no row could be imported (line 1: `comments` = `many` is not a count; the same on line 2 (2 of 2 rows))",
    );
    assert!(!site.exists("data/g/2026-11-23.json"));
}

#[test]
fn an_empty_file_is_a_warning_naming_it() {
    for (name, keys) in [
        ("p.jsonl", ""),
        ("p.csv", ""),
        ("p.json", ""),
        ("p.csv", "delimiter = \";\"\n"),
    ] {
        let site = import_site(name, keys);
        site.write(name, "\n");
        let run = site.run(&["fetch", NOW]);
        run.success();
        run.stderr_has(&format!(
            "warning: group `g`: `{name}` is empty; nothing was imported from it"
        ));
        assert!(
            !run.stderr().contains("header row has ;"),
            "{}",
            run.stderr()
        );
    }
    // A header with no rows (an export of a quiet week) is one too.
    let site = import_site("p.csv", "");
    site.write("p.csv", "id,created_time,comments\n");
    site.run(&["fetch", NOW])
        .success()
        .stderr_has("warning: group `g`: `p.csv` holds no posts");
}

#[test]
fn a_folder_in_another_format_than_format_fails_naming_the_files() {
    let site = import_site("imports", "format = \"json\"\n");
    site.write(
        "imports/2026-11-24.jsonl",
        "{\"id\": \"1\", \"created_time\": \"2026-11-24T10:00:00Z\"}\n",
    );
    site.write("imports/README.md", "exports go here");
    let run = site.run(&["fetch", NOW]);
    run.fails_with(1).stderr_has(
        "group `g`: `imports` has no .json files for `format = \"json\"`, only `2026-11-24.jsonl`; set `format = \"jsonl\"` to read them",
    );

    // Beside files it does read, the skipped ones are named in a warning.
    site.write(
        "imports/2026-11-17.json",
        "[{\"id\": \"0\", \"created_time\": \"2026-11-17T10:00:00Z\"}]",
    );
    let run = site.run(&["fetch", NOW]);
    run.success()
        .stderr_has(
            "warning: group `g`: `imports/2026-11-24.jsonl`: not read: a jsonl file, and the group reads only `format = \"json\"`; remove `format` to read each file by its extension",
        )
        .stderr_has(
            "warning: group `g`: `imports/README.md`: not read: not an export (read are .json, .jsonl, .ndjson, .csv, .tsv, .xlsx or .zip files)",
        );
}

#[test]
fn check_reads_imports_dry_and_fails_where_build_would() {
    let site = site_with(
        "[[groups]]\nid = \"a\"\nslug = \"good\"\nvisibility = \"public\"\nkind = \"import\"\npath = \"good.csv\"\n\
         [[groups]]\nid = \"b\"\nslug = \"relative\"\nvisibility = \"public\"\nkind = \"import\"\npath = \"rel.csv\"\n\
         [[groups]]\nid = \"c\"\nslug = \"wrong\"\nvisibility = \"public\"\nkind = \"import\"\npath = \"in\"\nformat = \"json\"\n\
         [[groups]]\nid = \"d\"\nslug = \"empty\"\nvisibility = \"public\"\nkind = \"import\"\npath = \"empty.jsonl\"\n",
    );
    site.write("good.csv", &sample("generic.csv"));
    site.write("rel.csv", "id,created_time\nx,2 hrs\n");
    site.write(
        "in/p.jsonl",
        "{\"id\": \"1\", \"created_time\": \"2026-11-24\"}\n",
    );
    site.write("empty.jsonl", "");
    let run = site.run(&["check", NOW]);
    run.fails_with(1);
    let out = run.stdout();
    for expected in [
        "ok: group `good`: the import reads 4 posts from 1 file",
        "problem: group `relative`: `rel.csv` (format = \"csv\"): no row has a date",
        "problem: group `wrong`: `in` has no .json files",
        "note: group `empty`: `empty.jsonl` is empty",
        "ok: group `empty`: the import reads 0 posts from 1 file",
        "check failed: 2 problem(s)",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert!(!site.exists("data"), "check wrote {:?}", site.files("data"));
    // And `build` fails on the same two groups.
    let run = site.run(&["build", NOW]);
    run.fails_with(1);
    let err = run.stderr();
    assert!(err.contains("2 group(s) failed"), "{err}");
    assert!(
        err.contains("  relative: ") && err.contains("  wrong: "),
        "{err}"
    );
}

#[test]
fn excel_semicolon_sample_imports_with_its_bom_crlf_and_commas_in_text() {
    let site = import_site("excel.csv", "");
    site.write("excel.csv", &sample("excel-semicolon.csv"));
    let run = site.run(&["fetch", NOW]);
    run.success();
    assert!(!run.stderr().contains("warning"), "{}", run.stderr());
    let week = site.json("data/g/2026-11-16.json");
    assert_eq!(ids(&site, "data/g/2026-11-16.json"), ["e-302", "e-301"]);
    assert_eq!(
        post(&week, "e-302")["message"],
        "Ofertas de trabajo; junior y senior"
    );
    assert_eq!(post(&week, "e-301")["reactions"], 25);
    let next = site.json("data/g/2026-11-23.json");
    assert_eq!(
        post(&next, "e-303")["message"],
        "Fotos de la hack night, 3,5 horas de código"
    );
    assert!(post(&next, "e-303").get("author").is_none());
}

#[test]
fn posts_object_sample_reads_its_one_array_of_posts() {
    let site = import_site("export.json", "");
    site.write("export.json", &sample("posts-object.json"));
    site.run(&["fetch", NOW]).success();
    assert_eq!(
        post(&site.json("data/g/2026-11-16.json"), "o-401")["comments"],
        13
    );
    assert_eq!(ids(&site, "data/g/2026-11-23.json"), ["o-402"]);
}
