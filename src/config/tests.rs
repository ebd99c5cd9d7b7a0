//! Unit tests of `site.toml` parsing: defaults, typed values, and messages that locate the key.

use super::*;

fn parse(text: &str) -> Result<Config, String> {
    Config::parse(text, Path::new("site.toml")).map_err(|e| e.to_string())
}

const GROUP: &str = "[[groups]]\nid = \"1\"\nslug = \"cdmx\"\n";

#[test]
fn empty_config_gets_documented_defaults() {
    let c = parse("").unwrap();
    assert_eq!(c.site.timezone, chrono_tz::UTC);
    assert_eq!(c.site.week_start, Weekday::Mon);
    assert_eq!(c.ranking.top, 5);
    assert_eq!(c.ranking.min_score, 1.0);
    assert_eq!(c.ranking.weights.reactions, 0.0);
    assert_eq!(c.source.kind, SourceKind::Graph);
    assert_eq!(c.source.token_env, "FB_ACCESS_TOKEN");
    assert_eq!(c.bot.latest, LatestPeriod::Auto);
    assert_eq!(c.bot.auto_min_ranked, 3);
    assert!(c.media.download);
    assert_eq!(c.media.hosts, ["fbcdn.net"]);
    assert_eq!(
        (c.media.max_width, c.media.max_bytes),
        (640, 8 * 1024 * 1024)
    );
}

#[test]
fn media_hosts_are_plain_host_names_and_limits_are_checked() {
    let c = parse("[media]\nhosts = [\"FBCDN.net\", \"127.0.0.1\"]\n").unwrap();
    assert_eq!(c.media.hosts, ["fbcdn.net", "127.0.0.1"]);
    for (bad, key) in [
        ("hosts = [\"https://fbcdn.net/\"]", "media.hosts"),
        ("hosts = [\"*.fbcdn.net\"]", "media.hosts"),
        ("max_width = 0", "media.max_width"),
        ("max_bytes = 10", "media.max_bytes"),
        ("max_bytes = 16777217", "media.max_bytes"),
        ("timeout_secs = 0", "media.timeout_secs"),
        ("budget_secs = 0", "media.budget_secs"),
    ] {
        let e = parse(&format!("[media]\n{bad}\n")).unwrap_err();
        assert!(
            e.contains(&format!("key `{key}`")) && e.contains("site.toml:2:1"),
            "{e}"
        );
    }
    let e = parse("[bot]\nlatest = \"auto\"\nauto_min_ranked = 0\n").unwrap_err();
    assert!(e.contains("bot.auto_min_ranked"), "{e}");
}

#[test]
fn rejects_a_typod_key_with_line_and_column() {
    let e = parse("[site]\ntitle = \"x\"\ntimezon = \"UTC\"\n").unwrap_err();
    assert!(
        e.starts_with("site.toml:3:1: key `site.timezon`: unknown field `timezon`"),
        "{e}"
    );
}

#[test]
fn rejects_an_unknown_timezone() {
    let e = parse("[site]\ntimezone = \"Mars/Olympus\"\n").unwrap_err();
    assert!(e.contains("site.toml:2:1"), "{e}");
    assert!(
        e.contains("site.timezone") && e.contains("Mars/Olympus"),
        "{e}"
    );
}

#[test]
fn rejects_a_duplicate_slug() {
    let e = parse(&format!("{GROUP}{GROUP}")).unwrap_err();
    assert!(e.contains("groups[1].slug") && e.contains("unique"), "{e}");
    assert!(e.contains("site.toml:6:1"), "{e}");
}

#[test]
fn rejects_a_slug_that_is_not_url_safe() {
    for bad in ["CDMX", "a b", "ñu", "-x", "a/b", ""] {
        let e = parse(&format!("[[groups]]\nid = \"1\"\nslug = \"{bad}\"\n")).unwrap_err();
        assert!(e.contains("groups[0].slug"), "{bad}: {e}");
    }
}

#[test]
fn rejects_top_above_ten() {
    let e = parse("[ranking]\ntop = 11\n").unwrap_err();
    assert!(
        e.contains("ranking.top") && e.contains("site.toml:2:1"),
        "{e}"
    );
    assert!(parse("[ranking]\ntop = 10\n").is_ok());
}

#[test]
fn rejects_a_base_url_that_is_not_absolute_http() {
    for bad in ["example.com", "/circles/", "ftp://example.com/", "https://"] {
        let e = parse(&format!("[site]\nbase_url = \"{bad}\"\n")).unwrap_err();
        assert!(e.contains("site.base_url"), "{bad}: {e}");
    }
    assert!(parse("[site]\nbase_url = \"https://x.github.io/sub/path\"\n").is_ok());
}

#[test]
fn rejects_a_missing_config_file() {
    let e = Config::load(Path::new("/nonexistent/site.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("/nonexistent/site.toml") && e.contains("init"),
        "{e}"
    );
}

#[test]
fn a_wrong_type_names_the_full_key_path() {
    let e = parse("[site]\ntitle = 5\n").unwrap_err();
    assert!(
        e.starts_with("site.toml:2:1: key `site.title`: invalid type: integer `5`"),
        "{e}"
    );
    let e = parse(&format!("{GROUP}[[groups]]\nid = \"2\"\nslug = 7\n")).unwrap_err();
    assert!(e.starts_with("site.toml:6:1: key `groups[1].slug`"), "{e}");
}

#[test]
fn typed_values_arrive_parsed() {
    let c = parse("[site]\ntimezone = \"America/Mexico_City\"\nweek_start = \"Sunday\"\n[bot]\nimage_aspect_ratio = \"square\"\n").unwrap();
    assert_eq!(c.clock().tz, chrono_tz::America::Mexico_City);
    assert_eq!(c.clock().week_start, Weekday::Sun);
    assert_eq!(c.bot.image_aspect_ratio, AspectRatio::Square);
    let e = parse("[bot]\nimage_aspect_ratio = \"wide\"\n").unwrap_err();
    assert!(
        e.contains("key `bot.image_aspect_ratio`") && e.contains("square"),
        "{e}"
    );
}

#[test]
fn rejects_a_wrong_type_naming_the_key() {
    let e = parse("[ranking]\ntop = \"five\"\n").unwrap_err();
    assert!(
        e.starts_with(
            "site.toml:2:1: key `ranking.top`: invalid type: string \"five\", expected an integer"
        ),
        "{e}"
    );
}

#[test]
fn rejects_a_graph_id_that_is_a_url_naming_key_and_line() {
    let e =
        parse("[[groups]]\nid = \"https://www.facebook.com/MyPage\"\nslug = \"a\"\n").unwrap_err();
    assert!(e.starts_with("site.toml:2:"), "{e}");
    assert!(
        e.contains("key `groups[0].id`") && e.contains("not its URL"),
        "{e}"
    );
    for ok in ["1234567890", "my.page-name_2"] {
        parse(&format!("[[groups]]\nid = \"{ok}\"\nslug = \"a\"\n")).unwrap();
    }
}

#[test]
fn rejects_import_keys_on_a_graph_group() {
    let e = parse("[[groups]]\nid = \"1\"\nslug = \"a\"\nformat = \"csv\"\n").unwrap_err();
    assert!(e.contains("only for `kind = \"import\"`"), "{e}");
}

const IMPORT: &str = "[[groups]]\nid = \"1\"\nslug = \"a\"\nkind = \"import\"\n";

#[test]
fn rejects_an_unknown_import_format_naming_key_line_and_choices() {
    let e = parse(&format!("{IMPORT}path = \"x\"\nformat = \"xml\"\n")).unwrap_err();
    assert!(e.starts_with("site.toml:6:1:"), "{e}");
    assert!(
        e.contains("key `groups[0].format`: `xml`") && e.contains("\"jsonl\""),
        "{e}"
    );
}

#[test]
fn rejects_an_unknown_preset_naming_key_and_line() {
    let e = parse(&format!("{IMPORT}path = \"x.csv\"\npreset = \"apyfy\"\n")).unwrap_err();
    assert!(e.starts_with("site.toml:6:1:"), "{e}");
    assert!(
        e.contains("key `groups[0].preset`: `apyfy`")
            && e.contains("facebook-scraper")
            && e.contains("\"apify\", \"facebook-dyi\" or \"brightdata\""),
        "{e}"
    );
}

#[test]
fn rejects_an_unknown_field_in_the_mapping() {
    let e = parse(&format!(
        "{IMPORT}path = \"x.csv\"\n[groups.fields]\nid = \"post_id\"\nlikes = \"likes\"\n"
    ))
    .unwrap_err();
    assert!(
        e.starts_with("site.toml:8:1: key `groups[0].fields.likes`: unknown field `likes`"),
        "{e}"
    );
    assert!(e.contains("reactions"), "{e}");
}

#[test]
fn import_format_defaults_from_the_file_extension() {
    let c = parse(&format!("{IMPORT}path = \"exports/posts.NDJSON\"\n")).unwrap();
    assert_eq!(c.groups[0].import_format(), Some(ImportFormat::Jsonl));
    assert_eq!(c.groups[0].preset, None, "generic is applied when reading");
    // A folder's files are each read by their extension.
    let c = parse(&format!("{IMPORT}path = \"imports\"\n")).unwrap();
    assert_eq!(c.groups[0].import_format(), None);
    let e = parse(&format!("{IMPORT}path = \"posts.txt\"\n")).unwrap_err();
    assert!(
        e.contains("groups[0].format") && e.contains("needs `format`"),
        "{e}"
    );
}

#[test]
fn reads_a_preset_with_field_overrides() {
    let c = parse(&format!(
            "{IMPORT}path = \"x.json\"\npreset = \"facebook-scraper\"\n[groups.fields]\ncomments = \"stats.comments\"\n"
        ))
        .unwrap();
    let g = &c.groups[0];
    assert_eq!(g.preset, Some(ImportPreset::FacebookScraper));
    let f = g.fields.as_ref().unwrap();
    assert_eq!(f.comments.as_deref(), Some("stats.comments"));
    assert_eq!(f.id, None);
}

#[test]
fn rejects_a_mapping_for_graph_pages_and_an_empty_id_field() {
    let e = parse(&format!(
        "{IMPORT}path = \"g\"\nformat = \"graph\"\npreset = \"generic\"\n"
    ))
    .unwrap_err();
    assert!(e.contains("do not apply to `format = \"graph\"`"), "{e}");
    let e = parse(&format!(
        "{IMPORT}path = \"x.csv\"\n[groups.fields]\nid = \"\"\n"
    ))
    .unwrap_err();
    assert!(
        e.contains("groups[0].fields.id") && e.starts_with("site.toml:7:1:"),
        "{e}"
    );
}

#[test]
fn invalid_values_are_located_by_their_full_key_path() {
    let e = parse("[ranking.weights]\ncomments = -1\n").unwrap_err();
    assert!(
        e.starts_with("site.toml:2:1: key `ranking.weights.comments`"),
        "{e}"
    );
    let e = parse("[ranking]\nweights.shares = -1\n").unwrap_err();
    assert!(
        e.starts_with("site.toml:2:9: key `ranking.weights.shares`"),
        "{e}"
    );
    let e = parse("site = { timezone = \"Nope\" }\n").unwrap_err();
    assert!(e.starts_with("site.toml:1:10: key `site.timezone`"), "{e}");
    // The second group's empty id, not the first group's `fields.id` line.
    let e = parse(&format!(
            "{IMPORT}path = \"x.csv\"\n[groups.fields]\nid = \"post_id\"\n[[groups]]\nslug = \"b\"\nid = \"\"\n"
        ))
        .unwrap_err();
    assert!(e.starts_with("site.toml:10:1: key `groups[1].id`"), "{e}");
}

#[test]
fn rejects_an_empty_bot_button_label() {
    let e = parse("[bot]\nall_label = \"  \"\n").unwrap_err();
    assert!(
        e.contains("bot.all_label") && e.contains("site.toml:2:1"),
        "{e}"
    );
}

#[test]
fn base_url_always_ends_in_one_slash() {
    let c = parse("[site]\nbase_url = \"https://x.github.io/sub\"\n").unwrap();
    assert_eq!(c.base_url(), "https://x.github.io/sub/");
}

#[test]
fn privacy_defaults_keep_nodigest_posts_out_and_leave_visibility_to_the_source() {
    let c = parse(GROUP).unwrap();
    assert_eq!(c.privacy.opt_out_tags, ["#nodigest"]);
    assert!(c.privacy.exclude.is_empty());
    assert_eq!(c.groups[0].visibility, None);
    let c = parse(&format!("{GROUP}visibility = \"unlisted\"\n")).unwrap();
    assert_eq!(c.groups[0].visibility, Some(Visibility::Unlisted));
}

#[test]
fn rejects_an_unknown_visibility_naming_the_choices() {
    let e = parse(&format!("{GROUP}visibility = \"secret\"\n")).unwrap_err();
    assert!(e.contains("site.toml:4:1"), "{e}");
    assert!(
        e.contains("groups[0].visibility") && e.contains("\"public\", \"unlisted\" or \"private\""),
        "{e}"
    );
}

#[test]
fn rejects_an_opt_out_tag_that_is_not_one_word_and_an_exclusion_that_names_no_post() {
    let e = parse("[privacy]\nopt_out_tags = [\"no digest\"]\n").unwrap_err();
    assert!(
        e.contains("privacy.opt_out_tags") && e.contains("site.toml:2:1"),
        "{e}"
    );
    let e = parse("[privacy]\nexclude = [\"1_2\", \"https://www.facebook.com/groups/1/\"]\n")
        .unwrap_err();
    assert!(
        e.contains("privacy.exclude[1]") && e.contains("is not a link to a post"),
        "{e}"
    );
    assert!(parse("[privacy]\nopt_out_tags = []\nexclude = [\"555\"]\n").is_ok());
}

#[test]
fn a_group_language_must_be_a_language_tag() {
    let c = parse(&format!("{GROUP}language = \"pt-BR\"\n")).unwrap();
    assert_eq!(c.groups[0].language.as_deref(), Some("pt-BR"));
    let e = parse(&format!("{GROUP}language = \"es\\\" onload=\"\n")).unwrap_err();
    assert!(e.contains("key `groups[0].language`"), "{e}");
}
