//! The Apify API's failures, classified by HTTP status (and Apify's error `type`) into what
//! the client does next: retry (429, 5xx, a dropped connection), or fail the group with a
//! kind its `group.json` records (401 token, 402/403 limit, 404 unknown actor or task).

use std::time::Duration;

use serde::Deserialize;

use crate::source::FailureKind;

/// One Apify API failure. Apify's own `type` and `message` are kept for the admin's log;
/// messages never hold the token (bodies are redacted before they get here).
#[derive(Debug, Clone, thiserror::Error)]
pub(crate) enum ApifyError {
    /// 401: the token is missing, mistyped or revoked.
    #[error("Apify refused the API token in `{env}` ({}); make a new one in Apify Console (Settings → API & Integrations) and store it in `{env}` (a repository secret in CI, or `.env` locally)", .body)]
    Token { body: Said, env: String },
    /// 402 and 403: a usage or plan limit, or a permission the token lacks.
    #[error("Apify refused the request ({}); {}", .body, limit_hint(.body))]
    Limit { body: Said },
    /// 404: no such actor, task, run or dataset.
    #[error("Apify has no {what} ({})", .body)]
    NotFound { what: String, body: Said },
    /// 429: too many requests. Retried after a wait.
    #[error("Apify's rate limit was reached ({})", .body)]
    RateLimit {
        body: Said,
        /// What `Retry-After` asked for.
        after: Option<Duration>,
    },
    /// 5xx, an HTML error page, a reset connection. Retried.
    #[error("{0}")]
    Transient(String),
    /// The connection was refused, timed out, or the host name does not resolve. Retried
    /// once at most; names the host, never a URL.
    #[error("cannot connect to the Apify API at `{host}`: {reason}")]
    Unreachable { host: String, reason: String },
    /// The host took the connection and sent no answer in time. Retried once at most.
    #[error("the Apify API at `{host}` did not answer within {}", crate::ui::seconds(*.waited))]
    NoAnswer { host: String, waited: Duration },
    /// Any other refusal (400 `invalid-input`, ...): fails the group.
    #[error("Apify refused the request ({})", .body)]
    Refused { body: Said },
    /// A success status whose body is not what was asked for.
    #[error("unexpected response from the Apify API: {0}")]
    Unexpected(String),
}

/// What Apify said: the HTTP status, its error `type` and `message`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Said {
    pub status: u16,
    pub kind: Option<String>,
    pub message: String,
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(kind) = &self.kind {
            write!(f, " `{kind}`")?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        Ok(())
    }
}

/// What to do about a 402 or 403.
fn limit_hint(body: &Said) -> &'static str {
    let kind = body.kind.as_deref().unwrap_or_default();
    if kind.contains("memory") {
        "the account's runs hold all the memory its plan allows: wait for the running ones, \
         lower `[apify] concurrency`, or raise the plan in Apify Console (Billing)"
    } else if body.status == 402 || kind.contains("limit") || kind.contains("usage") {
        "the Apify account reached a usage or plan limit: raise the limit in Apify Console \
         (Billing → Limits), change the plan, or wait for the next billing period; lower \
         `[apify] max_posts` to spend less per run"
    } else {
        "the token may lack a permission: use a token of the account that owns the task, \
         or one not scoped to other actors (Apify Console → Settings → API & Integrations)"
    }
}

impl ApifyError {
    /// Worth another try after a backoff.
    pub(crate) fn is_retryable(&self) -> bool {
        matches!(
            self,
            ApifyError::RateLimit { .. }
                | ApifyError::Transient(_)
                | ApifyError::Unreachable { .. }
                | ApifyError::NoAnswer { .. }
        )
    }

    /// The kind a group's run status records.
    pub(crate) fn kind(&self) -> FailureKind {
        match self {
            ApifyError::Token { .. } => FailureKind::Token,
            ApifyError::Limit { .. } => FailureKind::Permission,
            ApifyError::Unreachable { .. } | ApifyError::NoAnswer { .. } => FailureKind::Network,
            ApifyError::NotFound { .. }
            | ApifyError::RateLimit { .. }
            | ApifyError::Transient(_)
            | ApifyError::Refused { .. }
            | ApifyError::Unexpected(_) => FailureKind::Api,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct ErrorBody {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Envelope {
    error: ErrorBody,
}

/// The error a response carries, if any: `text` is the body, `what` names the resource
/// asked for (for a 404), `retry_after` the `Retry-After` header.
pub(crate) fn classify(
    status: u16,
    text: &str,
    what: &str,
    token_env: &str,
    retry_after: Option<Duration>,
) -> Option<ApifyError> {
    if (200..300).contains(&status) {
        return None;
    }
    let body = serde_json::from_str::<Envelope>(text).ok().map(|e| e.error);
    let looks_html = text.trim_start().starts_with('<');
    let said = match body {
        Some(b) => Said {
            status,
            kind: b
                .kind
                .map(|k| crate::secret::redact(&k))
                .filter(|k| !k.is_empty()),
            message: crate::secret::redact(b.message.as_deref().unwrap_or_default()),
        },
        None => Said {
            status,
            kind: None,
            message: if looks_html {
                "an HTML error page".into()
            } else {
                "a body that is not an Apify error".into()
            },
        },
    };
    Some(match status {
        401 => ApifyError::Token {
            body: said,
            env: token_env.to_string(),
        },
        402 | 403 => ApifyError::Limit { body: said },
        404 => ApifyError::NotFound {
            what: what.to_string(),
            body: said,
        },
        429 => ApifyError::RateLimit {
            body: said,
            after: retry_after,
        },
        500.. => ApifyError::Transient(format!("the Apify API answered {said}")),
        _ => ApifyError::Refused { body: said },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(status: u16, body: &str) -> ApifyError {
        classify(status, body, "actor `a~b`", "APIFY_TOKEN", None).unwrap()
    }

    #[test]
    fn classifies_by_status_and_keeps_apifys_type_and_message() {
        let e = class(
            401,
            r#"{"error":{"type":"token-not-valid","message":"Authentication token is not valid."}}"#,
        );
        assert_eq!(e.kind(), FailureKind::Token);
        let msg = e.to_string();
        assert!(
            msg.contains("`token-not-valid`: Authentication token is not valid.")
                && msg.contains("`APIFY_TOKEN`"),
            "{msg}"
        );
        let limit = class(
            402,
            r#"{"error":{"type":"not-enough-usage-to-run-paid-actor","message":"You have reached your usage limit."}}"#,
        );
        assert_eq!(limit.kind(), FailureKind::Permission);
        assert!(limit.to_string().contains("Billing"), "{limit}");
        let missing = class(
            404,
            r#"{"error":{"type":"record-not-found","message":"Actor was not found"}}"#,
        );
        assert!(missing.to_string().starts_with("Apify has no actor `a~b`"));
        assert!(class(503, "<html>down</html>").is_retryable());
        assert!(class(429, "{}").is_retryable());
        assert!(!class(400, r#"{"error":{"type":"invalid-input"}}"#).is_retryable());
        assert!(classify(201, "{}", "x", "T", None).is_none());
    }

    #[test]
    fn a_memory_limit_says_to_lower_concurrency() {
        let e = class(
            402,
            r#"{"error":{"type":"actor-memory-limit-exceeded","message":"By launching this job you will exceed the memory limit of 8192MB"}}"#,
        );
        assert!(e.to_string().contains("`[apify] concurrency`"), "{e}");
    }
}
