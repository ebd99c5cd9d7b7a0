//! `messenger.json`: the `message` object of a Messenger Send API call, which a bot of one's
//! own posts as is. Its attachment structs are shared with Chatfuel, whose JSON API
//! messages are Messenger messages.
//!
//! A Send API call carries one message, so the intro text is not part of this file; quick
//! replies carry the URL of the other group's `latest/messenger.json` as their payload.
//!
//! The structs borrow the gallery's texts; sequences of cards and buttons are serialized
//! straight from the gallery (`serialize_with`), each item through its schema struct.

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use super::{Body, Card, Gallery, Link, QuickReply};

/// Messenger refuses a quick reply payload longer than this.
const MAX_PAYLOAD: usize = 1000;

/// A Send API `message`: a gallery attachment, or a plain text when nothing was ranked.
#[derive(Debug, Serialize)]
pub(crate) struct Message<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// An `Attachment`, serialized once for this file and Chatfuel's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attachment: Option<&'a RawValue>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quick_replies: Vec<MessengerQuickReply>,
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Attachment<'a> {
    Template { payload: Payload<'a> },
}

#[derive(Debug, Serialize)]
#[serde(tag = "template_type", rename_all = "snake_case")]
pub(crate) enum Payload<'a> {
    /// A gallery of cards.
    Generic {
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
    pub default_action: DefaultAction<'a>,
    /// Each link as a `Button`.
    #[serde(
        skip_serializing_if = "<[_]>::is_empty",
        serialize_with = "each_button"
    )]
    pub buttons: &'a [Link<'a>],
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum DefaultAction<'a> {
    WebUrl { url: &'a str },
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Button<'a> {
    WebUrl { url: &'a str, title: &'a str },
}

#[derive(Debug, Serialize)]
#[serde(tag = "content_type", rename_all = "snake_case")]
pub(crate) enum MessengerQuickReply {
    Text { title: String, payload: String },
}

fn button<'a>(link: &Link<'a>) -> Button<'a> {
    Button::WebUrl {
        url: link.url,
        title: link.title,
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
        default_action: DefaultAction::WebUrl { url: c.url },
        buttons: &c.buttons,
    }
}

fn each_element<S: Serializer>(cards: &&[Card], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(cards.iter().map(element))
}

/// The gallery attachment of a body with cards; `None` for a notice, which is sent as a
/// plain text message (DESIGN.md's shape: never an empty gallery).
pub(crate) fn attachment<'a>(body: &'a Body<'a>) -> Option<Attachment<'a>> {
    match body {
        Body::Cards { aspect, cards } => Some(Attachment::Template {
            payload: Payload::Generic {
                image_aspect_ratio: aspect,
                elements: cards,
            },
        }),
        Body::Notice { .. } => None,
    }
}

/// The text of a notice: the sentence, then the link to the group's page.
pub(crate) fn notice_text(body: &Body) -> Option<String> {
    match body {
        Body::Notice { text, button } => Some(format!("{text} {}", button.url)),
        Body::Cards { .. } => None,
    }
}

fn quick_reply(q: &QuickReply) -> Option<MessengerQuickReply> {
    let payload = format!("{}latest/messenger.json", q.group_url);
    (payload.chars().count() <= MAX_PAYLOAD).then(|| MessengerQuickReply::Text {
        title: q.title.clone(),
        payload,
    })
}

/// The Send API message of `g`; `attachment` is `attachment(&g.body)` as JSON.
pub(crate) fn message<'a>(g: &'a Gallery<'a>, attachment: Option<&'a RawValue>) -> Message<'a> {
    Message {
        text: notice_text(&g.body),
        attachment,
        quick_replies: g.quick_replies.iter().filter_map(quick_reply).collect(),
    }
}
