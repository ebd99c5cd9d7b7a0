//! Secrets: the access token and app secret, read from the environment (or a `.env` file
//! beside `site.toml`), the `appsecret_proof` that signs each call, and the redaction that
//! keeps both out of every message, log line and error chain.
//!
//! Every secret loaded here is also remembered process-wide, so `ui` can scrub the literal
//! value from anything it prints even when it reached a message by an unexpected path.

use std::path::Path;
use std::sync::{Mutex, OnceLock};

use anyhow::{bail, Result};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::config::Config;

/// Query parameters whose values are secrets (or grant one): their values are replaced.
const SECRET_PARAMS: &[&str] = &[
    "access_token",
    "appsecret_proof",
    "input_token",
    "client_secret",
    "fb_exchange_token",
    "code",
];

/// What replaces a secret in a message.
pub(crate) const REDACTED: &str = "[REDACTED]";

/// The credentials a live run needs.
#[derive(Clone)]
pub(crate) struct Secrets {
    pub token: String,
    /// The app secret, when `app_secret_env` names a set variable: enables `appsecret_proof`.
    pub app_secret: Option<String>,
}

// Never let `{:?}` print a secret.
impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Secrets")
            .field("token", &REDACTED)
            .field("app_secret", &self.app_secret.as_ref().map(|_| REDACTED))
            .finish()
    }
}

impl Secrets {
    /// Loads the token (required) and the app secret (optional) named by `[source]`.
    pub(crate) fn load(config: &Config) -> Result<Secrets> {
        let token = token(config)?;
        let app_secret = app_secret(config);
        Ok(Secrets { token, app_secret })
    }
}

/// The access token from `token_env`, or an error saying where to put one.
pub(crate) fn token(config: &Config) -> Result<String> {
    let name = &config.source.token_env;
    match env_value(&config.root, name) {
        Some(t) => Ok(t),
        None => bail!(
            "no access token: set the environment variable `{name}` (a repository secret in CI) \
             or add `{name}=...` to `.env` beside `{}`; get a long-lived token with \
             `groupdigest auth login` or `groupdigest auth exchange` (see docs/graph.md)",
            config.file.display()
        ),
    }
}

/// The app secret from `app_secret_env`, when that variable is set.
pub(crate) fn app_secret(config: &Config) -> Option<String> {
    env_value(&config.root, &config.source.app_secret_env)
}

/// The variables whose values are secrets whatever the config names: the defaults of
/// `[source] token_env` and `app_secret_env`, of `[apify] token_env`, and the age identity.
const SECRET_VARS: &[&str] = &[
    "FB_ACCESS_TOKEN",
    "FB_APP_SECRET",
    "APIFY_TOKEN",
    "GROUPDIGEST_AGE_IDENTITY",
];

/// At start-up, before any config is read: registers the values of `SECRET_VARS` in the
/// process environment, so no message can print them even if no command ever loads them.
pub(crate) fn remember_environment() {
    for name in SECRET_VARS {
        if let Ok(value) = std::env::var(name) {
            remember_value(&value);
        }
    }
}

/// Once the config is read: registers the values of every variable it names for a secret
/// (`token_env`, `app_secret_env`, `[apify] token_env`) and of `SECRET_VARS`, from the
/// environment or `.env`. An import-only site never loads its token, yet a file's text (a
/// pasted token, a link that slipped through) must not print it either.
pub(crate) fn remember_configured(config: &Config) {
    let named = [
        config.source.token_env.as_str(),
        config.source.app_secret_env.as_str(),
        config.apify.token_env.as_str(),
    ];
    for name in named.into_iter().chain(SECRET_VARS.iter().copied()) {
        env_value(&config.root, name);
    }
}

/// A variable from the process environment, else from `<root>/.env`; empty counts as unset.
/// The value is registered for redaction.
pub(crate) fn env_value(root: &Path, name: &str) -> Option<String> {
    let value = std::env::var(name)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            let text = std::fs::read_to_string(root.join(".env")).ok()?;
            dotenv_lookup(&text, name)
        })?;
    let value = value.trim().to_string();
    remember_value(&value);
    Some(value)
}

/// Looks `name` up in the text of a `.env` file: `NAME=value` lines, optionally prefixed by
/// `export`, values optionally quoted; `#` starts a comment line.
pub(crate) fn dotenv_lookup(text: &str, name: &str) -> Option<String> {
    text.lines().rev().find_map(|line| {
        let line = line.trim();
        let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
        if line.starts_with('#') {
            return None;
        }
        let (key, value) = line.split_once('=')?;
        if key.trim() != name {
            return None;
        }
        let value = value.trim();
        let unquoted = ['"', '\'']
            .iter()
            .find_map(|q| value.strip_prefix(*q)?.strip_suffix(*q))
            .unwrap_or(value);
        Some(unquoted.to_string()).filter(|v| !v.is_empty())
    })
}

/// Meta's current `appsecret_proof`: hex HMAC-SHA256 of `<token>|<unix time>` keyed by the
/// app secret, sent with `appsecret_time` (valid for 5 minutes).
pub(crate) fn appsecret_proof(token: &str, app_secret: &str, unix_time: i64) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(app_secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(format!("{token}|{unix_time}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// How many of the latest `appsecret_proof` values `redact` knows: one a second per token
/// at most, and an error echoes the proof of the call it answers, made just before.
const PROOFS_KEPT: usize = 256;

fn proofs() -> &'static Mutex<std::collections::VecDeque<String>> {
    static PROOFS: OnceLock<Mutex<std::collections::VecDeque<String>>> = OnceLock::new();
    PROOFS.get_or_init(Default::default)
}

/// Registers an `appsecret_proof` just sent, so `redact` scrubs its value wherever an answer
/// quotes it. Kept apart from the secrets: a long run signs thousands of calls, and only the
/// latest `PROOFS_KEPT` can be echoed.
pub(crate) fn remember_proof(proof: &str) {
    let mut kept = proofs().lock().unwrap_or_else(|e| e.into_inner());
    if kept.iter().any(|p| p == proof) {
        return;
    }
    if kept.len() == PROOFS_KEPT {
        kept.pop_front();
    }
    kept.push_back(proof.to_string());
}

fn registry() -> &'static Mutex<Vec<String>> {
    static SECRETS: OnceLock<Mutex<Vec<String>>> = OnceLock::new();
    SECRETS.get_or_init(|| Mutex::new(Vec::new()))
}

/// Registers a secret (a token obtained at run time, say) so `redact` scrubs it literally.
pub(crate) fn remember(secret: &str) {
    // Very short values would scrub ordinary words; real tokens and secrets are long.
    if secret.len() < 8 {
        return;
    }
    let mut known = registry().lock().unwrap_or_else(|e| e.into_inner());
    if !known.iter().any(|s| s == secret) {
        known.push(secret.to_string());
    }
}

/// Registers a secret value, and each line of it apart when it has several (an age identity
/// file: comments, then the key), so a message quoting one line is scrubbed too.
fn remember_value(value: &str) {
    remember(value.trim());
    if value.contains(['\n', '\r']) {
        for line in value.lines().map(str::trim).filter(|l| !l.starts_with('#')) {
            remember(line);
        }
    }
}

/// Scrubs a message: the values of secret query parameters (`access_token=...` and the
/// like, wherever a URL was quoted) and every remembered secret's literal text.
pub fn redact(message: &str) -> String {
    let mut out = redact_params(message);
    let known = registry().lock().unwrap_or_else(|e| e.into_inner());
    for secret in known.iter() {
        if out.contains(secret.as_str()) {
            out = out.replace(secret.as_str(), REDACTED);
        }
    }
    drop(known);
    let kept = proofs().lock().unwrap_or_else(|e| e.into_inner());
    for proof in kept.iter() {
        if out.contains(proof.as_str()) {
            out = out.replace(proof.as_str(), REDACTED);
        }
    }
    drop(kept);
    if out.contains('…') {
        let known = registry().lock().unwrap_or_else(|e| e.into_inner());
        out = redact_shortened(&out, &known);
    }
    out
}

/// A value shortened for a message (`EAABx…`) still shows the start of a secret: text just
/// before a `…` that is the first `SHORTENED_MIN` or more characters of a known secret is
/// replaced too.
fn redact_shortened(message: &str, known: &[String]) -> String {
    const SHORTENED_MIN: usize = 8;
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find('…') {
        let before = &rest[..at];
        let cut = known
            .iter()
            .filter_map(|secret| {
                let longest = (SHORTENED_MIN..=secret.len().min(before.len()))
                    .rev()
                    .filter(|&k| secret.is_char_boundary(k))
                    .find(|&k| before.ends_with(&secret[..k]))?;
                Some(longest)
            })
            .max();
        match cut {
            Some(k) => {
                out.push_str(&before[..before.len() - k]);
                out.push_str(REDACTED);
            }
            None => out.push_str(before),
        }
        out.push('…');
        rest = &rest[at + '…'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// Replaces the value of each `SECRET_PARAMS` parameter in URL-ish text with `REDACTED`.
fn redact_params(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    'scan: while !rest.is_empty() {
        for key in SECRET_PARAMS {
            let Some(after) = rest
                .strip_prefix(key)
                .and_then(|r| r.strip_prefix('='))
                .filter(|_| !out.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
            else {
                continue;
            };
            // A message redacted once already (an error wrapped and scrubbed again) stays
            // as it is, instead of gaining a `]` each time.
            let value = after.strip_prefix(REDACTED).unwrap_or(after);
            let end = after.len() - value.len()
                + value
                    .find(|c: char| {
                        c == '&' || c == '#' || c.is_whitespace() || "\"'<>)]},;`".contains(c)
                    })
                    .unwrap_or(value.len());
            out.push_str(key);
            out.push('=');
            out.push_str(REDACTED);
            rest = &after[end..];
            continue 'scan;
        }
        let c = rest.chars().next().expect("rest is not empty");
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Makes panics go through `redact` too: a bug must not print a token either.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".into());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "groupdigest panicked{at}: {}; this is a bug, please report it",
            crate::ui::defuse(&redact(&payload))
        );
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proof_is_the_hmac_of_token_and_time() {
        // Computed independently: printf 'tok|1700000000' | openssl dgst -sha256 -hmac sec
        assert_eq!(
            appsecret_proof("tok", "sec", 1_700_000_000),
            "76c72ab4cd4ceb38bc05798349e148b0845327097473ef752ca3481a366186b3"
        );
    }

    #[test]
    fn redacts_secret_query_values_in_urls() {
        let s = redact(
            "error sending request for url (https://graph.facebook.com/v23.0/1/feed?access_token=EAAB123&after=QV&appsecret_proof=abc) and input_token=XYZ&code=c0de",
        );
        assert!(!s.contains("EAAB123") && !s.contains("abc)") && !s.contains("XYZ"));
        assert!(!s.contains("c0de"), "{s}");
        assert!(s.contains("after=QV"), "{s}");
        assert!(s.contains("access_token=[REDACTED]"), "{s}");
    }

    #[test]
    fn redacting_twice_changes_nothing_more() {
        let once = redact("GET /1/feed?access_token=EAAB123&after=QV failed");
        assert_eq!(once, "GET /1/feed?access_token=[REDACTED]&after=QV failed");
        assert_eq!(redact(&once), once);
        assert_eq!(redact(&redact(&once)), once);
        // A value that only starts like the marker is still scrubbed.
        assert_eq!(
            redact("x?access_token=[REDACTED]EAAB123&y=1"),
            "x?access_token=[REDACTED]&y=1"
        );
    }

    #[test]
    fn leaves_parameters_that_only_end_like_a_secret_one() {
        assert_eq!(redact("error_code=190"), "error_code=190");
    }

    #[test]
    fn redacts_remembered_secrets_anywhere() {
        remember("S3cretValue-for-redaction-test");
        let s = redact("token S3cretValue-for-redaction-test in a sentence");
        assert_eq!(s, "token [REDACTED] in a sentence");
    }

    #[test]
    fn redacts_the_start_of_a_secret_a_message_shortened() {
        remember("AGE-SECRET-KEY-1SHORTENEDINAMESSAGE000000000000");
        assert_eq!(
            redact("`created_time` = `AGE-SECRET-KEY-1SHORTENED…` is not a time"),
            "`created_time` = `[REDACTED]…` is not a time"
        );
        // Text that only shares a few characters with a secret stays.
        assert_eq!(redact("AGE-S… and more…"), "AGE-S… and more…");
    }

    #[test]
    fn reads_dotenv_lines_with_export_quotes_and_comments() {
        let text = "# token\nexport FB_ACCESS_TOKEN=\"EAAB xyz\"\nFB_APP_SECRET='s3'\nOTHER=1\n";
        assert_eq!(
            dotenv_lookup(text, "FB_ACCESS_TOKEN").as_deref(),
            Some("EAAB xyz")
        );
        assert_eq!(dotenv_lookup(text, "FB_APP_SECRET").as_deref(), Some("s3"));
        assert_eq!(dotenv_lookup(text, "MISSING"), None);
        assert_eq!(
            dotenv_lookup("#FB_ACCESS_TOKEN=x\n", "FB_ACCESS_TOKEN"),
            None
        );
    }

    #[test]
    fn debug_output_hides_the_secrets() {
        let s = Secrets {
            token: "EAABtoken".into(),
            app_secret: Some("appsecret".into()),
        };
        let d = format!("{s:?}");
        assert!(
            !d.contains("EAABtoken") && !d.contains("appsecret\""),
            "{d}"
        );
    }
}
