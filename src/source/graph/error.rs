//! The Graph API's failures, classified by `error.code` (not only the HTTP status) into
//! what the client does next: retry, wait out a rate limit, stop everything (token), or
//! fail one group (permission or request).

use std::time::Duration;

use serde::Deserialize;

/// Where Meta said access returns, at most this far away, is waited for; further is a failure.
pub(crate) const MAX_RATE_LIMIT_WAIT: Duration = Duration::from_secs(15 * 60);

/// One Graph API failure. Messages never hold a secret: bodies and transport errors are
/// redacted before they get here.
#[derive(Debug, thiserror::Error)]
pub(crate) enum GraphError {
    /// 190 (and 102): the token is invalid or expired. Stops the whole run.
    #[error("the access token was refused: {message} (Graph code {code}{}); renew it with `groupdigest auth exchange` (or `groupdigest auth login`) and store it in `{env}`", subcode.map(|s| format!(", subcode {s}")).unwrap_or_default())]
    Token {
        code: i64,
        subcode: Option<i64>,
        message: String,
        env: String,
    },
    /// 4, 17, 32, 613, 80001+: too many calls. Retried after a wait.
    #[error("the Graph API rate limit was reached: {message} (Graph code {code})")]
    RateLimit {
        code: i64,
        message: String,
        /// What `X-Business-Use-Case-Usage` says about when access returns.
        regain: Option<Duration>,
    },
    /// 1, 2, HTTP 5xx, an HTML error page, a reset connection. Retried.
    #[error("{0}")]
    Transient(String),
    /// Nothing to talk to: the connection was refused, timed out, or the host name does not
    /// resolve. Retried once at most; names the host (never the URL, which may hold a token).
    #[error("cannot connect to the Graph API at `{host}`: {reason}")]
    Unreachable { host: String, reason: String },
    /// The host took the connection but sent no answer within `timeout_secs` (or within what
    /// was left of the command's deadline). Retried once at most.
    #[error("the Graph API at `{host}` did not answer within {}{}", crate::ui::seconds(*.waited), if *.deadline { " (the command's time limit)" } else { "" })]
    NoAnswer {
        host: String,
        waited: Duration,
        /// The wait was cut short by the command's overall deadline.
        deadline: bool,
    },
    /// 10, 200, 100 and anything else the API refuses: fails that group.
    #[error("{message} (Graph code {code}{})", subcode.map(|s| format!(", subcode {s}")).unwrap_or_default())]
    Refused {
        code: i64,
        subcode: Option<i64>,
        message: String,
    },
    /// A success status whose body is not what was asked for.
    #[error("unexpected response from the Graph API: {0}")]
    Unexpected(String),
}

impl GraphError {
    /// Worth another try after a backoff.
    pub(crate) fn is_retryable(&self) -> bool {
        matches!(
            self,
            GraphError::Transient(_)
                | GraphError::RateLimit { .. }
                | GraphError::Unreachable { .. }
                | GraphError::NoAnswer {
                    deadline: false,
                    ..
                }
        )
    }

    /// The most retries this error is worth, given the configured `retries`: one for a host
    /// that cannot be reached or does not answer (a blip clears in one; more only multiply
    /// the wait), all of them otherwise.
    pub(crate) fn retry_limit(&self, configured: u32) -> u32 {
        if self.is_network() {
            configured.min(1)
        } else {
            configured
        }
    }

    /// The host could not be reached or did not answer: no request got through.
    pub(crate) fn is_network(&self) -> bool {
        matches!(
            self,
            GraphError::Unreachable { .. } | GraphError::NoAnswer { .. }
        )
    }

    /// What kind of failure this is, in the words of a group's run status.
    pub(crate) fn kind(&self) -> FailureKind {
        match self {
            GraphError::Token { .. } => FailureKind::Token,
            GraphError::Unreachable { .. } | GraphError::NoAnswer { .. } => FailureKind::Network,
            GraphError::Refused {
                code: 10 | 200 | 100,
                ..
            } => FailureKind::Permission,
            GraphError::Transient(_)
            | GraphError::RateLimit { .. }
            | GraphError::Refused { .. }
            | GraphError::Unexpected(_) => FailureKind::Api,
        }
    }

    /// The Graph error code, when the API sent one.
    pub(crate) fn code(&self) -> Option<i64> {
        match self {
            GraphError::Token { code, .. }
            | GraphError::RateLimit { code, .. }
            | GraphError::Refused { code, .. } => Some(*code),
            _ => None,
        }
    }
}

/// The kind of a live group's failure, as its run status records it.
pub(crate) use crate::source::FailureKind;

/// A live group's failure: the full message for the log, and its kind for the run status.
/// `graph::fetch` returns every group error as one of these (`anyhow::Error::downcast_ref`).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub(crate) struct FetchError {
    pub kind: FailureKind,
    pub message: String,
}

/// The `error` object of a failed call.
#[derive(Debug, Deserialize)]
pub(crate) struct ErrorBody {
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub code: i64,
    #[serde(default)]
    pub error_subcode: Option<i64>,
    #[serde(default)]
    pub is_transient: bool,
}

#[derive(Debug, Deserialize)]
struct Envelope {
    error: ErrorBody,
}

/// The error carried by a response, if any. `text` is the body as received (the message
/// taken from it is redacted);
/// `regain` comes from the usage headers.
pub(crate) fn classify(
    status: u16,
    text: &str,
    regain: Option<Duration>,
    token_env: &str,
) -> Option<GraphError> {
    // A feed page is not parsed twice: only a body with an `"error"` key can be an error.
    let envelope = text
        .contains("\"error\"")
        .then(|| serde_json::from_str::<Envelope>(text));
    if let Some(Ok(Envelope { error })) = envelope {
        return Some(from_body(status, error, regain, token_env));
    }
    if (200..300).contains(&status) {
        return None;
    }
    let looks_html = text.trim_start().starts_with('<');
    let what = if looks_html {
        "an HTML error page"
    } else {
        "a body that is not a Graph error"
    };
    if status >= 500 || status == 429 {
        Some(GraphError::Transient(format!(
            "the Graph API answered HTTP {status} with {what}"
        )))
    } else {
        Some(GraphError::Refused {
            code: 0,
            subcode: None,
            message: format!("the Graph API answered HTTP {status} with {what}"),
        })
    }
}

fn from_body(status: u16, e: ErrorBody, regain: Option<Duration>, token_env: &str) -> GraphError {
    let message = if e.message.is_empty() {
        format!("HTTP {status} without a message")
    } else {
        crate::secret::redact(&e.message)
    };
    match e.code {
        190 | 102 => GraphError::Token {
            code: e.code,
            subcode: e.error_subcode,
            message,
            env: token_env.to_string(),
        },
        4 | 17 | 32 | 613 | 80001.. => GraphError::RateLimit {
            code: e.code,
            message,
            regain,
        },
        1 | 2 => GraphError::Transient(format!("{message} (Graph code {})", e.code)),
        _ if e.is_transient || status >= 500 => {
            GraphError::Transient(format!("{message} (Graph code {})", e.code))
        }
        code => GraphError::Refused {
            code,
            subcode: e.error_subcode,
            message,
        },
    }
}

/// The longest `estimated_time_to_regain_access` (minutes) in an
/// `X-Business-Use-Case-Usage` header: `{"<business id>": [{"type": ..., ...}]}`.
pub(crate) fn regain_from_buc_header(value: &str) -> Option<Duration> {
    let v: serde_json::Value = serde_json::from_str(value).ok()?;
    v.as_object()?
        .values()
        .filter_map(|entries| entries.as_array())
        .flatten()
        .filter_map(|e| e.get("estimated_time_to_regain_access")?.as_u64())
        .max()
        .filter(|&m| m > 0)
        .map(|m| Duration::from_secs(m.saturating_mul(60)))
}

/// The highest usage percentage in `X-App-Usage` or `X-Business-Use-Case-Usage`, to slow
/// down before the API refuses.
pub(crate) fn usage_percent(value: &str) -> Option<u64> {
    fn walk(v: &serde_json::Value, best: &mut Option<u64>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    if matches!(k.as_str(), "call_count" | "total_time" | "total_cputime") {
                        if let Some(n) = v.as_u64() {
                            *best = Some(best.map_or(n, |b| b.max(n)));
                        }
                    } else {
                        walk(v, best);
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, best)),
            _ => {}
        }
    }
    let v: serde_json::Value = serde_json::from_str(value).ok()?;
    let mut best = None;
    walk(&v, &mut best);
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    const ERRORS: &str = include_str!("../../../tests/fixtures/graph-errors.json");

    fn sample(name: &str) -> String {
        let all: serde_json::Value = serde_json::from_str(ERRORS).unwrap();
        all[name].to_string()
    }

    fn class(status: u16, name: &str) -> GraphError {
        classify(status, &sample(name), None, "FB_ACCESS_TOKEN").unwrap()
    }

    #[test]
    fn classifies_the_sample_errors_by_code() {
        assert!(matches!(
            class(400, "expired_token (HTTP 400)"),
            GraphError::Token {
                code: 190,
                subcode: Some(463),
                ..
            }
        ));
        assert!(matches!(
            class(400, "invalid_token (HTTP 400)"),
            GraphError::Token { .. }
        ));
        for rate in [
            "app_rate_limit (HTTP 403)",
            "user_rate_limit (HTTP 403)",
            "page_rate_limit (HTTP 403)",
        ] {
            assert!(
                matches!(class(403, rate), GraphError::RateLimit { .. }),
                "{rate}"
            );
        }
        assert!(class(500, "transient (HTTP 500)").is_retryable());
        assert!(matches!(
            class(403, "permission (HTTP 403)"),
            GraphError::Refused { code: 10, .. }
        ));
        assert!(matches!(
            class(400, "groups_removed (HTTP 400)"),
            GraphError::Refused { code: 100, .. }
        ));
    }

    #[test]
    fn a_host_that_cannot_be_reached_is_retried_once_and_others_as_configured() {
        let unreachable = GraphError::Unreachable {
            host: "127.0.0.1:9".into(),
            reason: "the connection was refused".into(),
        };
        let silent = GraphError::NoAnswer {
            host: "127.0.0.1:9".into(),
            waited: Duration::from_secs(2),
            deadline: false,
        };
        assert_eq!(unreachable.retry_limit(5), 1);
        assert_eq!(silent.retry_limit(5), 1);
        assert_eq!(unreachable.retry_limit(0), 0);
        assert_eq!(GraphError::Transient("x".into()).retry_limit(5), 5);
        let cut = GraphError::NoAnswer {
            host: "h".into(),
            waited: Duration::from_secs(1),
            deadline: true,
        };
        assert!(!cut.is_retryable(), "nothing is left of the deadline");
        assert_eq!(
            unreachable.to_string(),
            "cannot connect to the Graph API at `127.0.0.1:9`: the connection was refused"
        );
        assert!(cut.to_string().contains("time limit"), "{cut}");
    }

    #[test]
    fn failure_kinds_are_the_run_status_names() {
        assert_eq!(
            class(400, "expired_token (HTTP 400)").kind().as_str(),
            "token"
        );
        assert_eq!(
            class(403, "permission (HTTP 403)").kind().as_str(),
            "permission"
        );
        assert_eq!(
            class(400, "groups_removed (HTTP 400)").kind(),
            FailureKind::Permission
        );
        assert_eq!(class(500, "transient (HTTP 500)").kind().as_str(), "api");
        let unreachable = GraphError::Unreachable {
            host: "h".into(),
            reason: "r".into(),
        };
        assert_eq!(unreachable.kind().as_str(), "network");
    }

    #[test]
    fn a_token_error_says_how_to_renew() {
        let msg = class(400, "expired_token (HTTP 400)").to_string();
        assert!(
            msg.contains("auth exchange") && msg.contains("FB_ACCESS_TOKEN"),
            "{msg}"
        );
        assert!(msg.contains("subcode 463"), "{msg}");
    }

    #[test]
    fn an_html_error_page_is_transient_and_a_json_success_is_not_an_error() {
        let e = classify(502, "<html><body>Bad gateway</body></html>", None, "T").unwrap();
        assert!(e.is_retryable());
        assert!(e.to_string().contains("HTML"), "{e}");
        assert!(classify(200, r#"{"data":[]}"#, None, "T").is_none());
    }

    #[test]
    fn reads_the_regain_time_from_the_business_usage_header() {
        let h = r#"{"987654321":[{"type":"pages","call_count":100,"total_cputime":20,"total_time":25,"estimated_time_to_regain_access":12}]}"#;
        assert_eq!(regain_from_buc_header(h), Some(Duration::from_secs(720)));
        assert_eq!(usage_percent(h), Some(100));
        assert_eq!(
            usage_percent(r#"{"call_count":28,"total_time":25,"total_cputime":25}"#),
            Some(28)
        );
        assert_eq!(regain_from_buc_header("not json"), None);
    }
}
