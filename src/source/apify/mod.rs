//! The Apify source (`kind = "apify"`): a public Facebook group's posts, scraped by an Apify
//! actor (by default `apify~facebook-groups-scraper`) and read through the Apify API v2.
//!
//! `run = "new"` starts a run of the actor (or task) per group with an input naming the
//! group's `url`, the window's start and `max_posts`, waits for it (long polls with
//! `waitForFinish`) within `timeout_secs` and aborts it past that; `run = "last"` reads the
//! newest SUCCEEDED run an Apify schedule made. The run's dataset is read page by page and
//! each item goes through the `apify` import preset (`import::Items`) as it arrives, so a
//! live run and a downloaded export give the same archive, and a dataset is never held
//! twice. Every failure is its own group's, worded for the admin with Apify's own error.

mod client;
mod error;

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::anyhow;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::{json, Value};

use self::client::{Client, Retry};
use self::error::ApifyError;
use super::progress::{GroupProgress, Progress};
use super::{FailureKind, GroupFailure, GroupFetch, Span, Window};
use crate::config::{ApifyConfig, ApifyTarget, Config, GroupConfig, ImportPreset, RunMode};
use crate::model::{GroupInfo, GroupPrivacy};

/// Dataset items asked for per request.
pub(crate) const PAGE_SIZE: u64 = 250;
/// A dataset longer than this many pages is cut (a server whose total never ends).
const MAX_PAGES: usize = 10_000;
/// The longest `waitForFinish` the API honours.
const MAX_WAIT: u64 = 60;
/// What reading a finished run's dataset may take, after `timeout_secs`.
const DATASET_ALLOWANCE: Duration = Duration::from_secs(15 * 60);
/// The deadline of `check`'s few calls.
const CHECK_DEADLINE: Duration = Duration::from_secs(60);

/// Terminal statuses of an Apify run.
const TERMINAL: [&str; 4] = ["SUCCEEDED", "FAILED", "ABORTED", "TIMED-OUT"];

#[derive(Debug, Deserialize)]
struct Data<T> {
    data: T,
}

/// The fields of Apify's Run object that a fetch reads.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    id: String,
    status: String,
    #[serde(default)]
    status_message: Option<String>,
    #[serde(default)]
    default_dataset_id: Option<String>,
    #[serde(default)]
    started_at: Option<DateTime<Utc>>,
    #[serde(default)]
    finished_at: Option<DateTime<Utc>>,
}

/// Fetches `groups` (all `kind = "apify"`) over `[since, until)`: one result per group, in
/// the order given. A missing token fails every one of them alike.
pub(crate) fn fetch(
    config: &Config,
    groups: &[&GroupConfig],
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Vec<Result<GroupFetch, GroupFailure>> {
    let all_fail = |kind: FailureKind, e: &anyhow::Error| {
        let message = crate::ui::chain(e);
        groups
            .iter()
            .map(|_| {
                Err(GroupFailure {
                    kind,
                    error: anyhow!("{message}"),
                })
            })
            .collect::<Vec<_>>()
    };
    let token = match token(config) {
        Ok(t) => t,
        Err(e) => return all_fail(FailureKind::Token, &e),
    };
    let client = match Client::new(&config.apify, token) {
        Ok(c) => Arc::new(c),
        Err(e) => return all_fail(FailureKind::Api, &e),
    };
    let runtime = match super::graph::runtime() {
        Ok(r) => r,
        Err(e) => return all_fail(FailureKind::Api, &e),
    };
    let tz = config.clock().tz;
    runtime.block_on(async {
        let permits = Arc::new(tokio::sync::Semaphore::new(config.apify.concurrency.max(1)));
        let progress = Progress::new();
        let tasks: Vec<_> = groups
            .iter()
            .map(|&group| {
                let (client, permits) = (client.clone(), permits.clone());
                let (cfg, group) = (config.apify.clone(), group.clone());
                let line = progress.group(&group.slug);
                tokio::spawn(async move {
                    let _permit = permits.acquire_owned().await;
                    let fetch = Fetch {
                        client: &client,
                        cfg: &cfg,
                        group: &group,
                        tz,
                        line: &line,
                    };
                    let result = fetch.run(since, until).await;
                    line.done(
                        match &result {
                            Ok(f) => format!("done, {}", crate::ui::count(f.posts.len(), "post")),
                            Err(_) => "failed".to_string(),
                        }
                        .as_str(),
                    );
                    result
                })
            })
            .collect();
        let mut results = Vec::with_capacity(tasks.len());
        for task in tasks {
            results.push(task.await.unwrap_or_else(|e| {
                Err(GroupFailure {
                    kind: FailureKind::Api,
                    error: anyhow!("the fetch task failed: {e}"),
                })
            }));
        }
        progress.finish();
        results
    })
}

/// The Apify token from `[apify] token_env` (environment or `.env`), registered for
/// redaction, or an error saying where to put one.
fn token(config: &Config) -> anyhow::Result<String> {
    let name = &config.apify.token_env;
    crate::secret::env_value(&config.root, name).ok_or_else(|| {
        anyhow!(
            "no Apify token: set the environment variable `{name}` (a repository secret in CI) \
             or add `{name}=...` to `.env` beside `{}`; make a token in Apify Console \
             (Settings → API & Integrations, see {})",
            config.file.display(),
            docs_url!("apify.md")
        )
    })
}

/// One group's fetch.
struct Fetch<'a> {
    client: &'a Client,
    cfg: &'a ApifyConfig,
    group: &'a GroupConfig,
    tz: Tz,
    line: &'a GroupProgress,
}

impl Fetch<'_> {
    async fn run(
        &self,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<GroupFetch, GroupFailure> {
        let run_deadline = Instant::now() + Duration::from_secs(self.cfg.timeout_secs);
        let deadline = run_deadline + DATASET_ALLOWANCE;
        let target = self.cfg.target();
        let mut warnings = Vec::new();
        let run = match self.cfg.run {
            RunMode::New => self.start_and_wait(target, since, run_deadline).await?,
            RunMode::Last => {
                let run = self.last_run(target, deadline).await?;
                if let Some(w) = stale_warning(target, &run, since) {
                    warnings.push(w);
                }
                run
            }
        };
        let Some(dataset) = run.default_dataset_id.clone() else {
            return Err(api(format!(
                "the Apify run `{}` of {} has no dataset to read",
                run.id,
                target.describe()
            )));
        };
        let (posts, raw, more) = self.read_dataset(&dataset, deadline).await?;
        warnings.extend(more);
        // A `last` run is kept whole, as an import is: one that finished before the window
        // began still holds the newest posts there are.
        let window = Window {
            since: (self.cfg.run == RunMode::New).then_some(since),
            until: Some(until),
        };
        let posts: Vec<_> = posts
            .into_iter()
            .filter(|p| window.contains(p.created_time))
            .collect();
        let oldest = posts.iter().map(|p| p.created_time).min();
        // What the run saw completely: the whole window when it returned fewer items than
        // asked for; from its oldest post when `max_posts` cut it (it reads newest first).
        // A `last` run saw nothing after it finished, and its own input is not known, so
        // it covers its posts only.
        let covered = match self.cfg.run {
            RunMode::New if raw < u64::from(self.cfg.max_posts) => Span::new(since, until),
            RunMode::New => oldest.and_then(|o| Span::new(o, until)),
            RunMode::Last => {
                let end = run.finished_at.map_or(until, |f| f.min(until));
                oldest.and_then(|o| Span::new(o, end.max(o + chrono::Duration::nanoseconds(1))))
            }
        };
        if self.cfg.run == RunMode::New && raw >= u64::from(self.cfg.max_posts) {
            warnings.push(format!(
                "the Apify run returned `max_posts` = {} items, so posts older than {} may be \
                 missing: raise `[apify] max_posts` to fetch the whole window",
                self.cfg.max_posts,
                oldest.map_or("the window".to_string(), |o| o
                    .format("%Y-%m-%d %H:%M UTC")
                    .to_string())
            ));
        }
        Ok(GroupFetch {
            info: GroupInfo {
                id: self.group.id.clone(),
                link: self.group.url.clone(),
                privacy: Some(GroupPrivacy::Open),
                ..Default::default()
            },
            posts,
            covered,
            warnings,
        })
    }

    /// `run = "new"`: starts a run and waits for it to end, aborting it at the deadline.
    async fn start_and_wait(
        &self,
        target: ApifyTarget<'_>,
        since: DateTime<Utc>,
        deadline: Instant,
    ) -> Result<Run, GroupFailure> {
        let slug = &self.group.slug;
        let (collection, name) = path_of(target);
        let timeout = self.cfg.timeout_secs.to_string();
        let max = self.cfg.max_posts.to_string();
        // `timeout` makes Apify stop the run itself too; `maxItems` caps what a
        // pay-per-result actor may charge.
        let url = self.client.url(
            &[collection, name, "runs"],
            &[("timeout", &timeout), ("maxItems", &max)],
        );
        let input = run_input(self.cfg, self.group, since);
        let what = target.describe();
        self.line.step(&format!("starting a run of {what}"));
        let started = Instant::now();
        let mut run: Run = self
            .client
            .post::<Data<Run>>(&url, Some(&input), &what, slug, deadline, Retry::Once)
            .await
            .map_err(|e| self.fail(&format!("cannot start a run of {what}"), target, e))?
            .body
            .data;
        while !TERMINAL.contains(&run.status.as_str()) {
            let left = deadline.saturating_duration_since(Instant::now()).as_secs();
            if left == 0 {
                return Err(self.abort(target, &run).await);
            }
            let secs = started.elapsed().as_secs();
            self.line.step(&format!(
                "run `{}` {} for {}m {:02}s",
                run.id,
                run.status,
                secs / 60,
                secs % 60
            ));
            let wait = left.min(MAX_WAIT);
            let url = self.client.url(
                &["actor-runs", &run.id],
                &[("waitForFinish", &wait.to_string())],
            );
            let what = format!("run `{}`", run.id);
            run = self
                .client
                .get::<Data<Run>>(
                    &url,
                    &what,
                    slug,
                    Duration::from_secs(wait),
                    deadline + Duration::from_secs(30),
                )
                .await
                .map_err(|e| self.fail("cannot follow its run", target, e))?
                .body
                .data;
        }
        ended(target, run)
    }

    /// Aborts a run that did not finish in time; the group fails either way.
    async fn abort(&self, target: ApifyTarget<'_>, run: &Run) -> GroupFailure {
        let url = self.client.url(&["actor-runs", &run.id, "abort"], &[]);
        let what = format!("run `{}`", run.id);
        let deadline = Instant::now() + client::REQUEST_TIMEOUT;
        let aborted = self
            .client
            .post::<Data<Run>>(
                &url,
                None,
                &what,
                &self.group.slug,
                deadline,
                Retry::Idempotent,
            )
            .await;
        let outcome = match aborted {
            Ok(_) => "it was aborted".to_string(),
            Err(e) => format!("aborting it failed too ({e}): abort it in Apify Console"),
        };
        api(format!(
            "the Apify run `{}` of {} was still {} after `[apify] timeout_secs` = {}; {outcome}; \
             raise `timeout_secs`, or lower `max_posts` for a shorter run (its log: {})",
            run.id,
            target.describe(),
            run.status,
            self.cfg.timeout_secs,
            console(&run.id)
        ))
    }

    /// `run = "last"`: the newest SUCCEEDED run of the actor or task.
    async fn last_run(
        &self,
        target: ApifyTarget<'_>,
        deadline: Instant,
    ) -> Result<Run, GroupFailure> {
        let (collection, name) = path_of(target);
        let url = self.client.url(
            &[collection, name, "runs", "last"],
            &[("status", "SUCCEEDED")],
        );
        let what = format!("succeeded run of {}", target.describe());
        self.line.step(&format!("reading the last {what}"));
        match self
            .client
            .get::<Data<Run>>(&url, &what, &self.group.slug, Duration::ZERO, deadline)
            .await
        {
            Ok(a) => Ok(a.body.data),
            Err(ApifyError::NotFound { .. }) => {
                // No such run, or no such actor: asking for the actor tells which.
                let url = self.client.url(&[collection, name], &[]);
                let exists = self
                    .client
                    .get::<Value>(
                        &url,
                        &target.describe(),
                        &self.group.slug,
                        Duration::ZERO,
                        deadline,
                    )
                    .await;
                Err(match exists {
                    Ok(_) => api(format!(
                        "{} has no SUCCEEDED run on Apify yet: run it once in Apify Console (or give it \
                         a schedule), or set `[apify] run = \"new\"` to start one on each fetch",
                        target.describe()
                    )),
                    Err(e) => self.fail("cannot read its last run", target, e),
                })
            }
            Err(e) => Err(self.fail("cannot read its last run", target, e)),
        }
    }

    /// Reads a dataset page by page, each item mapped as it arrives: the posts, how many
    /// items the dataset gave, and the mapping's warnings.
    async fn read_dataset(
        &self,
        dataset: &str,
        deadline: Instant,
    ) -> Result<(Vec<crate::model::Post>, u64, Vec<String>), GroupFailure> {
        let mut items = crate::source::import::Items::new(
            ImportPreset::Apify,
            self.group.fields.as_ref(),
            self.tz,
        );
        let wanted = self.group.url.as_deref().map(normal_url);
        let (mut offset, mut n, mut other) = (0u64, 0usize, 0usize);
        let what = format!("dataset `{dataset}`");
        let limit = PAGE_SIZE.to_string();
        for page in 1..=MAX_PAGES {
            let url = self.client.url(
                &["datasets", dataset, "items"],
                &[
                    ("offset", &offset.to_string()),
                    ("limit", &limit),
                    ("clean", "true"),
                    ("format", "json"),
                ],
            );
            let answer = self
                .client
                .get::<Vec<Value>>(&url, &what, &self.group.slug, Duration::ZERO, deadline)
                .await
                .map_err(|e| {
                    self.fail(
                        &format!("cannot read page {page} of {what}"),
                        self.cfg.target(),
                        e,
                    )
                })?;
            let got = answer.body.len() as u64;
            for item in answer.body {
                n += 1;
                // A run of several groups (a `last` run of a task that lists them) holds
                // them all: an item that names another group is not this one's.
                let theirs = item
                    .get("facebookUrl")
                    .and_then(Value::as_str)
                    .map(normal_url);
                match (&wanted, theirs) {
                    (Some(w), Some(t)) if *w != t => other += 1,
                    _ => items.push(n, &item),
                }
            }
            self.line.page(page, n - other);
            // `X-Apify-Pagination-Count` counts the items processed, including those
            // `clean` skipped: the next page starts after them.
            let step = answer.count.unwrap_or(got).max(got);
            offset += step;
            let done = match answer.total {
                Some(total) => offset >= total,
                None => got == 0,
            };
            if done || step == 0 {
                break;
            }
        }
        let (posts, mut warnings) = items.finish(&what).map_err(|e| GroupFailure {
            kind: FailureKind::Api,
            error: e.context(format!(
                "the items of Apify's {} do not fit the `apify` mapping; if the actor is not \
                     Apify's Facebook Groups Scraper, map its fields with `[groups.fields]`",
                self.cfg.target().describe()
            )),
        })?;
        if other > 0 {
            warnings.push(format!(
                "{what}: left out {} naming another group in `facebookUrl`",
                crate::ui::count(other, "item")
            ));
        }
        Ok((posts, n as u64, warnings))
    }

    /// An Apify error as this group's failure, worded for the admin.
    fn fail(&self, doing: &str, target: ApifyTarget<'_>, e: ApifyError) -> GroupFailure {
        let hint = match &e {
            ApifyError::NotFound { .. } if !doing.contains("dataset") => format!(
                "; check `{}` in `[apify]`: write it as `<user>~<name>`, as the Console's API \
                 tab shows it",
                target.key()
            ),
            _ => String::new(),
        };
        GroupFailure {
            kind: e.kind(),
            error: anyhow!(
                "{doing} for `{}`: {e}{hint}",
                self.group.url.as_deref().unwrap_or(&self.group.id)
            ),
        }
    }
}

fn api(message: String) -> GroupFailure {
    GroupFailure {
        kind: FailureKind::Api,
        error: anyhow!(message),
    }
}

/// A run that ended: its dataset is read only when it SUCCEEDED.
fn ended(target: ApifyTarget<'_>, run: Run) -> Result<Run, GroupFailure> {
    if run.status == "SUCCEEDED" {
        return Ok(run);
    }
    let said = run
        .status_message
        .as_deref()
        .filter(|m| !m.trim().is_empty())
        .map(|m| format!(" (\"{}\")", crate::secret::redact(m.trim())))
        .unwrap_or_default();
    let what = match run.status.as_str() {
        "TIMED-OUT" => "; Apify stopped it at `[apify] timeout_secs`: raise it, or lower `max_posts`",
        "ABORTED" => "; someone (or a limit) aborted it in Apify",
        _ => "; the actor failed: its log says why (a group that is not public, a changed Facebook page)",
    };
    Err(api(format!(
        "the Apify run `{}` of {} ended {}{said}{what}; its log: {}",
        run.id,
        target.describe(),
        run.status,
        console(&run.id)
    )))
}

/// A warning for a `last` run that finished before the window began.
fn stale_warning(target: ApifyTarget<'_>, run: &Run, since: DateTime<Utc>) -> Option<String> {
    let finished = run.finished_at.or(run.started_at)?;
    if finished >= since {
        return None;
    }
    let age = since - finished;
    let age = if age.num_days() >= 1 {
        crate::ui::count(age.num_days() as usize, "day")
    } else {
        crate::ui::count(age.num_hours().max(1) as usize, "hour")
    };
    Some(format!(
        "the last SUCCEEDED run of {} (`{}`) finished on {}, {age} before the fetch window began \
         ({}); its posts are stored, but newer ones are missing: check its schedule in Apify \
         Console (it should run before the scheduled build)",
        target.describe(),
        run.id,
        finished.format("%Y-%m-%d %H:%M UTC"),
        since.format("%Y-%m-%d %H:%M UTC"),
    ))
}

/// `acts` or `actor-tasks`, and the name.
fn path_of(target: ApifyTarget<'_>) -> (&'static str, &str) {
    match target {
        ApifyTarget::Actor(a) => ("acts", a),
        ApifyTarget::Task(t) => ("actor-tasks", t),
    }
}

/// A run's page in Apify Console, where its log is.
fn console(run: &str) -> String {
    format!("https://console.apify.com/view/runs/{run}")
}

/// The input of a new run: the group's address, the window's start as the scraper's "only
/// posts newer than" (a UTC date, never later than the window's start), the most posts, the
/// newest first; then the group's `[groups.apify] input` over them.
pub(crate) fn run_input(cfg: &ApifyConfig, group: &GroupConfig, since: DateTime<Utc>) -> Value {
    let mut input = serde_json::Map::new();
    input.insert(
        "startUrls".into(),
        json!([{ "url": group.url.clone().unwrap_or_default() }]),
    );
    input.insert("resultsLimit".into(), json!(cfg.max_posts));
    input.insert(
        "onlyPostsNewerThan".into(),
        json!(since.format("%Y-%m-%d").to_string()),
    );
    input.insert("viewOption".into(), json!("CHRONOLOGICAL"));
    if let Some(extra) = &group.apify {
        for (k, v) in &extra.input {
            input.insert(k.clone(), v.clone());
        }
    }
    Value::Object(input)
}

/// A group address as compared: the host without `www.`/`m.`/`web.`, the path without
/// its trailing slash, lower-cased.
fn normal_url(s: &str) -> String {
    match url::Url::parse(s.trim()) {
        Ok(u) => {
            let host = u.host_str().unwrap_or_default().to_ascii_lowercase();
            let host = ["www.", "m.", "web."]
                .iter()
                .find_map(|p| host.strip_prefix(p))
                .unwrap_or(&host)
                .to_string();
            format!("{host}{}", u.path().trim_end_matches('/')).to_ascii_lowercase()
        }
        Err(_) => s.trim().trim_end_matches('/').to_ascii_lowercase(),
    }
}

/// One line of `check` about apify groups.
pub(crate) enum CheckLine {
    Ok(String),
    Note(String),
    Problem(String),
}

/// For `check`: the token answers (`GET /v2/users/me`) and the actor or task exists,
/// without starting a run; for `run = "last"`, how old the newest succeeded run is.
pub(crate) fn check(
    config: &Config,
    groups: &[&GroupConfig],
    now: DateTime<Utc>,
) -> Vec<CheckLine> {
    let mut out = Vec::new();
    let cfg = &config.apify;
    let env = &cfg.token_env;
    let token = match token(config) {
        Ok(t) => t,
        Err(e) => {
            return vec![CheckLine::Problem(format!(
                "apify: {}",
                crate::ui::chain(&e)
            ))]
        }
    };
    let client = match Client::new(cfg, token) {
        Ok(c) => c.interactive(),
        Err(e) => {
            return vec![CheckLine::Problem(format!(
                "apify: {}",
                crate::ui::chain(&e)
            ))]
        }
    };
    let runtime = match super::graph::runtime() {
        Ok(r) => r,
        Err(e) => return vec![CheckLine::Problem(crate::ui::chain(&e))],
    };
    let deadline = Instant::now() + CHECK_DEADLINE;
    let target = cfg.target();
    let (collection, name) = path_of(target);
    runtime.block_on(async {
        #[derive(Deserialize)]
        struct User {
            #[serde(default)]
            username: Option<String>,
        }
        let me = client.url(&["users", "me"], &[]);
        match client
            .get::<Data<User>>(&me, "user", "check", Duration::ZERO, deadline)
            .await
        {
            Ok(a) => out.push(CheckLine::Ok(format!(
                "Apify token in `{env}` answers (user `{}`)",
                a.body.data.username.unwrap_or_else(|| "?".into())
            ))),
            Err(e) => {
                out.push(CheckLine::Problem(format!("apify: {e}")));
                return;
            }
        }
        let url = client.url(&[collection, name], &[]);
        match client
            .get::<Value>(&url, &target.describe(), "check", Duration::ZERO, deadline)
            .await
        {
            Ok(_) => out.push(CheckLine::Ok(format!(
                "apify: {} exists",
                target.describe()
            ))),
            Err(e @ ApifyError::NotFound { .. }) => {
                out.push(CheckLine::Problem(format!(
                    "apify: {e}; check `{}` in `[apify]`: write it as `<user>~<name>`, as the \
                     Console's API tab shows it",
                    target.key()
                )));
                return;
            }
            Err(e) => {
                out.push(CheckLine::Problem(format!("apify: {e}")));
                return;
            }
        }
        if cfg.run == RunMode::Last {
            let url = client.url(
                &[collection, name, "runs", "last"],
                &[("status", "SUCCEEDED")],
            );
            match client
                .get::<Data<Run>>(&url, "succeeded run", "check", Duration::ZERO, deadline)
                .await
            {
                Ok(a) => {
                    let run = a.body.data;
                    let since = super::default_live_window(config.clock(), now)
                        .since
                        .unwrap_or(now);
                    match stale_warning(target, &run, since) {
                        Some(w) => out.push(CheckLine::Problem(format!("apify: {w}"))),
                        None => out.push(CheckLine::Ok(format!(
                            "apify: the last SUCCEEDED run of {} finished on {}",
                            target.describe(),
                            run.finished_at.map_or("?".to_string(), |f| f
                                .format("%Y-%m-%d %H:%M UTC")
                                .to_string())
                        ))),
                    }
                }
                Err(ApifyError::NotFound { .. }) => out.push(CheckLine::Problem(format!(
                    "apify: {} has no SUCCEEDED run on Apify yet: run it once in Apify Console (or give \
                     it a schedule), or set `[apify] run = \"new\"`",
                    target.describe()
                ))),
                Err(e) => out.push(CheckLine::Problem(format!("apify: {e}"))),
            }
        }
        for g in groups {
            out.push(CheckLine::Note(format!(
                "group `{}`: `{}` is read through {} (run = \"{}\", at most {} posts); check \
                 starts no run",
                g.slug,
                g.url.as_deref().unwrap_or_default(),
                target.describe(),
                cfg.run.as_str(),
                cfg.max_posts
            )));
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(extra: &str) -> Config {
        Config::parse(
            &format!(
                "[[groups]]\nid = \"cdmx\"\nslug = \"cdmx\"\nkind = \"apify\"\nurl = \"https://www.facebook.com/groups/cdmx.devs/\"\n{extra}"
            ),
            std::path::Path::new("site.toml"),
        )
        .unwrap()
    }

    #[test]
    fn a_run_input_names_the_group_the_window_and_the_limit_and_the_group_adds_to_it() {
        let c = config(
            "[groups.apify.input]\nviewOption = \"TOP_POSTS\"\nproxy = { useApifyProxy = true }\n",
        );
        let since = "2026-11-16T06:00:00Z".parse().unwrap();
        let input = run_input(&c.apify, &c.groups[0], since);
        assert_eq!(
            input,
            json!({
                "startUrls": [{"url": "https://www.facebook.com/groups/cdmx.devs/"}],
                "resultsLimit": 300,
                "onlyPostsNewerThan": "2026-11-16",
                "viewOption": "TOP_POSTS",
                "proxy": {"useApifyProxy": true},
            })
        );
    }

    #[test]
    fn group_addresses_compare_without_www_case_or_trailing_slash() {
        assert_eq!(
            normal_url("https://www.facebook.com/groups/CDMX.devs/"),
            normal_url("https://m.facebook.com/groups/cdmx.devs")
        );
        assert_ne!(
            normal_url("https://www.facebook.com/groups/a"),
            normal_url("https://www.facebook.com/groups/b")
        );
    }

    #[test]
    fn an_old_last_run_is_a_warning_with_its_age() {
        let run = Run {
            id: "r1".into(),
            status: "SUCCEEDED".into(),
            status_message: None,
            default_dataset_id: Some("d".into()),
            started_at: None,
            finished_at: Some("2026-11-06T05:00:00Z".parse().unwrap()),
        };
        let since = "2026-11-16T00:00:00Z".parse().unwrap();
        let w = stale_warning(ApifyTarget::Task("me~weekly"), &run, since).unwrap();
        assert!(
            w.contains("9 days before") && w.contains("task `me~weekly`"),
            "{w}"
        );
        assert!(stale_warning(
            ApifyTarget::Task("t"),
            &run,
            "2026-11-01T00:00:00Z".parse().unwrap()
        )
        .is_none());
    }
}
