//! Atomic, durable file writes: a temp file in the target's folder, flushed to disk, then
//! renamed over the target, and the folder flushed too.
//!
//! A reader (or a process killed mid-write) sees either the old or the new whole file, and
//! after a power loss the file is either the old or the new one, never empty. Its mode is
//! the one `File::create` gives (0644 under umask 022), not the temp file's 0600.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// Writes `bytes` to `path` atomically and durably, creating parent folders. It counts as
/// done only once the file and the rename are on disk (`fsync` of both).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create folder `{}`", dir.display()))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(TMP_PREFIX);
    // `tempfile` makes its files 0600; the archive's files are shared like any tool's
    // output (a web server running as another user reads them): 0666 less the umask,
    // as `File::create` gives.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temp file in `{}`", dir.display()))?;
    // Through the `File`: `NamedTempFile`'s own writes add the temp file's path to an
    // error, and the message names the target already.
    tmp.as_file_mut()
        .write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot replace `{}`", path.display()))?;
    sync_dir(dir).with_context(|| format!("cannot flush folder `{}`", dir.display()))?;
    Ok(())
}

/// Flushes a folder's entries (a rename in it) to disk. Windows cannot open a folder as a
/// file, and its renames are flushed with the file's metadata.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// The name prefix of `write_atomic`'s temp files.
pub const TMP_PREFIX: &str = ".tmp-";

/// Whether a file name is one of `write_atomic`'s temp files.
pub fn is_atomic_temp(name: &str) -> bool {
    name.starts_with(TMP_PREFIX)
}

/// Removes the temp files (and staged temp folders, whole) a killed run left under `root`;
/// `is_temp` says which names are temps. A missing `root` is fine. They were never renamed
/// into place, so no reader ever saw them as real files.
pub fn remove_leftover_temps(root: &Path, is_temp: impl Fn(&str) -> bool) -> Result<usize> {
    let mut removed = 0;
    if !root.exists() {
        return Ok(0);
    }
    let mut walk = walkdir::WalkDir::new(root).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.with_context(|| format!("cannot list `{}`", root.display()))?;
        if !entry.file_name().to_str().is_some_and(&is_temp) {
            continue;
        }
        let path = entry.path();
        let result = if entry.file_type().is_dir() {
            walk.skip_current_dir();
            std::fs::remove_dir_all(path)
        } else {
            std::fs::remove_file(path)
        };
        result.with_context(|| format!("cannot remove leftover temp `{}`", path.display()))?;
        removed += 1;
    }
    Ok(removed)
}

/// Writes only when the bytes differ from what is there, so mtimes (and git) see no change.
/// Returns whether the file was written.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    write_atomic(path, bytes)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftover_temps_are_removed_and_real_files_kept() {
        let dir = tempfile::tempdir().unwrap();
        write_atomic(&dir.path().join("g/2026-11-16.json"), b"{}").unwrap();
        std::fs::write(dir.path().join("g/.tmp-abc123"), b"{\"half").unwrap();
        assert_eq!(
            remove_leftover_temps(dir.path(), is_atomic_temp).unwrap(),
            1
        );
        assert!(!dir.path().join("g/.tmp-abc123").exists());
        assert_eq!(
            std::fs::read(dir.path().join("g/2026-11-16.json")).unwrap(),
            b"{}"
        );
        assert_eq!(
            remove_leftover_temps(&dir.path().join("missing"), is_atomic_temp).unwrap(),
            0
        );
    }
}
