//! Sources: where a group's metadata and posts come from, normalized into the model.
//!
//! `snapshot` reads folders of Graph-shaped JSON, `graph` talks to the live API, and
//! `import` reads exported files. Only this module talks to the network.

pub(crate) mod graph;
pub mod graph_json;
pub(crate) mod import;
pub mod snapshot;

use chrono::{DateTime, Utc};

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

/// What a source returns for one group.
#[derive(Debug, Clone, Default)]
pub struct GroupFetch {
    pub info: GroupInfo,
    /// Posts inside the window, de-duplicated by id.
    pub posts: Vec<Post>,
    /// The span of time this fetch saw completely: every period inside it is replaced in the
    /// store (subject to the archive rules). `None` when the source holds nothing.
    pub covered: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// Things the user should know that did not stop the fetch (skipped rows, ...).
    pub warnings: Vec<String>,
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

/// Fetches every configured group, in config order. The outer `Err` stops the run (e.g. an
/// invalid token); an inner `Err` fails only that group.
pub fn fetch_groups(
    config: &crate::config::Config,
    requested: Option<Window>,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<anyhow::Result<GroupFetch>>> {
    use crate::config::{GroupKind, SourceKind};
    let mut results: Vec<Option<anyhow::Result<GroupFetch>>> =
        config.groups.iter().map(|_| None).collect();
    let mut live = Vec::new();
    for (i, group) in config.groups.iter().enumerate() {
        match (group.kind, config.source.kind) {
            (GroupKind::Group | GroupKind::Page, SourceKind::Snapshot) => {
                let window = requested.unwrap_or_default();
                results[i] = Some(snapshot::read_group(&config.snapshot_dir(), group, window));
            }
            (GroupKind::Group | GroupKind::Page, SourceKind::Graph) => live.push(i),
            (GroupKind::Import, _) => {
                let window = requested.unwrap_or_default();
                let tz = config.clock().tz;
                results[i] = Some(import::read_group(&config.root, tz, group, window));
            }
        }
    }
    if !live.is_empty() {
        let default = default_live_window(config.clock(), now);
        let window = requested.unwrap_or(default);
        let since = window.since.or(default.since).unwrap_or(now);
        let until = window.until.unwrap_or(now);
        let groups: Vec<_> = live.iter().map(|&i| &config.groups[i]).collect();
        let fetched = graph::fetch(config, &groups, since, until, now);
        for (i, result) in live.into_iter().zip(fetched) {
            results[i] = Some(result);
        }
    }
    Ok(results
        .into_iter()
        .map(|r| r.expect("every group dispatched"))
        .collect())
}

/// The live API's default window: the previous and the current period, up to now.
pub fn default_live_window(clock: crate::config::Clock, now: DateTime<Utc>) -> Window {
    let current = crate::period::Period::containing(clock, now);
    Window {
        since: Some(current.prev().start(clock)),
        until: Some(now),
    }
}
