//! `chatfuel.json` (and `latest.json`): the response of Chatfuel's JSON API block,
//! `{"messages": [...]}`, each message a Messenger message (text or template attachment).
//!
//! Quick replies use Chatfuel's own shape: a tap makes Chatfuel fetch `url` as a JSON API
//! response (`json_plugin_url`), here the other group's `latest.json`.

use serde::Serialize;
use serde_json::value::RawValue;

use super::messenger::notice_text;
use super::{Body, Gallery, QuickReply};

#[derive(Debug, Serialize)]
pub(crate) struct Response<'a> {
    pub messages: Vec<ChatfuelMessage<'a>>,
}

/// A text or an attachment; quick replies ride on the last message.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(crate) enum ChatfuelMessage<'a> {
    Text {
        text: String,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        quick_replies: Vec<ChatfuelQuickReply>,
    },
    Attachment {
        /// A Messenger `Attachment`, serialized once for this file and `messenger.json`.
        attachment: &'a RawValue,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        quick_replies: Vec<ChatfuelQuickReply>,
    },
}

#[derive(Debug, Serialize)]
pub(crate) struct ChatfuelQuickReply {
    pub title: String,
    pub url: String,
    /// Always `json_plugin_url`.
    #[serde(rename = "type")]
    pub kind: &'static str,
}

fn quick_reply(q: &QuickReply) -> ChatfuelQuickReply {
    ChatfuelQuickReply {
        title: q.title.clone(),
        url: format!("{}latest.json", q.group_url),
        kind: "json_plugin_url",
    }
}

/// The JSON API response of `g`; `attachment` is `messenger::attachment(&g.body)` as JSON.
pub(crate) fn response<'a>(g: &'a Gallery<'a>, attachment: Option<&'a RawValue>) -> Response<'a> {
    let mut messages = Vec::new();
    if let (Some(intro), Body::Cards { .. }) = (&g.intro, &g.body) {
        messages.push(ChatfuelMessage::Text {
            text: intro.clone(),
            quick_replies: Vec::new(),
        });
    }
    let quick_replies = g.quick_replies.iter().map(quick_reply).collect();
    messages.push(match (attachment, notice_text(&g.body)) {
        (Some(attachment), _) => ChatfuelMessage::Attachment {
            attachment,
            quick_replies,
        },
        (None, text) => ChatfuelMessage::Text {
            text: text.unwrap_or_default(),
            quick_replies,
        },
    });
    Response { messages }
}
