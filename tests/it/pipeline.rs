//! The whole pipeline on the bundled demo and on small sites: site.toml → snapshot → data/
//! → rank → site + bot JSON.

use crate::support::Site;

const NOW: &str = "--now=2026-11-25T12:00:00Z";

#[test]
fn demo_build_writes_the_whole_site() {
    let site = Site::demo();
    let run = site.run(&["build", NOW]);
    run.success();
    run.stderr_has("built: 5 groups, 55 periods");
    for f in [
        "index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "style.css",
    ] {
        assert!(site.exists(&format!("public/{f}")), "{f}");
    }
    for slug in ["cdmx", "rust-mx", "bogota", "tokyo", "cairo"] {
        assert!(site.exists(&format!("public/{slug}/index.html")));
        assert!(site.exists(&format!("public/{slug}/latest.json")));
        assert!(site.exists(&format!("public/{slug}/2026-09-14/index.html")));
        assert!(site.exists(&format!("public/{slug}/2026-11-23/chatfuel.json")));
        let files = site.files(&format!("data/{slug}"));
        let (media, archive): (Vec<&String>, Vec<&String>) =
            files.iter().partition(|f| f.starts_with("media/"));
        assert_eq!(archive.len(), 12, "11 weeks + group.json");
        assert!(!media.is_empty(), "{slug} keeps the demo's pictures");
    }
    assert_eq!(
        site.read("public/cdmx/latest.json"),
        site.read("public/cdmx/2026-11-23/chatfuel.json")
    );
}

#[test]
fn demo_shows_every_week_whatever_today_is() {
    let site = Site::demo();
    site.run(&["build", "--now=2031-01-01T00:00:00Z"]).success();
    assert!(site.exists("public/tokyo/2026-09-14/index.html"));
    // The latest period is the newest stored one before "now".
    assert_eq!(
        site.read("public/cdmx/latest.json"),
        site.read("public/cdmx/2026-11-23/chatfuel.json")
    );
}

/// A one-group snapshot site whose single feed page holds `posts` (Graph post objects).
pub fn snapshot_site(posts: &str) -> Site {
    let site = Site::new();
    site.write(
        "site.toml",
        // `latest = "current"`: these sites test this week's files. Pictures only from
        // loopback: a CDN URL in a post is refused without a request.
        "[site]\nbase_url = \"https://x.github.io/d/\"\n[source]\nkind = \"snapshot\"\npath = \"snap\"\n\
         [bot]\nlatest = \"current\"\n[media]\nhosts = [\"127.0.0.1\"]\n\
         [[groups]]\nid = \"1\"\nslug = \"g\"\nvisibility = \"public\"\nname = \"Test <Group>\"\n",
    );
    site.write(
        "snap/1/feed-001.json",
        &format!(r#"{{"data":[{posts}],"paging":{{}}}}"#),
    );
    site
}

#[test]
fn post_text_is_escaped_in_html_and_plain_in_bot_json() {
    let site = snapshot_site(
        r#"{"id":"1_1","message":"<script>alert(1)</script> & <b>hola</b>","created_time":"2026-11-24T10:00:00+0000",
            "permalink_url":"javascript:alert(1)","full_picture":"http://insecure.example/x.jpg",
            "comments":{"data":[],"summary":{"total_count":3}}}"#,
    );
    site.run(&["build", NOW]).success();
    // The search index (`search/`) and pictures are binary: tests/it/search.rs checks search.
    for f in site
        .files("public")
        .into_iter()
        .filter(|f| !f.starts_with("search/") && !f.ends_with(".png") && !f.ends_with(".jpg"))
    {
        let text = site.read(&format!("public/{f}"));
        if f.ends_with(".html") {
            assert!(
                !text.contains("<script>") && !text.contains("<b>hola"),
                "{f} passes raw HTML through"
            );
            assert!(!text.contains("javascript:"), "{f} has a javascript: link");
        }
    }
    let page = site.read("public/g/2026-11-23/index.html");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;hola"),
        "{page}"
    );
    assert!(page.contains("Test &lt;Group&gt;"));
    let bot = site.json("public/g/latest.json");
    let el = &bot["messages"][0]["attachment"]["payload"]["elements"][0];
    assert_eq!(el["title"], "<script>alert(1)</script> & <b>hola</b>");
    assert!(
        el.get("image_url").is_none(),
        "http images are not sent to Messenger"
    );
    assert_eq!(
        el["default_action"]["url"],
        "https://x.github.io/d/g/2026-11-23/"
    );
}

#[test]
fn a_missing_config_is_exit_2_with_a_clear_message() {
    let site = Site::new();
    let run = site.run(&["build"]);
    run.fails_with(2);
    run.stderr_has("site.toml");
    assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
}

#[test]
fn a_bad_config_key_is_exit_2_naming_line_and_key() {
    let site = Site::new();
    site.write("site.toml", "[site]\ntitel = \"x\"\n");
    let run = site.run(&["render"]);
    run.fails_with(2);
    run.stderr_has("site.toml:2:1");
    run.stderr_has("titel");
}

#[test]
fn a_malformed_snapshot_names_the_file_and_json_path() {
    let site = Site::new();
    site.write(
        "site.toml",
        "[source]\nkind = \"snapshot\"\npath = \"snap\"\n[[groups]]\nid = \"1\"\nslug = \"g\"\nvisibility = \"public\"\n",
    );
    site.write(
        "snap/1/feed-001.json",
        r#"{"data":[{"id":"1_1","created_time":"2026-11-19T18:04:11+0000","comments":{"summary":{"total_count":"many"}}}]}"#,
    );
    let run = site.run(&["fetch", NOW]);
    run.fails_with(1);
    let err = run.stderr();
    assert!(
        err.contains("feed-001.json") && err.contains("data[0].comments.summary.total_count"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn second_render_rewrites_nothing() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    let before = site.read("public/cdmx/2026-11-16/index.html");
    let run = site.run(&["render", NOW]);
    run.success();
    run.stderr_has(" 0 files written");
    assert_eq!(site.read("public/cdmx/2026-11-16/index.html"), before);
}

#[test]
fn rebuilding_the_demo_keeps_data_byte_identical() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    let read_all = || -> Vec<(String, Vec<u8>)> {
        site.files("data")
            .into_iter()
            .map(|f| {
                let bytes = std::fs::read(site.path(&format!("data/{f}"))).unwrap();
                (f, bytes)
            })
            .collect()
    };
    let before = read_all();
    site.run(&["build", "--now=2026-11-26T12:00:00Z"]).success();
    let after = read_all();
    assert_eq!(before, after);
}

/// Every HTML page of the demo parses as HTML5 without a single parse error.
#[test]
fn demo_html_is_valid_html5() {
    use html5ever::tendril::TendrilSink;
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    let parse_errors = |html: String| {
        let opts = html5ever::ParseOpts {
            tree_builder: html5ever::tree_builder::TreeBuilderOpts {
                exact_errors: true,
                ..Default::default()
            },
            ..Default::default()
        };
        let dom = html5ever::parse_document(markup5ever_rcdom::RcDom::default(), opts).one(html);
        dom.errors.take()
    };
    assert!(
        !parse_errors("<p><b>x</p></i>".into()).is_empty(),
        "the checker sees errors"
    );
    let pages: Vec<String> = site
        .files("public")
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(pages.len() > 40);
    for f in pages {
        let errors = parse_errors(site.read(&format!("public/{f}")));
        assert!(errors.is_empty(), "{f}: {errors:?}");
    }
}

/// A snapshot site with one post, of the week of `NOW`, linking to `permalink` (a JSON
/// string's contents).
fn one_post_site(permalink: &str) -> Site {
    snapshot_site(&format!(
        r#"{{"id":"1_1","message":"hola","created_time":"2026-11-24T10:00:00+0000",
            "permalink_url":"{permalink}","comments":{{"data":[],"summary":{{"total_count":3}}}}}}"#
    ))
}

#[test]
fn a_link_with_quotes_and_brackets_is_written_percent_encoded_everywhere() {
    let site = one_post_site(r#"https://www.facebook.com/1/?a=\"2\"&b=<3>|x"#);
    site.run(&["build", NOW]).success();
    let valid = "https://www.facebook.com/1/?a=%222%22&b=%3C3%3E%7Cx";
    let stored = site.json("data/g/2026-11-23.json");
    assert_eq!(stored["posts"][0]["permalink_url"], valid);
    let page = site.read("public/g/2026-11-23/index.html");
    assert!(page.contains(&valid.replace('&', "&amp;")), "{page}");
    let digest = site.json("public/g/2026-11-23/digest.json");
    assert_eq!(digest["posts"][0]["permalink_url"], valid);
    let bot = site.json("public/g/latest.json");
    let el = &bot["messages"][0]["attachment"]["payload"]["elements"][0];
    assert_eq!(el["buttons"][0]["url"], valid);
}

#[test]
fn a_hand_edited_archive_link_that_is_not_http_never_reaches_a_page() {
    let site = one_post_site("https://www.facebook.com/1/");
    site.run(&["fetch", NOW]).success();
    let stored = site.read("data/g/2026-11-23.json");
    site.write(
        "data/g/2026-11-23.json",
        &stored.replace("https://www.facebook.com/1/", "javascript:alert(1)"),
    );
    site.run(&["render", NOW]).success();
    // The search index (`search/`) and pictures are binary: tests/it/search.rs checks search.
    for f in site
        .files("public")
        .into_iter()
        .filter(|f| !f.starts_with("search/") && !f.ends_with(".png") && !f.ends_with(".jpg"))
    {
        let text = site.read(&format!("public/{f}"));
        assert!(!text.contains("javascript:"), "{f} carries the edited link");
    }
}

#[test]
fn a_static_file_in_the_way_of_a_page_is_named_and_the_site_is_kept() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    let before = site.read("public/style.css");
    site.write("static/style.css", "body { color: red }")
        .write("static/release..notes.txt", "dots in a name are fine");
    site.run(&["render", NOW])
        .fails_with(1)
        .stderr_has("static file `")
        .stderr_has("already makes `style.css`");
    assert!(!site
        .run(&["render", NOW])
        .stderr()
        .contains("internal error"));
    assert_eq!(site.read("public/style.css"), before, "nothing applied");
}

#[test]
fn a_fetch_window_outside_the_years_posts_can_have_is_refused() {
    let site = Site::demo();
    site.run(&[
        "fetch",
        NOW,
        "--since",
        "2026-01-01",
        "--until",
        "+262142-12-31",
    ])
    .fails_with(2)
    .stderr_has("`--until +262142-12-31` is outside the years posts can have");
    assert!(!site.exists("data"), "nothing written");
}
