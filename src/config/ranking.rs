//! `[ranking]`: how a week's posts are scored and cut.

use serde::{Deserialize, Deserializer, Serialize};

/// Messenger's generic template shows at most this many elements.
pub(crate) const MAX_TOP: usize = 10;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct RankingConfig {
    /// Posts shown per period, 1 to 10 (Messenger's gallery limit). Default: 5 (the seed's).
    #[serde(deserialize_with = "top")]
    pub top: usize,
    /// Posts scoring below this are not ranked. Default: 1 (a share or a comment, as the seed).
    #[serde(deserialize_with = "finite")]
    pub min_score: f64,
    /// Score weights. Default: comments 1, shares 1, reactions 0 (the seed's score).
    pub weights: Weights,
}

impl Default for RankingConfig {
    fn default() -> Self {
        Self {
            top: 5,
            min_score: 1.0,
            weights: Weights::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    /// A number >= 0. Default: 1.0.
    #[serde(deserialize_with = "weight")]
    pub comments: f64,
    /// A number >= 0. Default: 1.0.
    #[serde(deserialize_with = "weight")]
    pub shares: f64,
    /// A number >= 0. Default: 0.0.
    #[serde(deserialize_with = "weight")]
    pub reactions: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            comments: 1.0,
            shares: 1.0,
            reactions: 0.0,
        }
    }
}

fn top<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    struct Integer;
    impl serde::de::Visitor<'_> for Integer {
        type Value = i64;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an integer")
        }
        fn visit_i64<E>(self, v: i64) -> Result<i64, E> {
            Ok(v)
        }
    }
    let n = d.deserialize_i64(Integer)?;
    match usize::try_from(n) {
        Ok(n @ 1..=MAX_TOP) => Ok(n),
        _ => Err(serde::de::Error::custom(format!(
            "{n} is out of range; it must be 1 to {MAX_TOP} (Messenger shows at most {MAX_TOP} gallery elements)"
        ))),
    }
}

fn finite<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let v = f64::deserialize(d)?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(serde::de::Error::custom("must be a finite number"))
    }
}

fn weight<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let v = f64::deserialize(d)?;
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(serde::de::Error::custom(format!(
            "{v} must be a number >= 0"
        )))
    }
}
