//! Property tests of the inputs nobody controls: any `site.toml` text, any Graph feed page,
//! any post text. Parsing either succeeds or gives a clear error, never a panic, and the
//! limits later code relies on hold for whatever comes out. (Import rows and times have
//! their own, in `source::import::proptests`.) One fixed seed and case count keep them
//! deterministic and quick.

use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, RngSeed};
use unicode_segmentation::UnicodeSegmentation;

use crate::config::Config;
use crate::model::PLAUSIBLE_YEARS;
use crate::render::text;
use crate::source::graph_json::{from_json, GraphPost, ListPage};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(0x7369_7465_746f_6d6c),
        ..ProptestConfig::default()
    }
}

/// Pieces of real `site.toml` files, so random texts reach the typed values and the
/// cross-key rules instead of failing on the first byte.
const TOML_PARTS: &[&str] = &[
    "[site]\n",
    "[source]\n",
    "[ranking]\n",
    "[bot]\n",
    "[[groups]]\n",
    "[groups.fields]\n",
    "title = ",
    "timezone = ",
    "week_start = ",
    "base_url = ",
    "top = ",
    "min_score = ",
    "weights = { comments = 1.0, shares = -1 }\n",
    "image_aspect_ratio = ",
    "latest = ",
    "id = ",
    "slug = ",
    "kind = ",
    "path = ",
    "format = ",
    "preset = ",
    "delimiter = ",
    "rows = ",
    "concurrency = ",
    "\"UTC\"",
    "\"Mars/Olympus\"",
    "\"monday\"",
    "\"x\"",
    "\"https://x.github.io/sub/\"",
    "\"javascript:alert(1)\"",
    "\"import\"",
    "\"page\"",
    "\"csv\"",
    "\"\"",
    "\"CDMX\"",
    "\"latest\"",
    "0",
    "11",
    "5",
    "-1",
    "1e400",
    "nan",
    "inf",
    "true",
    "[1, 2]",
    "{ a = 1 }",
    "\n",
    " ",
    "=",
    "\"",
    "#",
    ".",
    "ñ",
    "\u{0}",
    ".",
    "9",
    "99999",
    "xn--",
    "-",
];

/// Pieces of Graph feed pages: real keys and values, wrong types, nesting.
const JSON_PARTS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"data\"",
    "\"paging\"",
    "\"next\"",
    "\"id\"",
    "\"message\"",
    "\"created_time\"",
    "\"2026-11-19T16:56:22+0000\"",
    "\"+262142-01-01T00:00:00+0000\"",
    "\"permalink_url\"",
    "\"javascript:x\"",
    "\"https://www.facebook.com/1/posts/2\"",
    "\"full_picture\"",
    "\"comments\"",
    "\"reactions\"",
    "\"summary\"",
    "\"total_count\"",
    "\"shares\"",
    "\"count\"",
    "18446744073709551615",
    "-1",
    "1e300",
    "null",
    "true",
    "\"1_2\"",
    "\"\"",
    "\"\\u0000\"",
    "0",
];

/// A `site.toml` of the usual shape with arbitrary values: reaches the success path too.
fn shaped_toml() -> impl Strategy<Value = String> {
    (
        "[^\"\\\\\\p{Cc}]{0,20}",
        prop::sample::select(&["UTC", "America/Mexico_City", "Mars/Olympus", ""][..]),
        -3i64..14,
        -10.0f64..10.0,
        "[a-z0-9_-]{0,8}",
        "[0-9a-z.:/]{0,8}",
    )
        .prop_map(|(title, tz, top, min, slug, id)| {
            format!(
                "[site]\ntitle = {title:?}\ntimezone = {tz:?}\n[ranking]\ntop = {top}\nmin_score = {min:?}\n\
                 [[groups]]\nid = {id:?}\nslug = {slug:?}\n"
            )
        })
}

/// Pieces of links, plain and strange: what a post's permalink or picture could hold.
const URL_PARTS: &[&str] = &[
    "https://",
    "http://",
    "HTTP://",
    "javascript:",
    "//",
    "x.y",
    "fb.com",
    "[::1]",
    ":8080",
    ":",
    "@",
    "/",
    "a",
    "Z",
    "0",
    "?",
    "=",
    "&",
    "#",
    "%",
    "%2F",
    "%zz",
    "\"",
    "'",
    "<",
    ">",
    " ",
    "\t",
    "\\",
    "|",
    "^",
    "`",
    "{",
    "}",
    "[",
    "]",
    "..",
    "é",
    "東",
    "\u{0}",
];

fn pieces(parts: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(parts), 0..40).prop_map(|v| v.concat())
}

/// A well-formed feed page whose values are arbitrary: counts of any size and sign,
/// times in any form, text with anything in it.
fn feed_page() -> impl Strategy<Value = String> {
    let post = (
        any::<String>(),
        prop_oneof![
            Just("2026-11-19T16:56:22+0000".to_string()),
            any::<String>(),
            (0i64..400_000).prop_map(|y| format!("{y:04}-01-01T00:00:00+0000")),
        ],
        any::<i64>(),
        any::<u64>(),
        prop::option::of(0usize..40),
        any::<String>(),
    )
        .prop_map(|(id, time, comments, shares, data, message)| {
            let mut comments_json = serde_json::json!({"summary": {"total_count": comments}});
            if let Some(n) = data {
                comments_json = serde_json::json!({"data": vec![serde_json::json!({}); n]});
            }
            serde_json::json!({
                "id": id, "created_time": time, "message": message,
                "comments": comments_json, "shares": {"count": shares},
                "permalink_url": message,
            })
        });
    prop::collection::vec(post, 0..6)
        .prop_map(|posts| serde_json::json!({"data": posts, "paging": {}}).to_string())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_site_toml_parses_or_fails_with_a_located_message(
        text in prop_oneof![pieces(TOML_PARTS), shaped_toml()],
    ) {
        match Config::parse(&text, std::path::Path::new("site.toml")) {
            Ok(c) => {
                // What every later phase trusts.
                prop_assert!((1..=crate::config::MAX_TOP).contains(&c.ranking.top));
                prop_assert!(c.ranking.min_score.is_finite());
                prop_assert!(c.source.concurrency >= 1);
                prop_assert!(c.base_url().ends_with('/'));
                for g in &c.groups {
                    prop_assert!(crate::config::is_url_safe_slug(&g.slug));
                }
            }
            Err(e) => prop_assert!(e.to_string().starts_with("site.toml"), "{e}"),
        }
    }

    #[test]
    fn any_graph_page_parses_or_names_its_problem(text in pieces(JSON_PARTS)) {
        let _ = from_json::<ListPage<GraphPost>>(&text);
    }

    #[test]
    fn a_parsed_graph_post_keeps_the_archive_limits(text in feed_page()) {
        if let Ok(page) = from_json::<ListPage<GraphPost>>(&text) {
            for post in page.data.into_iter().filter_map(GraphPost::into_post) {
                let year = chrono::Datelike::year(&post.created_time);
                prop_assert!((PLAUSIBLE_YEARS.0..=PLAUSIBLE_YEARS.1).contains(&year));
                if let Some(url) = &post.permalink_url {
                    prop_assert!(url.starts_with("http://") || url.starts_with("https://"));
                }
            }
        }
    }

    #[test]
    fn cutting_text_never_exceeds_the_limit_or_splits_a_character(
        s in any::<String>(),
        max in 1usize..100,
    ) {
        let (line, cut) = text::one_line_cut(&s, max);
        prop_assert!(line.graphemes(true).count() <= max, "{line:?}");
        prop_assert!(!line.contains('\n') && !line.chars().any(char::is_control));
        if cut {
            prop_assert!(line.ends_with('…'));
        }
        let t = text::truncate(&s, max);
        prop_assert!(t.graphemes(true).count() <= max);
        prop_assert!(s.starts_with(t.trim_end_matches('…')));
    }

    #[test]
    fn a_kept_link_is_a_valid_http_url_that_checking_again_leaves_alone(
        s in prop_oneof![
            (
                prop::sample::select(&["https://", "http://", "HTTP://", " https://", "ftp://", ""][..]),
                prop::sample::select(&["x.y", "fb.com", "[::1]", "X.Y:443", "a b", "x.1", "1.2.3.4", "xn--a", "u@", ""][..]),
                pieces(URL_PARTS),
            )
                .prop_map(|(scheme, host, rest)| format!("{scheme}{host}{rest}")),
            any::<String>(),
        ],
    ) {
        let kept = crate::model::checked_http_url(&s);
        if s.starts_with("https://x.y/") && !s.contains(['\t', '\0']) {
            prop_assert!(kept.is_some(), "{s:?}");
        }
        if let Some(out) = kept {
            let u = url::Url::parse(&out).expect("a kept link parses");
            prop_assert!(matches!(u.scheme(), "http" | "https"), "{out}");
            prop_assert!(out.starts_with("http://") || out.starts_with("https://"), "{out}");
            if let Some(domain) = u.domain() {
                prop_assert!(domain.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b)), "{out}");
            }
            // Past the host, only what a valid URL holds as it is: no quote, bracket, space
            // or control character reaches an `href`.
            let tail = &out[u[..url::Position::BeforePath].len()..];
            let bytes = tail.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                let ok = b.is_ascii_alphanumeric()
                    || b"!$&'()*+,-./:;=?@_~#".contains(&b)
                    || (b == b'%' && bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)));
                prop_assert!(ok, "{out:?}: byte {b:#04x}");
            }
            prop_assert!(tail.matches('#').count() <= 1, "{out}");
            let again = crate::model::checked_http_url(&out);
            prop_assert_eq!(again.as_deref(), Some(&*out));
        }
    }
}

/// Pieces of text in the scripts and shapes search meets: ASCII words in both cases,
/// accented letters next to ASCII ones, unspaced scripts beside Latin ones, punctuation,
/// digits, runs longer than a term may be.
const WORD_PARTS: &[&str] = &[
    "Meetup",
    "rust",
    "HDMI",
    "2026",
    "x",
    " ",
    "  ",
    ",",
    ".",
    "-",
    "\n",
    "café",
    "Ñandú",
    "e\u{301}",
    "ﬁ",
    "東京",
    "都",
    "ご報告",
    "・",
    "。",
    "ไทย",
    "Straße",
    "İstanbul",
    "ΣΟΦΙΑ",
    "مرحبا",
    "😀",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "ĲSSEL",
    "a",
    "Zz9",
];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn search_terms_are_the_same_through_the_ascii_fast_path(text in pieces(WORD_PARTS)) {
        use crate::render::search::terms;
        let mut fast = Vec::new();
        terms::each_word(&text, |t, raw| fast.push((t.to_string(), raw.to_string())));
        let mut slow = Vec::new();
        terms::each_word_by_char(&text, |t, raw| slow.push((t.to_string(), raw.to_string())));
        prop_assert_eq!(fast, slow);
    }
}
