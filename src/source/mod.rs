//! Sources: where a group's metadata and posts come from, normalized into the model.
//!
//! `snapshot` reads folders of Graph-shaped JSON, `graph` talks to the live API, `import`
//! reads exported files and `apify` reads an Apify actor's datasets. Only this module talks
//! to the network.

pub(crate) mod apify;
pub(crate) mod graph;
pub mod graph_json;
pub(crate) mod import;
pub(crate) mod progress;
pub mod snapshot;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::{GroupInfo, Post};

/// The time range a fetch asks for: `[since, until)`; `None` ends are open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

impl Window {
    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        self.since.is_none_or(|s| s <= t) && self.until.is_none_or(|u| t < u)
    }
}

/// The instants a fetch saw completely, `[start, end)`. Every source returns one; the store
/// replaces stored posts inside it with what the fetch returned and keeps those outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Span {
    /// `None` for an empty span (`end <= start`).
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Option<Span> {
        (start < end).then_some(Span { start, end })
    }

    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        self.start <= t && t < self.end
    }

    /// The part of the span inside `window` (a fetch never touches what it was not asked
    /// for, whatever a source reports), or `None` when nothing is left.
    pub fn within(self, window: Window) -> Option<Span> {
        let start = window.since.map_or(self.start, |s| s.max(self.start));
        let end = window.until.map_or(self.end, |u| u.min(self.end));
        Span::new(start, end)
    }

    /// What a source that holds a fixed set of posts (a snapshot, an export) saw: from its
    /// first post to just after its last, widened to the window's ends where the window
    /// has them. `None` when there are no posts and the window is open.
    pub fn of_posts(posts: &[Post], window: Window) -> Option<Span> {
        let first = posts.iter().map(|p| p.created_time).min();
        let last = posts.iter().map(|p| p.created_time).max();
        let after_last = last.map(|t| t + chrono::Duration::nanoseconds(1));
        let start = match (window.since, first) {
            (Some(s), Some(f)) => s.min(f),
            (s, f) => s.or(f)?,
        };
        let end = match (window.until, after_last) {
            (Some(u), Some(a)) => u.max(a),
            (u, a) => u.or(a)?,
        };
        Span::new(start, end)
    }
}

/// What a source returns for one group.
#[derive(Debug, Clone, Default)]
pub struct GroupFetch {
    pub info: GroupInfo,
    /// Posts inside the window, de-duplicated by id.
    pub posts: Vec<Post>,
    /// What this fetch saw completely; `None` when the source holds nothing.
    pub covered: Option<Span>,
    /// Things the user should know that did not stop the fetch (skipped rows, ...).
    pub warnings: Vec<String>,
}

/// Why a group's fetch failed, as `data/<slug>/group.json` records it (the full message
/// goes to the log only: it is not for the public site).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailureKind {
    /// No token, or the API refused it.
    Token,
    /// The API refused this group (a permission, a removed edge).
    Permission,
    /// The API could not be reached or did not answer.
    Network,
    /// The API answered with an error or with something unexpected.
    Api,
    /// An import's (or a snapshot's) files could not be read.
    Import,
    /// The archive could not be written or read back: a full or read-only disk, a file
    /// where a folder of `data/` should be.
    Io,
}

impl FailureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::Token => "token",
            FailureKind::Permission => "permission",
            FailureKind::Network => "network",
            FailureKind::Api => "api",
            FailureKind::Import => "import",
            FailureKind::Io => "io",
        }
    }
}

/// One group's failed fetch: what kind of failure, and the full error for the log.
#[derive(Debug)]
pub struct GroupFailure {
    pub kind: FailureKind,
    pub error: anyhow::Error,
}

impl GroupFailure {
    fn import(error: anyhow::Error) -> Self {
        GroupFailure {
            kind: FailureKind::Import,
            error,
        }
    }

    /// A live group's failure: the live source words and classifies its errors itself
    /// (`graph::FetchError`).
    fn live(error: anyhow::Error) -> Self {
        let kind = error
            .chain()
            .find_map(|e| e.downcast_ref::<graph::FetchError>().map(|f| f.kind))
            .unwrap_or(FailureKind::Api);
        GroupFailure { kind, error }
    }
}

/// Keeps one post per id: the one seen last wins, as it carries the newest counts.
pub fn dedup_posts(posts: Vec<Post>) -> Vec<Post> {
    let mut index = std::collections::HashMap::with_capacity(posts.len());
    let mut out: Vec<Post> = Vec::with_capacity(posts.len());
    for p in posts {
        match index.get(&p.id) {
            Some(&i) => out[i] = p,
            None => {
                index.insert(p.id.clone(), out.len());
                out.push(p);
            }
        }
    }
    out
}

/// Fetches every configured group, in config order. Each group succeeds or fails on its
/// own: a missing or refused token fails the live groups only, and snapshot and import
/// groups, which need no token, are still read. Apify groups have their own token.
pub fn fetch_groups(
    config: &crate::config::Config,
    requested: Option<Window>,
    now: DateTime<Utc>,
) -> Vec<Result<GroupFetch, GroupFailure>> {
    use crate::config::{GroupKind, SourceKind};
    let mut results: Vec<Option<Result<GroupFetch, GroupFailure>>> =
        config.groups.iter().map(|_| None).collect();
    let mut live = Vec::new();
    let mut apify = Vec::new();
    for (i, group) in config.groups.iter().enumerate() {
        let window = requested.unwrap_or_default();
        results[i] = match (group.kind, config.source.kind) {
            (GroupKind::Group | GroupKind::Page, SourceKind::Snapshot) => Some(
                snapshot::read_group(&config.snapshot_dir(), group, window)
                    .map_err(GroupFailure::import),
            ),
            (GroupKind::Group | GroupKind::Page, SourceKind::Graph) => {
                live.push(i);
                None
            }
            (GroupKind::Apify, _) => {
                apify.push(i);
                None
            }
            (GroupKind::Import, _) => Some(
                import::read_group(&config.root, config.clock().tz, group, window)
                    .map_err(GroupFailure::import),
            ),
        };
    }
    let default = default_live_window(config.clock(), now);
    let window = requested.unwrap_or(default);
    let since = window.since.or(default.since).unwrap_or(now);
    let until = window.until.unwrap_or(now);
    if !apify.is_empty() {
        let groups: Vec<_> = apify.iter().map(|&i| &config.groups[i]).collect();
        for (i, result) in apify
            .into_iter()
            .zip(apify::fetch(config, &groups, since, until))
        {
            results[i] = Some(result);
        }
    }
    if !live.is_empty() {
        let groups: Vec<_> = live.iter().map(|&i| &config.groups[i]).collect();
        let fetched = graph::fetch(config, &groups, since, until, now);
        for (i, result) in live.into_iter().zip(fetched) {
            results[i] = Some(result.map_err(GroupFailure::live));
        }
    }
    results
        .into_iter()
        .map(|r| r.expect("every group dispatched"))
        .collect()
}

/// The live API's default window: the previous and the current period, up to now.
pub fn default_live_window(clock: crate::config::Clock, now: DateTime<Utc>) -> Window {
    let current = crate::period::Period::containing(clock, now);
    Window {
        since: Some(current.prev().start(clock)),
        until: Some(now),
    }
}
