//! Distribution: the GitHub Action's scripts (install, run, commit-data) run outside GitHub
//! against real parts (a loopback HTTP server holding a release archive made from this
//! build, local git remotes), `init` into a repository GitHub just created, and the
//! GitHub-native output (annotations, step outputs, job summary).
//!
//! Needs `bash`, `curl`, `tar`, `xz`, `sha256sum` and `git` on the machine, as CI runners have.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{repo, Site};

const VERSION: &str = env!("CARGO_PKG_VERSION");

// ---------------------------------------------------------------------------------------
// Helpers

/// A static file server on 127.0.0.1 (an ephemeral port) serving `root`; 404 for anything
/// missing. Runs until the test process ends.
fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            // Skip the headers.
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                header.clear();
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/");
            let file = root.join(path.trim_start_matches('/'));
            let response = match std::fs::read(&file) {
                Ok(body) if file.is_file() => {
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    [head.into_bytes(), body].concat()
                }
                _ => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec(),
            };
            let _ = stream.write_all(&response);
        }
    });
    format!("http://{addr}")
}

/// The dist target triple of this machine, and the runner's names for its OS and arch.
fn platform() -> (&'static str, &'static str, &'static str) {
    match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => ("x86_64-unknown-linux-gnu", "Linux", "X64"),
        ("linux", "aarch64") => ("aarch64-unknown-linux-gnu", "Linux", "ARM64"),
        ("macos", "x86_64") => ("x86_64-apple-darwin", "macOS", "X64"),
        ("macos", "aarch64") => ("aarch64-apple-darwin", "macOS", "ARM64"),
        other => panic!("no release target for {other:?}"),
    }
}

fn sh(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("spawn");
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A release folder as `dist` lays it out: `v<version>/groupdigest-<target>.tar.xz` (a
/// folder holding the binary: this test build's, stripped) and its `.sha256`.
fn release(dir: &Path) -> PathBuf {
    let (target, _, _) = platform();
    let name = format!("groupdigest-{target}");
    let stage = dir.join("stage").join(&name);
    std::fs::create_dir_all(&stage).unwrap();
    sh(Command::new("strip")
        .arg("-o")
        .arg(stage.join("groupdigest"))
        .arg(env!("CARGO_BIN_EXE_groupdigest")));
    let assets = dir.join("www").join(format!("v{VERSION}"));
    std::fs::create_dir_all(&assets).unwrap();
    let archive = assets.join(format!("{name}.tar.xz"));
    sh(Command::new("sh").arg("-c").arg(format!(
        "tar -cf - -C '{}' '{name}' | xz -0 -T2 > '{}'",
        dir.join("stage").display(),
        archive.display()
    )));
    let sum = sh(Command::new("sha256sum").arg(&archive)).stdout;
    let hex = String::from_utf8(sum).unwrap()[..64].to_string();
    std::fs::write(
        assets.join(format!("{name}.tar.xz.sha256")),
        format!("{hex} *{name}.tar.xz\n"),
    )
    .unwrap();
    archive
}

/// The install script with a runner-like environment and a PATH without groupdigest (nor
/// `gh`), allowing the loopback server's plain http.
fn install(runner: &Path, release_url: &str) -> Output {
    install_with(
        runner,
        release_url,
        &[("GROUPDIGEST_ALLOW_INSECURE_RELEASE_URL", "true")],
        None,
    )
}

/// `install` with these variables, and `bin` (a folder of fake tools) first on PATH.
fn install_with(
    runner: &Path,
    release_url: &str,
    env: &[(&str, &str)],
    bin: Option<&Path>,
) -> Output {
    let (_, os, arch) = platform();
    std::fs::create_dir_all(runner.join("temp")).unwrap();
    let path = match bin {
        Some(bin) => format!("{}:/usr/local/bin:/usr/bin:/bin", bin.display()),
        None => "/usr/local/bin:/usr/bin:/bin".to_string(),
    };
    Command::new("bash")
        .arg(repo().join("action/install.sh"))
        .env_clear()
        .envs(env.iter().copied())
        .env("PATH", path)
        .env("HOME", runner)
        .env("GROUPDIGEST_VERSION", VERSION)
        .env("GROUPDIGEST_RELEASE_URL", release_url)
        .env("RUNNER_OS", os)
        .env("RUNNER_ARCH", arch)
        .env("RUNNER_TEMP", runner.join("temp"))
        .env("GITHUB_PATH", runner.join("github_path"))
        .env("GITHUB_OUTPUT", runner.join("github_output"))
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Asserts a failed install left nothing behind: no PATH entry, no binary, no download.
fn assert_installed_nothing(runner: &Path, out: &Output) {
    assert_eq!(out.status.code(), Some(1), "{}", text(out));
    assert!(!runner.join("github_path").exists(), "PATH was not changed");
    let left: Vec<_> = std::fs::read_dir(runner.join("temp"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "nothing is left in RUNNER_TEMP: {left:?}");
}

// ---------------------------------------------------------------------------------------
// action/install.sh

#[test]
fn the_install_script_verifies_the_release_and_puts_groupdigest_on_the_path() {
    let dir = tempfile::tempdir().unwrap();
    release(dir.path());
    let url = serve(dir.path().join("www"));
    let runner = dir.path().join("runner");
    let out = install(&runner, &format!("{url}/v{VERSION}"));
    assert!(out.status.success(), "{}", text(&out));

    let path = std::fs::read_to_string(runner.join("github_path")).unwrap();
    let bin_dir = path.trim();
    assert!(
        Path::new(bin_dir).starts_with(runner.join("temp")),
        "{bin_dir}"
    );
    // A later step: `groupdigest` found through the folder the script added to PATH.
    let version = sh(Command::new("groupdigest")
        .arg("--version")
        .env("PATH", format!("{bin_dir}:/usr/bin:/bin")))
    .stdout;
    assert_eq!(
        String::from_utf8(version).unwrap().trim(),
        format!("groupdigest {VERSION}")
    );
    let outputs = std::fs::read_to_string(runner.join("github_output")).unwrap();
    assert!(
        outputs.contains(&format!("path={bin_dir}/groupdigest")),
        "{outputs}"
    );
}

#[test]
fn a_tampered_archive_is_refused_and_nothing_is_installed() {
    let dir = tempfile::tempdir().unwrap();
    let archive = release(dir.path());
    let mut bytes = std::fs::read(&archive).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&archive, bytes).unwrap();
    let url = serve(dir.path().join("www"));
    let runner = dir.path().join("runner");
    let out = install(&runner, &format!("{url}/v{VERSION}"));
    assert_installed_nothing(&runner, &out);
    let msg = text(&out);
    assert!(
        msg.contains("does not match") && msg.contains("nothing was installed"),
        "{msg}"
    );
}

#[test]
fn a_release_without_a_checksum_is_refused_and_nothing_is_installed() {
    let dir = tempfile::tempdir().unwrap();
    let archive = release(dir.path());
    std::fs::remove_file(format!("{}.sha256", archive.display())).unwrap();
    let url = serve(dir.path().join("www"));
    let runner = dir.path().join("runner");
    let out = install(&runner, &format!("{url}/v{VERSION}"));
    assert_installed_nothing(&runner, &out);
    let msg = text(&out);
    assert!(
        msg.contains("cannot download the checksum") && msg.contains(".sha256"),
        "{msg}"
    );
}

#[test]
fn a_plain_http_release_url_is_refused_unless_the_input_allows_it() {
    let dir = tempfile::tempdir().unwrap();
    release(dir.path());
    let url = serve(dir.path().join("www"));
    let runner = dir.path().join("runner");
    for allow in [None, Some("false"), Some("yes")] {
        let env: Vec<(&str, &str)> = allow
            .map(|a| ("GROUPDIGEST_ALLOW_INSECURE_RELEASE_URL", a))
            .into_iter()
            .collect();
        let out = install_with(&runner, &format!("{url}/v{VERSION}"), &env, None);
        assert_installed_nothing(&runner, &out);
        let msg = text(&out);
        assert!(
            msg.contains("is plain http") && msg.contains("allow-insecure-release-url: true"),
            "{msg}"
        );
    }
    let out = install_with(&runner, "ftp://example.org/v1", &[], None);
    assert_installed_nothing(&runner, &out);
    assert!(
        text(&out).contains("is not an https:// URL"),
        "{}",
        text(&out)
    );
}

/// A fake `gh` in `dir/bin` that logs its arguments to `dir/gh.log` and exits `code`.
fn fake_gh(dir: &Path, code: i32) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let gh = bin.join("gh");
    std::fs::write(
        &gh,
        format!(
            "#!/bin/sh\necho \"$*\" >>'{}'\necho 'no attestations found' >&2\nexit {code}\n",
            dir.join("gh.log").display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&gh, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

#[test]
fn with_gh_on_the_path_the_archive_is_installed_only_when_its_attestation_verifies() {
    let dir = tempfile::tempdir().unwrap();
    release(dir.path());
    let url = serve(dir.path().join("www"));
    let allow = [("GROUPDIGEST_ALLOW_INSECURE_RELEASE_URL", "true")];

    let good = dir.path().join("good");
    let bin = fake_gh(&good, 0);
    let runner = good.join("runner");
    let out = install_with(&runner, &format!("{url}/v{VERSION}"), &allow, Some(&bin));
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("and its attestation from github.com/groupdigest/groupdigest"));
    let log = std::fs::read_to_string(good.join("gh.log")).unwrap();
    assert!(
        log.starts_with("attestation verify ")
            && log.contains(".tar.xz --repo groupdigest/groupdigest"),
        "{log}"
    );

    // The checksum matches (a mirror swapped both), but no attestation does.
    let bad = dir.path().join("bad");
    let bin = fake_gh(&bad, 1);
    let runner = bad.join("runner");
    let out = install_with(&runner, &format!("{url}/v{VERSION}"), &allow, Some(&bin));
    assert_installed_nothing(&runner, &out);
    let msg = text(&out);
    assert!(
        msg.contains("gh attestation verify found no valid attestation")
            && msg.contains("no attestations found")
            && msg.contains("nothing was installed"),
        "{msg}"
    );

    // Without gh, the checksum alone, and the log says so.
    let runner = dir.path().join("plain");
    let out = install(&runner, &format!("{url}/v{VERSION}"));
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("by its checksum (gh is not on PATH"),
        "{}",
        text(&out)
    );
}

#[test]
fn the_run_script_refuses_args_of_several_lines_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_groupdigest"))
        .parent()
        .unwrap();
    for (args, expected) in [
        (
            "build\n--base-url https://x.github.io/d/",
            "has several lines",
        ),
        (
            "build --now 2026-11-25T12:00:00Z\r\n::stop-commands::x",
            "has several lines",
        ),
        ("build\n", "has several lines"),
        ("", "is empty"),
        ("  \t ", "is empty"),
    ] {
        let out = Command::new("bash")
            .arg(repo().join("action/run.sh"))
            .current_dir(dir.path())
            .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_OUTPUT", dir.path().join("out.txt"))
            .env("GROUPDIGEST_ARGS", args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        let msg = text(&out);
        assert!(
            msg.contains("::error title=groupdigest args::the action's `args` input")
                && msg.contains(expected),
            "{args:?}: {msg}"
        );
        assert!(!msg.contains("groupdigest build"), "nothing was run: {msg}");
        assert!(
            !dir.path().join("out.txt").exists()
                || !std::fs::read_to_string(dir.path().join("out.txt"))
                    .unwrap()
                    .contains("code=")
        );
    }
}

// ---------------------------------------------------------------------------------------
// action/run.sh and groupdigest's own GitHub Actions output

/// The demo site with one more group whose snapshot folder does not exist (it fails).
fn demo_with_a_failing_group(data_dir: &str) -> Site {
    let site = Site::demo();
    let config = site
        .read("site.toml")
        .replace("data_dir = \"data\"", &format!("data_dir = \"{data_dir}\""));
    site.write(
        "site.toml",
        &format!("{config}\n[[groups]]\nid = \"404404\"\nslug = \"ghost\"\nkind = \"group\"\n"),
    );
    site
}

#[test]
fn the_run_script_reports_the_exit_code_site_archive_and_failed_groups_as_outputs() {
    let site = demo_with_a_failing_group("archive");
    let bin = Path::new(env!("CARGO_BIN_EXE_groupdigest"))
        .parent()
        .unwrap();
    let out = Command::new("bash")
        .arg(repo().join("action/run.sh"))
        .current_dir(site.root())
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_OUTPUT", site.path("out.txt"))
        .env("GITHUB_STEP_SUMMARY", site.path("summary.md"))
        .env(
            "GROUPDIGEST_ARGS",
            "build --now 2026-11-25T12:00:00Z --base-url https://devcircles.github.io/digest",
        )
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the step itself succeeds: {}",
        text(&out)
    );
    let outputs = site.read("out.txt");
    for line in [
        "code=1",
        "data-dir=archive",
        "site=public",
        "failed-groups=ghost",
    ] {
        assert!(outputs.lines().any(|l| l == line), "{line} in:\n{outputs}");
    }
    // The failed group is an error annotation; the others were built under the real URL.
    let log = text(&out);
    assert!(log.contains("::error::group `ghost`: "), "{log}");
    assert!(
        !log.contains("::warning::group `ghost`"),
        "one annotation per failure: {log}"
    );
    assert!(
        site.exists("archive/cdmx"),
        "the configured data_dir is the archive"
    );
    let bot = site.read("public/cdmx/latest.json");
    assert!(
        bot.contains("https://devcircles.github.io/digest/cdmx/"),
        "{bot}"
    );
    assert!(!bot.contains("example.github.io"), "{bot}");

    let summary = site.read("summary.md");
    assert!(summary.starts_with("## groupdigest build\n"), "{summary}");
    assert!(summary.contains("**1 group failed**"), "{summary}");
    assert!(
        summary.lines().any(|l| l.starts_with("| `ghost` |")),
        "{summary}"
    );
}

#[test]
fn outside_github_actions_output_is_plain_and_no_runner_file_is_written() {
    let site = demo_with_a_failing_group("data");
    let run = site.run_env(
        &["build", "--now", "2026-11-25T12:00:00Z"],
        &[
            ("GITHUB_OUTPUT", site.path("out.txt").to_str().unwrap()),
            (
                "GITHUB_STEP_SUMMARY",
                site.path("summary.md").to_str().unwrap(),
            ),
        ],
    );
    run.fails_with(1);
    assert!(!run.stderr().contains("::error::"), "{}", run.stderr());
    assert!(!site.exists("out.txt") && !site.exists("summary.md"));
}

#[test]
fn a_bad_base_url_flag_is_a_usage_error() {
    let site = Site::demo();
    let run = site.run(&["render", "--base-url", "ftp://x.example/"]);
    run.fails_with(2);
    assert!(
        run.stderr().contains("`--base-url ftp://x.example/`"),
        "{}",
        run.stderr()
    );
}

// ---------------------------------------------------------------------------------------
// action/commit-data.sh against a local bare remote

/// A bare remote with one commit, and a shallow clone of it (the runner's checkout, as
/// actions/checkout makes it: depth 1).
struct Remote {
    dir: tempfile::TempDir,
}

impl Remote {
    fn new() -> Remote {
        let remote = Remote {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir_all(remote.path("home")).unwrap();
        remote.git(
            ".",
            &["init", "--quiet", "--bare", "-b", "main", "remote.git"],
        );
        remote.git(".", &["clone", "--quiet", "remote.git", "seed"]);
        std::fs::write(remote.path("seed/README.md"), "# digest\n").unwrap();
        remote.commit_as_someone("seed", "init");
        std::fs::write(remote.path("seed/site.toml"), "[site]\n").unwrap();
        remote.commit_as_someone("seed", "start");
        let url = format!("file://{}", remote.path("remote.git").display());
        remote.git(".", &["clone", "--quiet", "--depth", "1", &url, "work"]);
        assert_eq!(
            remote
                .git("work", &["rev-parse", "--is-shallow-repository"])
                .trim(),
            "true"
        );
        remote
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// git with no identity anywhere (an empty HOME, no system config): as on a runner.
    fn git_command(&self, dir: &str) -> Command {
        let mut cmd = Command::new("git");
        cmd.current_dir(self.path(dir))
            .env("HOME", self.path("home"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("GIT_CONFIG_GLOBAL");
        for var in [
            "GIT_AUTHOR_NAME",
            "GIT_AUTHOR_EMAIL",
            "GIT_COMMITTER_NAME",
            "GIT_COMMITTER_EMAIL",
            "EMAIL",
        ] {
            cmd.env_remove(var);
        }
        cmd
    }

    fn git(&self, dir: &str, args: &[&str]) -> String {
        String::from_utf8(sh(self.git_command(dir).args(args)).stdout).unwrap()
    }

    /// Commits everything in `dir` as a person and pushes it.
    fn commit_as_someone(&self, dir: &str, msg: &str) {
        self.git(dir, &["add", "--all"]);
        self.git(
            dir,
            &[
                "-c",
                "user.name=Admin",
                "-c",
                "user.email=admin@example.org",
                "commit",
                "--quiet",
                "-m",
                msg,
            ],
        );
        self.git(dir, &["push", "--quiet", "origin", "HEAD:main"]);
    }

    /// Another clone that pushes while the run is going on.
    fn push_meanwhile(&self, file: &str, content: &str) {
        if !self.path("other").exists() {
            self.git(".", &["clone", "--quiet", "remote.git", "other"]);
        }
        self.git("other", &["pull", "--quiet", "--ff-only"]);
        let path = self.path("other").join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
        self.commit_as_someone("other", "meanwhile");
    }

    fn write(&self, rel: &str, content: &str) {
        let path = self.path("work").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }

    /// The commit script in the checkout, the data folder given as groupdigest reports it.
    fn commit_data(&self, data_dir: Option<&str>) -> Output {
        let mut cmd = Command::new("bash");
        cmd.arg(repo().join("action/commit-data.sh"))
            .current_dir(self.path("work"))
            .env("HOME", self.path("home"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GITHUB_REF_NAME", "main")
            .env_remove("GITHUB_TOKEN")
            .env_remove("GITHUB_ACTIONS");
        for var in [
            "GIT_AUTHOR_NAME",
            "GIT_AUTHOR_EMAIL",
            "GIT_COMMITTER_NAME",
            "GIT_COMMITTER_EMAIL",
            "EMAIL",
        ] {
            cmd.env_remove(var);
        }
        match data_dir {
            Some(d) => cmd.env("GROUPDIGEST_DATA_DIR", d),
            None => cmd.env_remove("GROUPDIGEST_DATA_DIR"),
        };
        cmd.output().unwrap()
    }

    /// `subject|author|committer` of the remote's commits, newest first.
    fn remote_log(&self) -> Vec<String> {
        self.git("remote.git", &["log", "--format=%s|%an|%cn", "main"])
            .lines()
            .map(str::to_string)
            .collect()
    }
}

#[test]
fn a_first_run_without_an_archive_folder_commits_nothing() {
    let remote = Remote::new();
    let out = remote.commit_data(None);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("no archive folder `data`"),
        "{}",
        text(&out)
    );
    assert_eq!(remote.remote_log()[0], "start|Admin|Admin");
    assert_eq!(remote.remote_log().len(), 2);
}

#[test]
fn a_changed_archive_is_committed_by_the_bot_and_an_unchanged_one_is_not() {
    let remote = Remote::new();
    remote.write("data/cdmx/2026-11-23.json", "{\"posts\": []}\n");
    remote.write("notes.txt", "not part of the archive\n");
    let out = remote.commit_data(Some("data"));
    assert!(out.status.success(), "{}", text(&out));
    let log = remote.remote_log();
    assert!(
        log[0].starts_with("data: archive update ")
            && log[0].ends_with("|github-actions[bot]|github-actions[bot]"),
        "{log:?}"
    );
    let files = remote.git("remote.git", &["show", "--name-only", "--format=", "main"]);
    assert_eq!(
        files.trim(),
        "data/cdmx/2026-11-23.json",
        "only the archive"
    );

    let again = remote.commit_data(Some("data"));
    assert!(again.status.success(), "{}", text(&again));
    assert!(text(&again).contains("unchanged"), "{}", text(&again));
    assert_eq!(remote.remote_log().len(), 3, "no empty commit");
}

#[test]
fn a_push_made_during_the_run_is_rebased_onto_with_the_bots_identity() {
    let remote = Remote::new();
    remote.push_meanwhile("site.toml", "[site]\ntitle = \"New\"\n");
    remote.write("data/cdmx/2026-11-23.json", "{\"posts\": []}\n");
    let out = remote.commit_data(Some("data"));
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("rebasing onto the new commits"),
        "{}",
        text(&out)
    );
    let log = remote.remote_log();
    assert_eq!(log.len(), 4, "{log:?}");
    assert!(
        log[0].ends_with("|github-actions[bot]|github-actions[bot]"),
        "the rebased commit is the bot's: {log:?}"
    );
    assert_eq!(
        log[1], "meanwhile|Admin|Admin",
        "theirs is kept, below ours"
    );
}

#[test]
fn a_custom_data_dir_is_the_folder_committed() {
    let remote = Remote::new();
    remote.write("archive/cdmx/2026-11-23.json", "{}\n");
    remote.write("data/stray.json", "{}\n");
    let out = remote.commit_data(Some("archive"));
    assert!(out.status.success(), "{}", text(&out));
    let files = remote.git("remote.git", &["show", "--name-only", "--format=", "main"]);
    assert_eq!(files.trim(), "archive/cdmx/2026-11-23.json");
}

#[test]
fn a_rebase_conflict_fails_clearly_and_pushes_nothing() {
    let remote = Remote::new();
    remote.push_meanwhile("data/cdmx/2026-11-23.json", "{\"theirs\": true}\n");
    remote.write("data/cdmx/2026-11-23.json", "{\"ours\": true}\n");
    let out = remote.commit_data(Some("data"));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let msg = text(&out);
    assert!(
        msg.contains("conflicts with commits pushed to main during this run")
            && msg.contains("data/cdmx/2026-11-23.json")
            && msg.contains("nothing was pushed"),
        "{msg}"
    );
    assert_eq!(remote.remote_log()[0], "meanwhile|Admin|Admin");
    assert!(
        !remote.path("work/.git/rebase-merge").exists()
            && !remote.path("work/.git/rebase-apply").exists(),
        "the checkout is not left mid-rebase"
    );
}

// ---------------------------------------------------------------------------------------
// `init` in a repository GitHub created

const GITHUB_README: &str = "# my-digest\nOur community's weekly digest.\n";
const GITHUB_GITIGNORE: &str =
    "# Generated by Cargo\n/target/\n\n# dotenv environment variables file\n.env\n";

#[test]
fn init_in_a_new_github_repo_keeps_its_readme_and_gitignore_and_adds_the_rest() {
    let site = Site::new();
    sh(Command::new("git")
        .args(["init", "--quiet"])
        .current_dir(site.root()));
    site.write("README.md", GITHUB_README);
    site.write(".gitignore", GITHUB_GITIGNORE);
    let run = site.run(&["init", "."]);
    run.success();
    assert_eq!(
        site.read("README.md"),
        GITHUB_README,
        "GitHub's README is kept"
    );
    assert_eq!(
        site.read(".gitignore"),
        format!(
            "{GITHUB_GITIGNORE}\n# groupdigest: the site is rebuilt by the publish workflow; never commit a token\n/public\n.groupdigest/\n"
        ),
        "only the missing lines are appended"
    );
    assert!(site.read("GROUPDIGEST.md").contains("FB_ACCESS_TOKEN"));
    for f in [
        "site.toml",
        ".github/workflows/publish.yml",
        "templates/base.html",
    ] {
        assert!(site.exists(f), "{f}");
    }
    let err = run.stderr();
    assert!(err.contains("kept README.md"), "{err}");
    assert!(
        err.contains("appended /public, .groupdigest/ to .gitignore"),
        "{err}"
    );
    assert!(err.contains("GROUPDIGEST.md"), "{err}");

    // A second init is a conflict: exit 2, naming the files, and nothing changes.
    let before = site.read(".gitignore");
    let again = site.run(&["init", "."]);
    again.fails_with(2);
    let err = again.stderr();
    assert!(
        err.contains("site.toml") && err.contains(".github/workflows/publish.yml"),
        "{err}"
    );
    assert_eq!(site.read(".gitignore"), before, "appended once");
}

#[test]
fn the_scaffolded_workflow_publishes_with_the_pinned_action_and_the_pages_url() {
    let site = Site::new();
    site.run(&["init", "s"]).success();
    let wf = site.read("s/.github/workflows/publish.yml");
    let repository = env!("CARGO_PKG_REPOSITORY").trim_start_matches("https://github.com/");
    let action = wf
        .lines()
        .find_map(|l| l.trim().strip_prefix(&format!("uses: {repository}@")))
        .unwrap_or_else(|| panic!("no `uses: {repository}@...` in:\n{wf}"));
    assert!(action.ends_with(&format!("v{VERSION}")), "{action}");
    assert!(!wf.contains("cargo install"), "nothing is compiled");
    for needed in [
        "uses: actions/checkout@v7",
        "uses: actions/configure-pages@v6",
        "uses: actions/upload-pages-artifact@v5",
        "uses: actions/deploy-pages@v5",
        "--base-url ${{ steps.pages.outputs.base_url }}/",
        "cron: ",
        "workflow_dispatch:",
        "\"imports/**\"",
        "\"site.toml\"",
        "github.event.repository.default_branch",
    ] {
        assert!(wf.contains(needed), "{needed} in:\n{wf}");
    }
}

#[test]
fn in_github_actions_a_skipped_import_row_is_one_warning_annotation() {
    let site = Site::new();
    site.write(
        "site.toml",
        "[site]\nbase_url = \"https://x.github.io/d/\"\n[source]\nkind = \"graph\"\n\
         [[groups]]\nid = \"g1\"\nslug = \"g\"\nkind = \"import\"\npath = \"p.csv\"\n",
    );
    site.write(
        "p.csv",
        "id,created_time,comments\nok,2026-11-24T10:00:00Z,3\n,2026-11-24T10:00:00Z,1\n",
    );
    let run = site.run_env(
        &["fetch", "--now=2026-11-25T12:00:00Z"],
        &[("GITHUB_ACTIONS", "true")],
    );
    run.success();
    let err = run.stderr();
    assert!(
        err.lines()
            .any(|l| l.starts_with("::warning::group `g`: `p.csv` line 3: no id")),
        "{err}"
    );
    assert!(!err.contains("warning: group"), "not twice: {err}");
}
