//! Run status and one writer at a time: a failed group's status lives in its `group.json`
//! (so `render` is a function of `data/`), a token problem fails only the live groups, and
//! a second run on the same site is refused while the first holds the lock.

use crate::support::Site;

const NOW: &str = "--now=2026-11-25T12:00:00Z";

/// A Page on the live API (its `api_base` a closed port: nothing may reach it without a
/// token) beside an import group that needs no token.
fn mixed_site() -> Site {
    let site = Site::new();
    site.write(
        "site.toml",
        "[site]\nbase_url = \"https://x.github.io/d/\"\n\
         [source]\nkind = \"graph\"\napi_base = \"http://127.0.0.1:9\"\n\
         [[groups]]\nid = \"111\"\nslug = \"cdmx\"\nkind = \"page\"\n\
         [[groups]]\nid = \"g1\"\nslug = \"meetup\"\nvisibility = \"public\"\nkind = \"import\"\npath = \"posts.csv\"\n",
    );
    site.write(
        "posts.csv",
        "id,created_time,text,comments\n\
         p1,2026-11-24T10:00:00Z,Slides from Tuesday,4\n\
         p2,2026-11-17T10:00:00Z,Who is coming on Friday?,2\n",
    );
    site
}

#[test]
fn a_missing_token_fails_only_the_live_groups() {
    let site = mixed_site();
    let run = site.run(&["build", NOW]);
    run.fails_with(1);
    run.stderr_has("  cdmx: ").stderr_has("no access token");
    assert!(!run.stderr().contains("  meetup: "), "{}", run.stderr());
    // The import group is fetched, stored and rendered.
    assert!(site.exists("data/meetup/2026-11-23.json"));
    assert!(site
        .read("public/meetup/2026-11-23/index.html")
        .contains("Slides from Tuesday"));
    assert!(site.exists("public/meetup/latest.json"));
    // The live group has no posts, only its failure, and its page says it is not updated.
    assert_eq!(site.files("data/cdmx"), ["group.json"]);
    let group = site.json("data/cdmx/group.json");
    assert_eq!(group["last_failure"]["kind"], "token");
    assert_eq!(group["last_failure"]["at"], "2026-11-25T12:00:00Z");
    let page = site.read("public/cdmx/index.html");
    assert!(page.contains("Not updated yet"), "{page}");
    assert!(
        !page.contains("access token"),
        "no error text on the site: {page}"
    );
    assert!(site.read("public/index.html").contains("Not updated yet"));
}

#[test]
fn render_after_a_failed_build_keeps_the_notice_and_writes_nothing() {
    let site = mixed_site();
    site.run(&["build", NOW]).fails_with(1);
    let pages = site.files("public");
    let run = site.run(&["render", "--now=2026-11-26T12:00:00Z"]);
    run.success().stderr_has(" 0 files written");
    assert_eq!(site.files("public"), pages);
    assert!(site
        .read("public/cdmx/index.html")
        .contains("Not updated yet"));
}

#[test]
fn a_failed_import_records_its_failure_and_a_later_success_clears_it() {
    let site = mixed_site();
    let toml = site.read("site.toml").replace(
        "[[groups]]\nid = \"111\"\nslug = \"cdmx\"\nkind = \"page\"\n",
        "",
    );
    site.write("site.toml", &toml);
    site.run(&["build", NOW]).success();
    let before = site.read("data/meetup/2026-11-23.json");
    std::fs::remove_file(site.path("posts.csv")).unwrap();
    site.run(&["build", "--now=2026-11-26T12:00:00Z"])
        .fails_with(1);
    assert_eq!(
        site.read("data/meetup/2026-11-23.json"),
        before,
        "archive kept"
    );
    let group = site.json("data/meetup/group.json");
    assert_eq!(group["last_failure"]["kind"], "import");
    assert_eq!(group["last_success"], "2026-11-25T12:00:00Z");
    let page = site.read("public/meetup/2026-11-23/index.html");
    assert!(
        page.contains("Not updated since 25 Nov 2026, 12:00 UTC"),
        "{page}"
    );
    assert!(
        !page.contains("posts.csv"),
        "no error text on the site: {page}"
    );

    site.write(
        "posts.csv",
        "id,created_time,text,comments\np1,2026-11-24T10:00:00Z,Slides from Tuesday,4\n",
    );
    site.run(&["build", "--now=2026-11-27T12:00:00Z"]).success();
    let group = site.json("data/meetup/group.json");
    assert!(group.get("last_failure").is_none(), "{group}");
    assert_eq!(group["last_success"], "2026-11-27T12:00:00Z");
    assert!(!site
        .read("public/meetup/2026-11-23/index.html")
        .contains("Not updated"));
}

#[test]
fn a_second_run_is_refused_while_the_first_holds_the_lock() {
    let site = mixed_site();
    std::fs::create_dir_all(site.path(".groupdigest")).unwrap();
    // Another process holds the site's lock: this test process, with an OS lock.
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(site.path(".groupdigest/lock"))
        .unwrap();
    lock.try_lock().unwrap();
    std::fs::write(
        site.path(".groupdigest/lock"),
        "pid 4242, `groupdigest build`, started 2026-11-25T12:00:00Z",
    )
    .unwrap();
    for command in ["build", "fetch", "render"] {
        let run = site.run(&[command, NOW]);
        run.fails_with(1).stderr_has(
            "another groupdigest run is using this site (pid 4242, `groupdigest build`",
        );
        assert!(!site.exists("data"), "{command} wrote nothing");
        assert!(!site.exists("public"), "{command} wrote nothing");
    }
    // A killed run's lock: the file still names it, but no process holds the OS lock.
    drop(lock);
    let run = site.run(&["render", NOW]);
    run.success()
        .stderr_has("a previous run did not finish (pid 4242");
}

#[test]
fn check_of_a_site_without_groups_says_there_is_nothing_to_read() {
    let site = Site::new();
    site.write("site.toml", "[site]\ntitle = \"Empty\"\n");
    let run = site.run(&["check", NOW]);
    run.success();
    let out = run.stdout();
    assert!(out.contains("has no `[[groups]]`"), "{out}");
    assert!(
        out.contains("token: not checked, there is no group to read"),
        "{out}"
    );
    assert!(!out.contains("every group is an import"), "{out}");
}

#[test]
fn check_fails_where_render_would_on_a_damaged_group_file() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    site.write("data/cdmx/group.json", "{\"info\": {\"id\": ");
    let render = site.run(&["render", NOW]);
    render.fails_with(1).stderr_has("group `cdmx`");
    let check = site.run(&["check", NOW]);
    check.fails_with(1);
    assert!(
        check.stdout().contains("problem: group `cdmx`") && check.stdout().contains("group.json"),
        "{}",
        check.stdout()
    );
}

#[test]
fn a_page_never_fetched_tells_the_bot_so_rather_than_an_empty_week() {
    let site = mixed_site();
    site.run(&["build", NOW]).fails_with(1);
    let text = site.json("public/cdmx/latest.json")["messages"][0]["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(text.contains("is not in the digest yet"), "{text}");
    assert!(!text.contains("No popular posts"), "{text}");
}

#[test]
fn the_same_failure_on_the_next_run_leaves_group_json_untouched() {
    let site = mixed_site();
    site.run(&["build", NOW]).fails_with(1);
    let before = site.read("data/cdmx/group.json");
    site.run(&["build", "--now=2026-11-26T12:00:00Z"])
        .fails_with(1);
    assert_eq!(site.read("data/cdmx/group.json"), before);
}

#[test]
fn a_closed_stderr_ends_the_run_cleanly_and_releases_the_lock() {
    use std::io::BufRead;
    let site = Site::demo();
    let mut child = site
        .command(&["build", NOW])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is gone, as `build 2>&1 | head -1` leaves it: every later line is EPIPE.
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{status:?} after {first:?}");
    assert_eq!(site.read(".groupdigest/lock"), "", "the lock is released");
    site.run(&["build", NOW]).success();
}

#[test]
fn build_warns_about_a_placeholder_base_url_once_and_not_with_base_url() {
    let site = mixed_site();
    let toml = site
        .read("site.toml")
        .replace("https://x.github.io/d/", "https://OWNER.github.io/REPO/");
    site.write("site.toml", &toml);
    let run = site.run(&["build", NOW]);
    run.stderr_has("`site.base_url` is `https://OWNER.github.io/REPO/`, a placeholder");
    assert_eq!(
        run.stderr().matches("a placeholder").count(),
        1,
        "{}",
        run.stderr()
    );
    let run = site.run(&["build", NOW, "--base-url", "https://ana.github.io/d/"]);
    assert!(!run.stderr().contains("placeholder"), "{}", run.stderr());
}
