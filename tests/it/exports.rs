//! The exports admins really make, through the real binary: each preset on its sample in
//! docs/samples (written from the tool's documented output, cited in docs/import.md), the same
//! files after a spreadsheet saved them, Facebook's archive, and `groupdigest import`, which
//! writes only what the archive needs into the group's folder.
//!
//! Shapes, by source:
//! - Apify Facebook Groups Scraper (apify.com/apify/facebook-groups-scraper, "Output"): items
//!   with `legacyId`, `time` (ISO, UTC), `text`, `url`, `likesCount` (every reaction),
//!   `topReactionsCount` (how many reaction kinds), `commentsCount`, `sharesCount`, `user`,
//!   `attachments`; its CSV and Excel downloads flatten nested keys as `attachments/0/thumbnail`.
//! - Bright Data "Facebook posts by group URL" dataset: `post_id`, `date_posted`, `content`,
//!   `num_comments`, `num_shares`, `num_likes_type` (`[{type, num}]`), `url`, `user_url`.
//! - Facebook "Download your information", JSON: `your_facebook_activity/groups/
//!   your_posts_in_groups.json` = `{"group_posts_v2": [{timestamp, data: [{post}], title}]}`,
//!   UTF-8 bytes escaped one by one as `\u00c3\u00a1`.

use crate::support::{repo, Site};

const NOW: &str = "--now=2026-11-25T12:00:00Z";

/// A site with one import group `g` (named like the samples' group) reading `imports/g`.
fn site(keys: &str) -> Site {
    let site = Site::new();
    site.write(
        "site.toml",
        &format!(
            "[site]\nbase_url = \"https://x.github.io/d/\"\n[source]\nkind = \"graph\"\n\
             [media]\ndownload = false\n\
             [[groups]]\nid = \"g1\"\nslug = \"g\"\nname = \"Developer Circle CDMX\"\n\
             visibility = \"public\"\nkind = \"import\"\npath = \"imports/g\"\n{keys}"
        ),
    );
    site
}

fn sample_path(name: &str) -> String {
    repo()
        .join("docs/samples")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Copies a sample (text or binary) to `rel` in the site.
fn copy_sample(site: &Site, name: &str, rel: &str) {
    let to = site.path(rel);
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(sample_path(name), to).unwrap();
}

/// Every stored post of the group, over all its weeks, by id.
fn stored(site: &Site) -> std::collections::BTreeMap<String, serde_json::Value> {
    let mut out = std::collections::BTreeMap::new();
    if !site.exists("data/g") {
        return out;
    }
    for f in site.files("data/g") {
        if f == "group.json" || !f.ends_with(".json") {
            continue;
        }
        for p in site.json(&format!("data/g/{f}"))["posts"]
            .as_array()
            .unwrap()
        {
            out.insert(p["id"].as_str().unwrap().to_string(), p.clone());
        }
    }
    out
}

#[test]
fn apify_json_jsonl_csv_and_xlsx_store_the_same_five_posts_with_likes_as_reactions() {
    let mut seen = Vec::new();
    for name in ["apify.json", "apify.jsonl", "apify.csv", "apify.xlsx"] {
        let site = site("preset = \"apify\"\n");
        copy_sample(&site, name, &format!("imports/g/{name}"));
        let run = site.run(&["build", NOW]);
        run.success();
        assert!(
            !run.stderr().contains("warning"),
            "{name}: {}",
            run.stderr()
        );
        let posts = stored(&site);
        assert_eq!(posts.len(), 5, "{name}: {posts:?}");
        let first = &posts["1862563480904735"];
        // `likesCount` is every reaction; `topReactionsCount` (3) is how many kinds.
        assert_eq!(first["reactions"], 462, "{name}");
        assert_eq!(first["comments"], 37, "{name}");
        assert_eq!(first["shares"], 12, "{name}");
        assert_eq!(first["created_time"], "2026-11-17T16:43:00Z", "{name}");
        assert!(
            first["permalink_url"].as_str().unwrap().starts_with(
                "https://www.facebook.com/groups/devcirclecdmx/permalink/1862563480904735"
            ),
            "{name}: {first}"
        );
        // The flattened CSV/Excel columns and the JSON's nesting give the same picture.
        assert!(
            first["picture"]
                .as_str()
                .is_some_and(|p| p.starts_with("https://scontent.")),
            "{name}: {first}"
        );
        let text = std::fs::read_to_string(site.path("data/g/2026-11-16.json")).unwrap();
        assert!(!text.contains("\"user\""), "{name}: no author stored");
        seen.push((name, posts));
    }
    let (_, reference) = &seen[0];
    for (name, posts) in &seen[1..] {
        assert_eq!(posts, reference, "{name} stores what apify.json stores");
    }
}

#[test]
fn the_default_preset_on_an_apify_export_names_the_apify_preset_and_its_time_text_and_url() {
    let site = site("");
    copy_sample(&site, "apify.json", "imports/g/apify.json");
    let run = site.run(&["build", NOW]);
    run.fails_with(1);
    let err = run.stderr();
    assert!(
        err.contains("the file's names are those of `preset = \"apify\"`: set it for the group"),
        "{err}"
    );
    // The likely keys come first, and the list is never cut before them.
    let keys = err.split("its first row's keys: ").nth(1).unwrap();
    for key in [
        "`time`",
        "`text`",
        "`url`",
        "`likesCount`",
        "`commentsCount`",
    ] {
        assert!(keys.contains(key), "{key} in {keys}");
    }
    // `check` suggests the same, from the same code.
    let check = site.run(&["check", NOW]);
    assert!(
        check.stdout().contains("`preset = \"apify\"`"),
        "{}",
        check.stdout()
    );
}

#[test]
fn an_apify_csv_saved_by_excel_names_every_row_whose_id_it_rounded_and_stores_nothing() {
    let site = site("preset = \"apify\"\n");
    copy_sample(&site, "apify-excel-saved.csv", "imports/g/apify.csv");
    let run = site.run(&["build", NOW]);
    run.fails_with(1);
    run.stderr_has(
        "`imports/g/apify.csv` (format = \"csv\"): no row could be imported (line 2: `legacyId` = `1,86256E+15` is an id a spreadsheet rounded to scientific notation",
    )
    .stderr_has("the same on lines 3, 4, 5, 6 (5 of 5 rows)");
    assert!(stored(&site).is_empty());
    let check = site.run(&["check", NOW]);
    check.fails_with(1);
    assert!(
        check
            .stdout()
            .contains("a spreadsheet rounded to scientific notation"),
        "{}",
        check.stdout()
    );
}

#[test]
fn rows_a_spreadsheet_gave_one_id_are_each_refused_and_counted_not_merged() {
    // Excel "Number" format with no decimals writes 1862563480904735 as 1862560000000000 on
    // every row: the ids are whole numbers, but one for five different posts.
    let site = site("");
    let mut csv = String::from("id,created_time,text,comments\n");
    for i in 0..5 {
        csv.push_str(&format!(
            "1862560000000000,2026-11-1{}T10:00:00Z,post {i},{i}\n",
            7 + i
        ));
    }
    csv.push_str("42,2026-11-24T10:00:00Z,a good one,3\n");
    site.write("imports/g/export.csv", &csv);
    let run = site.run(&["build", NOW]);
    let err = run.stderr();
    assert!(err.contains("1862560000000000"), "{err}");
    assert!(err.contains("spreadsheet"), "{err}");
    let posts = stored(&site);
    assert!(posts.contains_key("42"), "{posts:?}");
    assert!(
        !posts.contains_key("1862560000000000"),
        "five posts are not stored as one: {posts:?}"
    );
}

#[test]
fn brightdata_sample_sums_its_reaction_kinds_and_stores_no_author() {
    let site = site("preset = \"brightdata\"\n");
    copy_sample(&site, "brightdata.json", "imports/g/brightdata.json");
    site.run(&["build", NOW]).success();
    let posts = stored(&site);
    assert_eq!(posts.len(), 4, "{posts:?}");
    let first = &posts["1962563480904735"];
    assert_eq!(first["reactions"], 50, "40 likes + 10 loves: {first}");
    assert_eq!(first["comments"], 30);
    assert_eq!(first["shares"], 5);
    assert_eq!(first["created_time"], "2026-11-17T10:00:00Z");
    for f in site.files("data/g") {
        let text = site.read(&format!("data/g/{f}"));
        assert!(!text.contains("Ana Garc"), "{f} holds an author");
        assert!(!text.contains("profile.php"), "{f} holds a profile link");
    }
}

#[test]
fn facebooks_own_archive_is_repaired_kept_to_this_group_and_said_to_have_no_counts() {
    for (what, prepare) in [
        (
            "the zip",
            (|site: &Site| copy_sample(site, "facebook-dyi.zip", "imports/g/facebook.zip"))
                as fn(&Site),
        ),
        ("the extracted file", |site: &Site| {
            let bytes = std::fs::read(sample_path("facebook-dyi.zip")).unwrap();
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut entry = zip
                .by_name("your_facebook_activity/groups/your_posts_in_groups.json")
                .unwrap();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
            site.write("imports/g/your_posts_in_groups.json", &text);
        }),
    ] {
        let site = site("preset = \"facebook-dyi\"\n[ranking]\nmin_score = 0\n");
        prepare(&site);
        let run = site.run(&["build", NOW]);
        run.success();
        let err = run.stderr();
        assert!(
            err.contains("2 posts in other groups not imported"),
            "{what}: {err}"
        );
        assert!(
            err.contains("no post ids, links or counts"),
            "{what}: {err}"
        );
        let posts = stored(&site);
        assert_eq!(posts.len(), 3, "{what}: {posts:?}");
        let texts: Vec<&str> = posts
            .values()
            .map(|p| p["message"].as_str().unwrap())
            .collect();
        assert!(
            texts.iter().any(|t| t.contains("meetup del sábado! 🎉")),
            "{what}: mojibake repaired: {texts:?}"
        );
        assert!(
            texts.iter().all(|t| !t.contains('Ã') && !t.contains('ð')),
            "{what}: {texts:?}"
        );
        assert!(
            !texts
                .iter()
                .any(|t| t.contains("bicicleta") || t.contains("Tokyo")),
            "{what}: posts of other groups stay out: {texts:?}"
        );
        for (id, p) in &posts {
            assert!(id.starts_with("fb-"), "{what}: {id}");
            assert_eq!(p["comments"], 0);
        }
        // The ids are stable: the same archive again changes nothing.
        let before = site.read("data/g/2026-11-23.json");
        site.run(&["build", NOW]).success();
        assert_eq!(site.read("data/g/2026-11-23.json"), before, "{what}");
        // The site shows the text repaired, never the mojibake.
        let html = std::fs::read_to_string(site.path("public/g/2026-11-23/index.html")).unwrap();
        assert!(!html.contains("Ã¡"), "{what}");
    }
}

#[test]
fn mojibake_in_a_tool_that_does_not_write_it_is_warned_about_not_changed() {
    let site = site("");
    site.write(
        "imports/g/posts.jsonl",
        "{\"id\":\"1\",\"created_time\":\"2026-11-24T10:00:00Z\",\"text\":\"Nos vemos el sÃ¡bado\",\"comments\":2}\n",
    );
    let run = site.run(&["build", NOW]);
    run.success();
    let err = run.stderr();
    assert!(
        err.contains("sÃ¡bado") || err.contains("UTF-8 read as Latin-1"),
        "{err}"
    );
    assert!(err.contains("line 1"), "{err}");
    assert_eq!(stored(&site)["1"]["message"], "Nos vemos el sÃ¡bado");
}

#[test]
fn import_writes_only_what_the_archive_needs_and_a_rerun_writes_nothing() {
    let site = site("preset = \"apify\"\n");
    let apify = sample_path("apify.json");
    let run = site.run(&["import", &apify, "--group", "g", NOW]);
    run.success();
    let err = run.stderr();
    assert!(
        err.contains("import: 5 rows read from 1 file; posts: 5 new, 0 with new counts or text, 0 already in `imports/g`"),
        "{err}"
    );
    let written = "imports/g/2026-11-25T120000Z.posts.jsonl";
    assert_eq!(site.files("imports/g"), ["2026-11-25T120000Z.posts.jsonl"]);
    let text = site.read(written);
    assert_eq!(text.lines().count(), 5);
    for line in text.lines() {
        let row: serde_json::Map<String, serde_json::Value> = serde_json::from_str(line).unwrap();
        for key in row.keys() {
            assert!(
                [
                    "id",
                    "created_time",
                    "text",
                    "permalink",
                    "picture",
                    "comments",
                    "shares",
                    "reactions"
                ]
                .contains(&key.as_str()),
                "{key} written: {line}"
            );
        }
    }
    for raw in [
        "Ana Garc",
        "topComments",
        "profileName",
        "facebookUrl",
        "user",
    ] {
        assert!(!text.contains(raw), "{raw} written to {written}");
    }
    // The file written is what `build` reads, with the group's own preset.
    site.run(&["build", NOW]).success();
    assert_eq!(stored(&site)["1862563480904735"]["reactions"], 462);

    // The same export again: nothing new, nothing written.
    let again = site.run(&[
        "import",
        &apify,
        "--group",
        "g",
        "--now=2026-11-26T12:00:00Z",
    ]);
    again.success();
    assert!(
        again.stderr().contains("5 already in `imports/g`")
            && again.stderr().contains("nothing to write"),
        "{}",
        again.stderr()
    );
    assert_eq!(site.files("imports/g").len(), 1);

    // A newer export with new counts for one post: one file with that post alone.
    let newer = site.path("newer.json");
    let mut items: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&apify).unwrap()).unwrap();
    items[0]["commentsCount"] = 40.into();
    std::fs::write(&newer, items.to_string()).unwrap();
    let run = site.run(&[
        "import",
        newer.to_str().unwrap(),
        "--group",
        "g",
        "--now=2026-11-27T12:00:00Z",
    ]);
    run.success();
    assert!(
        run.stderr()
            .contains("posts: 0 new, 1 with new counts or text, 4 already in"),
        "{}",
        run.stderr()
    );
    let files = site.files("imports/g");
    assert_eq!(files.len(), 2, "{files:?}");
    assert_eq!(
        files[1], "2026-11-27T120000Z.posts.jsonl",
        "the newest sorts last"
    );
    assert_eq!(
        site.read(&format!("imports/g/{}", files[1]))
            .lines()
            .count(),
        1
    );
    site.run(&["build", NOW]).success();
    assert_eq!(stored(&site)["1862563480904735"]["comments"], 40);
}

#[test]
fn import_dry_run_reports_what_build_would_and_writes_nothing() {
    let site = site("preset = \"apify\"\n");
    let run = site.run(&[
        "import",
        &sample_path("apify.xlsx"),
        "--group",
        "g",
        "--dry-run",
        NOW,
    ]);
    run.success()
        .stderr_has("would write 5 posts to `imports/g/2026-11-25T120000Z.posts.jsonl` (--dry-run: nothing written)");
    assert!(!site.exists("imports/g"));
}

#[test]
fn import_refuses_a_group_that_is_not_an_import_naming_the_import_groups() {
    let site = site("");
    let run = site.run(&["import", &sample_path("apify.json"), "--group", "nope", NOW]);
    run.fails_with(2).stderr_has(
        "`--group nope`: site.toml has no group with that slug; its import groups: `g`",
    );
}

#[test]
fn import_leaves_out_what_privacy_keeps_out() {
    let site = site("preset = \"apify\"\n[privacy]\nopt_out_tags = [\"#nodigest\"]\n");
    let path = site.path("tagged.json");
    let mut items: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sample_path("apify.json")).unwrap()).unwrap();
    items[1]["text"] = "No me incluyan #nodigest".into();
    std::fs::write(&path, items.to_string()).unwrap();
    let run = site.run(&["import", path.to_str().unwrap(), "--group", "g", NOW]);
    run.success().stderr_has("1 left out for privacy");
    let text = site.read("imports/g/2026-11-25T120000Z.posts.jsonl");
    assert_eq!(text.lines().count(), 4);
    assert!(!text.contains("#nodigest"));
}

#[test]
fn a_narrower_reexport_says_how_many_stored_posts_it_removed_and_from_which_weeks() {
    let site = site("preset = \"apify\"\n");
    copy_sample(&site, "apify.json", "imports/g/apify.json");
    site.run(&["build", NOW]).success();
    assert_eq!(stored(&site).len(), 5);
    // A "top posts" run over the same dates: 2 of the 5.
    let items: Vec<serde_json::Value> =
        serde_json::from_str(&site.read("imports/g/apify.json")).unwrap();
    let top = serde_json::Value::Array(vec![items[0].clone(), items[4].clone()]);
    site.write("imports/g/apify.json", &top.to_string());
    let run = site.run(&["build", NOW]);
    run.success();
    run.stderr_has(
        "group `g`: removed 3 stored posts from the archive (3 from the week of 2026-11-16)",
    )
    .stderr_has("a narrower export, such as a \"top posts\" run, removes the rest");
}

#[test]
fn every_file_in_an_import_folder_that_is_not_read_is_named_with_its_reason() {
    let site = site("preset = \"apify\"\n");
    copy_sample(&site, "apify.csv", "imports/g/a.csv");
    copy_sample(&site, "apify.xlsx", "imports/g/b.xlsx");
    site.write("imports/g/notes.txt", "what I exported when\n");
    site.write("imports/g/.gitkeep", "");
    site.write("imports/g/README.md", "# exports\n");
    let run = site.run(&["build", NOW]);
    run.success();
    let err = run.stderr();
    assert!(err.contains("/notes.txt`"), "{err}");
    assert!(err.contains("/README.md`"), "{err}");
    assert!(
        !err.contains(".gitkeep"),
        "git's placeholder is expected: {err}"
    );
    // Both exports were read (the xlsx beside the csv is not skipped).
    let check = site.run(&["check", NOW]);
    assert!(
        check.stdout().contains("from 2 files"),
        "{}",
        check.stdout()
    );
    assert_eq!(stored(&site).len(), 5);
}

#[test]
fn a_symlink_in_an_import_folder_is_refused_by_name_and_never_read() {
    let site = site("");
    site.write(
        "secret.env",
        "id,created_time,text\nEAAsecretvalue,2026-11-24T10:00:00Z,FB_ACCESS_TOKEN=EAAsecretvalue\n",
    );
    site.write(
        "imports/g/ok.csv",
        "id,created_time,comments\n1,2026-11-24T10:00:00Z,3\n",
    );
    std::os::unix::fs::symlink(site.path("secret.env"), site.path("imports/g/link.csv")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", site.path("imports/g/passwd.csv")).unwrap();
    let run = site.run(&["build", NOW]);
    let err = run.stderr() + &run.stdout();
    assert!(err.contains("/link.csv`"), "{err}");
    assert!(err.contains("/passwd.csv`"), "{err}");
    assert!(err.contains("symbolic link"), "{err}");
    assert!(!err.contains("EAAsecretvalue"), "{err}");
    assert!(!err.contains("root:"), "{err}");
    let posts = stored(&site);
    assert_eq!(posts.keys().collect::<Vec<_>>(), ["1"]);
}

#[test]
fn a_local_time_beside_absolute_timestamps_in_a_facebook_scraper_file_is_warned_about() {
    let site = site("preset = \"facebook-scraper\"\n");
    site.write(
        "imports/g/posts.jsonl",
        "{\"post_id\":\"1\",\"time\":\"2026-11-24 04:00:00\",\"timestamp\":1795492800,\"text\":\"a\",\"comments\":1}\n\
         {\"post_id\":\"2\",\"time\":\"2026-11-24 05:00:00\",\"text\":\"b\",\"comments\":1}\n",
    );
    let run = site.run(&["build", NOW]);
    run.success();
    let err = run.stderr();
    assert!(
        err.contains("`time`") && err.contains("`timestamp`"),
        "{err}"
    );
    assert!(err.contains("clock"), "{err}");
    // `timestamp` wins where both exist: 1795492800 is 2026-11-24T04:00:00Z.
    assert_eq!(stored(&site)["1"]["created_time"], "2026-11-24T04:00:00Z");
}

#[test]
fn a_nested_wrapper_gets_the_rows_path_that_works_and_it_does() {
    let site = site("format = \"json\"\n");
    let body = "{\"data\": {\"items\": [{\"id\": \"1\", \"created_time\": \"2026-11-24T10:00:00Z\", \"comments\": 2}]}}";
    site.write("imports/g/wrapped.json", body);
    let run = site.run(&["build", NOW]);
    run.fails_with(1).stderr_has("rows = \"data.items\"");
    let toml = site.read("site.toml").replace(
        "format = \"json\"\n",
        "format = \"json\"\nrows = \"data.items\"\n",
    );
    site.write("site.toml", &toml);
    site.run(&["build", NOW]).success();
    assert!(stored(&site).contains_key("1"));
}

#[test]
fn a_windows_1252_export_names_its_line_and_encoding_and_the_encoding_key_reads_it() {
    let site = site("");
    let bytes =
        b"id,created_time,text\n1,2026-11-24T10:00:00Z,hola\n2,2026-11-24T11:00:00Z,el s\xe1bado\n";
    std::fs::create_dir_all(site.path("imports/g")).unwrap();
    std::fs::write(site.path("imports/g/excel.csv"), bytes).unwrap();
    site.run(&["build", NOW])
        .fails_with(1)
        .stderr_has("line 3 has the byte 0xE1, and the file looks like Windows-1252")
        .stderr_has("encoding = \"windows-1252\"");
    let toml = site.read("site.toml") + "encoding = \"windows-1252\"\n";
    site.write("site.toml", &toml);
    site.run(&["build", NOW]).success();
    assert_eq!(stored(&site)["2"]["message"], "el sábado");
}

#[test]
fn a_zip_given_as_path_is_read_not_called_a_bad_encoding() {
    let site = Site::new();
    site.write(
        "site.toml",
        "[site]\nbase_url = \"https://x.github.io/d/\"\n[source]\nkind = \"graph\"\n\
         [[groups]]\nid = \"g1\"\nslug = \"g\"\nname = \"Developer Circle CDMX\"\nvisibility = \"public\"\n\
         kind = \"import\"\npath = \"export.zip\"\npreset = \"facebook-dyi\"\n",
    );
    copy_sample(&site, "facebook-dyi.zip", "export.zip");
    let run = site.run(&["fetch", NOW]);
    run.success();
    assert!(!run.stderr().contains("UTF-8"), "{}", run.stderr());
    assert_eq!(stored(&site).len(), 3);
}

#[test]
fn an_import_folder_that_does_not_exist_yet_is_a_warning_on_every_run() {
    for keys in ["", "format = \"jsonl\"\n"] {
        import_folder_missing_warns(keys);
    }
}

fn import_folder_missing_warns(keys: &str) {
    let site = site(keys);
    for _ in 0..2 {
        let run = site.run(&["build", NOW]);
        run.success();
        assert!(run.stderr().contains("warning"), "{}", run.stderr());
        assert!(run.stderr().contains("imports/g"), "{}", run.stderr());
    }
}

#[test]
fn graph_feed_files_with_likes_summaries_count_them_as_reactions() {
    let site = site("format = \"graph\"\n");
    site.write(
        "imports/g/feed.json",
        r#"{"data": [{"id": "1_2", "created_time": "2026-11-24T10:00:00+0000", "message": "hi",
            "likes": {"data": [], "summary": {"total_count": 17}},
            "comments": {"data": [], "summary": {"total_count": 2}}}]}"#,
    );
    site.run(&["fetch", NOW]).success();
    assert_eq!(stored(&site)["1_2"]["reactions"], 17);
}

#[test]
fn a_workbook_or_archive_cut_short_says_to_download_it_again() {
    let site = site("preset = \"apify\"\n");
    for (sample, name) in [("apify.xlsx", "cut.xlsx"), ("facebook-dyi.zip", "cut.zip")] {
        let bytes = std::fs::read(sample_path(sample)).unwrap();
        let path = site.path(name);
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        let run = site.run(&["import", path.to_str().unwrap(), "--group", "g", NOW]);
        run.fails_with(1)
            .stderr_has("the file is likely cut short: download the export again");
        assert!(!site.exists("imports/g"), "{name}: nothing written");
    }
}
