//! What members see on the site: every post reachable by its anchor, a long archive
//! navigable, each page's head ready for sharing, feeds and sitemap that say when things
//! changed, and each group's language.

use crate::support::Site;

const NOW: &str = "--now=2026-11-25T12:00:00Z";

fn built_demo() -> Site {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    site
}

#[test]
fn every_post_of_a_week_has_an_anchor_on_its_page() {
    let site = built_demo();
    let stored = site.json("data/cdmx/2026-11-16.json");
    let ids: Vec<&str> = stored["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(ids.len() > 5, "more posts than the ranked ones");
    let page = site.read("public/cdmx/2026-11-16/index.html");
    for id in &ids {
        assert_eq!(
            page.matches(&format!("id=\"post-{id}\"")).count(),
            1,
            "post {id} has exactly one anchor"
        );
    }
    // CDMX is a Spanish group: its pages speak Spanish.
    assert!(page.contains("Otras publicaciones de la semana"));
    // The top commented and top shared lines link to the anchors on the page.
    assert!(
        page.contains("Lo más comentado: <a href=\"#post-"),
        "{page}"
    );
}

#[test]
fn the_archive_is_grouped_by_year_and_weeks_link_to_previous_next_and_latest() {
    let site = built_demo();
    let group = site.read("public/cdmx/index.html");
    assert!(group.contains("<h3>2026</h3>"), "{group}");
    assert!(group.contains("11 semanas,"), "{group}");
    let week = site.read("public/cdmx/2026-11-09/index.html");
    assert!(
        week.contains("rel=\"prev\" href=\"../../cdmx/2026-11-02/\""),
        "{week}"
    );
    assert!(
        week.contains("rel=\"next\" href=\"../../cdmx/2026-11-16/\""),
        "{week}"
    );
    assert!(
        week.contains("href=\"../../cdmx/latest/\">Última semana</a>"),
        "{week}"
    );
    let latest = site.read("public/cdmx/2026-11-23/index.html");
    assert!(
        !latest.contains("Última semana</a>"),
        "the latest week does not link to itself"
    );
}

#[test]
fn every_page_has_a_description_canonical_url_sharing_tags_and_a_favicon() {
    let site = built_demo();
    let base = "https://example.github.io/circles-digest/";
    for (page, url) in [
        ("index.html", base.to_string()),
        ("cdmx/index.html", format!("{base}cdmx/")),
        (
            "cdmx/2026-11-16/index.html",
            format!("{base}cdmx/2026-11-16/"),
        ),
        ("cdmx/latest/index.html", format!("{base}cdmx/2026-11-23/")),
        ("404.html", format!("{base}404.html")),
    ] {
        let html = site.read(&format!("public/{page}"));
        for tag in [
            "<meta name=\"description\" content=\"",
            "<meta property=\"og:title\"",
            "<meta property=\"og:description\"",
            "<meta name=\"twitter:card\" content=\"summary_large_image\">",
            "<link rel=\"icon\" href=\"",
        ] {
            assert!(html.contains(tag), "{page} lacks {tag}");
        }
        assert!(
            html.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")),
            "{page}: canonical {url}"
        );
        // The week's own kept picture where it has one, else the site's; always a file of
        // the site itself.
        let image = html
            .split("<meta property=\"og:image\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{page}: no og:image"));
        let file = image
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{page}: {image}"));
        assert!(site.exists(&format!("public/{file}")), "{page}: {image}");
        if page.contains("2026-") || page.contains("latest") {
            assert!(
                file.starts_with("cdmx/media/"),
                "{page}: the week's top picture: {image}"
            );
        } else {
            assert_eq!(file, "og-image.png", "{page}");
        }
    }
    assert!(site.read("public/favicon.svg").starts_with("<svg"));
    assert!(std::fs::read(site.path("public/og-image.png"))
        .unwrap()
        .starts_with(b"\x89PNG"));
}

#[test]
fn a_static_favicon_replaces_the_default() {
    let site = Site::demo();
    site.write("static/favicon.svg", "<svg id=\"mine\"/>");
    site.run(&["build", NOW]).success();
    assert_eq!(site.read("public/favicon.svg"), "<svg id=\"mine\"/>");
}

#[test]
fn each_group_is_marked_with_its_language() {
    let site = built_demo();
    assert!(site
        .read("public/index.html")
        .starts_with("<!doctype html>\n<html lang=\"en\" dir=\"ltr\">"));
    assert!(site
        .read("public/cdmx/index.html")
        .contains("<html lang=\"es\" dir=\"ltr\">"));
    assert!(site
        .read("public/tokyo/2026-11-16/index.html")
        .contains("<html lang=\"ja\" dir=\"ltr\">"));
}

#[test]
fn feed_entries_say_when_the_week_started_and_when_its_data_changed() {
    let site = Site::new();
    site.write(
        "site.toml",
        "[site]\nbase_url = \"https://x.github.io/d/\"\ntimezone = \"America/Mexico_City\"\n\
         [source]\nkind = \"graph\"\n\
         [[groups]]\nid = \"g1\"\nslug = \"g\"\nvisibility = \"public\"\nkind = \"import\"\npath = \"p.csv\"\n",
    );
    site.write(
        "p.csv",
        "id,created_time,text,comments\n\
         a,2026-11-17T10:00:00-06:00,<script>alert(1)</script> & more,3\n\
         b,2026-11-24T10:00:00-06:00,Second week,1\n",
    );
    site.run(&["build", "--now=2026-11-25T12:00:00Z"]).success();
    site.run(&["build", "--now=2026-11-26T12:00:00Z"]).success();
    site.write(
        "p.csv",
        "id,created_time,text,comments\n\
         a,2026-11-17T10:00:00-06:00,<script>alert(1)</script> & more,3\n\
         b,2026-11-24T10:00:00-06:00,Second week,5\n",
    );
    site.run(&["build", "--now=2026-11-27T12:00:00Z"]).success();
    let feed = site.read("public/g/feed.xml");
    // The week of 23 Nov starts at local midnight, -06:00; it last changed on the 27th.
    assert!(
        feed.contains("<published>2026-11-23T00:00:00-06:00</published>"),
        "{feed}"
    );
    assert!(
        feed.contains("<updated>2026-11-27T12:00:00+00:00</updated>"),
        "{feed}"
    );
    // The week of 16 Nov did not change after its first build.
    assert!(feed.contains("<published>2026-11-16T00:00:00-06:00</published>\n    <updated>2026-11-25T12:00:00+00:00</updated>"), "{feed}");
    // The feed's own `updated` is its newest entry's.
    assert!(
        feed.contains("<author>")
            && feed.find("<updated>2026-11-27T12:00:00+00:00</updated>") < feed.find("<entry>")
    );
    // Content: the top posts as HTML, escaped once for HTML and once more for XML.
    assert!(feed.contains("&amp;lt;script&amp;gt;alert(1)"), "{feed}");
    assert!(!feed.contains("<script>"));
    // Its totals line is the week page's, reactions included.
    let totals = "1 post · 5 comments · 0 shares · 0 reactions";
    assert!(site.read("public/g/2026-11-23/index.html").contains(totals));
    assert!(
        feed.contains(&format!("&lt;p&gt;{totals}&lt;/p&gt;")),
        "{feed}"
    );
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://x.github.io/d/g/2026-11-23/</loc><lastmod>2026-11-27T12:00:00+00:00</lastmod>"), "{sitemap}");
}

#[test]
fn source_date_epoch_pins_every_recorded_time() {
    let site = Site::demo();
    // No `--now`: which week is current comes from the real clock, but every time the
    // output records comes from SOURCE_DATE_EPOCH.
    site.run_env(&["build"], &[("SOURCE_DATE_EPOCH", "1700000000")])
        .success();
    let stored = site.json("data/cdmx/2026-11-16.json");
    assert_eq!(stored["updated_at"], "2023-11-14T22:13:20Z");
    assert_eq!(
        site.json("data/cdmx/group.json")["last_success"],
        "2023-11-14T22:13:20Z"
    );
    let feed = site.read("public/cdmx/feed.xml");
    assert!(
        feed.contains("<updated>2023-11-14T22:13:20+00:00</updated>"),
        "{feed}"
    );
}

#[test]
fn a_markdown_page_is_rendered_as_html_and_raw_html_in_it_as_text() {
    let site = Site::demo();
    site.write(
        "pages/about.md",
        "# About this digest\n\nEvery week, the **most discussed** posts.\n\n<script>alert(1)</script>\n",
    );
    site.run(&["build", NOW]).success();
    let page = site.read("public/about/index.html");
    assert!(page.contains("<strong>most discussed</strong>"), "{page}");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(page.contains("<title>About this digest · "), "{page}");
    assert!(
        page.contains(
            "<meta name=\"description\" content=\"Every week, the **most discussed** posts.\">"
        ),
        "{page}"
    );
}

#[test]
fn characters_xml_forbids_in_a_post_or_the_config_are_dropped_from_feeds_and_the_sitemap() {
    let site = Site::new();
    site.write(
        "site.toml",
        "[site]\nbase_url = \"https://x.github.io/d/\"\ntitle = \"Digest\\uFFFE\\u0001 of it\"\n\
         [source]\nkind = \"graph\"\n\
         [[groups]]\nid = \"g1\"\nslug = \"g\"\nname = \"Group\\uFFFF\\u001B\"\nvisibility = \"public\"\nkind = \"import\"\npath = \"p.csv\"\n",
    );
    site.write(
        "p.csv",
        "id,created_time,text,comments\n\
         a,2026-11-24T10:00:00Z,Hello\u{FFFE} wor\u{FFFF}ld \u{1}\u{8}\u{B}\u{C}\u{1F} end,3\n\
         b\u{FFFF},2026-11-24T11:00:00Z,\u{FFFE}\u{FFFF},1\n",
    );
    site.run(&["build", "--now=2026-11-25T12:00:00Z"]).success();
    for rel in ["public/feed.xml", "public/g/feed.xml", "public/sitemap.xml"] {
        let xml = site.read(rel);
        if let Err(e) = roxmltree::Document::parse(&xml) {
            panic!("{rel} is not well-formed XML: {e}\n{xml}");
        }
        assert!(
            !xml.contains(['\u{FFFE}', '\u{FFFF}', '\u{1}', '\u{B}', '\u{1B}']),
            "{rel}"
        );
    }
    let feed = site.read("public/g/feed.xml");
    assert!(feed.contains("Hello world"), "{feed}");
    assert!(
        feed.contains("<author><name>Digest of it</name></author>"),
        "{feed}"
    );
}

#[test]
fn a_group_page_charts_its_weeks_with_the_numbers_as_a_table_and_a_week_says_where_it_stands() {
    let site = built_demo();
    let page = site.read("public/cdmx/index.html");
    let weeks: Vec<String> = site
        .files("data/cdmx")
        .into_iter()
        .filter(|f| f != "group.json" && f.ends_with(".json"))
        .collect();
    // The chart: inline SVG, named by its title, one bar a week in each panel.
    let svg = &page[page.find("<svg class=\"chart\"").expect("a chart")..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    assert!(
        svg.contains("role=\"img\" aria-labelledby=\"activity-t\""),
        "{svg}"
    );
    assert!(svg.contains("<title id=\"activity-t\">"), "{svg}");
    assert!(!svg.contains("<script"), "no script in the chart");
    let posts = &svg[svg.find("<g class=\"posts\">").unwrap()..];
    let posts = &posts[..posts.find("</g>").unwrap()];
    assert_eq!(posts.matches("<rect").count(), weeks.len(), "{posts}");
    // The text equivalent: a row per week since the first, with the archive's numbers.
    let table = &page[page.find("<table>").expect("a table")..page.find("</table>").unwrap()];
    assert_eq!(table.matches("<tr><th scope=\"row\">").count(), weeks.len());
    let week = site.json("data/cdmx/2026-11-16.json");
    let stored = week["posts"].as_array().unwrap();
    let interactions: u64 = stored
        .iter()
        .map(|p| {
            ["comments", "shares", "reactions"]
                .iter()
                .map(|k| p[k].as_u64().unwrap())
                .sum::<u64>()
        })
        .sum();
    let row = &table[table.find("href=\"../cdmx/2026-11-16/\"").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(
        row.contains(&format!("<td>{}</td><td>{interactions}</td>", stored.len())),
        "{row}"
    );
    // A week page with four weeks before it says where it stands.
    let week_page = site.read("public/cdmx/2026-11-23/index.html");
    assert!(
        week_page.contains("<p class=\"standing standing-"),
        "{week_page}"
    );
    let first_week = site.read(&format!(
        "public/cdmx/{}/index.html",
        weeks[0].trim_end_matches(".json")
    ));
    assert!(
        !first_week.contains("class=\"standing"),
        "no usual week yet"
    );
}

#[test]
fn every_open_on_facebook_link_of_a_week_says_which_post_it_opens() {
    let site = built_demo();
    let page = site.read("public/cdmx/2026-11-16/index.html");
    // Each link's accessible name: its text with tags removed (the hidden part included).
    let mut names = Vec::new();
    for link in page.split("rel=\"nofollow noopener\">").skip(1) {
        let inner = &link[..link.find("</a>").unwrap()];
        let mut name = String::new();
        let mut in_tag = false;
        for c in inner.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => name.push(c),
                _ => {}
            }
        }
        if name.starts_with("Ver en Facebook") {
            names.push(name);
        }
    }
    assert!(
        names.len() > 5,
        "ranked and other posts link out: {names:?}"
    );
    let distinct: std::collections::HashSet<_> = names.iter().collect();
    assert_eq!(
        distinct.len(),
        names.len(),
        "no two links share a name: {names:?}"
    );
    assert!(
        names.iter().all(|n| n.len() > "Ver en Facebook «»".len()),
        "each names its post: {names:?}"
    );
}

#[test]
fn each_count_of_a_post_and_of_a_week_has_a_hidden_icon_beside_its_words_and_each_group_its_monogram(
) {
    let site = built_demo();
    let week = site.read("public/cdmx/2026-11-16/index.html");
    let lists: Vec<&str> = week
        .split("<ul class=\"counts\">")
        .skip(1)
        .map(|rest| &rest[..rest.find("</ul>").unwrap()])
        .collect();
    assert!(
        lists.len() >= 6,
        "the week's totals and every ranked post list their counts: {week}"
    );
    for (i, list) in lists.iter().enumerate() {
        let items: Vec<&str> = list.split("<li>").skip(1).collect();
        let kinds: Vec<&str> = items
            .iter()
            .map(|li| {
                // The icon is decoration; the words after it say the count.
                let icon =
                    "<svg class=\"icon\" aria-hidden=\"true\" focusable=\"false\"><use href=\"#i-";
                assert!(li.starts_with(icon), "an aria-hidden icon first: {li}");
                let kind = &li[icon.len()..li.find("\"/>").unwrap()];
                let words =
                    &li[li.find("</svg>").unwrap() + "</svg>".len()..li.find("</li>").unwrap()];
                assert!(
                    words.chars().any(|c| c.is_ascii_digit()),
                    "the count in words: {li}"
                );
                assert!(
                    week.contains(&format!("<symbol id=\"i-{kind}\"")),
                    "the sprite has i-{kind}"
                );
                kind
            })
            .collect();
        if i == 0 {
            assert_eq!(
                kinds,
                ["posts", "comments", "shares", "reactions"],
                "{list}"
            );
        } else {
            assert_eq!(kinds, ["comments", "shares", "reactions"], "{list}");
        }
    }
    assert!(
        lists[0].contains(" publicaciones") && lists[1].contains(" comentario"),
        "in the group's language: {} {}",
        lists[0],
        lists[1]
    );
    assert!(
        !lists[0].contains("so-far"),
        "a closed week is not 'so far'"
    );
    let current = site.read("public/cdmx/2026-11-23/index.html");
    assert!(
        current.contains("<li class=\"so-far\">(hasta ahora)</li></ul>"),
        "the current week's totals say they are so far"
    );

    // The group's monogram: its first letter, the same colour on the home card, its page and
    // its weeks; not read out (the name is beside it).
    let home = site.read("public/index.html");
    let group = site.read("public/cdmx/index.html");
    let monogram = |page: &str| -> String {
        let at = page.find("<span class=\"monogram").expect("a monogram");
        page[at..at + page[at..].find("</span>").unwrap()].to_string()
    };
    let cdmx = home
        .split("<li class=\"group-card\"")
        .find(|card| card.contains("href=\"cdmx/\""))
        .expect("a card for cdmx");
    assert_eq!(monogram(cdmx), monogram(&group));
    assert_eq!(monogram(&group), monogram(&week));
    assert!(
        monogram(&group).ends_with("aria-hidden=\"true\">D"),
        "{}",
        monogram(&group)
    );
}
