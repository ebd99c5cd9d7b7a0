//! Pictures kept in the archive: during `fetch`, while Facebook's signed CDN URLs still work,
//! the pictures of every post a page or a bot shows are copied into `data/<slug>/media/`,
//! scaled down and re-encoded without metadata. Render then only copies those files.
//!
//! Picture URLs are untrusted input. A download goes only to `[media] hosts`: a host name
//! over https on its default port, connected to only at public addresses (`PublicOnly`
//! filters what a name resolves to), an IP address only when `hosts` names it exactly;
//! every redirect is checked again before it is followed. No credentials, within
//! `max_bytes`, a timeout per picture and a time budget for all of a run's pictures
//! (`budget_secs`; what is left over waits for the next run). The bytes must sniff as JPEG,
//! PNG, GIF or WebP, be whole (a JPEG cut short is refused, not kept grey where its bytes
//! stop) and decode within limits (a picture of more than `MAX_PIXELS` is refused before
//! anything is allocated). A picture that fails is reported, never a failed run, and is
//! tried again a day later (`group.json`'s `picture_failures`); a stored copy is never
//! removed.
//!
//! Memory: at most `CONCURRENCY` (4) downloads are held at once, each within `max_bytes`
//! (8 MiB by default, 16 MiB at most; its buffer grows to no more), and one picture is
//! decoded at a time in the whole run: its pixels within `MAX_ALLOC` (48 MiB: 12
//! megapixels as RGBA) and its scaled copy no larger, scaled without a floating-point
//! intermediate. A run's pictures so take at most 4 × 8 MiB + 2 × 48 MiB plus the
//! decoder's working memory, about 130 MB by default and 160 MB with `max_bytes` at its
//! maximum: under 256 MB (`examples/bench_media_memory.rs` measures it).

use std::collections::{HashMap, HashSet};
use std::io::Cursor;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{anyhow, bail, Context, Result};
use chrono::{DateTime, Utc};
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use crate::config::{Config, MediaConfig, RankingConfig};
use crate::model::{Image, Post, Size};
use crate::period::Period;
use crate::store::Store;

/// The largest side a picture may declare: larger is refused before decoding.
const MAX_SIDE: u32 = 12_000;
/// The most pixels a picture may declare: 12 megapixels (4000×3000; Facebook serves at
/// most 2048 pixels a side). More is refused before decoding.
const MAX_PIXELS: u64 = 12_000_000;
/// The most one decoded picture may take: `MAX_PIXELS` as RGBA, 8 bits a channel (a
/// 16-bit picture gets half as many pixels).
const MAX_ALLOC: u64 = 48 * 1024 * 1024;
/// Downloads in flight at once (each holds at most `max_bytes`).
const CONCURRENCY: usize = 4;
/// Pictures decoded at once, in the whole run: what bounds its memory.
const DECODES: usize = 1;
/// How long a picture that failed waits before it is tried again.
const RETRY_AFTER: chrono::TimeDelta = chrono::TimeDelta::hours(24);
/// A recorded failure older than this is dropped from `group.json` (its post is long out
/// of the fetched weeks, and its signed URL long expired).
const FORGET_FAILURE_AFTER: chrono::TimeDelta = chrono::TimeDelta::days(45);
/// Redirects followed for one picture.
const MAX_REDIRECTS: usize = 5;
/// JPEG quality of the bots' copies: small files, no visible loss at 640 pixels.
const JPEG_QUALITY: u8 = 82;
/// WebP quality of the pages' copies (libwebp's scale, 0 to 100; 75 is cwebp's default).
/// On photographs scaled to 640 pixels it is a third of the JPEG's size at quality 82,
/// with no visible loss at that size (`examples/bench_media.rs`).
const WEBP_QUALITY: f32 = 75.0;
/// The narrower copies kept beside the full one: a card's thumbnail (8 rem at 2× is 256
/// pixels) and what a phone's smaller screens take.
const THUMB_WIDTHS: [u32; 1] = [320];

/// Where a post's picture comes from in this fetch.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Source {
    /// An http(s) URL (Facebook's CDN for live Pages and imports).
    Url(String),
    /// A file of a snapshot folder (the demo's pictures).
    Local(PathBuf),
}

/// Takes the picture sources out of freshly fetched posts: URLs are remembered (they are
/// fresh now) and stay on the post; a local file path never reaches the archive.
pub(crate) fn take_sources(posts: &mut [Post]) -> HashMap<String, Source> {
    let mut out = HashMap::new();
    for post in posts {
        let Some(picture) = post.picture.as_deref() else {
            continue;
        };
        if crate::model::checked_http_url(picture).is_some() {
            out.insert(post.id.clone(), Source::Url(picture.to_string()));
        } else {
            out.insert(post.id.clone(), Source::Local(PathBuf::from(picture)));
            post.picture = None;
        }
    }
    out
}

/// What `Pictures::keep` did for one group.
#[derive(Debug, Default)]
pub(crate) struct MediaReport {
    /// Pictures newly copied into the archive (one copy serves every post that shows it).
    pub kept: usize,
    /// Why each picture that could not be kept failed: (post id, reason).
    pub failed: Vec<(String, String)>,
    /// Pictures left for the next run: the run's time budget was spent.
    pub postponed: usize,
    /// Pictures not tried: they failed less than a day ago.
    pub waiting: usize,
}

/// The run's picture time budget is spent: the picture waits for the next run, and is not
/// recorded as failed.
#[derive(Debug)]
struct BudgetSpent;

impl std::fmt::Display for BudgetSpent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the run's picture time budget (`[media] budget_secs`) was spent")
    }
}

impl std::error::Error for BudgetSpent {}

/// The picture step of one `fetch`: its own HTTP client (no token, no app secret) and
/// runtime, shared by every group.
pub(crate) struct Pictures {
    cfg: Arc<MediaConfig>,
    /// The ranked places of an open week that get pictures: `margin(top)`.
    ranking: RankingConfig,
    /// A closed week's: `top` (what `lean` keeps).
    closed_ranking: RankingConfig,
    client: reqwest::Client,
    runtime: tokio::runtime::Runtime,
    /// When the run's picture time budget ends (`[media] budget_secs` from the start of
    /// the picture step).
    deadline: tokio::time::Instant,
    /// Held while a picture is decoded: `DECODES` at once in the whole run.
    decodes: Arc<tokio::sync::Semaphore>,
}

impl Pictures {
    /// `None` when `[media] download = false`.
    pub(crate) fn new(config: &Config) -> Result<Option<Pictures>> {
        if !config.media.download {
            return Ok(None);
        }
        let cfg = Arc::new(config.media.clone());
        let policy_cfg = Arc::clone(&cfg);
        let policy = reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= MAX_REDIRECTS {
                return attempt.error(format!("more than {MAX_REDIRECTS} redirects"));
            }
            match allowed(&policy_cfg, attempt.url()) {
                Ok(()) => attempt.follow(),
                Err(why) => attempt.error(format!("redirected: {why}")),
            }
        });
        let client = reqwest::Client::builder()
            .redirect(policy)
            // Every name is resolved here, and only public addresses are connected to (a
            // proxy would resolve names itself, past that check).
            .dns_resolver(Arc::new(PublicOnly))
            .no_proxy()
            .timeout(Duration::from_secs(cfg.timeout_secs))
            .connect_timeout(Duration::from_secs(cfg.timeout_secs.min(10)))
            .no_gzip()
            .user_agent(concat!("groupdigest/", env!("CARGO_PKG_VERSION")))
            .build()
            .context("cannot set up the picture downloader")?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| anyhow!("cannot start the async runtime: {e}"))?;
        let closed_ranking = config.ranking.clone();
        let mut ranking = config.ranking.clone();
        ranking.top = margin(ranking.top);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(cfg.budget_secs);
        Ok(Some(Pictures {
            cfg,
            ranking,
            closed_ranking,
            client,
            runtime,
            deadline,
            decodes: Arc::new(tokio::sync::Semaphore::new(DECODES)),
        }))
    }

    /// Copies the missing pictures of the posts shown in `periods` of group `slug` into
    /// its `media/` folder and records them in the archive. `sources` are this fetch's
    /// picture sources; a post without one falls back to its stored URL.
    pub(crate) fn keep(
        &self,
        store: &Store,
        slug: &str,
        periods: &[Period],
        sources: &HashMap<String, Source>,
        now: DateTime<Utc>,
    ) -> Result<MediaReport> {
        let dir = store.media_dir(slug);
        let present = list_files(&dir)?;
        let mut group = store.load_group(slug)?;
        let failures = group
            .as_ref()
            .map(|g| g.picture_failures.clone())
            .unwrap_or_default();
        let mut report = MediaReport::default();
        let mut jobs = Vec::new();
        let open_from = Period::containing(store.clock(), now).prev();
        for &period in periods {
            let Some(stored) = store.load_period(slug, period)? else {
                continue;
            };
            // A closed week (an import of older weeks) gets what `lean` would keep.
            let open = period >= open_from;
            let ranking = if open {
                &self.ranking
            } else {
                &self.closed_ranking
            };
            for post in shown(&stored.posts, ranking) {
                if post
                    .image
                    .as_ref()
                    .is_some_and(|i| present.contains(&i.file))
                {
                    continue; // downloaded once, reused ever after
                }
                if failures
                    .get(&post.id)
                    .is_some_and(|&at| at <= now && now - at < RETRY_AFTER)
                {
                    report.waiting += 1;
                    continue; // failed less than a day ago
                }
                let source = match sources.get(&post.id) {
                    Some(s) => s.clone(),
                    None => match &post.picture {
                        Some(url) => Source::Url(url.clone()),
                        None => continue,
                    },
                };
                jobs.push(Job {
                    period,
                    post: post.id.clone(),
                    stem: file_stem(&post.id),
                    source,
                    fallback: open,
                });
            }
        }
        if jobs.is_empty() {
            return Ok(report);
        }
        // One download and copy per distinct source: posts that show the same picture (a
        // repost, the demo's few files) share its copy.
        let mut first: HashMap<Source, usize> = HashMap::new();
        let mut unique: Vec<Job> = Vec::new();
        let mut sharers: Vec<Vec<(Period, String)>> = Vec::new();
        for job in jobs {
            match first.get(&job.source) {
                Some(&i) => {
                    unique[i].fallback |= job.fallback;
                    sharers[i].push((job.period, job.post));
                }
                None => {
                    first.insert(job.source.clone(), unique.len());
                    sharers.push(Vec::new());
                    unique.push(job);
                }
            }
        }
        let results = self.runtime.block_on(self.run(unique, &dir));
        let mut by_period: HashMap<Period, HashMap<String, Image>> = HashMap::new();
        let mut new_failures = failures.clone();
        new_failures.retain(|_, at| now - *at < FORGET_FAILURE_AFTER);
        for ((job, result), shared) in results.into_iter().zip(sharers) {
            let posts = std::iter::once((job.period, job.post)).chain(shared);
            match result {
                Ok(image) => {
                    report.kept += 1;
                    for (period, post) in posts {
                        new_failures.remove(&post);
                        by_period
                            .entry(period)
                            .or_default()
                            .insert(post, image.clone());
                    }
                }
                Err(e) if e.downcast_ref::<BudgetSpent>().is_some() => {
                    report.postponed += posts.count();
                }
                Err(e) => {
                    let why = crate::ui::chain(&e);
                    for (_, post) in posts {
                        new_failures.insert(post.clone(), now);
                        report.failed.push((post, why.clone()));
                    }
                }
            }
        }
        for (period, images) in by_period {
            store.set_images(slug, period, &images, now)?;
        }
        if let Some(group) = group.as_mut().filter(|_| new_failures != failures) {
            group.picture_failures = new_failures;
            store.save_group(slug, group)?;
        }
        report.failed.sort();
        Ok(report)
    }

    /// `lean` for group `slug`, within the run's picture time budget.
    pub(crate) fn lean(&self, store: &Store, slug: &str, now: DateTime<Utc>) -> Result<LeanReport> {
        lean(
            store,
            slug,
            &self.closed_ranking,
            &self.cfg,
            now,
            self.deadline,
        )
    }

    async fn run(&self, jobs: Vec<Job>, dir: &Path) -> Vec<(Job, Result<Image>)> {
        let gate = Arc::new(tokio::sync::Semaphore::new(CONCURRENCY));
        let deadline = self.deadline;
        let mut set = tokio::task::JoinSet::new();
        for (i, job) in jobs.iter().enumerate() {
            let gate = Arc::clone(&gate);
            let decodes = Arc::clone(&self.decodes);
            let client = self.client.clone();
            let cfg = Arc::clone(&self.cfg);
            let source = job.source.clone();
            let path = dir.join(&job.stem);
            let fallback = job.fallback;
            set.spawn(async move {
                // Held until the copy is written: at most `CONCURRENCY` downloads' bytes
                // are in memory at once.
                let _permit = gate.acquire_owned().await.expect("semaphore open");
                let spent = || tokio::time::Instant::now() >= deadline;
                if spent() {
                    return (i, Err(anyhow!(BudgetSpent)));
                }
                let bytes = match source {
                    Source::Url(url) => {
                        tokio::time::timeout_at(deadline, download(&client, &cfg, &url))
                            .await
                            .unwrap_or_else(|_| Err(anyhow!(BudgetSpent)))
                    }
                    Source::Local(path) => read_local(&path, cfg.max_bytes),
                };
                let result = match bytes {
                    Ok(bytes) => {
                        let _decode = decodes.acquire_owned().await.expect("semaphore open");
                        if spent() {
                            return (i, Err(anyhow!(BudgetSpent)));
                        }
                        tokio::task::spawn_blocking(move || {
                            store_copies(&copies(&bytes, cfg.max_width, fallback)?, &path)
                        })
                        .await
                        .unwrap_or_else(|e| Err(anyhow!("the picture could not be processed: {e}")))
                    }
                    Err(e) => Err(e),
                };
                (i, result)
            });
        }
        let mut results: Vec<Option<Result<Image>>> = jobs.iter().map(|_| None).collect();
        while let Some(done) = set.join_next().await {
            if let Ok((i, result)) = done {
                results[i] = Some(result);
            }
        }
        jobs.into_iter()
            .zip(results)
            .map(|(job, r)| {
                (
                    job,
                    r.unwrap_or_else(|| Err(anyhow!("the download stopped"))),
                )
            })
            .collect()
    }
}

struct Job {
    period: Period,
    post: String,
    /// The copy's file name without its extension.
    stem: String,
    source: Source,
    /// Whether the bots' JPEG or PNG is kept too (a post of an open week shows it).
    fallback: bool,
}

/// The posts of a period whose pictures pages and bots show, now or after the week goes
/// on: the ranked posts with a margin (a post that climbs into the top later in the week),
/// and the most commented and most shared posts.
pub(crate) fn shown<'a>(posts: &'a [Post], ranking: &RankingConfig) -> Vec<&'a Post> {
    let digest = crate::rank::rank(posts, ranking);
    let mut seen = HashSet::new();
    digest
        .ranked
        .iter()
        .map(|r| r.post)
        .chain(digest.top_commented)
        .chain(digest.top_shared)
        .filter(|p| seen.insert(p.id.as_str()))
        .collect()
}

/// What `lean` did for one group.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct LeanReport {
    /// Files removed from `media/`, and their bytes.
    pub removed: usize,
    pub bytes: u64,
    /// An older archive's JPEG or PNG copies re-encoded as WebP.
    pub converted: usize,
    /// Older copies left for the next run: the time budget was spent.
    pub postponed: usize,
    /// Older copies that could not be re-encoded (kept as they are): (file, reason).
    pub failed: Vec<(String, String)>,
}

/// Keeps a closed week's pictures lean. A week is closed once it is older than the current
/// and the previous week (the default fetch window, whatever the group's source): its
/// ranked places can no longer change, so only the posts it shows keep a copy (`top`
/// ranked, the most commented and the most shared: `shown`, without the margin), and only
/// as WebP (the bots' JPEG or PNG goes: a closed week's bot files name the WebP). An older
/// archive's single JPEG or PNG copy of a shown post is re-encoded as WebP, until `until`
/// (what is left waits for the next run). Then every file of `media/` that no stored post
/// names is removed (a file shared by several posts stays while one of them names it).
///
/// Safe to stop at any point: new copies are written before any post names them, every
/// period file is written atomically, and files are removed only after every period was
/// written; a failure returns before anything is removed.
fn lean(
    store: &Store,
    slug: &str,
    ranking: &RankingConfig,
    cfg: &MediaConfig,
    now: DateTime<Utc>,
    until: tokio::time::Instant,
) -> Result<LeanReport> {
    let mut report = LeanReport::default();
    let dir = store.media_dir(slug);
    let present = list_files(&dir)?;
    if present.is_empty() {
        return Ok(report);
    }
    let open_from = Period::containing(store.clock(), now).prev();
    let mut stored = Vec::new();
    for period in store.periods(slug)? {
        if let Some(s) = store.load_period(slug, period)? {
            stored.push((period, s));
        }
    }
    // Per closed period: post id → its new copy (`None`: dropped).
    let mut changes: Vec<HashMap<String, Option<Image>>> = Vec::new();
    // An older copy to re-encode → the posts (period index, id) that show it.
    let mut older: std::collections::BTreeMap<String, Vec<(usize, String)>> = Default::default();
    for (i, (period, s)) in stored.iter().enumerate() {
        let mut change = HashMap::new();
        if *period < open_from {
            let keep: HashSet<&str> = shown(&s.posts, ranking)
                .into_iter()
                .map(|p| p.id.as_str())
                .collect();
            for post in &s.posts {
                let Some(image) = &post.image else { continue };
                if !keep.contains(post.id.as_str()) {
                    change.insert(post.id.clone(), None);
                } else if !present.contains(&image.file) {
                    // Not shown anyway (render checks); nothing to do.
                } else if image.fallback.is_some() {
                    let mut lean = image.clone();
                    lean.fallback = None;
                    change.insert(post.id.clone(), Some(lean));
                } else if !image.file.ends_with(".webp") {
                    older
                        .entry(image.file.clone())
                        .or_default()
                        .push((i, post.id.clone()));
                }
            }
        }
        changes.push(change);
    }
    for (file, posts) in older {
        if tokio::time::Instant::now() >= until {
            report.postponed += 1;
            continue;
        }
        let stem = file.rsplit_once('.').map_or(file.as_str(), |(s, _)| s);
        match read_local(&dir.join(&file), cfg.max_bytes)
            .and_then(|bytes| store_copies(&copies(&bytes, cfg.max_width, false)?, &dir.join(stem)))
        {
            Ok(image) => {
                report.converted += 1;
                for (i, id) in posts {
                    changes[i].insert(id, Some(image.clone()));
                }
            }
            Err(e) => report.failed.push((file, crate::ui::chain(&e))),
        }
    }
    let mut named: HashSet<String> = HashSet::new();
    for ((period, s), change) in stored.iter().zip(&changes) {
        if !change.is_empty() {
            store.replace_images(slug, *period, change)?;
        }
        for post in &s.posts {
            let image = match change.get(&post.id) {
                Some(new) => new.as_ref(),
                None => post.image.as_ref(),
            };
            named.extend(
                image
                    .into_iter()
                    .flat_map(|i| i.files().map(str::to_string)),
            );
        }
    }
    let mut unnamed: Vec<&String> = present.iter().filter(|f| !named.contains(*f)).collect();
    unnamed.sort();
    for file in unnamed {
        let path = dir.join(file);
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        match std::fs::remove_file(&path) {
            Ok(()) => {
                report.removed += 1;
                report.bytes += size;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot remove `{}`", path.display())),
        }
    }
    Ok(report)
}

/// How many ranked places get pictures for a `top` of `top`.
fn margin(top: usize) -> usize {
    top * 2
}

/// Leaves of `image` only the copies in `present` (a render's view of `media/`): none
/// when its main copy is missing.
pub(crate) fn only_present(image: &mut Option<Image>, present: &HashSet<String>) {
    let Some(i) = image else { return };
    if !present.contains(&i.file) {
        *image = None;
        return;
    }
    i.sizes.retain(|s| present.contains(&s.file));
    if i.fallback.as_ref().is_some_and(|f| !present.contains(f)) {
        i.fallback = None;
    }
}

/// The file names in `dir` (none when it does not exist).
pub(crate) fn list_files(dir: &Path) -> Result<HashSet<String>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashSet::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot list `{}`", dir.display())),
    };
    Ok(entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| is_media_file_name(n))
        .collect())
}

/// Whether `name` can be a copy's file name: plain characters, one extension we write, no
/// folder, no leading dot (temp files). Checked on every `image.file` read from `data/`.
pub fn is_media_file_name(name: &str) -> bool {
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    // A narrower copy: `<stem>.<width>w.webp`.
    let stem = match stem.rsplit_once('.') {
        Some((stem, width)) => {
            let digits = width.strip_suffix('w').unwrap_or("");
            if ext != "webp" || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return false;
            }
            stem
        }
        None => stem,
    };
    !stem.is_empty()
        && stem.len() <= 120
        && stem
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && matches!(ext, "jpg" | "png" | "webp")
}

/// A file stem for a post id: the id itself when it is plain (Graph ids are
/// `123_456`), else its plain characters and a hash of it, so two ids never share a file.
fn file_stem(id: &str) -> String {
    let plain: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .take(80)
        .collect();
    if plain == id && !id.is_empty() {
        plain
    } else {
        use sha2::Digest;
        let hash = hex::encode(&sha2::Sha256::digest(id.as_bytes())[..6]);
        format!("{}-{hash}", plain.trim_matches('-'))
            .trim_start_matches('-')
            .to_string()
    }
}

/// Why `url` may not be fetched, if it may not. A host name must match `[media] hosts`,
/// over https on its default port (its addresses are checked when it is resolved, by
/// `PublicOnly`); an IP address only when `hosts` names it exactly, and then over http(s)
/// on any port (a test's loopback server, a mirror the admin runs).
fn allowed(cfg: &MediaConfig, url: &url::Url) -> std::result::Result<(), String> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("`{}:` is not http(s)", url.scheme()));
    }
    let listed = || cfg.hosts.join(", ");
    match url.host() {
        None => Err("the URL has no host".into()),
        Some(url::Host::Domain(host)) => {
            if !cfg.allows_host(host) {
                return Err(format!(
                    "host `{host}` is not in `[media] hosts` ({})",
                    listed()
                ));
            }
            if url.scheme() != "https" {
                return Err(format!(
                    "`{host}` is asked over `http:`; pictures are fetched over https only"
                ));
            }
            if let Some(port) = url.port() {
                return Err(format!(
                    "`{host}` is asked on port {port}; pictures are fetched from the default \
                     port only"
                ));
            }
            Ok(())
        }
        Some(url::Host::Ipv4(ip)) => listed_ip(cfg, ip.into(), &listed()),
        Some(url::Host::Ipv6(ip)) => listed_ip(cfg, ip.into(), &listed()),
    }
}

/// An IP address in a URL: allowed only when `[media] hosts` names it exactly.
fn listed_ip(cfg: &MediaConfig, ip: IpAddr, listed: &str) -> std::result::Result<(), String> {
    if cfg.names_ip(ip) {
        Ok(())
    } else {
        Err(format!(
            "address `{ip}` is not in `[media] hosts` ({listed}); an address is fetched from \
             only when `hosts` names it exactly"
        ))
    }
}

/// The picture client's resolver: a name resolves to its public addresses only, so a
/// name under an allowed domain that points at this machine, the local network or a cloud
/// metadata service (127.0.0.1, 10.x, 169.254.169.254, ::1) is never connected to. It
/// runs for every connection, redirects included.
struct PublicOnly;

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let all: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map_err(|e| format!("cannot resolve `{host}`: {e}"))?
                .collect();
            let public: Vec<SocketAddr> =
                all.iter().copied().filter(|a| is_public(a.ip())).collect();
            if public.is_empty() {
                let addrs: Vec<String> = all.iter().map(|a| a.ip().to_string()).collect();
                return Err(format!(
                    "`{host}` resolves to {}, not a public address; pictures are never \
                     fetched from this machine or a private network",
                    if addrs.is_empty() {
                        "nothing".to_string()
                    } else {
                        addrs.join(", ")
                    }
                )
                .into());
            }
            Ok(Box::new(public.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// Whether `ip` is a public (globally routable) unicast address: not loopback, private,
/// shared (CGNAT), link-local, unique-local, multicast, broadcast, documentation,
/// benchmarking or reserved; an IPv6 address that carries an IPv4 one (mapped, NAT64,
/// 6to4) is judged by it.
pub(crate) fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_v4(v4);
            }
            let embedded = || Ipv4Addr::from(((s[6] as u32) << 16) | s[7] as u32);
            if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
                return is_public_v4(embedded()); // NAT64
            }
            if s[0] == 0x2002 {
                return is_public_v4(Ipv4Addr::from(((s[1] as u32) << 16) | s[2] as u32));
            }
            // Global unicast is 2000::/3, less the IETF's special blocks in 2001::/23
            // (Teredo, benchmarking, ORCHID) and documentation (2001:db8::/32).
            (s[0] & 0xe000) == 0x2000
                && !(s[0] == 0x2001 && s[1] < 0x0200)
                && !(s[0] == 0x2001 && s[1] == 0x0db8)
        }
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || a == 0
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || ip.is_documentation()
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || ip.is_multicast()
        || a >= 240) // reserved, broadcast
}

/// The picture at `url`, at most `max_bytes` of it.
async fn download(client: &reqwest::Client, cfg: &MediaConfig, url: &str) -> Result<Vec<u8>> {
    let parsed = url::Url::parse(url).map_err(|e| anyhow!("not a URL: {e}"))?;
    allowed(cfg, &parsed).map_err(|why| anyhow!(why))?;
    let host = parsed.host_str().unwrap_or_default().to_string();
    // A reqwest error names the URL, whose query is a signature: name the host only.
    let strip = |e: reqwest::Error| {
        let e = e.without_url();
        if e.is_timeout() {
            anyhow!("`{host}` did not answer within {} s", cfg.timeout_secs)
        } else if e.is_redirect() {
            anyhow!("{}", error_text(&e))
        } else {
            anyhow!("cannot download from `{host}`: {}", error_text(&e))
        }
    };
    let mut resp = client.get(parsed.clone()).send().await.map_err(strip)?;
    let status = resp.status();
    if !status.is_success() {
        bail!("`{host}` answered HTTP {status} (an expired picture URL answers 403)");
    }
    if resp.content_length().is_some_and(|n| n > cfg.max_bytes) {
        bail!("larger than `[media] max_bytes` ({} bytes)", cfg.max_bytes);
    }
    let max = usize::try_from(cfg.max_bytes).unwrap_or(usize::MAX);
    let declared = resp.content_length().and_then(|n| usize::try_from(n).ok());
    let mut bytes = Vec::with_capacity(declared.unwrap_or(64 * 1024).min(max));
    while let Some(chunk) = resp.chunk().await.map_err(strip)? {
        let needed = bytes.len() + chunk.len();
        if needed > max {
            bail!("larger than `[media] max_bytes` ({} bytes)", cfg.max_bytes);
        }
        if needed > bytes.capacity() {
            // Doubling, but never past `max_bytes`: the memory bound counts on it.
            bytes.reserve_exact((bytes.len() * 2).clamp(needed, max) - bytes.len());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// A reqwest error's innermost words (the outer ones repeat "error sending request").
fn error_text(e: &reqwest::Error) -> String {
    let mut s = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        s = inner.to_string();
        source = inner.source();
    }
    s
}

fn read_local(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read picture `{}`", path.display()))?
        .len();
    if size > max_bytes {
        bail!("`{}` is larger than `[media] max_bytes`", path.display());
    }
    std::fs::read(path).with_context(|| format!("cannot read picture `{}`", path.display()))
}

/// The format `bytes` are in, from their first bytes: only the four formats Facebook
/// serves pictures in are decoded at all.
pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageFormat::Png)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(ImageFormat::Gif)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageFormat::WebP)
    } else {
        None
    }
}

/// A picture as the archive keeps it: encoded bytes, extension and size.
#[derive(Debug)]
pub struct Processed {
    pub bytes: Vec<u8>,
    pub ext: &'static str,
    pub width: u32,
    pub height: u32,
}

/// Every copy kept of one picture: the page's WebPs, largest first, and the JPEG or PNG
/// the bots show.
#[derive(Debug)]
pub struct Copies {
    /// WebP, at most `max_width` wide.
    pub full: Processed,
    /// Narrower WebPs (`THUMB_WIDTHS` that are narrower than `full`), narrowest first.
    pub sizes: Vec<Processed>,
    /// JPEG, or PNG when the picture has transparency, as wide as `full` (when asked for).
    pub fallback: Option<Processed>,
}

/// Decodes `bytes` within limits, turns it upright, scales it down to `max_width` and
/// re-encodes it: JPEG, or PNG when it has transparency (the bots' copy). Nothing of the
/// original's metadata (EXIF, GPS, XMP, ICC, comments) is carried over: only pixels are.
pub fn process(bytes: &[u8], max_width: u32) -> Result<Processed> {
    let img = decode_scaled(bytes, max_width)?;
    encode_fallback(&img, is_transparent(&img))
}

/// The WebP copies pages show (`full` and `sizes`), and with `fallback` what `process`
/// makes.
pub fn copies(bytes: &[u8], max_width: u32, fallback: bool) -> Result<Copies> {
    let img = decode_scaled(bytes, max_width)?;
    let alpha = is_transparent(&img);
    let full = encode_webp(&img, alpha)?;
    let mut sizes = Vec::new();
    for &w in THUMB_WIDTHS.iter().filter(|&&w| w < img.width()) {
        sizes.push(encode_webp(&scaled(&img, w), alpha)?);
    }
    let fallback = match fallback {
        true => Some(encode_fallback(&img, alpha)?),
        false => None,
    };
    Ok(Copies {
        full,
        sizes,
        fallback,
    })
}

fn decode_scaled(bytes: &[u8], max_width: u32) -> Result<DynamicImage> {
    let format = sniff(bytes).ok_or_else(|| anyhow!("not a JPEG, PNG, GIF or WebP picture"))?;
    if format == ImageFormat::Jpeg && !jpeg_is_whole(bytes) {
        // The JPEG decoder fills what is missing with grey and reports nothing.
        bail!("the JPEG is cut short (its image data has no end marker)");
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let refused = |e: image::ImageError| anyhow!("cannot decode the picture: {e}");
    let mut decoder = reader.into_decoder().map_err(refused)?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS || decoder.total_bytes() > MAX_ALLOC {
        bail!(
            "the picture declares {w}×{h} pixels, more than the {} megapixels a picture may have",
            MAX_PIXELS / 1_000_000
        );
    }
    let orientation = decoder.orientation().ok();
    let mut img = DynamicImage::from_decoder(decoder).map_err(refused)?;
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    if img.width() > max_width {
        img = scaled(&img, max_width);
    }
    // 8 bits a channel from here on: the encoders take RGB(A)8 (a 16-bit PNG is
    // converted once, at its scaled size).
    Ok(match img {
        DynamicImage::ImageRgb8(_) | DynamicImage::ImageRgba8(_) => img,
        other if other.color().has_alpha() => DynamicImage::ImageRgba8(other.into_rgba8()),
        other => DynamicImage::ImageRgb8(other.into_rgb8()),
    })
}

/// `img` scaled to `width`, its aspect ratio kept. Area averaging straight into the
/// smaller picture: a filter's floating-point intermediate (16 bytes a pixel, as tall as
/// the original) would break the memory bound.
fn scaled(img: &DynamicImage, width: u32) -> DynamicImage {
    let height = (u64::from(img.height()) * u64::from(width) + u64::from(img.width()) / 2)
        / u64::from(img.width());
    img.thumbnail_exact(width, (height as u32).max(1))
}

fn is_transparent(img: &DynamicImage) -> bool {
    match img {
        DynamicImage::ImageRgba8(rgba) => rgba.pixels().any(|p| p[3] < 255),
        _ => false,
    }
}

fn encode_fallback(img: &DynamicImage, alpha: bool) -> Result<Processed> {
    let (width, height) = (img.width(), img.height());
    let mut out = Vec::new();
    let ext = if alpha {
        let rgba = img.to_rgba8();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(
                rgba.as_raw(),
                width,
                height,
                image::ExtendedColorType::Rgba8,
            )
            .map_err(|e| anyhow!("cannot encode the picture: {e}"))?;
        "png"
    } else {
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
            .encode_image(&img.to_rgb8())
            .map_err(|e| anyhow!("cannot encode the picture: {e}"))?;
        "jpg"
    };
    Ok(Processed {
        bytes: out,
        ext,
        width,
        height,
    })
}

/// Lossy WebP through libwebp (the `image` crate writes lossless WebP only, larger than
/// the JPEG it would replace), with its alpha channel when the picture has one.
fn encode_webp(img: &DynamicImage, alpha: bool) -> Result<Processed> {
    let (width, height) = (img.width(), img.height());
    let pixels = if alpha {
        std::borrow::Cow::Owned(img.to_rgba8().into_raw())
    } else if let DynamicImage::ImageRgb8(rgb) = img {
        std::borrow::Cow::Borrowed(rgb.as_raw().as_slice())
    } else {
        std::borrow::Cow::Owned(img.to_rgb8().into_raw())
    };
    let channels: i32 = if alpha { 4 } else { 3 };
    // WebP's largest side is 16383 pixels (`MAX_SIDE` is less).
    let side = |n: u32| i32::try_from(n).ok().filter(|&n| n <= 16_383);
    let (Some(w), Some(h), Some(stride)) =
        (side(width), side(height), side(width).map(|w| w * channels))
    else {
        bail!("the picture is too large for WebP ({width}×{height})");
    };
    debug_assert_eq!(pixels.len(), stride as usize * height as usize);
    let mut output: *mut u8 = std::ptr::null_mut();
    // SAFETY: `pixels` holds `height` rows of `stride` bytes (checked above), and stays
    // borrowed for the call; libwebp allocates `output` and says how long it is, and it is
    // copied out and freed with libwebp's own `WebPFree` before anything else runs.
    let bytes = unsafe {
        let len = if alpha {
            libwebp_sys::WebPEncodeRGBA(pixels.as_ptr(), w, h, stride, WEBP_QUALITY, &mut output)
        } else {
            libwebp_sys::WebPEncodeRGB(pixels.as_ptr(), w, h, stride, WEBP_QUALITY, &mut output)
        };
        let bytes = (!output.is_null() && len > 0)
            .then(|| std::slice::from_raw_parts(output, len).to_vec());
        libwebp_sys::WebPFree(output.cast());
        bytes
    };
    let bytes = bytes.ok_or_else(|| anyhow!("cannot encode the picture as WebP"))?;
    Ok(Processed {
        bytes,
        ext: "webp",
        width,
        height,
    })
}

use image::ImageEncoder as _;

/// Whether a JPEG's image data ends with its end marker (EOI after the last start of
/// scan). A thumbnail inside its Exif data has its own pair, but before the main image's
/// scans; entropy-coded data never holds `FF DA` or `FF D9`.
fn jpeg_is_whole(bytes: &[u8]) -> bool {
    let last = |marker: u8| bytes.windows(2).rposition(|w| w == [0xFF, marker]);
    matches!((last(0xDA), last(0xD9)), (Some(sos), Some(eoi)) if eoi > sos)
}

/// The file name of a copy: `<stem>.<ext>` for the largest, `<stem>.<width>w.<ext>` for a
/// narrower one (a stem never holds a dot, so no two pictures' names meet).
fn copy_name(stem: &str, p: &Processed, narrower: bool) -> String {
    if narrower {
        format!("{stem}.{}w.{}", p.width, p.ext)
    } else {
        format!("{stem}.{}", p.ext)
    }
}

/// Writes `c`'s files beside `stem_path` (with their extensions). Each file is written atomically, and a post names them only once all are:
/// a run stopped half-way leaves files no post names, which the next `lean` removes.
fn store_copies(c: &Copies, stem_path: &Path) -> Result<Image> {
    let stem = stem_path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("picture");
    let write = |p: &Processed, narrower: bool| -> Result<String> {
        let file = copy_name(stem, p, narrower);
        crate::fsutil::write_atomic(&stem_path.with_file_name(&file), &p.bytes)?;
        Ok(file)
    };
    let mut sizes = Vec::new();
    for p in &c.sizes {
        sizes.push(Size {
            file: write(p, true)?,
            width: p.width,
            height: p.height,
        });
    }
    let fallback = match &c.fallback {
        Some(p) => Some(write(p, false)?),
        None => None,
    };
    Ok(Image {
        fallback,
        file: write(&c.full, false)?,
        width: c.full.width,
        height: c.full.height,
        sizes,
    })
}

/// Bytes held by every group's `data/<slug>/media/`: (files, bytes).
pub(crate) fn archive_size(data_dir: &Path) -> (u64, u64) {
    let mut files = 0;
    let mut bytes = 0;
    let Ok(groups) = std::fs::read_dir(data_dir) else {
        return (0, 0);
    };
    for group in groups.filter_map(|e| e.ok()) {
        let Ok(entries) = std::fs::read_dir(group.path().join("media")) else {
            continue;
        };
        for e in entries.filter_map(|e| e.ok()) {
            if let Some(m) = e.metadata().ok().filter(|m| m.is_file()) {
                files += 1;
                bytes += m.len();
            }
        }
    }
    (files, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(hosts: &[&str]) -> MediaConfig {
        MediaConfig {
            hosts: hosts.iter().map(|h| h.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn a_host_matches_itself_and_its_subdomains_only() {
        let c = cfg(&["fbcdn.net"]);
        assert!(c.allows_host("fbcdn.net"));
        assert!(c.allows_host("scontent.xx.FBCDN.net"));
        assert!(!c.allows_host("evilfbcdn.net"));
        assert!(!c.allows_host("fbcdn.net.evil.com"));
        let url = |s: &str| url::Url::parse(s).unwrap();
        assert!(allowed(&c, &url("https://a.fbcdn.net/x.jpg")).is_ok());
        assert!(allowed(&c, &url("https://a.fbcdn.net:443/x.jpg")).is_ok());
        assert!(allowed(&c, &url("ftp://a.fbcdn.net/x.jpg")).is_err());
        assert!(allowed(&c, &url("https://localhost/x.jpg")).is_err());
    }

    #[test]
    fn a_name_is_fetched_over_https_on_its_default_port_and_an_address_only_when_listed() {
        let c = cfg(&["fbcdn.net", "127.0.0.1", "0.0.1"]);
        let why = |s: &str| allowed(&c, &url::Url::parse(s).unwrap()).err();
        assert!(why("http://a.fbcdn.net/x.jpg")
            .unwrap()
            .contains("https only"));
        assert!(why("https://a.fbcdn.net:8443/x.jpg")
            .unwrap()
            .contains("port 8443"));
        assert_eq!(why("http://127.0.0.1:8080/x.jpg"), None, "listed exactly");
        for refused in [
            "http://127.0.0.2/x.jpg",
            "http://1.0.0.1/x.jpg",
            "http://[::1]/x.jpg",
            "http://169.254.169.254/latest/meta-data/",
            "http://0x7f.2/x.jpg",
            "http://2130706434/x.jpg",
        ] {
            assert!(
                why(refused).is_some_and(|w| w.contains("not in `[media] hosts`")),
                "{refused}"
            );
        }
        assert_eq!(
            why("http://[::1]:9/x.jpg").map(|_| ()),
            Some(()),
            "::1 is not listed"
        );
        let v6: MediaConfig = toml::from_str("hosts = [\"[::1]\"]").unwrap();
        assert_eq!(v6.hosts, vec!["::1"]);
        assert!(allowed(&v6, &url::Url::parse("http://[::1]:9/x.jpg").unwrap()).is_ok());
    }

    #[test]
    fn only_public_addresses_count_as_public() {
        for private in [
            "127.0.0.1",
            "127.8.9.10",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "0.1.2.3",
            "192.0.0.8",
            "192.0.2.1",
            "198.18.0.1",
            "224.0.0.1",
            "240.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "fec0::1",
            "ff02::1",
            "2001:db8::1",
            "2001::1",
            "100::1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in [
            "157.240.1.1",
            "31.13.64.1",
            "8.8.8.8",
            "172.32.0.1",
            "100.128.0.1",
            "::ffff:157.240.1.1",
            "2a03:2880:f003::1",
            "2606:4700::1111",
        ] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn a_name_that_resolves_to_this_machine_is_refused_by_the_resolver() {
        use reqwest::dns::Resolve;
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let name: reqwest::dns::Name = "localhost".parse().unwrap();
        let err = match rt.block_on(PublicOnly.resolve(name)) {
            Ok(addrs) => panic!("resolved to {:?}", addrs.collect::<Vec<_>>()),
            Err(e) => e.to_string(),
        };
        assert!(err.contains("not a public address"), "{err}");
        assert!(err.contains("127.0.0.1") || err.contains("::1"), "{err}");
    }

    #[test]
    fn pictures_are_kept_for_twice_the_ranked_places() {
        let posts: Vec<Post> = (0..14u64)
            .map(|i| Post {
                id: format!("p{i}"),
                created_time: "2026-11-24T12:00:00Z".parse().unwrap(),
                message: None,
                permalink_url: None,
                picture: None,
                comments: 20 - i,
                shares: 0,
                reactions: 0,
                link: None,
                image: None,
            })
            .collect();
        let ranking = RankingConfig {
            top: margin(5),
            ..Default::default()
        };
        let ids: Vec<&str> = shown(&posts, &ranking)
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        let expected: Vec<String> = (0..10).map(|i| format!("p{i}")).collect();
        assert_eq!(
            ids, expected,
            "a post at place 6 to 10 may still climb into the top 5"
        );
    }

    #[test]
    fn file_names_are_plain_and_distinct() {
        assert_eq!(file_stem("123_456"), "123_456");
        let odd = file_stem("../etc/passwd");
        assert!(is_media_file_name(&format!("{odd}.jpg")), "{odd}");
        assert_ne!(file_stem("a/b"), file_stem("a:b"));
        assert!(is_media_file_name("123_456.webp"));
        assert!(is_media_file_name("123_456.320w.webp"));
        for bad in [
            "123_456.320w.jpg",
            "123_456.w.webp",
            "123_456.32x.webp",
            "a.b.c.webp",
            "../x.jpg",
            "a/b.jpg",
            ".tmp-x.jpg",
            "x.svg",
            "x",
            ".jpg",
            "a b.jpg",
        ] {
            assert!(!is_media_file_name(bad), "{bad}");
        }
    }

    #[test]
    fn sniffing_knows_four_formats_and_nothing_else() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0rest"), Some(ImageFormat::Jpeg));
        assert_eq!(sniff(b"GIF89a..."), Some(ImageFormat::Gif));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(ImageFormat::WebP));
        assert_eq!(sniff(b"<svg xmlns="), None);
        assert!(process(b"<html>not a picture</html>", 640).is_err());
    }

    fn encoded(img: DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), format).unwrap();
        out
    }

    fn photo(w: u32, h: u32) -> DynamicImage {
        DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x ^ y) % 256) as u8])
        }))
    }

    #[test]
    fn a_picture_cut_short_is_refused_in_every_format() {
        let jpeg = encoded(photo(800, 600), ImageFormat::Jpeg);
        assert!(jpeg_is_whole(&jpeg));
        assert!(process(&jpeg, 640).is_ok());
        let png = encoded(photo(300, 200), ImageFormat::Png);
        let gif = encoded(photo(300, 200), ImageFormat::Gif);
        let webp = encoded(photo(300, 200), ImageFormat::WebP);
        for (name, whole) in [
            ("jpeg", &jpeg),
            ("png", &png),
            ("gif", &gif),
            ("webp", &webp),
        ] {
            for cut in [whole.len() * 6 / 10, whole.len() * 9 / 10] {
                let e = process(&whole[..cut], 640).err();
                assert!(
                    e.is_some(),
                    "{name} cut at {cut} of {} was kept",
                    whole.len()
                );
            }
        }
        let e = process(&jpeg[..jpeg.len() * 6 / 10], 640).unwrap_err();
        assert!(e.to_string().contains("cut short"), "{e}");
        // A whole Exif thumbnail before the cut does not make the picture whole.
        let mut with_thumb = jpeg[..2].to_vec();
        let thumb = encoded(photo(16, 16), ImageFormat::Jpeg);
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&thumb);
        with_thumb.extend_from_slice(&[0xFF, 0xE1]);
        with_thumb.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
        with_thumb.extend_from_slice(&app1);
        with_thumb.extend_from_slice(&jpeg[2..]);
        assert!(jpeg_is_whole(&with_thumb));
        assert!(!jpeg_is_whole(&with_thumb[..with_thumb.len() - 2]));
    }

    #[test]
    fn a_transparent_picture_stays_png_and_an_opaque_one_becomes_jpeg() {
        let mut img = image::RgbaImage::new(800, 400);
        img.put_pixel(0, 0, image::Rgba([0, 0, 0, 0]));
        let mut png = Vec::new();
        DynamicImage::ImageRgba8(img)
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let p = process(&png, 640).unwrap();
        assert_eq!((p.ext, p.width, p.height), ("png", 640, 320));
        let opaque = image::RgbImage::from_pixel(300, 200, image::Rgb([200, 10, 10]));
        let mut png = Vec::new();
        DynamicImage::ImageRgb8(opaque)
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let p = process(&png, 640).unwrap();
        assert_eq!(
            (p.ext, p.width, p.height),
            ("jpg", 300, 200),
            "not scaled up"
        );
    }
}
