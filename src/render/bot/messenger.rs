//! `messenger.json`: the `message` object of a Messenger Send API call, which a bot of one's
//! own posts as is. Its attachment structs are shared with Chatfuel, whose JSON API
//! messages are Messenger messages.
//!
//! A Send API call carries one message, so the intro text is not part of this file; quick
//! replies carry the URL of the other group's `latest/messenger.json` as their payload.

use serde::Serialize;

use super::{Body, Card, Gallery, Link, QuickReply};

/// Messenger refuses a quick reply payload longer than this.
const MAX_PAYLOAD: usize = 1000;

/// A Send API `message`: a gallery attachment, or a plain text when nothing was ranked.
#[derive(Debug, Serialize)]
pub(crate) struct Message {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Attachment>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quick_replies: Vec<MessengerQuickReply>,
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Attachment {
    Template { payload: Payload },
}

#[derive(Debug, Serialize)]
#[serde(tag = "template_type", rename_all = "snake_case")]
pub(crate) enum Payload {
    /// A gallery of cards.
    Generic {
        image_aspect_ratio: String,
        elements: Vec<Element>,
    },
}

#[derive(Debug, Serialize)]
pub(crate) struct Element {
    pub title: String,
    pub subtitle: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    pub default_action: DefaultAction,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<Button>,
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum DefaultAction {
    WebUrl { url: String },
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Button {
    WebUrl { url: String, title: String },
}

#[derive(Debug, Serialize)]
#[serde(tag = "content_type", rename_all = "snake_case")]
pub(crate) enum MessengerQuickReply {
    Text { title: String, payload: String },
}

pub(crate) fn button(link: &Link) -> Button {
    Button::WebUrl {
        url: link.url.clone(),
        title: link.title.clone(),
    }
}

fn element(c: &Card) -> Element {
    Element {
        title: c.title.clone(),
        subtitle: c.subtitle.clone(),
        image_url: c.image_url.clone(),
        default_action: DefaultAction::WebUrl { url: c.url.clone() },
        buttons: c.buttons.iter().map(button).collect(),
    }
}

/// The gallery attachment of a body with cards; `None` for a notice, which is sent as a
/// plain text message (DESIGN.md's shape: never an empty gallery).
pub(crate) fn attachment(body: &Body) -> Option<Attachment> {
    match body {
        Body::Cards { aspect, cards } => Some(Attachment::Template {
            payload: Payload::Generic {
                image_aspect_ratio: aspect.clone(),
                elements: cards.iter().map(element).collect(),
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

pub(crate) fn message(g: &Gallery) -> Message {
    Message {
        text: notice_text(&g.body),
        attachment: attachment(&g.body),
        quick_replies: g.quick_replies.iter().filter_map(quick_reply).collect(),
    }
}
