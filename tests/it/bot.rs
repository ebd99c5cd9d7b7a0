//! Bot outputs end to end: every demo file against its platform's schema and limits, the
//! empty period, the latest aliases, byte-stable rebuilds and snapshots of a small site.

mod schema;

use crate::pipeline::snapshot_site;
use crate::support::Site;
use schema::*;

const NOW: &str = "--now=2026-11-25T12:00:00Z";
const BOT_FILES: [&str; 4] = [
    "chatfuel.json",
    "manychat.json",
    "messenger.json",
    "digest.json",
];

/// Turns on every optional `[bot]` extra of the demo's `site.toml`.
fn with_extras(site: &Site) {
    let toml = site.read("site.toml");
    assert!(toml.contains("[bot]\n"));
    site.write(
        "site.toml",
        &toml.replace("[bot]\n", "[bot]\nintro = true\nquick_replies = true\n"),
    );
}

/// Parses and checks every bot file under `public/`; returns how many it checked.
fn check_every_bot_file(site: &Site) -> usize {
    let mut checked = 0;
    for f in site.files("public") {
        let name = f.rsplit('/').next().unwrap();
        if !f.ends_with(".json") || f.starts_with("search/") {
            continue;
        }
        let text = site.read(&format!("public/{f}"));
        match name {
            "chatfuel.json" | "latest.json" => check_chatfuel(&f, &parse_exact(&f, &text)),
            "manychat.json" => check_manychat(&f, &parse_exact(&f, &text)),
            "messenger.json" => check_messenger(&f, &parse_exact(&f, &text)),
            "digest.json" => check_digest(&f, &parse_exact(&f, &text)),
            other => panic!("unexpected JSON file {other} in public/"),
        }
        checked += 1;
    }
    checked
}

#[test]
fn every_demo_bot_file_is_exactly_its_platform_shape_within_limits() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    // 55 periods x 4 files, and per group 4 latest files + latest.json.
    assert_eq!(check_every_bot_file(&site), 55 * 4 + 5 * 5);

    with_extras(&site);
    site.run(&["render", NOW]).success();
    assert_eq!(check_every_bot_file(&site), 55 * 4 + 5 * 5);
    let cf = site.json("public/cdmx/latest.json");
    assert_eq!(
        cf["messages"][0]["text"],
        "Lo más destacado de esta semana hasta ahora en Developer Circle CDMX"
    );
    let replies = cf["messages"][1]["quick_replies"].as_array().unwrap();
    assert_eq!(replies.len(), 4, "the four other groups");
    assert_eq!(
        replies[0]["url"],
        "https://example.github.io/circles-digest/rust-mx/latest.json"
    );
}

#[test]
fn the_schema_rejects_an_unknown_field() {
    // Guards the guard: the round-trip test above is only as strict as these structs.
    let text = r#"{"attachment":{"type":"template","payload":{"template_type":"button","text":"x","buttons":[{"type":"web_url","url":"https://a.b/","title":"t","extra":1}]}}}"#;
    let de = &mut serde_json::Deserializer::from_str(text);
    assert!(serde_path_to_error::deserialize::<_, Message>(de).is_err());
}

#[test]
fn bot_files_are_small() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    let largest = site
        .files("public")
        .into_iter()
        .filter(|f| BOT_FILES.iter().any(|b| f.ends_with(b)) || f.ends_with("latest.json"))
        .map(|f| {
            std::fs::metadata(site.path(&format!("public/{f}")))
                .unwrap()
                .len()
        })
        .max()
        .unwrap();
    assert!(largest < 16 * 1024, "largest bot file is {largest} bytes");
}

#[test]
fn an_empty_period_names_the_group_and_links_its_page_in_every_format() {
    // One post without comments or shares: the week is stored but nothing ranks.
    let site =
        snapshot_site(r#"{"id":"1_1","message":"hola","created_time":"2026-11-24T10:00:00+0000"}"#);
    site.run(&["build", NOW]).success();
    let group = "https://x.github.io/d/g/";
    let text = "No popular posts yet this week in Test <Group>.";
    // DESIGN.md's shape: `{"messages":[{"text":"..."}]}`, never an empty gallery.
    let cf = site.json("public/g/latest.json");
    let with_link = format!("{text} {group}");
    assert_eq!(
        cf,
        serde_json::json!({ "messages": [{ "text": with_link }] })
    );
    let ms = site.json("public/g/latest/messenger.json");
    assert_eq!(ms, serde_json::json!({ "text": with_link }));
    let mc = site.json("public/g/latest/manychat.json");
    assert_eq!(mc["content"]["messages"][0]["text"], text);
    assert_eq!(mc["content"]["messages"][0]["buttons"][0]["url"], group);
    let d = site.json("public/g/latest/digest.json");
    assert_eq!(d["posts"], serde_json::json!([]));
    assert_eq!(d["totals"]["posts"], 1);
    assert_eq!(d["period"]["url"], "https://x.github.io/d/g/2026-11-23/");
    assert_eq!(check_every_bot_file(&site), 4 + 5);
}

#[test]
fn a_group_with_nothing_stored_still_answers_the_bots() {
    let site = snapshot_site("");
    site.run(&["build", NOW]).success();
    let d = site.json("public/g/latest/digest.json");
    assert_eq!(d["period"]["key"], "2026-11-23");
    assert_eq!(
        d["period"]["url"],
        serde_json::Value::Null,
        "no page to link"
    );
    let cf = site.json("public/g/latest.json");
    assert_eq!(
        cf["messages"][0]["text"],
        "No popular posts yet this week in Test <Group>. https://x.github.io/d/g/"
    );
    assert_eq!(check_every_bot_file(&site), 5);
}

fn assert_latest_is(site: &Site, slug: &str, key: &str) {
    for f in BOT_FILES {
        assert_eq!(
            site.read(&format!("public/{slug}/latest/{f}")),
            site.read(&format!("public/{slug}/{key}/{f}")),
            "{slug}/latest/{f} should be {key}'s"
        );
    }
    assert_eq!(
        site.read(&format!("public/{slug}/latest.json")),
        site.read(&format!("public/{slug}/latest/chatfuel.json"))
    );
}

#[test]
fn latest_serves_the_current_week_by_default_and_the_previous_one_when_asked() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    for slug in ["cdmx", "rust-mx", "bogota", "tokyo", "cairo"] {
        assert_latest_is(&site, slug, "2026-11-23");
    }
    assert_eq!(
        site.json("public/cdmx/latest/digest.json")["period"]["is_current"],
        true
    );

    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        &toml.replace("latest = \"current\"", "latest = \"previous\""),
    );
    site.run(&["render", NOW]).success();
    for slug in ["cdmx", "rust-mx", "bogota", "tokyo", "cairo"] {
        assert_latest_is(&site, slug, "2026-11-16");
    }
    let d = site.json("public/cdmx/latest/digest.json");
    assert_eq!(d["period"]["key"], "2026-11-16");
    assert_eq!(d["period"]["is_current"], false);
}

#[test]
fn latest_falls_back_to_the_newest_stored_week_before_the_target() {
    // A post in the week of 16 Nov only; on 25 Nov the current week has nothing stored.
    let site = snapshot_site(
        r#"{"id":"1_1","message":"hola","created_time":"2026-11-17T10:00:00+0000","comments":{"data":[],"summary":{"total_count":2}}}"#,
    );
    site.run(&["build", NOW]).success();
    assert_latest_is(&site, "g", "2026-11-16");
}

#[test]
fn a_second_render_gives_byte_identical_bot_files() {
    let site = Site::demo();
    with_extras(&site);
    site.run(&["build", NOW]).success();
    let read_all = || -> Vec<(String, Vec<u8>)> {
        site.files("public")
            .into_iter()
            .filter(|f| f.ends_with(".json"))
            .map(|f| {
                let bytes = std::fs::read(site.path(&format!("public/{f}"))).unwrap();
                (f, bytes)
            })
            .collect()
    };
    let before = read_all();
    let run = site.run(&["render", NOW]);
    run.success();
    run.stderr_has(" 0 files written");
    assert_eq!(read_all(), before);
}

#[test]
fn a_small_site_renders_these_four_files() {
    // The first post's picture is a file of the snapshot (kept as a copy), the second's a
    // CDN URL outside `[media] hosts` (refused: no image).
    let site = snapshot_site(
        r#"{"id":"1_1","message":"Slides from Thursday's meetup are up 🎉\nThanks all","created_time":"2026-11-24T10:00:00+0000",
            "permalink_url":"https://www.facebook.com/groups/1/permalink/1/","full_picture":"media/slides.png",
            "comments":{"data":[],"summary":{"total_count":37}},"shares":{"count":4}},
           {"id":"1_2","created_time":"2026-11-25T09:00:00+0000","full_picture":"https://scontent.xx.fbcdn.net/v/2_n.jpg",
            "comments":{"data":[],"summary":{"total_count":1}}}"#,
    );
    let slides = image::RgbImage::from_pixel(1280, 720, image::Rgb([30, 90, 160]));
    std::fs::create_dir_all(site.path("snap/1/media")).unwrap();
    slides.save(site.path("snap/1/media/slides.png")).unwrap();
    site.run(&["build", NOW]).success();
    // The pages' WebPs, and the JPEG the bot files name (Messenger shows JPEG, PNG, GIF).
    assert_eq!(
        site.files("public/g/media"),
        ["1_1.320w.webp", "1_1.jpg", "1_1.webp"]
    );
    for f in BOT_FILES {
        // Pretty-printed through the schema structs, so keys keep the files' order.
        let text = site.read(&format!("public/g/2026-11-23/{f}"));
        let pretty = match f {
            "chatfuel.json" => pretty::<ChatfuelResponse>(f, &text),
            "manychat.json" => pretty::<ManyChatResponse>(f, &text),
            "messenger.json" => pretty::<Message>(f, &text),
            _ => pretty::<DigestFile>(f, &text),
        };
        insta::assert_snapshot!(f, pretty);
    }
}

fn pretty<T: for<'de> serde::Deserialize<'de> + serde::Serialize>(
    name: &str,
    text: &str,
) -> String {
    serde_json::to_string_pretty(&parse_exact::<T>(name, text)).unwrap()
}
