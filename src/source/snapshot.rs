//! The snapshot source: `<path>/<group id>/node.json` plus `feed-*.json` pages, exactly as
//! the Graph API returned them. It powers the demo and tests, and holds whatever periods it
//! holds, so the whole snapshot is imported whatever today's date is.

use std::path::Path;

use anyhow::{bail, Context, Result};

use super::graph_json::{read_json_file, GraphNode, GraphPost, ListPage};
use super::{dedup_posts, GroupFetch, Span, Window};
use crate::config::{GroupConfig, GroupKind};
use crate::model::Post;

/// Reads one group's folder under `root`, keeping posts inside `window`.
pub fn read_group(root: &Path, group: &GroupConfig, window: Window) -> Result<GroupFetch> {
    let dir = root.join(&group.id);
    if !dir.is_dir() {
        bail!(
            "snapshot folder `{}` does not exist (expected `<source.path>/<group id>/`)",
            dir.display()
        );
    }
    let info = read_info(root, group)?;
    let posts = read_feed_pages(&dir)?;
    Ok(from_posts(info, posts, window))
}

/// The group's `node.json` as the Graph API would answer it; without one, its id alone.
pub fn read_info(root: &Path, group: &GroupConfig) -> Result<crate::model::GroupInfo> {
    let node_path = root.join(&group.id).join("node.json");
    if !node_path.exists() {
        return Ok(crate::model::GroupInfo {
            id: group.id.clone(),
            ..Default::default()
        });
    }
    let node: GraphNode = read_json_file(&node_path)?;
    Ok(node.into_info(group.kind == GroupKind::Page))
}

/// Reads every `feed-*.json` page of `dir` in file-name order.
pub fn read_feed_pages(dir: &Path) -> Result<Vec<Post>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list `{}`", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("feed-") && n.ends_with(".json"))
        })
        .collect();
    files.sort();
    let mut posts = Vec::new();
    for file in files {
        let page: ListPage<GraphPost> = read_json_file(&file)?;
        for raw in page.data {
            let local = raw
                .full_picture
                .as_deref()
                .and_then(local_picture)
                .map(str::to_string);
            let Some(mut post) = raw.into_post() else {
                continue;
            };
            // The demo's pictures are files beside the feed pages: the media step reads
            // them from this folder (and never keeps the path in the archive).
            if let (None, Some(rel)) = (&post.picture, local) {
                post.picture = Some(dir.join(rel).to_string_lossy().into_owned());
            }
            posts.push(post);
        }
    }
    Ok(posts)
}

/// A `full_picture` that names a file of the group's snapshot folder (`media/a.png`): a
/// relative path of plain names, never `..`, absolute or with a scheme.
fn local_picture(s: &str) -> Option<&str> {
    let plain = |c: &str| {
        !c.is_empty()
            && c != "."
            && c != ".."
            && c.chars()
                .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.'))
    };
    s.split('/').all(plain).then_some(s)
}

/// Filters to the window, de-duplicates, and computes the covered span
/// (`Span::of_posts`): a snapshot or export replaces stored posts only from its first post
/// to its last, so one that starts mid-week keeps that week's earlier posts.
pub fn from_posts(info: crate::model::GroupInfo, posts: Vec<Post>, window: Window) -> GroupFetch {
    let posts: Vec<Post> = dedup_posts(posts)
        .into_iter()
        .filter(|p| window.contains(p.created_time))
        .collect();
    GroupFetch {
        info,
        covered: Span::of_posts(&posts, window),
        posts,
        warnings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_until_date_does_not_cover_the_period_it_starts() {
        let window = Window {
            since: Some("2026-11-09T00:00:00Z".parse().unwrap()),
            until: Some("2026-11-16T00:00:00Z".parse().unwrap()),
        };
        let f = from_posts(Default::default(), Vec::new(), window);
        let covered = f.covered.unwrap();
        assert_eq!(covered.end, window.until.unwrap());
        assert!(!covered.contains(covered.end), "half-open");
    }
}
