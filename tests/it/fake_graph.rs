//! A fake Graph API on 127.0.0.1 for the integration tests and `examples/bench_fetch.rs`:
//! paged feeds (with `paging.next` URLs that embed the token, as the real API's do), group
//! and Page nodes, `debug_token`, token exchange, `/me/groups`, scripted faults, outages and
//! latency. It checks every request the way Meta does: the bearer token and `appsecret_proof`.
//! [`Silent`] is a server that accepts connections and never answers; [`closed_port`] is a
//! port nothing listens on.
//!
//! Self-contained on purpose (no `crate::` paths): the benchmark includes this file too.

#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

pub const TOKEN: &str = "EAABfakeUserToken0123456789abcdef";
pub const APP_ID: &str = "1234567890123";
pub const APP_SECRET: &str = "fakeAppSecret9876543210";
pub const SHORT_TOKEN: &str = "EAABshortLivedToken55555";
pub const LONG_TOKEN: &str = "EAABlongLivedToken66666666";
pub const PAGE_TOKEN: &str = "EAABpageToken7777777777777";
pub const LOGIN_CODE: &str = "AQDloginCode8888";

/// One group or Page the fake serves.
#[derive(Clone, Default)]
pub struct FakeGroup {
    pub node: Value,
    pub posts: Vec<Value>,
    /// Posts per feed page (the real API's `limit`).
    pub page_size: usize,
    /// After the last page with posts, serve one more empty page that still has `next`.
    pub trailing_empty: bool,
}

/// A scripted answer served instead of the normal one, once.
#[derive(Clone)]
pub enum Fault {
    /// An HTML error page with this status (an outage at the edge).
    Html(u16),
    /// A Graph error body with this status.
    Error(u16, Value),
    /// A Graph error with this status and message, `{proof}` in it replaced by the
    /// `appsecret_proof` of the request it answers (an API echoing what it was sent).
    Echo(u16, String),
}

/// What the fake saw of one request.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub path: String,
    pub query: Vec<(String, String)>,
    pub authorization: Option<String>,
}

impl Recorded {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
pub struct Inner {
    pub groups: HashMap<String, FakeGroup>,
    /// Keyed by the path after the version: `111/feed`, `debug_token`, `me/groups`.
    pub faults: HashMap<String, VecDeque<Fault>>,
    pub requests: Vec<Recorded>,
    /// The `data` of `debug_token`.
    pub debug: Value,
    pub me_groups: Vec<Value>,
    /// The next this many requests, whatever their path (`debug_token` aside), get an HTML
    /// 503: an outage that hits every request made while it lasts.
    pub outage: usize,
}

pub struct Fake {
    pub token: String,
    pub app_secret: Option<String>,
    pub latency: Duration,
    pub inner: Mutex<Inner>,
    addr: Mutex<Option<SocketAddr>>,
}

impl Fake {
    /// A fake that accepts `TOKEN` and checks proofs made with `APP_SECRET`.
    pub fn new() -> Fake {
        Fake {
            token: TOKEN.into(),
            app_secret: Some(APP_SECRET.into()),
            latency: Duration::ZERO,
            inner: Mutex::new(Inner {
                debug: json!({"app_id": APP_ID, "type": "PAGE", "application": "Circles Digest",
                    "expires_at": 0, "is_valid": true, "profile_id": "987654321",
                    "scopes": ["pages_read_engagement", "pages_read_user_content"],
                    "user_id": "10223344556677"}),
                ..Inner::default()
            }),
            addr: Mutex::new(None),
        }
    }

    pub fn latency(mut self, latency: Duration) -> Fake {
        self.latency = latency;
        self
    }

    pub fn group(self, id: &str, group: FakeGroup) -> Fake {
        self.state().groups.insert(id.into(), group);
        self
    }

    pub fn fault(self, path: &str, fault: Fault) -> Fake {
        self.state()
            .faults
            .entry(path.into())
            .or_default()
            .push_back(fault);
        self
    }

    pub fn debug(self, data: Value) -> Fake {
        self.state().debug = data;
        self
    }

    /// The next `requests` requests (other than `debug_token`) fail with an HTML 503.
    pub fn outage(self, requests: usize) -> Fake {
        self.state().outage = requests;
        self
    }

    pub fn me_groups(self, groups: Vec<Value>) -> Fake {
        self.state().me_groups = groups;
        self
    }

    pub fn state(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn base(&self) -> String {
        let addr = self.addr.lock().unwrap().expect("started");
        format!("http://{addr}")
    }
}

/// A running fake; stops when dropped.
pub struct FakeGraph {
    pub addr: SocketAddr,
    pub fake: Arc<Fake>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl FakeGraph {
    pub fn start(fake: Fake) -> FakeGraph {
        let fake = Arc::new(fake);
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        *fake.addr.lock().unwrap() = Some(addr);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let app = Router::new().fallback(handle).with_state(fake.clone());
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = rx.await;
                    })
                    .await;
            });
        });
        FakeGraph {
            addr,
            fake,
            shutdown: Some(tx),
        }
    }

    /// `api_base` for `site.toml`.
    pub fn api_base(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.fake.state().requests.clone()
    }
}

impl Drop for FakeGraph {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// A port on 127.0.0.1 that nothing listens on (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    port
}

/// A server on 127.0.0.1 that accepts every connection and never sends a byte: a hung API.
/// It counts the connections it took (each attempt of a request opens one).
pub struct Silent {
    pub addr: SocketAddr,
    accepted: Arc<Mutex<Vec<std::net::TcpStream>>>,
}

impl Silent {
    pub fn start() -> Silent {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let accepted = Arc::new(Mutex::new(Vec::new()));
        let held = accepted.clone();
        // The thread ends with the test process; the connections stay open until then.
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                held.lock().unwrap().push(stream);
            }
        });
        Silent { addr, accepted }
    }

    pub fn api_base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.accepted.lock().unwrap().len()
    }
}

/// A post object as the feed edge returns it.
pub fn post(id: &str, created_time: &str, comments: u64) -> Value {
    json!({
        "id": id,
        "message": format!("Post {id}\nmore text"),
        "created_time": created_time,
        "permalink_url": format!("https://www.facebook.com/{id}/"),
        "is_published": true,
        "comments": {"data": [], "summary": {"total_count": comments}},
        "reactions": {"data": [], "summary": {"total_count": 1}},
    })
}

pub fn graph_error(code: i64, subcode: Option<i64>, message: &str) -> Value {
    let mut e =
        json!({"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "Afake"});
    if let Some(s) = subcode {
        e["error_subcode"] = json!(s);
    }
    json!({ "error": e })
}

pub fn proof(token: &str, secret: &str, time: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{token}|{time}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

fn json_response(status: u16, body: Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(body)).into_response()
}

async fn handle(State(fake): State<Arc<Fake>>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let query: Vec<(String, String)> =
        url::form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let authorization = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let recorded = Recorded {
        path: path.clone(),
        query,
        authorization,
    };
    fake.state().requests.push(recorded.clone());
    if !fake.latency.is_zero() {
        tokio::time::sleep(fake.latency).await;
    }
    let trimmed = path.trim_start_matches('/');
    let Some((version, rest)) = trimmed.split_once('/') else {
        return json_response(400, graph_error(100, None, "Unknown path"));
    };
    let rest = rest.trim_end_matches('/').to_string();

    // Authentication, as Meta checks it.
    let bearer = recorded
        .authorization
        .as_deref()
        .and_then(|a| a.strip_prefix("Bearer "))
        .unwrap_or("");
    let app_token = format!("{APP_ID}|{APP_SECRET}");
    let accepted = rest == "oauth/access_token"
        || bearer == fake.token
        || bearer == LONG_TOKEN
        || (rest == "debug_token" && bearer == app_token);
    if !accepted {
        return json_response(
            400,
            graph_error(
                190,
                None,
                "Invalid OAuth access token - Cannot parse access token",
            ),
        );
    }
    // A call without a token (a login code exchange) has nothing to prove.
    if let Some(secret) = fake.app_secret.as_ref().filter(|_| !bearer.is_empty()) {
        let time = recorded.param("appsecret_time").unwrap_or("");
        let expected = proof(bearer, secret, time);
        if recorded.param("appsecret_proof") != Some(expected.as_str()) {
            return json_response(
                400,
                graph_error(
                    100,
                    None,
                    "Invalid appsecret_proof provided in the API argument",
                ),
            );
        }
    }

    let fault = {
        let mut state = fake.state();
        if state.outage > 0 && rest != "debug_token" {
            state.outage -= 1;
            Some(Fault::Html(503))
        } else {
            state.faults.get_mut(&rest).and_then(VecDeque::pop_front)
        }
    };
    match fault {
        Some(Fault::Html(status)) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
            return (
                status,
                [("content-type", "text/html")],
                "<!DOCTYPE html><html><body><h1>Sorry, something went wrong.</h1></body></html>",
            )
                .into_response();
        }
        Some(Fault::Error(status, body)) => return json_response(status, body),
        Some(Fault::Echo(status, message)) => {
            let proof = recorded.param("appsecret_proof").unwrap_or("");
            let message = message.replace("{proof}", proof);
            return json_response(status, graph_error(100, None, &message));
        }
        None => {}
    }

    let base = fake.base();
    let after: usize = recorded
        .param("after")
        .and_then(|a| a.parse().ok())
        .unwrap_or(0);
    match rest.as_str() {
        "debug_token" => json_response(200, json!({ "data": fake.state().debug.clone() })),
        "oauth/access_token" => oauth(&recorded),
        "me/groups" => {
            let all = fake.state().me_groups.clone();
            let page: Vec<Value> = all.iter().skip(after).take(2).cloned().collect();
            let mut body = json!({ "data": page, "paging": {"cursors": {}} });
            if after + 2 < all.len() {
                body["paging"]["next"] = json!(format!(
                    "{base}/{version}/me/groups?access_token={}&fields=id%2Cname%2Cadministrator&limit=2&after={}",
                    fake.token,
                    after + 2
                ));
            }
            json_response(200, body)
        }
        feed if feed.ends_with("/feed") => {
            let id = feed.trim_end_matches("/feed");
            // Only the page is copied out under the lock: the benchmark's feeds are long.
            let (page, size, more) = {
                let state = fake.state();
                let Some(group) = state.groups.get(id) else {
                    return json_response(400, unknown_object(id));
                };
                let size = group.page_size.max(1);
                let page: Vec<Value> = group.posts.iter().skip(after).take(size).cloned().collect();
                let more =
                    after + size < group.posts.len() || (group.trailing_empty && !page.is_empty());
                (page, size, more)
            };
            let mut body = json!({ "data": page, "paging": {"cursors": {"before": "QVFIUmxt", "after": "QVFIUjBh"}} });
            if more {
                body["paging"]["next"] = json!(format!(
                    "{base}/{version}/{id}/feed?access_token={}&fields=id%2Cmessage&limit={size}&after={}",
                    fake.token,
                    after + size
                ));
            }
            json_response(200, body)
        }
        id => {
            let fields = recorded.param("fields").unwrap_or("");
            if fields.contains("access_token") {
                return json_response(
                    200,
                    json!({"access_token": PAGE_TOKEN, "name": "Developer Circle CDMX", "id": id}),
                );
            }
            match fake.state().groups.get(id) {
                Some(g) => json_response(200, g.node.clone()),
                None => json_response(400, unknown_object(id)),
            }
        }
    }
}

fn unknown_object(id: &str) -> Value {
    graph_error(
        100,
        Some(33),
        &format!("Unsupported get request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation."),
    )
}

/// `oauth/access_token`: a login code or a short-lived token in, a token out.
fn oauth(r: &Recorded) -> Response {
    if r.param("client_id") != Some(APP_ID) || r.param("client_secret") != Some(APP_SECRET) {
        return json_response(400, graph_error(1, None, "Error validating client secret."));
    }
    match (
        r.param("grant_type"),
        r.param("fb_exchange_token"),
        r.param("code"),
    ) {
        (Some("fb_exchange_token"), Some(SHORT_TOKEN), _) => json_response(
            200,
            json!({"access_token": LONG_TOKEN, "token_type": "bearer", "expires_in": 5183944}),
        ),
        (_, _, Some(LOGIN_CODE)) => json_response(
            200,
            json!({"access_token": SHORT_TOKEN, "token_type": "bearer", "expires_in": 3600}),
        ),
        _ => json_response(
            400,
            graph_error(
                190,
                None,
                "Invalid OAuth access token - Cannot parse access token",
            ),
        ),
    }
}
