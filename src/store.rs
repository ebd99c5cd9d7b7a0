//! The archive in `data/`: one pretty JSON file per group and period, plus the group's
//! metadata. It is what members browse for years, so it only grows or is refreshed: a
//! period is replaced only by a fetch that covered it, and never emptied by one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::config::Clock;
use crate::fsutil::{write_atomic, write_if_changed};
use crate::model::{GroupInfo, Post};
use crate::period::Period;
use crate::source::graph_json::from_json;

/// `data/<slug>/<key>.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredPeriod {
    /// The period's key, its first local day.
    pub period: String,
    /// When the period starts and ends (exclusive), with the site's offset.
    pub start: DateTime<chrono::FixedOffset>,
    pub end: DateTime<chrono::FixedOffset>,
    /// When these posts were last changed by a fetch.
    pub updated_at: DateTime<Utc>,
    /// Newest first, then by id: a stable order for readable diffs.
    pub posts: Vec<Post>,
}

/// `data/<slug>/group.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredGroup {
    pub info: GroupInfo,
}

/// What happened to one period in `Store::merge`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeOutcome {
    Created,
    Updated,
    Unchanged,
    /// The fetch returned nothing for a period that has stored posts: kept, with a warning.
    KeptOnEmptyFetch,
}

/// The archive of one site.
pub struct Store {
    root: PathBuf,
    clock: Clock,
}

impl Store {
    pub fn new(root: PathBuf, clock: Clock) -> Self {
        Self { root, clock }
    }

    pub fn group_dir(&self, slug: &str) -> PathBuf {
        self.root.join(slug)
    }

    fn period_path(&self, slug: &str, period: Period) -> PathBuf {
        self.group_dir(slug).join(format!("{}.json", period.key()))
    }

    /// The periods stored for `slug`, oldest first.
    pub fn periods(&self, slug: &str) -> Result<Vec<Period>> {
        let dir = self.group_dir(slug);
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e).with_context(|| format!("cannot list `{}`", dir.display())),
        };
        let mut out = Vec::new();
        for entry in entries {
            let name = entry?.file_name();
            let Some(key) = name.to_str().and_then(|n| n.strip_suffix(".json")) else {
                continue;
            };
            if let Some(p) = Period::from_key(self.clock, key) {
                out.push(p);
            }
        }
        out.sort();
        Ok(out)
    }

    /// Reads a stored period. `data/` is committed to a repo and can be edited by hand, so
    /// links are checked again here, where everything that renders gets its posts: a
    /// non-http(s) permalink or picture never reaches a page or a bot.
    pub fn load_period(&self, slug: &str, period: Period) -> Result<Option<StoredPeriod>> {
        let mut stored: Option<StoredPeriod> = read_optional(&self.period_path(slug, period))?;
        for post in stored.iter_mut().flat_map(|s| s.posts.iter_mut()) {
            keep_http_url(&mut post.permalink_url);
            keep_http_url(&mut post.picture);
        }
        Ok(stored)
    }

    pub fn load_group(&self, slug: &str) -> Result<Option<StoredGroup>> {
        read_optional(&self.group_dir(slug).join("group.json"))
    }

    pub fn save_group(&self, slug: &str, group: &StoredGroup) -> Result<bool> {
        write_if_changed(&self.group_dir(slug).join("group.json"), &to_pretty(group)?)
    }

    /// Replaces the stored posts of `period` with `posts`, by the archive rules: a period
    /// refetched completely is replaced (fresh counts, deleted posts gone), but an empty
    /// fetch never erases a period that has posts.
    pub fn merge(
        &self,
        slug: &str,
        period: Period,
        mut posts: Vec<Post>,
        now: DateTime<Utc>,
    ) -> Result<MergeOutcome> {
        sort_posts(&mut posts);
        let old = self.load_period(slug, period)?;
        let outcome = match &old {
            None => MergeOutcome::Created,
            Some(old) if old.posts == posts => return Ok(MergeOutcome::Unchanged),
            Some(old) if posts.is_empty() && !old.posts.is_empty() => {
                return Ok(MergeOutcome::KeptOnEmptyFetch)
            }
            Some(_) => MergeOutcome::Updated,
        };
        let tz = self.clock.tz;
        let stored = StoredPeriod {
            period: period.key(),
            start: period.start(self.clock).with_timezone(&tz).fixed_offset(),
            end: period.end(self.clock).with_timezone(&tz).fixed_offset(),
            updated_at: now,
            posts,
        };
        // The posts differ (or the file is new), and so does `updated_at`: no point in
        // reading the file again to compare.
        write_atomic(&self.period_path(slug, period), &to_pretty(&stored)?)?;
        Ok(outcome)
    }
}

/// Newest first, then by id, so the order never depends on the source's.
pub fn sort_posts(posts: &mut [Post]) {
    posts.sort_by(|a, b| {
        b.created_time
            .cmp(&a.created_time)
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// Splits posts into the periods they fall in.
pub fn by_period(clock: Clock, posts: Vec<Post>) -> BTreeMap<Period, Vec<Post>> {
    let mut map: BTreeMap<Period, Vec<Post>> = BTreeMap::new();
    for p in posts {
        map.entry(Period::containing(clock, p.created_time))
            .or_default()
            .push(p);
    }
    map
}

/// Every period overlapping `[from, to]`, oldest first.
pub fn periods_between(clock: Clock, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Period> {
    let mut out = Vec::new();
    let mut p = Period::containing(clock, from);
    let last = Period::containing(clock, to);
    while p <= last {
        out.push(p);
        p = p.next();
    }
    out
}

fn to_pretty<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Drops a link that is not absolute http(s) and trims one that has spaces around it; a
/// good link (the usual case) is kept without a copy.
fn keep_http_url(url: &mut Option<String>) {
    let Some(u) = url.as_deref() else { return };
    match crate::model::checked_http_url(u) {
        Some(checked) if checked.len() == u.len() => {}
        checked => *url = checked.map(str::to_string),
    }
}

fn read_optional<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Option<T>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", path.display())),
    };
    // The plain parser is the fast path; on failure, parse again to name the JSON path.
    match serde_json::from_str(&text) {
        Ok(v) => Ok(Some(v)),
        Err(_) => from_json(&text)
            .map(Some)
            .with_context(|| format!("archive file `{}` is damaged", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn clock() -> Clock {
        Clock {
            tz: chrono_tz::UTC,
            week_start: Weekday::Mon,
        }
    }

    fn post(id: &str, t: &str) -> Post {
        Post {
            id: id.into(),
            created_time: t.parse().unwrap(),
            message: Some(format!("post {id}")),
            permalink_url: None,
            picture: None,
            comments: 1,
            shares: 0,
            reactions: 0,
            author: None,
        }
    }

    #[test]
    fn keeps_stored_week_when_feed_comes_back_empty() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().into(), clock());
        let p = Period::from_key(clock(), "2026-11-16").unwrap();
        let now = "2026-11-25T00:00:00Z".parse().unwrap();
        let posts = vec![post("a", "2026-11-17T10:00:00Z")];
        assert_eq!(
            store.merge("g", p, posts.clone(), now).unwrap(),
            MergeOutcome::Created
        );
        assert_eq!(
            store.merge("g", p, vec![], now).unwrap(),
            MergeOutcome::KeptOnEmptyFetch
        );
        assert_eq!(store.load_period("g", p).unwrap().unwrap().posts, posts);
    }

    #[test]
    fn refetch_replaces_posts_and_unchanged_fetch_rewrites_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().into(), clock());
        let p = Period::from_key(clock(), "2026-11-16").unwrap();
        let t1 = "2026-11-20T00:00:00Z".parse().unwrap();
        let t2 = "2026-11-25T00:00:00Z".parse().unwrap();
        store
            .merge(
                "g",
                p,
                vec![
                    post("a", "2026-11-17T10:00:00Z"),
                    post("b", "2026-11-18T10:00:00Z"),
                ],
                t1,
            )
            .unwrap();
        let path = dir.path().join("g/2026-11-16.json");
        let before = std::fs::read(&path).unwrap();
        let again = vec![
            post("b", "2026-11-18T10:00:00Z"),
            post("a", "2026-11-17T10:00:00Z"),
        ];
        assert_eq!(
            store.merge("g", p, again, t2).unwrap(),
            MergeOutcome::Unchanged
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "same posts: byte-identical"
        );
        assert_eq!(
            store
                .merge("g", p, vec![post("b", "2026-11-18T10:00:00Z")], t2)
                .unwrap(),
            MergeOutcome::Updated
        );
        let stored = store.load_period("g", p).unwrap().unwrap();
        assert_eq!(stored.posts.len(), 1, "a post deleted since is gone");
        assert_eq!(stored.updated_at, t2);
        assert_eq!(store.periods("g").unwrap(), vec![p]);
    }
}
