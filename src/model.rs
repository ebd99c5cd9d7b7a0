//! The domain model every phase shares: a `Post`, a group's metadata, and a stored period.
//!
//! Sources normalize into these types; the store serializes them; rank and render read them.
//! Their serialized form is the `data/` archive format, so field order is stable on purpose.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One post, normalized from whichever source produced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    pub id: String,
    pub created_time: DateTime<Utc>,
    /// The post's text, as written (untrusted; escaped when rendered).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Link to the post on Facebook (kept only when it is http(s)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permalink_url: Option<String>,
    /// The post's picture (kept only when it is http(s)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
    /// Total comments (`comments.summary.total_count`, not the length of the first page).
    #[serde(default)]
    pub comments: u64,
    /// `shares.count`; absent in the API means 0.
    #[serde(default)]
    pub shares: u64,
    /// `reactions.summary.total_count`.
    #[serde(default)]
    pub reactions: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

/// What kind of post it is, for a label when it has no text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostKind {
    Text,
    Photo,
    Link,
    Other,
}

impl Post {
    pub fn kind(&self) -> PostKind {
        if self.text().is_some() {
            PostKind::Text
        } else if self.picture.is_some() {
            PostKind::Photo
        } else if self.permalink_url.is_some() {
            PostKind::Link
        } else {
            PostKind::Other
        }
    }

    /// The text when it has any non-whitespace content.
    pub fn text(&self) -> Option<&str> {
        self.message.as_deref().filter(|m| !m.trim().is_empty())
    }

    /// The first non-empty line of the text, trimmed.
    pub fn first_line(&self) -> Option<&str> {
        self.text()?.lines().map(str::trim).find(|l| !l.is_empty())
    }

    /// A short label for a post without text.
    pub fn label(&self) -> &'static str {
        match self.kind() {
            PostKind::Photo => "Photo",
            PostKind::Link => "Shared link",
            PostKind::Text | PostKind::Other => "Post",
        }
    }
}

/// A group's or Page's metadata as the source reported it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupInfo {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Members of a group or fans of a Page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_count: Option<u64>,
    /// Link to the group or Page on Facebook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<String>,
}

/// Keeps a URL only when it is an absolute http(s) URL: post data is untrusted and a
/// `javascript:` link must never reach a page or a bot.
pub fn http_url(s: &str) -> Option<String> {
    let s = s.trim();
    // Fast path for the common shape (render checks every link again, so this is hot): a
    // lowercase http(s) scheme, a host, and no whitespace or control character anywhere.
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    if let Some(rest) = rest {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if !host.is_empty()
            && !host.starts_with(['@', ':'])
            && !s.contains(|c: char| c.is_whitespace() || c.is_control() || c == '\\')
        {
            return Some(s.to_string());
        }
    }
    let u = url::Url::parse(s).ok()?;
    (matches!(u.scheme(), "http" | "https") && u.host_str().is_some()).then(|| s.to_string())
}

/// Keeps a URL only when it is https (Messenger refuses plain http images).
pub fn https_url(s: &str) -> Option<String> {
    http_url(s).filter(|u| u.starts_with("https://"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_survive() {
        assert!(http_url("javascript:alert(1)").is_none());
        assert!(http_url("data:text/html,x").is_none());
        assert!(http_url("/relative").is_none());
        assert_eq!(
            http_url(" https://x.y/a ").as_deref(),
            Some("https://x.y/a")
        );
        assert!(https_url("http://x.y/a.jpg").is_none());
    }

    #[test]
    fn first_line_skips_blank_lines() {
        let p = Post {
            id: "1".into(),
            created_time: DateTime::UNIX_EPOCH,
            message: Some("\n  \n  Hello world  \nsecond".into()),
            permalink_url: None,
            picture: None,
            comments: 0,
            shares: 0,
            reactions: 0,
            author: None,
        };
        assert_eq!(p.first_line(), Some("Hello world"));
    }
}
