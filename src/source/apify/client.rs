//! The HTTP client of the Apify API v2: the token in an `Authorization: Bearer` header
//! (never in a URL), retries with exponential backoff and jitter for 429, 5xx and dropped
//! connections (one retry at most for a host that cannot be reached), a deadline on every
//! call, and redaction of every message it produces.

use std::time::{Duration, Instant};

use rand::Rng;
use reqwest::Method;
use serde::de::DeserializeOwned;
use url::Url;

use super::error::{classify, ApifyError};
use crate::config::ApifyConfig;

/// No single backoff wait is longer than this (a `Retry-After` included).
const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// A request that is not a long poll gets this long to answer.
pub(crate) const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// How a request may be repeated when it fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retry {
    /// A read, or an abort: repeating it changes nothing.
    Idempotent,
    /// Starting a run: repeated only when it surely did not reach Apify (refused
    /// connection, 429), so a run is never started twice.
    Once,
}

/// What a successful call returned: the parsed body and the pagination headers.
pub(crate) struct Answer<T> {
    pub body: T,
    pub total: Option<u64>,
    pub count: Option<u64>,
}

/// An Apify API client for one run. Cheap to share behind an `Arc`.
pub(crate) struct Client {
    http: reqwest::Client,
    /// `{api_base}/v2/`.
    root: Url,
    token: String,
    token_env: String,
    /// `host[:port]` of `api_base`, the only part of a URL an error names.
    host: String,
    retries: u32,
    backoff: Duration,
    quiet: bool,
}

impl Client {
    pub(crate) fn new(config: &ApifyConfig, token: String) -> anyhow::Result<Client> {
        let root = Url::parse(&format!("{}/v2/", config.api_base.trim_end_matches('/'))).map_err(
            |_| anyhow::anyhow!("`apify.api_base` `{}` is not a valid URL", config.api_base),
        )?;
        let host = match (root.host_str(), root.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_string(),
            (None, _) => root.origin().ascii_serialization(),
        };
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .user_agent(concat!("groupdigest/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| anyhow::anyhow!("cannot start the HTTP client: {}", transport(e)))?;
        crate::secret::remember(&token);
        Ok(Client {
            http,
            root,
            token,
            token_env: config.token_env.clone(),
            host,
            retries: config.retries,
            backoff: Duration::from_millis(config.backoff_ms),
            quiet: false,
        })
    }

    /// For `check`: one retry at most, no retry lines printed.
    pub(crate) fn interactive(mut self) -> Self {
        self.retries = self.retries.min(1);
        self.quiet = true;
        self
    }

    /// `{api_base}/v2/` plus `segments` (each percent-encoded as one path segment, so a
    /// name can never change the host or the path), with `params`.
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

    /// GETs `url` and parses its JSON body.
    pub(crate) async fn get<T: DeserializeOwned>(
        &self,
        url: &Url,
        what: &str,
        label: &str,
        wait: Duration,
        deadline: Instant,
    ) -> Result<Answer<T>, ApifyError> {
        let call = Call {
            method: Method::GET,
            url,
            body: None,
            what,
            label,
            wait,
            deadline,
            retry: Retry::Idempotent,
        };
        self.call(call).await
    }

    /// POSTs `body` (JSON) to `url` and parses the answer.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn post<T: DeserializeOwned>(
        &self,
        url: &Url,
        body: Option<&serde_json::Value>,
        what: &str,
        label: &str,
        deadline: Instant,
        retry: Retry,
    ) -> Result<Answer<T>, ApifyError> {
        let call = Call {
            method: Method::POST,
            url,
            body,
            what,
            label,
            wait: Duration::ZERO,
            deadline,
            retry,
        };
        self.call(call).await
    }

    async fn call<T: DeserializeOwned>(&self, c: Call<'_>) -> Result<Answer<T>, ApifyError> {
        let mut attempt = 0u32;
        loop {
            let err = match self.once(&c).await {
                Ok(answer) => return Ok(answer),
                Err(e) => e,
            };
            let limit = match (&err, c.retry) {
                (
                    ApifyError::Unreachable { .. } | ApifyError::NoAnswer { .. },
                    Retry::Idempotent,
                ) => self.retries.min(1),
                (ApifyError::Unreachable { .. }, Retry::Once) => self.retries.min(1),
                (ApifyError::RateLimit { .. }, _) => self.retries,
                (_, Retry::Idempotent) => self.retries,
                (_, Retry::Once) => 0,
            };
            if !err.is_retryable() || attempt >= limit {
                return Err(err);
            }
            let wait = self.wait_before_retry(attempt, &err);
            if Instant::now() + wait >= c.deadline {
                return Err(ApifyError::Transient(format!(
                    "{err}; no time left to retry within the group's time limit"
                )));
            }
            attempt += 1;
            if !self.quiet {
                crate::ui::info(format!(
                    "{}: retry {attempt} of {limit} in {}: {err}",
                    c.label,
                    crate::ui::seconds(wait)
                ));
            }
            tokio::time::sleep(wait).await;
        }
    }

    /// Exponential backoff with "equal jitter"; a `Retry-After` wins when longer.
    fn wait_before_retry(&self, attempt: u32, err: &ApifyError) -> Duration {
        let base = self
            .backoff
            .saturating_mul(2u32.saturating_pow(attempt))
            .min(MAX_BACKOFF);
        let half = base / 2;
        let jitter = rand::thread_rng().gen_range(0..=half.as_millis() as u64);
        let wait = half + Duration::from_millis(jitter);
        match err {
            ApifyError::RateLimit {
                after: Some(after), ..
            } => wait.max((*after).min(MAX_BACKOFF)),
            _ => wait,
        }
    }

    /// One request: send it, classify the answer.
    async fn once<T: DeserializeOwned>(&self, c: &Call<'_>) -> Result<Answer<T>, ApifyError> {
        let left = c.deadline.saturating_duration_since(Instant::now());
        let timeout = (c.wait + REQUEST_TIMEOUT).min(left);
        if timeout.is_zero() {
            return Err(ApifyError::NoAnswer {
                host: self.host.clone(),
                waited: Duration::ZERO,
            });
        }
        let mut request = self
            .http
            .request(c.method.clone(), c.url.clone())
            .bearer_auth(&self.token)
            .timeout(timeout);
        if let Some(body) = c.body {
            request = request.json(body);
        } else if c.method == Method::POST {
            request = request
                .header("content-type", "application/json")
                .body("{}");
        }
        let response = request
            .send()
            .await
            .map_err(|e| self.transport_error(e, timeout))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        let total = header("x-apify-pagination-total");
        let count = header("x-apify-pagination-count");
        let retry_after = header("retry-after").map(Duration::from_secs);
        let bytes = response
            .bytes()
            .await
            .map_err(|e| self.transport_error(e, timeout))?;
        if !(200..300).contains(&status) {
            let text = String::from_utf8_lossy(&bytes);
            return Err(
                classify(status, &text, c.what, &self.token_env, retry_after)
                    .unwrap_or_else(|| ApifyError::Unexpected(format!("HTTP {status}"))),
            );
        }
        // Parsed straight from the bytes: a page of a dataset is never copied into a
        // string first.
        let body = serde_json::from_slice(&bytes).map_err(|e| {
            ApifyError::Unexpected(crate::secret::redact(&format!(
                "{} is not the JSON expected: {e}",
                c.what
            )))
        })?;
        Ok(Answer { body, total, count })
    }

    /// A transport error naming the host, never the URL.
    fn transport_error(&self, e: reqwest::Error, waited: Duration) -> ApifyError {
        let host = self.host.clone();
        if e.is_connect() {
            return ApifyError::Unreachable {
                host,
                reason: connect_reason(&e),
            };
        }
        if e.is_timeout() {
            return ApifyError::NoAnswer { host, waited };
        }
        ApifyError::Transient(transport(e))
    }
}

/// One request to make.
struct Call<'a> {
    method: Method,
    url: &'a Url,
    body: Option<&'a serde_json::Value>,
    /// What is asked for, for a 404: "actor `a~b`".
    what: &'a str,
    /// Who asks, for retry lines: the group's slug.
    label: &'a str,
    /// How long the server may hold the request (`waitForFinish`).
    wait: Duration,
    deadline: Instant,
    retry: Retry,
}

/// Why a connection could not be made, in words.
fn connect_reason(e: &reqwest::Error) -> String {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    let mut innermost = String::new();
    let mut refused = false;
    let mut dns = false;
    while let Some(err) = source {
        let text = err.to_string();
        dns |= text.contains("dns error") || text.contains("lookup address");
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            refused |= io.kind() == std::io::ErrorKind::ConnectionRefused;
        }
        innermost = text;
        source = err.source();
    }
    let innermost = crate::secret::redact(&innermost);
    if dns {
        format!("the host name does not resolve ({innermost})")
    } else if refused {
        "the connection was refused (nothing listens on that port)".to_string()
    } else {
        innermost
    }
}

/// A transport error in words, without the URL and redacted.
fn transport(e: reqwest::Error) -> String {
    let e = anyhow::Error::from(e.without_url());
    crate::secret::redact(&format!("the connection to the Apify API failed: {e:#}"))
}
