//! Bot outputs: the Messenger generic-template gallery in each platform's JSON shape.
//!
//! Every format is built from one platform-neutral `Gallery` whose texts are already plain,
//! collapsed and cut to Messenger's limits, so the limits hold in every file by
//! construction. Each format has explicit schema structs: a change to an internal type
//! never silently changes a public JSON file.

use serde::{Deserialize, Serialize};

use super::text::{engagement, one_line, truncate};
use crate::model::{https_url, Post};
use crate::rank::Digest;

/// Messenger's limits for a generic template.
pub const MAX_ELEMENTS: usize = 10;
pub const MAX_TITLE: usize = 80;
pub const MAX_SUBTITLE: usize = 80;
pub const MAX_BUTTONS: usize = 3;
pub const MAX_BUTTON_TITLE: usize = 20;

/// One gallery card, platform-neutral, limits applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub title: String,
    pub subtitle: String,
    /// https only.
    pub image_url: Option<String>,
    /// The card's tap target: the post's permalink, else the period's page.
    pub url: String,
    /// (title, url), at most 3.
    pub buttons: Vec<(String, String)>,
}

/// What every bot file of one period says.
#[derive(Debug, Clone, PartialEq)]
pub enum Gallery {
    Cards {
        aspect: String,
        cards: Vec<Card>,
    },
    /// Nothing ranked: a short text (Messenger rejects an empty gallery).
    Empty {
        text: String,
        url: String,
    },
}

/// Inputs for a period's gallery.
pub struct GalleryInput<'a> {
    pub group_name: &'a str,
    pub digest: &'a Digest<'a>,
    /// Absolute URL of the period's page on our site.
    pub period_url: &'a str,
    /// Absolute URL of the group's page on our site.
    pub group_url: &'a str,
    /// True for the current (unfinished) period.
    pub is_current: bool,
    pub aspect: &'a str,
    pub open_label: &'a str,
    pub all_label: &'a str,
}

pub fn gallery(input: &GalleryInput) -> Gallery {
    if input.digest.ranked.is_empty() {
        let when = if input.is_current {
            "yet this week"
        } else {
            "that week"
        };
        return Gallery::Empty {
            text: format!(
                "No popular posts {when} in {}.",
                one_line(input.group_name, 200)
            ),
            url: input.group_url.to_string(),
        };
    }
    let cards = input
        .digest
        .ranked
        .iter()
        .take(MAX_ELEMENTS)
        .map(|r| card(r.post, input))
        .collect();
    Gallery::Cards {
        aspect: input.aspect.to_string(),
        cards,
    }
}

fn card(post: &Post, input: &GalleryInput) -> Card {
    let title = post
        .first_line()
        .map(|l| one_line(l, MAX_TITLE))
        .unwrap_or_else(|| post.label().to_string());
    let permalink = post.permalink_url.clone();
    let mut buttons = Vec::new();
    if let Some(p) = &permalink {
        buttons.push((truncate(input.open_label, MAX_BUTTON_TITLE), p.clone()));
    }
    buttons.push((
        truncate(input.all_label, MAX_BUTTON_TITLE),
        input.period_url.to_string(),
    ));
    buttons.truncate(MAX_BUTTONS);
    Card {
        title,
        subtitle: one_line(
            &engagement(post.comments, post.shares, post.reactions),
            MAX_SUBTITLE,
        ),
        image_url: post.picture.as_deref().and_then(https_url),
        url: permalink.unwrap_or_else(|| input.period_url.to_string()),
        buttons,
    }
}

// ---- Chatfuel JSON API response -------------------------------------------------------

/// Chatfuel's JSON API response: `{"messages": [...]}`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChatfuelResponse {
    pub messages: Vec<ChatfuelMessage>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum ChatfuelMessage {
    Attachment { attachment: ChatfuelAttachment },
    Text { text: String },
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChatfuelAttachment {
    #[serde(rename = "type")]
    pub kind: String,
    pub payload: GenericPayload,
}

/// The Messenger generic template payload, shared by Chatfuel and the Send API.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GenericPayload {
    pub template_type: String,
    pub image_aspect_ratio: String,
    pub elements: Vec<GenericElement>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GenericElement {
    pub title: String,
    pub subtitle: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    pub default_action: DefaultAction,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<WebUrlButton>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DefaultAction {
    #[serde(rename = "type")]
    pub kind: String,
    pub url: String,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WebUrlButton {
    #[serde(rename = "type")]
    pub kind: String,
    pub url: String,
    pub title: String,
}

fn generic_elements(cards: &[Card]) -> Vec<GenericElement> {
    cards
        .iter()
        .map(|c| GenericElement {
            title: c.title.clone(),
            subtitle: c.subtitle.clone(),
            image_url: c.image_url.clone(),
            default_action: DefaultAction {
                kind: "web_url".into(),
                url: c.url.clone(),
            },
            buttons: c
                .buttons
                .iter()
                .map(|(title, url)| WebUrlButton {
                    kind: "web_url".into(),
                    url: url.clone(),
                    title: title.clone(),
                })
                .collect(),
        })
        .collect()
}

pub fn chatfuel(g: &Gallery) -> ChatfuelResponse {
    let message = match g {
        Gallery::Cards { aspect, cards } => ChatfuelMessage::Attachment {
            attachment: ChatfuelAttachment {
                kind: "template".into(),
                payload: GenericPayload {
                    template_type: "generic".into(),
                    image_aspect_ratio: aspect.clone(),
                    elements: generic_elements(cards),
                },
            },
        },
        Gallery::Empty { text, url } => ChatfuelMessage::Text {
            text: format!("{text} {url}"),
        },
    };
    ChatfuelResponse {
        messages: vec![message],
    }
}

/// Serializes a bot file: compact JSON with a trailing newline, plain UTF-8 (no HTML
/// escaping: the platforms show text literally).
pub fn to_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    let mut v = serde_json::to_vec(value).expect("bot structs always serialize");
    v.push(b'\n');
    v
}
