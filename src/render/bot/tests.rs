//! Unit tests of the bot formats: limits with adversarial text, shapes, empty periods,
//! intro and quick replies.

use serde_json::Value;
use unicode_segmentation::UnicodeSegmentation;

use super::*;
use crate::config::{RankingConfig, Weights};
use crate::rank::{rank, Ranked, Totals};

const GROUP_URL: &str = "https://x.github.io/d/cdmx/";
const PAGE_URL: &str = "https://x.github.io/d/cdmx/2026-11-23/";

fn clock() -> Clock {
    Clock {
        tz: "America/Mexico_City".parse().unwrap(),
        week_start: chrono::Weekday::Mon,
    }
}

fn period() -> Period {
    Period::from_key(clock(), "2026-11-23").unwrap()
}

fn post(id: &str, message: Option<&str>, comments: u64, shares: u64) -> Post {
    Post {
        id: id.into(),
        created_time: "2026-11-24T12:00:00Z".parse().unwrap(),
        message: message.map(str::to_string),
        permalink_url: Some(format!("https://www.facebook.com/groups/1/permalink/{id}/")),
        picture: Some(format!("https://scontent.xx.fbcdn.net/{id}.jpg")),
        comments,
        shares,
        reactions: 0,
        link: None,
        image: None,
    }
}

fn ranking() -> RankingConfig {
    RankingConfig {
        top: 10,
        min_score: 1.0,
        weights: Weights::default(),
    }
}

fn groups(n: usize) -> Vec<GroupLink> {
    let mut v = vec![GroupLink {
        slug: "cdmx".into(),
        name: "Developer Circle CDMX".into(),
        url: GROUP_URL.into(),
    }];
    v.extend((0..n).map(|i| GroupLink {
        slug: format!("g{i}"),
        name: format!("Developer Circle number {i} with a long name"),
        url: format!("https://x.github.io/d/g{i}/"),
    }));
    v
}

fn en() -> std::sync::Arc<crate::i18n::Lang> {
    crate::i18n::Catalog::bundled_only(&["en"]).get("en")
}

/// Renders the three chat formats of `digest`, parsed back as JSON values.
fn render(digest: &Digest, bot: &BotConfig, is_current: bool, groups: &[GroupLink]) -> Files {
    let ranking = ranking();
    let input = BotInput {
        group_slug: "cdmx",
        group_name: "Developer Circle CDMX",
        group_url: GROUP_URL,
        period: period(),
        clock: clock(),
        digest,
        ranking: &ranking,
        period_url: Some(PAGE_URL),
        never_fetched: false,
        is_current,
        bot,
        groups,
        lang: &en(),
    };
    let files = files(&input);
    let get = |name: &str| -> (String, Value) {
        let bytes = &files.iter().find(|(n, _)| *n == name).unwrap().1;
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.ends_with("}\n"), "{name}: {text}");
        let v = serde_json::from_str(&text).unwrap();
        (text, v)
    };
    Files {
        chatfuel: get("chatfuel.json"),
        manychat: get("manychat.json"),
        messenger: get("messenger.json"),
        digest: get("digest.json"),
    }
}

struct Files {
    chatfuel: (String, Value),
    manychat: (String, Value),
    messenger: (String, Value),
    digest: (String, Value),
}

impl Files {
    fn chatfuel_elements(&self) -> &Vec<Value> {
        let msgs = self.chatfuel.1["messages"].as_array().unwrap();
        msgs.last().unwrap()["attachment"]["payload"]["elements"]
            .as_array()
            .unwrap()
    }
    fn messenger_elements(&self) -> &Vec<Value> {
        self.messenger.1["attachment"]["payload"]["elements"]
            .as_array()
            .unwrap()
    }
    fn manychat_elements(&self) -> &Vec<Value> {
        let msgs = self.manychat.1["content"]["messages"].as_array().unwrap();
        msgs.last().unwrap()["elements"].as_array().unwrap()
    }
}

fn chars(v: &Value) -> usize {
    v.as_str().unwrap().chars().count()
}

/// `cut` is `source` itself or whole leading grapheme clusters of it followed by "…".
fn assert_cut_on_graphemes(source: &str, cut: &str) {
    let source = super::super::text::collapse_whitespace(source);
    if cut == source {
        return;
    }
    let body = cut
        .strip_suffix('…')
        .unwrap_or_else(|| panic!("cut without ellipsis: {cut:?}"));
    let mut acc = String::new();
    for g in source.graphemes(true) {
        if acc.trim_end() == body {
            return;
        }
        acc.push_str(g);
    }
    panic!("{cut:?} is not a grapheme-boundary prefix of {source:?}");
}

const ADVERSARIAL: [&str; 8] = [
    // a ZWJ family and skin-tone thumbs, 7 and 2 scalar values per grapheme
    "👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦",
    "👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽",
    // a letter with combining accents, many times
    "e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}",
    // right-to-left text with an embedded number and a bidi override
    "مرحبا بالجميع في لقاء المطورين الأسبوعي رقم 42 \u{202E}نص معكوس\u{202C} وشكرا لكل من حضر اللقاء وشارك في النقاش",
    // HTML-looking text stays literal
    "<b>Bold</b> & <script>alert('x')</script> \"quoted\" </title>",
    // whitespace of every kind
    "  tabs\tand\u{00A0}nbsp\u{2003}em\r\nand newlines  ",
    // one 500-character line
    "abcdefghij",
    // a mix cut right inside a family
    "Meetup recap 👩🏽‍💻👨🏿‍💻👩🏻‍🔬 slides, video and the notes from every talk we had on Thursday night",
];

fn adversarial_posts() -> Vec<Post> {
    ADVERSARIAL
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let text = if *t == "abcdefghij" {
                t.repeat(50)
            } else {
                t.to_string()
            };
            post(&format!("p{i}"), Some(&text), 10 - i as u64, 1)
        })
        .collect()
}

#[test]
fn adversarial_titles_stay_within_limits_and_are_cut_on_grapheme_boundaries() {
    let posts = adversarial_posts();
    let digest = rank(&posts, &ranking());
    let f = render(&digest, &BotConfig::default(), true, &groups(0));
    for (format, elements, button_title) in [
        ("chatfuel", f.chatfuel_elements(), "title"),
        ("messenger", f.messenger_elements(), "title"),
        ("manychat", f.manychat_elements(), "caption"),
    ] {
        assert_eq!(elements.len(), posts.len(), "{format}");
        for (el, post) in elements.iter().zip(&posts) {
            assert!(chars(&el["title"]) <= MAX_TITLE, "{format}: {el}");
            assert!(chars(&el["subtitle"]) <= MAX_SUBTITLE, "{format}: {el}");
            assert_cut_on_graphemes(post.first_line().unwrap(), el["title"].as_str().unwrap());
            let buttons = el["buttons"].as_array().unwrap();
            assert!(!buttons.is_empty() && buttons.len() <= MAX_BUTTONS);
            for b in buttons {
                assert!(chars(&b[button_title]) <= MAX_BUTTON_TITLE, "{format}: {b}");
            }
        }
    }
    let five_hundred = &f.chatfuel_elements()[6]["title"];
    assert_eq!(chars(five_hundred), 80, "a long line fills the title");
    assert!(five_hundred.as_str().unwrap().ends_with('…'));
}

#[test]
fn html_looking_text_is_plain_and_never_escaped() {
    let posts = adversarial_posts();
    let digest = rank(&posts, &ranking());
    let f = render(&digest, &BotConfig::default(), true, &groups(0));
    let literal = "<b>Bold</b> & <script>alert('x')</script> \\\"quoted\\\" </title>";
    for (name, (text, _)) in [
        ("chatfuel", &f.chatfuel),
        ("manychat", &f.manychat),
        ("messenger", &f.messenger),
        ("digest", &f.digest),
    ] {
        assert!(text.contains(literal), "{name}: {text}");
        assert!(
            !text.contains("&lt;") && !text.contains("\\u003c"),
            "{name}"
        );
    }
    assert_eq!(
        f.messenger_elements()[4]["title"],
        "<b>Bold</b> & <script>alert('x')</script> \"quoted\" </title>"
    );
    assert_eq!(
        f.messenger_elements()[5]["title"],
        "tabs and nbsp em",
        "whitespace collapsed"
    );
}

#[test]
fn a_post_without_text_gets_a_label_from_its_kind() {
    let mut photo = post("photo", None, 3, 0);
    photo.message = Some(" \n ".into());
    let mut link = post("link", None, 2, 0);
    link.link = crate::model::Link::shared("https://www.example.org/a", Some("A <b>page</b>"));
    let mut bare = post("bare", None, 1, 0);
    bare.picture = None;
    let posts = [photo, link, bare];
    let digest = rank(&posts, &ranking());
    let f = render(&digest, &BotConfig::default(), true, &groups(0));
    let titles: Vec<&str> = f
        .messenger_elements()
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Photo", "A <b>page</b>", "Post"]);
}

#[test]
fn a_card_links_its_post_and_the_period_page_with_https_images_only() {
    let mut insecure = post("a", Some("Hola"), 12, 3);
    insecure.picture = Some("http://insecure.example/x.jpg".into());
    let mut no_link = post("b", Some("Adiós"), 1, 0);
    no_link.permalink_url = Some("javascript:alert(1)".into());
    no_link.image = Some(crate::model::Image::single("b.jpg".into(), 640, 480));
    let posts = [insecure, no_link];
    let digest = rank(&posts, &ranking());
    let f = render(&digest, &BotConfig::default(), true, &groups(0));
    let el = &f.chatfuel_elements()[0];
    assert_eq!(el["subtitle"], "12 comments · 3 shares");
    assert!(el.get("image_url").is_none(), "{el}");
    let permalink = "https://www.facebook.com/groups/1/permalink/a/";
    assert_eq!(el["default_action"]["url"], permalink);
    assert_eq!(el["buttons"][0]["url"], permalink);
    assert_eq!(el["buttons"][0]["title"], "Open post");
    assert_eq!(el["buttons"][1]["url"], PAGE_URL);
    assert_eq!(el["buttons"][1]["title"], "All top posts");
    let el = &f.manychat_elements()[1];
    assert_eq!(el["subtitle"], "1 comment");
    assert_eq!(el["action_url"], PAGE_URL, "no javascript: link survives");
    assert_eq!(el["buttons"].as_array().unwrap().len(), 1);
    assert_eq!(
        el["image_url"],
        format!("{GROUP_URL}media/b.jpg"),
        "the archive's copy, never the CDN"
    );
    let digest = &f.digest.1;
    assert_eq!(
        digest["posts"][1]["picture"],
        format!("{GROUP_URL}media/b.jpg")
    );
    assert!(digest["posts"][0]["picture"].is_null());
}

#[test]
fn a_card_subtitle_counts_what_the_ranking_weighs() {
    // DESIGN.md's sample post: 37 comments, 4 shares, 212 reactions, default weights.
    let mut sample = post("s", Some("Slides from Thursday's meetup are up"), 37, 4);
    sample.reactions = 212;
    let posts = [sample];
    let digest = rank(&posts, &ranking());
    let f = render(&digest, &BotConfig::default(), true, &groups(0));
    for el in [
        &f.chatfuel_elements()[0],
        &f.manychat_elements()[0],
        &f.messenger_elements()[0],
    ] {
        assert_eq!(el["subtitle"], "37 comments · 4 shares");
    }
    // Ranked by reactions too, the card says so; a weight of 0 hides its count.
    let mut by_reactions = ranking();
    by_reactions.weights.reactions = 0.5;
    by_reactions.weights.shares = 0.0;
    assert_eq!(
        super::ranked_engagement(&posts[0], &by_reactions, &en()),
        "37 comments · 212 reactions"
    );
}

#[test]
fn a_gallery_never_has_more_than_ten_cards() {
    let posts: Vec<Post> = (0..14)
        .map(|i| post(&format!("p{i:02}"), Some("x"), 20 - i, 0))
        .collect();
    let mut digest = rank(&posts, &ranking());
    // Ranking stops at 10 already; a digest with more must still give 10 cards.
    digest.ranked = posts
        .iter()
        .map(|p| Ranked {
            post: p,
            score: 1.0,
        })
        .collect();
    let f = render(&digest, &BotConfig::default(), true, &groups(0));
    assert_eq!(f.chatfuel_elements().len(), MAX_ELEMENTS);
    assert_eq!(f.messenger_elements().len(), MAX_ELEMENTS);
    assert_eq!(f.manychat_elements().len(), MAX_ELEMENTS);
}

fn empty_digest() -> Digest<'static> {
    Digest {
        ranked: Vec::new(),
        totals: Totals::default(),
        top_commented: None,
        top_shared: None,
    }
}

#[test]
fn an_empty_period_is_a_text_with_a_link_to_the_group_in_every_format() {
    let f = render(&empty_digest(), &BotConfig::default(), true, &groups(0));
    let text = "No popular posts yet this week in Developer Circle CDMX.";
    // DESIGN.md's shape: a plain text message, the group page's link at its end.
    let expected = serde_json::json!({ "text": format!("{text} {GROUP_URL}") });
    assert_eq!(f.messenger.1, expected);
    assert_eq!(f.chatfuel.1, serde_json::json!({ "messages": [expected] }));
    assert_eq!(
        f.manychat.1,
        serde_json::json!({"version": "v2", "content": {"messages": [{"type": "text", "text": text,
            "buttons": [{"type": "url", "caption": "Past weeks", "url": GROUP_URL}]}],
            "actions": [], "quick_replies": []}})
    );
    assert_eq!(f.digest.1["posts"], serde_json::json!([]));
    assert!(!f.chatfuel.0.contains("elements"));
}

#[test]
fn an_empty_past_period_names_its_week() {
    let bot = BotConfig {
        intro: true,
        ..Default::default()
    };
    let f = render(&empty_digest(), &bot, false, &groups(0));
    assert_eq!(
        f.manychat.1["content"]["messages"][0]["text"],
        "No popular posts in the week of 23 Nov 2026 in Developer Circle CDMX."
    );
    assert_eq!(
        f.chatfuel.1["messages"].as_array().unwrap().len(),
        1,
        "no intro before a notice"
    );
}

#[test]
fn the_intro_comes_before_the_gallery_when_enabled_except_in_messenger() {
    let posts = [post("a", Some("Hola"), 2, 0)];
    let digest = rank(&posts, &ranking());
    let bot = BotConfig {
        intro: true,
        ..Default::default()
    };
    let f = render(&digest, &bot, false, &groups(0));
    let intro = "Top posts of the week of 23 Nov 2026 in Developer Circle CDMX";
    assert_eq!(
        f.chatfuel.1["messages"][0],
        serde_json::json!({ "text": intro })
    );
    assert!(f.chatfuel.1["messages"][1]["attachment"].is_object());
    assert_eq!(
        f.manychat.1["content"]["messages"][0],
        serde_json::json!({"type": "text", "text": intro})
    );
    assert_eq!(f.manychat.1["content"]["messages"][1]["type"], "cards");
    assert!(f.messenger.1.get("text").is_none());
    let current = render(&digest, &bot, true, &groups(0));
    assert_eq!(
        current.chatfuel.1["messages"][0]["text"],
        "Top posts of this week so far in Developer Circle CDMX"
    );
    let off = render(&digest, &BotConfig::default(), false, &groups(0));
    assert_eq!(off.chatfuel.1["messages"].as_array().unwrap().len(), 1);
}

#[test]
fn quick_replies_go_to_the_other_groups_within_each_platform_limit() {
    let posts = [post("a", Some("Hola"), 2, 0)];
    let digest = rank(&posts, &ranking());
    let bot = BotConfig {
        quick_replies: true,
        ..Default::default()
    };
    let f = render(&digest, &bot, true, &groups(20));
    let cf = f.chatfuel.1["messages"][0]["quick_replies"]
        .as_array()
        .unwrap();
    let ms = f.messenger.1["quick_replies"].as_array().unwrap();
    let mc = f.manychat.1["content"]["quick_replies"].as_array().unwrap();
    assert_eq!((cf.len(), ms.len(), mc.len()), (13, 13, 11));
    assert_eq!(
        cf[0],
        serde_json::json!({"title": "Developer Circle…", "url": "https://x.github.io/d/g0/latest.json", "type": "json_plugin_url"})
    );
    assert_eq!(
        ms[0],
        serde_json::json!({"content_type": "text", "title": "Developer Circle…", "payload": "https://x.github.io/d/g0/latest/messenger.json"})
    );
    assert_eq!(
        mc[0],
        serde_json::json!({"type": "dynamic_block_callback", "caption": "Developer Circle…", "url": "https://x.github.io/d/g0/latest/manychat.json", "method": "get"})
    );
    for q in cf.iter().chain(ms) {
        assert!(chars(&q["title"]) <= MAX_QUICK_REPLY_TITLE);
        assert!(!q.to_string().contains("/cdmx/"), "no reply to itself: {q}");
    }
    let off = render(&digest, &BotConfig::default(), true, &groups(20));
    assert!(off.messenger.1.get("quick_replies").is_none());
    assert!(!off.chatfuel.0.contains("quick_replies"));
}

#[test]
fn digest_json_carries_period_offsets_totals_and_ranked_posts() {
    let long = "línea uno\n\n".to_string() + &"x".repeat(3000);
    let posts = [
        post("a", Some(&long), 5, 0),
        post("b", None, 1, 9),
        post("c", Some("sin interacción"), 0, 0),
    ];
    let digest = rank(&posts, &ranking());
    let f = render(&digest, &BotConfig::default(), false, &groups(0));
    let d = &f.digest.1;
    assert_eq!(d["version"], 1);
    assert_eq!(d["group"]["url"], GROUP_URL);
    assert_eq!(d["period"]["key"], "2026-11-23");
    assert_eq!(d["period"]["start"], "2026-11-23T00:00:00-06:00");
    assert_eq!(d["period"]["end"], "2026-11-30T00:00:00-06:00");
    assert_eq!(d["period"]["url"], PAGE_URL);
    assert_eq!(d["period"]["is_current"], false);
    assert_eq!(
        d["totals"],
        serde_json::json!({"posts": 3, "comments": 6, "shares": 9, "reactions": 0})
    );
    let ranked = d["posts"].as_array().unwrap();
    assert_eq!(ranked.len(), 2);
    assert_eq!(ranked[0]["id"], "b", "9 shares beat 5 comments");
    assert_eq!(ranked[0]["title"], "Photo");
    assert_eq!(ranked[0]["text"], Value::Null);
    assert_eq!(ranked[1]["title"], "línea uno");
    let text = ranked[1]["text"].as_str().unwrap();
    assert!(text.starts_with("línea uno\n\nxxx") && text.ends_with('…'));
    assert_eq!(text.chars().count(), digest::MAX_TEXT);
    assert_eq!(ranked[1]["created_time"], "2026-11-24T06:00:00-06:00");
    assert_eq!(d["top_commented"]["id"], "a");
    assert_eq!(d["top_commented"]["rank"], 2);
    assert_eq!(d["top_shared"]["rank"], 1);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let posts = adversarial_posts();
    let digest = rank(&posts, &ranking());
    let bot = BotConfig {
        intro: true,
        quick_replies: true,
        ..Default::default()
    };
    let a = render(&digest, &bot, true, &groups(3));
    let b = render(&digest, &bot, true, &groups(3));
    assert_eq!(a.chatfuel.0, b.chatfuel.0);
    assert_eq!(a.manychat.0, b.manychat.0);
    assert_eq!(a.messenger.0, b.messenger.0);
    assert_eq!(a.digest.0, b.digest.0);
}

#[test]
fn control_characters_never_reach_a_chat_title() {
    let posts = [post(
        "a",
        Some("Hola\u{0}\u{7}\u{1b}[31m mundo\u{200F}"),
        2,
        0,
    )];
    let digest = rank(&posts, &ranking());
    let f = render(&digest, &BotConfig::default(), true, &groups(0));
    assert_eq!(f.messenger_elements()[0]["title"], "Hola[31m mundo\u{200F}");
    assert!(!f.messenger.0.contains("\\u0000"), "{}", f.messenger.0);
}
