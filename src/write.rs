//! The only writer of `output_dir`: stages every rendered file, then applies them all or
//! none.
//!
//! `put` compares the new bytes with the file on disk; unchanged files are left alone (same
//! mtime), changed ones are written to a temp file beside their target. A folder that does
//! not exist yet (a new week) is built under a temp name and renamed into place whole.
//! `commit` renames all temps over their targets and removes files an earlier render wrote
//! that no longer belong to the site, so nothing we did not write is deleted. Dropping an
//! uncommitted `Output` removes every temp file and staged folder: `output_dir` stays exactly
//! as it was.
//!
//! Nothing but the site goes into `output_dir`: the writer's bookkeeping (the list of files
//! it wrote, the marker of a render in progress) lives in the site's state folder
//! (`.groupdigest/output/`), one pair of files per output folder. Temp files exist in
//! `output_dir` only while a render stages (a rename is atomic only within one filesystem).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Context, Result};
use sha2::Digest;

/// The folder of the state folder where the writer keeps its bookkeeping.
pub const BOOKKEEPING_DIR: &str = "output";
/// Where earlier versions listed the files they wrote: inside `output_dir` itself. Read
/// once, so the files it lists are still removed when stale, then deleted.
pub const LEGACY_MANIFEST: &str = ".groupdigest-manifest";
/// Prefix of the marker those versions left in `output_dir` while staging.
const LEGACY_IN_PROGRESS: &str = ".groupdigest-writing";
const TMP_MARK: &str = ".gdtmp-";
/// First line of a manifest; the rest is one path per line, relative to `output_dir`.
const MANIFEST_HEADER: &str = "# groupdigest: the files the last render wrote into ";

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

/// The writer's own files for one output folder, in the state folder.
struct Bookkeeping {
    /// Lists the files the last render wrote.
    manifest: PathBuf,
    /// Present while a render stages files. A run that finds one knows the previous run
    /// was killed and sweeps its temp files; a normal run never walks the tree.
    marker: PathBuf,
    /// How the manifest names the output folder, for a person reading it.
    label: String,
}

impl Bookkeeping {
    /// One pair of files per output folder, named by a hash of where it is: relative to the
    /// site's folder when inside it (so moving the whole site keeps it), else absolute. Two
    /// configs beside each other writing different folders, or an output folder moved to a
    /// new place, never apply one folder's list to another.
    fn of(root: &Path, state_dir: &Path) -> Result<Bookkeeping> {
        let canonical = |p: &Path| {
            std::fs::canonicalize(p).with_context(|| format!("cannot find `{}`", p.display()))
        };
        let out = canonical(root)?;
        let site = state_dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let label = match canonical(site).ok().and_then(|s| out.strip_prefix(s).ok()) {
            Some(rel) if rel.as_os_str().is_empty() => ".".to_string(),
            Some(rel) => rel.to_string_lossy().replace('\\', "/"),
            None => out.to_string_lossy().into_owned(),
        };
        let hash = hex::encode(&sha2::Sha256::digest(label.as_bytes())[..8]);
        let dir = state_dir.join(BOOKKEEPING_DIR);
        Ok(Bookkeeping {
            manifest: dir.join(format!("{hash}.manifest")),
            marker: dir.join(format!("{hash}.writing")),
            label,
        })
    }
}

/// A staged, all-or-nothing write of a whole site.
pub struct Output {
    root: PathBuf,
    staged: Mutex<Staged>,
    /// Files written straight into staged trees.
    fresh: AtomicUsize,
    unchanged: AtomicUsize,
    committed: bool,
    books: Bookkeeping,
}

impl Output {
    /// Prepares to write the site into `root` (created if missing), keeping the writer's
    /// bookkeeping under `state_dir` (the site's `.groupdigest/`). Temp files and folders
    /// left behind by a killed run are removed first.
    pub fn open(root: &Path, state_dir: &Path) -> Result<Output> {
        let mut staged = Staged::default();
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
        let books = Bookkeeping::of(root, state_dir)?;
        let books_dir = books.marker.parent().expect("in the state folder");
        std::fs::create_dir_all(books_dir)
            .with_context(|| format!("cannot create folder `{}`", books_dir.display()))?;
        // An older version kept its marker in `root` itself; one look at the top level.
        let killed_before = books.marker.exists()
            || std::fs::read_dir(root).is_ok_and(|entries| {
                entries.filter_map(|e| e.ok()).any(|e| {
                    e.file_name()
                        .to_str()
                        .is_some_and(|n| n.starts_with(LEGACY_IN_PROGRESS))
                })
            });
        if killed_before {
            crate::fsutil::remove_leftover_temps(root, is_output_temp)?;
            // `write_atomic`'s temps of a manifest; nothing else writes in this folder.
            crate::fsutil::remove_leftover_temps(books_dir, crate::fsutil::is_atomic_temp)?;
        }
        staged.dirs.insert(root.to_path_buf(), Place::Existing);
        std::fs::write(&books.marker, root.to_string_lossy().as_bytes()).with_context(|| {
            format!(
                "cannot write the render's marker `{}`",
                books.marker.display()
            )
        })?;
        Ok(Output {
            root: root.to_path_buf(),
            staged: Mutex::new(staged),
            fresh: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            committed: false,
            books,
        })
    }

    /// Claims `rel` for this render (a second claim of one path is an error) and finds
    /// where its file goes: its target, and the staged or existing folder it is written in.
    fn claim(&self, staged: &mut Staged, rel: &str) -> Result<(PathBuf, Place)> {
        debug_assert!(is_safe_rel(rel), "{rel}");
        if !staged.paths.insert(rel.to_string()) {
            bail!("two files of the site have the same path `{rel}`");
        }
        let target = self.root.join(rel);
        let dir = target.parent().expect("a file under the root");
        let place = place_of(staged, dir)?;
        Ok((target, place))
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
                places.push(self.claim(&mut staged, rel)?);
            }
        }
        for ((target, place), (_, bytes)) in places.into_iter().zip(files) {
            self.write_one(target, place, bytes)?;
        }
        Ok(())
    }

    /// Stages a copy of the file at `src` for `rel`, byte for byte (the archive's kept
    /// pictures), and an unchanged target is left alone.
    pub fn put_copy(&self, rel: &str, src: &Path) -> Result<()> {
        let (target, place) = self.claim(&mut self.staged.lock().expect("writer lock"), rel)?;
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("file");
        // Not `fs::copy`, which carries the source's mode over (an archive file an older
        // version wrote 0600): a new file gets 0666 less the umask, like `put`'s.
        let copy = |to: &Path| {
            std::fs::File::open(src)
                .and_then(|mut from| {
                    let mut file = std::fs::File::create(to)?;
                    std::io::copy(&mut from, &mut file)
                })
                .map(drop)
                .with_context(|| {
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
                self.stage_temp(target.clone(), copy)?;
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
                self.stage_temp(target.clone(), |tmp| {
                    std::fs::write(tmp, bytes)
                        .with_context(|| format!("cannot write `{}`", target.display()))
                })?;
            }
        }
        Ok(())
    }

    /// Writes the new version of an existing file beside it (`.name.gdtmp-PID`), for
    /// `commit` to rename over it. A write that fails (a full disk) removes what it left:
    /// a failed render leaves nothing in `output_dir`, and the next one has no marker
    /// telling it to look.
    fn stage_temp(&self, target: PathBuf, write: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("file");
        let dir = target.parent().expect("a file under the root");
        let tmp = dir.join(format!(".{name}{TMP_MARK}{}", std::process::id()));
        if let Err(e) = write(&tmp) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        self.staged
            .lock()
            .expect("writer lock")
            .temps
            .push((tmp, target));
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

        let old = std::fs::read_to_string(&self.books.manifest).unwrap_or_default();
        let legacy_path = self.root.join(LEGACY_MANIFEST);
        let legacy = std::fs::read_to_string(&legacy_path).ok();
        // Sorted and unique, so emptied folders go in a stable order.
        let old: BTreeSet<&str> = old
            .lines()
            .skip_while(|l| l.starts_with(MANIFEST_HEADER))
            .chain(legacy.as_deref().unwrap_or_default().lines())
            .collect();
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
        let mut listing = format!("{MANIFEST_HEADER}`{}`\n", self.books.label);
        let mut paths: Vec<&String> = staged.paths.iter().collect();
        paths.sort_unstable();
        for p in paths {
            listing.push_str(p);
            listing.push('\n');
        }
        crate::fsutil::write_if_changed(&self.books.manifest, listing.as_bytes())?;
        // Only once the new list is on disk: a run killed before this reads both again.
        if legacy.is_some() {
            std::fs::remove_file(&legacy_path)
                .with_context(|| format!("cannot remove `{}`", legacy_path.display()))?;
        }
        let _ = std::fs::remove_file(&self.books.marker);
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
        let _ = std::fs::remove_file(&self.books.marker);
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

/// Ours (`.name.gdtmp-PID`, files and staged folders, and an earlier version's marker) and
/// `write_atomic`'s (an earlier version's manifest).
fn is_output_temp(name: &str) -> bool {
    (name.starts_with('.') && name.contains(TMP_MARK)) || crate::fsutil::is_atomic_temp(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site folder: its output folder `public/` and its state folder.
    struct Site(tempfile::TempDir);

    impl Site {
        fn new() -> Site {
            let site = Site(tempfile::tempdir().unwrap());
            std::fs::create_dir(site.public()).unwrap();
            site
        }
        fn public(&self) -> PathBuf {
            self.0.path().join("public")
        }
        fn state(&self) -> PathBuf {
            self.0.path().join(crate::lock::STATE_DIR)
        }
        fn open(&self) -> Output {
            Output::open(&self.public(), &self.state()).unwrap()
        }
        /// Every file under `rel`, relative to the site folder, sorted.
        fn files(&self, rel: &str) -> Vec<String> {
            let mut names: Vec<String> = walkdir::WalkDir::new(self.0.path().join(rel))
                .into_iter()
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_file())
                .map(|e| {
                    let rel = e.path().strip_prefix(self.0.path()).unwrap();
                    rel.to_string_lossy().into_owned()
                })
                .collect();
            names.sort();
            names
        }
    }

    #[test]
    fn dropped_output_leaves_the_folder_as_it_was() {
        let site = Site::new();
        std::fs::write(site.public().join("a.html"), "old").unwrap();
        {
            let out = site.open();
            out.put("a.html", b"new").unwrap();
            out.put("x/y/b.html", b"new").unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(site.public().join("a.html")).unwrap(),
            "old"
        );
        assert_eq!(site.files("public"), ["public/a.html"]);
        assert_eq!(
            site.files(".groupdigest"),
            Vec::<String>::new(),
            "no marker"
        );
    }

    #[test]
    fn a_write_that_fails_halfway_leaves_no_temp_file_behind() {
        let site = Site::new();
        std::fs::write(site.public().join("a.html"), "old").unwrap();
        {
            let out = site.open();
            // What a full disk does: the temp file is created, part of it written, then
            // the write fails.
            let failed = out.stage_temp(site.public().join("a.html"), |tmp| {
                std::fs::write(tmp, "ne")?;
                Err(std::io::Error::from(std::io::ErrorKind::StorageFull).into())
            });
            assert!(failed.is_err());
            assert_eq!(site.files("public"), ["public/a.html"], "no temp left");
        }
        assert_eq!(
            std::fs::read_to_string(site.public().join("a.html")).unwrap(),
            "old"
        );
        assert_eq!(site.files("public"), ["public/a.html"]);
    }

    #[test]
    fn commit_writes_changed_keeps_unchanged_and_removes_stale() {
        let site = Site::new();
        let out = site.open();
        out.put("keep.html", b"same").unwrap();
        out.put("old/gone.html", b"bye").unwrap();
        assert_eq!(out.commit().unwrap().written, 2);
        let mtime = || {
            std::fs::metadata(site.public().join("keep.html"))
                .unwrap()
                .modified()
                .unwrap()
        };
        let before = mtime();
        std::thread::sleep(std::time::Duration::from_millis(20));

        let out = site.open();
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
        assert!(
            !site.public().join("old").exists(),
            "emptied folder removed"
        );
    }

    #[test]
    fn the_output_folder_holds_only_the_site_and_the_list_is_kept_in_the_state_folder() {
        let site = Site::new();
        let out = site.open();
        out.put("index.html", b"x").unwrap();
        out.put("a/index.html", b"y").unwrap();
        out.commit().unwrap();
        assert_eq!(
            site.files("public"),
            ["public/a/index.html", "public/index.html"]
        );
        let books = site.files(".groupdigest");
        assert_eq!(books.len(), 1, "{books:?}");
        assert!(books[0].ends_with(".manifest"), "{books:?}");
        let manifest = std::fs::read_to_string(site.0.path().join(&books[0])).unwrap();
        assert_eq!(
            manifest,
            format!("{MANIFEST_HEADER}`public`\na/index.html\nindex.html\n")
        );
    }

    #[test]
    fn an_earlier_versions_list_in_the_output_folder_is_honoured_once_then_deleted() {
        let site = Site::new();
        for f in ["index.html", "old/index.html", "CNAME"] {
            let path = site.public().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        std::fs::write(
            site.public().join(LEGACY_MANIFEST),
            "index.html\nold/index.html\n",
        )
        .unwrap();
        let out = site.open();
        out.put("index.html", b"x").unwrap();
        let stats = out.commit().unwrap();
        assert_eq!((stats.unchanged, stats.removed), (1, 1));
        assert_eq!(site.files("public"), ["public/CNAME", "public/index.html"]);
    }

    #[test]
    fn two_output_folders_of_one_site_keep_separate_lists() {
        let site = Site::new();
        let other = site.0.path().join("staging");
        let out = site.open();
        out.put("only-public.html", b"x").unwrap();
        out.commit().unwrap();
        // Another config beside site.toml writing elsewhere: its list is its own, so the
        // next render of `public/` still knows what it wrote there.
        let out = Output::open(&other, &site.state()).unwrap();
        out.put("only-staging.html", b"x").unwrap();
        out.commit().unwrap();
        let out = site.open();
        assert_eq!(out.commit().unwrap().removed, 1);
        assert_eq!(site.files("public"), Vec::<String>::new());
        assert!(other.join("only-staging.html").exists());
    }

    #[test]
    fn an_output_folder_outside_the_site_folder_is_written_and_its_list_kept_beside_site_toml() {
        let site = Site::new();
        let elsewhere = tempfile::tempdir().unwrap();
        let www = elsewhere.path().join("www");
        let out = Output::open(&www, &site.state()).unwrap();
        out.put("stale.html", b"x").unwrap();
        out.commit().unwrap();
        let out = Output::open(&www, &site.state()).unwrap();
        out.put("index.html", b"x").unwrap();
        assert_eq!(out.commit().unwrap().removed, 1);
        let names: Vec<_> = std::fs::read_dir(&www)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("index.html")]);
        let books = site.files(".groupdigest");
        let manifest = std::fs::read_to_string(site.0.path().join(&books[0])).unwrap();
        assert!(manifest.contains(&www.canonicalize().unwrap().to_string_lossy().to_string()));
    }

    #[test]
    fn a_killed_render_is_swept_by_the_next_and_a_finished_one_leaves_no_marker() {
        let site = Site::new();
        let out = site.open();
        out.put("a/index.html", b"new").unwrap();
        out.put("b.html", b"new").unwrap();
        out.commit().unwrap();
        let out = site.open();
        out.put("a/index.html", b"newer").unwrap();
        out.put("c/index.html", b"new").unwrap();
        std::mem::forget(out); // as if killed: temps and the marker stay
        let temps: Vec<_> = site
            .files("public")
            .into_iter()
            .filter(|f| f.contains(TMP_MARK))
            .collect();
        assert_eq!(
            temps.len(),
            2,
            "a temp file and a staged folder's file: {temps:?}"
        );
        assert!(site
            .files(".groupdigest")
            .iter()
            .any(|f| f.ends_with(".writing")));

        let out = site.open();
        out.put("a/index.html", b"new").unwrap();
        out.commit().unwrap();
        assert_eq!(site.files("public"), ["public/a/index.html"]);
        let books = site.files(".groupdigest");
        assert!(books.iter().all(|f| f.ends_with(".manifest")), "{books:?}");
    }

    #[test]
    fn an_earlier_versions_marker_in_the_output_folder_is_swept_too() {
        let site = Site::new();
        std::fs::create_dir(site.public().join("a")).unwrap();
        std::fs::write(site.public().join("a/.index.html.gdtmp-4242"), "<html").unwrap();
        std::fs::write(site.public().join(".tmp-XyZ987"), "a/index.html\n").unwrap();
        std::fs::write(site.public().join(".groupdigest-writing.gdtmp-4242"), "").unwrap();
        let out = site.open();
        out.put("a/index.html", b"new").unwrap();
        out.commit().unwrap();
        assert_eq!(site.files("public"), ["public/a/index.html"]);
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
        let site = Site::new();
        let out = site.open();
        out.put("release..notes.txt", b"x").unwrap();
        out.commit().unwrap();
        let out = site.open();
        assert_eq!(out.commit().unwrap().removed, 1);
        assert!(!site.public().join("release..notes.txt").exists());
    }

    #[test]
    fn files_we_did_not_write_are_never_removed() {
        let site = Site::new();
        std::fs::write(site.public().join("CNAME"), "example.org").unwrap();
        let out = site.open();
        out.put("index.html", b"x").unwrap();
        out.commit().unwrap();
        let out = site.open();
        out.commit().unwrap();
        assert!(site.public().join("CNAME").exists());
    }
}
