//! What members keep out of the public site: a group's effective `visibility`, the posts
//! `[privacy]` and `data/forgotten.json` drop at fetch (`PostFilter`, applied by
//! `Store::apply`, so every source honours it), and the post references (`PostRef`) that
//! `exclude` and `forget` accept: an id or any permalink form Facebook uses.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::config::{Config, GroupConfig, GroupKind, PrivacyConfig, Visibility};
use crate::model::{GroupInfo, GroupPrivacy, Post};

/// The visibility a group gets: its `visibility` key, else what its source says: a Page
/// and an OPEN group (an apify group is one) are public; a CLOSED or SECRET group, a group whose privacy is not
/// known and an import (which cannot say) are private. Publishing is opted into, never
/// assumed.
pub fn visibility(g: &GroupConfig, info: &GroupInfo) -> Visibility {
    g.visibility.unwrap_or(match (g.kind, info.privacy) {
        // An Apify scraper reads public groups only: an apify group is an OPEN one.
        (GroupKind::Page | GroupKind::Apify, _) | (GroupKind::Group, Some(GroupPrivacy::Open)) => {
            Visibility::Public
        }
        _ => Visibility::Private,
    })
}

/// For a group that is not rendered because of its privacy: one sentence naming it, why,
/// and the key to set. `None` for a group that is rendered.
pub fn not_rendered_note(g: &GroupConfig, info: &GroupInfo) -> Option<String> {
    if visibility(g, info) != Visibility::Private {
        return None;
    }
    let why = match (g.visibility, g.kind, info.privacy) {
        (Some(_), ..) => {
            return Some(format!(
            "group `{}` is not rendered: its `visibility` is \"private\" (archived in data/ only)",
            g.slug
        ))
        }
        (None, GroupKind::Import, _) => {
            "it is an import, which is private unless it says otherwise".to_string()
        }
        (None, _, Some(p)) => format!("it is a {} group on Facebook", p.as_str()),
        (None, ..) => "its privacy on Facebook is not known".to_string(),
    };
    Some(format!(
        "group `{}` is not rendered: {why}; to publish it, set `visibility = \"public\"` (or \"unlisted\") in the `[[groups]]` entry of `{}` in site.toml",
        g.slug, g.slug
    ))
}

/// A post named by an `exclude` entry or a `forget` argument: its id, or the post part of
/// a permalink. A link's `owner` (the group or Page in it) is informative only: a link may
/// name a group by its vanity name where the archive has its id. An id's owner part
/// (`111` of `111_7000`) is not: it never names the post `222_7000` of another group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostRef {
    /// As given, trimmed: a post id is matched whole too.
    pub given: String,
    /// The post's own id: `<post>` of `<group>_<post>`, of `/posts/<post>`, of `story_fbid`.
    pub post: String,
    pub owner: Option<String>,
    /// Given as an id `<owner>_<post>`: a post whose id or link names another (numeric)
    /// owner is not this one.
    pub strict: bool,
}

const FORMS: &str = "a post id (`1234567890_555`, `555`) or its link (`/groups/<group>/posts/<post>/`, \
`/groups/<group>/permalink/<post>/`, `/<page>/posts/<post>`, `permalink.php?story_fbid=<post>&id=<owner>`)";

impl PostRef {
    /// Reads an id or a Facebook permalink; the error says which forms are accepted.
    pub fn parse(s: &str) -> Result<PostRef, String> {
        let s = s.trim();
        if s.is_empty() {
            return Err(format!("is empty; give {FORMS}"));
        }
        let looks_like_link = s.contains('/') || s.contains('?') || s.contains("facebook.");
        if !looks_like_link {
            if !s
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-.:".contains(c))
            {
                return Err(format!("`{s}` is not a post id or link; give {FORMS}"));
            }
            let (owner, post) = match s.split_once('_') {
                Some((g, p)) if !g.is_empty() && !p.is_empty() && !p.contains('_') => {
                    (Some(g.to_string()), p.to_string())
                }
                _ => (None, s.to_string()),
            };
            return Ok(PostRef {
                given: s.to_string(),
                post,
                strict: owner.is_some(),
                owner,
            });
        }
        let (post, owner) =
            link_parts(s).ok_or_else(|| format!("`{s}` is not a link to a post; give {FORMS}"))?;
        Ok(PostRef {
            given: s.to_string(),
            post,
            owner,
            strict: false,
        })
    }

    /// The owner an id names (`111` of `111_7000`), which a match must not contradict.
    fn strict_owner(&self) -> Option<&str> {
        self.owner.as_deref().filter(|_| self.strict)
    }

    /// Whether this names a post of another group or Page than the one with `id`: an id
    /// `<owner>_<post>` whose owner is not `id` (both numeric, as Facebook's ids are).
    pub fn names_another_owner_than(&self, id: &str) -> bool {
        other_owner(self.strict_owner(), Some(id))
    }

    /// Whether `post` is the one this names: by its id (whole, or its post part), or by
    /// the post part of its permalink.
    pub fn matches(&self, post: &Post) -> bool {
        let owner = self.strict_owner();
        post.id == self.given
            || (post_part(&post.id) == self.post && !other_owner(owner, owner_part(&post.id)))
            || post
                .permalink_url
                .as_deref()
                .and_then(link_parts)
                .is_some_and(|(p, o)| p == self.post && !other_owner(owner, o.as_deref()))
    }
}

/// Whether two owners are surely different: both known and numeric, and not equal.
fn other_owner(a: Option<&str>, b: Option<&str>) -> bool {
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    matches!((a, b), (Some(a), Some(b)) if numeric(a) && numeric(b) && a != b)
}

/// `<group>` of a Graph id `<group>_<post>`; `None` for an id without one.
fn owner_part(id: &str) -> Option<&str> {
    match id.split_once('_') {
        Some((g, p)) if !g.is_empty() && !p.is_empty() && !p.contains('_') => Some(g),
        _ => None,
    }
}

/// `<post>` of a Graph id `<group>_<post>`; the id itself otherwise.
fn post_part(id: &str) -> &str {
    match id.split_once('_') {
        Some((g, p)) if !g.is_empty() && !p.is_empty() && !p.contains('_') => p,
        _ => id,
    }
}

/// The post and owner parts of a Facebook post link, in any of the forms it uses;
/// `None` for a link that names no post or is not Facebook's.
fn link_parts(s: &str) -> Option<(String, Option<String>)> {
    let with_scheme = if s.contains("://") {
        s.to_string()
    } else if s.starts_with('/') {
        format!("https://www.facebook.com{s}")
    } else {
        format!("https://{s}")
    };
    let url = url::Url::parse(&with_scheme).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    let facebook = ["facebook.com", "fb.com"]
        .iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")));
    if !facebook || !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let query = |k: &str| {
        url.query_pairs()
            .find(|(key, v)| key == k && !v.is_empty())
            .map(|(_, v)| v.into_owned())
    };
    let segments: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    // `permalink.php?story_fbid=<post>&id=<owner>`, `story.php?story_fbid=...`.
    if let Some(post) = query("story_fbid") {
        return Some((post_part(&post).to_string(), query("id")));
    }
    match segments.as_slice() {
        ["groups", g, "permalink" | "posts", p, ..] => Some((p.to_string(), Some(g.to_string()))),
        // `/groups/<g>/?multi_permalinks=<p>`, `/groups/<g>/?view=permalink&id=<p>`.
        ["groups", g] => query("multi_permalinks")
            .or_else(|| query("view").filter(|v| v == "permalink").and(query("id")))
            .map(|p| (p, Some(g.to_string()))),
        [owner, "posts", p, ..] => Some((p.to_string(), Some(owner.to_string()))),
        _ => None,
    }
}

/// One opt-out tag, lowercased, as written (`#nodigest` needs its `#`; `nodigest` also
/// matches `#nodigest`, the `#` not being part of a word).
#[derive(Debug, Clone)]
struct Tag {
    needle: String,
}

impl Tag {
    fn new(tag: &str) -> Tag {
        Tag {
            needle: tag.trim().to_lowercase(),
        }
    }

    /// Whether lowercased `text` holds the tag as a whole word: no letter, digit or `_`
    /// right before or after it. A tag without `#` also matches inside its hashtag.
    fn found_in(&self, text: &str) -> bool {
        let word = |c: char| c.is_alphanumeric() || c == '_';
        text.match_indices(self.needle.as_str()).any(|(i, m)| {
            let before = text[..i].chars().next_back();
            let after = text[i + m.len()..].chars().next();
            !before.is_some_and(word) && !after.is_some_and(word)
        })
    }
}

/// Why a post is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dropped {
    /// Its text holds an `opt_out_tags` tag.
    OptOut,
    /// `[privacy] exclude` names it.
    Excluded,
    /// `data/forgotten.json` lists it.
    Forgotten,
}

/// The posts a site never stores, ranks or shows: built once per run from `[privacy]` and
/// `data/forgotten.json`. The empty filter (`default`) keeps everything.
#[derive(Debug, Clone, Default)]
pub struct PostFilter {
    tags: Vec<Tag>,
    /// Every tag starts with `#`.
    hashtags_only: bool,
    exclude: RefSet,
    /// slug → the posts forgotten in that group.
    forgotten: HashMap<String, RefSet>,
}

/// Many `PostRef`s, matched as `PostRef::matches` does but in one lookup per key, since
/// render filters every stored post against every exclusion and forgotten post.
#[derive(Debug, Clone, Default)]
struct RefSet {
    given: HashSet<String>,
    /// Post part → the owners its ids name (`None`: any owner, a link or a bare id).
    posts: HashMap<String, Vec<Option<String>>>,
}

impl RefSet {
    fn insert(&mut self, r: PostRef) {
        let owner = r.strict_owner().map(str::to_string);
        self.given.insert(r.given);
        self.posts.entry(r.post).or_default().push(owner);
    }

    /// Whether a ref with post part `post` names a post whose owner is `owner`.
    fn has(&self, post: &str, owner: Option<&str>) -> bool {
        self.posts
            .get(post)
            .is_some_and(|owners| owners.iter().any(|o| !other_owner(o.as_deref(), owner)))
    }

    fn is_empty(&self) -> bool {
        self.posts.is_empty()
    }

    /// `link` caches the post part of the post's permalink across sets.
    fn matches(&self, post: &Post, link: &mut Option<Option<(String, Option<String>)>>) -> bool {
        if self.is_empty() {
            return false;
        }
        if self.given.contains(&post.id) || self.has(post_part(&post.id), owner_part(&post.id)) {
            return true;
        }
        let part = link.get_or_insert_with(|| post.permalink_url.as_deref().and_then(link_parts));
        part.as_ref()
            .is_some_and(|(p, o)| self.has(p, o.as_deref()))
    }
}

impl PostFilter {
    pub fn new(privacy: &PrivacyConfig, forgotten: &Forgotten) -> PostFilter {
        PostFilter {
            tags: privacy.opt_out_tags.iter().map(|t| Tag::new(t)).collect(),
            hashtags_only: privacy
                .opt_out_tags
                .iter()
                .all(|t| t.trim().starts_with('#')),
            exclude: {
                let mut set = RefSet::default();
                // Checked when the config was read.
                for r in privacy
                    .exclude
                    .iter()
                    .filter_map(|e| PostRef::parse(e).ok())
                {
                    set.insert(r);
                }
                set
            },
            forgotten: {
                let mut by_group: HashMap<String, RefSet> = HashMap::new();
                for f in &forgotten.posts {
                    let set = by_group.entry(f.group.clone()).or_default();
                    set.insert(f.post_ref());
                    // A source may name the post by another id form; its link says which.
                    if let Some((post, _)) = f.permalink.as_deref().and_then(link_parts) {
                        set.posts.entry(post).or_default().push(None);
                    }
                }
                by_group
            },
        }
    }

    /// The site's filter: its `[privacy]` and its `data/forgotten.json`.
    pub fn load(config: &Config) -> Result<PostFilter> {
        Ok(PostFilter::new(
            &config.privacy,
            &Forgotten::load(&config.data_dir())?,
        ))
    }

    /// Why the post of group `slug` is left out, or `None` when it is kept.
    pub fn drops(&self, slug: &str, post: &Post) -> Option<Dropped> {
        if !self.tags.is_empty() {
            // Render filters every stored post: a text without `#` cannot hold a hashtag,
            // so the usual case (only `#` tags) costs no lowercased copy.
            let text = post
                .message
                .as_deref()
                .filter(|t| !self.hashtags_only || t.contains('#'));
            if let Some(text) = text {
                let lower = text.to_lowercase();
                if self.tags.iter().any(|t| t.found_in(&lower)) {
                    return Some(Dropped::OptOut);
                }
            }
        }
        let mut link = None;
        if self.exclude.matches(post, &mut link) {
            return Some(Dropped::Excluded);
        }
        if self
            .forgotten
            .get(slug)
            .is_some_and(|set| set.matches(post, &mut link))
        {
            return Some(Dropped::Forgotten);
        }
        None
    }

    /// A cheap test on a stored file's raw text: `false` means no post in it can be
    /// dropped, so it need not be parsed. (`true` may be wrong; `drops` decides.)
    pub fn may_drop_in(&self, slug: &str, raw: &str) -> bool {
        let lower = if self.tags.is_empty() {
            String::new()
        } else {
            raw.to_lowercase()
        };
        self.tags
            .iter()
            .any(|t| lower.contains(t.needle.trim_start_matches('#')))
            || self.exclude.posts.keys().any(|p| raw.contains(p.as_str()))
            || self
                .forgotten
                .get(slug)
                .is_some_and(|set| set.posts.keys().any(|p| raw.contains(p.as_str())))
    }
}

/// `data/forgotten.json`: the posts `forget` removed, so that no later fetch or import
/// brings them back. Sorted by group and id, pretty-printed: a CI commit shows one line
/// per forgotten post.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forgotten {
    pub posts: Vec<ForgottenPost>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForgottenPost {
    /// The slug of the group that held it.
    pub group: String,
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permalink: Option<String>,
}

impl ForgottenPost {
    /// The entry as a reference; an id `PostRef::parse` refuses (a hand edit) is matched
    /// whole.
    fn post_ref(&self) -> PostRef {
        PostRef::parse(&self.id).unwrap_or_else(|_| PostRef {
            given: self.id.clone(),
            post: self.id.clone(),
            owner: None,
            strict: false,
        })
    }

    /// Whether this entry is the post `r` names, in group `slug`.
    pub fn is(&self, r: &PostRef) -> bool {
        let post = Post {
            id: self.id.clone(),
            created_time: chrono::DateTime::UNIX_EPOCH,
            message: None,
            permalink_url: self.permalink.clone(),
            picture: None,
            comments: 0,
            shares: 0,
            reactions: 0,
            link: None,
            image: None,
        };
        r.matches(&post)
    }
}

impl Forgotten {
    pub const FILE: &'static str = "forgotten.json";

    /// Reads `<data>/forgotten.json`; a missing file is an empty list, a damaged one an
    /// error (publishing forgotten posts is worse than stopping).
    pub fn load(data_dir: &Path) -> Result<Forgotten> {
        let found = crate::store::read_optional(&data_dir.join(Self::FILE))?;
        Ok(found.unwrap_or_default())
    }

    /// Adds an entry (once) and keeps the list sorted.
    pub fn add(&mut self, post: ForgottenPost) {
        if !self.posts.contains(&post) {
            self.posts.push(post);
        }
        self.posts.sort();
        self.posts.dedup();
    }

    pub fn save(&self, data_dir: &Path) -> Result<()> {
        let mut sorted = self.clone();
        sorted.posts.sort();
        let bytes = crate::store::to_pretty(&sorted)?;
        crate::fsutil::write_if_changed(&data_dir.join(Self::FILE), &bytes)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(id: &str, text: &str, link: Option<&str>) -> Post {
        Post {
            id: id.into(),
            created_time: chrono::DateTime::UNIX_EPOCH,
            message: Some(text.into()),
            permalink_url: link.map(str::to_string),
            picture: None,
            comments: 0,
            shares: 0,
            reactions: 0,
            link: None,
            image: None,
        }
    }

    fn filter(tags: &[&str], exclude: &[&str]) -> PostFilter {
        PostFilter::new(
            &PrivacyConfig {
                opt_out_tags: tags.iter().map(|t| t.to_string()).collect(),
                exclude: exclude.iter().map(|t| t.to_string()).collect(),
                ..Default::default()
            },
            &Forgotten::default(),
        )
    }

    #[test]
    fn an_opt_out_tag_matches_a_whole_word_in_any_case() {
        let f = filter(&["#nodigest"], &[]);
        for text in [
            "Please #NoDigest",
            "#nodigest",
            "(#NODIGEST)",
            "line\n#nodigest, thanks",
        ] {
            assert_eq!(
                f.drops("g", &post("1", text, None)),
                Some(Dropped::OptOut),
                "{text}"
            );
        }
        for text in ["#nodigestion", "nodigest", "x#nodigest2", "no digest"] {
            assert_eq!(f.drops("g", &post("1", text, None)), None, "{text}");
        }
        let plain = filter(&["privado"], &[]);
        assert!(plain.drops("g", &post("1", "Es #Privado", None)).is_some());
        assert!(plain.drops("g", &post("1", "privados", None)).is_none());
        let unicode = filter(&["#ÑoDigest"], &[]);
        assert!(unicode.drops("g", &post("1", "#ñodigest", None)).is_some());
    }

    #[test]
    fn every_permalink_form_names_the_same_post() {
        for given in [
            "1234567890_555",
            "555",
            "https://www.facebook.com/groups/1234567890/permalink/555/",
            "https://www.facebook.com/groups/devcdmx/posts/555/",
            "https://m.facebook.com/groups/devcdmx/posts/555?ref=share",
            "facebook.com/devcircles.bogota/posts/555",
            "https://www.facebook.com/permalink.php?story_fbid=555&id=987654321",
            "https://www.facebook.com/story.php?story_fbid=555&id=987654321",
            "https://www.facebook.com/groups/1234567890/?multi_permalinks=555",
            "/groups/1234567890/permalink/555/",
        ] {
            let r = PostRef::parse(given).unwrap_or_else(|e| panic!("{given}: {e}"));
            assert_eq!(r.post, "555", "{given}");
            assert!(r.matches(&post("1234567890_555", "", None)), "{given}");
            assert!(
                r.matches(&post(
                    "x",
                    "",
                    Some("https://www.facebook.com/groups/1234567890/permalink/555/")
                )),
                "{given} by permalink"
            );
            assert!(!r.matches(&post("1234567890_556", "", None)), "{given}");
        }
    }

    #[test]
    fn an_id_with_an_owner_never_names_the_post_of_another_owner() {
        let r = PostRef::parse("111_7000").unwrap();
        assert!(r.matches(&post("111_7000", "", None)));
        assert!(r.matches(&post("7000", "", None)), "an import's bare id");
        assert!(!r.matches(&post("222_7000", "", None)));
        let link = Some("https://www.facebook.com/groups/222/permalink/7000/");
        assert!(!r.matches(&post("x", "", link)));
        assert!(r.names_another_owner_than("222") && !r.names_another_owner_than("111"));
        // A link's owner may be a vanity name: informative only.
        let by_link =
            PostRef::parse("https://www.facebook.com/groups/devcdmx/posts/7000/").unwrap();
        assert!(by_link.matches(&post("222_7000", "", None)));
        // The same rule in `[privacy] exclude`.
        let f = filter(&[], &["111_7000"]);
        assert!(f.drops("a", &post("111_7000", "", None)).is_some());
        assert!(f.drops("b", &post("222_7000", "", None)).is_none());
    }

    #[test]
    fn a_link_that_names_no_post_is_refused_with_the_forms() {
        for bad in [
            "https://www.facebook.com/groups/1234567890/",
            "https://example.com/groups/1/posts/2/",
            "hello world",
            "",
        ] {
            let e = PostRef::parse(bad).unwrap_err();
            assert!(e.contains("/groups/<group>/posts/<post>/"), "{bad}: {e}");
        }
    }

    #[test]
    fn forgotten_posts_are_dropped_only_in_their_group() {
        let mut forgotten = Forgotten::default();
        forgotten.add(ForgottenPost {
            group: "a".into(),
            id: "1_2".into(),
            permalink: None,
        });
        let f = PostFilter::new(
            &PrivacyConfig {
                opt_out_tags: vec![],
                exclude: vec![],
                ..Default::default()
            },
            &forgotten,
        );
        assert_eq!(
            f.drops("a", &post("1_2", "x", None)),
            Some(Dropped::Forgotten)
        );
        assert_eq!(f.drops("b", &post("1_2", "x", None)), None);
        assert!(f.may_drop_in("a", r#"{"id": "1_2"}"#));
        assert!(!f.may_drop_in("b", r#"{"id": "1_2"}"#));
    }

    #[test]
    fn forgotten_json_is_sorted_and_stable() {
        let dir = tempfile::tempdir().unwrap();
        let mut f = Forgotten::default();
        for (g, id) in [("b", "9"), ("a", "3"), ("a", "10"), ("a", "3")] {
            f.add(ForgottenPost {
                group: g.into(),
                id: id.into(),
                permalink: None,
            });
        }
        f.save(dir.path()).unwrap();
        let first = std::fs::read_to_string(dir.path().join("forgotten.json")).unwrap();
        let back = Forgotten::load(dir.path()).unwrap();
        assert_eq!(back.posts.len(), 3);
        back.save(dir.path()).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("forgotten.json")).unwrap(),
            first
        );
        let ids: Vec<_> = back
            .posts
            .iter()
            .map(|p| (p.group.as_str(), p.id.as_str()))
            .collect();
        assert_eq!(ids, [("a", "10"), ("a", "3"), ("b", "9")]);
    }
}
