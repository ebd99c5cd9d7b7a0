//! Search: the static index and its box on the built demo. Querying it needs a browser:
//! `tests/browser/run.mjs` types into the box and follows a result.

use crate::support::Site;

const NOW: &str = "--now=2026-11-25T12:00:00Z";

#[test]
fn every_week_of_every_group_is_in_one_search_index() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    let entry = site.json("public/pagefind/pagefind-entry.json");
    let languages = entry["languages"].as_object().expect("languages");
    // One index for the whole site, whatever each group's language: a query searches all.
    assert_eq!(languages.len(), 1, "{entry}");
    // Every week that has a ranked post, of every group (the demo has 44 weeks, a few
    // without a popular post).
    let mut weeks = 0;
    for slug in ["cdmx", "rust-mx", "bogota", "tokyo"] {
        for f in site.files(&format!("public/{slug}")) {
            if f.ends_with("/digest.json") && !f.starts_with("latest/") {
                let digest = site.json(&format!("public/{slug}/{f}"));
                weeks += usize::from(!digest["posts"].as_array().unwrap().is_empty());
            }
        }
    }
    assert!(weeks > 30, "{weeks}");
    let (_, index) = languages.iter().next().unwrap();
    assert_eq!(index["page_count"], weeks, "{entry}");
    for f in [
        "search.js",
        "pagefind/pagefind.js",
        "pagefind/pagefind-worker.js",
    ] {
        assert!(site.exists(&format!("public/{f}")), "{f}");
    }
    let files = site.files("public/pagefind");
    assert!(files.iter().any(|f| f.ends_with(".pf_meta")), "{files:?}");
    assert!(files.iter().any(|f| f.starts_with("index/")), "{files:?}");
    assert_eq!(
        files.iter().filter(|f| f.starts_with("fragment/")).count(),
        weeks,
        "one fragment per week: {files:?}"
    );
    // Pagefind's own UIs and its playground are not published: the box has its own script.
    assert!(
        !files
            .iter()
            .any(|f| f.contains("ui") || f.contains("playground")),
        "{files:?}"
    );
}

#[test]
fn every_page_carries_one_search_box_loaded_relative_to_the_page() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    for (page, script) in [
        ("index.html", "search.js"),
        ("cdmx/index.html", "../search.js"),
        ("cdmx/2026-11-16/index.html", "../../search.js"),
        ("cdmx/latest/index.html", "../../search.js"),
    ] {
        let html = site.read(&format!("public/{page}"));
        assert_eq!(html.matches("<input type=\"search\"").count(), 1, "{page}");
        assert!(
            html.contains(&format!("<script type=\"module\" src=\"{script}\">")),
            "{page} loads {script}"
        );
    }
    // The 404 page is served at any depth: it names the site's own address.
    let html = site.read("public/404.html");
    assert!(html.contains("<input type=\"search\""));
    assert!(html.contains("src=\"https://example.github.io/circles-digest/search.js\""));
}

#[test]
fn every_ranked_post_has_its_anchor_on_its_week_page() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    let mut anchors = 0;
    for slug in ["cdmx", "rust-mx", "bogota", "tokyo"] {
        for week in site.files(&format!("public/{slug}")) {
            let Some(key) = week.strip_suffix("/digest.json") else {
                continue;
            };
            let digest = site.json(&format!("public/{slug}/{week}"));
            let html = site.read(&format!("public/{slug}/{key}/index.html"));
            for post in digest["posts"].as_array().unwrap() {
                let id = post["id"].as_str().unwrap();
                assert!(
                    html.contains(&format!("id=\"post-{id}\"")),
                    "{slug}/{key}: {id}"
                );
                anchors += 1;
            }
        }
    }
    assert!(anchors > 100, "only {anchors} ranked posts checked");
}

#[test]
fn an_unlisted_groups_weeks_are_not_in_the_site_search() {
    let weeks_in_index = |site: &Site| {
        let entry = site.json("public/pagefind/pagefind-entry.json");
        let (_, index) = entry["languages"]
            .as_object()
            .unwrap()
            .iter()
            .next()
            .unwrap();
        index["page_count"].as_u64().unwrap()
    };
    let ranked_weeks = |site: &Site, slug: &str| {
        site.files(&format!("public/{slug}"))
            .iter()
            .filter(|f| f.ends_with("/digest.json") && !f.starts_with("latest/"))
            .filter(|f| {
                let digest = site.json(&format!("public/{slug}/{f}"));
                !digest["posts"].as_array().unwrap().is_empty()
            })
            .count() as u64
    };
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    let all = weeks_in_index(&site);
    let cdmx = ranked_weeks(&site, "cdmx");
    assert!(cdmx > 0);
    let toml = site.read("site.toml").replacen(
        "slug = \"cdmx\"\n",
        "slug = \"cdmx\"\nvisibility = \"unlisted\"\n",
        1,
    );
    let toml = toml.replacen("visibility = \"public\"\n", "", 1);
    site.write("site.toml", &toml);
    site.run(&["build", NOW]).success();
    assert_eq!(
        weeks_in_index(&site),
        all - cdmx,
        "cdmx's weeks left the index"
    );
    // Its own pages and bot files still work.
    assert!(site.exists("public/cdmx/2026-11-16/index.html"));
    assert!(site.exists("public/cdmx/latest.json"));
}
