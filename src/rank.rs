//! Ranking: the seed's rule, corrected. A pure function from a period's posts and
//! `[ranking]` to a `Digest`; no I/O, no clock.

use std::cmp::Ordering;

use crate::config::RankingConfig;
use crate::model::Post;

/// A period's ranking and its totals.
#[derive(Debug, Clone, PartialEq)]
pub struct Digest<'a> {
    /// The top posts, best first, at most `top`.
    pub ranked: Vec<Ranked<'a>>,
    /// Totals over all posts of the period, not only the ranked ones.
    pub totals: Totals,
    /// The most commented post of the period (none when no post has a comment).
    pub top_commented: Option<&'a Post>,
    /// The most shared post of the period (none when no post was shared).
    pub top_shared: Option<&'a Post>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked<'a> {
    pub post: &'a Post,
    pub score: f64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    pub posts: u64,
    pub comments: u64,
    pub shares: u64,
    pub reactions: u64,
}

pub fn score(post: &Post, cfg: &RankingConfig) -> f64 {
    let w = &cfg.weights;
    w.comments * post.comments as f64
        + w.shares * post.shares as f64
        + w.reactions * post.reactions as f64
}

/// Score desc, then comments desc, then newest first, then id asc: a total order, so the
/// result never depends on the input order.
fn by_rank(a: &Ranked, b: &Ranked) -> Ordering {
    b.score
        .total_cmp(&a.score)
        .then_with(|| b.post.comments.cmp(&a.post.comments))
        .then_with(|| b.post.created_time.cmp(&a.post.created_time))
        .then_with(|| a.post.id.cmp(&b.post.id))
}

/// Ranks one period's posts. Posts scoring below `min_score` are dropped; the rest are
/// sorted and only then cut to `top` (the seed cut before sorting).
pub fn rank<'a>(posts: &'a [Post], cfg: &RankingConfig) -> Digest<'a> {
    let mut ranked: Vec<Ranked> = posts
        .iter()
        .map(|post| Ranked {
            post,
            score: score(post, cfg),
        })
        .filter(|r| r.score >= cfg.min_score)
        .collect();
    ranked.sort_by(by_rank);
    ranked.truncate(cfg.top);

    // Counts come from imports and hand-editable archive files: saturate, never wrap.
    let totals = posts.iter().fold(Totals::default(), |t, p| Totals {
        posts: t.posts + 1,
        comments: t.comments.saturating_add(p.comments),
        shares: t.shares.saturating_add(p.shares),
        reactions: t.reactions.saturating_add(p.reactions),
    });
    Digest {
        ranked,
        totals,
        top_commented: top_by(posts, |p| p.comments),
        top_shared: top_by(posts, |p| p.shares),
    }
}

/// The post with the largest non-zero `key`; ties go to the newest, then the smallest id.
fn top_by(posts: &[Post], key: impl Fn(&Post) -> u64) -> Option<&Post> {
    posts.iter().filter(|p| key(p) > 0).min_by(|a, b| {
        key(b)
            .cmp(&key(a))
            .then_with(|| b.created_time.cmp(&a.created_time))
            .then_with(|| a.id.cmp(&b.id))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Weights;

    fn post(id: &str, day: u32, comments: u64, shares: u64, reactions: u64) -> Post {
        Post {
            id: id.into(),
            created_time: format!("2026-11-{day:02}T12:00:00Z").parse().unwrap(),
            message: Some(id.into()),
            permalink_url: None,
            picture: None,
            comments,
            shares,
            reactions,
            link: None,
            image: None,
        }
    }

    #[test]
    fn totals_saturate_instead_of_wrapping() {
        let posts = [post("a", 17, u64::MAX, 0, 1), post("b", 18, 1, 2, 3)];
        let d = rank(&posts, &RankingConfig::default());
        assert_eq!(d.totals.comments, u64::MAX);
        assert_eq!((d.totals.shares, d.totals.reactions), (2, 4));
    }

    fn ids(d: &Digest) -> Vec<String> {
        d.ranked.iter().map(|r| r.post.id.clone()).collect()
    }

    #[test]
    fn score_is_the_weighted_sum_of_counts() {
        let cfg = RankingConfig {
            weights: Weights {
                comments: 2.0,
                shares: 3.0,
                reactions: 0.5,
            },
            ..Default::default()
        };
        assert_eq!(score(&post("a", 17, 10, 4, 6), &cfg), 20.0 + 12.0 + 3.0);
    }

    #[test]
    fn drops_posts_below_min_score() {
        let posts = [
            post("a", 17, 0, 0, 50),
            post("b", 17, 1, 0, 0),
            post("c", 17, 0, 1, 0),
        ];
        let d = rank(&posts, &RankingConfig::default());
        assert_eq!(
            ids(&d),
            ["b", "c"],
            "reactions weigh 0 by default: `a` scores 0"
        );
    }

    #[test]
    fn sorts_before_cutting_to_top() {
        // The seed cut to 5 in feed order, then sorted: the best post could be lost.
        let mut posts: Vec<Post> = (0..8)
            .map(|i| post(&format!("p{i}"), 17, 1, 0, 0))
            .collect();
        posts.push(post("best", 17, 90, 9, 0));
        let cfg = RankingConfig {
            top: 5,
            ..Default::default()
        };
        let d = rank(&posts, &cfg);
        assert_eq!(d.ranked.len(), 5);
        assert_eq!(d.ranked[0].post.id, "best");
    }

    #[test]
    fn ranks_ties_by_comments_then_date_then_id() {
        let posts = [
            post("old-few-comments", 16, 1, 4, 0),
            post("more-comments", 17, 4, 1, 0),
            post("b-same", 18, 2, 3, 0),
            post("a-same", 18, 2, 3, 0),
            post("newer", 19, 2, 3, 0),
        ];
        let d = rank(
            &posts,
            &RankingConfig {
                top: 10,
                ..Default::default()
            },
        );
        assert_eq!(
            ids(&d),
            [
                "more-comments",
                "newer",
                "a-same",
                "b-same",
                "old-few-comments"
            ]
        );
    }

    #[test]
    fn counts_come_from_totals_not_first_page_of_comments() {
        // A post with 300 comments must outrank one with 30, whatever page sizes were.
        let posts = [
            post("thirty", 17, 30, 0, 0),
            post("three-hundred", 16, 300, 0, 0),
        ];
        let d = rank(&posts, &RankingConfig::default());
        assert_eq!(ids(&d), ["three-hundred", "thirty"]);
        assert_eq!(d.ranked[0].score, 300.0);
    }

    #[test]
    fn totals_and_tops_cover_all_posts_not_only_ranked() {
        let posts = [
            post("a", 17, 5, 0, 10),
            post("b", 17, 1, 7, 0),
            post("c", 18, 0, 0, 3),
            post("d", 18, 2, 1, 0),
        ];
        let cfg = RankingConfig {
            top: 1,
            ..Default::default()
        };
        let d = rank(&posts, &cfg);
        assert_eq!(ids(&d), ["b"]);
        assert_eq!(
            d.totals,
            Totals {
                posts: 4,
                comments: 8,
                shares: 8,
                reactions: 13
            }
        );
        assert_eq!(d.top_commented.unwrap().id, "a");
        assert_eq!(d.top_shared.unwrap().id, "b");
    }

    #[test]
    fn a_period_without_engagement_ranks_nothing() {
        let posts = [post("a", 17, 0, 0, 4)];
        let d = rank(&posts, &RankingConfig::default());
        assert!(d.ranked.is_empty());
        assert!(d.top_commented.is_none() && d.top_shared.is_none());
        assert_eq!(d.totals.posts, 1);
    }

    #[test]
    fn result_does_not_depend_on_input_order() {
        let mut posts = vec![
            post("x", 17, 3, 0, 0),
            post("y", 17, 3, 0, 0),
            post("z", 18, 1, 2, 0),
        ];
        let a = ids(&rank(&posts, &RankingConfig::default()));
        posts.reverse();
        assert_eq!(ids(&rank(&posts, &RankingConfig::default())), a);
    }
}
