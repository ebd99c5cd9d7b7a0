//! `groupdigest serve`: a local preview of `output_dir` that rebuilds when the site's inputs
//! change and reloads the browser. It never fetches from the network: a `graph` source is not
//! re-fetched; import files (and a snapshot folder) are local, so they are re-read.
//!
//! HTTP is axum on the tokio and hyper the Graph client already builds; watching is notify,
//! debounced so an editor's burst of writes is one rebuild. The live-reload script is put
//! into HTML responses on the fly, here only: the files in `output_dir` are exactly what
//! `build` writes.
//!
//! It answers only its own host names (`Hosts`: a page of another name that resolves to this
//! machine, DNS rebinding, gets 421), serves only files whose real path is inside
//! `output_dir`, and redirects only to paths of its own (never `//host/`).

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::Stream;
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use tokio::sync::watch;

use super::ConfigFrom;
use crate::cli::{FetchArgs, ServeArgs};
use crate::config::{Config, GroupKind, SourceKind};
use crate::{ui, Now};

/// The server's own paths. The writer never publishes a name starting with `__groupdigest`
/// (nor does a slug start with `_`), so they cannot hide a file of the site.
const RELOAD_PATH: &str = "/__groupdigest/reload";
const SCRIPT_PATH: &str = "/__groupdigest/live-reload.js";
const SCRIPT: &str = r#"// groupdigest serve: reload this page when the site is rebuilt (preview only).
(() => {
  const since = (document.currentScript && document.currentScript.dataset.generation) || "";
  const reload = () => location.reload();
  // One event stream for all of the preview's tabs: a browser keeps at most six
  // connections to a host, so a stream per tab would leave the seventh tab waiting. The
  // tab holding the lock listens and tells the others (a tab without Web Locks, outside a
  // secure context, listens on its own).
  const channel = "BroadcastChannel" in self ? new BroadcastChannel("groupdigest-reload") : null;
  if (channel) channel.onmessage = reload;
  const listen = () =>
    new Promise(() => {
      const events = new EventSource("/__groupdigest/reload?since=" + since);
      events.addEventListener("reload", () => {
        events.close();
        if (channel) channel.postMessage("reload");
        reload();
      });
    });
  if (channel && navigator.locks) navigator.locks.request("groupdigest-reload", listen);
  else listen();
})();
"#;
/// How long the watcher waits for a burst of writes (an editor's save, a copied folder) to
/// end before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(150);
/// How often a rebuild that found the site locked by another run is tried again.
const BUSY_RETRY: Duration = Duration::from_secs(1);

pub(crate) fn run(from: &ConfigFrom, now: Now, args: &ServeArgs) -> Result<ExitCode> {
    let config = from.load()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind((
            args.host.as_str(),
            args.port,
        )))
        .with_context(|| format!("cannot listen on {}:{}", args.host, args.port))?;
    let addr = listener.local_addr()?;
    if !addr.ip().is_loopback() {
        ui::warn(format!(
            "listening on {addr}, which is not a loopback address: anyone who can reach this \
             machine can read the preview; pass `--host 127.0.0.1` to keep it to yourself"
        ));
    }

    // Watch first, so an edit made while the first render runs is not missed.
    let mut watcher = Watcher::new(from.path())?;
    watcher.follow(&config);
    let live = Arc::new(Live::new(&config, Hosts::new(&args.host, addr)));
    let first = rebuild(from, now, false);
    if let Rebuilt::Busy(why) = &first {
        ui::warn(format!(
            "serving the output as it is, without rendering: {why}"
        ));
    }
    live.publish(first);
    ui::info(format!(
        "serving `{}` on http://{addr}/ (Ctrl-C to stop)",
        config.output_dir().display()
    ));
    {
        let live = live.clone();
        let from = from.clone();
        std::thread::spawn(move || watcher.rebuild_on_change(&from, now, &live));
    }
    runtime
        .block_on(async { axum::serve(listener, router(live)).await })
        .context("the server stopped")?;
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------
// Rebuilding.

/// What one rebuild did.
enum Rebuilt {
    /// Rendered; `changed` says whether any file of the site was written or removed.
    Done { config: Config, changed: bool },
    /// The config, an import or the render failed; the message is shown in the browser.
    Failed {
        config: Option<Config>,
        message: String,
    },
    /// Another run holds the site's lock (the message says which): nothing was done.
    Busy(String),
}

/// Reads the config again, re-imports the local sources when `import`, and renders, holding
/// the site's lock so a `build` in another terminal never writes at the same time.
fn rebuild(from: &ConfigFrom, now: Now, import: bool) -> Rebuilt {
    let started = std::time::Instant::now();
    let config = match from.load() {
        Ok(config) => config,
        Err(e) => {
            let message = ui::chain(&e);
            ui::error(format!("{message}; serving the previous output"));
            return Rebuilt::Failed {
                config: None,
                message,
            };
        }
    };
    let _lock = match crate::lock::SiteLock::acquire(&config, "serve") {
        Ok(lock) => lock,
        Err(e) => return Rebuilt::Busy(ui::chain(&e)),
    };
    let local = local_sources(&config);
    if import && !local.groups.is_empty() {
        // Per-group failures are reported by the fetch and shown on the group's pages.
        match super::fetch::fetch(&local, now, &FetchArgs::default()) {
            Ok(report) => ui::info(format!(
                "imported: {} groups, {} posts, {} periods changed",
                report.groups, report.posts, report.periods_changed
            )),
            Err(e) => {
                let message = ui::chain(&e);
                ui::error(format!("import failed: {message}"));
                return Rebuilt::Failed {
                    config: Some(config),
                    message,
                };
            }
        }
    }
    match crate::render::render_site(&config, now) {
        Ok(stats) => {
            let f = stats.files;
            ui::info(format!(
                "rebuilt: {} periods; {} files written, {} removed in {}",
                stats.periods,
                f.written,
                f.removed,
                ui::seconds(started.elapsed())
            ));
            Rebuilt::Done {
                config,
                changed: f.written + f.removed > 0,
            }
        }
        Err(e) => {
            let message = ui::chain(&e);
            ui::error(format!(
                "render failed, serving the previous output (the error is shown in the \
                 browser): {message}"
            ));
            Rebuilt::Failed {
                config: Some(config),
                message,
            }
        }
    }
}

/// The groups whose source is on this machine: imports, and every group or Page of a
/// snapshot source. A live `graph` or `apify` group is never fetched by `serve`.
fn local_sources(config: &Config) -> Config {
    let mut local = config.clone();
    local.groups.retain(|g| match g.kind {
        GroupKind::Import => true,
        GroupKind::Group | GroupKind::Page => config.source.kind == SourceKind::Snapshot,
        GroupKind::Apify => false,
    });
    local
}

/// What a changed path asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Change {
    /// Templates, static files, pages, translations, the archive: render again.
    Render,
    /// An import file or the snapshot folder: import again, then render.
    Import,
    /// `site.toml`: read it again, import again (a group may be new), render.
    Config,
}

/// The site's inputs, as absolute paths, and what a change to each asks for.
struct Inputs {
    config_file: PathBuf,
    root: PathBuf,
    paths: Vec<(PathBuf, Change)>,
}

impl Inputs {
    fn of(config: &Config, config_file: &Path) -> Inputs {
        let mut paths = vec![
            (config.data_dir(), Change::Render),
            (config.root.join("templates"), Change::Render),
            (config.root.join("static"), Change::Render),
            (config.root.join("pages"), Change::Render),
            (config.root.join(crate::i18n::OVERRIDES_DIR), Change::Render),
            (config.root.join("imports"), Change::Import),
        ];
        for g in &config.groups {
            if let (GroupKind::Import, Some(path)) = (g.kind, &g.path) {
                paths.push((config.root.join(path), Change::Import));
            }
        }
        let snapshot_groups = config
            .groups
            .iter()
            .any(|g| matches!(g.kind, GroupKind::Group | GroupKind::Page));
        if config.source.kind == SourceKind::Snapshot && snapshot_groups {
            paths.push((config.snapshot_dir(), Change::Import));
        }
        // Watchers report paths as watched (absolute here); FSEvents reports them with
        // symlinks resolved, so the canonical form of each is known too.
        let mut all = Vec::new();
        for (path, change) in paths {
            let path = absolute(&path);
            if let Ok(canonical) = path.canonicalize() {
                if canonical != path {
                    all.push((canonical, change));
                }
            }
            all.push((path, change));
        }
        Inputs {
            config_file: absolute(config_file),
            root: absolute(&config.root),
            paths: all,
        }
    }

    fn classify(&self, path: &Path) -> Option<Change> {
        if path == self.config_file || self.config_file.canonicalize().is_ok_and(|c| c == path) {
            return Some(Change::Config);
        }
        self.paths
            .iter()
            .filter(|(p, _)| path.starts_with(p))
            .map(|(_, c)| *c)
            .max()
    }

    /// The folders to watch: each input folder whole; the folder of an input file, and the
    /// site's folder, alone (an editor saves by renaming over the file, and an input folder
    /// created later shows up there).
    fn watches(&self) -> BTreeMap<PathBuf, RecursiveMode> {
        let mut watches = BTreeMap::new();
        let mut add = |path: &Path, mode| {
            let entry = watches.entry(path.to_path_buf()).or_insert(mode);
            if mode == RecursiveMode::Recursive {
                *entry = mode;
            }
        };
        add(&self.root, RecursiveMode::NonRecursive);
        if let Some(dir) = self.config_file.parent() {
            add(dir, RecursiveMode::NonRecursive);
        }
        for (path, _) in &self.paths {
            if path.is_dir() {
                add(path, RecursiveMode::Recursive);
            } else if let Some(dir) = path.parent().filter(|d| d.is_dir()) {
                add(dir, RecursiveMode::NonRecursive);
            }
        }
        watches
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The file watcher and the loop that rebuilds on its events.
struct Watcher {
    watcher: RecommendedWatcher,
    /// Paths written, created or removed (reads, which every render does, are left out).
    events: Receiver<notify::Result<Vec<PathBuf>>>,
    watched: BTreeMap<PathBuf, RecursiveMode>,
    inputs: Inputs,
    config_file: PathBuf,
}

impl Watcher {
    fn new(config_file: &Path) -> Result<Watcher> {
        let (tx, events) = std::sync::mpsc::channel();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let paths = match event {
                Ok(e) if matches!(e.kind, EventKind::Access(_)) => return,
                Ok(e) => Ok(e.paths),
                Err(e) => Err(e),
            };
            let _ = tx.send(paths);
        })
        .context("cannot watch the site's files")?;
        Ok(Watcher {
            watcher,
            events,
            watched: BTreeMap::new(),
            inputs: Inputs {
                config_file: absolute(config_file),
                root: PathBuf::new(),
                paths: Vec::new(),
            },
            config_file: config_file.to_path_buf(),
        })
    }

    /// Watches the inputs of `config` (and no longer those it dropped).
    fn follow(&mut self, config: &Config) {
        self.inputs = Inputs::of(config, &self.config_file);
        let wanted = self.inputs.watches();
        for (path, mode) in &self.watched {
            if wanted.get(path) != Some(mode) {
                let _ = self.watcher.unwatch(path);
            }
        }
        self.watched
            .retain(|path, mode| wanted.get(path) == Some(mode));
        for (path, mode) in wanted {
            if self.watched.contains_key(&path) {
                continue;
            }
            match self.watcher.watch(&path, mode) {
                Ok(()) => {
                    self.watched.insert(path, mode);
                }
                Err(e) => ui::warn(format!("cannot watch `{}`: {e}", path.display())),
            }
        }
    }

    /// The next burst of changes: waits for one (at most `wait`, when given), then until
    /// none came for `DEBOUNCE`. `None` once the watcher is gone.
    fn next_change(&self, wait: Option<Duration>) -> Option<Option<Change>> {
        use std::sync::mpsc::RecvTimeoutError;
        let mut change = None;
        let mut take = |batch: notify::Result<Vec<PathBuf>>| match batch {
            Ok(paths) => {
                for path in paths {
                    change = change.max(self.inputs.classify(&path));
                }
            }
            Err(e) => ui::warn(format!("watching the site's files: {e}")),
        };
        let first = match wait {
            None => self.events.recv().ok()?,
            Some(wait) => match self.events.recv_timeout(wait) {
                Ok(batch) => batch,
                Err(RecvTimeoutError::Timeout) => return Some(None),
                Err(RecvTimeoutError::Disconnected) => return None,
            },
        };
        take(first);
        loop {
            match self.events.recv_timeout(DEBOUNCE) {
                Ok(batch) => take(batch),
                Err(RecvTimeoutError::Timeout) => return Some(change),
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    fn rebuild_on_change(mut self, from: &ConfigFrom, now: Now, live: &Live) {
        // A change that came while another run held the site's lock, retried until it
        // goes through (a `build` in another terminal finishes).
        let mut pending = None;
        while let Some(change) = self.next_change(pending.map(|_| BUSY_RETRY)) {
            let was_pending = pending.is_some();
            let Some(change) = change.max(pending.take()) else {
                continue;
            };
            let rebuilt = rebuild(from, now, change >= Change::Import);
            match &rebuilt {
                Rebuilt::Busy(why) => {
                    if !was_pending {
                        ui::warn(format!(
                            "not rebuilding yet, trying again every second: {why}"
                        ));
                    }
                    pending = Some(change);
                }
                Rebuilt::Done { config, .. }
                | Rebuilt::Failed {
                    config: Some(config),
                    ..
                } => self.follow(config),
                Rebuilt::Failed { config: None, .. } => {}
            }
            live.publish(rebuilt);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Serving.

/// What requests are answered from, and the generation of the site: it grows with every
/// rebuild browsers are told about.
struct Live {
    site: Mutex<Served>,
    generation: watch::Sender<u64>,
    hosts: Hosts,
}

/// The `Host` names the preview answers to: `localhost` (and names under it, which browsers
/// resolve to loopback themselves), loopback addresses, the `--host` it was given and the
/// address it is bound to; bound to every address (`0.0.0.0`, `::`), any IP address, which
/// no DNS rebinding can forge. Any other name is a page of someone else's site that made
/// its name resolve to this machine.
#[derive(Debug, Clone)]
struct Hosts {
    given: String,
    bound: IpAddr,
}

impl Hosts {
    fn new(given: &str, bound: SocketAddr) -> Hosts {
        Hosts {
            given: normalize_host(given),
            bound: bound.ip(),
        }
    }

    /// Whether a request's `Host` header (`name`, `name:port`, `[v6]:port`) names us.
    fn allows(&self, host: &str) -> bool {
        let name = normalize_host(strip_port(host));
        if name.is_empty() {
            return false;
        }
        if name == "localhost" || name.ends_with(".localhost") || name == self.given {
            return true;
        }
        match name.parse::<IpAddr>() {
            Ok(ip) => ip.is_loopback() || ip == self.bound || self.bound.is_unspecified(),
            Err(_) => false,
        }
    }
}

/// A host name compared as DNS does: lower case, no trailing dot, no IPv6 brackets.
fn normalize_host(name: &str) -> String {
    let name = name.trim();
    let name = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// `Host` without its port.
fn strip_port(host: &str) -> &str {
    if host.starts_with('[') {
        return host.find(']').map_or(host, |end| &host[..=end]);
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !name.contains(':') => {
            name
        }
        _ => host,
    }
}

#[derive(Clone)]
struct Served {
    output: PathBuf,
    /// `site.base_url`, which the 404 page's links start with: served at `/` instead.
    base_url: String,
    /// The last rebuild's error, shown instead of every page until one works.
    error: Option<String>,
}

impl Live {
    fn new(config: &Config, hosts: Hosts) -> Live {
        Live {
            hosts,
            site: Mutex::new(Served {
                output: config.output_dir(),
                base_url: config.base_url(),
                error: None,
            }),
            // Counted from the start time in milliseconds, so a page from before a restart
            // (whose event stream reconnects to the new server) is always older: it
            // reloads at once.
            generation: watch::Sender::new(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_millis() as u64),
            ),
        }
    }

    /// Takes a rebuild's outcome and tells the browsers when what they show changed.
    fn publish(&self, rebuilt: Rebuilt) {
        let mut site = self.site.lock().unwrap_or_else(|e| e.into_inner());
        let changed = match rebuilt {
            Rebuilt::Done { config, changed } => {
                site.output = config.output_dir();
                site.base_url = config.base_url();
                let had_error = site.error.take().is_some();
                changed || had_error
            }
            Rebuilt::Failed { message, .. } => site.error.replace(message.clone()) != Some(message),
            Rebuilt::Busy(_) => false,
        };
        if changed {
            self.generation.send_modify(|g| *g += 1);
        }
    }
}

fn router(live: Arc<Live>) -> Router {
    Router::new()
        .route(RELOAD_PATH, get(reload_events))
        .route(SCRIPT_PATH, get(script))
        // `get` answers HEAD too: the same headers, Content-Length included, no body.
        .fallback(get(site_file))
        .layer(axum::middleware::from_fn_with_state(live.clone(), own_host))
        .with_state(live)
}

/// Refuses a request whose `Host` is not one of ours (`Hosts`) with 421 Misdirected Request.
async fn own_host(
    State(live): State<Arc<Live>>,
    req: Request,
    next: axum::middleware::Next,
) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if live.hosts.allows(host) {
        return next.run(req).await;
    }
    let body = format!(
        "421 Misdirected Request: groupdigest serve answers only localhost, loopback addresses \
         and the address it listens on (`--host`), not `Host: {}`\n",
        host.escape_debug()
    );
    respond(
        StatusCode::MISDIRECTED_REQUEST,
        "text/plain; charset=utf-8",
        body.into_bytes(),
    )
}

async fn script() -> Response {
    respond(
        StatusCode::OK,
        "text/javascript; charset=utf-8",
        SCRIPT.as_bytes().to_vec(),
    )
}

/// Server-sent events: one `reload` as soon as the site is newer than the page's `since`.
async fn reload_events(
    State(live): State<Arc<Live>>,
    uri: Uri,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut rx = live.generation.subscribe();
    let since = uri
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("since=")))
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or_else(|| *rx.borrow_and_update());
    let stream = futures_util::stream::unfold((rx, since), |(mut rx, seen)| async move {
        loop {
            let current = *rx.borrow_and_update();
            if current > seen {
                let event = Event::default().event("reload").data(current.to_string());
                return Some((Ok(event), (rx, current)));
            }
            rx.changed().await.ok()?;
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// A file of the site, as GitHub Pages would answer: a folder's `index.html`, a folder
/// asked for without its slash redirected to it, `404.html` with status 404.
async fn site_file(State(live): State<Arc<Live>>, uri: Uri) -> Response {
    let site = live.site.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let generation = *live.generation.borrow();
    match resolve(&site.output, uri.path()) {
        Resolved::File(path) => match tokio::fs::read(&path).await {
            Ok(bytes) if is_html(&path) => page(&site, generation, StatusCode::OK, &bytes),
            Ok(bytes) => respond(StatusCode::OK, content_type(&path), bytes),
            Err(_) => not_found(&site, generation).await,
        },
        Resolved::AddSlash => {
            // One leading slash: `//g` must not become `//g/`, which a browser reads as
            // the host `g`.
            let mut location = format!("/{}/", uri.path().trim_start_matches('/'));
            if let Some(q) = uri.query() {
                location.push('?');
                location.push_str(q);
            }
            let mut res = respond(StatusCode::MOVED_PERMANENTLY, "text/plain", Vec::new());
            if let Ok(v) = HeaderValue::from_str(&location) {
                res.headers_mut().insert(header::LOCATION, v);
            }
            res
        }
        Resolved::Missing => not_found(&site, generation).await,
    }
}

async fn not_found(site: &Served, generation: u64) -> Response {
    match tokio::fs::read(site.output.join("404.html")).await {
        Ok(bytes) => page(site, generation, StatusCode::NOT_FOUND, &bytes),
        Err(_) => respond(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            b"404 Not Found\n".to_vec(),
        ),
    }
}

/// An HTML page of the site with the live-reload script, or the last rebuild's error.
fn page(site: &Served, generation: u64, status: StatusCode, bytes: &[u8]) -> Response {
    let tag = format!(r#"<script src="{SCRIPT_PATH}" data-generation="{generation}"></script>"#);
    if let Some(error) = &site.error {
        return respond(
            StatusCode::INTERNAL_SERVER_ERROR,
            "text/html; charset=utf-8",
            error_page(error, &tag).into_bytes(),
        );
    }
    let html = String::from_utf8_lossy(bytes);
    // Pages link relatively; the 404 page (served at any depth) links from `base_url`,
    // which may be the real site and have a sub-path: here the site is at `/`.
    let mut html = html
        .replace(&format!("href=\"{}", site.base_url), "href=\"/")
        .replace(&format!("src=\"{}", site.base_url), "src=\"/");
    let at = html
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(html.len());
    html.insert_str(at, &tag);
    respond(status, "text/html; charset=utf-8", html.into_bytes())
}

fn error_page(error: &str, tag: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">\
         <title>Render failed · groupdigest serve</title></head>\n\
         <body style=\"font-family: system-ui, sans-serif; margin: 2rem; max-width: 60rem\">\n\
         <h1>The site could not be rebuilt</h1>\n\
         <pre style=\"white-space: pre-wrap; background: #fdecea; color: #611a15; \
         padding: 1rem\">{}</pre>\n\
         <p>This page reloads by itself once a rebuild works; the terminal running \
         <code>groupdigest serve</code> says the same.</p>\n{tag}\n</body>\n</html>\n",
        crate::render::text::escape_html(error)
    )
}

fn respond(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response {
    let len = body.len();
    let mut res = (status, Body::from(body)).into_response();
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    // A preview changes under the browser: never answer from its cache.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    File(PathBuf),
    /// A folder asked for without its trailing slash.
    AddSlash,
    Missing,
}

/// Maps a request path to a file, refusing anything that leaves `root` or names a hidden
/// file.
fn resolve(root: &Path, path: &str) -> Resolved {
    let Some(decoded) = percent_decode(path) else {
        return Resolved::Missing;
    };
    let mut file = root.to_path_buf();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        if part.starts_with('.') || part.contains(['\\', '\0']) {
            return Resolved::Missing;
        }
        file.push(part);
    }
    if file.is_dir() {
        if !decoded.ends_with('/') {
            return Resolved::AddSlash;
        }
        file.push("index.html");
    }
    if !file.is_file() {
        return Resolved::Missing;
    }
    // A symbolic link in the output may point anywhere: only what really is inside is served.
    match (file.canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(root)) if real.starts_with(&root) => Resolved::File(file),
        _ => Resolved::Missing,
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn is_html(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "html")
}

/// The types of what a site holds (pages, feeds, bot JSON, styles, pictures, a search
/// index's scripts and WebAssembly), as GitHub Pages sends them.
fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("json") => "application/json; charset=utf-8",
        Some("xml") => "application/xml; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("wasm") => "application/wasm",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_host_names_are_answered() {
        let loopback = Hosts::new("127.0.0.1", "127.0.0.1:8000".parse().unwrap());
        for ok in [
            "127.0.0.1:8000",
            "localhost:8000",
            "LOCALHOST.",
            "app.localhost",
            "[::1]:8000",
            "127.0.0.2",
        ] {
            assert!(loopback.allows(ok), "{ok}");
        }
        for refused in [
            "",
            "evil.example",
            "evil.example:8000",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "10.0.0.5:8000",
            "[::ffff:10.0.0.5]",
        ] {
            assert!(!loopback.allows(refused), "{refused}");
        }
        let named = Hosts::new("preview.lan", "192.168.1.5:8000".parse().unwrap());
        assert!(named.allows("Preview.LAN:8000") && named.allows("192.168.1.5:8000"));
        assert!(!named.allows("other.lan"));
        // Bound to every address: any address literal (the machine's own), still no names.
        let all = Hosts::new("0.0.0.0", "0.0.0.0:8000".parse().unwrap());
        assert!(all.allows("192.168.1.5:8000") && !all.allows("evil.example"));
    }

    #[test]
    fn requests_never_leave_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        std::fs::create_dir_all(root.join("g")).unwrap();
        std::fs::write(root.join("g/index.html"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "x").unwrap();
        std::fs::write(root.join(".hidden"), "x").unwrap();
        assert_eq!(
            resolve(&root, "/g/"),
            Resolved::File(root.join("g/index.html"))
        );
        assert_eq!(resolve(&root, "/g"), Resolved::AddSlash);
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/g/..%2f..%2fsecret.txt",
            "/g/%2E%2E/%2E%2E/secret.txt",
            "/..%5csecret.txt",
            "/.hidden",
            "/%00",
            "/%zz",
        ] {
            assert_eq!(resolve(&root, bad), Resolved::Missing, "{bad}");
        }
    }

    #[test]
    fn the_script_goes_before_the_end_of_the_body_and_the_404_page_links_from_the_root() {
        let site = Served {
            output: PathBuf::new(),
            base_url: "https://x.github.io/d/".into(),
            error: None,
        };
        let html = "<html><head><link href=\"https://x.github.io/d/style.css\"></head>\
                    <body><a href=\"https://x.github.io/d/g/\">g</a></BODY></html>";
        let res = page(&site, 7, StatusCode::NOT_FOUND, html.as_bytes());
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let body = futures_util::FutureExt::now_or_never(axum::body::to_bytes(
            res.into_body(),
            usize::MAX,
        ))
        .unwrap()
        .unwrap();
        let body = String::from_utf8(body.to_vec()).unwrap();
        assert!(
            body.contains("href=\"/style.css\"") && body.contains("href=\"/g/\""),
            "{body}"
        );
        assert!(
            body.ends_with(&format!(
                "<script src=\"{SCRIPT_PATH}\" data-generation=\"7\"></script></BODY></html>"
            )),
            "{body}"
        );
    }

    #[test]
    fn a_rebuild_error_is_shown_escaped() {
        let page = error_page("template `x`: <script>alert(1)</script> & more", "");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
        assert!(!page.contains("<script>alert"));
    }

    #[test]
    fn a_changed_path_asks_for_what_it_feeds() {
        let dir = tempfile::tempdir().unwrap();
        let toml =
            "[[groups]]\nid = \"1\"\nslug = \"a\"\nkind = \"import\"\npath = \"exports/a.csv\"\n";
        std::fs::write(dir.path().join("site.toml"), toml).unwrap();
        let file = dir.path().join("site.toml");
        let config = Config::load(&file).unwrap();
        let inputs = Inputs::of(&config, &file);
        let root = absolute(dir.path());
        let at = |rel: &str| inputs.classify(&root.join(rel));
        assert_eq!(at("site.toml"), Some(Change::Config));
        assert_eq!(at("templates/base.html"), Some(Change::Render));
        assert_eq!(at("i18n/es.ftl"), Some(Change::Render));
        assert_eq!(at("data/a/2026-11-23.json"), Some(Change::Render));
        assert_eq!(at("imports/x.csv"), Some(Change::Import));
        assert_eq!(at("exports/a.csv"), Some(Change::Import));
        assert_eq!(at("public/index.html"), None, "our own output");
        assert_eq!(at(".groupdigest/lock"), None);
        // A graph source is never re-read: its folder is not an input.
        assert_eq!(at("demo/1/feed-001.json"), None);
    }
}
