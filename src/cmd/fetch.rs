//! `groupdigest fetch`: update `data/` from the sources. Only the periods a fetch covered
//! are touched; a failing group keeps its archive and does not stop the others.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};

use crate::cli::FetchArgs;
use crate::config::{Clock, Config, GroupConfig};
use crate::period::Period;
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

/// The window asked for on the command line, if any, widened to whole periods in the site's
/// timezone: `--since` moves back to the start of its period and `--until` (exclusive) on to
/// the end of the period holding the day before it. A period is then either fetched
/// completely or not touched, so a mid-week `--since` can never replace a week with only the
/// posts of its last days.
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
        since: Some(Period::containing(clock, at(s)).start(clock)),
        until: args.until.map(|u| {
            Period::containing(clock, at(u) - chrono::Duration::nanoseconds(1)).end(clock)
        }),
    })
}

/// The periods of a fetch's covered span that lie inside the requested window: whatever a
/// source reports, a fetch never touches a period outside the window it was asked for.
fn periods_to_replace(
    clock: Clock,
    covered: (DateTime<Utc>, DateTime<Utc>),
    requested: Option<Window>,
) -> Vec<Period> {
    let (from, to) = covered;
    periods_between(clock, from, to)
        .into_iter()
        .filter(|p| {
            requested.is_none_or(|w| {
                w.since.is_none_or(|s| s <= p.start(clock))
                    && w.until.is_none_or(|u| p.end(clock) <= u)
            })
        })
        .collect()
}

pub(crate) fn fetch(config: &Config, now: Now, args: &FetchArgs) -> Result<FetchReport> {
    let clock = config.clock();
    if let (Some(since), Some(until)) = (args.since, args.until) {
        if until <= since {
            return Err(crate::config::ConfigError::new(format!(
                "`--until {until}` must be a later date than `--since {since}` (it is exclusive)"
            ))
            .into());
        }
    }
    let requested = requested_window(clock, args);
    // A run killed mid-write leaves `.tmp-*` files beside the archive; they never become
    // part of it (the rename never happened), so the next run clears them first.
    crate::fsutil::remove_leftover_temps(&config.data_dir())?;
    let results = crate::source::fetch_groups(config, requested, now)?;
    let store = Store::new(config.data_dir(), clock);
    let mut report = FetchReport::default();
    for (group, result) in config.groups.iter().zip(results) {
        report.groups += 1;
        match result.and_then(|f| apply(&store, clock, group, f, requested, now, &mut report)) {
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
    requested: Option<Window>,
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
    let Some(covered) = fetched.covered else {
        return Ok(());
    };
    let mut posts = by_period(clock, fetched.posts);
    for period in periods_to_replace(clock, covered, requested) {
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
