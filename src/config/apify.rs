//! `[apify]`: how groups of `kind = "apify"` are fetched through the Apify API v2 (which
//! actor or saved task, a new run or the last one, the limits of a run). One table for every
//! apify group; a group's own input lives in its `[groups.apify]`.

use serde::{Deserialize, Deserializer, Serialize};

use super::{ConfigError, Locator};

/// The actor run when neither `actor` nor `task` is set: Apify's own Facebook Groups Scraper.
pub const DEFAULT_ACTOR: &str = "apify~facebook-groups-scraper";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ApifyConfig {
    /// Environment variable holding the Apify API token (also read from `.env`); never put
    /// the token in site.toml. Default: "APIFY_TOKEN".
    pub token_env: String,
    /// Apify API base URL; tests point it at a loopback server.
    /// Default: "https://api.apify.com".
    #[serde(deserialize_with = "api_base")]
    pub api_base: String,
    /// The actor to run, `<user>~<name>` (or `<user>/<name>`, or its id).
    /// Default: "apify~facebook-groups-scraper". Not with `task`.
    #[serde(deserialize_with = "req_reference")]
    pub actor: String,
    /// A saved task (an actor with a saved input), `<user>~<task>`, run instead of
    /// `actor`. Default: none.
    #[serde(deserialize_with = "opt_reference")]
    pub task: Option<String>,
    /// "new": start a run for each group and wait for it; "last": read the newest
    /// SUCCEEDED run of the task or actor (an Apify schedule made it). Default: "new".
    pub run: RunMode,
    /// The most posts asked of one run (the actor's `resultsLimit`), 1 to 100000.
    /// Default: 300.
    #[serde(deserialize_with = "max_posts")]
    pub max_posts: u32,
    /// Seconds a run may take, 1 to 86400: one not finished by then fails its group and is
    /// aborted. Default: 900.
    #[serde(deserialize_with = "timeout_secs")]
    pub timeout_secs: u64,
    /// Groups fetched at the same time, at least 1 (each new run holds memory of the
    /// Apify account, whose plan caps what runs at once). Default: 1.
    pub concurrency: usize,
    /// Retries of a request refused for a passing reason (HTTP 429 or 5xx, a dropped
    /// connection). Default: 5.
    pub retries: u32,
    /// First backoff delay in milliseconds, doubled each retry (with jitter). Default: 1000.
    pub backoff_ms: u64,
}

impl Default for ApifyConfig {
    fn default() -> Self {
        Self {
            token_env: "APIFY_TOKEN".into(),
            api_base: "https://api.apify.com".into(),
            actor: DEFAULT_ACTOR.into(),
            task: None,
            run: RunMode::New,
            max_posts: 300,
            timeout_secs: 900,
            concurrency: 1,
            retries: 5,
            backoff_ms: 1000,
        }
    }
}

/// What runs for an apify group: an actor, or a saved task of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApifyTarget<'a> {
    Actor(&'a str),
    Task(&'a str),
}

impl ApifyTarget<'_> {
    /// "actor `apify~facebook-groups-scraper`", for messages.
    pub fn describe(&self) -> String {
        match self {
            ApifyTarget::Actor(a) => format!("actor `{a}`"),
            ApifyTarget::Task(t) => format!("task `{t}`"),
        }
    }

    /// The key that names it in site.toml.
    pub fn key(&self) -> &'static str {
        match self {
            ApifyTarget::Actor(_) => "apify.actor",
            ApifyTarget::Task(_) => "apify.task",
        }
    }
}

impl ApifyConfig {
    /// The actor or task every apify group runs.
    pub fn target(&self) -> ApifyTarget<'_> {
        match &self.task {
            Some(task) => ApifyTarget::Task(task),
            None => ApifyTarget::Actor(&self.actor),
        }
    }

    pub(super) fn validate(&self, at: &Locator) -> Result<(), ConfigError> {
        // A task names its actor: one also set to another actor is a contradiction.
        if self.task.is_some() && self.actor != DEFAULT_ACTOR {
            return Err(at.error(
                "apify.task",
                "is set with `actor`: set one of them (a task already names its actor)",
            ));
        }
        if self.concurrency == 0 {
            return Err(at.error("apify.concurrency", "must be at least 1"));
        }
        if self.token_env.trim().is_empty() {
            return Err(at.error(
                "apify.token_env",
                "is empty; name the environment variable that holds the token (\"APIFY_TOKEN\")",
            ));
        }
        Ok(())
    }
}

/// `run` of `[apify]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RunMode {
    /// Start a run per group and wait for it.
    #[default]
    New,
    /// Read the newest SUCCEEDED run.
    Last,
}

impl RunMode {
    pub fn as_str(self) -> &'static str {
        match self {
            RunMode::New => "new",
            RunMode::Last => "last",
        }
    }
}

impl<'de> Deserialize<'de> for RunMode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        [RunMode::New, RunMode::Last]
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "`{s}` is not a run mode; use \"new\" (start a run and wait for it) or \
                     \"last\" (read the newest succeeded run)"
                ))
            })
    }
}

/// `[groups.apify]`: what one apify group adds to the run's input.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct GroupApify {
    /// Keys merged into the run's input over groupdigest's own (`startUrls`,
    /// `resultsLimit`, `onlyPostsNewerThan`, `viewOption`), as the actor's input schema
    /// names them. Default: none.
    pub input: serde_json::Map<String, serde_json::Value>,
}

fn api_base<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    super::site::check_http_url(&s)
        .map_err(|why| serde::de::Error::custom(format!("`{s}` {why}")))?;
    Ok(s)
}

/// An actor or task reference: `<user>~<name>`, `<user>/<name>` (written with `~`, as the
/// API takes it) or a bare id; letters, digits, `.`, `_` and `-` in each part.
pub(crate) fn reference(s: &str) -> Result<String, String> {
    let s = s.trim();
    let normal = s.replacen('/', "~", 1);
    let parts: Vec<&str> = normal.split('~').collect();
    let plain = |p: &str| {
        !p.is_empty()
            && !p.chars().all(|c| c == '.')
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    };
    if parts.len() <= 2 && parts.iter().all(|p| plain(p)) {
        Ok(normal)
    } else {
        Err(format!(
            "`{s}` is not an Apify actor or task name; write it as `<user>~<name>` (\"{DEFAULT_ACTOR}\"), as the Console's API tab shows it"
        ))
    }
}

fn req_reference<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    reference(&s).map_err(serde::de::Error::custom)
}

fn opt_reference<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = String::deserialize(d)?;
    reference(&s).map(Some).map_err(serde::de::Error::custom)
}

fn in_range<'de, D: Deserializer<'de>>(
    d: D,
    range: std::ops::RangeInclusive<u64>,
    what: &str,
) -> Result<u64, D::Error> {
    let n = i64::deserialize(d)?;
    match u64::try_from(n) {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(serde::de::Error::custom(format!(
            "{n} is out of range; {what}"
        ))),
    }
}

fn max_posts<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    in_range(d, 1..=100_000, "it must be 1 to 100000 posts").map(|n| n as u32)
}

fn timeout_secs<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    in_range(d, 1..=86_400, "it must be 1 to 86400 seconds")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_take_a_tilde_or_a_slash_and_nothing_else() {
        assert_eq!(
            reference("apify/facebook-groups-scraper").unwrap(),
            DEFAULT_ACTOR
        );
        assert_eq!(
            reference("janedoe~weekly-cdmx").unwrap(),
            "janedoe~weekly-cdmx"
        );
        assert_eq!(reference("HDSasDasz78YcAPEB").unwrap(), "HDSasDasz78YcAPEB");
        for bad in [
            "",
            "a~b~c",
            "a b",
            "../x",
            "https://apify.com/apify/x",
            "a~",
        ] {
            assert!(reference(bad).is_err(), "{bad}");
        }
    }
}
