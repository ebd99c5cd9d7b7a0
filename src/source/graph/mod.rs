//! The live Graph API source: checks the token once, then fetches every group's node and
//! feed window, groups concurrently (bounded by `[source] concurrency`), the pages of one
//! group in sequence. Every failure is its group's: a missing or refused token fails every
//! live group alike (and stops the calls still to come), anything else only its own group.

mod client;
mod error;

use std::collections::HashSet;
use std::sync::Arc;

use anyhow::{anyhow, Result};
use chrono::{DateTime, TimeZone, Utc};
use serde::Deserialize;

pub(crate) use client::{Client, INTERACTIVE_DEADLINE};
pub(crate) use error::{FailureKind, FetchError, GraphError};

use super::graph_json::{GraphNode, GraphPost, ListPage, FEED_FIELDS, GROUP_FIELDS, PAGE_FIELDS};
use super::progress::{GroupProgress, Progress};
use super::{dedup_posts, GroupFetch, Window};
use crate::config::{Config, GroupConfig, GroupKind};
use crate::secret::Secrets;

/// A token expiring sooner than this gets a warning on every run.
const EXPIRY_WARNING_DAYS: i64 = 14;
/// A feed longer than this many pages is cut (a server looping `next` forever).
pub(crate) const MAX_PAGES: usize = 10_000;
/// The day Meta removed the Groups API for all versions.
pub(crate) const GROUPS_API_REMOVED: &str = "2024-04-22";

/// A runtime for one command: the work is network-bound, so one thread is plenty.
pub(crate) fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| anyhow!("cannot start the async runtime: {e}"))
}

/// Fetches `groups` over `[since, until)`: one result per group, in the order given. Every
/// `Err` is a [`FetchError`] carrying the failure's kind. A token that is missing or refused
/// fails every group with the same error, and nothing is fetched.
pub(crate) fn fetch(
    config: &Config,
    groups: &[&GroupConfig],
    since: DateTime<Utc>,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Vec<Result<GroupFetch>> {
    let all_fail = |kind: FailureKind, e: &anyhow::Error| -> Vec<Result<GroupFetch>> {
        let message = crate::ui::chain(e);
        groups
            .iter()
            .map(|_| {
                Err(anyhow::Error::new(FetchError {
                    kind,
                    message: message.clone(),
                }))
            })
            .collect()
    };
    let secrets = match Secrets::load(config) {
        Ok(s) => s,
        Err(e) => return all_fail(FailureKind::Token, &e),
    };
    let client = match Client::new(config, &secrets) {
        Ok(c) => Arc::new(c.deadline(client::FETCH_DEADLINE)),
        Err(e) => return all_fail(FailureKind::Api, &e),
    };
    let runtime = match runtime() {
        Ok(r) => r,
        Err(e) => return all_fail(FailureKind::Api, &e),
    };
    runtime.block_on(async {
        if let Err((kind, e)) = check_before_fetch(&client, now).await {
            return all_fail(kind, &e);
        }
        let permits = Arc::new(tokio::sync::Semaphore::new(
            config.source.concurrency.max(1),
        ));
        let progress = Progress::new();
        let tasks: Vec<_> = groups
            .iter()
            .map(|&group| {
                let (client, permits, group) = (client.clone(), permits.clone(), group.clone());
                let line = progress.group(&group.slug);
                tokio::spawn(async move {
                    let _permit = permits.acquire_owned().await;
                    fetch_group(&client, &group, since, until, &line).await
                })
            })
            .collect();
        let mut results = Vec::with_capacity(tasks.len());
        for task in tasks {
            results.push(match task.await {
                Ok(Ok(fetched)) => Ok(fetched),
                Ok(Err(e)) => Err(anyhow::Error::new(e)),
                Err(e) => Err(anyhow::Error::new(FetchError {
                    kind: FailureKind::Api,
                    message: format!("the fetch task failed: {e}"),
                })),
            });
        }
        progress.finish();
        results
    })
}

async fn fetch_group(
    client: &Client,
    group: &GroupConfig,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
    line: &GroupProgress,
) -> Result<GroupFetch, FetchError> {
    let is_page = group.kind == GroupKind::Page;
    let fields = if is_page { PAGE_FIELDS } else { GROUP_FIELDS };
    let node_url = client.url(&[&group.id], &[("fields", fields)]);
    // The node first, then the feed: one request of a group at a time, so a fault is
    // retried (and reported) once, not once by each of two requests racing into it.
    let fetched = match client.get::<GraphNode>(&node_url, &group.slug).await {
        Ok(node) => fetch_feed(client, group, since, until, line)
            .await
            .map(|posts| (node, posts)),
        Err(e) => Err(failure(group, "the details", e)),
    };
    let (node, posts) = match fetched {
        Ok(both) => both,
        Err(e) => {
            line.done("failed");
            return Err(e);
        }
    };
    line.done(&format!("done, {} posts", posts.len()));
    Ok(GroupFetch {
        info: node.into_info(is_page),
        posts,
        covered: super::Span::new(since, until),
        warnings: Vec::new(),
    })
}

/// Every post of the feed inside `[since, until)`, following `paging.next` until it is
/// absent or a page comes back empty; de-duplicated by id.
async fn fetch_feed(
    client: &Client,
    group: &GroupConfig,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
    line: &GroupProgress,
) -> Result<Vec<crate::model::Post>, FetchError> {
    let window = Window {
        since: Some(since),
        until: Some(until),
    };
    let (since_s, until_s) = (since.timestamp().to_string(), until.timestamp().to_string());
    let mut url = client.url(
        &[&group.id, "feed"],
        &[
            ("fields", FEED_FIELDS),
            ("since", &since_s),
            ("until", &until_s),
            ("limit", "100"),
        ],
    );
    let mut seen_next = HashSet::new();
    let mut posts = Vec::new();
    for page_no in 1..=MAX_PAGES {
        let page: ListPage<GraphPost> = client
            .get(&url, &group.slug)
            .await
            .map_err(|e| failure(group, &format!("page {page_no} of the feed"), e))?;
        let empty = page.data.is_empty();
        let next = page.next().map(str::to_string);
        // The API can return posts outside since/until: the window is enforced here.
        posts.extend(
            page.data
                .into_iter()
                .filter_map(GraphPost::into_post)
                .filter(|p| window.contains(p.created_time)),
        );
        line.page(page_no, posts.len());
        match next {
            Some(next) if !empty && seen_next.insert(next.clone()) => {
                url = client
                    .next_url(&next)
                    .map_err(|e| failure(group, "the feed", e))?;
            }
            _ => break,
        }
    }
    Ok(dedup_posts(posts))
}

/// Turns a Graph error into a group failure worded for the user.
fn failure(group: &GroupConfig, what: &str, err: GraphError) -> FetchError {
    let hint = hint(group, &err);
    FetchError {
        kind: err.kind(),
        message: format!(
            "cannot fetch {what} of {} `{}`: {err}{hint}",
            group.kind, group.id
        ),
    }
}

/// The hint for a wrong app secret, which Meta answers with code 100 like a missing
/// object, for groups and Pages alike.
pub(crate) fn app_secret_hint(err: &GraphError) -> Option<&'static str> {
    err.to_string().contains("appsecret_proof").then_some(
        "; the app secret does not match the token: `FB_APP_SECRET` (or the variable \
         `app_secret_env` names) must be the secret of the app that issued the token",
    )
}

/// What to do about a refused request, when we know.
pub(crate) fn hint(group: &GroupConfig, err: &GraphError) -> String {
    if let Some(hint) = app_secret_hint(err) {
        return hint.to_string();
    }
    match (group.kind, err.code()) {
        (GroupKind::Group, Some(100 | 10 | 200)) => format!(
            "; Meta removed the Groups API for all versions on {GROUPS_API_REMOVED}, so a \
             group's feed can no longer be read with a token: export the group's posts and use \
             `kind = \"import\"` for `{}` (see {})",
            group.slug,
            docs_url!("graph.md")
        ),
        (GroupKind::Page, Some(10 | 200)) => concat!(
            "; the token needs `pages_read_engagement` and `pages_read_user_content` for this \
             Page: use a Page token from `groupdigest auth exchange --page ID` (see ",
            docs_url!("graph.md"),
            ")"
        )
        .to_string(),
        _ => String::new(),
    }
}

/// What `debug_token` says about a token.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct TokenInfo {
    #[serde(default)]
    pub is_valid: bool,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub application: Option<String>,
    #[serde(default)]
    pub app_id: Option<String>,
    /// Unix seconds; 0 = never.
    #[serde(default)]
    pub expires_at: Option<i64>,
    #[serde(default)]
    pub data_access_expires_at: Option<i64>,
    #[serde(default)]
    pub scopes: Vec<String>,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub profile_id: Option<String>,
    #[serde(default)]
    pub error: Option<TokenError>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct TokenError {
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub code: Option<i64>,
    #[serde(default)]
    pub subcode: Option<i64>,
}

#[derive(Deserialize)]
struct DebugEnvelope {
    data: TokenInfo,
}

/// Asks `debug_token` about the stored token. The token travels as `input_token` in the
/// query (the only form Meta documents); that URL is never printed: transport errors drop
/// it and every message is redacted.
pub(crate) async fn debug_token(client: &Client, token: &str) -> Result<TokenInfo, GraphError> {
    let url = client.url(&["debug_token"], &[("input_token", token)]);
    let envelope: DebugEnvelope = client.get_as_app(&url, "debug_token").await?;
    Ok(envelope.data)
}

impl TokenInfo {
    /// When the token stops working, if it does.
    pub(crate) fn expires(&self) -> Option<DateTime<Utc>> {
        self.expires_at
            .filter(|&t| t > 0)
            .and_then(|t| Utc.timestamp_opt(t, 0).single())
    }

    pub(crate) fn data_access_expires(&self) -> Option<DateTime<Utc>> {
        self.data_access_expires_at
            .filter(|&t| t > 0)
            .and_then(|t| Utc.timestamp_opt(t, 0).single())
    }

    /// Why the token is not valid, in the API's words.
    pub(crate) fn invalid_reason(&self) -> String {
        match &self.error {
            Some(e) if !e.message.is_empty() => {
                let code = e
                    .code
                    .map(|c| format!(" (Graph code {c}"))
                    .unwrap_or_default();
                let sub = e
                    .subcode
                    .map(|s| format!(", subcode {s}"))
                    .unwrap_or_default();
                let close = if code.is_empty() { "" } else { ")" };
                format!("{}{code}{sub}{close}", e.message)
            }
            _ => "debug_token says it is not valid".into(),
        }
    }

    /// A warning when the token (or its data access) ends within two weeks.
    pub(crate) fn expiry_warning(&self, env: &str, now: DateTime<Utc>) -> Option<String> {
        let soon = |t: DateTime<Utc>| t - now < chrono::Duration::days(EXPIRY_WARNING_DAYS);
        let days = |t: DateTime<Utc>| (t - now).num_days().max(0);
        if let Some(t) = self.expires().filter(|&t| soon(t)) {
            return Some(format!(
                "the access token in `{env}` expires on {} (in {} days); renew it with \
                 `groupdigest auth exchange` (or `groupdigest auth login`) and update `{env}`",
                t.format("%Y-%m-%d"),
                days(t)
            ));
        }
        if let Some(t) = self.data_access_expires().filter(|&t| soon(t)) {
            return Some(format!(
                "the data access of the token in `{env}` ends on {} (in {} days); log in again \
                 with `groupdigest auth login` and update `{env}`",
                t.format("%Y-%m-%d"),
                days(t)
            ));
        }
        None
    }
}

/// The error that stops a run whose token `debug_token` calls invalid.
pub(crate) fn invalid_token_error(env: &str, info: &TokenInfo) -> anyhow::Error {
    anyhow!(
        "the access token in `{env}` is not valid: {}; renew it with `groupdigest auth exchange` \
         (or `groupdigest auth login`) and store it in `{env}` (a repository secret in CI, or \
         `.env` locally)",
        info.invalid_reason()
    )
}

/// Prints a warning where CI logs show it (`ui::warn` is a GitHub Actions annotation there).
pub(crate) fn ci_warning(msg: &str) {
    crate::ui::warn(msg);
}

/// The one token check before a fetch: an invalid token fails every group, one expiring
/// soon warns, and a check that cannot be made (no permission for `debug_token`) is only
/// noted. A host that cannot be reached fails every group too: no feed would answer.
async fn check_before_fetch(
    client: &Client,
    now: DateTime<Utc>,
) -> Result<(), (FailureKind, anyhow::Error)> {
    match debug_token(client, client.token()).await {
        Ok(info) if !info.is_valid => Err((
            FailureKind::Token,
            invalid_token_error(client.token_env(), &info),
        )),
        Ok(info) => {
            if let Some(w) = info.expiry_warning(client.token_env(), now) {
                ci_warning(&w);
            }
            Ok(())
        }
        Err(e @ GraphError::Token { .. }) => {
            Err((FailureKind::Token, debug_token_refused(client, e)))
        }
        Err(e) if e.is_network() => Err((
            FailureKind::Network,
            anyhow!("cannot check the access token with debug_token: {e}"),
        )),
        Err(e) => {
            crate::ui::warn(format!(
                "cannot check the access token with debug_token ({e}); fetching anyway"
            ));
            Ok(())
        }
    }
}

/// The error for a token error from `debug_token`. It is asked with the app token when
/// there is one: then the refusal is about `app_id` and the app secret, not the stored token.
pub(crate) fn debug_token_refused(client: &Client, e: GraphError) -> anyhow::Error {
    match e {
        GraphError::Token { message, .. } if client.uses_app_token() => anyhow!(
            "debug_token refused the app's credentials ({message}); check `app_id` in \
             `[source]` and the app secret in `{}`",
            client.app_secret_env()
        ),
        e => anyhow::Error::new(e),
    }
}

/// Checks that one group's feed answers, for `check`: one small request.
pub(crate) async fn probe_group(client: &Client, group: &GroupConfig) -> Result<(), String> {
    let url = client.url(&[&group.id, "feed"], &[("fields", "id"), ("limit", "1")]);
    match client
        .get::<ListPage<serde_json::Value>>(&url, &group.slug)
        .await
    {
        Ok(_) => Ok(()),
        Err(e) => Err(format!("{e}{}", hint(group, &e))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(expires_at: i64) -> TokenInfo {
        TokenInfo {
            is_valid: true,
            expires_at: Some(expires_at),
            ..Default::default()
        }
    }

    #[test]
    fn warns_about_a_token_expiring_within_two_weeks_with_its_date() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
        let in_5_days = (now + chrono::Duration::days(5)).timestamp();
        let w = info(in_5_days)
            .expiry_warning("FB_ACCESS_TOKEN", now)
            .unwrap();
        assert!(
            w.contains("2026-11-30") && w.contains("auth exchange"),
            "{w}"
        );
        let in_30_days = (now + chrono::Duration::days(30)).timestamp();
        assert!(info(in_30_days).expiry_warning("T", now).is_none());
        assert!(info(0).expiry_warning("T", now).is_none(), "0 = never");
    }

    #[test]
    fn a_refused_group_points_to_import_and_names_the_removal_date() {
        let config = Config::parse(
            "[[groups]]\nid = \"1\"\nslug = \"cdmx\"\n",
            std::path::Path::new("site.toml"),
        )
        .unwrap();
        let group = config.groups[0].clone();
        let err = GraphError::Refused {
            code: 100,
            subcode: None,
            message: "(#100) Invalid Scopes: groups_access_member_info".into(),
        };
        let h = hint(&group, &err);
        assert!(
            h.contains("2024-04-22") && h.contains("kind = \"import\""),
            "{h}"
        );
    }
}
