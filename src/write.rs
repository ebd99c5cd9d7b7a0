//! The only writer of `output_dir`: stages every rendered file, then applies them all or
//! none.
//!
//! `put` compares the new bytes with the file on disk; unchanged files are left alone (same
//! mtime), changed ones are written to a temp file beside their target. A folder that does
//! not exist yet (a new week) is built under a temp name and renamed into place whole.
//! `commit` renames all temps over their targets and removes files an earlier render wrote
//! that no longer belong to the site (listed in `.groupdigest-manifest`, so nothing we did
//! not write is deleted). Dropping an uncommitted `Output` removes every temp file and staged
//! folder: `output_dir` stays exactly as it was.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Context, Result};

/// Lists the files the last render wrote, relative to `output_dir`.
pub const MANIFEST: &str = ".groupdigest-manifest";
/// Prefix of the marker present while a render stages files. A run that finds one knows the
/// previous run was killed and sweeps its temp files; a normal run never walks the tree. The
/// marker is itself named like a temp file, so the sweep removes it too.
const IN_PROGRESS: &str = ".groupdigest-writing";
const TMP_MARK: &str = ".gdtmp-";

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    /// Files created or replaced.
    pub written: usize,
    /// Files whose bytes did not change (left untouched).
    pub unchanged: usize,
    /// Stale files removed.
    pub removed: usize,
}

#[derive(Default)]
struct Staged {
    /// (temp file, target) pairs waiting for `commit`: changed files in existing folders.
    temps: Vec<(PathBuf, PathBuf)>,
    /// (staged folder, target) pairs waiting for `commit`: a folder that does not exist yet
    /// is built under a temp name, its files written straight in, and renamed into place
    /// whole, so a new week appears with all its files at once.
    new_trees: Vec<(PathBuf, PathBuf)>,
    /// Where each folder of the site is on disk now: itself, or its place in a staged tree.
    dirs: HashMap<PathBuf, Place>,
    /// The root, when this render created it (removed again on abort).
    created_root: Option<PathBuf>,
    /// Every file of the site, relative to the root (sorted only for the manifest).
    paths: HashSet<String>,
}

#[derive(Clone)]
enum Place {
    /// The folder exists: files are compared, and changed ones go through a temp file.
    Existing,
    /// The folder is new: its files are written here, inside a staged tree.
    Staged(PathBuf),
}

/// A staged, all-or-nothing write of a whole site.
pub struct Output {
    root: PathBuf,
    staged: Mutex<Staged>,
    /// Files written straight into staged trees.
    fresh: AtomicUsize,
    unchanged: AtomicUsize,
    committed: bool,
    marker: PathBuf,
}

impl Output {
    /// Prepares to write into `root` (created if missing). Temp files and folders left behind
    /// by a killed run (ours and `write_atomic`'s, e.g. of the manifest) are removed first.
    pub fn open(root: &Path) -> Result<Output> {
        let marker = root.join(format!("{IN_PROGRESS}{TMP_MARK}{}", std::process::id()));
        let mut staged = Staged::default();
        let killed_before = std::fs::read_dir(root).is_ok_and(|entries| {
            entries.filter_map(|e| e.ok()).any(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with(IN_PROGRESS))
            })
        });
        if killed_before {
            crate::fsutil::remove_leftover_temps(root, is_output_temp)?;
        }
        if root.exists() && !root.is_dir() {
            bail!(
                "cannot write the site to `{}`: a file of that name is in the way; move it",
                root.display()
            );
        }
        if !root.exists() {
            std::fs::create_dir_all(root)
                .with_context(|| format!("cannot create folder `{}`", root.display()))?;
            staged.created_root = Some(root.to_path_buf());
        }
        staged.dirs.insert(root.to_path_buf(), Place::Existing);
        std::fs::write(&marker, b"")
            .with_context(|| format!("cannot write to the output folder `{}`", root.display()))?;
        Ok(Output {
            root: root.to_path_buf(),
            staged: Mutex::new(staged),
            fresh: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            committed: false,
            marker,
        })
    }

    /// Stages `bytes` for `rel` (a `/`-separated path under the root).
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        self.put_all(&[(rel, bytes)])
    }

    /// Stages several files (a period's page and bot files) under one acquisition of the
    /// lock: two workers writing weeks side by side otherwise contend for it on every file.
    pub fn put_all(&self, files: &[(&str, &[u8])]) -> Result<()> {
        let mut places = Vec::with_capacity(files.len());
        {
            let mut staged = self.staged.lock().expect("writer lock");
            for (rel, _) in files {
                debug_assert!(is_safe_rel(rel), "{rel}");
                if !staged.paths.insert(rel.to_string()) {
                    bail!("two files of the site have the same path `{rel}`");
                }
                let target = self.root.join(rel);
                let dir = target.parent().expect("a file under the root");
                let place = place_of(&mut staged, dir)?;
                places.push((target, place));
            }
        }
        for ((target, place), (_, bytes)) in places.into_iter().zip(files) {
            self.write_one(target, place, bytes)?;
        }
        Ok(())
    }

    /// Stages a copy of the file at `src` for `rel`, byte for byte (the archive's kept
    /// pictures): the kernel copies it, and an unchanged target is left alone.
    pub fn put_copy(&self, rel: &str, src: &Path) -> Result<()> {
        let (target, place) = {
            let mut staged = self.staged.lock().expect("writer lock");
            debug_assert!(is_safe_rel(rel), "{rel}");
            if !staged.paths.insert(rel.to_string()) {
                bail!("two files of the site have the same path `{rel}`");
            }
            let target = self.root.join(rel);
            let dir = target.parent().expect("a file under the root");
            let place = place_of(&mut staged, dir)?;
            (target, place)
        };
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("file");
        let copy = |to: &Path| {
            std::fs::copy(src, to).with_context(|| {
                format!("cannot copy `{}` to `{}`", src.display(), target.display())
            })
        };
        match place {
            Place::Staged(actual) => {
                copy(&actual.join(name))?;
                self.fresh.fetch_add(1, Ordering::Relaxed);
            }
            Place::Existing => {
                let same_size = match (std::fs::metadata(&target), std::fs::metadata(src)) {
                    (Ok(t), Ok(s)) => t.len() == s.len(),
                    _ => false,
                };
                if same_size
                    && std::fs::read(&target).ok()
                        == Some(
                            std::fs::read(src)
                                .with_context(|| format!("cannot read `{}`", src.display()))?,
                        )
                {
                    self.unchanged.fetch_add(1, Ordering::Relaxed);
                    return Ok(());
                }
                let dir = target.parent().expect("a file under the root");
                let tmp = dir.join(format!(".{name}{TMP_MARK}{}", std::process::id()));
                copy(&tmp)?;
                self.staged
                    .lock()
                    .expect("writer lock")
                    .temps
                    .push((tmp, target));
            }
        }
        Ok(())
    }

    fn write_one(&self, target: PathBuf, place: Place, bytes: &[u8]) -> Result<()> {
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("file");
        match place {
            Place::Staged(actual) => {
                let path = actual.join(name);
                std::fs::write(&path, bytes)
                    .with_context(|| format!("cannot write `{}`", target.display()))?;
                self.fresh.fetch_add(1, Ordering::Relaxed);
            }
            Place::Existing => {
                if std::fs::read(&target).is_ok_and(|old| old == bytes) {
                    self.unchanged.fetch_add(1, Ordering::Relaxed);
                    return Ok(());
                }
                let dir = target.parent().expect("a file under the root");
                let tmp = dir.join(format!(".{name}{TMP_MARK}{}", std::process::id()));
                std::fs::write(&tmp, bytes)
                    .with_context(|| format!("cannot write `{}`", target.display()))?;
                self.staged
                    .lock()
                    .expect("writer lock")
                    .temps
                    .push((tmp, target));
            }
        }
        Ok(())
    }

    /// Applies every staged file and removes stale ones.
    pub fn commit(mut self) -> Result<WriteStats> {
        let staged = std::mem::take(&mut *self.staged.lock().expect("writer lock"));
        let mut stats = WriteStats {
            written: staged.temps.len() + self.fresh.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
            removed: 0,
        };
        for (tmp, target) in staged.temps.iter().chain(&staged.new_trees) {
            std::fs::rename(tmp, target)
                .with_context(|| format!("cannot replace `{}`", target.display()))?;
        }
        self.committed = true;

        let manifest_path = self.root.join(MANIFEST);
        let old = std::fs::read_to_string(&manifest_path).unwrap_or_default();
        // Sorted and unique, so emptied folders go in a stable order.
        let old: BTreeSet<&str> = old.lines().collect();
        for stale in old.into_iter().filter(|p| !staged.paths.contains(*p)) {
            if !is_safe_rel(stale) {
                continue; // never follow a tampered manifest out of the root
            }
            let path = self.root.join(stale);
            if std::fs::remove_file(&path).is_ok() {
                stats.removed += 1;
                remove_empty_parents(&self.root, &path);
            }
        }
        let mut listing = String::new();
        let mut paths: Vec<&String> = staged.paths.iter().collect();
        paths.sort_unstable();
        for p in paths {
            listing.push_str(p);
            listing.push('\n');
        }
        crate::fsutil::write_if_changed(&manifest_path, listing.as_bytes())?;
        let _ = std::fs::remove_file(&self.marker);
        Ok(stats)
    }
}

/// Where the files of site folder `dir` go: the folder itself when it exists, else its place
/// in a staged tree (created now; the first missing ancestor becomes a staged tree's top).
fn place_of(staged: &mut Staged, dir: &Path) -> Result<Place> {
    if let Some(place) = staged.dirs.get(dir) {
        return Ok(place.clone());
    }
    let parent = dir.parent().expect("a folder under the root");
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("dir");
    // Inside a staged tree nothing exists on the site yet: no need to look (on a first
    // render, that is every week's folder).
    let in_staged_tree = matches!(staged.dirs.get(parent), Some(Place::Staged(_)));
    let place = if !in_staged_tree && dir.is_dir() {
        Place::Existing
    } else if !in_staged_tree && dir.exists() {
        bail!(
            "cannot create folder `{}`: a file of that name is in the way; move it",
            dir.display()
        );
    } else {
        let actual = match place_of(staged, parent)? {
            Place::Staged(p) => p.join(name),
            Place::Existing => {
                let top = parent.join(format!(".{name}{TMP_MARK}{}", std::process::id()));
                staged.new_trees.push((top.clone(), dir.to_path_buf()));
                top
            }
        };
        std::fs::create_dir(&actual)
            .with_context(|| format!("cannot create folder `{}`", dir.display()))?;
        Place::Staged(actual)
    };
    staged.dirs.insert(dir.to_path_buf(), place.clone());
    Ok(place)
}

impl Drop for Output {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        let _ = std::fs::remove_file(&self.marker);
        let staged = std::mem::take(&mut *self.staged.lock().unwrap_or_else(|e| e.into_inner()));
        for (tmp, _) in &staged.temps {
            let _ = std::fs::remove_file(tmp);
        }
        for (top, _) in &staged.new_trees {
            let _ = std::fs::remove_dir_all(top);
        }
        if let Some(root) = &staged.created_root {
            let _ = std::fs::remove_dir(root);
        }
    }
}

fn remove_empty_parents(root: &Path, file: &Path) {
    let mut cur = file.parent();
    while let Some(d) = cur {
        if d == root || std::fs::remove_dir(d).is_err() {
            break;
        }
        cur = d.parent();
    }
}

/// A `/`-separated path that stays under the root: relative, no empty, `.` or `..` part
/// (a `..` inside a name, as in `release..notes.txt`, is fine).
fn is_safe_rel(rel: &str) -> bool {
    !rel.starts_with('/')
        && rel
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != "..")
}

/// Ours (`.name.gdtmp-PID`, files and staged folders, and the marker) and `write_atomic`'s.
fn is_output_temp(name: &str) -> bool {
    (name.starts_with('.') && name.contains(TMP_MARK)) || crate::fsutil::is_atomic_temp(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_output_leaves_the_folder_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.html"), "old").unwrap();
        {
            let out = Output::open(dir.path()).unwrap();
            out.put("a.html", b"new").unwrap();
            out.put("x/y/b.html", b"new").unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.html")).unwrap(),
            "old"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.html")]);
    }

    #[test]
    fn commit_writes_changed_keeps_unchanged_and_removes_stale() {
        let dir = tempfile::tempdir().unwrap();
        let out = Output::open(dir.path()).unwrap();
        out.put("keep.html", b"same").unwrap();
        out.put("old/gone.html", b"bye").unwrap();
        assert_eq!(out.commit().unwrap().written, 2);
        let mtime = || {
            std::fs::metadata(dir.path().join("keep.html"))
                .unwrap()
                .modified()
                .unwrap()
        };
        let before = mtime();
        std::thread::sleep(std::time::Duration::from_millis(20));

        let out = Output::open(dir.path()).unwrap();
        out.put("keep.html", b"same").unwrap();
        out.put("new.html", b"hi").unwrap();
        let stats = out.commit().unwrap();
        assert_eq!(
            stats,
            WriteStats {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert_eq!(mtime(), before);
        assert!(!dir.path().join("old").exists(), "emptied folder removed");
    }

    #[test]
    fn a_killed_render_is_swept_by_the_next_and_a_finished_one_leaves_no_marker() {
        let dir = tempfile::tempdir().unwrap();
        let out = Output::open(dir.path()).unwrap();
        out.put("a/index.html", b"new").unwrap();
        std::mem::forget(out); // as if killed: temps and the marker stay
        let left: Vec<_> = walkdir::WalkDir::new(dir.path())
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .collect();
        assert_eq!(left.len(), 2, "a temp file and the marker");
        let out = Output::open(dir.path()).unwrap();
        out.put("a/index.html", b"new").unwrap();
        out.commit().unwrap();
        let mut names: Vec<String> = walkdir::WalkDir::new(dir.path())
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        assert_eq!(names, [MANIFEST, "a/index.html"]);
    }

    #[test]
    fn only_paths_that_stay_under_the_root_are_safe() {
        assert!(is_safe_rel("a/release..notes.txt"));
        assert!(is_safe_rel("index.html"));
        for bad in ["../x", "a/../../x", "/etc/passwd", "a//b", "./a", "a/.."] {
            assert!(!is_safe_rel(bad), "{bad}");
        }
    }

    #[test]
    fn a_stale_file_with_dots_in_its_name_is_still_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = Output::open(dir.path()).unwrap();
        out.put("release..notes.txt", b"x").unwrap();
        out.commit().unwrap();
        let out = Output::open(dir.path()).unwrap();
        assert_eq!(out.commit().unwrap().removed, 1);
        assert!(!dir.path().join("release..notes.txt").exists());
    }

    #[test]
    fn files_we_did_not_write_are_never_removed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("CNAME"), "example.org").unwrap();
        let out = Output::open(dir.path()).unwrap();
        out.put("index.html", b"x").unwrap();
        out.commit().unwrap();
        assert!(dir.path().join("CNAME").exists());
    }
}
