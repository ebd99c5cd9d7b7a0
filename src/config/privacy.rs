//! `[privacy]`: the posts members keep out of the digest, by a tag in their text or by
//! the admin's list of ids and permalinks (applied by `privacy::PostFilter` at fetch), and
//! the age keys a private group's posts are encrypted to (`seal`).

use serde::{Deserialize, Deserializer, Serialize};

use super::{ConfigError, Locator};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrivacyConfig {
    /// A post whose text holds one of these (a whole word, case-insensitive; a tag without
    /// `#` also matches its hashtag) is never stored, ranked or shown. `[]` turns opting out
    /// off. Default: `["#nodigest"]`.
    #[serde(deserialize_with = "tags")]
    pub opt_out_tags: Vec<String>,
    /// Post ids or Facebook permalinks (any form) never stored, ranked or shown, in every
    /// group. Default: none.
    pub exclude: Vec<String>,
    /// age public keys (`age1...`) a private group's posts are encrypted to where they
    /// would otherwise be committed in the clear (see `seal`). Default: none.
    pub age_recipients: Vec<String>,
}

impl Default for PrivacyConfig {
    fn default() -> Self {
        Self {
            opt_out_tags: vec!["#nodigest".into()],
            exclude: Vec::new(),
            age_recipients: Vec::new(),
        }
    }
}

impl PrivacyConfig {
    /// Every `exclude` entry must name a post: a typo would silently publish it.
    pub(super) fn validate(&self, at: &Locator) -> Result<(), ConfigError> {
        for (i, entry) in self.exclude.iter().enumerate() {
            if let Err(why) = crate::privacy::PostRef::parse(entry) {
                return Err(at.error(&format!("privacy.exclude[{i}]"), why));
            }
        }
        for (i, entry) in self.age_recipients.iter().enumerate() {
            if let Err(why) = crate::seal::check_recipient(entry) {
                return Err(at.error(&format!("privacy.age_recipients[{i}]"), why));
            }
        }
        Ok(())
    }
}

/// A tag is one word: `#nodigest` or `nodigest`, not empty, no spaces.
fn tags<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let tags = Vec::<String>::deserialize(d)?;
    for t in &tags {
        let word = t.strip_prefix('#').unwrap_or(t);
        if word.is_empty() || t.chars().any(char::is_whitespace) {
            return Err(serde::de::Error::custom(format!(
                "`{}` is not a tag; use one word such as \"#nodigest\"",
                t.escape_debug()
            )));
        }
    }
    Ok(tags)
}
