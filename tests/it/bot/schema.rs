//! The bot formats as the platforms document them, written independently of the renderer
//! (from Chatfuel's JSON API, ManyChat's Dynamic Block v2 and Messenger's Send API
//! references) with `deny_unknown_fields`, plus each platform's limits. A file that parses
//! here, checks out, and re-serializes to the same bytes is exactly what the platform takes.

use serde::{Deserialize, Serialize};

// ---- Messenger Send API (also the messages inside Chatfuel's response) ------------------

/// The `message` object of a Send API call: exactly one of `text` and `attachment`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Attachment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quick_replies: Vec<MessengerQuickReply>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Attachment {
    Template { payload: Payload },
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(tag = "template_type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Payload {
    Generic {
        image_aspect_ratio: AspectRatio,
        elements: Vec<Element>,
    },
    Button {
        text: String,
        buttons: Vec<Button>,
    },
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AspectRatio {
    Horizontal,
    Square,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Element {
    pub title: String,
    pub subtitle: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    pub default_action: DefaultAction,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<Button>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum DefaultAction {
    WebUrl { url: String },
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Button {
    WebUrl { url: String, title: String },
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(tag = "content_type", rename_all = "snake_case", deny_unknown_fields)]
pub enum MessengerQuickReply {
    Text { title: String, payload: String },
}

// ---- Chatfuel JSON API ----------------------------------------------------------------

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChatfuelResponse {
    pub messages: Vec<ChatfuelMessage>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(untagged)]
pub enum ChatfuelMessage {
    Text(ChatfuelText),
    Attachment(ChatfuelAttachment),
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChatfuelText {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quick_replies: Vec<ChatfuelQuickReply>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChatfuelAttachment {
    pub attachment: Attachment,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quick_replies: Vec<ChatfuelQuickReply>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChatfuelQuickReply {
    pub title: String,
    pub url: String,
    #[serde(rename = "type")]
    pub kind: JsonPluginUrl,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JsonPluginUrl {
    JsonPluginUrl,
}

// ---- ManyChat Dynamic Block v2 ------------------------------------------------------------

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ManyChatResponse {
    pub version: ManyChatVersion,
    pub content: ManyChatContent,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ManyChatVersion {
    V2,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ManyChatContent {
    pub messages: Vec<ManyChatMessage>,
    pub actions: Vec<serde_json::Value>,
    pub quick_replies: Vec<ManyChatQuickReply>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ManyChatMessage {
    Text {
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        buttons: Vec<ManyChatButton>,
    },
    Cards {
        image_aspect_ratio: AspectRatio,
        elements: Vec<ManyChatElement>,
    },
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ManyChatElement {
    pub title: String,
    pub subtitle: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    pub action_url: String,
    pub buttons: Vec<ManyChatButton>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ManyChatButton {
    Url { caption: String, url: String },
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ManyChatQuickReply {
    DynamicBlockCallback {
        caption: String,
        url: String,
        method: String,
    },
}

// ---- digest.json (our own, documented in docs/bot-formats.md) ----------------------------

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DigestFile {
    pub version: u32,
    pub group: DigestGroup,
    pub period: DigestPeriod,
    pub totals: DigestTotals,
    pub top_commented: Option<DigestPost>,
    pub top_shared: Option<DigestPost>,
    pub posts: Vec<DigestPost>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DigestGroup {
    pub slug: String,
    pub name: String,
    pub url: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DigestPeriod {
    pub key: String,
    pub label: String,
    pub start: String,
    pub end: String,
    pub is_current: bool,
    pub url: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DigestTotals {
    pub posts: u64,
    pub comments: u64,
    pub shares: u64,
    pub reactions: u64,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DigestPost {
    pub rank: Option<usize>,
    pub id: String,
    pub title: String,
    pub text: Option<String>,
    pub created_time: String,
    pub permalink_url: Option<String>,
    pub picture: Option<String>,
    pub comments: u64,
    pub shares: u64,
    pub reactions: u64,
    pub score: f64,
}

// ---- limits ---------------------------------------------------------------------------------

/// Parses `text` as `T`, naming the JSON path of the first mismatch, and checks that
/// serializing it back gives the same bytes (no field lost, none reordered).
pub fn parse_exact<T: for<'de> Deserialize<'de> + Serialize>(name: &str, text: &str) -> T {
    let de = &mut serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(de)
        .unwrap_or_else(|e| panic!("{name}: {e} at `{}`\n{text}", e.path()));
    let again = serde_json::to_string(&value).unwrap() + "\n";
    assert_eq!(again, text, "{name} does not round-trip");
    value
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

#[track_caller]
pub fn check_url(ctx: &str, u: &str) {
    let parsed = url::Url::parse(u).unwrap_or_else(|e| panic!("{ctx}: `{u}`: {e}"));
    assert!(
        matches!(parsed.scheme(), "http" | "https") && parsed.host_str().is_some(),
        "{ctx}: `{u}` is not absolute http(s)"
    );
}

#[track_caller]
fn check_text(ctx: &str, s: &str, max: usize) {
    assert!(!s.trim().is_empty(), "{ctx}: empty text");
    assert!(
        chars(s) <= max,
        "{ctx}: {} > {max} characters: {s:?}",
        chars(s)
    );
    assert_eq!(
        s,
        s.split_whitespace().collect::<Vec<_>>().join(" "),
        "{ctx}: whitespace not collapsed"
    );
}

fn check_image(ctx: &str, u: &Option<String>) {
    if let Some(u) = u {
        check_url(ctx, u);
        assert!(u.starts_with("https://"), "{ctx}: image `{u}` is not https");
    }
}

fn check_button(ctx: &str, b: &Button) {
    let Button::WebUrl { url, title } = b;
    check_url(ctx, url);
    check_text(ctx, title, 20);
}

pub fn check_attachment(ctx: &str, a: &Attachment) {
    let Attachment::Template { payload } = a;
    match payload {
        Payload::Generic { elements, .. } => {
            assert!(
                (1..=10).contains(&elements.len()),
                "{ctx}: {} elements",
                elements.len()
            );
            for e in elements {
                check_text(ctx, &e.title, 80);
                check_text(ctx, &e.subtitle, 80);
                check_image(ctx, &e.image_url);
                let DefaultAction::WebUrl { url } = &e.default_action;
                check_url(ctx, url);
                assert!(e.buttons.len() <= 3, "{ctx}: {} buttons", e.buttons.len());
                e.buttons.iter().for_each(|b| check_button(ctx, b));
            }
        }
        Payload::Button { text, buttons } => {
            check_text(ctx, text, 640);
            assert!(
                (1..=3).contains(&buttons.len()),
                "{ctx}: {} buttons",
                buttons.len()
            );
            buttons.iter().for_each(|b| check_button(ctx, b));
        }
    }
}

pub fn check_messenger(ctx: &str, m: &Message) {
    match (&m.text, &m.attachment) {
        (Some(text), None) => assert!(!text.is_empty() && chars(text) <= 2000, "{ctx}: text"),
        (None, Some(a)) => check_attachment(ctx, a),
        _ => panic!("{ctx}: a message has exactly one of `text` and `attachment`"),
    }
    assert!(m.quick_replies.len() <= 13, "{ctx}: too many quick replies");
    for MessengerQuickReply::Text { title, payload } in &m.quick_replies {
        check_text(ctx, title, 20);
        assert!(chars(payload) <= 1000, "{ctx}: payload too long");
    }
}

pub fn check_chatfuel(ctx: &str, r: &ChatfuelResponse) {
    assert!(!r.messages.is_empty(), "{ctx}: no message");
    for m in &r.messages {
        let quick = match m {
            ChatfuelMessage::Text(t) => {
                check_text(ctx, &t.text, 2000);
                &t.quick_replies
            }
            ChatfuelMessage::Attachment(a) => {
                check_attachment(ctx, &a.attachment);
                &a.quick_replies
            }
        };
        assert!(quick.len() <= 13, "{ctx}: too many quick replies");
        for q in quick {
            check_text(ctx, &q.title, 20);
            check_url(ctx, &q.url);
        }
    }
}

fn check_manychat_button(ctx: &str, b: &ManyChatButton) {
    let ManyChatButton::Url { caption, url } = b;
    check_text(ctx, caption, 20);
    check_url(ctx, url);
}

pub fn check_manychat(ctx: &str, r: &ManyChatResponse) {
    let c = &r.content;
    assert!(
        (1..=10).contains(&c.messages.len()),
        "{ctx}: {} messages",
        c.messages.len()
    );
    assert!(c.actions.len() <= 5 && c.quick_replies.len() <= 11, "{ctx}");
    for m in &c.messages {
        match m {
            ManyChatMessage::Text { text, buttons } => {
                check_text(ctx, text, 640);
                assert!(buttons.len() <= 3);
                buttons.iter().for_each(|b| check_manychat_button(ctx, b));
            }
            ManyChatMessage::Cards { elements, .. } => {
                assert!(
                    (1..=10).contains(&elements.len()),
                    "{ctx}: {} cards",
                    elements.len()
                );
                for e in elements {
                    check_text(ctx, &e.title, 80);
                    check_text(ctx, &e.subtitle, 80);
                    check_image(ctx, &e.image_url);
                    check_url(ctx, &e.action_url);
                    assert!(e.buttons.len() <= 3, "{ctx}");
                    e.buttons.iter().for_each(|b| check_manychat_button(ctx, b));
                }
            }
        }
    }
    for ManyChatQuickReply::DynamicBlockCallback {
        caption,
        url,
        method,
    } in &c.quick_replies
    {
        check_text(ctx, caption, 20);
        check_url(ctx, url);
        assert_eq!(method, "get", "{ctx}: a static host answers GET only");
    }
}

pub fn check_digest(ctx: &str, d: &DigestFile) {
    check_url(ctx, &d.group.url);
    if let Some(u) = &d.period.url {
        check_url(ctx, u);
    }
    for p in d.posts.iter().chain(&d.top_commented).chain(&d.top_shared) {
        for u in p.permalink_url.iter().chain(&p.picture) {
            check_url(ctx, u);
        }
        check_text(ctx, &p.title, 80);
    }
    for (i, p) in d.posts.iter().enumerate() {
        assert_eq!(p.rank, Some(i + 1), "{ctx}");
    }
    assert!(d.posts.len() <= 10, "{ctx}");
}
