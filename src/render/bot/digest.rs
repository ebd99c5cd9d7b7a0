//! `digest.json`: a period's digest as plain data for any other consumer (a Telegram or
//! Discord bot, a newsletter script). Field reference: docs/bot-formats.md.
//!
//! It carries nothing that changes between two builds of the same data (no build time), so
//! an unchanged period keeps a byte-identical file.

use std::borrow::Cow;

use serde::Serialize;

use super::{cut_text, BotInput, Texts, MAX_TITLE};
use crate::model::{checked_http_url, Post};
use crate::render::text::post_title;

/// Bumped when a field changes meaning or disappears; adding a field does not bump it.
const FORMAT_VERSION: u32 = 1;
/// A post's text is cut here: the file stays small and a bot can still quote it.
pub(crate) const MAX_TEXT: usize = 2000;

#[derive(Debug, Serialize)]
pub(crate) struct DigestFile<'a> {
    pub version: u32,
    pub group: GroupRef<'a>,
    pub period: PeriodRef,
    pub totals: DigestTotals,
    pub top_commented: Option<DigestPost<'a>>,
    pub top_shared: Option<DigestPost<'a>>,
    /// The ranked posts, best first.
    pub posts: Vec<DigestPost<'a>>,
}

/// `totals`: counted over every post of the period. Its own struct, so a change to the
/// ranking's internal totals never silently changes this public file.
#[derive(Debug, Serialize)]
pub(crate) struct DigestTotals {
    pub posts: u64,
    pub comments: u64,
    pub shares: u64,
    pub reactions: u64,
}

#[derive(Debug, Serialize)]
pub(crate) struct GroupRef<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub url: &'a str,
}

#[derive(Debug, Serialize)]
pub(crate) struct PeriodRef {
    pub key: String,
    pub label: String,
    /// RFC 3339 in the site's timezone, with its offset.
    pub start: String,
    /// Exclusive: the start of the next period.
    pub end: String,
    pub is_current: bool,
    /// The period's page; `null` when it has none yet.
    pub url: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct DigestPost<'a> {
    /// 1-based place in `posts`; `null` for a top post that is not ranked.
    pub rank: Option<usize>,
    pub id: &'a str,
    pub title: Cow<'a, str>,
    pub text: Option<Cow<'a, str>>,
    pub created_time: String,
    pub permalink_url: Option<Cow<'a, str>>,
    /// The archive's copy (`<base_url><slug>/media/<file>`).
    pub picture: Option<String>,
    pub comments: u64,
    pub shares: u64,
    pub reactions: u64,
    pub score: f64,
}

/// The digest of `input`; a ranked post's title is the one its card shows (from `texts`).
pub(crate) fn file<'a>(input: &'a BotInput<'a>, texts: &'a Texts<'a>) -> DigestFile<'a> {
    let d = input.digest;
    let clock = input.clock;
    let tz = clock.tz;
    let post = |p: &'a Post| {
        let ranked = texts.of(p);
        DigestPost {
            rank: ranked.map(|(i, _)| i + 1),
            id: &p.id,
            title: ranked.map_or_else(
                || Cow::Owned(post_title(p, MAX_TITLE, input.lang)),
                |(_, t)| Cow::Borrowed(t.title.as_str()),
            ),
            text: p.text().map(|t| cut_text(t, MAX_TEXT)),
            created_time: p.created_time.with_timezone(&tz).to_rfc3339(),
            permalink_url: p.permalink_url.as_deref().and_then(checked_http_url),
            picture: super::image_url(input.group_url, p),
            comments: p.comments,
            shares: p.shares,
            reactions: p.reactions,
            score: crate::rank::score(p, input.ranking),
        }
    };
    DigestFile {
        version: FORMAT_VERSION,
        group: GroupRef {
            slug: input.group_slug,
            name: input.group_name,
            url: input.group_url,
        },
        period: PeriodRef {
            key: input.period.key(),
            label: crate::render::view::period_label(input.period, input.lang),
            start: input.period.start(clock).with_timezone(&tz).to_rfc3339(),
            end: input.period.end(clock).with_timezone(&tz).to_rfc3339(),
            is_current: input.is_current,
            url: input.period_url.map(str::to_string),
        },
        totals: DigestTotals {
            posts: d.totals.posts,
            comments: d.totals.comments,
            shares: d.totals.shares,
            reactions: d.totals.reactions,
        },
        top_commented: d.top_commented.map(post),
        top_shared: d.top_shared.map(post),
        posts: d.ranked.iter().map(|r| post(r.post)).collect(),
    }
}
