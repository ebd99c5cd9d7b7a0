//! Hostile inputs through the real binary: secrets an import-only site never loads, links
//! and special files in import folders, and text from files that would be workflow commands
//! under GitHub Actions. (The Graph API's, `serve`'s, the feeds' and the action's hostile
//! inputs are tested beside their own fakes: graph.rs, serve.rs, pages.rs, distribution.rs.)

use crate::support::{Run, Site};

const NOW: &str = "--now=2026-11-25T12:00:00Z";

/// Secrets as they would be set in CI or `.env`: none of them is ever loaded by an import site.
const TOKEN: &str = "EAABneverLoadedToken0123456789";
const APP_SECRET: &str = "neverLoadedAppSecret98765";
const APIFY: &str = "apify_api_neverLoadedToken4242";
const AGE: &str = "AGE-SECRET-KEY-1NEVERLOADEDIDENTITY0000000000000000000000000000000";
const DOTENV_TOKEN: &str = "EAABtokenOnlyInDotenv55555";

/// An import-only site: group `g` reads `imports/g/`.
fn import_site(keys: &str) -> Site {
    let site = Site::new();
    site.write(
        "site.toml",
        &format!(
            "[site]\nbase_url = \"https://x.github.io/d/\"\n[source]\nkind = \"graph\"\n{keys}\n\
             [[groups]]\nid = \"g1\"\nslug = \"g\"\nvisibility = \"public\"\nkind = \"import\"\npath = \"imports/g\"\n\
             [media]\ndownload = false\n"
        ),
    );
    site
}

fn run_with_secrets(site: &Site, args: &[&str]) -> Run {
    site.run_env(
        args,
        &[
            ("FB_ACCESS_TOKEN", TOKEN),
            ("FB_APP_SECRET", APP_SECRET),
            ("APIFY_TOKEN", APIFY),
            ("GROUPDIGEST_AGE_IDENTITY", AGE),
        ],
    )
}

#[track_caller]
fn assert_no_secret(run: &Run) {
    let all = format!("{}\n{}", run.stdout(), run.stderr());
    for secret in [TOKEN, APP_SECRET, APIFY, AGE, DOTENV_TOKEN] {
        assert!(!all.contains(secret), "{secret} printed:\n{all}");
    }
}

#[test]
fn secrets_no_group_loads_are_still_redacted_from_what_a_file_quotes() {
    // A CSV that quotes each secret where a date belongs: every row is reported with its
    // value, and the token is never loaded (no live group).
    let site = import_site("token_env = \"MY_TOKEN\"\n");
    site.write(".env", &format!("MY_TOKEN=\"{DOTENV_TOKEN}\"\n"));
    site.write(
        "imports/g/posts.csv",
        &format!(
            "id,created_time,comments\n\
             ok,2026-11-24T10:00:00Z,3\n\
             a,{TOKEN},1\nb,{APP_SECRET},1\nc,{APIFY},1\nd,{AGE},1\ne,{DOTENV_TOKEN},1\n"
        ),
    );
    for args in [&["build", NOW][..], &["check", NOW]] {
        let run = run_with_secrets(&site, args);
        assert_no_secret(&run);
        let all = format!("{}{}", run.stdout(), run.stderr());
        // One value is long enough to be shortened in the message: its start is scrubbed too.
        assert_eq!(
            all.matches("`created_time` = `[REDACTED]").count(),
            5,
            "{args:?}:\n{all}"
        );
        assert!(!all.contains("AGE-SECRET-KEY-1NEVER"), "{all}");
    }
}

#[cfg(unix)]
#[test]
fn links_and_special_files_in_an_import_folder_are_refused_by_name_never_read() {
    let site = import_site("");
    // What the links point at: a file holding the token (a valid export, so reading it would
    // import a post and quote the token), and a Graph node naming the group.
    site.write(
        "outside/env.csv",
        &format!("id,created_time,comments\nleak,{TOKEN},1\nleak2,2026-11-24T10:00:00Z,1\n"),
    );
    site.write(
        "imports/g/ok.csv",
        "id,created_time,comments\nok,2026-11-24T10:00:00Z,3\n",
    );
    std::os::unix::fs::symlink(site.path("outside/env.csv"), site.path("imports/g/env.csv"))
        .unwrap();
    std::os::unix::fs::symlink("/etc/passwd", site.path("imports/g/passwd.csv")).unwrap();
    // A FIFO: opening it would block the run for ever.
    let fifo = site.path("imports/g/pipe.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let fifo_made = made.is_ok_and(|s| s.success());
    let run = run_with_secrets(&site, &["build", NOW]);
    run.success();
    assert_no_secret(&run);
    run.stderr_has("`imports/g/env.csv`: not read: a symbolic link")
        .stderr_has("`imports/g/passwd.csv`: not read: a symbolic link");
    if fifo_made {
        run.stderr_has("`imports/g/pipe.csv`: not read: not a regular file");
    }
    assert!(!run.stderr().contains("root:"), "{}", run.stderr());
    let stored = site.read("data/g/2026-11-23.json");
    assert!(
        stored.contains("\"ok\"") && !stored.contains("leak"),
        "{stored}"
    );

    // A Graph export's `node.json` that is a link is not read either.
    let site = import_site("");
    site.write(
        "site.toml",
        &site.read("site.toml").replace(
            "path = \"imports/g\"",
            "path = \"imports/g\"\nformat = \"graph\"",
        ),
    );
    site.write(
        "outside/node.json",
        "{\"id\": \"g1\", \"name\": \"LEAKED-NAME\"}",
    );
    site.write(
        "imports/g/page-1.json",
        "{\"data\": [{\"id\": \"g1_1\", \"created_time\": \"2026-11-24T10:00:00+0000\"}]}",
    );
    std::os::unix::fs::symlink(
        site.path("outside/node.json"),
        site.path("imports/g/node.json"),
    )
    .unwrap();
    let run = run_with_secrets(&site, &["build", NOW]);
    run.success();
    run.stderr_has("`imports/g/node.json`: not read: a symbolic link");
    assert!(!site.read("data/g/group.json").contains("LEAKED-NAME"));

    // The import path itself a link: the group fails naming it.
    let site = import_site("");
    std::fs::create_dir_all(site.path("imports")).unwrap();
    std::os::unix::fs::symlink(site.path("outside"), site.path("imports/g")).unwrap();
    site.write(
        "outside/env.csv",
        &format!("id,created_time\nleak,{TOKEN}\n"),
    );
    let run = run_with_secrets(&site, &["build", NOW]);
    run.fails_with(1)
        .stderr_has("import path `imports/g` is a symbolic link");
    assert_no_secret(&run);
}

/// Every line of a run's output, split where the Actions runner splits (LF, CR, CRLF).
fn lines(run: &Run) -> Vec<String> {
    format!("{}\n{}", run.stdout(), run.stderr())
        .split(['\r', '\n'])
        .map(str::to_string)
        .collect()
}

/// No line is a workflow command but the annotations groupdigest writes itself.
#[track_caller]
pub fn assert_no_injected_command(run: &Run) {
    for line in lines(run) {
        let start = line.trim_start();
        if start.starts_with("::") {
            assert!(
                line.starts_with("::error::") || line.starts_with("::warning::"),
                "a workflow command from the input: {line:?}\nstderr:\n{}",
                run.stderr()
            );
        }
        assert!(!line.contains("##["), "a legacy workflow command: {line:?}");
    }
}

/// `ARGS` run as the action runs it: under GitHub Actions, with the runner's files.
pub fn run_in_actions(site: &Site, args: &[&str]) -> Run {
    let out = site.path("gh-output");
    let summary = site.path("gh-summary");
    site.run_env(
        args,
        &[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_OUTPUT", out.to_str().unwrap()),
            ("GITHUB_STEP_SUMMARY", summary.to_str().unwrap()),
        ],
    )
}

#[test]
fn text_from_an_import_file_never_becomes_a_workflow_command() {
    // Keys with line breaks and workflow commands in a JSON export; `rows` names a key it
    // does not have, so the error quotes every key: in the annotation, in the closing
    // "group(s) failed:" list and in `check`'s report.
    let site = import_site("");
    site.write(
        "site.toml",
        &site.read("site.toml").replace(
            "path = \"imports/g\"",
            "path = \"imports/g\"\nrows = \"items\"",
        ),
    );
    site.write(
        "imports/g/export.json",
        r#"{"posts\n::add-mask::x\r::error title=pwned::y\r\n  ::stop-commands::tok\n##[set-output name=site]evil": [], "b\n::warning::z": []}"#,
    );
    for args in [&["build", NOW][..], &["fetch", NOW], &["check", NOW]] {
        let run = run_in_actions(&site, args);
        assert_ne!(run.code(), 0, "{args:?}");
        assert_no_injected_command(&run);
        let all = format!("{}{}", run.stdout(), run.stderr());
        // The keys are still shown, defused.
        assert!(all.contains("> ::add-mask::x"), "{args:?}:\n{all}");
        assert!(all.contains(">   ::stop-commands::tok"), "{args:?}:\n{all}");
        assert!(
            all.contains("## [set-output name=site]evil"),
            "{args:?}:\n{all}"
        );
        if args[0] != "check" {
            assert!(all.contains("1 group(s) failed:"), "{all}");
        }
    }
    // Outside GitHub Actions the text is left as it is.
    let run = site.run(&["fetch", NOW]);
    assert!(run.stderr().contains("\n::add-mask::x"), "{}", run.stderr());
}
