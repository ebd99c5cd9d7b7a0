//! The HTTP client of the Graph API: the token in a header, `appsecret_proof` on every call,
//! retries with exponential backoff and jitter for transient faults and rate limits (one
//! retry at most for a host that cannot be reached), an overall deadline per command, and
//! redaction of every message it produces.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rand::Rng;
use serde::de::DeserializeOwned;
use url::Url;

use super::error::{
    classify, regain_from_buc_header, usage_percent, GraphError, MAX_RATE_LIMIT_WAIT,
};
use crate::config::Config;
use crate::secret::{self, Secrets};

/// No single backoff wait is longer than this (a rate limit's announced regain time aside).
const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// Usage (percent of the quota, from the usage headers) above which calls slow down.
const USAGE_SLOWDOWN: u64 = 90;
/// The overall deadline of a fetch (`build`, `fetch`): far beyond a weekly run's few pages
/// and a 15-minute rate-limit wait, but a run against a hung API still ends.
pub(crate) const FETCH_DEADLINE: Duration = Duration::from_secs(60 * 60);
/// The overall deadline of an interactive command (`check`, `groups`, `auth`).
pub(crate) const INTERACTIVE_DEADLINE: Duration = Duration::from_secs(60);

/// A Graph API client for one run. Cheap to share behind an `Arc`.
pub(crate) struct Client {
    http: reqwest::Client,
    /// `{api_base}/{api_version}/`.
    root: Url,
    token: String,
    app_secret: Option<String>,
    app_id: Option<String>,
    retries: u32,
    backoff: Duration,
    token_env: String,
    app_secret_env: String,
    /// Set when a call finds the token refused, so every other group stops promptly.
    stopped: AtomicBool,
    /// `host[:port]` of `api_base`, the only part of a URL an error names.
    host: String,
    /// Per-request timeout (`timeout_secs`).
    timeout: Duration,
    /// No request starts, or waits, past this instant.
    deadline: Instant,
    /// How long the deadline was set for, for messages.
    deadline_len: Duration,
    /// Set when the host could not be reached even after a retry: later calls fail at once
    /// with the same reason instead of each waiting out its own retry.
    unreachable: Mutex<Option<String>>,
    /// Lets the caller print retries as they happen (`cdmx: retrying in 2s: ...`).
    quiet: bool,
    /// Whether a request that got no answer within `timeout_secs` is tried again.
    retry_no_answer: bool,
}

impl Client {
    pub(crate) fn new(config: &Config, secrets: &Secrets) -> Result<Client> {
        let s = &config.source;
        let root = Url::parse(&format!(
            "{}/{}/",
            s.api_base.trim_end_matches('/'),
            s.api_version.trim_matches('/')
        ))
        .with_context(|| format!("`source.api_base` `{}` is not a valid URL", s.api_base))?;
        let timeout = Duration::from_secs(s.timeout_secs.max(1));
        let host = match (root.host_str(), root.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_string(),
            (None, _) => root.origin().ascii_serialization(),
        };
        // The whole request (connect, headers, body) is bounded by `timeout_secs`, per
        // request; the connect phase by at most 10 s of it.
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("groupdigest/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| anyhow::anyhow!("cannot start the HTTP client: {}", transport(e)))?;
        secret::remember(&secrets.token);
        if let Some(a) = &secrets.app_secret {
            secret::remember(a);
        }
        Ok(Client {
            http,
            root,
            token: secrets.token.clone(),
            app_secret: secrets.app_secret.clone(),
            app_id: s.app_id.clone().filter(|a| !a.trim().is_empty()),
            retries: s.retries,
            backoff: Duration::from_millis(s.backoff_ms),
            token_env: s.token_env.clone(),
            app_secret_env: s.app_secret_env.clone(),
            stopped: AtomicBool::new(false),
            host,
            timeout,
            deadline: Instant::now() + FETCH_DEADLINE,
            deadline_len: FETCH_DEADLINE,
            unreachable: Mutex::new(None),
            quiet: false,
            retry_no_answer: true,
        })
    }

    /// Every call of this client ends within `limit` from now (the command's deadline).
    pub(crate) fn deadline(mut self, limit: Duration) -> Self {
        self.deadline = Instant::now() + limit;
        self.deadline_len = limit;
        self
    }

    /// For an interactive command: one retry at most, none after `timeout_secs` of silence
    /// (the user has waited that long already), and the short deadline.
    pub(crate) fn interactive(mut self) -> Self {
        self.retry_no_answer = false;
        self.quiet().max_retries(1).deadline(INTERACTIVE_DEADLINE)
    }

    /// `host[:port]` of the API, for messages.
    pub(crate) fn host(&self) -> &str {
        &self.host
    }

    /// A client that does not print retries (for commands whose output is data).
    pub(crate) fn quiet(mut self) -> Self {
        self.quiet = true;
        self
    }

    /// At most `n` retries: for interactive commands, where Meta answers a wrong client
    /// secret with code 1 ("transient") and a long backoff only delays the real message.
    pub(crate) fn max_retries(mut self, n: u32) -> Self {
        self.retries = self.retries.min(n);
        self
    }

    pub(crate) fn token(&self) -> &str {
        &self.token
    }

    pub(crate) fn token_env(&self) -> &str {
        &self.token_env
    }

    /// Whether `get_as_app` sends the app token (`app_id|secret`) rather than the stored one.
    pub(crate) fn uses_app_token(&self) -> bool {
        self.app_id.is_some() && self.app_secret.is_some()
    }

    pub(crate) fn app_secret_env(&self) -> &str {
        &self.app_secret_env
    }

    pub(crate) fn app_id(&self) -> Option<&str> {
        self.app_id.as_deref()
    }

    pub(crate) fn app_secret(&self) -> Option<&str> {
        self.app_secret.as_deref()
    }

    /// The URL of `{api_base}/{version}/` plus `segments` (each percent-encoded as one path
    /// segment, so an id can never change the host or the path), with `params`.
    pub(crate) fn url(&self, segments: &[&str], params: &[(&str, &str)]) -> Url {
        let mut url = self.root.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        if !params.is_empty() {
            url.query_pairs_mut().extend_pairs(params);
        }
        url
    }

    /// A `paging.next` URL, followed verbatim, but only to the configured API host: the
    /// token must never be sent anywhere else.
    pub(crate) fn next_url(&self, next: &str) -> Result<Url, GraphError> {
        let url = Url::parse(next).map_err(|_| {
            GraphError::Unexpected(format!(
                "`paging.next` is not a URL: {}",
                secret::redact(next)
            ))
        })?;
        if url.origin() != self.root.origin() {
            return Err(GraphError::Unexpected(format!(
                "`paging.next` points to another host ({}); not followed",
                url.origin().ascii_serialization()
            )));
        }
        Ok(url)
    }

    /// Stops every later call: a token error makes the whole run pointless.
    pub(crate) fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
    }

    pub(crate) fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::SeqCst)
    }

    /// GETs `url` with the stored token, retrying what is worth retrying.
    pub(crate) async fn get<T: DeserializeOwned>(
        &self,
        url: &Url,
        label: &str,
    ) -> Result<T, GraphError> {
        self.get_as(url, &self.token, label).await
    }

    /// GETs `url` with the app access token (`app_id|secret`) when both are configured,
    /// else with the stored token: `debug_token` prefers an app token.
    pub(crate) async fn get_as_app<T: DeserializeOwned>(
        &self,
        url: &Url,
        label: &str,
    ) -> Result<T, GraphError> {
        match (&self.app_id, &self.app_secret) {
            (Some(id), Some(secret)) => {
                let app_token = format!("{id}|{secret}");
                self.get_as(url, &app_token, label).await
            }
            _ => self.get(url, label).await,
        }
    }

    /// GETs `url` with `bearer` as the token (e.g. a token being exchanged).
    pub(crate) async fn get_as<T: DeserializeOwned>(
        &self,
        url: &Url,
        bearer: &str,
        label: &str,
    ) -> Result<T, GraphError> {
        let mut attempt = 0u32;
        loop {
            if self.is_stopped() {
                return Err(GraphError::Token {
                    code: 190,
                    subcode: None,
                    message: "another request of this run found it refused".into(),
                    env: self.token_env.clone(),
                });
            }
            if let Some(reason) = self.unreachable() {
                return Err(GraphError::Unreachable {
                    host: self.host.clone(),
                    reason,
                });
            }
            let err = match self.once(url, bearer).await {
                Ok(v) => return Ok(v),
                Err(e) => e,
            };
            if matches!(err, GraphError::Token { .. }) {
                self.stop();
                return Err(err);
            }
            let limit = match err {
                GraphError::NoAnswer { .. } if !self.retry_no_answer => 0,
                _ => err.retry_limit(self.retries),
            };
            if !err.is_retryable() || attempt >= limit {
                if let GraphError::Unreachable { reason, .. } = &err {
                    self.mark_unreachable(reason);
                }
                return Err(err);
            }
            let wait = self.wait_before_retry(attempt, &err)?;
            if Instant::now() + wait >= self.deadline {
                return Err(self.out_of_time(err));
            }
            attempt += 1;
            if !self.quiet {
                crate::ui::info(format!(
                    "{label}: retry {attempt} of {limit} in {}: {err}",
                    crate::ui::seconds(wait)
                ));
            }
            tokio::time::sleep(wait).await;
        }
    }

    fn unreachable(&self) -> Option<String> {
        self.unreachable
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn mark_unreachable(&self, reason: &str) {
        self.unreachable
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get_or_insert_with(|| reason.to_string());
    }

    /// `err`, when no retry fits before the deadline: said so, unless it already says it.
    fn out_of_time(&self, err: GraphError) -> GraphError {
        match err {
            e @ GraphError::NoAnswer { deadline: true, .. } => e,
            e => GraphError::Transient(format!(
                "{e}; no time left to retry within the command's {} limit",
                crate::ui::seconds(self.deadline_len)
            )),
        }
    }

    /// Exponential backoff with jitter; a rate limit's announced regain time wins when
    /// longer, and one too far away fails instead of hanging the run.
    fn wait_before_retry(&self, attempt: u32, err: &GraphError) -> Result<Duration, GraphError> {
        let base = self
            .backoff
            .saturating_mul(2u32.saturating_pow(attempt))
            .min(MAX_BACKOFF);
        // "Equal jitter": half fixed, half random, so concurrent groups do not retry in step.
        let half = base / 2;
        let jitter = rand::thread_rng().gen_range(0..=half.as_millis() as u64);
        let wait = half + Duration::from_millis(jitter);
        if let GraphError::RateLimit {
            regain: Some(regain),
            code,
            message,
        } = err
        {
            if *regain > MAX_RATE_LIMIT_WAIT {
                return Err(GraphError::RateLimit {
                    code: *code,
                    message: format!(
                        "{message}; Meta expects access back in {} minutes, try again then",
                        regain.as_secs() / 60
                    ),
                    regain: None,
                });
            }
            return Ok(wait.max(*regain));
        }
        Ok(wait)
    }

    /// One request: sign it, send it, classify the answer.
    async fn once<T: DeserializeOwned>(&self, url: &Url, bearer: &str) -> Result<T, GraphError> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(GraphError::NoAnswer {
                host: self.host.clone(),
                waited: self.deadline_len,
                deadline: true,
            });
        }
        // Each request gets `timeout_secs`, or what is left of the deadline if less.
        let (timeout, cut) = if left < self.timeout {
            (left, true)
        } else {
            (self.timeout, false)
        };
        // An empty bearer is a call made before there is a token (a login code exchange).
        let request = if bearer.is_empty() {
            self.http.get(url.clone())
        } else {
            self.http.get(self.signed(url, bearer)).bearer_auth(bearer)
        };
        let fail = |e: reqwest::Error| self.transport_error(e, timeout, cut);
        let response = request.timeout(timeout).send().await.map_err(fail)?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let buc = header("x-business-use-case-usage");
        let app = header("x-app-usage");
        let regain = buc.as_deref().and_then(regain_from_buc_header);
        let usage = [buc.as_deref(), app.as_deref()]
            .into_iter()
            .flatten()
            .filter_map(usage_percent)
            .max();
        let text = response.text().await.map_err(fail)?;
        // Parsed as it came: redacting the body would also rewrite post text and the
        // token-bearing `paging.next` URLs. Messages built from it are redacted instead.
        if let Some(err) = classify(status, &text, regain, &self.token_env) {
            return Err(err);
        }
        if usage.is_some_and(|u| u >= USAGE_SLOWDOWN) {
            // Close to the quota: spacing calls out now beats a rate-limit error later.
            tokio::time::sleep(self.backoff).await;
        }
        crate::source::graph_json::from_json(&text)
            .map_err(|e| GraphError::Unexpected(secret::redact(&format!("{e:#}"))))
    }

    /// `url` without the `access_token` a `paging.next` URL carries (the token travels in
    /// the Authorization header only) and, when an app secret is configured, with a fresh
    /// `appsecret_proof` and `appsecret_time` replacing any it carried.
    fn signed(&self, url: &Url, bearer: &str) -> Url {
        const REPLACED: [&str; 3] = ["access_token", "appsecret_proof", "appsecret_time"];
        if !url.query_pairs().any(|(k, _)| REPLACED.contains(&&*k)) && self.app_secret.is_none() {
            return url.clone();
        }
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| !REPLACED.contains(&&**k))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let mut out = url.clone();
        out.set_query(None);
        if !kept.is_empty() || self.app_secret.is_some() {
            let mut query = out.query_pairs_mut();
            query.extend_pairs(kept);
            if let Some(secret) = &self.app_secret {
                let time = chrono::Utc::now().timestamp();
                let proof = secret::appsecret_proof(bearer, secret, time);
                // An error may echo the proof in any form (`appsecret_proof%3D…`, JSON,
                // bare): its literal value is scrubbed from every message.
                secret::remember_proof(&proof);
                query
                    .append_pair("appsecret_proof", &proof)
                    .append_pair("appsecret_time", &time.to_string());
            }
        }
        out
    }
}

impl Client {
    /// A transport error as a `GraphError` naming the host, never the URL.
    fn transport_error(&self, e: reqwest::Error, waited: Duration, cut: bool) -> GraphError {
        let host = self.host.clone();
        if e.is_connect() {
            return GraphError::Unreachable {
                host,
                reason: connect_reason(&e),
            };
        }
        if e.is_timeout() {
            return GraphError::NoAnswer {
                host,
                waited,
                deadline: cut,
            };
        }
        GraphError::Transient(transport(e))
    }
}

/// Why a connection could not be made, in words: refused, timed out, or a name that does
/// not resolve, with the system's own message.
fn connect_reason(e: &reqwest::Error) -> String {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    let mut innermost = String::new();
    let mut io_kind = None;
    let mut dns = false;
    while let Some(err) = source {
        let text = err.to_string();
        dns |= text.contains("dns error") || text.contains("lookup address");
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            io_kind = Some(io.kind());
        }
        innermost = text;
        source = err.source();
    }
    let innermost = secret::redact(&innermost);
    if dns {
        format!("the host name does not resolve ({innermost})")
    } else if io_kind == Some(std::io::ErrorKind::ConnectionRefused) {
        "the connection was refused (nothing listens on that port)".to_string()
    } else if e.is_timeout() {
        "the connection timed out".to_string()
    } else {
        innermost
    }
}

/// A transport error in words, without the URL (which may embed a token) and redacted.
pub(crate) fn transport(e: reqwest::Error) -> String {
    let what = if e.is_timeout() {
        "the Graph API did not answer in time"
    } else if e.is_connect() {
        "cannot connect to the Graph API"
    } else {
        "the connection to the Graph API failed"
    };
    let e = anyhow::Error::from(e.without_url());
    secret::redact(&format!("{what}: {e:#}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> Client {
        let config = Config::parse(
            "[source]\napi_base = \"http://127.0.0.1:9\"\napp_id = \"42\"\n",
            std::path::Path::new("site.toml"),
        )
        .unwrap();
        let secrets = Secrets {
            token: "EAABunit-test-token".into(),
            app_secret: Some("unit-test-secret".into()),
        };
        Client::new(&config, &secrets).unwrap()
    }

    #[test]
    fn follows_paging_next_only_to_the_api_host() {
        let c = client();
        assert!(c
            .next_url("http://127.0.0.1:9/v23.0/1/feed?access_token=x&after=A")
            .is_ok());
        let e = c
            .next_url("https://evil.example/v23.0/1/feed?access_token=x")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("another host") && !e.contains("access_token=x"),
            "{e}"
        );
    }

    #[test]
    fn signing_replaces_a_stale_proof_and_keeps_the_other_parameters() {
        let c = client();
        let url = Url::parse(
            "http://127.0.0.1:9/v23.0/1/feed?after=A&appsecret_proof=old&appsecret_time=1",
        )
        .unwrap();
        let signed = c.signed(&url, "EAABunit-test-token");
        let pairs: Vec<(String, String)> = signed.query_pairs().into_owned().collect();
        let get = |k: &str| {
            pairs
                .iter()
                .filter(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(get("after"), ["A"]);
        let time: i64 = get("appsecret_time")[0].parse().unwrap();
        assert_eq!(
            get("appsecret_proof"),
            [secret::appsecret_proof(
                "EAABunit-test-token",
                "unit-test-secret",
                time
            )]
        );
    }

    #[test]
    fn no_request_starts_once_the_deadline_has_passed() {
        // Port 9 on loopback: were a request made, it would fail to connect instead.
        let c = client().deadline(Duration::ZERO);
        let url = c.url(&["debug_token"], &[]);
        let e = crate::source::graph::runtime()
            .unwrap()
            .block_on(c.get::<serde_json::Value>(&url, "t"))
            .unwrap_err();
        assert!(
            matches!(e, GraphError::NoAnswer { deadline: true, .. }),
            "{e:?}"
        );
        assert!(e.to_string().contains("`127.0.0.1:9`"), "{e}");
    }

    #[test]
    fn backoff_doubles_with_jitter_and_an_announced_regain_time_wins() {
        let c = client(); // backoff_ms = 1000
        let transient = GraphError::Transient("x".into());
        for attempt in 0..3 {
            let base = Duration::from_millis(1000 << attempt);
            let w = c.wait_before_retry(attempt, &transient).unwrap();
            assert!(w >= base / 2 && w <= base, "{attempt}: {w:?}");
        }
        let limited = |minutes: u64| GraphError::RateLimit {
            code: 4,
            message: "limit".into(),
            regain: Some(Duration::from_secs(minutes * 60)),
        };
        assert_eq!(
            c.wait_before_retry(0, &limited(2)).unwrap(),
            Duration::from_secs(120)
        );
        let e = c
            .wait_before_retry(0, &limited(60))
            .unwrap_err()
            .to_string();
        assert!(e.contains("60 minutes"), "{e}");
    }
}
