//! `groupdigest fetch`: update `data/` from the sources. Only the periods a fetch covered
//! are touched; a failing group keeps its archive and does not stop the others.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};

use crate::cli::FetchArgs;
use crate::config::{Clock, Config, GroupConfig};
use crate::source::{GroupFetch, Window};
use crate::store::{by_period, periods_between, MergeOutcome, Store, StoredGroup};
use crate::ui;
use crate::Now;

/// What a fetch did.
#[derive(Debug, Default)]
pub(crate) struct FetchReport {
    /// slug → why it failed.
    pub failed: BTreeMap<String, String>,
    pub groups: usize,
    pub posts: usize,
    pub periods_changed: usize,
}

impl FetchReport {
    pub(crate) fn exit_code(&self) -> ExitCode {
        if self.failed.is_empty() {
            ExitCode::SUCCESS
        } else {
            ui::info(format!("{} group(s) failed:", self.failed.len()));
            for (slug, why) in &self.failed {
                ui::info(format!("  {slug}: {why}"));
            }
            ExitCode::from(1)
        }
    }
}

pub(crate) fn run(config: &Config, now: Now, args: &FetchArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let report = fetch(config, now, args)?;
    ui::info(format!(
        "fetched: {} groups, {} posts, {} periods changed in {}",
        report.groups,
        report.posts,
        report.periods_changed,
        ui::seconds(started.elapsed())
    ));
    Ok(report.exit_code())
}

/// The window asked for on the command line, if any, in the site's timezone.
pub(crate) fn requested_window(clock: Clock, args: &FetchArgs) -> Option<Window> {
    let at = |d: NaiveDate| -> DateTime<Utc> {
        clock
            .tz
            .from_local_datetime(&d.and_time(NaiveTime::MIN))
            .earliest()
            .map_or_else(
                || Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN)),
                |t| t.with_timezone(&Utc),
            )
    };
    args.since.map(|s| Window {
        since: Some(at(s)),
        until: args.until.map(at),
    })
}

pub(crate) fn fetch(config: &Config, now: Now, args: &FetchArgs) -> Result<FetchReport> {
    let clock = config.clock();
    let requested = requested_window(clock, args);
    let results = crate::source::fetch_groups(config, requested, now)?;
    let store = Store::new(config.data_dir(), clock);
    let mut report = FetchReport::default();
    for (group, result) in config.groups.iter().zip(results) {
        report.groups += 1;
        match result.and_then(|f| apply(&store, clock, group, f, now, &mut report)) {
            Ok(()) => {}
            Err(e) => {
                let why = ui::chain(&e);
                ui::warn(format!(
                    "group `{}`: {why}; its archive is kept as it was",
                    group.slug
                ));
                report.failed.insert(group.slug.clone(), why);
            }
        }
    }
    Ok(report)
}

/// Writes one group's fetch into the store by the archive rules.
fn apply(
    store: &Store,
    clock: Clock,
    group: &GroupConfig,
    fetched: GroupFetch,
    now: Now,
    report: &mut FetchReport,
) -> Result<()> {
    for w in &fetched.warnings {
        ui::warn(format!("group `{}`: {w}", group.slug));
    }
    store
        .save_group(&group.slug, &StoredGroup { info: fetched.info })
        .with_context(|| format!("cannot save `{}` metadata", group.slug))?;
    report.posts += fetched.posts.len();
    let Some((from, to)) = fetched.covered else {
        return Ok(());
    };
    let mut posts = by_period(clock, fetched.posts);
    for period in periods_between(clock, from, to) {
        let posts = posts.remove(&period).unwrap_or_default();
        match store.merge(&group.slug, period, posts, now)? {
            MergeOutcome::Created | MergeOutcome::Updated => report.periods_changed += 1,
            MergeOutcome::Unchanged => {}
            MergeOutcome::KeptOnEmptyFetch => ui::warn(format!(
                "group `{}`: the fetch returned no posts for {period}, which has stored posts; kept them",
                group.slug
            )),
        }
    }
    Ok(())
}
