//! Test helpers: a site in a temp dir, the real binary run against it, file assertions.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

/// The repo root (where the bundled `site.toml`, `demo/` and `templates/` live).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a temp dir: write files into it, run commands in it, read what they wrote.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// An empty site folder.
    pub fn new() -> Site {
        Site {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A copy of the bundled demo: `site.toml` and the `demo/` snapshot.
    pub fn demo() -> Site {
        let site = Site::new();
        copy_dir(&repo().join("demo"), &site.path("demo"));
        std::fs::copy(repo().join("site.toml"), site.path("site.toml")).unwrap();
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    pub fn json(&self, rel: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Runs `groupdigest ARGS` in the site folder with a clean environment (no token).
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = self.command(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        Run(cmd.output().expect("run groupdigest"))
    }

    /// `groupdigest ARGS` in the site folder with a clean environment (no token, no app
    /// secret, no colour), for tests that spawn it themselves.
    pub fn command(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_groupdigest"));
        cmd.current_dir(self.root())
            .args(args)
            .env_remove("FB_ACCESS_TOKEN")
            .env_remove("FB_APP_SECRET")
            .env_remove("APIFY_TOKEN")
            // Tests run inside GitHub Actions too: plain output, no writes to the runner's files.
            .env_remove("GITHUB_ACTIONS")
            .env_remove("GITHUB_OUTPUT")
            .env_remove("GITHUB_STEP_SUMMARY")
            .env("NO_COLOR", "1");
        cmd
    }

    /// Every file under `rel` (relative to it) with its bytes.
    pub fn tree(&self, rel: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
        self.files(rel)
            .into_iter()
            .map(|f| {
                let bytes = std::fs::read(self.path(&format!("{rel}/{f}"))).unwrap();
                (f, bytes)
            })
            .collect()
    }

    /// Every file under `rel`, relative to it, sorted.
    pub fn files(&self, rel: &str) -> Vec<String> {
        let base = self.path(rel);
        let mut out: Vec<String> = walkdir::WalkDir::new(&base)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&base)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        out.sort();
        out
    }
}

/// The result of a run, with assertions that print its output when they fail.
pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    #[track_caller]
    pub fn success(&self) -> &Self {
        assert_eq!(
            self.code(),
            0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
    /// Asserts that stderr contains `needle`, showing stderr when it does not.
    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Self {
        let err = self.stderr();
        assert!(
            err.contains(needle),
            "expected {needle:?} in stderr:\n{err}"
        );
        self
    }
    #[track_caller]
    pub fn fails_with(&self, code: i32) -> &Self {
        assert_eq!(
            self.code(),
            code,
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(|e| e.ok())
    {
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}
