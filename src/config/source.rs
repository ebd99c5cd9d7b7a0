//! `[source]`: where `group` and `page` kinds come from (the live Graph API or a snapshot
//! folder), and how the live API is called.

use std::path::PathBuf;

use serde::{Deserialize, Deserializer, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// The live Graph API.
    Graph,
    /// A folder of Graph-shaped JSON responses.
    Snapshot,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SourceConfig {
    /// "graph" (live API) or "snapshot" (a folder of Graph-shaped JSON). Default: "graph".
    pub kind: SourceKind,
    /// Snapshot only: folder of `<group id>/node.json` and `feed-*.json`. Default: "demo".
    pub path: PathBuf,
    /// Graph API base URL; tests point it at a loopback server. Checked whatever the source
    /// kind: `auth`, `check` and `groups` use it too. Default: "https://graph.facebook.com".
    #[serde(deserialize_with = "api_base")]
    pub api_base: String,
    /// Graph API version. Default: "v23.0".
    pub api_version: String,
    /// Environment variable holding the access token (also read from `.env`). Default: "FB_ACCESS_TOKEN".
    pub token_env: String,
    /// The Meta app id, for `debug_token` and token exchange. Default: none.
    pub app_id: Option<String>,
    /// Environment variable holding the app secret; when set, calls carry `appsecret_proof`.
    /// Default: "FB_APP_SECRET".
    pub app_secret_env: String,
    /// Groups fetched at the same time, at least 1. Default: 8 (requests spend their time
    /// waiting on the network, and 8 stays well inside Meta's per-app and per-Page limits).
    pub concurrency: usize,
    /// Retries of a transient or rate-limited request. Default: 5.
    pub retries: u32,
    /// First backoff delay in milliseconds, doubled each retry (with jitter). Default: 1000.
    pub backoff_ms: u64,
    /// Per-request timeout in seconds. Default: 30.
    pub timeout_secs: u64,
}

impl Default for SourceConfig {
    fn default() -> Self {
        Self {
            kind: SourceKind::Graph,
            path: "demo".into(),
            api_base: "https://graph.facebook.com".into(),
            api_version: "v23.0".into(),
            token_env: "FB_ACCESS_TOKEN".into(),
            app_id: None,
            app_secret_env: "FB_APP_SECRET".into(),
            concurrency: 8,
            retries: 5,
            backoff_ms: 1000,
            timeout_secs: 30,
        }
    }
}

fn api_base<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    super::site::check_http_url(&s)
        .map_err(|why| serde::de::Error::custom(format!("`{s}` {why}")))?;
    Ok(s)
}
