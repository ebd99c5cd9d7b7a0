//! The domain model every phase shares: a `Post`, a group's metadata, and a stored period.
//!
//! Sources normalize into these types; the store serializes them; rank and render read them.
//! Their serialized form is the `data/` archive format, so field order is stable on purpose.

use std::borrow::Cow;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One post, normalized from whichever source produced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    pub id: String,
    #[serde(deserialize_with = "utc_time::deserialize")]
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
    /// The page the post shares (a link attachment), when it is outside Facebook: what a post
    /// without text is titled by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<Link>,
    /// The archive's own copy of `picture`, under `data/<slug>/media/`, once one was kept:
    /// Facebook's picture URLs expire within weeks, the copy does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    // No author: names of members are never stored or published. An older archive's
    // `author` key is ignored when read and gone from the next write (`Store::apply`).
}

/// A page a post shares: its URL (http(s), never one of Facebook's own) and the title its
/// preview showed (untrusted text, one line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl Link {
    /// A shared link from what a source gives: `url` unwrapped from Facebook's redirect
    /// (`l.facebook.com/l.php?u=...`) and kept only when it is http(s) and outside Facebook
    /// (a photo's or event's attachment URL is Facebook's own page, not a shared link);
    /// `title` trimmed, empty dropped.
    pub fn shared(url: &str, title: Option<&str>) -> Option<Link> {
        let url = unshim(url)?;
        if is_facebook_host(url.host_str()?) {
            return None;
        }
        // Written out by `url`: the host lower-cased, as `domain` shows it.
        let url = String::from(url);
        let title = title
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty());
        Some(Link { url, title })
    }

    /// The link's host without `www.`: `example.com` for `https://www.example.com/a`
    /// (`url` is normalized by `http_url`: no user name, a host always present).
    pub fn domain(&self) -> &str {
        let rest = self.url.split_once("://").map_or(&*self.url, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        let host = if host.starts_with('[') {
            host.split_inclusive(']').next().unwrap_or(host)
        } else {
            host.split(':').next().unwrap_or(host)
        };
        host.strip_prefix("www.").unwrap_or(host)
    }

    /// What names the link in one line: its title, else its domain.
    pub fn label(&self) -> &str {
        self.title.as_deref().unwrap_or_else(|| self.domain())
    }
}

/// `url` as http(s), with Facebook's outbound redirect (`https://l.facebook.com/l.php?u=
/// <target>&h=...`, also `lm.` and `m.`) replaced by its target.
fn unshim(url: &str) -> Option<url::Url> {
    let parse = |s: &str| url::Url::parse(&http_url(s)?).ok();
    let url = parse(url)?;
    if is_facebook_host(url.host_str()?) && url.path() == "/l.php" {
        return parse(&url.query_pairs().find(|(k, _)| k == "u")?.1);
    }
    Some(url)
}

/// Facebook's own hosts: `facebook.com`, `fb.com`, `fb.me`, `fb.watch`, its picture CDN
/// `fbcdn.net`, and their subdomains.
fn is_facebook_host(host: &str) -> bool {
    ["facebook.com", "fb.com", "fb.me", "fb.watch", "fbcdn.net"]
        .iter()
        .any(|d| host == *d || host.strip_suffix(d).is_some_and(|s| s.ends_with('.')))
}

/// A picture kept in the archive: `data/<slug>/media/<file>`, published as
/// `<slug>/media/<file>`. An older archive's copy is one `<stem>.jpg` or `.png` with only
/// these three keys; a copy kept now is a WebP (`file`) with smaller WebPs (`sizes`) and,
/// while its week is open, a JPEG or PNG (`fallback`) for the bots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// The file name inside the group's `media/` folder (no folders): the largest copy.
    pub file: String,
    pub width: u32,
    pub height: u32,
    /// Smaller copies of the same picture, narrowest first (the page's `srcset`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sizes: Vec<Size>,
    /// The same picture as JPEG (PNG when it has transparency), as wide as `file`: what
    /// Messenger shows (JPEG, PNG, GIF) and link previews take. Dropped once its week is
    /// closed (`media::lean`): closed weeks' bot files then name `file`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<String>,
}

/// A smaller copy of a kept picture (same aspect ratio).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Size {
    pub file: String,
    pub width: u32,
    pub height: u32,
}

impl Image {
    /// An older archive's single copy.
    pub fn single(file: String, width: u32, height: u32) -> Image {
        Image {
            file,
            width,
            height,
            sizes: Vec::new(),
            fallback: None,
        }
    }

    /// Every file of the picture in `media/`.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.file.as_str())
            .chain(self.sizes.iter().map(|s| s.file.as_str()))
            .chain(self.fallback.as_deref())
    }

    /// The copy for readers that may not take WebP (bots, link previews): the fallback
    /// while there is one, else `file`.
    pub fn for_bots(&self) -> &str {
        self.fallback.as_deref().unwrap_or(&self.file)
    }
}

/// Reading the archive's times: `2026-11-25T12:00:00Z`, the form chrono writes for a
/// `DateTime<Utc>` with whole seconds, is parsed by hand; anything else (fractions, an
/// offset, a hand-edited file) goes through chrono's parser, as before.
mod utc_time {
    use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
    use serde::de::{self, Deserializer, Visitor};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        struct Rfc3339;
        impl Visitor<'_> for Rfc3339 {
            type Value = DateTime<Utc>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an RFC 3339 date and time")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                match whole_seconds_utc(s) {
                    Some(t) => Ok(t),
                    // What chrono's own `Deserialize` accepts.
                    None => s
                        .parse::<DateTime<chrono::FixedOffset>>()
                        .map(|t| t.to_utc())
                        .map_err(E::custom),
                }
            }
        }
        d.deserialize_str(Rfc3339)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, or `None` for any other form.
    pub(super) fn whole_seconds_utc(s: &str) -> Option<DateTime<Utc>> {
        let b = s.as_bytes();
        if b.len() != 20
            || [
                (4, b'-'),
                (7, b'-'),
                (10, b'T'),
                (13, b':'),
                (16, b':'),
                (19, b'Z'),
            ]
            .iter()
            .any(|&(i, c)| b[i] != c)
        {
            return None;
        }
        let num = |from: usize, to: usize| {
            b[from..to].iter().try_fold(0u32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        };
        let date = NaiveDate::from_ymd_opt(num(0, 4)? as i32, num(5, 7)?, num(8, 10)?)?;
        let time = NaiveTime::from_hms_opt(num(11, 13)?, num(14, 16)?, num(17, 19)?)?;
        Some(date.and_time(time).and_utc())
    }
}

/// Whether `t` can be a post's time: Facebook opened in 2004, and a time far outside that
/// range is a wrong unit or a typo (a spreadsheet serial date, microseconds read as
/// milliseconds) that would otherwise make the archive span millions of weeks.
pub fn is_plausible_post_time(t: DateTime<Utc>) -> bool {
    (PLAUSIBLE_YEARS.0..PLAUSIBLE_YEARS.1).contains(&chrono::Datelike::year(&t))
}

/// The years `is_plausible_post_time` accepts: from the first to before the second.
pub const PLAUSIBLE_YEARS: (i32, i32) = (2004, 2100);

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
        } else if self.link.is_some() {
            PostKind::Link
        } else if self.picture.is_some() {
            PostKind::Photo
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

    /// The message of a short label for a post without text ("Shared link", "Photo",
    /// "Post" in English): a template's `post.label`, and the title of a post with neither
    /// text nor a shared link.
    pub fn label_id(&self) -> &'static str {
        match self.kind() {
            PostKind::Link => "post-link",
            PostKind::Photo => "post-photo",
            PostKind::Text | PostKind::Other => "post-text",
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
    /// Who can see a group on Facebook (a Page has none: it is public). The default of
    /// `[[groups]] visibility` comes from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy: Option<GroupPrivacy>,
}

/// A group's `privacy` as the Graph API names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum GroupPrivacy {
    /// Anyone can see the posts.
    Open,
    /// Anyone can find the group; only members see the posts.
    Closed,
    /// Only members find it and see the posts.
    Secret,
}

impl GroupPrivacy {
    /// `OPEN`, `CLOSED` or `SECRET`, in any case; `None` for anything else.
    pub fn from_graph(s: &str) -> Option<Self> {
        match s.trim().to_ascii_uppercase().as_str() {
            "OPEN" => Some(Self::Open),
            "CLOSED" => Some(Self::Closed),
            "SECRET" => Some(Self::Secret),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "OPEN",
            Self::Closed => "CLOSED",
            Self::Secret => "SECRET",
        }
    }
}

/// Keeps a URL only when it is an absolute http(s) URL: post data is untrusted and a
/// `javascript:` link must never reach a page or a bot.
pub fn http_url(s: &str) -> Option<String> {
    checked_http_url(s).map(Cow::into_owned)
}

/// `http_url` without the copy where none is needed: the trimmed URL when it is absolute
/// http(s) and already written the way a valid URL is (the usual case), else the parsed
/// URL written out again, with every character a URL may not hold percent-encoded (so
/// `?q="a"` becomes `?q=%22a%22`, and a page's `href` is valid, not only escaped).
pub fn checked_http_url(s: &str) -> Option<Cow<'_, str>> {
    let s = s.trim();
    if is_plain_http_url(s) {
        return Some(Cow::Borrowed(s));
    }
    let u = url::Url::parse(s).ok()?;
    // A link with a user name (`https://www.facebook.com@evil.example/`) shows one host
    // and opens another.
    if !matches!(u.scheme(), "http" | "https")
        || u.host_str().is_none()
        || !u.username().is_empty()
        || u.password().is_some()
    {
        return None;
    }
    // The URL standard lets a domain hold `"`, `{` or `'`; no real host does.
    if u.domain().is_some_and(|d| !d.bytes().all(is_host_byte)) {
        return None;
    }
    // The parser writes the scheme and host validly and encodes most of the rest; what it
    // leaves (`|`, `^`, `[`, a lone `%`, a second `#`, …) is encoded here.
    let written = u.as_str();
    let path_start = u[..url::Position::BeforePath].len();
    let mut out = String::with_capacity(written.len() + 8);
    out.push_str(&written[..path_start]);
    let rest = &written.as_bytes()[path_start..];
    let mut in_fragment = false;
    for (i, &b) in rest.iter().enumerate() {
        if stands_as_it_is(rest, i, &mut in_fragment) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    Some(Cow::Owned(out))
}

/// The common shape, checked by bytes (render checks every link, so this is hot): a
/// lowercase http(s) scheme, a plain host with an optional port, then only characters a
/// valid URL holds as they are, every `%` starting an escape and at most one `#`.
fn is_plain_http_url(s: &str) -> bool {
    let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    else {
        return false;
    };
    let host_end = rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let (host, port) = match rest[..host_end].split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (&rest[..host_end], None),
    };
    // Dot-separated labels of host characters; a last label that starts with a digit would
    // make the URL standard read an IPv4 address, and `xn--` is punycode to check: both
    // take the parser's path.
    let labels_ok = host.split('.').all(|l| {
        !l.is_empty()
            && l.bytes().all(is_host_byte)
            && !l.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
    });
    let host_ok = labels_ok
        && !host
            .rsplit('.')
            .next()
            .is_some_and(|l| l.starts_with(|c: char| c.is_ascii_digit()));
    let port_ok =
        port.is_none_or(|p| p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok());
    let tail = &rest.as_bytes()[host_end..];
    let mut in_fragment = false;
    host_ok && port_ok && (0..tail.len()).all(|i| stands_as_it_is(tail, i, &mut in_fragment))
}

/// Whether byte `i` of what follows a URL's host is valid as it is: a URL code point, a
/// `%` that starts an escape, or the `#` that starts the fragment (`in_fragment` is set
/// once it has been seen).
fn stands_as_it_is(tail: &[u8], i: usize, in_fragment: &mut bool) -> bool {
    match tail[i] {
        b'%' => tail
            .get(i + 1..i + 3)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)),
        b'#' => !std::mem::replace(in_fragment, true),
        b => is_url_code_point(b),
    }
}

/// A character of a plain host name (an internationalized one is punycode by then).
fn is_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_')
}

/// An ASCII character that a valid URL's path, query or fragment holds as it is (WHATWG
/// URL "URL code points", ASCII part).
fn is_url_code_point(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!$&'()*+,-./:;=?@_~".contains(&b)
}

/// Keeps a URL only when it is https (Messenger refuses plain http images).
pub fn checked_https_url(s: &str) -> Option<Cow<'_, str>> {
    checked_http_url(s).filter(|u| u.starts_with("https://"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_shared_link_is_unwrapped_from_facebooks_redirect_and_named_by_its_domain() {
        let link = Link::shared(
            "https://l.facebook.com/l.php?u=http%3A%2F%2Fwww.Example.org%3A8080%2Fa%3Fb%3D1&h=AT",
            Some(" "),
        )
        .unwrap();
        assert_eq!(link.url, "http://www.example.org:8080/a?b=1");
        assert_eq!(
            (link.title.as_deref(), link.domain()),
            (None, "example.org")
        );
        let v6 = Link::shared("https://[::1]:8443/x", None).unwrap();
        assert_eq!(v6.domain(), "[::1]");
        for own in [
            "https://www.facebook.com/photo.php?fbid=1",
            "https://m.facebook.com/groups/1/permalink/2/",
            "https://fb.watch/abc/",
            "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.facebook.com%2Fevents%2F1",
            "https://l.facebook.com/l.php?u=javascript%3Aalert(1)",
            "javascript:alert(1)",
        ] {
            assert_eq!(Link::shared(own, Some("x")), None, "{own}");
        }
        // Only the host decides: a page that merely ends in "facebook.com" is someone else's.
        assert!(Link::shared("https://notfacebook.com/a", None).is_some());
        // A text-less post with a shared link is called one; a bare permalink is a "Post".
        let mut post = Post {
            id: "1".into(),
            created_time: "2026-11-25T12:05:00Z".parse().unwrap(),
            message: None,
            permalink_url: Some("https://www.facebook.com/1/".into()),
            picture: Some("https://scontent.xx.fbcdn.net/p.jpg".into()),
            comments: 0,
            shares: 0,
            reactions: 0,
            link: Link::shared("https://example.org/", None),
            image: None,
        };
        assert_eq!(post.label_id(), "post-link");
        post.link = None;
        assert_eq!(post.label_id(), "post-photo");
        post.picture = None;
        assert_eq!(post.label_id(), "post-text");
    }

    use super::*;

    #[test]
    fn only_http_urls_survive() {
        assert!(http_url("javascript:alert(1)").is_none());
        assert!(http_url("data:text/html,x").is_none());
        assert!(http_url("/relative").is_none());
        assert!(http_url("https://\"x.y/").is_none(), "a quote in the host");
        assert!(http_url("https://www.facebook.com@evil.example/").is_none());
        assert!(http_url("https://user:pw@x.y/").is_none());
        for invalid in [
            "https://x.y:99999/",
            "https://x.1/",
            "https://a..0/",
            "https://1.2.3.4.5/",
            "https://xn--a/",
        ] {
            assert!(http_url(invalid).is_none(), "{invalid}");
        }
        assert_eq!(
            http_url("https://1.2.3.4:8080/a").as_deref(),
            Some("https://1.2.3.4:8080/a")
        );
        assert_eq!(
            http_url(" https://x.y/a ").as_deref(),
            Some("https://x.y/a")
        );
        assert!(checked_https_url("http://x.y/a.jpg").is_none());
        assert_eq!(
            checked_https_url(" https://x.y/a.jpg").as_deref(),
            Some("https://x.y/a.jpg")
        );
    }

    #[test]
    fn a_usual_link_is_kept_as_it_is_and_a_strange_one_is_written_validly() {
        for plain in [
            "https://www.facebook.com/groups/1/permalink/2/",
            "https://scontent.xx.fbcdn.net/v/t39.30808-6/1_n.jpg?stp=dst-jpg_s720x720&_nc_ht=x&oh=00_Ab%2Fc&oe=6750",
            "http://example.com:8080/a?b=c#d",
            "https://x.y",
        ] {
            assert!(
                matches!(checked_http_url(plain), Some(Cow::Borrowed(s)) if s == plain),
                "{plain}"
            );
        }
        for (strange, valid) in [
            (
                r#"https://x.y/p/?a=1&b="2"&c=<3>"#,
                "https://x.y/p/?a=1&b=%222%22&c=%3C3%3E",
            ),
            (
                "https://x.y/a|b^c[d]{e}`f",
                "https://x.y/a%7Cb%5Ec%5Bd%5D%7Be%7D%60f",
            ),
            ("https://x.y/100%/#a#b", "https://x.y/100%25/#a%23b"),
            ("HTTPS://X.Y/caf\u{e9} x", "https://x.y/caf%C3%A9%20x"),
            ("https://[::1]:8080/a b", "https://[::1]:8080/a%20b"),
        ] {
            assert_eq!(
                checked_http_url(strange).as_deref(),
                Some(valid),
                "{strange}"
            );
            // What comes out is plain: checking it again changes nothing.
            assert!(
                matches!(checked_http_url(valid), Some(Cow::Borrowed(_))) || valid.contains('[')
            );
        }
    }

    #[test]
    fn archive_times_parse_alike_on_the_fast_and_the_general_path() {
        for s in [
            "2026-11-25T12:05:09Z",
            "2024-02-29T23:59:59Z",
            "1999-01-01T00:00:00Z",
        ] {
            let fast = utc_time::whole_seconds_utc(s).unwrap();
            assert_eq!(fast, DateTime::parse_from_rfc3339(s).unwrap().to_utc());
        }
        for s in [
            "2026-11-25T12:05:09.5Z",
            "2026-11-25T12:05:09+01:00",
            "2026-02-30T12:05:09Z",
            "2026-11-25T24:05:09Z",
            "2026-11-25 12:05:09Z",
            "2026-1a-25T12:05:09Z",
        ] {
            assert_eq!(utc_time::whole_seconds_utc(s), None, "{s}");
        }
        let read = |json: &str| {
            serde_json::from_str::<Post>(&format!(r#"{{"id":"1","created_time":{json}}}"#))
                .map(|p| p.created_time)
        };
        assert_eq!(
            read(r#""2026-11-25T12:05:09+01:00""#).unwrap(),
            read(r#""2026-11-25T11:05:09Z""#).unwrap()
        );
        assert!(read(r#""2026-02-30T12:05:09Z""#).is_err());
        assert!(read("12").is_err());
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
            link: None,
            image: None,
        };
        assert_eq!(p.first_line(), Some("Hello world"));
    }
}
