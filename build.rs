//! Build script: records the git commit the binary is built from, so `groupdigest init` can
//! pin the GitHub Action to that exact commit (`uses: <repo>@<sha> # vX.Y.Z`).
//!
//! Dependency-free on purpose. Outside a git checkout (a crates.io tarball, no `git` on
//! PATH) `GROUPDIGEST_COMMIT` is empty and `init` pins the release tag instead.

use std::path::Path;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

fn main() {
    // Honour an explicit value (packagers building from a tarball that know the commit).
    println!("cargo:rerun-if-env-changed=GROUPDIGEST_COMMIT");
    let commit = std::env::var("GROUPDIGEST_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(|| git(&["rev-parse", "HEAD"]))
        .filter(|c| c.len() == 40 && c.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap_or_default();
    println!("cargo:rustc-env=GROUPDIGEST_COMMIT={commit}");

    // Re-run when HEAD moves: HEAD itself, the branch it points to, packed refs. Only paths
    // that exist are named (a missing one would make cargo re-run this on every build).
    let mut watched = vec![git(&["rev-parse", "--git-path", "HEAD"])];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        watched.push(git(&["rev-parse", "--git-path", &branch]));
    }
    watched.push(git(&["rev-parse", "--git-path", "packed-refs"]));
    for path in watched.into_iter().flatten() {
        if Path::new(&path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
    if commit.is_empty() {
        println!("cargo:rerun-if-changed=build.rs");
    }
}
