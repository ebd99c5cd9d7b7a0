//! The archive in `data/`: one pretty JSON file per group and period, plus the group's
//! metadata and run status. It is what members browse for years, so every rule about what
//! a fetch may change lives here, in `Store::apply`: only the span a fetch covered (and was
//! asked for) is replaced, posts outside it are kept, and an empty fetch never empties a
//! period. Writes are atomic and durable (`fsutil::write_atomic`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::config::Clock;
use crate::fsutil::{write_atomic, write_if_changed};
use crate::model::{GroupInfo, Post};
use crate::period::Period;
use crate::privacy::PostFilter;
use crate::seal::Seal;
use crate::source::graph_json::from_json;
use crate::source::{FailureKind, Span, Window};

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

/// `data/<slug>/group.json`: the group's metadata and its run status, so that `render` is
/// a function of `data/` (a group whose fetch failed keeps its notice on every render until
/// a fetch succeeds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredGroup {
    pub info: GroupInfo,
    /// When a fetch last succeeded. Moved when that fetch changed the archive or cleared a
    /// failure, and by an unchanged one on a later (UTC) day than it says: the "not updated
    /// since" date is right to the day, and a quiet group changes `data/` once a day at most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_success: Option<DateTime<Utc>>,
    /// The last failure, until a fetch succeeds again. Its kind only: the message (which
    /// may carry the API's words) goes to the log, not to the public repo or site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_failure: Option<Failure>,
    /// Post id → when the fetch last tried to keep its picture and failed. A failed picture
    /// is tried again a day later, not on every run, so a failing one changes this file at
    /// most once a day (`media::Pictures::keep`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub picture_failures: BTreeMap<String, DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub at: DateTime<Utc>,
    pub kind: FailureKind,
}

impl StoredGroup {
    pub fn new(info: GroupInfo) -> Self {
        StoredGroup {
            info,
            last_success: None,
            last_failure: None,
            picture_failures: BTreeMap::new(),
        }
    }
}

/// What happened to one period in `Store::apply`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeOutcome {
    Created,
    Updated,
    Unchanged,
    /// The fetch returned nothing for the covered part of a period that has stored posts
    /// there: kept, with a warning.
    KeptOnEmptyFetch,
}

/// What `Store::apply` did to one group's archive.
#[derive(Debug, Default)]
pub struct ApplyReport {
    /// Periods created or updated.
    pub changed: usize,
    /// Periods kept because the fetch came back empty for them.
    pub kept_on_empty: Vec<Period>,
    /// Stored posts kept because they lie outside the span the fetch covered (an export
    /// that starts or ends mid-week), and that span.
    pub kept_outside: usize,
    pub covered: Option<Span>,
    /// Fetched posts the privacy filter left out (never stored).
    pub dropped: usize,
    /// Stored posts the privacy filter now drops, removed from the archive.
    pub removed: usize,
    /// Stored posts inside the covered span that the fetch no longer returned (deleted on
    /// Facebook, or left out of a narrower export), removed, by period.
    pub gone: Vec<(Period, usize)>,
}

/// The archive of one site.
pub struct Store {
    root: PathBuf,
    clock: Clock,
    /// The posts members keep out (`[privacy]`, `data/forgotten.json`): never stored by
    /// `apply`, never returned by `load_period`. Empty unless `with_filter` sets it.
    filter: PostFilter,
    /// Which groups' week files are age-encrypted, and the keys (`seal`). Seals nothing
    /// unless `with_seal` sets it; a sealed file is read whatever it says.
    seal: std::sync::Arc<Seal>,
}

impl Store {
    pub fn new(root: PathBuf, clock: Clock) -> Self {
        Self {
            root,
            clock,
            filter: PostFilter::default(),
            seal: Default::default(),
        }
    }

    /// This store, sealing and opening week files as `seal` says.
    pub fn with_seal(mut self, seal: std::sync::Arc<Seal>) -> Self {
        self.seal = seal;
        self
    }

    /// The store's sealing policy and keys.
    pub fn seal(&self) -> &Seal {
        &self.seal
    }

    /// This store, leaving out the posts `filter` drops (see `privacy::PostFilter`).
    pub fn with_filter(mut self, filter: PostFilter) -> Self {
        self.filter = filter;
        self
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    pub fn group_dir(&self, slug: &str) -> PathBuf {
        self.root.join(slug)
    }

    /// `data/<slug>/media/`: the group's kept pictures.
    pub fn media_dir(&self, slug: &str) -> PathBuf {
        self.group_dir(slug).join("media")
    }

    fn period_path(&self, slug: &str, period: Period) -> PathBuf {
        self.group_dir(slug).join(format!("{}.json", period.key()))
    }

    /// `data/<slug>/<key>.json.age`: the week file of a sealed group.
    fn sealed_path(&self, slug: &str, period: Period) -> PathBuf {
        self.group_dir(slug)
            .join(format!("{}.json{}", period.key(), crate::seal::SUFFIX))
    }

    /// The path of a stored period's file, sealed or not (`data/g/2026-11-16.json`,
    /// `data/g/2026-11-16.json.age`), as a message shows it; the clear one when there is none.
    pub fn period_file(&self, slug: &str, period: Period) -> PathBuf {
        let sealed = self.sealed_path(slug, period);
        if sealed.exists() {
            sealed
        } else {
            self.period_path(slug, period)
        }
    }

    /// The plain text of a stored period and whether its file is sealed; `None` when
    /// there is none. A sealed file is preferred: a run killed between writing it and
    /// removing the clear one leaves both.
    fn read_period_text(&self, slug: &str, period: Period) -> Result<Option<(Vec<u8>, bool)>> {
        let sealed = self.sealed_path(slug, period);
        match std::fs::read(&sealed) {
            Ok(bytes) => return Ok(Some((self.seal.decrypt(&sealed, &bytes)?, true))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", sealed.display())),
        }
        let path = self.period_path(slug, period);
        match std::fs::read(&path) {
            Ok(bytes) => Ok(Some((bytes, false))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("cannot read `{}`", path.display())),
        }
    }

    /// A stored period as written, unfiltered, and whether its file is sealed.
    fn read_period(&self, slug: &str, period: Period) -> Result<Option<(StoredPeriod, bool)>> {
        let Some((bytes, sealed)) = self.read_period_text(slug, period)? else {
            return Ok(None);
        };
        let path = if sealed {
            self.sealed_path(slug, period)
        } else {
            self.period_path(slug, period)
        };
        Ok(Some((parse_archive(&path, &bytes)?, sealed)))
    }

    /// Writes a period's file, sealed (`<key>.json.age`, the clear file removed) or not
    /// (`<key>.json`, a sealed one removed). With `if_changed`, a file whose plain text is
    /// already `stored` is left untouched (a sealed file's bytes differ on every write).
    /// Returns whether it wrote.
    fn write_period(
        &self,
        slug: &str,
        period: Period,
        stored: &StoredPeriod,
        sealed: bool,
        if_changed: bool,
    ) -> Result<bool> {
        let bytes = to_pretty(stored)?;
        let (path, other) = if sealed {
            (
                self.sealed_path(slug, period),
                self.period_path(slug, period),
            )
        } else {
            (
                self.period_path(slug, period),
                self.sealed_path(slug, period),
            )
        };
        let same = if_changed
            && matches!(self.read_period_text(slug, period)?, Some((old, s)) if s == sealed && old == bytes);
        if !same {
            let bytes = if sealed {
                self.seal.encrypt(&bytes)?
            } else {
                bytes
            };
            write_atomic(&path, &bytes)?;
        }
        remove_if_exists(&other)?;
        Ok(!same)
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
            let name = name.to_str().unwrap_or("");
            let name = name.strip_suffix(crate::seal::SUFFIX).unwrap_or(name);
            let Some(key) = name.strip_suffix(".json") else {
                continue;
            };
            if let Some(p) = Period::from_key(self.clock, key) {
                out.push(p);
            }
        }
        out.sort();
        // A sealed file and its clear one (a killed run) are one period.
        out.dedup();
        Ok(out)
    }

    /// Reads a stored period. `data/` is committed to a repo and can be edited by hand, so
    /// links are checked again here, where everything that renders gets its posts: a
    /// non-http(s) permalink, picture or shared link never reaches a page or a bot.
    pub fn load_period(&self, slug: &str, period: Period) -> Result<Option<StoredPeriod>> {
        let mut stored = self.read_period(slug, period)?.map(|(s, _)| s);
        for post in stored.iter_mut().flat_map(|s| s.posts.iter_mut()) {
            keep_http_url(&mut post.permalink_url);
            keep_http_url(&mut post.picture);
            if let Some(link) = &mut post.link {
                let mut url = Some(std::mem::take(&mut link.url));
                keep_http_url(&mut url);
                match url {
                    Some(url) => link.url = url,
                    None => post.link = None,
                }
            }
            // A copy's names are joined to `media/`: never a path out of it.
            if post
                .image
                .as_ref()
                .is_some_and(|i| !i.files().all(crate::media::is_media_file_name))
            {
                post.image = None;
            }
        }
        // A post left out since it was stored is not shown even before a fetch removes it.
        if let Some(s) = stored.as_mut() {
            s.posts.retain(|p| self.filter.drops(slug, p).is_none());
        }
        Ok(stored)
    }

    /// Records pictures kept for posts of a stored period (post id → copy). The file is
    /// rewritten, with `updated_at` moved to `now`, only when a post's copy changed, so a
    /// fetch that kept nothing new leaves `data/` byte-identical. Returns whether it was.
    pub fn set_images(
        &self,
        slug: &str,
        period: Period,
        images: &std::collections::HashMap<String, crate::model::Image>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        self.update_images(
            slug,
            period,
            |id| images.get(id).cloned().map(Some),
            Some(now),
        )
    }

    /// Replaces or drops the pictures of a stored period's posts (post id → copy, `None`
    /// to drop it). `updated_at` stays: `media::lean` changes only copies no page shows,
    /// or re-encodes the same picture. Returns whether the file was rewritten.
    pub fn replace_images(
        &self,
        slug: &str,
        period: Period,
        images: &std::collections::HashMap<String, Option<crate::model::Image>>,
    ) -> Result<bool> {
        self.update_images(slug, period, |id| images.get(id).cloned(), None)
    }

    /// Gives each post of a stored period the copy `image_of` says (`None`: leave it,
    /// `Some(None)`: drop it) and rewrites the file only when one changed, moving
    /// `updated_at` to `now` when given.
    fn update_images(
        &self,
        slug: &str,
        period: Period,
        image_of: impl Fn(&str) -> Option<Option<crate::model::Image>>,
        now: Option<DateTime<Utc>>,
    ) -> Result<bool> {
        let Some(mut stored) = self.load_period(slug, period)? else {
            return Ok(false);
        };
        let sealed = self.sealed_path(slug, period).exists();
        let mut changed = false;
        for post in &mut stored.posts {
            if let Some(image) = image_of(&post.id) {
                if post.image != image {
                    post.image = image;
                    changed = true;
                }
            }
        }
        if changed {
            if let Some(now) = now {
                stored.updated_at = now;
            }
            self.write_period(slug, period, &stored, sealed, false)?;
        }
        Ok(changed)
    }

    pub fn load_group(&self, slug: &str) -> Result<Option<StoredGroup>> {
        read_optional(&self.group_dir(slug).join("group.json"))
    }

    pub fn save_group(&self, slug: &str, group: &StoredGroup) -> Result<bool> {
        write_if_changed(&self.group_dir(slug).join("group.json"), &to_pretty(group)?)
    }

    /// Records a failed fetch of `slug` in its `group.json`, keeping everything else there
    /// (and creating the file for a group that never succeeded, so its pages say so).
    pub fn record_failure(
        &self,
        slug: &str,
        id: &str,
        kind: FailureKind,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut group = self.load_group(slug)?.unwrap_or_else(|| {
            StoredGroup::new(GroupInfo {
                id: id.to_string(),
                ..Default::default()
            })
        });
        // The same failure again changes nothing: `at` is when it started, so a Page that
        // keeps failing commits nothing (and overlapping runs have nothing to conflict on).
        if group.last_failure.is_none_or(|f| f.kind != kind) {
            group.last_failure = Some(Failure { at: now, kind });
        }
        self.save_group(slug, &group)?;
        Ok(())
    }

    /// Applies one group's successful fetch by the archive rules:
    /// - only the span the fetch covered, cut to the window it was asked for, is touched;
    /// - inside it, a period's stored posts are replaced by the fetched ones (fresh counts,
    ///   deleted posts gone); outside it, they are kept;
    /// - a fetch that returned nothing for a period's covered part never erases the posts
    ///   stored there;
    /// - a period whose posts did not change is not rewritten.
    ///
    /// Then `group.json` gets the fetched metadata, the failure cleared.
    ///
    /// Posts the filter drops (`[privacy]`, `data/forgotten.json`) are never stored, and
    /// stored ones it drops now are removed from every period (`purge`).
    pub fn apply(
        &self,
        slug: &str,
        info: GroupInfo,
        posts: Vec<Post>,
        covered: Option<Span>,
        requested: Option<Window>,
        now: DateTime<Utc>,
    ) -> Result<ApplyReport> {
        let mut report = ApplyReport::default();
        // Before anything is written: a private group of a public repository with no key
        // fails here, its archive untouched.
        let sealed = self.seal.sealed(slug, &info)?;
        let fetched = posts.len();
        let posts: Vec<Post> = posts
            .into_iter()
            .filter(|p| self.filter.drops(slug, p).is_none())
            .collect();
        report.dropped = fetched - posts.len();
        let span = covered.and_then(|c| c.within(requested.unwrap_or_default()));
        // Written now, from filtered posts: `purge` need not read them again (a sealed
        // group's first fetch needs no identity).
        let mut written = std::collections::HashSet::new();
        if let Some(span) = span {
            report.covered = Some(span);
            let mut by = by_period(
                self.clock,
                posts.into_iter().filter(|p| span.contains(p.created_time)),
            );
            for period in periods_in(self.clock, span) {
                let fresh = by.remove(&period).unwrap_or_default();
                let (outcome, kept, gone) =
                    self.merge_period(slug, period, span, fresh, now, sealed)?;
                report.kept_outside += kept;
                if gone > 0 {
                    report.gone.push((period, gone));
                }
                match outcome {
                    MergeOutcome::Created | MergeOutcome::Updated => {
                        report.changed += 1;
                        written.insert(period);
                    }
                    MergeOutcome::Unchanged => {}
                    MergeOutcome::KeptOnEmptyFetch => report.kept_on_empty.push(period),
                }
            }
        }
        report.removed = self.purge(slug, sealed, &written)?;
        let old = self.load_group(slug)?;
        let moved = report.changed > 0
            || old.as_ref().is_none_or(|g| {
                g.last_failure.is_some()
                    || g.last_success
                        .is_none_or(|t| t.date_naive() < now.date_naive())
            });
        let last_success = match &old {
            Some(g) if !moved => g.last_success,
            _ => Some(now),
        };
        let group = StoredGroup {
            info,
            last_success,
            last_failure: None,
            picture_failures: old.map(|g| g.picture_failures).unwrap_or_default(),
        };
        self.save_group(slug, &group)
            .with_context(|| format!("cannot save `{slug}` metadata"))?;
        Ok(report)
    }

    /// Removes from every stored period of `slug` the posts the filter drops, and rewrites a
    /// file an older version wrote with authors in it, or in the clear for a `sealed` group
    /// (sealed then). A file whose raw text cannot hold such a post is not parsed. Returns
    /// how many posts were removed.
    fn purge(
        &self,
        slug: &str,
        sealed: bool,
        written: &std::collections::HashSet<Period>,
    ) -> Result<usize> {
        let mut removed = 0;
        for period in self.periods(slug)? {
            if written.contains(&period) {
                continue;
            }
            let Some((raw, was_sealed)) = self.read_period_text(slug, period)? else {
                continue;
            };
            let raw = String::from_utf8_lossy(&raw);
            if raw.contains("\"author\":") || self.filter.may_drop_in(slug, &raw) {
                removed += self
                    .remove_posts_as(
                        slug,
                        period,
                        |p| self.filter.drops(slug, p).is_some(),
                        sealed,
                    )?
                    .len();
            } else if sealed && !was_sealed {
                let path = self.period_path(slug, period);
                let stored: StoredPeriod = parse_archive(&path, raw.as_bytes())?;
                self.write_period(slug, period, &stored, true, false)?;
            }
        }
        Ok(removed)
    }

    /// Removes the posts `gone` picks from a stored period, as if they had never been
    /// there: the file is rewritten without them (or deleted when none is left) and keeps
    /// its `updated_at`. Returns the removed posts.
    /// A sealed file stays sealed.
    pub fn remove_posts(
        &self,
        slug: &str,
        period: Period,
        gone: impl Fn(&Post) -> bool,
    ) -> Result<Vec<Post>> {
        let sealed = self.sealed_path(slug, period).exists();
        self.remove_posts_as(slug, period, gone, sealed)
    }

    /// `remove_posts`, writing what is left sealed or not.
    fn remove_posts_as(
        &self,
        slug: &str,
        period: Period,
        gone: impl Fn(&Post) -> bool,
        sealed: bool,
    ) -> Result<Vec<Post>> {
        let Some((mut stored, _)) = self.read_period(slug, period)? else {
            return Ok(Vec::new());
        };
        let (removed, kept): (Vec<Post>, Vec<Post>) = stored.posts.into_iter().partition(&gone);
        if kept.is_empty() {
            remove_if_exists(&self.period_path(slug, period))?;
            remove_if_exists(&self.sealed_path(slug, period))?;
        } else {
            stored.posts = kept;
            // Also rewrites a file that only differs by keys this version no longer writes.
            self.write_period(slug, period, &stored, sealed, true)?;
        }
        // A removed post leaves no trace in `group.json` either.
        if let Some(mut group) = self.load_group(slug)?.filter(|g| {
            removed
                .iter()
                .any(|p| g.picture_failures.contains_key(&p.id))
        }) {
            for p in &removed {
                group.picture_failures.remove(&p.id);
            }
            self.save_group(slug, &group)?;
        }
        Ok(removed)
    }

    /// One period of `apply`: returns what happened, how many stored posts outside `span`
    /// were kept, and how many inside it the fetch no longer has (removed).
    fn merge_period(
        &self,
        slug: &str,
        period: Period,
        span: Span,
        fresh: Vec<Post>,
        now: DateTime<Utc>,
        sealed: bool,
    ) -> Result<(MergeOutcome, usize, usize)> {
        let old = self.load_period(slug, period)?;
        let (outside, inside): (Vec<Post>, Vec<Post>) = old
            .as_ref()
            .map(|o| o.posts.clone())
            .unwrap_or_default()
            .into_iter()
            .partition(|p| !span.contains(p.created_time));
        if fresh.is_empty() && !inside.is_empty() {
            return Ok((MergeOutcome::KeptOnEmptyFetch, 0, 0));
        }
        let kept = outside.len();
        let fresh_ids: std::collections::HashSet<&str> =
            fresh.iter().map(|p| p.id.as_str()).collect();
        let gone = inside
            .iter()
            .filter(|p| !fresh_ids.contains(p.id.as_str()))
            .count();
        drop(fresh_ids);
        let mut posts = fresh;
        // A picture kept in the archive stays with its post: sources never send the copy,
        // and a later fetch (whose picture URL may have expired) must not lose it.
        let images: std::collections::HashMap<&str, &crate::model::Image> = inside
            .iter()
            .filter_map(|p| Some((p.id.as_str(), p.image.as_ref()?)))
            .collect();
        for post in posts.iter_mut().filter(|p| p.image.is_none()) {
            post.image = images.get(post.id.as_str()).map(|i| (*i).clone());
        }
        // A post can only be outside the span if its time changed; the fetched copy wins.
        let ids: std::collections::HashSet<&str> = posts.iter().map(|p| p.id.as_str()).collect();
        let outside: Vec<Post> = outside
            .into_iter()
            .filter(|p| !ids.contains(p.id.as_str()))
            .collect();
        posts.extend(outside);
        sort_posts(&mut posts);
        let outcome = match &old {
            None => MergeOutcome::Created,
            Some(old) if old.posts == posts => return Ok((MergeOutcome::Unchanged, kept, 0)),
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
        self.write_period(slug, period, &stored, sealed, false)?;
        Ok((outcome, kept, gone))
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
pub fn by_period(
    clock: Clock,
    posts: impl IntoIterator<Item = Post>,
) -> BTreeMap<Period, Vec<Post>> {
    let mut map: BTreeMap<Period, Vec<Post>> = BTreeMap::new();
    for p in posts {
        map.entry(Period::containing(clock, p.created_time))
            .or_default()
            .push(p);
    }
    map
}

/// Every period overlapping `span`, oldest first.
pub fn periods_in(clock: Clock, span: Span) -> Vec<Period> {
    let mut out = Vec::new();
    let mut p = Period::containing(clock, span.start);
    while p.start(clock) < span.end {
        out.push(p);
        p = p.next();
    }
    out
}

/// `value` as the archive writes its files: pretty JSON ending in a newline.
pub(crate) fn to_pretty<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Drops a link that is not absolute http(s), and trims and percent-encodes one that needs
/// it (`crate::model::checked_http_url`); a good link (the usual case) is kept without a copy.
fn keep_http_url(url: &mut Option<String>) {
    let Some(u) = url.as_deref() else { return };
    match crate::model::checked_http_url(u) {
        Some(Cow::Borrowed(checked)) if checked.len() == u.len() => {}
        checked => *url = checked.map(Cow::into_owned),
    }
}

/// The archive file at `path`, or `None` when there is none; a damaged one is an error
/// naming the file and the JSON path.
pub(crate) fn read_optional<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Option<T>> {
    match std::fs::read(path) {
        Ok(bytes) => parse_archive(path, &bytes).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read `{}`", path.display())),
    }
}

/// The archive file `path`'s (plain) `bytes` parsed; a damaged one is an error naming the
/// file and the JSON path.
fn parse_archive<T: serde::de::DeserializeOwned>(path: &Path, bytes: &[u8]) -> Result<T> {
    let damaged = || format!("archive file `{}` is damaged", path.display());
    let text = std::str::from_utf8(bytes).with_context(damaged)?;
    // The plain parser is the fast path; on failure, parse again to name the JSON path.
    match serde_json::from_str(text) {
        Ok(v) => Ok(v),
        Err(_) => from_json(text).with_context(damaged),
    }
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("cannot remove `{}`", path.display())),
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
            link: None,
            image: None,
        }
    }

    fn week() -> Period {
        Period::from_key(clock(), "2026-11-16").unwrap()
    }

    /// A fetch that saw the whole week of 16 Nov.
    fn whole_week() -> Option<Span> {
        Span::new(week().start(clock()), week().end(clock()))
    }

    fn apply(store: &Store, posts: Vec<Post>, covered: Option<Span>, now: &str) -> ApplyReport {
        let info = GroupInfo {
            id: "1".into(),
            ..Default::default()
        };
        store
            .apply("g", info, posts, covered, None, now.parse().unwrap())
            .unwrap()
    }

    fn stored_ids(store: &Store) -> Vec<String> {
        let stored = store.load_period("g", week()).unwrap().unwrap();
        stored.posts.into_iter().map(|p| p.id).collect()
    }

    #[test]
    fn a_removed_post_takes_its_picture_failure_out_of_group_json() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().into(), clock());
        let now = "2026-11-25T00:00:00Z";
        let posts = vec![
            post("a", "2026-11-17T10:00:00Z"),
            post("b", "2026-11-18T10:00:00Z"),
        ];
        apply(&store, posts.clone(), whole_week(), now);
        let mut group = store.load_group("g").unwrap().unwrap();
        for id in ["a", "b"] {
            group
                .picture_failures
                .insert(id.into(), now.parse().unwrap());
        }
        store.save_group("g", &group).unwrap();
        apply(&store, posts, whole_week(), now);
        assert_eq!(
            store
                .load_group("g")
                .unwrap()
                .unwrap()
                .picture_failures
                .len(),
            2,
            "a fetch keeps them"
        );
        store.remove_posts("g", week(), |p| p.id == "a").unwrap();
        let left: Vec<String> = store
            .load_group("g")
            .unwrap()
            .unwrap()
            .picture_failures
            .into_keys()
            .collect();
        assert_eq!(left, ["b"]);
    }

    #[test]
    fn keeps_stored_week_when_feed_comes_back_empty() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().into(), clock());
        let posts = vec![post("a", "2026-11-17T10:00:00Z")];
        let now = "2026-11-25T00:00:00Z";
        assert_eq!(apply(&store, posts.clone(), whole_week(), now).changed, 1);
        let report = apply(&store, vec![], whole_week(), now);
        assert_eq!((report.changed, report.kept_on_empty), (0, vec![week()]));
        assert_eq!(
            store.load_period("g", week()).unwrap().unwrap().posts,
            posts
        );
    }

    #[test]
    fn refetch_replaces_posts_and_unchanged_fetch_rewrites_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().into(), clock());
        let (a, b) = (
            post("a", "2026-11-17T10:00:00Z"),
            post("b", "2026-11-18T10:00:00Z"),
        );
        apply(
            &store,
            vec![a.clone(), b.clone()],
            whole_week(),
            "2026-11-20T00:00:00Z",
        );
        let path = dir.path().join("g/2026-11-16.json");
        let before = std::fs::read(&path).unwrap();
        let group_before = std::fs::read(dir.path().join("g/group.json")).unwrap();
        let t2 = "2026-11-25T00:00:00Z";
        let same_day = "2026-11-20T12:00:00Z";
        let report = apply(&store, vec![b.clone(), a], whole_week(), same_day);
        assert_eq!(report.changed, 0);
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "same posts: byte-identical"
        );
        assert_eq!(
            std::fs::read(dir.path().join("g/group.json")).unwrap(),
            group_before,
            "a fetch that changed nothing does not move last_success"
        );
        let group = store.load_group("g").unwrap().unwrap();
        assert_eq!(
            group.last_success,
            Some("2026-11-20T00:00:00Z".parse().unwrap())
        );
        assert_eq!(apply(&store, vec![b], whole_week(), t2).changed, 1);
        let stored = store.load_period("g", week()).unwrap().unwrap();
        assert_eq!(stored.posts.len(), 1, "a post deleted since is gone");
        assert_eq!(stored.updated_at, t2.parse::<DateTime<Utc>>().unwrap());
        assert_eq!(store.periods("g").unwrap(), vec![week()]);
        let group = store.load_group("g").unwrap().unwrap();
        assert_eq!(group.last_success, Some(t2.parse().unwrap()));
    }

    #[test]
    fn a_partial_export_replaces_stored_posts_only_inside_the_span_it_covers() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().into(), clock());
        let mut top = post("top", "2026-11-16T09:00:00Z");
        top.comments = 42;
        let mid = post("mid", "2026-11-18T09:00:00Z");
        let late = post("late", "2026-11-21T09:00:00Z");
        apply(
            &store,
            vec![top, mid, late.clone()],
            whole_week(),
            "2026-11-23T00:00:00Z",
        );
        // An export that starts on Wednesday noon: it holds `late` (fresh counts) and a new
        // post, and no longer `mid`, which was deleted.
        let mut fresh = late;
        fresh.comments = 7;
        let new = post("new", "2026-11-19T09:00:00Z");
        let covered = Span::new(
            "2026-11-18T12:00:00Z".parse().unwrap(),
            "2026-11-21T09:00:01Z".parse().unwrap(),
        );
        let report = apply(&store, vec![fresh, new], covered, "2026-11-24T00:00:00Z");
        assert_eq!((report.changed, report.kept_outside), (1, 2));
        assert_eq!(stored_ids(&store), ["late", "new", "mid", "top"]);
        let posts = store.load_period("g", week()).unwrap().unwrap().posts;
        assert_eq!(posts[0].comments, 7, "inside the span: the fetched copy");
        assert_eq!(posts[3].comments, 42, "before the span: kept as stored");
    }

    #[test]
    fn a_refetched_post_keeps_its_archived_picture() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().into(), clock());
        let mut a = post("a", "2026-11-17T10:00:00Z");
        a.image = Some(crate::model::Image::single("a.jpg".into(), 640, 480));
        apply(
            &store,
            vec![a.clone()],
            whole_week(),
            "2026-11-20T00:00:00Z",
        );
        let mut fresh = a.clone();
        fresh.image = None;
        fresh.comments = 5;
        apply(&store, vec![fresh], whole_week(), "2026-11-21T00:00:00Z");
        let stored = &store.load_period("g", week()).unwrap().unwrap().posts[0];
        assert_eq!((stored.comments, &stored.image), (5, &a.image));
    }

    #[test]
    fn a_hand_edited_shared_link_that_is_not_http_never_reaches_a_page() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().into(), clock());
        let mut a = post("a", "2026-11-17T10:00:00Z");
        a.link = crate::model::Link::shared("https://example.org/a", Some("A"));
        let mut b = post("b", "2026-11-17T11:00:00Z");
        b.link = crate::model::Link::shared("https://example.org/b", Some("B"));
        apply(&store, vec![a, b], whole_week(), "2026-11-20T00:00:00Z");
        let path = dir.path().join("g/2026-11-16.json");
        let edited = std::fs::read_to_string(&path)
            .unwrap()
            .replace("https://example.org/a", "javascript:alert(1)");
        std::fs::write(&path, edited).unwrap();
        let posts = store.load_period("g", week()).unwrap().unwrap().posts;
        let links: Vec<_> = posts
            .iter()
            .map(|p| p.link.as_ref().map(|l| l.url.as_str()))
            .collect();
        assert_eq!(links, [Some("https://example.org/b"), None]);
    }

    #[test]
    fn kept_pictures_are_recorded_once_and_an_unsafe_file_name_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().into(), clock());
        let t1 = "2026-11-20T00:00:00Z";
        apply(
            &store,
            vec![post("a", "2026-11-17T10:00:00Z")],
            whole_week(),
            t1,
        );
        let image = crate::model::Image::single("a.jpg".into(), 640, 360);
        let images = std::collections::HashMap::from([("a".to_string(), image.clone())]);
        let t2: DateTime<Utc> = "2026-11-21T00:00:00Z".parse().unwrap();
        assert!(store.set_images("g", week(), &images, t2).unwrap());
        let stored = store.load_period("g", week()).unwrap().unwrap();
        assert_eq!(
            (stored.updated_at, &stored.posts[0].image),
            (t2, &Some(image))
        );
        let path = dir.path().join("g/2026-11-16.json");
        let before = std::fs::read(&path).unwrap();
        let t3 = "2026-11-22T00:00:00Z".parse().unwrap();
        assert!(!store.set_images("g", week(), &images, t3).unwrap());
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "nothing new: untouched"
        );
        // A hand edit that points out of `media/` never reaches a page.
        let edited = String::from_utf8(before)
            .unwrap()
            .replace("a.jpg", "../../etc/x.jpg");
        std::fs::write(&path, edited).unwrap();
        let stored = store.load_period("g", week()).unwrap().unwrap();
        assert_eq!(stored.posts[0].image, None);
    }

    #[test]
    fn a_fetch_never_touches_what_it_was_not_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().into(), clock());
        apply(
            &store,
            vec![post("a", "2026-11-17T10:00:00Z")],
            whole_week(),
            "2026-11-20T00:00:00Z",
        );
        let requested = Window {
            since: Some("2026-11-23T00:00:00Z".parse().unwrap()),
            until: None,
        };
        // A source that reports more than it was asked for.
        let report = store
            .apply(
                "g",
                GroupInfo::default(),
                vec![post("b", "2026-11-18T10:00:00Z")],
                whole_week(),
                Some(requested),
                "2026-11-25T00:00:00Z".parse().unwrap(),
            )
            .unwrap();
        assert_eq!((report.changed, report.covered), (0, None));
        assert_eq!(stored_ids(&store), ["a"]);
    }

    #[test]
    fn a_failure_is_recorded_until_a_fetch_succeeds() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().into(), clock());
        let t1 = "2026-11-20T00:00:00Z";
        apply(
            &store,
            vec![post("a", "2026-11-17T10:00:00Z")],
            whole_week(),
            t1,
        );
        let t2: DateTime<Utc> = "2026-11-27T00:00:00Z".parse().unwrap();
        store
            .record_failure("g", "1", FailureKind::Network, t2)
            .unwrap();
        let group = store.load_group("g").unwrap().unwrap();
        assert_eq!(group.last_success, Some(t1.parse().unwrap()));
        assert_eq!(
            group.last_failure,
            Some(Failure {
                at: t2,
                kind: FailureKind::Network
            })
        );
        // A later fetch that changes nothing still clears the failure.
        let t3 = "2026-11-28T00:00:00Z";
        apply(
            &store,
            vec![post("a", "2026-11-17T10:00:00Z")],
            whole_week(),
            t3,
        );
        let group = store.load_group("g").unwrap().unwrap();
        assert_eq!(group.last_failure, None);
        assert_eq!(group.last_success, Some(t3.parse().unwrap()));
    }

    #[test]
    fn an_unchanged_fetch_on_a_later_day_moves_last_success_once_that_day() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().into(), clock());
        let a = || vec![post("a", "2026-11-17T10:00:00Z")];
        apply(&store, a(), whole_week(), "2026-11-20T08:00:00Z");
        apply(&store, a(), whole_week(), "2026-11-21T08:00:00Z");
        let group = store.load_group("g").unwrap().unwrap();
        assert_eq!(
            group.last_success,
            Some("2026-11-21T08:00:00Z".parse().unwrap())
        );
        let before = std::fs::read(dir.path().join("g/group.json")).unwrap();
        apply(&store, a(), whole_week(), "2026-11-21T20:00:00Z");
        assert_eq!(
            std::fs::read(dir.path().join("g/group.json")).unwrap(),
            before
        );
    }

    #[test]
    fn the_same_failure_again_changes_nothing_and_another_kind_is_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().into(), clock());
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        store
            .record_failure(
                "g",
                "1",
                FailureKind::Permission,
                at("2026-11-20T00:00:00Z"),
            )
            .unwrap();
        let path = dir.path().join("g/group.json");
        let before = std::fs::read(&path).unwrap();
        store
            .record_failure(
                "g",
                "1",
                FailureKind::Permission,
                at("2026-11-21T00:00:00Z"),
            )
            .unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "same failure: untouched"
        );
        store
            .record_failure("g", "1", FailureKind::Token, at("2026-11-22T00:00:00Z"))
            .unwrap();
        let failure = store
            .load_group("g")
            .unwrap()
            .unwrap()
            .last_failure
            .unwrap();
        assert_eq!(
            (failure.kind, failure.at),
            (FailureKind::Token, at("2026-11-22T00:00:00Z"))
        );
    }

    #[test]
    fn a_group_that_never_succeeded_gets_a_group_file_with_its_failure() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().into(), clock());
        let t = "2026-11-27T00:00:00Z".parse().unwrap();
        store
            .record_failure("g", "123", FailureKind::Token, t)
            .unwrap();
        let group = store.load_group("g").unwrap().unwrap();
        assert_eq!(group.info.id, "123");
        assert_eq!(group.last_success, None);
        assert_eq!(group.last_failure.unwrap().kind, FailureKind::Token);
    }

    #[test]
    fn posts_the_privacy_filter_drops_are_never_stored_and_purged_from_every_week() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().into(), clock());
        let old = Period::from_key(clock(), "2026-11-09").unwrap();
        let old_span = Span::new(old.start(clock()), old.end(clock()));
        let info = GroupInfo::default;
        let t = "2026-11-20T00:00:00Z".parse().unwrap();
        let (a, b) = (
            post("a", "2026-11-10T10:00:00Z"),
            post("b", "2026-11-11T10:00:00Z"),
        );
        store
            .apply("g", info(), vec![a, b], old_span, None, t)
            .unwrap();
        let privacy = crate::config::PrivacyConfig {
            opt_out_tags: vec!["#nodigest".into()],
            exclude: vec!["a".into()],
            ..Default::default()
        };
        let store = Store::new(dir.path().into(), clock())
            .with_filter(PostFilter::new(&privacy, &Default::default()));
        let mut opted = post("c", "2026-11-17T10:00:00Z");
        opted.message = Some("Not for the digest #NoDigest".into());
        let kept = post("d", "2026-11-18T10:00:00Z");
        // A fetch of the week of 16 Nov only: the exclusion still reaches the week of 9 Nov.
        let report = store
            .apply("g", info(), vec![opted, kept], whole_week(), None, t)
            .unwrap();
        assert_eq!((report.dropped, report.removed), (1, 1));
        assert_eq!(stored_ids(&store), ["d"]);
        let old_ids: Vec<String> = store
            .load_period("g", old)
            .unwrap()
            .unwrap()
            .posts
            .into_iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(old_ids, ["b"]);
        let raw = std::fs::read_to_string(dir.path().join("g/2026-11-09.json")).unwrap();
        assert!(!raw.contains("\"a\""), "{raw}");
    }
}
