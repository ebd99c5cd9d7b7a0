//! Bot outputs: one period's digest as Chatfuel, ManyChat, Messenger Send API and plain JSON.
//!
//! The three chat formats are built from one platform-neutral `Gallery` whose texts are
//! already plain, collapsed and cut to Messenger's limits, so the limits hold in every file
//! by construction. Each format has its own explicit schema structs (one module per
//! platform): a change to an internal type never silently changes a public JSON file.

pub(crate) mod chatfuel;
pub(crate) mod digest;
pub(crate) mod manychat;
pub(crate) mod messenger;

use serde::Serialize;

use super::text::{engagement, one_line, truncate};
use crate::config::{BotConfig, Clock};
use crate::model::{http_url, https_url, Post};
use crate::period::Period;
use crate::rank::Digest;

/// Messenger's limits for a generic template; ManyChat's cards share them.
pub(crate) const MAX_ELEMENTS: usize = 10;
pub(crate) const MAX_TITLE: usize = 80;
pub(crate) const MAX_SUBTITLE: usize = 80;
pub(crate) const MAX_BUTTONS: usize = 3;
pub(crate) const MAX_BUTTON_TITLE: usize = 20;
/// Messenger shows at most 13 quick replies (ManyChat: 11, cut in its module).
pub(crate) const MAX_QUICK_REPLIES: usize = 13;
pub(crate) const MAX_QUICK_REPLY_TITLE: usize = 20;
/// A group name inside a sentence; keeps every text message far below Messenger's 640.
const MAX_NAME_IN_TEXT: usize = 80;

/// A link with a short title: a button or a card's tap target.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Link {
    /// At most `MAX_BUTTON_TITLE` characters.
    pub title: String,
    /// Absolute http(s).
    pub url: String,
}

/// One gallery card, platform-neutral, limits applied.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Card {
    pub title: String,
    pub subtitle: String,
    /// https only.
    pub image_url: Option<String>,
    /// The card's tap target: the post's permalink, else the period's page.
    pub url: String,
    /// At most `MAX_BUTTONS`.
    pub buttons: Vec<Link>,
}

/// What the chat formats show for a period.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Body {
    Cards {
        aspect: String,
        cards: Vec<Card>,
    },
    /// Nothing ranked: a short text with a button (Messenger rejects an empty gallery).
    Notice {
        text: String,
        button: Link,
    },
}

/// A quick reply to another group's latest digest.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct QuickReply {
    /// At most `MAX_QUICK_REPLY_TITLE` characters.
    pub title: String,
    /// The group's absolute `<base><slug>/` URL; each format appends its own file.
    pub group_url: String,
}

/// Everything the chat formats say about one period.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Gallery {
    /// A text sent before the cards (`[bot] intro`); never with a notice.
    pub intro: Option<String>,
    pub body: Body,
    /// At most `MAX_QUICK_REPLIES`.
    pub quick_replies: Vec<QuickReply>,
}

/// Another group of the site, for quick replies.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GroupLink {
    pub slug: String,
    pub name: String,
    /// Absolute `<base><slug>/`.
    pub url: String,
}

/// Inputs for a period's bot files.
pub(crate) struct BotInput<'a> {
    pub group_slug: &'a str,
    pub group_name: &'a str,
    /// Absolute URL of the group's page on our site.
    pub group_url: &'a str,
    pub period: Period,
    pub clock: Clock,
    pub digest: &'a Digest<'a>,
    pub ranking: &'a crate::config::RankingConfig,
    /// Absolute URL of the period's page; `None` when the period has no page (nothing
    /// stored yet).
    pub period_url: Option<&'a str>,
    /// True for the current (unfinished) period.
    pub is_current: bool,
    pub bot: &'a BotConfig,
    /// Every group of the site; quick replies go to the others.
    pub groups: &'a [GroupLink],
}

/// "this week" or "the week of 16 Nov 2026", for sentences about a period.
fn period_phrase(period: Period, is_current: bool) -> String {
    if is_current {
        "this week".into()
    } else {
        format!("the week of {}", period.first_day.format("%-d %b %Y"))
    }
}

pub(crate) fn gallery(input: &BotInput) -> Gallery {
    let bot = input.bot;
    let name = one_line(input.group_name, MAX_NAME_IN_TEXT);
    let when = period_phrase(input.period, input.is_current);
    let quick_replies = if bot.quick_replies {
        quick_replies(input.group_slug, input.groups)
    } else {
        Vec::new()
    };
    if input.digest.ranked.is_empty() {
        let text = if input.is_current {
            format!("No popular posts yet {when} in {name}.")
        } else {
            format!("No popular posts in {when} in {name}.")
        };
        return Gallery {
            intro: None,
            body: Body::Notice {
                text,
                button: Link {
                    title: one_line(&bot.group_label, MAX_BUTTON_TITLE),
                    url: input.group_url.to_string(),
                },
            },
            quick_replies,
        };
    }
    let intro = bot.intro.then(|| {
        if input.is_current {
            format!("Top posts of {when} so far in {name}")
        } else {
            format!("Top posts of {when} in {name}")
        }
    });
    let cards = input
        .digest
        .ranked
        .iter()
        .take(MAX_ELEMENTS)
        .map(|r| card(r.post, input))
        .collect();
    Gallery {
        intro,
        body: Body::Cards {
            aspect: bot.image_aspect_ratio.clone(),
            cards,
        },
        quick_replies,
    }
}

/// The card title of a post: its first line, or a label for posts without text.
pub(crate) fn post_title(post: &Post) -> String {
    post.first_line()
        .map(|l| one_line(l, MAX_TITLE))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| post.label().to_string())
}

fn card(post: &Post, input: &BotInput) -> Card {
    let page = input.period_url.unwrap_or(input.group_url);
    // The store keeps only http(s) links; checked again because a bot file must never
    // carry anything else.
    let permalink = post.permalink_url.as_deref().and_then(http_url);
    let mut buttons = Vec::new();
    if let Some(p) = &permalink {
        buttons.push(Link {
            title: one_line(&input.bot.open_label, MAX_BUTTON_TITLE),
            url: p.clone(),
        });
    }
    buttons.push(Link {
        title: one_line(&input.bot.all_label, MAX_BUTTON_TITLE),
        url: page.to_string(),
    });
    buttons.truncate(MAX_BUTTONS);
    Card {
        title: post_title(post),
        subtitle: one_line(
            &engagement(post.comments, post.shares, post.reactions),
            MAX_SUBTITLE,
        ),
        image_url: post.picture.as_deref().and_then(https_url),
        url: permalink.unwrap_or_else(|| page.to_string()),
        buttons,
    }
}

/// The other groups, in site order, as many as Messenger shows.
fn quick_replies(slug: &str, groups: &[GroupLink]) -> Vec<QuickReply> {
    groups
        .iter()
        .filter(|g| g.slug != slug)
        .take(MAX_QUICK_REPLIES)
        .map(|g| QuickReply {
            title: one_line(&g.name, MAX_QUICK_REPLY_TITLE),
            group_url: g.url.clone(),
        })
        .collect()
}

/// Every bot file of one period, by file name.
pub(crate) fn files(input: &BotInput) -> Vec<(&'static str, Vec<u8>)> {
    let g = gallery(input);
    vec![
        ("chatfuel.json", to_bytes(&chatfuel::response(&g))),
        ("manychat.json", to_bytes(&manychat::response(&g))),
        ("messenger.json", to_bytes(&messenger::message(&g))),
        ("digest.json", to_bytes(&digest::file(input))),
    ]
}

/// Serializes a bot file: compact JSON with a trailing newline, plain UTF-8. serde_json
/// escapes only what JSON requires (quotes, backslashes, control characters), never `<`,
/// `>` or `&`: the platforms show text literally.
pub(crate) fn to_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    // Our structs hold only strings, numbers and sequences: serializing cannot fail, and
    // if it ever did an empty object is still valid JSON rather than a panic.
    let mut v = serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec());
    v.push(b'\n');
    v
}

/// Cuts a post's full text for plain data: whitespace kept, grapheme-safe, with "…".
pub(crate) fn cut_text(s: &str, max: usize) -> String {
    truncate(s.trim(), max)
}

#[cfg(test)]
mod tests;
