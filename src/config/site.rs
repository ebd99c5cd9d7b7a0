//! `[site]`: title, URLs, the clock (timezone and week start) and folders.

use std::path::PathBuf;

use chrono::Weekday;
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SiteConfig {
    /// Shown in page titles and feeds. Default: "Community digest".
    pub title: String,
    /// A line under the title on the home page. Default: empty.
    pub description: String,
    /// Absolute http(s) URL the site is published at; may have a sub-path. Default:
    /// `http://localhost:8000/` (fine for a local preview, set it before publishing).
    #[serde(deserialize_with = "base_url")]
    pub base_url: String,
    /// IANA timezone; periods start at local midnight here. Default: "UTC".
    #[serde(deserialize_with = "timezone")]
    pub timezone: Tz,
    /// First day of a week, e.g. "monday" (the seed's default) or "sunday". Default: "monday".
    #[serde(deserialize_with = "weekday")]
    pub week_start: Weekday,
    /// Where the site is written, relative to `site.toml`. Default: "public".
    pub output_dir: PathBuf,
    /// Where the archive is kept, relative to `site.toml`. Default: "data".
    pub data_dir: PathBuf,
    /// Language of the HTML pages (`<html lang>`). Default: "en".
    pub language: String,
}

impl Default for SiteConfig {
    fn default() -> Self {
        Self {
            title: "Community digest".into(),
            description: String::new(),
            base_url: "http://localhost:8000/".into(),
            timezone: Tz::UTC,
            week_start: Weekday::Mon,
            output_dir: "public".into(),
            data_dir: "data".into(),
            language: "en".into(),
        }
    }
}

fn timezone<'de, D: Deserializer<'de>>(d: D) -> Result<Tz, D::Error> {
    let s = String::deserialize(d)?;
    s.trim().parse().map_err(|_| {
        serde::de::Error::custom(format!(
            "`{s}` is not an IANA timezone name (e.g. \"UTC\", \"America/Mexico_City\")"
        ))
    })
}

fn weekday<'de, D: Deserializer<'de>>(d: D) -> Result<Weekday, D::Error> {
    let s = String::deserialize(d)?;
    parse_weekday(&s).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "`{s}` is not a day of the week (e.g. \"monday\", \"sunday\")"
        ))
    })
}

fn base_url<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    check_base_url(&s).map_err(|why| serde::de::Error::custom(format!("`{s}` {why}")))?;
    Ok(s)
}

pub(crate) fn parse_weekday(s: &str) -> Option<Weekday> {
    let s = s.trim().to_ascii_lowercase();
    Some(match s.as_str() {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

pub(crate) fn check_http_url(s: &str) -> Result<url::Url, &'static str> {
    let u = url::Url::parse(s).map_err(|_| "is not an absolute http(s) URL")?;
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none() {
        return Err("is not an absolute http(s) URL");
    }
    Ok(u)
}

/// `site.base_url` (and `--base-url`): absolute http(s), no query or fragment.
pub(crate) fn check_base_url(s: &str) -> Result<(), &'static str> {
    let u = check_http_url(s)?;
    if u.query().is_some() || u.fragment().is_some() {
        return Err("must not have a query or fragment");
    }
    Ok(())
}

/// A warning when `base_url` still has a placeholder host (`OWNER.github.io`, the scaffold's,
/// or a reserved example domain): every link in the bot JSON would point nowhere.
pub(crate) fn placeholder_base_url(base_url: &str) -> Option<String> {
    let host = url::Url::parse(base_url)
        .ok()?
        .host_str()?
        .to_ascii_lowercase();
    let first = host.split('.').next().unwrap_or_default();
    let placeholder = (host.ends_with(".github.io")
        && [
            "owner",
            "user",
            "username",
            "example",
            "your-name",
            "yourname",
        ]
        .contains(&first))
        || ["example.com", "example.org", "example.net"]
            .iter()
            .any(|d| host == *d || host.ends_with(&format!(".{d}")))
        || host.ends_with(".example");
    placeholder.then(|| {
        format!(
            "`site.base_url` is `{base_url}`, a placeholder: links in the site and the bot JSON \
             would point nowhere; set it to the site's address, or pass `--base-url` (the \
             workflow `groupdigest init` writes passes the address GitHub Pages reports)"
        )
    })
}
