//! A fake Apify API v2 on 127.0.0.1 for the integration tests and
//! `examples/bench_apify.rs`, written from Apify's API reference: `GET /v2/users/me`,
//! actors and tasks (`/v2/acts/{id}`, `/v2/actor-tasks/{id}`), starting runs
//! (`POST .../runs`), following them (`GET /v2/actor-runs/{id}?waitForFinish=`, which holds
//! the request while the run is RUNNING), aborting them, the last run
//! (`.../runs/last?status=SUCCEEDED`), and dataset items in pages (`offset`, `limit`, the
//! `X-Apify-Pagination-*` headers). Errors are Apify's `{"error":{"type","message"}}`. It
//! checks the bearer token as Apify does, and records any token sent in a URL.
//!
//! Self-contained on purpose (no `crate::` paths): the benchmark includes this file too.

#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::{json, Value};

pub const TOKEN: &str = "apify_api_fakeToken0123456789ABCDEFGH";
pub const ACTOR: &str = "apify~facebook-groups-scraper";

/// What a run started on the fake does.
#[derive(Clone)]
pub struct Script {
    /// The status it ends with: SUCCEEDED, FAILED, ABORTED or TIMED-OUT.
    pub ends: String,
    /// Polls answered RUNNING before it ends.
    pub polls: usize,
    /// Never ends (a slow run): every poll is held for its whole `waitForFinish`.
    pub never: bool,
    /// The items its dataset gets.
    pub items: Vec<Value>,
}

impl Script {
    pub fn succeeds(items: Vec<Value>) -> Script {
        Script {
            ends: "SUCCEEDED".into(),
            polls: 1,
            never: false,
            items,
        }
    }

    pub fn ends(status: &str) -> Script {
        Script {
            ends: status.into(),
            polls: 1,
            never: false,
            items: Vec::new(),
        }
    }

    pub fn never_ends() -> Script {
        Script {
            never: true,
            ..Script::ends("SUCCEEDED")
        }
    }
}

#[derive(Clone, Debug)]
pub struct FakeRun {
    pub status: String,
    pub polls: usize,
    pub ends: String,
    pub never: bool,
    pub dataset: String,
    pub finished_at: Option<String>,
}

/// What the fake saw of one request.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub authorization: Option<String>,
    pub body: String,
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
    /// Actor and task names (`user~name`) that exist, keyed `acts/<name>` or
    /// `actor-tasks/<name>`; the value is what a new run of it does.
    pub targets: HashMap<String, Script>,
    pub runs: HashMap<String, FakeRun>,
    pub datasets: HashMap<String, Vec<Value>>,
    /// `acts/<name>` → the id of its last SUCCEEDED run.
    pub last: HashMap<String, String>,
    /// Scripted answers `(status, body)` for a path (`v2/acts/x/runs`), served once each.
    pub faults: HashMap<String, VecDeque<(u16, Value)>>,
    pub requests: Vec<Recorded>,
    next: usize,
}

pub struct Fake {
    pub token: String,
    pub latency: Duration,
    pub inner: Mutex<Inner>,
}

impl Fake {
    /// A fake that accepts `TOKEN` and knows `ACTOR`, whose runs succeed with no items.
    pub fn new() -> Fake {
        let fake = Fake {
            token: TOKEN.into(),
            latency: Duration::ZERO,
            inner: Mutex::new(Inner::default()),
        };
        fake.actor(ACTOR, Script::succeeds(Vec::new()))
    }

    pub fn latency(mut self, latency: Duration) -> Fake {
        self.latency = latency;
        self
    }

    /// An actor whose new runs follow `script`.
    pub fn actor(self, name: &str, script: Script) -> Fake {
        self.state().targets.insert(format!("acts/{name}"), script);
        self
    }

    /// A task whose new runs follow `script`.
    pub fn task(self, name: &str, script: Script) -> Fake {
        self.state()
            .targets
            .insert(format!("actor-tasks/{name}"), script);
        self
    }

    /// A finished SUCCEEDED run of `target` (`acts/<name>` or `actor-tasks/<name>`),
    /// made its last one.
    pub fn last_run(self, target: &str, finished_at: &str, items: Vec<Value>) -> Fake {
        {
            let mut s = self.state();
            s.next += 1;
            let (id, dataset) = (format!("lastRun{}", s.next), format!("lastDs{}", s.next));
            s.datasets.insert(dataset.clone(), items);
            s.runs.insert(
                id.clone(),
                FakeRun {
                    status: "SUCCEEDED".into(),
                    polls: 0,
                    ends: "SUCCEEDED".into(),
                    never: false,
                    dataset,
                    finished_at: Some(finished_at.into()),
                },
            );
            s.last.insert(target.into(), id);
        }
        self
    }

    pub fn fault(self, path: &str, status: u16, body: Value) -> Fake {
        self.state()
            .faults
            .entry(path.into())
            .or_default()
            .push_back((status, body));
        self
    }

    pub fn state(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A running fake; stops when dropped.
pub struct FakeApify {
    pub addr: SocketAddr,
    pub fake: Arc<Fake>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl FakeApify {
    pub fn start(fake: Fake) -> FakeApify {
        let fake = Arc::new(fake);
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
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
        FakeApify {
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

    pub fn runs(&self) -> HashMap<String, FakeRun> {
        self.fake.state().runs.clone()
    }
}

impl Drop for FakeApify {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// An item as Apify's Facebook Groups Scraper writes it (the fields the preset reads, and
/// some it must not keep: the author).
pub fn item(group_url: &str, id: &str, time: &str, comments: u64) -> Value {
    json!({
        "facebookUrl": group_url,
        "url": format!("{}/permalink/{id}/", group_url.trim_end_matches('/')),
        "time": time,
        "user": {"id": "100001", "name": "Ana Autora"},
        "text": format!("Post {id}\nmore text"),
        "likesCount": 3,
        "sharesCount": 1,
        "commentsCount": comments,
        "topReactionsCount": 2,
        "legacyId": id,
        "id": format!("UzpfSTEw{id}"),
        "attachments": [{"thumbnail": format!("https://scontent.xx.fbcdn.net/v/{id}.jpg")}],
    })
}

pub fn apify_error(kind: &str, message: &str) -> Value {
    json!({"error": {"type": kind, "message": message}})
}

fn json_response(status: u16, body: Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(body)).into_response()
}

fn run_object(id: &str, run: &FakeRun) -> Value {
    json!({
        "id": id,
        "actId": "HDSasDasz78YcAPEB",
        "userId": "7sT5jcggjjA9fNcxF",
        "startedAt": "2026-11-25T12:00:00.000Z",
        "finishedAt": run.finished_at,
        "status": run.status,
        "statusMessage": if run.status == "FAILED" { "The group is not public" } else { "" },
        "defaultDatasetId": run.dataset,
        "defaultKeyValueStoreId": "kvs1",
        "buildId": "b1",
        "meta": {"origin": "API"},
        "stats": {},
        "options": {},
    })
}

async fn handle(State(fake): State<Arc<Fake>>, req: Request) -> Response {
    let method = req.method().to_string();
    let path = req.uri().path().trim_matches('/').to_string();
    let query: Vec<(String, String)> =
        url::form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let authorization = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = axum::body::to_bytes(req.into_body(), 1 << 20)
        .await
        .unwrap_or_else(|_| Bytes::new());
    let recorded = Recorded {
        method: method.clone(),
        path: path.clone(),
        query,
        authorization,
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    fake.state().requests.push(recorded.clone());
    if !fake.latency.is_zero() {
        tokio::time::sleep(fake.latency).await;
    }
    let bearer = recorded
        .authorization
        .as_deref()
        .and_then(|a| a.strip_prefix("Bearer "));
    if bearer != Some(fake.token.as_str()) {
        return json_response(
            401,
            apify_error("token-not-valid", "Authentication token is not valid."),
        );
    }
    if let Some((status, body)) = fake
        .state()
        .faults
        .get_mut(&path)
        .and_then(VecDeque::pop_front)
    {
        return json_response(status, body);
    }
    let parts: Vec<&str> = path.split('/').collect();
    match (method.as_str(), parts.as_slice()) {
        ("GET", ["v2", "users", "me"]) => json_response(
            200,
            json!({"data": {"id": "7sT5jcggjjA9fNcxF", "username": "circles-admin"}}),
        ),
        ("GET", ["v2", kind @ ("acts" | "actor-tasks"), name]) => {
            if fake.state().targets.contains_key(&format!("{kind}/{name}")) {
                json_response(
                    200,
                    json!({"data": {"id": "HDSasDasz78YcAPEB", "name": name}}),
                )
            } else {
                not_found(kind)
            }
        }
        ("POST", ["v2", kind @ ("acts" | "actor-tasks"), name, "runs"]) => {
            let mut s = fake.state();
            let Some(script) = s.targets.get(&format!("{kind}/{name}")).cloned() else {
                return not_found(kind);
            };
            if serde_json::from_slice::<Value>(&body).is_err() {
                return json_response(400, apify_error("invalid-input", "Input is not valid JSON"));
            }
            s.next += 1;
            let (id, dataset) = (format!("run{}", s.next), format!("ds{}", s.next));
            s.datasets.insert(dataset.clone(), script.items.clone());
            let run = FakeRun {
                status: "RUNNING".into(),
                polls: script.polls,
                ends: script.ends.clone(),
                never: script.never,
                dataset,
                finished_at: None,
            };
            let body = run_object(&id, &run);
            s.runs.insert(id, run);
            json_response(201, json!({ "data": body }))
        }
        ("GET", ["v2", kind @ ("acts" | "actor-tasks"), name, "runs", "last"]) => {
            let s = fake.state();
            if !s.targets.contains_key(&format!("{kind}/{name}")) {
                return not_found(kind);
            }
            let wanted = recorded.param("status");
            match s.last.get(&format!("{kind}/{name}")).and_then(|id| {
                let run = s.runs.get(id)?;
                (wanted.is_none() || wanted == Some(run.status.as_str())).then_some((id, run))
            }) {
                Some((id, run)) => json_response(200, json!({"data": run_object(id, run)})),
                None => json_response(
                    404,
                    apify_error("record-not-found", "Actor run was not found"),
                ),
            }
        }
        ("GET", ["v2", "actor-runs", id]) => {
            let wait: u64 = recorded
                .param("waitForFinish")
                .and_then(|w| w.parse().ok())
                .unwrap_or(0);
            let never = match fake.state().runs.get(*id) {
                None => return not_found("actor-runs"),
                Some(run) => run.never && run.status == "RUNNING",
            };
            if never {
                // A slow run: the request is held for the whole wait, as the API does.
                tokio::time::sleep(Duration::from_secs(wait.min(60))).await;
            }
            let mut s = fake.state();
            let run = s.runs.get_mut(*id).unwrap();
            if run.status == "RUNNING" && !run.never {
                run.polls = run.polls.saturating_sub(1);
                if run.polls == 0 {
                    run.status = run.ends.clone();
                    run.finished_at = Some("2026-11-25T12:05:00.000Z".into());
                }
            }
            json_response(200, json!({"data": run_object(id, run)}))
        }
        ("POST", ["v2", "actor-runs", id, "abort"]) => {
            let mut s = fake.state();
            let Some(run) = s.runs.get_mut(*id) else {
                return not_found("actor-runs");
            };
            if run.status == "RUNNING" {
                run.status = "ABORTED".into();
                run.finished_at = Some("2026-11-25T12:05:00.000Z".into());
            }
            json_response(200, json!({"data": run_object(id, run)}))
        }
        ("GET", ["v2", "datasets", id, "items"]) => {
            let offset: usize = recorded
                .param("offset")
                .and_then(|o| o.parse().ok())
                .unwrap_or(0);
            let limit: usize = recorded
                .param("limit")
                .and_then(|o| o.parse().ok())
                .unwrap_or(usize::MAX);
            let s = fake.state();
            let Some(items) = s.datasets.get(*id) else {
                return json_response(
                    404,
                    apify_error("record-not-found", "Dataset was not found"),
                );
            };
            let page: Vec<Value> = items.iter().skip(offset).take(limit).cloned().collect();
            let count = page.len();
            let total = items.len();
            let mut response = (StatusCode::OK, axum::Json(Value::Array(page))).into_response();
            let h = response.headers_mut();
            for (name, value) in [
                ("x-apify-pagination-offset", offset.to_string()),
                (
                    "x-apify-pagination-limit",
                    limit.min(999_999_999_999).to_string(),
                ),
                ("x-apify-pagination-count", count.to_string()),
                ("x-apify-pagination-total", total.to_string()),
                ("x-apify-pagination-desc", "false".to_string()),
            ] {
                h.insert(name, value.parse().unwrap());
            }
            response
        }
        _ => json_response(
            404,
            apify_error(
                "page-not-found",
                "We have bad news: there is no API endpoint at this URL.",
            ),
        ),
    }
}

fn not_found(kind: &str) -> Response {
    let what = match kind {
        "acts" => "Actor",
        "actor-tasks" => "Actor task",
        _ => "Actor run",
    };
    json_response(
        404,
        apify_error("record-not-found", &format!("{what} was not found")),
    )
}
