//! What members keep out of the public site, through the real binary: visibility per group
//! (private groups render nothing, unlisted ones are listed nowhere), opt-out tags and
//! exclusions at fetch, `forget`, and no author names anywhere.

use crate::support::{repo, Site};

const NOW: &str = "--now=2026-11-25T12:00:00Z";

/// A Graph post of the week of 23 Nov 2026 with `comments` comments.
fn post(id: &str, text: &str, comments: u64) -> String {
    format!(
        r#"{{"id":"{id}","message":"{text}","created_time":"2026-11-24T10:00:00+0000",
            "permalink_url":"https://www.facebook.com/groups/1/permalink/{}/",
            "from":{{"name":"Ana Secreta","id":"777"}},
            "comments":{{"data":[],"summary":{{"total_count":{comments}}}}}}}"#,
        id.rsplit('_').next().unwrap()
    )
}

/// One group of `site`: id, slug, kind, `privacy` in its node.json, extra `[[groups]]` keys,
/// and the posts of its one feed page.
type Group<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, &'a str, &'a str);

/// A snapshot site of `groups`; `extra` goes after `[source]`.
fn site(groups: &[Group], extra: &str) -> Site {
    let site = Site::new();
    let mut toml = format!(
        "[site]\ntitle = \"Digest\"\nbase_url = \"https://x.github.io/d/\"\n[source]\nkind = \"snapshot\"\npath = \"snap\"\n{extra}\n"
    );
    for (id, slug, kind, privacy, keys, posts) in groups {
        toml.push_str(&format!(
            "[[groups]]\nid = \"{id}\"\nslug = \"{slug}\"\nname = \"Group {slug}\"\nkind = \"{kind}\"\n{keys}"
        ));
        let privacy = privacy.map_or(String::new(), |p| format!(r#","privacy":"{p}""#));
        site.write(
            &format!("snap/{id}/node.json"),
            &format!(r#"{{"id":"{id}","name":"Group {slug}"{privacy}}}"#),
        );
        site.write(
            &format!("snap/{id}/feed-001.json"),
            &format!(r#"{{"data":[{posts}],"paging":{{}}}}"#),
        );
    }
    site.write("site.toml", &toml);
    site
}

/// Every file under `public/` and `data/` that mentions `needle`.
fn files_with(site: &Site, needle: &str) -> Vec<String> {
    let mut out = Vec::new();
    for top in ["public", "data"] {
        for f in site.files(top) {
            let bytes = std::fs::read(site.path(&format!("{top}/{f}"))).unwrap();
            if String::from_utf8_lossy(&bytes).contains(needle) {
                out.push(format!("{top}/{f}"));
            }
        }
    }
    out
}

#[test]
fn a_closed_group_without_visibility_is_archived_but_not_rendered_and_named_by_check() {
    let posts = post("1_11", "Members only", 3);
    let site = site(
        &[
            ("1", "closed", "group", Some("CLOSED"), "", &posts),
            (
                "2",
                "open",
                "group",
                Some("OPEN"),
                "",
                &post("2_21", "Hello", 2),
            ),
        ],
        "",
    );
    let run = site.run(&["build", NOW]);
    run.success();
    run.stderr_has("group `closed` is not rendered: it is a CLOSED group on Facebook");
    run.stderr_has("set `visibility = \"public\"`");
    assert!(site.exists("data/closed/2026-11-23.json"), "archived");
    assert_eq!(
        site.json("data/closed/group.json")["info"]["privacy"],
        "CLOSED"
    );
    assert!(!site.exists("public/closed"), "{:?}", site.files("public"));
    assert!(
        site.exists("public/open/2026-11-23/index.html"),
        "an OPEN group is public"
    );
    assert_eq!(
        files_with(&site, "Members only"),
        ["data/closed/2026-11-23.json"]
    );
    for f in ["index.html", "sitemap.xml", "feed.xml", "404.html"] {
        assert!(!site.read(&format!("public/{f}")).contains("closed"), "{f}");
    }
    let check = site.run(&["check"]);
    check.success();
    assert!(
        check.stdout().contains("group `closed` is not rendered")
            && check.stdout().contains("`visibility = \"public\"`")
            && !check.stdout().contains("group `open` is not rendered"),
        "{}",
        check.stdout()
    );
}

#[test]
fn a_group_made_private_loses_its_pages_on_the_next_render() {
    let posts = post("1_11", "Hello", 3);
    let site = site(
        &[("1", "g", "group", None, "visibility = \"public\"\n", &posts)],
        "",
    );
    site.run(&["build", NOW]).success();
    assert!(site.exists("public/g/latest.json"));
    let toml = site
        .read("site.toml")
        .replace("visibility = \"public\"", "visibility = \"private\"");
    site.write("site.toml", &toml);
    site.run(&["render", NOW])
        .success()
        .stderr_has("group `g` is not rendered: its `visibility` is \"private\"");
    assert!(!site.exists("public/g"), "{:?}", site.files("public"));
    assert!(site.exists("data/g/2026-11-23.json"), "the archive is kept");
}

#[test]
fn an_unlisted_group_is_built_with_noindex_and_listed_nowhere() {
    let site = site(
        &[
            (
                "1",
                "pub",
                "page",
                None,
                "",
                &post("1_11", "Public post", 3),
            ),
            (
                "2",
                "hid",
                "group",
                Some("OPEN"),
                "visibility = \"unlisted\"\n",
                &post("2_21", "Unlisted post", 5),
            ),
        ],
        "[bot]\nquick_replies = true\nlatest = \"current\"\n",
    );
    site.run(&["build", NOW]).success();
    let noindex = r#"<meta name="robots" content="noindex">"#;
    for f in [
        "hid/index.html",
        "hid/2026-11-23/index.html",
        "hid/latest/index.html",
    ] {
        assert!(site.read(&format!("public/{f}")).contains(noindex), "{f}");
    }
    for f in ["pub/index.html", "pub/2026-11-23/index.html", "index.html"] {
        assert!(!site.read(&format!("public/{f}")).contains(noindex), "{f}");
    }
    // Its own URLs and bot files work.
    let bot = site.json("public/hid/latest.json");
    assert!(bot.to_string().contains("Unlisted post"), "{bot}");
    // No feed of its own: Atom has no `noindex`, and feed directories would list it.
    assert!(!site.exists("public/hid/feed.xml"));
    // ... and one it had while public is removed when it becomes unlisted.
    let unlisted = site.read("site.toml");
    site.write(
        "site.toml",
        &unlisted.replace("visibility = \"unlisted\"\n", ""),
    );
    site.run(&["render", NOW]).success();
    assert!(
        site.exists("public/hid/feed.xml"),
        "an OPEN group is public by default"
    );
    site.write("site.toml", &unlisted);
    site.run(&["render", NOW]).success();
    assert!(!site.exists("public/hid/feed.xml"));
    assert!(!site
        .read("public/hid/index.html")
        .contains("href=\"feed.xml\""));
    // ... and nothing site-wide leads to it, not even another group's quick replies.
    for f in [
        "index.html",
        "sitemap.xml",
        "feed.xml",
        "404.html",
        "pub/latest.json",
    ] {
        let text = site.read(&format!("public/{f}"));
        assert!(
            !text.contains("hid/") && !text.contains("Group hid"),
            "{f}: {text}"
        );
    }
    assert!(site.read("public/sitemap.xml").contains("pub/2026-11-23/"));
    // Search leaves it out too: tests/it/search.rs.
}

#[test]
fn a_nodigest_post_is_dropped_and_the_week_is_as_if_it_never_existed() {
    let kept = [post("1_1", "First", 4), post("1_3", "Third", 2)];
    let opted = post("1_2", "Please leave me out #NoDigest", 50);
    let with = site(
        &[(
            "1",
            "g",
            "page",
            None,
            "",
            &[kept[0].clone(), opted, kept[1].clone()].join(","),
        )],
        "",
    );
    let without = site(&[("1", "g", "page", None, "", &kept.join(","))], "");
    let run = with.run(&["build", NOW]);
    run.success();
    run.stderr_has("left out 1 fetched post(s)");
    assert!(!run.stderr().contains("leave me out"), "no text in the log");
    without.run(&["build", NOW]).success();
    for f in [
        "data/g/2026-11-23.json",
        "public/g/2026-11-23/digest.json",
        "public/g/2026-11-23/index.html",
        "public/g/latest.json",
        "public/index.html",
    ] {
        assert_eq!(with.read(f), without.read(f), "{f}");
    }
    assert_eq!(
        with.json("public/g/2026-11-23/digest.json")["totals"]["posts"],
        2
    );
    assert!(files_with(&with, "leave me out").is_empty());
}

#[test]
fn an_exclusion_removes_an_archived_post_from_a_week_the_fetch_does_not_cover() {
    let old = r#"{"id":"1_9","message":"Old post","created_time":"2026-11-10T10:00:00+0000",
        "comments":{"summary":{"total_count":9}}}"#;
    let posts = [
        old.to_string(),
        post("1_8", "Other old", 1).replace("2026-11-24", "2026-11-11"),
        post("1_1", "New", 2),
    ]
    .join(",");
    let site = site(&[("1", "g", "page", None, "", &posts)], "");
    site.run(&["build", NOW]).success();
    assert!(
        files_with(&site, "Old post").len() > 2,
        "data, the week page, its bot files"
    );
    let toml = site.read("site.toml").replace(
        "[source]",
        "[privacy]\nexclude = [\"https://www.facebook.com/permalink.php?story_fbid=9&id=1\"]\n[source]",
    );
    site.write("site.toml", &toml);
    // Only the week of 23 Nov is fetched; the exclusion still reaches the week of 9 Nov.
    let run = site.run(&["build", NOW, "--since=2026-11-23"]);
    run.success();
    run.stderr_has("removed 1 stored one(s) for privacy");
    assert!(
        files_with(&site, "Old post").is_empty(),
        "{:?}",
        files_with(&site, "Old post")
    );
    assert!(site.read("data/g/2026-11-09.json").contains("Other old"));
}

#[test]
fn a_bad_exclusion_is_a_config_error_naming_the_key() {
    let site = site(
        &[("1", "g", "page", None, "", "")],
        "[privacy]\nexclude = [\"https://example.com/x\"]\n",
    );
    let run = site.run(&["fetch", NOW]);
    run.fails_with(2);
    run.stderr_has("key `privacy.exclude[0]`");
    run.stderr_has("is not a link to a post");
}

/// A page `g` (id 1) whose export holds the post to forget, `1_555`, and another one.
fn forget_site() -> Site {
    let site = site(
        &[(
            "1",
            "g",
            "page",
            None,
            "",
            &[
                post("1_555", "Forget me please", 7),
                post("1_556", "Keep me", 3),
            ]
            .join(","),
        )],
        "",
    );
    site.run(&["build", NOW]).success();
    assert!(!files_with(&site, "Forget me please").is_empty());
    site
}

#[test]
fn forget_by_each_permalink_form_removes_the_post_and_a_reimport_does_not_bring_it_back() {
    for form in [
        "555",
        "1_555",
        "https://www.facebook.com/groups/1/permalink/555/",
        "https://www.facebook.com/groups/devcircle/posts/555/",
        "https://www.facebook.com/devcircles.bogota/posts/555",
        "https://m.facebook.com/story.php?story_fbid=555&id=1",
        "https://www.facebook.com/permalink.php?story_fbid=555&id=1",
    ] {
        let site = forget_site();
        let run = site.run(&["forget", form, NOW]);
        run.success();
        run.stderr_has("forgot post `1_555` of group `g`");
        run.stderr_has("git filter-repo");
        assert!(files_with(&site, "Forget me please").is_empty(), "{form}");
        assert!(
            files_with(&site, "1_555")
                .iter()
                .all(|f| f == "data/forgotten.json"),
            "{form}"
        );
        assert!(site
            .read("public/g/2026-11-23/index.html")
            .contains("Keep me"));
        // The snapshot still holds it: a new fetch does not bring it back.
        site.run(&["build", NOW]).success();
        assert!(
            files_with(&site, "Forget me please").is_empty(),
            "{form}: re-import"
        );
        let again = site.run(&["forget", form, NOW]);
        again.success();
        again.stderr_has("already forgotten");
    }
}

#[test]
fn forgotten_json_is_sorted_and_an_unknown_post_exits_1() {
    let site = forget_site();
    site.run(&["forget", "1_556", NOW]).success();
    site.run(&["forget", "555", NOW]).success();
    assert_eq!(
        site.read("data/forgotten.json"),
        r#"{
  "posts": [
    {
      "group": "g",
      "id": "1_555",
      "permalink": "https://www.facebook.com/groups/1/permalink/555/"
    },
    {
      "group": "g",
      "id": "1_556",
      "permalink": "https://www.facebook.com/groups/1/permalink/556/"
    }
  ]
}
"#
    );
    assert!(
        !site.exists("data/g/2026-11-23.json"),
        "an emptied week is gone"
    );
    let run = site.run(&[
        "forget",
        "https://www.facebook.com/groups/1/posts/999/",
        NOW,
    ]);
    run.fails_with(1);
    run.stderr_has("no post `https://www.facebook.com/groups/1/posts/999/` in the archive");
    site.run(&["forget", "https://example.com/nope", NOW])
        .fails_with(2)
        .stderr_has("is not a link to a post");
}

#[test]
fn forget_removes_the_picture_unless_another_post_shows_it() {
    let site = site(
        &[(
            "1",
            "g",
            "page",
            None,
            "",
            &[
                post("1_1", "One", 7),
                post("1_2", "Two", 3),
                post("1_3", "Three", 2),
            ]
            .join(","),
        )],
        "",
    );
    site.run(&["fetch", NOW]).success();
    // Pictures as the media download stores them: post 1 alone shows a.jpg, 2 and 3 share b.jpg.
    let week = site.read("data/g/2026-11-23.json");
    let mut json: serde_json::Value = serde_json::from_str(&week).unwrap();
    for p in json["posts"].as_array_mut().unwrap() {
        let file = if p["id"] == "1_1" { "a.jpg" } else { "b.jpg" };
        p["image"] = serde_json::json!({"file": file, "width": 10, "height": 10});
    }
    site.write(
        "data/g/2026-11-23.json",
        &serde_json::to_string_pretty(&json).unwrap(),
    );
    site.write("data/g/media/a.jpg", "jpeg");
    site.write("data/g/media/b.jpg", "jpeg");
    site.run(&["forget", "1_1", NOW])
        .success()
        .stderr_has("removed its picture `data/g/media/a.jpg`");
    site.run(&["forget", "1_2", NOW]).success();
    assert!(!site.exists("data/g/media/a.jpg"));
    assert!(site.exists("data/g/media/b.jpg"), "post 3 still shows it");
}

#[test]
fn no_author_name_reaches_data_or_public_after_importing_the_facebook_scraper_samples() {
    let samples = repo().join("docs/samples");
    let mut names = Vec::new();
    for line in std::fs::read_to_string(samples.join("facebook-scraper.jsonl"))
        .unwrap()
        .lines()
    {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        names.extend(row["username"].as_str().map(str::to_string));
        names.extend(row["user_id"].as_str().map(str::to_string));
    }
    let mut csv = csv::Reader::from_path(samples.join("facebook-scraper.csv")).unwrap();
    let column = csv
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "username")
        .unwrap();
    for row in csv.records() {
        names.push(row.unwrap()[column].to_string());
    }
    assert!(names.len() >= 5, "{names:?}");
    let site = Site::new();
    std::fs::copy(
        samples.join("facebook-scraper.jsonl"),
        site.path("fb.jsonl"),
    )
    .unwrap();
    std::fs::copy(samples.join("facebook-scraper.csv"), site.path("fb.csv")).unwrap();
    site.write(
        "site.toml",
        "[site]\nbase_url = \"https://x.github.io/d/\"\n\
         [[groups]]\nid = \"a\"\nslug = \"a\"\nkind = \"import\"\npath = \"fb.jsonl\"\npreset = \"facebook-scraper\"\nvisibility = \"public\"\n\
         [[groups]]\nid = \"b\"\nslug = \"b\"\nkind = \"import\"\npath = \"fb.csv\"\npreset = \"facebook-scraper\"\nvisibility = \"public\"\n",
    );
    site.run(&["build", NOW]).success();
    assert!(site
        .read("public/a/2026-11-16/index.html")
        .contains("Android development"));
    for name in &names {
        assert!(
            files_with(&site, name).is_empty(),
            "`{name}` in {:?}",
            files_with(&site, name)
        );
    }
    // The Graph source does not keep `from` either.
    let graph = self::site(&[("1", "g", "page", None, "", &post("1_1", "Hi", 2))], "");
    graph.run(&["build", NOW]).success();
    assert!(files_with(&graph, "Ana Secreta").is_empty());
}

#[test]
fn an_archive_written_with_authors_loses_them_on_the_next_fetch() {
    let site = site(&[("1", "g", "page", None, "", &post("1_1", "Hi", 2))], "");
    site.run(&["build", NOW]).success();
    let week = site.read("data/g/2026-11-23.json");
    let old = week.replace(
        "\"id\": \"1_1\",",
        "\"id\": \"1_1\",\n      \"author\": \"Old Name\",",
    );
    assert_ne!(old, week);
    site.write("data/g/2026-11-23.json", &old);
    site.run(&["render", NOW]).success();
    assert!(!site
        .read("public/g/2026-11-23/index.html")
        .contains("Old Name"));
    site.run(&["fetch", NOW]).success();
    assert_eq!(site.read("data/g/2026-11-23.json"), week);
}

#[test]
fn a_live_secret_group_is_archived_with_its_privacy_and_not_rendered() {
    use crate::fake_graph::{post, Fake, FakeGraph, FakeGroup, APP_ID, APP_SECRET, TOKEN};
    let mut p = post("42_1", "2026-11-24T10:00:00+0000", 3);
    p["from"] = serde_json::json!({"name": "Ana Secreta", "id": "777"});
    let node = serde_json::json!({"id": "42", "name": "Secret circle", "privacy": "SECRET"});
    let fake = FakeGraph::start(Fake::new().group(
        "42",
        FakeGroup {
            node,
            posts: vec![p],
            page_size: 100,
            trailing_empty: false,
        },
    ));
    let site = Site::new();
    site.write(
        "site.toml",
        &format!(
            "[site]\nbase_url = \"https://x.github.io/d/\"\n[source]\nkind = \"graph\"\napi_base = \"{}\"\napp_id = \"{APP_ID}\"\nbackoff_ms = 2\n[[groups]]\nid = \"42\"\nslug = \"s\"\n",
            fake.api_base()
        ),
    );
    let run = site.run_env(
        &["build", NOW],
        &[("FB_ACCESS_TOKEN", TOKEN), ("FB_APP_SECRET", APP_SECRET)],
    );
    run.success();
    run.stderr_has("group `s` is not rendered: it is a SECRET group on Facebook");
    let asked = fake
        .requests()
        .iter()
        .find(|r| r.path == "/v23.0/42")
        .and_then(|r| r.param("fields").map(str::to_string))
        .unwrap();
    assert!(asked.split(',').any(|f| f == "privacy"), "{asked}");
    assert_eq!(site.json("data/s/group.json")["info"]["privacy"], "SECRET");
    assert!(site.read("data/s/2026-11-23.json").contains("42_1"));
    assert!(files_with(&site, "Ana Secreta").is_empty());
    assert!(!site.exists("public/s"));
}

#[test]
fn an_import_without_visibility_is_archived_not_rendered_and_named_by_check() {
    let site = Site::new();
    site.write(
        "posts.csv",
        "id,text,created_time,comments\ne-1,Hola,2026-11-24T10:00:00Z,3\n",
    );
    site.write(
        "site.toml",
        "[site]\nbase_url = \"https://x.github.io/d/\"\n[[groups]]\nid = \"m\"\nslug = \"meetup\"\nkind = \"import\"\npath = \"posts.csv\"\n",
    );
    site.run(&["build", NOW])
        .success()
        .stderr_has("group `meetup` is not rendered: it is an import, which is private unless it says otherwise");
    assert!(site.exists("data/meetup/2026-11-23.json"));
    assert!(!site.exists("public/meetup"));
    let check = site.run(&["check"]);
    assert!(
        check
            .stdout()
            .contains("note: group `meetup` is not rendered")
            && check.stdout().contains("`visibility = \"public\"`"),
        "{}",
        check.stdout()
    );
}
