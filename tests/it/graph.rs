//! The live Graph source, the token tooling and their secrets, against the fake Graph API
//! on 127.0.0.1: paging, faults, rate limits, token errors, and no token in any output.

use serde_json::json;

use crate::fake_graph::{
    closed_port, graph_error, post, proof, Fake, FakeGraph, FakeGroup, Fault, Silent, APP_ID,
    APP_SECRET, LONG_TOKEN, PAGE_TOKEN, SHORT_TOKEN, TOKEN,
};
use crate::support::{Run, Site};

const NOW: &str = "--now=2026-11-25T12:00:00Z";

/// A page whose feed holds `posts`, served `page_size` at a time.
fn page(id: &str, posts: Vec<serde_json::Value>, page_size: usize) -> FakeGroup {
    FakeGroup {
        node: json!({"id": id, "name": format!("Page {id}"), "about": "About it", "fan_count": 900}),
        posts,
        page_size,
        trailing_empty: false,
    }
}

/// `n` posts on 2026-11-17 .. 2026-11-24, all inside the default window.
fn posts(prefix: &str, n: usize) -> Vec<serde_json::Value> {
    (0..n)
        .map(|i| {
            let day = 17 + (i % 8);
            post(
                &format!("{prefix}_{i}"),
                &format!("2026-11-{day:02}T10:{:02}:00+0000", i % 60),
                (i % 7) as u64,
            )
        })
        .collect()
}

/// A live site whose groups are `(id, slug, kind)`, pointed at `fake`.
fn live_site(fake: &FakeGraph, groups: &[(&str, &str, &str)]) -> Site {
    site_at(&fake.api_base(), "retries = 3\ntimeout_secs = 5\n", groups)
}

/// A live site on `api_base`, with `source` lines added to `[source]`.
fn site_at(api_base: &str, source: &str, groups: &[(&str, &str, &str)]) -> Site {
    let mut toml = format!(
        "[site]\nbase_url = \"https://x.github.io/d/\"\n[source]\nkind = \"graph\"\napi_base = \"{api_base}\"\napp_id = \"{APP_ID}\"\nbackoff_ms = 2\n{source}",
    );
    for (id, slug, kind) in groups {
        toml.push_str(&format!(
            "[[groups]]\nid = \"{id}\"\nslug = \"{slug}\"\nvisibility = \"public\"\nkind = \"{kind}\"\n"
        ));
    }
    let site = Site::new();
    site.write("site.toml", &toml);
    site
}

fn run(site: &Site, args: &[&str]) -> Run {
    site.run_env(
        args,
        &[("FB_ACCESS_TOKEN", TOKEN), ("FB_APP_SECRET", APP_SECRET)],
    )
}

/// Every post id stored for `slug`, over all periods.
fn stored_ids(site: &Site, slug: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for f in site.files(&format!("data/{slug}")) {
        if f == "group.json" {
            continue;
        }
        let v = site.json(&format!("data/{slug}/{f}"));
        for p in v["posts"].as_array().unwrap() {
            ids.push(p["id"].as_str().unwrap().to_string());
        }
    }
    ids.sort();
    ids
}

fn feed_requests(fake: &FakeGraph, id: &str) -> usize {
    let path = format!("/v23.0/{id}/feed");
    fake.requests().iter().filter(|r| r.path == path).count()
}

/// Fails when `text` holds any secret of the fake setup.
#[track_caller]
fn assert_no_secret(what: &str, text: &str) {
    for secret in [TOKEN, APP_SECRET, LONG_TOKEN, PAGE_TOKEN, SHORT_TOKEN] {
        assert!(!text.contains(secret), "{what} leaks a secret:\n{text}");
    }
}

#[track_caller]
fn assert_no_secret_anywhere(site: &Site, run: &Run) {
    assert_no_secret("stdout", &run.stdout());
    assert_no_secret("stderr", &run.stderr());
    for dir in ["public", "data"] {
        for f in site.files(dir) {
            let bytes = std::fs::read(site.path(&format!("{dir}/{f}"))).unwrap();
            assert_no_secret(&format!("{dir}/{f}"), &String::from_utf8_lossy(&bytes));
        }
    }
}

#[test]
fn fetches_every_page_and_stops_at_a_trailing_empty_page_that_still_has_next() {
    let mut group = page("111", posts("a", 250), 100);
    group.trailing_empty = true;
    let fake = FakeGraph::start(Fake::new().group("111", group));
    let site = live_site(&fake, &[("111", "cdmx", "page")]);
    let run = run(&site, &["fetch", NOW]);
    run.success();
    assert_eq!(stored_ids(&site, "cdmx").len(), 250);
    assert_eq!(feed_requests(&fake, "111"), 4, "3 pages of posts + 1 empty");
    run.stderr_has("cdmx: page 3, 250 posts");
    let info = site.json("data/cdmx/group.json");
    assert_eq!(info["info"]["name"], "Page 111", "{info}");
    assert_no_secret_anywhere(&site, &run);
}

#[test]
fn post_text_is_stored_as_written_and_next_pages_carry_the_token_only_in_the_header() {
    let mut list = posts("a", 3);
    let text = "Callback docs: https://example.org/cb?code=abc123&access_token=not-ours";
    list[0]["message"] = json!(text);
    let fake = FakeGraph::start(Fake::new().group("111", page("111", list, 1)));
    let site = live_site(&fake, &[("111", "cdmx", "page")]);
    run(&site, &["fetch", NOW]).success();
    let stored = std::fs::read_to_string(site.path("data/cdmx/2026-11-16.json")).unwrap();
    assert!(stored.contains(text), "post text rewritten:\n{stored}");
    let feeds: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|r| r.path == "/v23.0/111/feed")
        .collect();
    assert_eq!(feeds.len(), 3, "every page followed");
    for r in &feeds {
        assert_eq!(r.param("access_token"), None, "{r:?}");
        assert_eq!(
            r.authorization.as_deref(),
            Some(&*format!("Bearer {TOKEN}"))
        );
    }
    assert!(feeds[1].param("after").is_some(), "{:?}", feeds[1]);
}

#[test]
fn keeps_one_copy_of_a_post_repeated_on_two_pages() {
    let mut list = posts("a", 4);
    list.insert(2, list[1].clone()); // the last post of page 1 is the first of page 2
    let fake = FakeGraph::start(Fake::new().group("111", page("111", list, 2)));
    let site = live_site(&fake, &[("111", "cdmx", "page")]);
    run(&site, &["fetch", NOW]).success();
    assert_eq!(stored_ids(&site, "cdmx"), ["a_0", "a_1", "a_2", "a_3"]);
}

#[test]
fn drops_posts_outside_the_window_and_reads_plus_0000_times() {
    let list = vec![
        post("old", "2026-11-15T23:59:59+0000", 9),
        post("in_prev", "2026-11-16T00:00:00+0000", 1),
        post("in_now", "2026-11-25T11:00:00-0300", 2),
        post("future", "2026-11-25T12:00:01+0000", 3),
    ];
    let fake = FakeGraph::start(Fake::new().group("111", page("111", list, 100)));
    let site = live_site(&fake, &[("111", "cdmx", "page")]);
    run(&site, &["fetch", NOW]).success();
    // 11:00-03:00 is 14:00Z, after "now": outside the window too.
    assert_eq!(stored_ids(&site, "cdmx"), ["in_prev"]);
    let week = site.json("data/cdmx/2026-11-16.json");
    assert_eq!(week["posts"][0]["created_time"], "2026-11-16T00:00:00Z");
}

#[test]
fn retries_an_html_500_then_succeeds() {
    let fake = FakeGraph::start(
        Fake::new()
            .group("111", page("111", posts("a", 3), 100))
            .fault("111/feed", Fault::Html(500))
            .fault("111/feed", Fault::Html(502)),
    );
    let site = live_site(&fake, &[("111", "cdmx", "page")]);
    let run = run(&site, &["fetch", NOW]);
    run.success();
    assert_eq!(stored_ids(&site, "cdmx").len(), 3);
    assert_eq!(feed_requests(&fake, "111"), 3);
    run.stderr_has("HTML");
}

#[test]
fn retries_a_rate_limit_then_succeeds() {
    let limit = graph_error(4, None, "(#4) Application request limit reached");
    let fake = FakeGraph::start(
        Fake::new()
            .group("111", page("111", posts("a", 3), 100))
            .fault("111/feed", Fault::Error(403, limit.clone()))
            .fault("111/feed", Fault::Error(403, limit)),
    );
    let site = live_site(&fake, &[("111", "cdmx", "page")]);
    let run = run(&site, &["fetch", NOW]);
    run.success();
    assert_eq!(stored_ids(&site, "cdmx").len(), 3);
    run.stderr_has("rate limit");
}

#[test]
fn gives_up_after_the_configured_retries() {
    let mut fake = Fake::new().group("111", page("111", posts("a", 3), 100));
    for _ in 0..4 {
        fake = fake.fault(
            "111/feed",
            Fault::Error(500, graph_error(2, None, "Service temporarily unavailable")),
        );
    }
    let fake = FakeGraph::start(fake);
    let site = live_site(&fake, &[("111", "cdmx", "page")]);
    let run = run(&site, &["fetch", NOW]);
    run.fails_with(1);
    assert_eq!(feed_requests(&fake, "111"), 4, "1 try + 3 retries");
    run.stderr_has("cdmx");
}

#[test]
fn an_expired_token_stops_the_run_and_says_how_to_renew() {
    let expired = graph_error(
        190,
        Some(463),
        &format!("Error validating access token: Session has expired; token {TOKEN}"),
    );
    let fake = FakeGraph::start(
        Fake::new()
            .group("111", page("111", posts("a", 3), 100))
            .group("222", page("222", posts("b", 3), 100))
            .fault("111/feed", Fault::Error(400, expired)),
    );
    let site = live_site(&fake, &[("111", "cdmx", "page"), ("222", "bogota", "page")]);
    let run = run(&site, &["build", NOW]);
    run.fails_with(1);
    let err = run.stderr();
    assert!(
        err.contains("auth exchange") && err.contains("FB_ACCESS_TOKEN"),
        "{err}"
    );
    assert!(err.contains("subcode 463"), "{err}");
    assert!(
        site.files("data/cdmx") == ["group.json"]
            && site
                .read("data/cdmx/group.json")
                .contains("\"kind\": \"token\""),
        "no posts stored after a token error, only the failure: {:?}",
        site.files("data/cdmx")
    );
    assert_no_secret_anywhere(&site, &run);
}

#[test]
fn an_appsecret_proof_echoed_in_any_form_is_redacted() {
    // The API quotes the proof it was sent URL-encoded, in JSON and bare; the message also
    // has line breaks with workflow commands after them.
    let echo = "Invalid parameter appsecret_proof%3D{proof}%26appsecret_time%3D1\n\
                ::add-mask::{proof}\r\n::error title=x::{\"appsecret_proof\":\"{proof}\"} \
                (bare: {proof})\n::stop-commands::t";
    let fake = FakeGraph::start(
        Fake::new()
            .group("111", page("111", posts("a", 3), 100))
            .fault("111/feed", Fault::Echo(400, echo.into()))
            .fault("111/feed", Fault::Echo(400, echo.into()))
            .fault("111/feed", Fault::Echo(400, echo.into()))
            .fault("111/feed", Fault::Echo(400, echo.into())),
    );
    let site = live_site(&fake, &[("111", "cdmx", "page")]);
    let gh_summary = site.path("summary.md");
    let run = site.run_env(
        &["build", NOW],
        &[
            ("FB_ACCESS_TOKEN", TOKEN),
            ("FB_APP_SECRET", APP_SECRET),
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_STEP_SUMMARY", gh_summary.to_str().unwrap()),
        ],
    );
    run.fails_with(1);
    let proofs: Vec<String> = fake
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/feed"))
        .filter_map(|r| r.param("appsecret_proof").map(str::to_string))
        .collect();
    assert!(!proofs.is_empty());
    let summary = site.read("summary.md");
    let mut outputs = vec![
        ("stdout", run.stdout()),
        ("stderr", run.stderr()),
        ("summary", summary),
    ];
    for dir in ["public", "data"] {
        for f in site.files(dir) {
            let bytes = std::fs::read(site.path(&format!("{dir}/{f}"))).unwrap();
            outputs.push(("file", String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    for (what, text) in &outputs {
        for proof in &proofs {
            assert!(
                !text.contains(proof.as_str()),
                "{what} echoes the proof:\n{text}"
            );
        }
    }
    let err = run.stderr();
    assert!(err.contains("appsecret_proof%3D[REDACTED]"), "{err}");
    assert!(err.contains("(bare: [REDACTED])"), "{err}");
    crate::security::assert_no_injected_command(&run);
    assert!(err.contains("> ::stop-commands::t"), "{err}");
    assert_no_secret_anywhere(&site, &run);
}

#[test]
fn a_token_that_debug_token_calls_invalid_stops_before_any_feed_is_read() {
    let fake = FakeGraph::start(
        Fake::new()
            .group("111", page("111", posts("a", 3), 100))
            .debug(json!({"is_valid": false, "scopes": [],
                "error": {"code": 190, "subcode": 460, "message": "The session has been invalidated because the user changed their password."}})),
    );
    let site = live_site(&fake, &[("111", "cdmx", "page")]);
    let run = run(&site, &["fetch", NOW]);
    run.fails_with(1);
    run.stderr_has("changed their password");
    run.stderr_has("auth login");
    assert_eq!(feed_requests(&fake, "111"), 0);
}

#[test]
fn a_token_that_debug_token_calls_invalid_fails_every_live_group_by_name() {
    let fake = FakeGraph::start(
        Fake::new()
            .group("111", page("111", posts("a", 3), 100))
            .group("222", page("222", posts("b", 3), 100))
            .debug(json!({"is_valid": false, "error": {"code": 190, "message": "Session has expired"}})),
    );
    let site = live_site(&fake, &[("111", "cdmx", "page"), ("222", "bogota", "page")]);
    let run = run(&site, &["fetch", NOW]);
    run.fails_with(1);
    let err = run.stderr();
    for slug in ["cdmx", "bogota"] {
        assert!(
            err.lines()
                .any(|l| l.contains(slug) && l.contains("Session has expired")),
            "{slug}: {err}"
        );
    }
    assert_eq!(feed_requests(&fake, "111") + feed_requests(&fake, "222"), 0);
}

#[test]
fn a_missing_token_says_where_to_put_one() {
    let fake = FakeGraph::start(Fake::new());
    let site = live_site(&fake, &[("111", "cdmx", "page")]);
    let run = site.run(&["fetch", NOW]);
    run.fails_with(1);
    run.stderr_has("FB_ACCESS_TOKEN").stderr_has(".env");
}

#[test]
fn reads_the_token_from_dot_env_beside_site_toml() {
    let fake = FakeGraph::start(Fake::new().group("111", page("111", posts("a", 2), 100)));
    let site = live_site(&fake, &[("111", "cdmx", "page")]);
    site.write(
        ".env",
        &format!("FB_ACCESS_TOKEN={TOKEN}\nFB_APP_SECRET=\"{APP_SECRET}\"\n"),
    );
    let run = site.run(&["fetch", NOW]);
    run.success();
    assert_eq!(stored_ids(&site, "cdmx").len(), 2);
    assert_no_secret_anywhere(&site, &run);
}

#[test]
fn a_permission_error_fails_only_that_group_and_names_it() {
    let denied = graph_error(
        10,
        None,
        "(#10) This endpoint requires the 'pages_read_engagement' permission or the 'Page Public Content Access' feature.",
    );
    let fake = FakeGraph::start(
        Fake::new()
            .group("111", page("111", posts("a", 3), 100))
            .group("222", page("222", posts("b", 3), 100))
            .group("333", page("333", posts("c", 3), 100))
            .fault("222/feed", Fault::Error(403, denied)),
    );
    let site = live_site(
        &fake,
        &[
            ("111", "cdmx", "page"),
            ("222", "bogota", "page"),
            ("333", "tokyo", "page"),
        ],
    );
    let run = run(&site, &["build", NOW]);
    run.fails_with(1);
    assert_eq!(stored_ids(&site, "cdmx").len(), 3);
    assert_eq!(stored_ids(&site, "tokyo").len(), 3);
    assert_eq!(
        site.files("data/bogota"),
        ["group.json"],
        "only its failure"
    );
    assert!(site
        .read("data/bogota/group.json")
        .contains("\"kind\": \"permission\""));
    let err = run.stderr();
    assert!(
        err.contains("1 group(s) failed") && err.contains("bogota:"),
        "{err}"
    );
    assert!(err.contains("pages_read_engagement"), "{err}");
    assert!(site.exists("public/cdmx/latest.json"));
}

#[test]
fn a_group_refused_with_code_100_points_to_import() {
    let removed = graph_error(
        100,
        None,
        "(#100) Invalid Scopes: groups_access_member_info",
    );
    let fake = FakeGraph::start(
        Fake::new()
            .group("444", page("444", posts("g", 3), 100))
            .fault("444/feed", Fault::Error(400, removed)),
    );
    let site = live_site(&fake, &[("444", "circle", "group")]);
    let run = run(&site, &["fetch", NOW]);
    run.fails_with(1);
    let err = run.stderr();
    assert!(
        err.contains("circle") && err.contains("2024-04-22"),
        "{err}"
    );
    assert!(err.contains("kind = \"import\""), "{err}");
}

#[test]
fn sends_the_token_as_a_header_with_a_valid_appsecret_proof_on_every_request() {
    let fake = FakeGraph::start(
        Fake::new()
            .group("111", page("111", posts("a", 5), 2))
            .group("222", page("222", posts("b", 1), 2)),
    );
    let site = live_site(&fake, &[("111", "cdmx", "page"), ("222", "bogota", "page")]);
    run(&site, &["fetch", NOW]).success();
    let requests = fake.requests();
    assert!(requests.len() >= 7, "{requests:?}");
    for r in &requests {
        let auth = r.authorization.as_deref().unwrap_or("");
        let bearer = auth.strip_prefix("Bearer ").expect("a bearer token");
        let time = r.param("appsecret_time").expect("appsecret_time");
        assert_eq!(
            r.param("appsecret_proof"),
            Some(proof(bearer, APP_SECRET, time).as_str()),
            "{r:?}"
        );
        // Only the API's own `paging.next` URLs carry access_token; ours never do.
        if r.param("after").is_none() {
            assert_eq!(r.param("access_token"), None, "{r:?}");
        }
    }
    let first_feed = requests
        .iter()
        .find(|r| r.path == "/v23.0/111/feed")
        .unwrap();
    assert_eq!(first_feed.param("limit"), Some("100"));
    assert_eq!(
        first_feed.param("since"),
        Some("1794787200"),
        "2026-11-16T00:00Z"
    );
    assert!(first_feed
        .param("fields")
        .unwrap()
        .contains("comments.summary(true)"));
}

#[test]
fn warns_in_the_ci_log_when_the_token_expires_within_two_weeks() {
    let fake = FakeGraph::start(
        Fake::new()
            .group("111", page("111", posts("a", 1), 100))
            // 2026-11-30T00:00:00Z
            .debug(
                json!({"is_valid": true, "type": "USER", "expires_at": 1795996800, "scopes": []}),
            ),
    );
    let site = live_site(&fake, &[("111", "cdmx", "page")]);
    let run = site.run_env(
        &["fetch", NOW],
        &[
            ("FB_ACCESS_TOKEN", TOKEN),
            ("FB_APP_SECRET", APP_SECRET),
            ("GITHUB_ACTIONS", "true"),
        ],
    );
    run.success();
    let err = run.stderr();
    assert!(
        err.contains("::warning::") && err.contains("2026-11-30"),
        "{err}"
    );
}

#[test]
fn never_prints_a_token_that_an_error_body_echoes() {
    let echo = graph_error(
        10,
        None,
        &format!("(#10) denied for https://graph.facebook.com/v23.0/1/feed?access_token={TOKEN}&limit=1 and {APP_SECRET}"),
    );
    let fake = FakeGraph::start(
        Fake::new()
            .group("111", page("111", posts("a", 250), 100))
            .group("222", page("222", posts("b", 1), 100))
            .fault("222/feed", Fault::Error(403, echo)),
    );
    let site = live_site(&fake, &[("111", "cdmx", "page"), ("222", "bogota", "page")]);
    let run = run(&site, &["build", NOW]);
    run.fails_with(1);
    run.stderr_has("access_token=[REDACTED]");
    assert_no_secret_anywhere(&site, &run);
}

/// Runs `groupdigest ARGS` in `site` with `stdin` piped in.
fn run_with_stdin(site: &Site, args: &[&str], stdin: &str) -> Run {
    use std::io::Write;
    let mut child = site
        .command(args)
        .env("FB_APP_SECRET", APP_SECRET)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    Run(child.wait_with_output().unwrap())
}

#[test]
fn auth_exchange_prints_only_the_long_lived_token_on_stdout() {
    let fake = FakeGraph::start(Fake::new());
    let site = live_site(&fake, &[]);
    let run = run_with_stdin(&site, &["auth", "exchange"], &format!("{SHORT_TOKEN}\n"));
    run.success();
    assert_eq!(run.stdout(), format!("{LONG_TOKEN}\n"));
    run.stderr_has("FB_ACCESS_TOKEN").stderr_has("60 days");
    assert_no_secret("stderr", &run.stderr());
    let exchange = fake
        .requests()
        .into_iter()
        .find(|r| r.path == "/v23.0/oauth/access_token")
        .unwrap();
    assert_eq!(exchange.param("grant_type"), Some("fb_exchange_token"));
}

#[test]
fn auth_exchange_with_page_prints_the_page_token() {
    let fake = FakeGraph::start(Fake::new());
    let site = live_site(&fake, &[]);
    let run = run_with_stdin(
        &site,
        &["auth", "exchange", "--page", "987654321"],
        &format!("{SHORT_TOKEN}\n"),
    );
    run.success();
    assert_eq!(run.stdout(), format!("{PAGE_TOKEN}\n"));
    run.stderr_has("does not expire");
}

#[test]
fn auth_exchange_without_the_app_secret_says_where_to_find_it() {
    let fake = FakeGraph::start(Fake::new());
    let site = live_site(&fake, &[]);
    let run = site.run_env(&["auth", "exchange"], &[]);
    run.fails_with(1);
    let err = run.stderr();
    assert!(
        err.contains("FB_APP_SECRET") || err.contains("standard input"),
        "{err}"
    );
}

#[test]
fn auth_inspect_describes_the_token_in_words() {
    let fake = FakeGraph::start(Fake::new());
    let site = live_site(&fake, &[]);
    let run = run(&site, &["auth", "inspect", NOW]);
    run.success();
    let out = run.stdout();
    assert!(
        out.contains("is valid") && out.contains("page token for Page `987654321`"),
        "{out}"
    );
    assert!(
        out.contains("Expires: never") && out.contains("pages_read_user_content"),
        "{out}"
    );
    assert_no_secret("stdout", &out);
    let debug = fake
        .requests()
        .into_iter()
        .find(|r| r.path == "/v23.0/debug_token")
        .unwrap();
    assert_eq!(debug.param("input_token"), Some(TOKEN));
    assert_eq!(
        debug.authorization.as_deref(),
        Some(format!("Bearer {APP_ID}|{APP_SECRET}").as_str())
    );
}

#[test]
fn auth_login_checks_state_and_prints_a_long_lived_token() {
    use std::io::{BufRead, BufReader, Read, Write};
    let fake = FakeGraph::start(Fake::new());
    let site = live_site(&fake, &[]);
    let mut child = site
        .command(&["auth", "login", "--port", "0"])
        .env("FB_APP_SECRET", APP_SECRET)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut dialog = String::new();
    for _ in 0..5 {
        let mut line = String::new();
        stderr.read_line(&mut line).unwrap();
        if line.starts_with("https://www.facebook.com/v23.0/dialog/oauth?") {
            dialog = line.trim().to_string();
            break;
        }
    }
    let dialog = url::Url::parse(&dialog).expect("the dialog URL is printed");
    let param = |k: &str| {
        dialog
            .query_pairs()
            .find(|(n, _)| n == k)
            .unwrap()
            .1
            .into_owned()
    };
    assert_eq!(param("client_id"), APP_ID);
    assert!(param("scope").contains("pages_read_engagement"));
    let redirect = url::Url::parse(&param("redirect_uri")).unwrap();
    assert_eq!(redirect.host_str(), Some("127.0.0.1"));
    // A browser's spare connection that never sends a request must not block the redirect.
    let _idle = std::net::TcpStream::connect(("127.0.0.1", redirect.port().unwrap())).unwrap();
    // The browser comes back to the loopback redirect with the code and the same state.
    let mut browser =
        std::net::TcpStream::connect(("127.0.0.1", redirect.port().unwrap())).unwrap();
    write!(
        browser,
        "GET /callback?code={}&state={} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        crate::fake_graph::LOGIN_CODE,
        param("state")
    )
    .unwrap();
    let mut page = String::new();
    browser.read_to_string(&mut page).unwrap();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{rest}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{LONG_TOKEN}\n")
    );
    assert_no_secret("stderr", &rest);
}

#[test]
fn check_passes_a_good_setup_and_fails_an_invalid_token() {
    let fake = FakeGraph::start(Fake::new().group("111", page("111", posts("a", 1), 100)));
    let site = live_site(&fake, &[("111", "cdmx", "page")]);
    let ok = run(&site, &["check", NOW]);
    ok.success();
    assert!(
        ok.stdout()
            .contains("ok: token in `FB_ACCESS_TOKEN` is valid and never expires"),
        "{}",
        ok.stdout()
    );
    assert!(ok.stdout().contains("ok: group `cdmx`"), "{}", ok.stdout());

    let bad = FakeGraph::start(Fake::new().debug(
        json!({"is_valid": false, "error": {"code": 190, "message": "Session has expired"}}),
    ));
    let site = live_site(&bad, &[("111", "cdmx", "page")]);
    let run = run(&site, &["check", NOW]);
    run.fails_with(1);
    assert!(
        run.stdout().contains(
            "problem: the access token in `FB_ACCESS_TOKEN` is not valid: Session has expired"
        ),
        "{}",
        run.stdout()
    );
}

#[test]
fn check_says_plainly_when_a_group_source_is_refused() {
    let removed = graph_error(
        100,
        None,
        "(#100) Invalid Scopes: groups_access_member_info",
    );
    let fake = FakeGraph::start(Fake::new().fault("444/feed", Fault::Error(400, removed)));
    let site = live_site(&fake, &[("444", "circle", "group")]);
    let run = run(&site, &["check", NOW]);
    run.fails_with(1);
    assert!(
        run.stdout().contains("problem: group `circle`") && run.stdout().contains("2024-04-22"),
        "{}",
        run.stdout()
    );
}

#[test]
fn check_skips_the_token_for_a_snapshot_site() {
    let site = Site::demo();
    let run = site.run(&["check", NOW]);
    run.success();
    assert!(
        run.stdout().contains("note: token: not checked"),
        "{}",
        run.stdout()
    );
}

#[test]
fn groups_lists_the_managed_groups_of_every_page_as_toml() {
    let fake = FakeGraph::start(Fake::new().me_groups(vec![
        json!({"id": "1234567890", "name": "Developer Circle CDMX", "administrator": true}),
        json!({"id": "2233445566", "name": "Rust México", "administrator": false}),
        json!({"id": "3344556677", "name": "Bogotá \"Devs\"", "administrator": true}),
        json!({"id": "4455667788", "name": "Developer Circle CDMX", "administrator": true}),
    ]));
    let site = live_site(&fake, &[]);
    let run = run(&site, &["groups"]);
    run.success();
    let out = run.stdout();
    let parsed: toml::Table = out.parse().unwrap_or_else(|e| panic!("{e}\n{out}"));
    let groups = parsed["groups"].as_array().unwrap();
    let ids: Vec<_> = groups.iter().map(|g| g["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["1234567890", "3344556677", "4455667788"],
        "every page of /me/groups, managed groups only"
    );
    assert_eq!(groups[1]["name"].as_str(), Some("Bogotá \"Devs\""));
    assert_eq!(groups[1]["slug"].as_str(), Some("bogota-devs"));
    assert_eq!(
        groups[2]["slug"].as_str(),
        Some("developer-circle-cdmx-4455667788")
    );
    assert!(out.contains("# Developer Circle CDMX\n[[groups]]"), "{out}");
    assert!(!out.contains("Rust México"), "{out}");
    assert!(
        run.stderr().contains("three ways: `kind = \"apify\"`"),
        "the ways groups arrive today: {}",
        run.stderr()
    );
    assert!(
        run.stderr().contains(
            "3 groups the token's user manages; 1 group it is only a member of is left out"
        ),
        "{}",
        run.stderr()
    );
    assert_no_secret("stdout", &out);
}

#[test]
fn groups_lists_the_token_users_pages_as_page_entries_to_paste() {
    let fake = FakeGraph::start(Fake::new().me_accounts(vec![
        json!({"id": "111", "name": "Developer Circles CDMX"}),
        json!({"id": "222", "name": "Rust México"}),
        json!({"id": "333", "name": "Bogotá Devs"}),
    ]));
    let site = live_site(&fake, &[]);
    let run = run(&site, &["groups"]);
    run.success();
    let out = run.stdout();
    let parsed: toml::Table = out.parse().unwrap_or_else(|e| panic!("{e}\n{out}"));
    let entries = parsed["groups"].as_array().unwrap();
    let pages: Vec<_> = entries
        .iter()
        .map(|g| (g["id"].as_str().unwrap(), g["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        pages,
        [("111", "page"), ("222", "page"), ("333", "page")],
        "every page of /me/accounts"
    );
    assert_eq!(entries[1]["slug"].as_str(), Some("rust-mexico"));
    run.stderr_has("3 Pages the token's user manages")
        .stderr_has("groupdigest auth exchange --page 111");
    assert!(fake
        .requests()
        .iter()
        .any(|r| r.path.ends_with("/me/accounts")));
    assert_no_secret("stdout", &out);
}

#[test]
fn a_wrong_app_secret_is_named_instead_of_blaming_the_token() {
    let fake = FakeGraph::start(Fake::new().group("111", page("111", posts("a", 1), 100)));
    let site = live_site(&fake, &[("111", "cdmx", "page")]);
    let run = site.run_env(
        &["fetch", NOW],
        &[
            ("FB_ACCESS_TOKEN", TOKEN),
            ("FB_APP_SECRET", "notTheAppSecret123"),
        ],
    );
    run.fails_with(1);
    let err = run.stderr();
    assert!(
        err.contains("app_id") && err.contains("FB_APP_SECRET"),
        "{err}"
    );
    assert!(!err.contains("auth exchange"), "{err}");
    assert_no_secret("stderr", &err);
    assert!(!err.contains("notTheAppSecret123"), "{err}");
}

#[test]
fn counts_the_comments_and_reactions_present_when_the_feed_sends_no_summary() {
    // An older API version: the first page of each edge, no `summary`.
    let mut old = post("old_api", "2026-11-18T10:00:00+0000", 0);
    let comments: Vec<_> = (0..21).map(|i| json!({"id": format!("c{i}")})).collect();
    old["comments"] = json!({ "data": comments, "paging": {"cursors": {"after": "x"}} });
    old["reactions"] =
        json!({ "data": [{"id": "u1", "type": "LIKE"}, {"id": "u2", "type": "WOW"}] });
    let fake = FakeGraph::start(Fake::new().group("111", page("111", vec![old], 100)));
    let site = live_site(&fake, &[("111", "cdmx", "page")]);
    run(&site, &["fetch", NOW]).success();
    let week = site.json("data/cdmx/2026-11-16.json");
    assert_eq!(week["posts"][0]["id"], "old_api", "{week}");
    assert_eq!(week["posts"][0]["comments"], 21, "{week}");
    assert_eq!(week["posts"][0]["reactions"], 2, "{week}");
}

/// The lines of `text` that report a retry of `label`.
fn retry_lines<'a>(text: &'a str, label: &str) -> Vec<&'a str> {
    let prefix = format!("{label}: retry ");
    text.lines().filter(|l| l.starts_with(&prefix)).collect()
}

#[test]
fn a_connection_failure_is_reported_without_the_url_or_the_token() {
    let port = closed_port();
    let base = format!("http://127.0.0.1:{port}");
    let site = site_at(&base, "retries = 1\n", &[("111", "cdmx", "page")]);
    let run = run(&site, &["fetch", NOW]);
    run.fails_with(1);
    let err = run.stderr();
    assert!(
        err.contains(&format!(
            "cannot connect to the Graph API at `127.0.0.1:{port}`"
        )) && err.contains("refused")
            && err.contains("cdmx"),
        "{err}"
    );
    assert!(
        !err.contains("input_token") && !err.contains("/feed?") && !err.contains("http://"),
        "{err}"
    );
    assert_no_secret("stderr", &err);
}

#[test]
fn a_refused_connection_is_retried_once_whatever_the_configured_retries() {
    let port = closed_port();
    let base = format!("http://127.0.0.1:{port}");
    let groups = [("111", "cdmx", "page"), ("222", "mty", "page")];
    let site = site_at(&base, "retries = 5\n", &groups);
    let run = run(&site, &["build", NOW]);
    run.fails_with(1);
    let err = run.stderr();
    // The token check finds the host unreachable after one retry; no group tries again.
    assert_eq!(retry_lines(&err, "debug_token").len(), 1, "{err}");
    assert!(
        retry_lines(&err, "debug_token")[0].contains("retry 1 of 1"),
        "{err}"
    );
    assert!(retry_lines(&err, "cdmx").is_empty(), "{err}");
    assert!(retry_lines(&err, "mty").is_empty(), "{err}");
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
    assert_no_secret("stderr", &err);
}

#[test]
fn check_groups_and_auth_inspect_name_the_host_that_refuses_the_connection() {
    let port = closed_port();
    let base = format!("http://127.0.0.1:{port}");
    let host = format!("`127.0.0.1:{port}`");
    let site = site_at(&base, "retries = 5\n", &[("111", "cdmx", "page")]);

    let check = run(&site, &["check", NOW]);
    check.fails_with(1);
    let out = check.stdout();
    assert!(
        out.contains(&format!(
            "problem: token: cannot connect to the Graph API at {host}"
        )),
        "{out}"
    );
    // One problem for the host, not one more per group that cannot be asked either.
    assert!(out.contains("check failed: 1 problem(s)"), "{out}");
    assert!(out.contains("groups not checked (`cdmx`)"), "{out}");

    for args in [&["groups"][..], &["auth", "inspect", NOW][..]] {
        let r = run(&site, args);
        r.fails_with(1);
        let err = r.stderr();
        assert!(
            err.contains(&format!("cannot connect to the Graph API at {host}"))
                && err.contains("refused"),
            "{args:?}: {err}"
        );
        assert_no_secret("stderr", &err);
    }
}

#[test]
fn a_host_name_that_does_not_resolve_is_named() {
    // `.invalid` never resolves (RFC 2606); without a resolver the lookup fails as well.
    let site = site_at(
        "http://graph.example.invalid",
        "retries = 5\n",
        &[("111", "cdmx", "page")],
    );
    let r = run(&site, &["auth", "inspect", NOW]);
    r.fails_with(1);
    let err = r.stderr();
    assert!(
        err.contains("cannot connect to the Graph API at `graph.example.invalid`"),
        "{err}"
    );
}

#[test]
fn a_server_that_never_answers_is_asked_once_by_check_and_retried_once_by_build() {
    let silent = Silent::start();
    let source = "retries = 5\ntimeout_secs = 1\n";
    let groups = [("111", "cdmx", "page"), ("222", "mty", "page")];
    let site = site_at(&silent.api_base(), source, &groups);
    let check = run(&site, &["check", NOW]);
    check.fails_with(1);
    let out = check.stdout();
    assert!(
        out.contains(&format!(
            "problem: token: the Graph API at `{}` did not answer within 1.00s",
            silent.addr
        )),
        "{out}"
    );
    // debug_token, not retried; the groups are not asked of a host that hangs.
    assert_eq!(silent.connections(), 1, "{out}");

    let build = run(&site, &["build", NOW]);
    build.fails_with(1);
    let err = build.stderr();
    assert_eq!(retry_lines(&err, "debug_token").len(), 1, "{err}");
    assert!(err.contains("cdmx") && err.contains("mty"), "{err}");
    assert_eq!(
        silent.connections(),
        3,
        "2 more for the build's token check\n{err}"
    );
}

#[test]
fn an_outage_is_retried_and_each_retry_reported_once_per_group() {
    // The next two requests after the token check fail, whatever they ask for.
    let fake = FakeGraph::start(
        Fake::new()
            .group("111", page("111", posts("a", 3), 100))
            .outage(2),
    );
    let site = live_site(&fake, &[("111", "cdmx", "page")]);
    let run = run(&site, &["build", NOW]);
    run.success();
    assert_eq!(stored_ids(&site, "cdmx").len(), 3);
    let err = run.stderr();
    let lines = retry_lines(&err, "cdmx");
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].starts_with("cdmx: retry 1 of 3"), "{err}");
    assert!(lines[1].starts_with("cdmx: retry 2 of 3"), "{err}");
    // debug_token, the node (3 tries), the feed (1).
    assert_eq!(fake.requests().len(), 5, "{err}");
}

#[test]
fn a_post_without_text_is_titled_by_the_page_it_shares_and_a_photo_is_not_a_shared_link() {
    let mut list = posts("a", 3);
    for p in &mut list {
        p.as_object_mut().unwrap().remove("message");
    }
    // A shared link as Graph gives it: `url` through Facebook's redirect, `unshimmed_url` the
    // target; the title is untrusted text.
    list[0]["comments"]["summary"]["total_count"] = json!(40);
    list[0]["attachments"] = json!({"data": [{
        "title": "Rust <script>alert(1)</script> 2026",
        "url": "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.example.org%2Fnews%3Fa%3D1&h=AT0",
    }]});
    // A photo's attachment is Facebook's own page: the post stays "Photo".
    list[1]["comments"]["summary"]["total_count"] = json!(30);
    list[1]["full_picture"] = json!("https://scontent.xx.fbcdn.net/v/p.jpg");
    list[1]["attachments"] = json!({"data": [{"title": "Timeline photos",
        "unshimmed_url": "https://www.facebook.com/photo.php?fbid=9"}]});
    // A link without a title: named by its domain. `javascript:` is never a link.
    list[2]["comments"]["summary"]["total_count"] = json!(20);
    list[2]["attachments"] = json!({"data": [
        {"unshimmed_url": "javascript:alert(1)"},
        {"unshimmed_url": "https://docs.example.net:8443/guide"},
    ]});
    let fake = FakeGraph::start(Fake::new().group("111", page("111", list, 100)));
    let site = live_site(&fake, &[("111", "cdmx", "page")]);
    run(&site, &["build", NOW]).success();
    let fields = fake
        .requests()
        .into_iter()
        .find(|r| r.path == "/v23.0/111/feed")
        .and_then(|r| r.param("fields").map(str::to_string))
        .unwrap();
    assert!(fields.contains("attachments{"), "{fields}");

    let stored = site.json("data/cdmx/2026-11-16.json");
    let links: Vec<_> = stored["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["link"]["url"].as_str().unwrap_or("-").to_string())
        .collect();
    assert!(
        links.contains(&"https://www.example.org/news?a=1".to_string()),
        "{links:?}"
    );
    assert!(
        links.contains(&"https://docs.example.net:8443/guide".to_string()),
        "{links:?}"
    );
    assert_eq!(links.iter().filter(|l| *l == "-").count(), 1, "{links:?}");

    let html = site.read("public/cdmx/2026-11-16/index.html");
    assert!(
        html.contains("Rust &lt;script&gt;alert(1)&lt;/script&gt; 2026"),
        "the link's title, escaped, titles the post"
    );
    assert!(
        !html.contains("<script>alert"),
        "raw HTML from a link title"
    );
    assert!(html.contains(r#"href="https://www.example.org/news?a=1""#));
    assert!(
        html.contains(">docs.example.net</"),
        "a title-less link is named by its domain"
    );
    assert!(!html.contains("javascript:"));
    assert!(html.contains(">Photo</"), "the photo post keeps its label");
    let bot = site.json("public/cdmx/2026-11-16/chatfuel.json");
    let titles: Vec<_> = bot["messages"][0]["attachment"]["payload"]["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        titles,
        [
            "Rust <script>alert(1)</script> 2026",
            "Photo",
            "docs.example.net"
        ],
        "bot titles are plain text"
    );
}
