//! The Graph API's JSON, as it comes over the wire, and its normalization into the model.
//!
//! Shared by every source that sees Graph-shaped data: the live API, snapshot folders and
//! `format = "graph"` imports, so a quirk fixed here (`+0000` times, absent `shares`,
//! counts in summaries) is fixed for all of them.

use std::path::Path;

use anyhow::{anyhow, Context, Result};
use chrono::{DateTime, Utc};
use serde::{de::DeserializeOwned, Deserialize, Deserializer};

use crate::model::{http_url, GroupInfo, GroupPrivacy, Link, Post};

/// The `fields` of a feed request: everything `Post` needs, counts from summaries only.
/// `attachments` gives a shared link's URL and title (what a post without text is titled by).
pub const FEED_FIELDS: &str = "id,message,created_time,permalink_url,full_picture,is_published,\
shares,comments.summary(true).limit(0),reactions.summary(true).limit(0),\
attachments{title,unshimmed_url,url}";

/// The `fields` of a group node request.
pub const GROUP_FIELDS: &str = "id,name,description,member_count,cover,privacy";
/// The `fields` of a Page node request.
pub const PAGE_FIELDS: &str = "id,name,about,fan_count,link,cover";

/// One page of a feed (or any list edge): `{"data": [...], "paging": {...}}`.
#[derive(Debug, Deserialize)]
pub struct ListPage<T> {
    pub data: Vec<T>,
    #[serde(default)]
    pub paging: Option<Paging>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Paging {
    /// The next page's URL, verbatim. It embeds the access token: never log or store it.
    #[serde(default)]
    pub next: Option<String>,
}

impl<T> ListPage<T> {
    pub fn next(&self) -> Option<&str> {
        self.paging.as_ref().and_then(|p| p.next.as_deref())
    }
}

/// A post as the feed edge returns it.
#[derive(Debug, Deserialize)]
pub struct GraphPost {
    pub id: String,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(deserialize_with = "graph_time")]
    pub created_time: DateTime<Utc>,
    #[serde(default)]
    pub permalink_url: Option<String>,
    #[serde(default)]
    pub full_picture: Option<String>,
    /// Page feeds also return unpublished posts; those are dropped.
    #[serde(default)]
    pub is_published: Option<bool>,
    #[serde(default)]
    pub shares: Option<Count>,
    #[serde(default)]
    pub comments: Option<Edge>,
    #[serde(default)]
    pub reactions: Option<Edge>,
    /// The edge older API versions (and exports made with them) had instead of
    /// `reactions`: counted when `reactions` is absent.
    #[serde(default)]
    pub likes: Option<Edge>,
    /// What the post carries: a shared link, a photo, an album, an event...
    #[serde(default)]
    pub attachments: Option<Attachments>,
    // `from` (the author) is neither asked for nor read: names are never stored.
}

/// The `attachments` edge (`{"data": [...]}`).
#[derive(Debug, Default, Deserialize)]
pub struct Attachments {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub data: Vec<Attachment>,
}

/// One attachment. `unshimmed_url` is the target itself; `url` may be Facebook's redirect
/// to it (`l.facebook.com/l.php?u=...`), which `Link::shared` unwraps. A photo's or an
/// event's URL is Facebook's own page: not a shared link.
#[derive(Debug, Default, Deserialize)]
pub struct Attachment {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub unshimmed_url: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

impl Attachments {
    /// The first attachment that is a link to a page outside Facebook.
    pub fn shared_link(&self) -> Option<Link> {
        self.data.iter().find_map(|a| {
            let url = a.unshimmed_url.as_deref().or(a.url.as_deref())?;
            Link::shared(url, a.title.as_deref())
        })
    }
}

fn null_as_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

#[derive(Debug, Deserialize)]
pub struct Count {
    #[serde(default)]
    pub count: u64,
}

/// `comments` / `reactions`. With `summary(true)` the total is in `summary.total_count`;
/// `data` is one page of the edge (25 at most), so its length is only a lower bound, but
/// it is the count to use when older exports and API versions send `data` without a
/// `summary`.
#[derive(Debug, Deserialize)]
pub struct Edge {
    #[serde(default)]
    pub summary: Option<Summary>,
    /// The edge's first page, counted and not kept. `null` counts as absent.
    #[serde(default, deserialize_with = "counted")]
    pub data: usize,
}

impl Edge {
    /// The best count the edge gives: the summary's total, never less than the `data` present.
    pub fn count(&self) -> u64 {
        let present = self.data as u64;
        self.summary
            .as_ref()
            .map_or(present, |s| s.total_count.max(present))
    }
}

/// The length of an optional JSON array, without keeping its elements.
fn counted<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    let items = Option::<Vec<serde::de::IgnoredAny>>::deserialize(d)?;
    Ok(items.map_or(0, |v| v.len()))
}

#[derive(Debug, Deserialize)]
pub struct Summary {
    #[serde(default)]
    pub total_count: u64,
}

impl GraphPost {
    /// Normalizes into the model; `None` for an unpublished Page post.
    pub fn into_post(self) -> Option<Post> {
        if self.is_published == Some(false) {
            return None;
        }
        let total = |e: Option<Edge>| e.map_or(0, |e| e.count());
        Some(Post {
            id: self.id,
            created_time: self.created_time,
            message: self.message,
            permalink_url: self.permalink_url.as_deref().and_then(http_url),
            picture: self.full_picture.as_deref().and_then(http_url),
            comments: total(self.comments),
            shares: self.shares.map_or(0, |s| s.count),
            reactions: total(self.reactions.or(self.likes)),
            link: self.attachments.as_ref().and_then(Attachments::shared_link),
            image: None,
        })
    }
}

/// A group or Page node (`/{id}?fields=...`).
#[derive(Debug, Deserialize)]
pub struct GraphNode {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Pages say `about` where groups say `description`.
    #[serde(default)]
    pub about: Option<String>,
    #[serde(default)]
    pub member_count: Option<u64>,
    #[serde(default)]
    pub fan_count: Option<u64>,
    #[serde(default)]
    pub link: Option<String>,
    #[serde(default)]
    pub cover: Option<Cover>,
    /// `OPEN`, `CLOSED` or `SECRET` (groups only); another value is kept as unknown.
    #[serde(default)]
    pub privacy: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Cover {
    #[serde(default)]
    pub source: Option<String>,
}

impl GraphNode {
    pub fn into_info(self, is_page: bool) -> GroupInfo {
        let link = self.link.as_deref().and_then(http_url).or_else(|| {
            let path = if is_page { "" } else { "groups/" };
            Some(format!("https://www.facebook.com/{path}{}/", self.id))
        });
        GroupInfo {
            id: self.id,
            name: self.name,
            description: self.description.or(self.about),
            member_count: self.member_count.or(self.fan_count),
            link,
            cover: self
                .cover
                .and_then(|c| c.source)
                .as_deref()
                .and_then(http_url),
            privacy: self.privacy.as_deref().and_then(GroupPrivacy::from_graph),
        }
    }
}

/// Parses Graph's `2020-10-26T16:56:22+0000` (no colon in the offset, so not RFC 3339);
/// RFC 3339 is accepted too.
pub fn parse_graph_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z")
        .or_else(|_| DateTime::parse_from_rfc3339(s))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn graph_time<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    let s = String::deserialize(d)?;
    let t = parse_graph_time(&s).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "`{s}` is not a Graph time like 2026-11-19T18:04:11+0000"
        ))
    })?;
    if !crate::model::is_plausible_post_time(t) {
        let (from, to) = crate::model::PLAUSIBLE_YEARS;
        return Err(serde::de::Error::custom(format!(
            "`{s}` is not a post time between {from} and {to}"
        )));
    }
    Ok(t)
}

/// Deserializes JSON text, naming the JSON path of the first problem (`data[3].created_time`).
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path == "." {
            anyhow!("{inner}")
        } else {
            anyhow!("at `{path}`: {inner}")
        }
    })
}

/// Reads and parses a JSON file; errors name the file and the JSON path.
pub fn read_json_file<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    from_json(&text).with_context(|| format!("`{}` is not a valid Graph response", path.display()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_first_attachment_outside_facebook_is_the_shared_link() {
        let post: GraphPost = serde_json::from_str(
            r#"{"id":"1","created_time":"2026-11-19T18:04:11+0000","attachments":{"data":[
                {"title":"Cover photos","unshimmed_url":"https://www.facebook.com/photo.php?fbid=1"},
                {"title":"Rust 1.95","url":"https://l.facebook.com/l.php?u=https%3A%2F%2Fblog.rust-lang.org%2F&h=AT"}]}}"#,
        )
        .unwrap();
        let link = post.into_post().unwrap().link.unwrap();
        assert_eq!(link.url, "https://blog.rust-lang.org/");
        assert_eq!(link.title.as_deref(), Some("Rust 1.95"));
        for attachments in [r#"null"#, r#"{"data":null}"#, r#"{"data":[{"title":"x"}]}"#] {
            let post: GraphPost = serde_json::from_str(&format!(
                r#"{{"id":"1","created_time":"2026-11-19T18:04:11+0000","attachments":{attachments}}}"#
            ))
            .unwrap();
            assert_eq!(post.into_post().unwrap().link, None, "{attachments}");
        }
    }

    use super::*;

    const SAMPLE: &str = include_str!("../../tests/fixtures/graph-feed-page.json");

    #[test]
    fn parses_graph_times_without_offset_colon() {
        let t = parse_graph_time("2026-11-19T18:04:11+0000").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-19T18:04:11+00:00");
        let t = parse_graph_time("2026-11-19T18:04:11-0600").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-20T00:04:11+00:00");
        assert!(parse_graph_time("19/11/2026").is_none());
    }

    #[test]
    fn a_post_time_outside_the_plausible_years_is_an_error_naming_its_path() {
        let page = r#"{"data":[{"id":"1","created_time":"+262142-12-31T12:00:00+0000"}]}"#;
        let e = from_json::<ListPage<GraphPost>>(page)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("data[0].created_time") && e.contains("2004"),
            "{e}"
        );
    }

    #[test]
    fn counts_come_from_summaries_and_absent_shares_are_zero() {
        let page: ListPage<GraphPost> = from_json(SAMPLE).unwrap();
        let posts: Vec<Post> = page
            .data
            .into_iter()
            .filter_map(GraphPost::into_post)
            .collect();
        assert_eq!(posts[0].comments, 37);
        assert_eq!(posts[0].shares, 4);
        assert_eq!(posts[0].reactions, 212);
        assert_eq!(posts[1].shares, 0);
        assert_eq!(posts[1].message, None);
        assert!(page_next_is_kept(SAMPLE));
    }

    fn page_next_is_kept(text: &str) -> bool {
        let page: ListPage<GraphPost> = from_json(text).unwrap();
        page.next().is_some()
    }

    fn counts(post: &str) -> (u64, u64) {
        let p: GraphPost = from_json(post).unwrap();
        let p = p.into_post().unwrap();
        (p.comments, p.reactions)
    }

    #[test]
    fn without_a_summary_the_data_present_is_counted() {
        let post = r#"{"id":"1","created_time":"2026-11-19T18:04:11+0000",
            "comments":{"data":[{"id":"c1","message":"a"},{"id":"c2"},{"id":"c3"}],
                        "paging":{"cursors":{"after":"x"}}},
            "reactions":{"data":[{"id":"u1","type":"LIKE"},{"id":"u2","type":"LOVE"}]}}"#;
        assert_eq!(counts(post), (3, 2));
    }

    #[test]
    fn a_summary_wins_over_a_shorter_data_page_and_never_counts_less_than_it() {
        let post = r#"{"id":"1","created_time":"2026-11-19T18:04:11+0000",
            "comments":{"data":[{"id":"c1"}],"summary":{"total_count":42}},
            "reactions":{"data":[{"id":"u1"},{"id":"u2"}],"summary":{"total_count":0}}}"#;
        assert_eq!(counts(post), (42, 2));
    }

    #[test]
    fn null_or_absent_data_and_summary_count_zero() {
        let post = r#"{"id":"1","created_time":"2026-11-19T18:04:11+0000",
            "comments":{"data":null},"reactions":{}}"#;
        assert_eq!(counts(post), (0, 0));
        let bare = r#"{"id":"1","created_time":"2026-11-19T18:04:11+0000"}"#;
        assert_eq!(counts(bare), (0, 0));
    }

    #[test]
    fn likes_count_as_reactions_when_reactions_are_absent() {
        let old = r#"{"id":"1","created_time":"2026-11-19T18:04:11+0000",
            "likes":{"data":[],"summary":{"total_count":31}}}"#;
        assert_eq!(counts(old), (0, 31));
        let both = r#"{"id":"1","created_time":"2026-11-19T18:04:11+0000",
            "likes":{"summary":{"total_count":31}},"reactions":{"summary":{"total_count":40}}}"#;
        assert_eq!(
            counts(both),
            (0, 40),
            "reactions win: they include the likes"
        );
    }

    #[test]
    fn unpublished_page_posts_are_dropped() {
        let p: GraphPost = from_json(
            r#"{"id":"1","created_time":"2026-11-19T18:04:11+0000","is_published":false}"#,
        )
        .unwrap();
        assert!(p.into_post().is_none());
    }

    #[test]
    fn a_bad_field_is_reported_with_its_json_path() {
        let e = from_json::<ListPage<GraphPost>>(
            r#"{"data":[{"id":"1","created_time":"2026-11-19T18:04:11+0000"},{"id":"2","created_time":"yesterday"}]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("data[1].created_time"), "{e}");
        assert!(e.contains("yesterday"), "{e}");
    }

    #[test]
    fn non_http_links_are_dropped() {
        let p: GraphPost = from_json(
            r#"{"id":"1","created_time":"2026-11-19T18:04:11+0000","permalink_url":"javascript:alert(1)","full_picture":"data:image/png;base64,xx"}"#,
        )
        .unwrap();
        let p = p.into_post().unwrap();
        assert_eq!(p.permalink_url, None);
        assert_eq!(p.picture, None);
    }
}
