//! `groupdigest auth exchange | inspect | login`: obtain the long-lived token the live source
//! needs, and say what the stored one is. A token the user asked for is printed on stdout,
//! once, with where to store it on stderr; no other output ever holds a token.

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{anyhow, bail, Context, Result};
use chrono::{DateTime, Utc};
use rand::Rng;
use serde::Deserialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use url::Url;

use crate::cli::{AuthCommand, LoginArgs};
use crate::config::Config;
use crate::secret::{self, Secrets};
use crate::source::graph::{self, Client};
use crate::ui;
use crate::Now;

/// How long `auth login` waits for the browser to come back.
const LOGIN_TIMEOUT: Duration = Duration::from_secs(300);

pub(crate) fn run(config: &Config, now: Now, command: &AuthCommand) -> Result<ExitCode> {
    match command {
        AuthCommand::Exchange(args) => {
            let short = read_short_token()?;
            let token = graph::runtime()?.block_on(async {
                let client = app_client(config, &short, "auth exchange")?;
                let long = exchange(&client, &short).await?;
                match &args.page {
                    Some(page) => page_token(&client, &long.token, page).await,
                    None => Ok(long),
                }
            })?;
            print_token(config, &token);
            Ok(ExitCode::SUCCESS)
        }
        AuthCommand::Inspect => inspect(config, now),
        AuthCommand::Login(args) => {
            let token = graph::runtime()?.block_on(login(config, args))?;
            print_token(config, &token);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A token obtained for the user, with what to tell them about it.
struct Obtained {
    token: String,
    what: String,
}

/// Reads the short-lived token from standard input (prompting on a terminal), so it never
/// sits in the shell history or the process list.
fn read_short_token() -> Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        ui::info(
            "Paste a short-lived user token (e.g. from the Graph API Explorer) and press Enter:",
        );
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("cannot read the short-lived token from standard input")?;
    let token = line.trim().to_string();
    if token.is_empty() {
        bail!(
            "no token on standard input; paste a short-lived user token, e.g. \
             `echo \"$SHORT_TOKEN\" | groupdigest auth exchange`"
        );
    }
    secret::remember(&token);
    Ok(token)
}

/// A client for calls that need the app id and secret (token exchange, login).
fn app_client(config: &Config, token: &str, command: &str) -> Result<Client> {
    if config
        .source
        .app_id
        .as_deref()
        .is_none_or(|a| a.trim().is_empty())
    {
        bail!(
            "`{command}` needs the Meta app's id: set `app_id` in `[source]` of `{}` \
             (App settings → Basic → App ID)",
            config.file.display()
        );
    }
    let Some(app_secret) = secret::app_secret(config) else {
        bail!(
            "`{command}` needs the Meta app's secret in the environment variable `{}` \
             (or `.env` beside `{}`); find it under App settings → Basic → App secret",
            config.source.app_secret_env,
            config.file.display()
        );
    };
    let secrets = Secrets {
        token: token.to_string(),
        app_secret: Some(app_secret),
    };
    Ok(Client::new(config, &secrets)?.interactive())
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<i64>,
}

/// `oauth/access_token?grant_type=fb_exchange_token`: a short-lived user token in, a
/// long-lived (about 60 days) one out.
async fn exchange(client: &Client, short: &str) -> Result<Obtained> {
    let (app_id, app_secret) = (
        client.app_id().unwrap_or(""),
        client.app_secret().unwrap_or(""),
    );
    let url = client.url(
        &["oauth", "access_token"],
        &[
            ("grant_type", "fb_exchange_token"),
            ("client_id", app_id),
            ("client_secret", app_secret),
            ("fb_exchange_token", short),
        ],
    );
    let answer: TokenResponse = client
        .get_as(&url, short, "auth exchange")
        .await
        .context("cannot exchange the token for a long-lived one")?;
    secret::remember(&answer.access_token);
    let days = answer
        .expires_in
        .map_or(60, |s| s.saturating_add(43_200) / 86_400);
    Ok(Obtained {
        token: answer.access_token,
        what: format!("a long-lived user token; it expires in about {days} days"),
    })
}

#[derive(Deserialize)]
struct PageAnswer {
    #[serde(default)]
    access_token: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

/// `/{page-id}?fields=access_token,name` with a long-lived user token: the Page token,
/// which does not expire.
async fn page_token(client: &Client, user_token: &str, page: &str) -> Result<Obtained> {
    let url = client.url(&[page], &[("fields", "access_token,name")]);
    let answer: PageAnswer = client
        .get_as(&url, user_token, "auth exchange")
        .await
        .with_context(|| format!("cannot get the Page token of `{page}`"))?;
    let token = answer.access_token.ok_or_else(|| {
        anyhow!(
            "the API gave no Page token for `{page}`: the user must manage that Page and grant \
             `pages_show_list` and `pages_read_engagement`"
        )
    })?;
    secret::remember(&token);
    Ok(Obtained {
        token,
        what: format!(
            "the Page token of {} (`{page}`); it does not expire, but Meta invalidates tokens \
             of apps unused for 90 days, which a weekly build prevents",
            answer.name.as_deref().unwrap_or("the Page")
        ),
    })
}

/// The one place a token is printed: stdout, for the user who asked for it.
fn print_token(config: &Config, obtained: &Obtained) {
    let env = &config.source.token_env;
    ui::info(format!("This is {}.", obtained.what));
    ui::info(format!(
        "Store it as the repository secret `{env}` (Settings → Secrets and variables → Actions), \
         or locally as a line `{env}=...` in `.env` beside `{}` (keep `.env` out of git). \
         It is printed once, on stdout, below:",
        config.file.display()
    ));
    println!("{}", obtained.token);
}

/// `auth inspect`: `debug_token` in words; exit 1 when the token is not valid.
fn inspect(config: &Config, now: Now) -> Result<ExitCode> {
    let secrets = Secrets::load(config)?;
    let client = Client::new(config, &secrets)?.interactive();
    let info = graph::runtime()?
        .block_on(graph::debug_token(&client, &secrets.token))
        // A refusal may be about the app credentials debug_token is asked with, not the
        // token: the same words as `fetch` and `check` use.
        .map_err(|e| match e {
            e @ graph::GraphError::Token { .. } => graph::debug_token_refused(&client, e),
            e => anyhow::Error::new(e),
        })
        .context("cannot inspect the token with debug_token")?;
    let env = &config.source.token_env;
    let when = |t: Option<DateTime<Utc>>| match t {
        Some(t) => format!(
            "{} (in {} days)",
            t.format("%Y-%m-%d %H:%M UTC"),
            (t - now).num_days()
        ),
        None => "never".to_string(),
    };
    if info.is_valid {
        println!("The token in `{env}` is valid.");
    } else {
        crate::ui::out(format!(
            "The token in `{env}` is NOT valid: {}.",
            info.invalid_reason()
        ));
    }
    let kind = info.kind.as_deref().unwrap_or("unknown").to_lowercase();
    let owner = match (&info.profile_id, &info.user_id) {
        (Some(p), _) => format!(" for Page `{p}`"),
        (None, Some(u)) => format!(" of user `{u}`"),
        _ => String::new(),
    };
    crate::ui::out(format!("Type: {kind} token{owner}."));
    if let Some(app) = info.application.as_deref().or(info.app_id.as_deref()) {
        crate::ui::out(format!(
            "App: {app}{}.",
            info.app_id
                .as_deref()
                .filter(|id| *id != app)
                .map(|id| format!(" (`{id}`)"))
                .unwrap_or_default()
        ));
    }
    println!("Expires: {}.", when(info.expires()));
    if info.data_access_expires().is_some() {
        println!("Data access expires: {}.", when(info.data_access_expires()));
    }
    if info.scopes.is_empty() {
        println!("Permissions: none.");
    } else {
        crate::ui::out(format!("Permissions: {}.", info.scopes.join(", ")));
    }
    if let Some(w) = info.expiry_warning(env, now) {
        graph::ci_warning(&w);
    }
    Ok(if info.is_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The seed's manual login flow, on a loopback redirect: print the dialog URL, wait for
/// the browser at `/callback`, check `state`, exchange the code, make the token long-lived.
async fn login(config: &Config, args: &LoginArgs) -> Result<Obtained> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.port))
        .await
        .with_context(|| {
            format!(
                "cannot listen on 127.0.0.1:{}; pick another `--port`",
                args.port
            )
        })?;
    let port = listener.local_addr()?.port();
    let redirect = format!("http://127.0.0.1:{port}/callback");
    // Its calls come after the browser, which may take up to `LOGIN_TIMEOUT`.
    let client =
        app_client(config, "", "auth login")?.deadline(LOGIN_TIMEOUT + graph::INTERACTIVE_DEADLINE);
    let state: String = {
        let mut rng = rand::thread_rng();
        (0..32)
            .map(|_| format!("{:x}", rng.gen_range(0..16u8)))
            .collect()
    };
    let mut dialog = Url::parse(&format!(
        "https://www.facebook.com/{}/dialog/oauth",
        config.source.api_version.trim_matches('/')
    ))
    .context("`source.api_version` does not make a valid dialog URL")?;
    dialog
        .query_pairs_mut()
        .append_pair("client_id", client.app_id().unwrap_or(""))
        .append_pair("redirect_uri", &redirect)
        .append_pair("state", &state)
        .append_pair("scope", &args.scope);
    ui::info(format!(
        "Open this URL in a browser and log in (`{redirect}` must be a Valid OAuth Redirect URI of the app):"
    ));
    ui::info(dialog.as_str());
    let params = tokio::time::timeout(LOGIN_TIMEOUT, wait_for_callback(&listener))
        .await
        .map_err(|_| {
            anyhow!("no login came back within 5 minutes; run `groupdigest auth login` again")
        })??;
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if param("state") != Some(state.as_str()) {
        bail!("the login came back with a different `state` (a forged or stale redirect); run `groupdigest auth login` again");
    }
    if let Some(error) = param("error") {
        bail!(
            "the login was not completed: {}",
            param("error_description").unwrap_or(error)
        );
    }
    let code = param("code").ok_or_else(|| anyhow!("the login came back without a `code`"))?;
    secret::remember(code);
    let url = client.url(
        &["oauth", "access_token"],
        &[
            ("client_id", client.app_id().unwrap_or("")),
            ("redirect_uri", &redirect),
            ("client_secret", client.app_secret().unwrap_or("")),
            ("code", code),
        ],
    );
    let short: TokenResponse = client
        .get_as(&url, "", "auth login")
        .await
        .context("cannot exchange the login code for a token")?;
    secret::remember(&short.access_token);
    let long = exchange(&client, &short.access_token).await?;
    match &args.page {
        Some(page) => page_token(&client, &long.token, page).await,
        None => Ok(long),
    }
}

/// Serves the loopback redirect until `/callback` is hit; returns its query parameters.
async fn wait_for_callback(listener: &tokio::net::TcpListener) -> Result<Vec<(String, String)>> {
    loop {
        let (mut stream, _) = listener.accept().await?;
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        // Browsers open spare connections and may send nothing on them: one of those must
        // not hold up the real redirect, which waits in the backlog behind it.
        let read_head = async {
            while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
                match stream.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
        };
        if tokio::time::timeout(std::time::Duration::from_secs(5), read_head)
            .await
            .is_err()
        {
            continue;
        }
        let head = String::from_utf8_lossy(&head);
        let target = head
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("GET "))
            .and_then(|l| l.split(' ').next())
            .unwrap_or("");
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        if path != "/callback" {
            let _ = stream
                .write_all(
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                )
                .await;
            continue;
        }
        let body = "<!doctype html><title>groupdigest</title><p>Logged in. You can close this tab and return to the terminal.</p>";
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let _ = stream.write_all(response.as_bytes()).await;
        let _ = stream.shutdown().await;
        return Ok(url::form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect());
    }
}
