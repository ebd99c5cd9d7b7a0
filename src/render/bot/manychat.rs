//! `manychat.json`: the response of a ManyChat Dynamic Block (External Request), format
//! `v2`: `{"version":"v2","content":{"messages":[...],"actions":[],"quick_replies":[...]}}`.
//!
//! ManyChat's dynamic block allows at most 11 quick replies (Messenger allows 13); a quick
//! reply is a `dynamic_block_callback` that fetches the other group's
//! `latest/manychat.json` with GET, since a static host answers nothing else.

use serde::{Serialize, Serializer};

use super::{Body, Card, Gallery, Link, QuickReply};

/// ManyChat's dynamic block limit on quick replies.
const MAX_QUICK_REPLIES: usize = 11;

#[derive(Debug, Serialize)]
pub(crate) struct Response<'a> {
    /// Always `v2`.
    pub version: &'static str,
    pub content: Content<'a>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Content<'a> {
    pub messages: Vec<ManyChatMessage<'a>>,
    /// We never ask ManyChat to act (tags, fields): always empty.
    pub actions: Vec<NoAction>,
    pub quick_replies: Vec<ManyChatQuickReply<'a>>,
}

/// No action is ever sent; the empty type keeps `actions` empty by construction.
#[derive(Debug, Serialize)]
pub(crate) enum NoAction {}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum ManyChatMessage<'a> {
    Text {
        text: &'a str,
        /// Each link as a `Button`.
        #[serde(
            skip_serializing_if = "<[_]>::is_empty",
            serialize_with = "each_button"
        )]
        buttons: &'a [Link<'a>],
    },
    Cards {
        image_aspect_ratio: &'a str,
        /// Each card as an `Element`.
        #[serde(serialize_with = "each_element")]
        elements: &'a [Card<'a>],
    },
}

#[derive(Debug, Serialize)]
pub(crate) struct Element<'a> {
    pub title: &'a str,
    pub subtitle: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_url: Option<&'a str>,
    pub action_url: &'a str,
    /// Each link as a `Button`.
    #[serde(serialize_with = "each_button")]
    pub buttons: &'a [Link<'a>],
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Button<'a> {
    Url { caption: &'a str, url: &'a str },
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum ManyChatQuickReply<'a> {
    DynamicBlockCallback {
        caption: &'a str,
        url: String,
        method: &'static str,
    },
}

fn button<'a>(link: &Link<'a>) -> Button<'a> {
    Button::Url {
        caption: link.title,
        url: link.url,
    }
}

fn each_button<S: Serializer>(links: &&[Link], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(links.iter().map(button))
}

fn element<'a>(c: &'a Card<'a>) -> Element<'a> {
    Element {
        title: c.title,
        subtitle: c.subtitle,
        image_url: c.image_url,
        action_url: c.url,
        buttons: &c.buttons,
    }
}

fn each_element<S: Serializer>(cards: &&[Card], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(cards.iter().map(element))
}

fn quick_reply<'a>(q: &'a QuickReply<'a>) -> ManyChatQuickReply<'a> {
    ManyChatQuickReply::DynamicBlockCallback {
        caption: &q.title,
        url: format!("{}latest/manychat.json", q.group_url),
        method: "get",
    }
}

pub(crate) fn response<'a>(g: &'a Gallery<'a>) -> Response<'a> {
    let mut messages = Vec::new();
    match &g.body {
        Body::Cards { aspect, cards } => {
            if let Some(intro) = &g.intro {
                messages.push(ManyChatMessage::Text {
                    text: intro,
                    buttons: &[],
                });
            }
            messages.push(ManyChatMessage::Cards {
                image_aspect_ratio: aspect,
                elements: cards,
            });
        }
        Body::Notice { text, button: b } => messages.push(ManyChatMessage::Text {
            text,
            buttons: std::slice::from_ref(b),
        }),
    }
    Response {
        version: "v2",
        content: Content {
            messages,
            actions: Vec::new(),
            quick_replies: g
                .quick_replies
                .iter()
                .take(MAX_QUICK_REPLIES)
                .map(quick_reply)
                .collect(),
        },
    }
}
