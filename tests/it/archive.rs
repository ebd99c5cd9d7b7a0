//! The archive rules and the output guarantees, on real runs of the binary: fetch updates and
//! never destroys, backfill touches only its window, a killed run leaves every file whole,
//! a failed render leaves `public/` exactly as it was, and `init` makes a site that renders.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::support::Site;

const NOW: &str = "--now=2026-11-25T12:00:00Z";
/// The week `NOW` falls in (a Monday).
const THIS_WEEK: &str = "2026-11-23";

/// One Graph feed post as the API returns it.
fn post(id: &str, time: &str, comments: u64) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "message": format!("post {id}: {}", "words worth reading ".repeat(8)),
        "created_time": time,
        "comments": {"data": [], "summary": {"total_count": comments}},
    })
}

/// `+0000` Graph time `hours` after midnight UTC of the Monday `weeks_back` weeks before
/// `THIS_WEEK`.
fn time_in_week(weeks_back: u64, hours: u64) -> String {
    let monday: NaiveDate = THIS_WEEK.parse().unwrap();
    let day = monday - Days::new(7 * weeks_back);
    let t: DateTime<Utc> =
        day.and_hms_opt(0, 0, 0).unwrap().and_utc() + chrono::Duration::hours(hours as i64);
    t.format("%Y-%m-%dT%H:%M:%S+0000").to_string()
}

fn week_key(weeks_back: u64) -> String {
    let monday: NaiveDate = THIS_WEEK.parse().unwrap();
    (monday - Days::new(7 * weeks_back)).to_string()
}

/// A snapshot site with the groups `slugs`; group `slugs[i]` has Graph id `100 + i`.
fn site_with_groups(slugs: &[&str]) -> Site {
    let site = Site::new();
    site.write("site.toml", &config_for(slugs));
    site
}

fn config_for(slugs: &[&str]) -> String {
    let mut toml = String::from(
        "[site]\nbase_url = \"https://x.github.io/d/\"\n[source]\nkind = \"snapshot\"\npath = \"snap\"\n",
    );
    for (i, slug) in slugs.iter().enumerate() {
        toml.push_str(&format!(
            "[[groups]]\nid = \"{}\"\nslug = \"{slug}\"\nvisibility = \"public\"\n",
            100 + i
        ));
    }
    toml
}

/// Replaces the snapshot of group `id` with one feed page holding `posts`.
fn set_feed(site: &Site, id: usize, posts: &[serde_json::Value]) {
    let body = serde_json::json!({"data": posts, "paging": {}});
    site.write(&format!("snap/{id}/feed-001.json"), &body.to_string());
}

fn stored_comments(site: &Site, slug: &str, week: &str) -> Vec<(String, u64)> {
    let v = site.json(&format!("data/{slug}/{week}.json"));
    v["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_string(),
                p["comments"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn is_temp(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.starts_with(".tmp-") || file.contains(".gdtmp-")
}

// ---------------------------------------------------------------------------------------
// Fetch updates, never destroys.

#[test]
fn refetch_replaces_a_week_with_fresh_counts_and_drops_deleted_posts() {
    let site = site_with_groups(&["a"]);
    set_feed(
        &site,
        100,
        &[
            post("1_1", &time_in_week(1, 10), 2),
            post("1_2", &time_in_week(1, 30), 5),
            post("1_3", &time_in_week(1, 50), 1),
        ],
    );
    site.run(&["fetch", NOW]).success();
    let week = week_key(1);
    assert_eq!(
        stored_comments(&site, "a", &week),
        vec![("1_3".into(), 1), ("1_2".into(), 5), ("1_1".into(), 2)]
    );

    // The snapshot still spans 1_1 to 1_3; 1_2 was deleted in between.
    set_feed(
        &site,
        100,
        &[
            post("1_1", &time_in_week(1, 10), 9),
            post("1_3", &time_in_week(1, 50), 1),
        ],
    );
    site.run(&["fetch", NOW]).success();
    assert_eq!(
        stored_comments(&site, "a", &week),
        vec![("1_3".into(), 1), ("1_1".into(), 9)],
        "fresh count kept, deleted post gone"
    );
}

#[test]
fn refetch_with_no_posts_for_a_stored_week_keeps_them_and_warns() {
    let site = site_with_groups(&["a"]);
    set_feed(
        &site,
        100,
        &[
            post("1_1", &time_in_week(3, 10), 2),
            post("1_2", &time_in_week(2, 10), 4),
            post("1_3", &time_in_week(1, 10), 6),
        ],
    );
    site.run(&["fetch", NOW]).success();
    let middle = week_key(2);
    let before = site.read(&format!("data/a/{middle}.json"));

    // The source no longer returns the middle week at all, although it covers it.
    set_feed(
        &site,
        100,
        &[
            post("1_1", &time_in_week(3, 10), 2),
            post("1_3", &time_in_week(1, 10), 6),
        ],
    );
    let run = site.run(&["fetch", NOW]);
    run.success();
    assert_eq!(site.read(&format!("data/a/{middle}.json")), before);
    assert!(
        run.stderr().contains(&format!(
            "group `a`: the fetch returned no posts for {middle}, which has stored posts; kept them"
        )),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_failing_group_keeps_its_archive_and_pages_while_the_others_update() {
    for breakage in ["missing folder", "malformed feed"] {
        let site = site_with_groups(&["a", "b"]);
        set_feed(&site, 100, &[post("1_1", &time_in_week(1, 10), 2)]);
        set_feed(&site, 101, &[post("2_1", &time_in_week(1, 10), 3)]);
        site.run(&["build", NOW]).success();
        let b_data = site.tree("data/b");
        let b_pages = site.files("public/b");

        set_feed(&site, 100, &[post("1_1", &time_in_week(1, 10), 7)]);
        match breakage {
            "missing folder" => std::fs::remove_dir_all(site.path("snap/101")).unwrap(),
            _ => {
                site.write("snap/101/feed-001.json", r#"{"data":[{"id":"2_1","#);
            }
        }
        let run = site.run(&["build", "--now=2026-11-26T12:00:00Z"]);
        run.fails_with(1);
        let err = run.stderr();
        assert!(err.contains("1 group(s) failed"), "{breakage}: {err}");
        assert!(
            err.contains("  b: "),
            "{breakage}: the failed group is named: {err}"
        );

        let mut b_now = site.tree("data/b");
        let group = String::from_utf8(b_now.remove("group.json").unwrap()).unwrap();
        let mut b_before = b_data.clone();
        b_before.remove("group.json");
        assert_eq!(b_now, b_before, "{breakage}: b's archive is kept");
        assert!(
            group.contains("\"last_failure\"") && group.contains("\"kind\": \"import\""),
            "{breakage}: the failure is recorded in group.json: {group}"
        );
        assert_eq!(
            site.files("public/b"),
            b_pages,
            "{breakage}: b's pages are kept"
        );
        let page = site.read(&format!("public/b/{}/index.html", week_key(1)));
        assert!(
            page.contains("Not updated since 25 Nov 2026, 12:00 UTC"),
            "{breakage}: b's pages say they are stale and since when: {page}"
        );
        assert!(
            !page.contains("feed-001") && !page.contains("snap/101"),
            "{breakage}: members never see the error text: {page}"
        );
        assert!(!site
            .read(&format!("public/a/{}/index.html", week_key(1)))
            .contains("Not updated"));
        // `render` is a function of data/: the notice stays, and nothing is rewritten.
        let before = site.files("public");
        let run = site.run(&["render", "--now=2026-11-26T12:00:00Z"]);
        run.success();
        assert!(
            run.stderr().contains(" 0 files written"),
            "{breakage}: render after a failed build is a no-op: {}",
            run.stderr()
        );
        assert_eq!(site.files("public"), before);
        assert!(site
            .read(&format!("public/b/{}/index.html", week_key(1)))
            .contains("Not updated since"));
        assert_eq!(
            stored_comments(&site, "a", &week_key(1)),
            vec![("1_1".into(), 7)],
            "{breakage}: the other group is updated"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Backfill: `--since/--until` touch exactly the periods of their window.

/// One post per week, `weeks` weeks back from this week, `comments` each.
fn weekly_posts(weeks: u64, comments: u64) -> Vec<serde_json::Value> {
    (0..weeks)
        .map(|w| post(&format!("1_{w}"), &time_in_week(w, 50), comments))
        .collect()
}

#[test]
fn a_windowed_fetch_touches_only_the_periods_of_its_window() {
    let site = site_with_groups(&["a"]);
    set_feed(&site, 100, &weekly_posts(10, 1));
    site.run(&["fetch", NOW]).success();
    let before = site.tree("data/a");
    assert_eq!(before.len(), 11, "10 weeks + group.json");

    // Every count changes in the source; only weeks 6..=4 back are asked for.
    set_feed(&site, 100, &weekly_posts(10, 2));
    let since = week_key(6);
    let until = week_key(3); // exclusive: the week starting here is outside
    let run = site.run(&["fetch", NOW, "--since", &since, "--until", &until]);
    run.success();
    assert!(
        !run.stderr().contains("returned no posts"),
        "a week outside the window was looked at: {}",
        run.stderr()
    );
    let after = site.tree("data/a");
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    for w in 0..10 {
        let file = format!("{}.json", week_key(w));
        let inside = (4..=6).contains(&w);
        assert_eq!(
            after[&file] != before[&file],
            inside,
            "week {w} back ({file}) should {}be replaced",
            if inside { "" } else { "not " }
        );
    }
}

#[test]
fn backfill_fills_weeks_a_year_back_without_touching_newer_ones() {
    let site = site_with_groups(&["a"]);
    set_feed(&site, 100, &weekly_posts(60, 1));
    site.run(&["fetch", NOW, "--since", &week_key(1)]).success();
    assert_eq!(site.files("data/a").len(), 3, "2 weeks + group.json");
    let recent = site.read(&format!("data/a/{}.json", week_key(1)));

    set_feed(&site, 100, &weekly_posts(60, 5));
    let run = site.run(&[
        "fetch",
        NOW,
        "--since",
        &week_key(55),
        "--until",
        &week_key(1),
    ]);
    run.success();
    assert_eq!(site.files("data/a").len(), 1 + 56, "{}", run.stderr());
    assert_eq!(
        stored_comments(&site, "a", &week_key(55)),
        vec![("1_55".into(), 5)]
    );
    assert_eq!(site.read(&format!("data/a/{}.json", week_key(1))), recent);
    assert!(!site.exists(&format!("data/a/{}.json", week_key(56))));
}

#[test]
fn a_mid_week_since_fetches_that_whole_week() {
    let site = site_with_groups(&["a"]);
    let monday = post("1_1", &time_in_week(1, 10), 1);
    let friday = post("1_2", &time_in_week(1, 4 * 24 + 10), 1);
    set_feed(&site, 100, &[monday, friday.clone()]);
    site.run(&["fetch", NOW]).success();

    let wednesday: NaiveDate = week_key(1).parse::<NaiveDate>().unwrap() + Days::new(2);
    set_feed(&site, 100, &[post("1_1", &time_in_week(1, 10), 8), friday]);
    site.run(&["fetch", NOW, "--since", &wednesday.to_string()])
        .success();
    assert_eq!(
        stored_comments(&site, "a", &week_key(1)),
        vec![("1_2".into(), 1), ("1_1".into(), 8)],
        "Monday's post is neither dropped nor left stale"
    );
}

#[test]
fn until_not_after_since_is_a_usage_error() {
    let site = site_with_groups(&["a"]);
    set_feed(&site, 100, &weekly_posts(2, 1));
    let run = site.run(&[
        "fetch",
        NOW,
        "--since",
        "2026-11-10",
        "--until",
        "2026-11-10",
    ]);
    run.fails_with(2);
    run.stderr_has("--until 2026-11-10");
    assert!(!site.exists("data"));
}

// ---------------------------------------------------------------------------------------
// Render: from data/ alone, all or nothing, nothing rewritten needlessly.

/// A built two-group site.
fn built_site() -> Site {
    let site = site_with_groups(&["a", "b"]);
    set_feed(&site, 100, &weekly_posts(3, 2));
    set_feed(&site, 101, &weekly_posts(2, 3));
    site.run(&["build", NOW]).success();
    site
}

#[test]
fn render_needs_only_the_archive() {
    let site = built_site();
    let before = site.tree("public");
    std::fs::remove_dir_all(site.path("snap")).unwrap();
    std::fs::remove_dir_all(site.path("public")).unwrap();
    site.run(&["render", NOW]).success();
    assert_eq!(site.tree("public"), before);
}

#[test]
fn a_template_syntax_error_names_the_file_and_line_and_leaves_public_untouched() {
    let site = built_site();
    let before = site.tree("public");
    site.write(
        "templates/period.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ period.label </p>\n{% endblock %}\n",
    );
    let run = site.run(&["render", NOW]);
    run.fails_with(1);
    let err = run.stderr();
    assert!(
        err.contains("templates/period.html") && err.contains("line 3"),
        "{err}"
    );
    assert_eq!(site.tree("public"), before);
}

#[test]
fn a_template_runtime_error_names_the_file_and_line_and_leaves_public_untouched() {
    let site = built_site();
    let before = site.tree("public");
    site.write(
        "templates/period.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ period.label }}</h1>\n<p>{{ no_such_variable.title }}</p>\n{% endblock %}\n",
    );
    let run = site.run(&["render", NOW]);
    run.fails_with(1);
    let err = run.stderr();
    assert!(
        err.contains("templates/period.html") && err.contains("line 4"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(site.tree("public"), before);
}

#[test]
fn an_unwritable_output_leaves_public_untouched() {
    let site = built_site();
    // A third group whose folder cannot be created: a regular file holds its place.
    site.write("site.toml", &config_for(&["a", "b", "c"]));
    site.write("public/c", "in the way");
    set_feed(&site, 100, &weekly_posts(3, 4));
    site.run(&["fetch", NOW]).fails_with(1); // c has no snapshot: a fetch failure
    let before = site.tree("public");
    let run = site.run(&["render", NOW]);
    run.fails_with(1);
    assert!(
        run.stderr()
            .contains("public/c`: a file of that name is in the way"),
        "{}",
        run.stderr()
    );
    assert_eq!(site.tree("public"), before, "no file written, none removed");
}

#[test]
fn a_render_that_changes_nothing_keeps_every_mtime() {
    let site = built_site();
    // Backdate every file so that any rewrite, however fast, shows.
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(946_684_800);
    let files = site.files("public");
    for f in &files {
        let file = std::fs::File::options()
            .write(true)
            .open(site.path(&format!("public/{f}")))
            .unwrap();
        file.set_modified(old).unwrap();
    }
    let run = site.run(&["render", NOW]);
    run.success();
    run.stderr_has(" 0 files written");
    for f in &files {
        let mtime = std::fs::metadata(site.path(&format!("public/{f}")))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(mtime, old, "{f} was rewritten");
    }
}

#[test]
fn a_group_removed_from_the_config_loses_its_pages_but_keeps_its_archive() {
    let site = built_site();
    site.write("public/CNAME", "digest.example.org");
    let b_data = site.tree("data/b");
    site.write("site.toml", &config_for(&["a"]));
    let run = site.run(&["render", NOW]);
    run.success();
    assert!(!site.exists("public/b"), "{:?}", site.files("public"));
    assert!(site.exists("public/a/index.html"));
    assert!(!site.read("public/sitemap.xml").contains("/b/"));
    assert_eq!(site.tree("data/b"), b_data, "the archive is never pruned");
    assert!(
        site.exists("public/CNAME"),
        "files we did not write are kept"
    );
}

/// The writer's list of what it wrote into `public/`, from the site's state folder.
fn manifest_listing(site: &Site) -> Vec<String> {
    let books = site.files(".groupdigest/output");
    let manifests: Vec<_> = books.iter().filter(|f| f.ends_with(".manifest")).collect();
    assert_eq!(manifests.len(), 1, "{books:?}");
    let text = site.read(&format!(".groupdigest/output/{}", manifests[0]));
    text.lines()
        .filter(|l| !l.starts_with("# "))
        .map(str::to_string)
        .collect()
}

#[test]
fn public_holds_nothing_but_the_site_after_a_build() {
    let site = built_site();
    let public = site.files("public");
    let hidden: Vec<_> = public
        .iter()
        .filter(|f| f.split('/').any(|part| part.starts_with('.')))
        .collect();
    assert!(
        hidden.is_empty(),
        "bookkeeping or temps in public/: {hidden:?}"
    );
    assert_eq!(
        public,
        manifest_listing(&site),
        "every file in public/ is one the render wrote, and the writer's list is kept outside"
    );
    assert!(site
        .files(".groupdigest")
        .iter()
        .all(|f| !f.ends_with(".writing")));
}

#[test]
fn an_earlier_versions_list_in_public_still_gets_stale_files_removed_and_is_then_deleted() {
    let site = built_site();
    site.write("public/CNAME", "digest.example.org");
    // What an earlier version left: its list inside public/, none in the state folder.
    let listing = manifest_listing(&site);
    assert!(listing.iter().any(|f| f.starts_with("b/")));
    std::fs::remove_dir_all(site.path(".groupdigest/output")).unwrap();
    site.write("public/.groupdigest-manifest", &(listing.join("\n") + "\n"));

    site.write("site.toml", &config_for(&["a"]));
    let run = site.run(&["render", NOW]);
    run.success();
    assert!(!site.exists("public/b"), "{:?}", site.files("public"));
    assert!(site.exists("public/a/index.html"));
    assert!(
        site.exists("public/CNAME"),
        "files we did not write are kept"
    );
    assert!(
        !site.exists("public/.groupdigest-manifest"),
        "read once, then deleted"
    );
    let mut wrote = manifest_listing(&site);
    wrote.push("CNAME".into());
    wrote.sort();
    assert_eq!(site.files("public"), wrote);

    // From now on the list in the state folder carries it: a group removed later goes too.
    site.write("site.toml", &config_for(&[]));
    site.run(&["render", NOW]).success();
    assert!(!site.exists("public/a"), "{:?}", site.files("public"));
    assert!(site.exists("public/CNAME"));
}

#[test]
fn an_output_dir_outside_the_site_folder_gets_the_same_guarantees() {
    let site = built_site();
    let elsewhere = tempfile::tempdir().unwrap();
    let www = elsewhere.path().join("www");
    let toml = |slugs: &[&str]| {
        config_for(slugs).replace(
            "[source]",
            &format!("output_dir = {:?}\n[source]", www.to_str().unwrap()),
        )
    };
    site.write("site.toml", &toml(&["a", "b"]));
    site.run(&["render", NOW]).success();
    assert!(www.join("b/index.html").exists());
    let listing = |dir: &std::path::Path| {
        let mut names: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    };
    assert!(listing(&www)
        .iter()
        .all(|f| !f.contains("/.") && !f.starts_with('.')));
    site.write("site.toml", &toml(&["a"]));
    site.run(&["render", NOW]).success();
    assert!(!www.join("b").exists(), "{:?}", listing(&www));
    assert!(www.join("a/index.html").exists());
    // The site's own public/ (its earlier output folder) is left as it was.
    assert!(site.exists("public/b/index.html"));
}

// ---------------------------------------------------------------------------------------
// Crash safety: SIGKILL at any moment leaves every file whole.

/// Writes a snapshot of `groups` groups × `weeks` weeks × `per_week` posts; `bump` is added
/// to every count so two versions differ in every period.
fn write_big_snapshot(site: &Site, groups: usize, weeks: u64, per_week: u64, bump: u64) {
    for g in 0..groups {
        let mut posts = Vec::new();
        for w in 0..weeks {
            for i in 0..per_week {
                posts.push(post(
                    &format!("{g}_{w}_{i}"),
                    &time_in_week(w, 1 + i * 7),
                    1 + (i * 3 + w) % 17 + bump,
                ));
            }
        }
        set_feed(site, 100 + g, &posts);
    }
}

#[test]
fn leftover_temp_files_are_cleared_by_the_next_run() {
    let site = built_site();
    site.write("data/a/.tmp-Ab12Cd", "{\"half");
    site.write("public/a/.index.html.gdtmp-4242", "<html");
    site.write("public/.tmp-XyZ987", "a/index.html\n");
    // The marker a render leaves while it stages: present only when that render was killed.
    site.write("public/.groupdigest-writing.gdtmp-4242", "");
    site.run(&["build", NOW]).success();
    for rel in ["data", "public"] {
        let temps: Vec<_> = site.files(rel).into_iter().filter(|f| is_temp(f)).collect();
        assert!(temps.is_empty(), "{rel}: {temps:?}");
    }
}

/// Every file under `data/` and `public/`, keyed `data/...` and `public/...`.
fn site_files(site: &Site) -> BTreeMap<String, Vec<u8>> {
    ["data", "public"]
        .iter()
        .flat_map(|r| {
            site.tree(r)
                .into_iter()
                .map(move |(f, b)| (format!("{r}/{f}"), b))
        })
        // The search index's files are named by their content: the two versions' names
        // differ (they are staged and applied like every other file).
        .filter(|(f, _)| !f.starts_with("public/search/"))
        .collect()
}

/// Runs `groupdigest ARGS` in `site` and SIGKILLs it as soon as `ready` says so (polled);
/// a run that ends first is not killed. Returns when the kill came, for messages.
fn kill_when(site: &Site, args: &[&str], ready: impl Fn(&Site) -> bool) -> Duration {
    let mut child = site
        .command(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    // Bounded: a run that neither finishes nor gets ready in a minute is killed anyway.
    for _ in 0..60_000 {
        if child.try_wait().unwrap().is_some() || ready(site) {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().ok(); // SIGKILL on Unix
    child.wait().unwrap();
    started.elapsed()
}

/// Runs `groupdigest ARGS` in `site` and SIGKILLs it after `delay` (if still running).
/// Returns whether it was still running then (the files say whether it was mid-write).
fn run_and_kill(site: &Site, args: &[&str], delay: Duration) -> bool {
    let mut child = site
        .command(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let running = child.try_wait().unwrap().is_none();
    child.kill().ok(); // SIGKILL on Unix
    child.wait().unwrap();
    running
}

/// Asserts that every file under data/ and public/ is whole: exactly its version in `old` or
/// in `new`, none missing or extra; temp files (never under a final name) are skipped.
#[track_caller]
fn assert_old_or_new(
    site: &Site,
    old: &BTreeMap<String, Vec<u8>>,
    new: &BTreeMap<String, Vec<u8>>,
    when: &str,
) {
    let now = site_files(site);
    let real: Vec<&String> = now.keys().filter(|k| !is_temp(k)).collect();
    assert_eq!(
        real,
        old.keys().collect::<Vec<_>>(),
        "{when}: a file is missing or extra"
    );
    for path in real {
        let bytes = &now[path];
        assert!(
            old.get(path) == Some(bytes) || new.get(path) == Some(bytes),
            "{when}: `{path}` is neither its old nor its new content"
        );
        if path.ends_with(".json") {
            serde_json::from_slice::<serde_json::Value>(bytes)
                .unwrap_or_else(|e| panic!("{when}: {path}: {e}"));
        }
    }
}

#[test]
fn killing_fetch_or_render_at_any_moment_leaves_every_file_old_or_new_and_whole() {
    const GROUPS: usize = 6;
    const WEEKS: u64 = 30;
    const PER_WEEK: u64 = 10;
    const KILLS: u32 = 8;
    let slugs: Vec<String> = (0..GROUPS).map(|g| format!("g{g}")).collect();
    let slugs: Vec<&str> = slugs.iter().map(String::as_str).collect();

    // The new version of every file: version A then B built cleanly elsewhere.
    let reference = site_with_groups(&slugs);
    write_big_snapshot(&reference, GROUPS, WEEKS, PER_WEEK, 0);
    reference.run(&["build", NOW]).success();
    write_big_snapshot(&reference, GROUPS, WEEKS, PER_WEEK, 1);
    reference.run(&["build", NOW]).success();
    let new = site_files(&reference);

    // The old version: this site fetched and rendered from version A, then switched to B.
    // Kill points are spread over each phase whatever this machine's speed; nothing is
    // asserted about time.
    let site = site_with_groups(&slugs);
    write_big_snapshot(&site, GROUPS, WEEKS, PER_WEEK, 0);
    let started = std::time::Instant::now();
    site.run(&["fetch", NOW]).success();
    let fetch_time = started.elapsed();
    let started = std::time::Instant::now();
    site.run(&["render", NOW]).success();
    let render_time = started.elapsed();
    let old = site_files(&site);
    assert_eq!(
        old.keys().collect::<Vec<_>>(),
        new.keys().collect::<Vec<_>>(),
        "both versions have the same files"
    );
    let differing = old.iter().filter(|(k, v)| new[*k] != **v).count();
    assert!(differing > GROUPS * WEEKS as usize * 2, "{differing}");
    write_big_snapshot(&site, GROUPS, WEEKS, PER_WEEK, 1);

    // A kill landed mid-run when the run had written part of what it had to, and not all:
    // judged from the files, not from the clock.
    let data_of = |files: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> {
        files
            .iter()
            .filter(|(k, _)| k.starts_with("data/") && !is_temp(k) && !k.ends_with("group.json"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    let new_data = data_of(&new);
    let mut fetch_landed = 0;
    for i in 0..KILLS {
        // Killed once this run has rewritten a few archive files (more each time), so the
        // kill points walk through the fetch's writes.
        let before = data_of(&site_files(&site));
        let target = 1 + 3 * i as usize;
        let written = |site: &Site| {
            // Read while the run writes: a temp file may be renamed away mid-listing.
            let changed = site
                .files("data")
                .into_iter()
                .filter(|f| !is_temp(f) && !f.ends_with("group.json"))
                .filter(|f| {
                    let key = format!("data/{f}");
                    std::fs::read(site.path(&key)).is_ok_and(|b| before.get(&key) != Some(&b))
                })
                .count();
            changed >= target
        };
        let delay = kill_when(&site, &["fetch", NOW], written);
        let after = data_of(&site_files(&site));
        let wrote = after.iter().filter(|(k, v)| before[*k] != **v).count();
        let left = after.iter().filter(|(k, v)| new_data[*k] != **v).count();
        fetch_landed += u32::from(wrote > 0 && left > 0);
        assert_old_or_new(
            &site,
            &old,
            &new,
            &format!("after killing fetch at {delay:?}"),
        );
    }
    // Render reads the archive, so it is killed only once the archive is whole version B.
    site.run(&["fetch", NOW]).success();
    let mut render_landed = 0;
    for i in 0..KILLS {
        let delay = render_time * i / KILLS + Duration::from_millis(u64::from(i));
        run_and_kill(&site, &["render", NOW], delay);
        // A render leaves its marker only when it is killed between opening the output
        // and finishing its commit.
        let marker = site
            .files(".groupdigest/output")
            .iter()
            .any(|f| f.ends_with(".writing"));
        render_landed += u32::from(marker);
        assert_old_or_new(
            &site,
            &old,
            &new,
            &format!("after killing render at {delay:?}"),
        );
    }
    eprintln!(
        "kills that landed mid-run: fetch {fetch_landed} of {KILLS} ({fetch_time:?}), render \
         {render_landed} of {KILLS} ({render_time:?})"
    );
    // Kills are spread over each phase's measured length, so most land inside it; a run
    // whose kills all missed would prove nothing.
    assert!(
        fetch_landed >= 2 && render_landed >= 2,
        "too few kills landed mid-run: fetch {fetch_landed}, render {render_landed} of {KILLS}"
    );

    site.run(&["build", NOW]).success();
    let finished = site_files(&site);
    assert!(
        finished.keys().all(|k| !is_temp(k)),
        "the next run clears temp files"
    );
    assert!(finished == new, "the next run finishes the job");
}

// ---------------------------------------------------------------------------------------
// `init`: a new site that builds as it is.

#[test]
fn init_scaffolds_a_site_that_renders_as_it_is() {
    let site = Site::new();
    let run = site.run(&["init", "my-site"]);
    run.success();
    for f in [
        "site.toml",
        "README.md",
        ".gitignore",
        ".github/workflows/publish.yml",
        ".github/workflows/test.yml",
        "templates/base.html",
        "templates/period.html",
        "templates/style.css",
    ] {
        assert!(site.exists(&format!("my-site/{f}")), "{f}");
    }
    assert_eq!(
        site.read("my-site/templates/period.html"),
        std::fs::read_to_string(crate::support::repo().join("templates/period.html")).unwrap(),
        "the default templates, to edit"
    );
    let readme = site.read("my-site/README.md");
    for needed in [
        "FB_ACCESS_TOKEN",
        "groupdigest auth login",
        "groupdigest auth exchange",
        "Source: **GitHub\n   Actions**",
        "https://<owner>.github.io/<repo>/<slug>/latest.json",
        "JSON API",
        "2024-04-22",
        "imports/<slug>/",
    ] {
        assert!(readme.contains(needed), "README.md lacks {needed:?}");
    }
    site.run(&["--config", "my-site/site.toml", "render", NOW])
        .success();
    assert!(site.exists("my-site/public/index.html"));
}

#[test]
fn init_examples_once_uncommented_give_a_valid_site() {
    let site = Site::new();
    site.run(&["init", "s"]).success();
    // Example lines are `#key = ...` / `#[[groups]]` (no space after `#`).
    let config: String = site
        .read("s/site.toml")
        .lines()
        .map(|l| match l.strip_prefix('#') {
            Some(rest) if !rest.is_empty() && !rest.starts_with([' ', '#']) => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(config.contains("kind = \"page\"") && config.contains("kind = \"import\""));
    assert!(
        config.contains("path = \"imports/my-group\"") && config.contains("preset = \"apify\"")
    );
    site.write("s/site.toml", &config);
    // git keeps no empty folder: init writes the example's import folder with a placeholder.
    assert!(site.exists("s/imports/my-group/.gitkeep"));
    let run = site.run(&["--config", "s/site.toml", "render", NOW]);
    run.success();
    assert!(site.exists("s/public/my-page/latest.json"));
    assert!(site.exists("s/public/my-group/index.html"));
}

#[test]
fn init_refuses_to_overwrite_and_then_writes_nothing() {
    let site = Site::new();
    site.write("s/site.toml", "# mine\n");
    site.write("s/templates/base.html", "mine");
    let run = site.run(&["init", "s"]);
    run.fails_with(2);
    let err = run.stderr();
    assert!(err.contains("s/site.toml"), "{err}");
    assert!(
        !err.contains("base.html"),
        "a template of one's own is kept, not a conflict: {err}"
    );
    assert_eq!(site.files("s"), vec!["site.toml", "templates/base.html"]);
    assert_eq!(site.read("s/site.toml"), "# mine\n");
}

// ---------------------------------------------------------------------------------------
// Files as other tools leave them, and a disk that refuses a write.

/// Every file and folder under `rel` whose mode is not `file` (files) or `dir` (folders).
#[cfg(unix)]
fn wrong_modes(site: &Site, rel: &str, file: u32, dir: u32) -> Vec<String> {
    use std::os::unix::fs::PermissionsExt;
    walkdir::WalkDir::new(site.path(rel))
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let mode = e.metadata().unwrap().permissions().mode() & 0o777;
            let want = if e.file_type().is_dir() { dir } else { file };
            (mode != want).then(|| format!("{} {mode:o}", e.path().display()))
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn files_honour_the_umask_in_data_and_public() {
    let site = Site::demo();
    for (umask, file, dir) in [("022", 0o644, 0o755), ("027", 0o640, 0o750)] {
        let _ = std::fs::remove_dir_all(site.path("data"));
        let _ = std::fs::remove_dir_all(site.path("public"));
        let mut cmd = std::process::Command::new("sh");
        cmd.arg("-c")
            .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_groupdigest"))
            .args(["build", NOW]);
        let inner = site.command(&[]);
        cmd.current_dir(site.root()).env_clear();
        for (k, v) in inner.get_envs() {
            if let Some(v) = v {
                cmd.env(k, v);
            }
        }
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let pictures = site
            .files("public")
            .into_iter()
            .filter(|f| f.contains("/media/"))
            .count();
        assert!(pictures > 0, "the demo keeps pictures");
        for rel in ["data", "public"] {
            let wrong = wrong_modes(&site, rel, file, dir);
            assert!(
                wrong.is_empty(),
                "umask {umask}: {rel} holds {file:o} files and {dir:o} folders: {wrong:#?}"
            );
        }
    }
}

#[test]
fn a_group_whose_data_folder_cannot_be_written_fails_as_io_and_the_others_go_on() {
    let site = site_with_groups(&["a", "b"]);
    set_feed(&site, 100, &[post("1_1", &time_in_week(1, 10), 2)]);
    set_feed(&site, 101, &[post("2_1", &time_in_week(1, 10), 3)]);
    site.run(&["build", NOW]).success();
    // A file where `data/a/` should be: no write under it succeeds, root or not (a
    // permission bit would not stop root, who runs these tests in CI containers). The
    // first group breaks, so the second shows the run went on.
    std::fs::remove_dir_all(site.path("data/a")).unwrap();
    site.write("data/a", "in the way");
    set_feed(&site, 101, &[post("2_1", &time_in_week(1, 10), 9)]);
    let summary = site.path("summary.md");
    let run = site.run_env(
        &["fetch", "--now=2026-11-26T12:00:00Z"],
        &[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_STEP_SUMMARY", summary.to_str().unwrap()),
        ],
    );
    run.fails_with(1);
    let err = run.stderr();
    assert!(err.contains("1 group(s) failed"), "{err}");
    assert!(err.contains("  a: ") && err.contains("data/a"), "{err}");
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert!(
        summary.contains("The disk refused to write the archive"),
        "an I/O failure's advice: {summary}"
    );
    assert!(!summary.contains("imports/"), "no import advice: {summary}");
    assert_eq!(
        stored_comments(&site, "b", &week_key(1)),
        vec![("2_1".into(), 9)],
        "the other group is still fetched and stored"
    );
}
