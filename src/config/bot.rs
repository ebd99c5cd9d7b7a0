//! `[bot]`: which week `latest.json` serves and how the gallery looks.

use serde::{Deserialize, Deserializer, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LatestPeriod {
    /// This period once it has `auto_min_ranked` ranked posts, else the last complete one.
    Auto,
    /// This period so far (the seed's behaviour).
    Current,
    /// The last complete period.
    Previous,
}

/// `image_aspect_ratio` of the gallery, as Messenger names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AspectRatio {
    Horizontal,
    Square,
}

impl AspectRatio {
    pub fn as_str(self) -> &'static str {
        match self {
            AspectRatio::Horizontal => "horizontal",
            AspectRatio::Square => "square",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct BotConfig {
    /// Which period `latest.json` serves: "auto" (this period once it has `auto_min_ranked`
    /// ranked posts, else the last complete one), "current" or "previous". Default: "auto".
    pub latest: LatestPeriod,
    /// With `latest = "auto"`: ranked posts the current period needs before it is served,
    /// at least 1 (a value above `ranking.top` counts as `ranking.top`). Default: 3.
    #[serde(deserialize_with = "min_ranked")]
    pub auto_min_ranked: usize,
    /// Gallery image aspect ratio: "horizontal" or "square". Default: "horizontal".
    pub image_aspect_ratio: AspectRatio,
    /// A text message sent before the gallery ("Top posts of the week of 23 Nov 2026 in ...");
    /// not in `messenger.json`, which is one Send API message. Default: false.
    pub intro: bool,
    /// Quick replies to the other groups' latest digests (at most 13; 11 in ManyChat).
    /// Default: false.
    pub quick_replies: bool,
    /// Title of the button opening a post; not empty. Default: the group's language's
    /// (`bot-open`, "Open post" in English).
    #[serde(deserialize_with = "label")]
    pub open_label: Option<String>,
    /// Title of the button opening the period's page on the site. Default: the group's
    /// language's (`bot-all`, "All top posts").
    #[serde(deserialize_with = "label")]
    pub all_label: Option<String>,
    /// Title of the button under "No popular posts ..." opening the group's page on the
    /// site. Default: the group's language's (`bot-group`, "Past weeks").
    #[serde(deserialize_with = "label")]
    pub group_label: Option<String>,
}

impl Default for BotConfig {
    fn default() -> Self {
        Self {
            latest: LatestPeriod::Auto,
            auto_min_ranked: 3,
            image_aspect_ratio: AspectRatio::Horizontal,
            intro: false,
            quick_replies: false,
            open_label: None,
            all_label: None,
            group_label: None,
        }
    }
}

/// Messenger rejects a button without a title: the bot would show nothing.
fn label<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = String::deserialize(d)?;
    if s.trim().is_empty() {
        return Err(serde::de::Error::custom(
            "is empty; a button needs a title (at most 20 characters are shown)",
        ));
    }
    Ok(Some(s))
}

fn min_ranked<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    let n = i64::deserialize(d)?;
    match usize::try_from(n) {
        Ok(n @ 1..) => Ok(n),
        _ => Err(serde::de::Error::custom(format!(
            "{n} is out of range; it must be at least 1"
        ))),
    }
}
