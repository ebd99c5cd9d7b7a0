//! `manychat.json`: the response of a ManyChat Dynamic Block (External Request), format
//! `v2`: `{"version":"v2","content":{"messages":[...],"actions":[],"quick_replies":[...]}}`.
//!
//! ManyChat's dynamic block allows at most 11 quick replies (Messenger allows 13); a quick
//! reply is a `dynamic_block_callback` that fetches the other group's
//! `latest/manychat.json` with GET, since a static host answers nothing else.

use serde::Serialize;

use super::{Body, Card, Gallery, Link, QuickReply};

/// ManyChat's dynamic block limit on quick replies.
const MAX_QUICK_REPLIES: usize = 11;

#[derive(Debug, Serialize)]
pub(crate) struct Response {
    /// Always `v2`.
    pub version: &'static str,
    pub content: Content,
}

#[derive(Debug, Serialize)]
pub(crate) struct Content {
    pub messages: Vec<ManyChatMessage>,
    /// We never ask ManyChat to act (tags, fields): always empty.
    pub actions: Vec<NoAction>,
    pub quick_replies: Vec<ManyChatQuickReply>,
}

/// No action is ever sent; the empty type keeps `actions` empty by construction.
#[derive(Debug, Serialize)]
pub(crate) enum NoAction {}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum ManyChatMessage {
    Text {
        text: String,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        buttons: Vec<Button>,
    },
    Cards {
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
    pub action_url: String,
    pub buttons: Vec<Button>,
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Button {
    Url { caption: String, url: String },
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum ManyChatQuickReply {
    DynamicBlockCallback {
        caption: String,
        url: String,
        method: &'static str,
    },
}

fn button(link: &Link) -> Button {
    Button::Url {
        caption: link.title.clone(),
        url: link.url.clone(),
    }
}

fn element(c: &Card) -> Element {
    Element {
        title: c.title.clone(),
        subtitle: c.subtitle.clone(),
        image_url: c.image_url.clone(),
        action_url: c.url.clone(),
        buttons: c.buttons.iter().map(button).collect(),
    }
}

fn quick_reply(q: &QuickReply) -> ManyChatQuickReply {
    ManyChatQuickReply::DynamicBlockCallback {
        caption: q.title.clone(),
        url: format!("{}latest/manychat.json", q.group_url),
        method: "get",
    }
}

pub(crate) fn response(g: &Gallery) -> Response {
    let mut messages = Vec::new();
    match &g.body {
        Body::Cards { aspect, cards } => {
            if let Some(intro) = &g.intro {
                messages.push(ManyChatMessage::Text {
                    text: intro.clone(),
                    buttons: Vec::new(),
                });
            }
            messages.push(ManyChatMessage::Cards {
                image_aspect_ratio: aspect.clone(),
                elements: cards.iter().map(element).collect(),
            });
        }
        Body::Notice { text, button: b } => messages.push(ManyChatMessage::Text {
            text: text.clone(),
            buttons: vec![button(b)],
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
