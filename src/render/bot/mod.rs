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

use std::borrow::Cow;

use serde::Serialize;

use super::text::{engagement, one_line, post_title, truncate};
use crate::config::{BotConfig, Clock};
use crate::i18n::{Arg, Lang};
use crate::model::{checked_http_url, checked_https_url, Post};
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
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Link<'a> {
    /// At most `MAX_BUTTON_TITLE` characters.
    pub title: &'a str,
    /// Absolute http(s).
    pub url: &'a str,
}

/// One gallery card, platform-neutral, limits applied.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Card<'a> {
    pub title: &'a str,
    pub subtitle: &'a str,
    /// https only.
    pub image_url: Option<&'a str>,
    /// The card's tap target: the post's permalink, else the period's page.
    pub url: &'a str,
    /// At most `MAX_BUTTONS`.
    pub buttons: Vec<Link<'a>>,
}

/// What the chat formats show for a period.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Body<'a> {
    Cards {
        aspect: &'a str,
        cards: Vec<Card<'a>>,
    },
    /// Nothing ranked: a short text with a button (Messenger rejects an empty gallery).
    Notice { text: String, button: Link<'a> },
}

/// A quick reply to another group's latest digest.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct QuickReply<'a> {
    /// At most `MAX_QUICK_REPLY_TITLE` characters.
    pub title: String,
    /// The group's absolute `<base><slug>/` URL; each format appends its own file.
    pub group_url: &'a str,
}

/// Everything the chat formats say about one period. It borrows its texts from `Texts`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Gallery<'a> {
    /// A text sent before the cards (`[bot] intro`); never with a notice.
    pub intro: Option<String>,
    pub body: Body<'a>,
    /// At most `MAX_QUICK_REPLIES`.
    pub quick_replies: Vec<QuickReply<'a>>,
}

/// Another group of the site, for quick replies.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GroupLink {
    pub slug: String,
    pub name: String,
    /// Absolute `<base><slug>/`.
    pub url: String,
}

/// The texts of one period's bot files, each computed once and shared by every format:
/// the button labels cut to their limit, and per ranked post its card title and subtitle
/// and its checked links.
pub(crate) struct Texts<'a> {
    open_label: String,
    all_label: String,
    group_label: String,
    posts: Vec<PostTexts<'a>>,
}

/// A ranked post's texts, limits applied and links checked.
pub(crate) struct PostTexts<'a> {
    pub post: &'a Post,
    /// The card title (also `digest.json`'s `title`).
    pub title: String,
    pub subtitle: String,
    /// http(s) only.
    pub permalink: Option<Cow<'a, str>>,
    /// The archive's copy under `<base_url><slug>/media/`, https only (never Facebook's
    /// CDN, whose signed URLs expire).
    pub image_url: Option<String>,
}

impl<'a> Texts<'a> {
    pub(crate) fn new(input: &BotInput<'a>) -> Self {
        let bot = input.bot;
        let lang = input.lang;
        // A label set in `[bot]` wins; else the language's.
        let label = |set: &Option<String>, id: &str| match set {
            Some(s) => one_line(s, MAX_BUTTON_TITLE),
            None => one_line(&lang.text_ref(id), MAX_BUTTON_TITLE),
        };
        Texts {
            open_label: label(&bot.open_label, "bot-open"),
            all_label: label(&bot.all_label, "bot-all"),
            group_label: label(&bot.group_label, "bot-group"),
            posts: input
                .digest
                .ranked
                .iter()
                .map(|r| PostTexts {
                    post: r.post,
                    title: post_title(r.post, MAX_TITLE, lang),
                    subtitle: one_line(
                        &ranked_engagement(r.post, input.ranking, lang),
                        MAX_SUBTITLE,
                    ),
                    // The store keeps only http(s) links; checked again because a bot file
                    // must never carry anything else.
                    permalink: r.post.permalink_url.as_deref().and_then(checked_http_url),
                    image_url: image_url(input.group_url, r.post)
                        .and_then(|u| checked_https_url(&u).map(Cow::into_owned)),
                })
                .collect(),
        }
    }

    /// The texts of `post` when it is ranked.
    pub(crate) fn of(&self, post: &Post) -> Option<(usize, &PostTexts<'a>)> {
        self.posts
            .iter()
            .enumerate()
            .find(|(_, t)| std::ptr::eq(t.post, post))
    }
}

/// The absolute URL of `post`'s kept picture, if it has one: its JPEG or PNG while there
/// is one (Messenger shows JPEG, PNG and GIF), else the WebP of a closed week.
pub(crate) fn image_url(group_url: &str, post: &Post) -> Option<String> {
    post.image
        .as_ref()
        .map(|i| format!("{group_url}media/{}", i.for_bots()))
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
    /// True for the group that has nothing archived and no successful fetch: no week
    /// can be said to have no popular posts.
    pub never_fetched: bool,
    /// True for the current (unfinished) period.
    pub is_current: bool,
    pub bot: &'a BotConfig,
    /// Every group of the site; quick replies go to the others.
    pub groups: &'a [GroupLink],
    /// The group's language: every text of its files.
    pub lang: &'a Lang,
}

pub(crate) fn gallery<'a>(input: &BotInput<'a>, texts: &'a Texts<'a>) -> Gallery<'a> {
    let bot = input.bot;
    let name = one_line(input.group_name, MAX_NAME_IN_TEXT);
    let lang = input.lang;
    let date = lang.date(input.period.first_day);
    let args = [("group", Arg::Str(&name)), ("date", Arg::Str(&date))];
    let quick_replies = if bot.quick_replies {
        quick_replies(input.group_slug, input.groups)
    } else {
        Vec::new()
    };
    if input.digest.ranked.is_empty() {
        let text = if input.never_fetched {
            lang.format("bot-never-fetched", &args)
        } else if input.is_current {
            lang.format("bot-empty-current", &args)
        } else {
            lang.format("bot-empty-past", &args)
        };
        return Gallery {
            intro: None,
            body: Body::Notice {
                text,
                button: Link {
                    title: &texts.group_label,
                    url: input.group_url,
                },
            },
            quick_replies,
        };
    }
    let intro = bot.intro.then(|| {
        if input.is_current {
            lang.format("bot-intro-current", &args)
        } else {
            lang.format("bot-intro-past", &args)
        }
    });
    let page = input.period_url.unwrap_or(input.group_url);
    let cards = texts
        .posts
        .iter()
        .take(MAX_ELEMENTS)
        .map(|t| card(t, texts, page))
        .collect();
    Gallery {
        intro,
        body: Body::Cards {
            aspect: bot.image_aspect_ratio.as_str(),
            cards,
        },
        quick_replies,
    }
}

/// A card's engagement line: the counts the ranking weighs, so with the default weights
/// "37 comments · 4 shares" (DESIGN.md's sample) even when the post also has reactions; the
/// week page shows every count.
fn ranked_engagement(post: &Post, ranking: &crate::config::RankingConfig, lang: &Lang) -> String {
    let w = &ranking.weights;
    let weighed = |count: u64, weight: f64| if weight > 0.0 { count } else { 0 };
    engagement(
        weighed(post.comments, w.comments),
        weighed(post.shares, w.shares),
        weighed(post.reactions, w.reactions),
        lang,
    )
}

fn card<'a>(t: &'a PostTexts<'a>, texts: &'a Texts<'a>, page: &'a str) -> Card<'a> {
    let mut buttons = Vec::with_capacity(2);
    if let Some(p) = t.permalink.as_deref() {
        buttons.push(Link {
            title: &texts.open_label,
            url: p,
        });
    }
    buttons.push(Link {
        title: &texts.all_label,
        url: page,
    });
    buttons.truncate(MAX_BUTTONS);
    Card {
        title: &t.title,
        subtitle: &t.subtitle,
        image_url: t.image_url.as_deref(),
        url: t.permalink.as_deref().unwrap_or(page),
        buttons,
    }
}

/// The other groups, in site order, as many as Messenger shows.
fn quick_replies<'a>(slug: &str, groups: &'a [GroupLink]) -> Vec<QuickReply<'a>> {
    groups
        .iter()
        .filter(|g| g.slug != slug)
        .take(MAX_QUICK_REPLIES)
        .map(|g| QuickReply {
            title: one_line(&g.name, MAX_QUICK_REPLY_TITLE),
            group_url: &g.url,
        })
        .collect()
}

/// A period's bot files: (file name, bytes).
pub(crate) type Files = Vec<(&'static str, Vec<u8>)>;

/// Every bot file of one period, by file name.
pub(crate) fn files(input: &BotInput) -> Files {
    let texts = Texts::new(input);
    let g = gallery(input, &texts);
    // A Chatfuel message is a Messenger message: the gallery attachment is the same JSON in
    // both files, serialized once.
    let attachment =
        messenger::attachment(&g.body).and_then(|a| serde_json::value::to_raw_value(&a).ok());
    let attachment = attachment.as_deref();
    vec![
        (
            "chatfuel.json",
            to_bytes(&chatfuel::response(&g, attachment)),
        ),
        ("manychat.json", to_bytes(&manychat::response(&g))),
        (
            "messenger.json",
            to_bytes(&messenger::message(&g, attachment)),
        ),
        ("digest.json", to_bytes(&digest::file(input, &texts))),
    ]
}

/// Serializes a bot file: compact JSON with a trailing newline, plain UTF-8. serde_json
/// escapes only what JSON requires (quotes, backslashes, control characters), never `<`,
/// `>` or `&`: the platforms show text literally.
pub(crate) fn to_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    // Our structs hold only strings, numbers and sequences: serializing cannot fail, and
    // if it ever did an empty object is still valid JSON rather than a panic.
    let mut v = Vec::with_capacity(4096);
    if serde_json::to_writer(&mut v, value).is_err() {
        v.clear();
        v.extend_from_slice(b"{}");
    }
    v.push(b'\n');
    v
}

/// Cuts a post's full text for plain data: whitespace kept, grapheme-safe, with "…".
pub(crate) fn cut_text(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    truncate(s.trim(), max)
}

#[cfg(test)]
mod tests;
