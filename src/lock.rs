//! One writer at a time: every command that writes `data/` or `output_dir` holds the site's
//! lock, `.groupdigest/lock` beside `site.toml`, so two runs (`serve` and `build`, or two CI
//! jobs) never interleave their writes.
//!
//! The lock is the operating system's (`flock` on Unix), so a run that is killed releases
//! it with its last breath; the file itself only says who holds it, for the message a
//! second run gets. A file left non-empty is a killed run's, and is taken over.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};

use crate::config::Config;

/// The folder beside `site.toml` where groupdigest keeps its own state (never published).
pub const STATE_DIR: &str = ".groupdigest";

/// Held for as long as the value lives.
#[derive(Debug)]
pub struct SiteLock {
    file: File,
}

impl SiteLock {
    /// Takes the site's lock for `command` (e.g. "build"), or fails naming the run that
    /// holds it.
    pub fn acquire(config: &Config, command: &str) -> Result<SiteLock> {
        let dir = config.root.join(STATE_DIR);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create folder `{}`", dir.display()))?;
        let path: PathBuf = dir.join("lock");
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("cannot open the site's lock `{}`", path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let holder = read_holder(&mut file);
                bail!(
                    "another groupdigest run is using this site ({}); wait for it to finish \
                     (the lock is `{}`)",
                    holder
                        .as_deref()
                        .unwrap_or("a process that has not said who it is"),
                    path.display()
                );
            }
            Err(TryLockError::Error(e)) => {
                return Err(e)
                    .with_context(|| format!("cannot take the site's lock `{}`", path.display()))
            }
        }
        if let Some(holder) = read_holder(&mut file) {
            crate::ui::info(format!(
                "a previous run did not finish ({holder}); taking over its lock"
            ));
        }
        let me = format!(
            "pid {}, `groupdigest {command}`, started {}",
            std::process::id(),
            chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        );
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(me.as_bytes()))
            .with_context(|| format!("cannot write the site's lock `{}`", path.display()))?;
        Ok(SiteLock { file })
    }
}

impl Drop for SiteLock {
    /// A run that ends (even with an error) empties the file: only a killed run leaves
    /// its name behind. The OS releases the lock when the file is closed.
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
    }
}

fn read_holder(file: &mut File) -> Option<String> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.take(300).read_to_string(&mut text).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(dir: &std::path::Path) -> Config {
        Config {
            root: dir.to_path_buf(),
            ..Default::default()
        }
    }

    #[test]
    fn a_second_run_is_refused_naming_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let first = SiteLock::acquire(&config(dir.path()), "build").unwrap();
        let e = SiteLock::acquire(&config(dir.path()), "render").unwrap_err();
        let msg = format!("{e:#}");
        assert!(
            msg.contains(&format!("pid {}", std::process::id()))
                && msg.contains("`groupdigest build`"),
            "{msg}"
        );
        drop(first);
        SiteLock::acquire(&config(dir.path()), "render").expect("free again");
    }

    #[test]
    fn a_killed_runs_lock_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(STATE_DIR)).unwrap();
        // What a killed run leaves: the file with its name, and no OS lock.
        std::fs::write(
            dir.path().join(STATE_DIR).join("lock"),
            "pid 4242, `groupdigest build`",
        )
        .unwrap();
        let lock = SiteLock::acquire(&config(dir.path()), "build").unwrap();
        let text = std::fs::read_to_string(dir.path().join(STATE_DIR).join("lock")).unwrap();
        assert!(
            text.contains(&format!("pid {}", std::process::id())),
            "{text}"
        );
        drop(lock);
        let text = std::fs::read_to_string(dir.path().join(STATE_DIR).join("lock")).unwrap();
        assert!(text.is_empty(), "a run that ends leaves no name behind");
    }
}
