//! The Apify source (`kind = "apify"`) against the fake Apify API on 127.0.0.1: starting,
//! polling and aborting runs, the last run, dataset paging, each failure and its recorded
//! kind, `check`, and the token kept out of every URL, output and file.

use serde_json::{json, Value};

use crate::fake_apify::{apify_error, item, Fake, FakeApify, Script, ACTOR, TOKEN};
use crate::fake_graph::closed_port;
use crate::support::{Run, Site};

const NOW: &str = "--now=2026-11-25T12:00:00Z";
const URL: &str = "https://www.facebook.com/groups/cdmx.devs/";

/// `n` items on 2026-11-17 .. 2026-11-24, inside the default window.
fn items(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            let day = 17 + (i % 8);
            item(
                URL,
                &format!("{}", 1000 + i),
                &format!("2026-11-{day:02}T10:{:02}:00.000Z", i % 60),
                (i % 7) as u64,
            )
        })
        .collect()
}

/// A site with one apify group `cdmx` on `api_base`, `apify` lines added to `[apify]`.
/// Pictures are not downloaded: the items name Facebook's CDN, and nothing here touches
/// the internet.
fn site(api_base: &str, apify: &str) -> Site {
    let site = Site::new();
    site.write(
        "site.toml",
        &format!(
            "[site]\nbase_url = \"https://x.github.io/d/\"\n[media]\ndownload = false\n[apify]\napi_base = \"{api_base}\"\nbackoff_ms = 2\nretries = 2\n{apify}\n\
             [[groups]]\nid = \"cdmx\"\nslug = \"cdmx\"\nkind = \"apify\"\nurl = \"{URL}\"\n"
        ),
    );
    site
}

fn run(site: &Site, args: &[&str]) -> Run {
    site.run_env(args, &[("APIFY_TOKEN", TOKEN)])
}

/// Every post id stored for `slug`, over all periods.
fn stored_ids(site: &Site, slug: &str) -> Vec<String> {
    let mut ids = Vec::new();
    if !site.exists(&format!("data/{slug}")) {
        return ids;
    }
    for f in site.files(&format!("data/{slug}")) {
        if !f.ends_with(".json") || f == "group.json" || f.contains('/') {
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

/// Asserts the token is in no request URL, no output and no file the run wrote.
#[track_caller]
fn token_nowhere(site: &Site, fake: &FakeApify, out: &Run) {
    for r in fake.requests() {
        assert!(r.param("token").is_none(), "token in a URL: {r:?}");
        assert!(!r.path.contains(TOKEN) && !r.query.iter().any(|(_, v)| v.contains(TOKEN)));
        assert_eq!(
            r.authorization.as_deref(),
            Some(&*format!("Bearer {TOKEN}"))
        );
    }
    assert!(!out.stdout().contains(TOKEN) && !out.stderr().contains(TOKEN));
    for dir in ["data", "public"] {
        if site.exists(dir) {
            for f in site.files(dir) {
                let bytes = std::fs::read(site.path(&format!("{dir}/{f}"))).unwrap();
                assert!(
                    !String::from_utf8_lossy(&bytes).contains(TOKEN),
                    "token in {dir}/{f}"
                );
            }
        }
    }
}

#[test]
fn a_new_run_is_started_with_the_groups_input_polled_and_its_dataset_read_in_pages() {
    let fake = FakeApify::start(Fake::new().actor(
        ACTOR,
        Script {
            polls: 3,
            ..Script::succeeds(items(600))
        },
    ));
    let site = site(&fake.api_base(), "max_posts = 1000");
    site.write(
        "site.toml",
        &(site.read("site.toml") + "[groups.apify.input]\nproxy = { useApifyProxy = true }\n"),
    );
    let out = run(&site, &["fetch", NOW]);
    out.success();
    assert_eq!(stored_ids(&site, "cdmx").len(), 600);
    let requests = fake.requests();
    let start = requests.iter().find(|r| r.method == "POST").unwrap();
    assert_eq!(start.path, format!("v2/acts/{ACTOR}/runs"));
    assert_eq!(start.param("timeout"), Some("900"));
    let input: Value = serde_json::from_str(&start.body).unwrap();
    assert_eq!(input["startUrls"], json!([{ "url": URL }]));
    assert_eq!(input["resultsLimit"], json!(1000));
    assert_eq!(input["onlyPostsNewerThan"], json!("2026-11-16"));
    assert_eq!(input["proxy"], json!({"useApifyProxy": true}));
    let polls: Vec<_> = requests
        .iter()
        .filter(|r| r.path.starts_with("v2/actor-runs/"))
        .collect();
    assert_eq!(polls.len(), 3, "polled until it ended");
    assert!(polls.iter().all(|p| p.param("waitForFinish") == Some("60")));
    let offsets: Vec<_> = requests
        .iter()
        .filter(|r| r.path.ends_with("/items"))
        .map(|r| (r.param("offset").unwrap().to_string(), r.param("clean")))
        .collect();
    assert_eq!(
        offsets,
        vec![
            ("0".to_string(), Some("true")),
            ("250".to_string(), Some("true")),
            ("500".to_string(), Some("true"))
        ]
    );
    // Same archive as an import: the mapping's fields, and never the author.
    let week = site.json("data/cdmx/2026-11-16.json");
    let post = week["posts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "1000")
        .unwrap()
        .clone();
    assert_eq!(post["comments"], 0);
    assert_eq!(post["reactions"], 3);
    assert_eq!(post["shares"], 1);
    assert!(!site
        .read("data/cdmx/2026-11-16.json")
        .contains("Ana Autora"));
    let group = site.json("data/cdmx/group.json");
    assert!(group.get("last_failure").is_none(), "{group}");
    token_nowhere(&site, &fake, &out);
}

#[test]
fn a_run_that_does_not_finish_in_time_is_aborted_and_fails_its_group() {
    let fake = FakeApify::start(Fake::new().actor(ACTOR, Script::never_ends()));
    let site = site(&fake.api_base(), "timeout_secs = 2");
    let out = run(&site, &["fetch", NOW]);
    out.fails_with(1)
        .stderr_has("was still RUNNING after `[apify] timeout_secs` = 2; it was aborted");
    let runs = fake.runs();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs.values().next().unwrap().status, "ABORTED");
    assert!(fake
        .requests()
        .iter()
        .any(|r| r.method == "POST" && r.path.ends_with("/abort")));
    assert_eq!(
        site.json("data/cdmx/group.json")["last_failure"]["kind"],
        "api"
    );
    token_nowhere(&site, &fake, &out);
}

#[test]
fn the_last_run_is_read_without_starting_one_and_an_old_one_is_a_warning_with_its_age() {
    let target = format!("acts/{ACTOR}");
    let fresh =
        FakeApify::start(Fake::new().last_run(&target, "2026-11-25T05:00:00.000Z", items(40)));
    let site1 = site(&fresh.api_base(), "run = \"last\"");
    let out = run(&site1, &["fetch", NOW]);
    out.success();
    assert!(
        !out.stderr().contains("before the fetch window"),
        "{}",
        out.stderr()
    );
    assert_eq!(stored_ids(&site1, "cdmx").len(), 40);
    let last = fresh
        .requests()
        .into_iter()
        .find(|r| r.path.ends_with("/runs/last"))
        .unwrap();
    assert_eq!(last.param("status"), Some("SUCCEEDED"));
    assert!(!fresh.requests().iter().any(|r| r.method == "POST"));

    // An old run: its posts are stored, and the admin is told its age.
    let old_items = (3..6)
        .map(|d| {
            item(
                URL,
                &format!("7{d}"),
                &format!("2026-11-0{d}T10:00:00.000Z"),
                9,
            )
        })
        .collect();
    let old =
        FakeApify::start(Fake::new().last_run(&target, "2026-11-06T05:00:00.000Z", old_items));
    let site2 = site(&old.api_base(), "run = \"last\"");
    let out = run(&site2, &["fetch", NOW]);
    out.success()
        .stderr_has("finished on 2026-11-06 05:00 UTC, 9 days before the fetch window began");
    assert_eq!(stored_ids(&site2, "cdmx"), vec!["73", "74", "75"]);
    token_nowhere(&site2, &old, &out);
}

#[test]
fn a_last_run_holding_several_groups_gives_each_group_its_own_items() {
    let other = "https://www.facebook.com/groups/otro/";
    let mut all = items(4);
    all.push(item(other, "555", "2026-11-20T10:00:00.000Z", 1));
    let fake = FakeApify::start(Fake::new().last_run(
        &format!("acts/{ACTOR}"),
        "2026-11-25T05:00:00.000Z",
        all,
    ));
    let site = site(&fake.api_base(), "run = \"last\"");
    run(&site, &["fetch", NOW])
        .success()
        .stderr_has("left out 1 item naming another group in `facebookUrl`");
    assert!(!stored_ids(&site, "cdmx").contains(&"555".to_string()));
}

/// Runs a fetch against `fake` (or `api_base`) and returns its stderr and the kind
/// recorded in group.json; the fetch must fail with exit 1.
fn failure(site: &Site, env: &[(&str, &str)]) -> (String, String) {
    let out = site.run_env(&["fetch", NOW], env);
    out.fails_with(1);
    let kind = site.json("data/cdmx/group.json")["last_failure"]["kind"]
        .as_str()
        .unwrap()
        .to_string();
    (out.stderr(), kind)
}

#[test]
fn each_apify_failure_fails_the_group_with_its_kind_and_says_what_to_do() {
    let runs = format!("v2/acts/{ACTOR}/runs");
    let token = [("APIFY_TOKEN", TOKEN)];

    // 401: a refused token.
    let fake = FakeApify::start(Fake::new());
    let s = site(&fake.api_base(), "");
    let (err, kind) = failure(&s, &[("APIFY_TOKEN", "apify_api_revokedToken000000000000")]);
    assert_eq!(kind, "token");
    assert!(
        err.contains("`token-not-valid`") && err.contains("Settings → API & Integrations"),
        "{err}"
    );
    assert!(
        !err.contains("revokedToken"),
        "the refused token is not printed: {err}"
    );

    // 402 and 403: usage and plan limits.
    for (status, kind_said) in [
        (402, "not-enough-usage-to-run-paid-actor"),
        (403, "insufficient-permissions"),
    ] {
        let fake = FakeApify::start(Fake::new().fault(
            &runs,
            status,
            apify_error(kind_said, "You have exceeded your limit"),
        ));
        let s = site(&fake.api_base(), "");
        let (err, kind) = failure(&s, &token);
        assert_eq!(kind, "permission", "{status}");
        assert!(
            err.contains(&format!(
                "HTTP {status} `{kind_said}`: You have exceeded your limit"
            )),
            "{err}"
        );
    }

    // 404: an unknown actor, and an unknown task.
    let fake = FakeApify::start(Fake::new());
    for (key, name) in [
        ("actor", "janedoe~no-such-actor"),
        ("task", "janedoe~no-such-task"),
    ] {
        let s = site(&fake.api_base(), &format!("{key} = \"{name}\""));
        let (err, kind) = failure(&s, &token);
        assert_eq!(kind, "api");
        assert!(
            err.contains("`record-not-found`") && err.contains(&format!("check `apify.{key}`")),
            "{err}"
        );
    }

    // Runs that end FAILED, ABORTED or TIMED-OUT.
    for status in ["FAILED", "ABORTED", "TIMED-OUT"] {
        let fake = FakeApify::start(Fake::new().actor(ACTOR, Script::ends(status)));
        let s = site(&fake.api_base(), "");
        let (err, kind) = failure(&s, &token);
        assert_eq!(kind, "api");
        assert!(
            err.contains(&format!("ended {status}"))
                && err.contains("console.apify.com/view/runs/run1"),
            "{err}"
        );
    }

    // A network failure: a port nobody listens on.
    let s = site(&format!("http://127.0.0.1:{}", closed_port()), "");
    let (err, kind) = failure(&s, &token);
    assert_eq!(kind, "network");
    assert!(err.contains("connection was refused"), "{err}");

    // No token at all.
    let s = site(&fake.api_base(), "");
    let (err, kind) = failure(&s, &[]);
    assert_eq!(kind, "token");
    assert!(
        err.contains("no Apify token: set the environment variable `APIFY_TOKEN`"),
        "{err}"
    );
}

#[test]
fn a_429_is_retried_and_the_fetch_goes_on() {
    let fake = FakeApify::start(Fake::new().actor(ACTOR, Script::succeeds(items(3))).fault(
        &format!("v2/acts/{ACTOR}/runs"),
        429,
        apify_error("rate-limit-exceeded", "You have exceeded the rate limit"),
    ));
    let s = site(&fake.api_base(), "");
    run(&s, &["fetch", NOW])
        .success()
        .stderr_has("retry 1 of 2");
    assert_eq!(stored_ids(&s, "cdmx").len(), 3);
    assert_eq!(fake.runs().len(), 1, "one run started");
}

#[test]
fn a_failing_apify_group_does_not_blank_a_page_or_an_import_group() {
    use crate::fake_graph as graph;
    let fake = FakeApify::start(Fake::new().actor(ACTOR, Script::ends("FAILED")));
    let page = graph::FakeGraph::start(graph::Fake::new().group(
        "111",
        graph::FakeGroup {
            node: json!({"id": "111", "name": "A Page", "fan_count": 10}),
            posts: vec![graph::post("111_1", "2026-11-20T10:00:00+0000", 4)],
            page_size: 10,
            trailing_empty: false,
        },
    ));
    let s = site(&fake.api_base(), "");
    s.write(
        "site.toml",
        &(s.read("site.toml").replace(
            "[apify]",
            &format!(
                "[source]\nkind = \"graph\"\napi_base = \"{}\"\napp_id = \"{}\"\n[apify]",
                page.api_base(),
                graph::APP_ID
            ),
        ) + "[[groups]]\nid = \"meetup\"\nslug = \"meetup\"\nkind = \"import\"\nvisibility = \"public\"\npath = \"imports/meetup.jsonl\"\n\
              [[groups]]\nid = \"111\"\nslug = \"page\"\nkind = \"page\"\n"),
    );
    s.write(
        "imports/meetup.jsonl",
        "{\"id\":\"m1\",\"text\":\"Hola\",\"created_time\":\"2026-11-20T10:00:00Z\",\"comments\":2}\n",
    );
    let out = s.run_env(
        &["build", NOW],
        &[
            ("APIFY_TOKEN", TOKEN),
            ("FB_ACCESS_TOKEN", graph::TOKEN),
            ("FB_APP_SECRET", graph::APP_SECRET),
        ],
    );
    out.fails_with(1).stderr_has("group `cdmx`");
    assert_eq!(stored_ids(&s, "meetup"), vec!["m1"]);
    assert_eq!(stored_ids(&s, "page"), vec!["111_1"]);
    assert!(s.exists("public/page/index.html"));
    assert!(s.exists("public/meetup/index.html"));
    assert!(
        s.exists("public/cdmx/index.html"),
        "the failed group still renders"
    );
}

#[test]
fn check_validates_the_token_and_the_actor_without_starting_a_run() {
    let fake = FakeApify::start(Fake::new());
    let s = site(&fake.api_base(), "");
    let out = run(&s, &["check", NOW]);
    let stdout = out.stdout();
    assert!(
        stdout.contains("ok: Apify token in `APIFY_TOKEN` answers (user `circles-admin`)"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("ok: apify: actor `{ACTOR}` exists")),
        "{stdout}"
    );
    assert!(stdout.contains("check starts no run"), "{stdout}");
    out.success();
    let paths: Vec<_> = fake
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(
        paths,
        vec![
            "GET v2/users/me".to_string(),
            format!("GET v2/acts/{ACTOR}")
        ]
    );
    token_nowhere(&s, &fake, &out);

    let s = site(&fake.api_base(), "task = \"janedoe~missing\"");
    let out = run(&s, &["check", NOW]);
    out.fails_with(1);
    assert!(
        out.stdout()
            .contains("problem: apify: Apify has no task `janedoe~missing`"),
        "{}",
        out.stdout()
    );

    let out = s.run_env(
        &["check", NOW],
        &[("APIFY_TOKEN", "apify_api_wrongToken0000000000000")],
    );
    out.fails_with(1);
    assert!(
        out.stdout().contains("`token-not-valid`"),
        "{}",
        out.stdout()
    );
}

#[test]
fn an_apify_group_without_a_url_or_with_a_page_address_is_a_config_error() {
    let s = Site::new();
    s.write(
        "site.toml",
        "[[groups]]\nid = \"cdmx\"\nslug = \"cdmx\"\nkind = \"apify\"\n",
    );
    s.run(&["check"])
        .fails_with(2)
        .stderr_has("`kind = \"apify\"` needs `url`");
    s.write(
        "site.toml",
        "[[groups]]\nid = \"cdmx\"\nslug = \"cdmx\"\nkind = \"apify\"\nurl = \"https://www.facebook.com/MyPage\"\n",
    );
    s.run(&["check"]).fails_with(2).stderr_has(
        "key `groups[0].url`: `https://www.facebook.com/MyPage` is not a Facebook group's address",
    );
    s.write("site.toml", "[apify]\nrun = \"daily\"\n");
    s.run(&["check"])
        .fails_with(2)
        .stderr_has("key `apify.run`: `daily` is not a run mode");
    s.write("site.toml", "[apify]\nactor = \"a~b\"\ntask = \"c~d\"\n");
    s.run(&["check"])
        .fails_with(2)
        .stderr_has("key `apify.task`");
}

#[test]
fn the_scaffolded_workflow_passes_the_apify_token_from_the_repository_secrets() {
    let s = Site::new();
    s.run(&["init", "site"]).success();
    let workflow = s.read("site/.github/workflows/publish.yml");
    assert!(
        workflow.contains("APIFY_TOKEN: ${{ secrets.APIFY_TOKEN }}"),
        "{workflow}"
    );
    assert!(s.read("site/site.toml").contains("[apify]"));
}

#[test]
fn a_run_cut_by_max_posts_replaces_only_what_it_covered() {
    // 16 posts, two a day from 2026-11-17; the newest first, as the scraper returns them.
    let all: Vec<Value> = (0..16)
        .rev()
        .map(|i| {
            let day = 17 + i / 2;
            item(
                URL,
                &format!("{}", 2000 + i),
                &format!("2026-11-{day:02}T1{}:00:00.000Z", i % 2),
                1,
            )
        })
        .collect();
    let full = FakeApify::start(Fake::new().actor(ACTOR, Script::succeeds(all.clone())));
    let s = site(&full.api_base(), "max_posts = 100");
    run(&s, &["fetch", NOW]).success();
    assert_eq!(stored_ids(&s, "cdmx").len(), 16);

    // A later run cut at 4 posts: the older 12 were not seen, so they stay stored.
    let cut = FakeApify::start(Fake::new().actor(ACTOR, Script::succeeds(all[..4].to_vec())));
    s.write(
        "site.toml",
        &s.read("site.toml")
            .replace(&full.api_base(), &cut.api_base())
            .replace("max_posts = 100", "max_posts = 4"),
    );
    run(&s, &["fetch", NOW]).success().stderr_has(
        "returned `max_posts` = 4 items, so posts older than 2026-11-23 10:00 UTC may be missing",
    );
    assert_eq!(stored_ids(&s, "cdmx").len(), 16);
}

#[test]
fn a_last_run_that_does_not_exist_yet_says_how_to_make_one() {
    let fake = FakeApify::start(Fake::new());
    let s = site(&fake.api_base(), "run = \"last\"");
    let (err, kind) = failure(&s, &[("APIFY_TOKEN", TOKEN)]);
    assert_eq!(kind, "api");
    assert!(
        err.contains(&format!(
            "actor `{ACTOR}` has no SUCCEEDED run on Apify yet"
        )) && err.contains("run = \"new\""),
        "{err}"
    );
}
