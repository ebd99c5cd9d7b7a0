//! `groupdigest fetch`: update `data/` from the sources. Only the periods a fetch covered
//! are touched; a failing group keeps its archive and does not stop the others.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use chrono::{Datelike, Days};

use crate::cli::FetchArgs;
use crate::config::{Clock, Config, GroupConfig};
use crate::period::Period;
use crate::source::{FailureKind, GroupFailure, GroupFetch, Window};
use crate::store::Store;
use crate::ui;
use crate::Now;

/// What a fetch did.
#[derive(Debug, Default)]
pub(crate) struct FetchReport {
    /// slug → how it failed.
    pub failed: BTreeMap<String, crate::ci::Failed>,
    pub groups: usize,
    pub posts: usize,
    pub periods_changed: usize,
    /// Posts left out for privacy: fetched and not stored, or removed from the archive.
    pub privacy_dropped: usize,
    /// Pictures newly copied into the archive.
    pub pictures: usize,
}

impl FetchReport {
    pub(crate) fn exit_code(&self) -> ExitCode {
        if self.failed.is_empty() {
            ExitCode::SUCCESS
        } else {
            ui::info(format!("{} group(s) failed:", self.failed.len()));
            for (slug, failed) in &self.failed {
                ui::info(format!("  {slug}: {}", failed.why));
            }
            ExitCode::from(1)
        }
    }
}

pub(crate) fn run(config: &Config, now: Now, args: &FetchArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let report = fetch(config, now, args)?;
    let pictures = match report.pictures {
        0 => String::new(),
        n => format!(", {n} pictures kept"),
    };
    ui::info(format!(
        "fetched: {} groups, {} posts, {} periods changed{pictures} in {}",
        report.groups,
        report.posts,
        report.periods_changed,
        ui::seconds(started.elapsed())
    ));
    crate::ci::finish(
        config,
        &crate::ci::Run::fetched(
            report.groups,
            report.periods_changed,
            report.posts,
            &report.failed,
        ),
    );
    Ok(report.exit_code())
}

/// The window asked for on the command line, if any, widened to whole periods in the site's
/// timezone: `--since` moves back to the start of its period and `--until` (exclusive) on to
/// the end of the period holding the day before it. A period is then either fetched
/// completely or not touched, so a mid-week `--since` can never replace a week with only the
/// posts of its last days.
pub(crate) fn requested_window(clock: Clock, args: &FetchArgs) -> Option<Window> {
    args.since.map(|since| Window {
        since: Some(Period::of_day(clock, since).start(clock)),
        until: args.until.map(|until| {
            let last_day = until.checked_sub_days(Days::new(1)).unwrap_or(until);
            Period::of_day(clock, last_day).end(clock)
        }),
    })
}

pub(crate) fn fetch(config: &Config, now: Now, args: &FetchArgs) -> Result<FetchReport> {
    let clock = config.clock();
    let (from, to) = crate::model::PLAUSIBLE_YEARS;
    for (flag, day) in [("--since", args.since), ("--until", args.until)] {
        if let Some(day) = day.filter(|d| !(from..=to).contains(&d.year())) {
            return Err(crate::config::ConfigError::new(format!(
                "`{flag} {day}` is outside the years posts can have ({from} to {to})"
            ))
            .into());
        }
    }
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
    crate::fsutil::remove_leftover_temps(&config.data_dir(), crate::fsutil::is_atomic_temp)?;
    let results = crate::source::fetch_groups(config, requested, now);
    let filter = crate::privacy::PostFilter::load(config)?;
    let seal = std::sync::Arc::new(crate::seal::Seal::load(config)?);
    let store = Store::new(config.data_dir(), clock)
        .with_filter(filter)
        .with_seal(seal);
    let pictures = crate::media::Pictures::new(config)?;
    let mut report = FetchReport::default();
    let recorded = crate::recorded_time(now);
    for (group, result) in config.groups.iter().zip(results) {
        report.groups += 1;
        let failure = match result {
            Ok(fetched) => match apply(
                &store,
                pictures.as_ref(),
                group,
                fetched,
                requested,
                recorded,
                &mut report,
            ) {
                Ok(()) => continue,
                // The fetch worked but the archive could not take it: a full or
                // read-only disk is the disk's failure, a damaged file the archive's.
                Err(e) => GroupFailure {
                    kind: if is_io(&e) {
                        FailureKind::Io
                    } else {
                        FailureKind::Import
                    },
                    error: e,
                },
            },
            Err(failure) => failure,
        };
        let why = ui::chain(&failure.error);
        ui::error(format!(
            "group `{}`: {why}; its archive is kept as it was",
            group.slug
        ));
        // The disk that refused the archive may refuse the record too: say so, and go on
        // with the other groups (their folders may be fine).
        if let Err(e) = store.record_failure(&group.slug, &group.id, failure.kind, recorded) {
            ui::error(format!(
                "group `{}`: cannot record its failure: {}",
                group.slug,
                ui::chain(&e)
            ));
        }
        let kind = failure.kind;
        report
            .failed
            .insert(group.slug.clone(), crate::ci::Failed { kind, why });
    }
    if report.privacy_dropped > 0 {
        // Here rather than at exit, so that `build` and `serve`'s re-import say it too.
        ui::info(format!(
            "privacy: {} post(s) left out by opt-out tags, `[privacy] exclude` or `data/forgotten.json`",
            report.privacy_dropped
        ));
    }
    Ok(report)
}

/// Keeps a group's closed weeks' pictures lean (`media::lean`), after the archive took the
/// fetch: a problem is a warning, never the group's failure.
fn lean(store: &Store, pictures: &crate::media::Pictures, slug: &str, now: Now) {
    match pictures.lean(store, slug, now) {
        Ok(r) => {
            if r.removed > 0 || r.converted > 0 {
                ui::info(format!(
                    "group `{slug}`: closed weeks' pictures: {} re-encoded as WebP, {} removed ({:.1} MB)",
                    r.converted,
                    ui::count(r.removed, "file"),
                    r.bytes as f64 / 1e6
                ));
            }
            if r.postponed > 0 {
                ui::info(format!(
                    "group `{slug}`: {} left to re-encode on the next run (`[media] budget_secs`)",
                    ui::count(r.postponed, "older picture")
                ));
            }
            if let Some((file, why)) = r.failed.first() {
                ui::warn(format!(
                    "group `{slug}`: the older picture `{file}` could not be re-encoded: {why}; kept as it is"
                ));
            }
        }
        Err(e) => ui::warn(format!(
            "group `{slug}`: its closed weeks' pictures could not be made lean: {}; they are kept as they were",
            ui::chain(&e)
        )),
    }
}

/// Whether an error comes from the file system (an `io::Error` anywhere in its chain).
fn is_io(e: &anyhow::Error) -> bool {
    e.chain()
        .any(|c| c.downcast_ref::<std::io::Error>().is_some())
}

/// Hands one group's fetch to the store and reports what the store did.
fn apply(
    store: &Store,
    pictures: Option<&crate::media::Pictures>,
    group: &GroupConfig,
    mut fetched: GroupFetch,
    requested: Option<Window>,
    now: Now,
    report: &mut FetchReport,
) -> Result<()> {
    for w in &fetched.warnings {
        ui::warn(format!("group `{}`: {w}", group.slug));
    }
    report.posts += fetched.posts.len();
    let sources = crate::media::take_sources(&mut fetched.posts);
    // A sealed group's pictures would be committed in the clear beside its sealed posts,
    // and a private group shows none: they are not kept.
    let sealed = store
        .seal()
        .sealed(&group.slug, &fetched.info)
        .unwrap_or(true);
    let applied = store.apply(
        &group.slug,
        fetched.info,
        fetched.posts,
        fetched.covered,
        requested,
        now,
    )?;
    report.periods_changed += applied.changed;
    report.posts -= applied.dropped;
    report.privacy_dropped += applied.dropped + applied.removed;
    if applied.dropped + applied.removed > 0 {
        // Counts only: the text of a post a member kept out is not repeated in a log.
        ui::info(format!(
            "group `{}`: left out {} fetched post(s) and removed {} stored one(s) for privacy",
            group.slug, applied.dropped, applied.removed
        ));
    }
    if !applied.gone.is_empty() {
        let total: usize = applied.gone.iter().map(|(_, n)| n).sum();
        let weeks: Vec<String> = applied
            .gone
            .iter()
            .map(|(period, n)| format!("{n} from the week of {period}"))
            .collect();
        let why = if group.kind == crate::config::GroupKind::Import {
            "they are not in the export read now, which covers their weeks and replaces them (a narrower export, such as a \"top posts\" run, removes the rest); to add exports to the archive rather than replace it, keep every export's file, as `groupdigest import` does"
        } else {
            "the source no longer returns them (deleted or hidden on Facebook)"
        };
        ui::warn(format!(
            "group `{}`: removed {} from the archive ({}): {why}",
            group.slug,
            crate::ui::count(total, "stored post"),
            weeks.join(", ")
        ));
    }
    for period in &applied.kept_on_empty {
        ui::warn(format!(
            "group `{}`: the fetch returned no posts for {period}, which has stored posts; kept them",
            group.slug
        ));
    }
    if let (Some(pictures), Some(span), false) = (pictures, applied.covered, sealed) {
        let periods = crate::store::periods_in(store.clock(), span);
        // The archive is already updated: a picture problem, even one of the media folder,
        // is a warning for the group, never its failure (its posts show no picture).
        let kept = match pictures.keep(store, &group.slug, &periods, &sources, now) {
            Ok(kept) => kept,
            Err(e) => {
                ui::warn(format!(
                    "group `{}`: its pictures could not be kept: {}; shown without pictures",
                    group.slug,
                    ui::chain(&e)
                ));
                lean(store, pictures, &group.slug, now);
                return Ok(());
            }
        };
        report.pictures += kept.kept;
        if kept.postponed > 0 {
            ui::warn(format!(
                "group `{}`: {} left for the next run: the run's picture time budget \
                 (`[media] budget_secs`) was spent",
                group.slug,
                ui::count(kept.postponed, "picture")
            ));
        }
        if let Some((post, why)) = kept.failed.first() {
            // One warning per group: the run goes on, the posts show no picture.
            let more = match kept.failed.len() {
                1 => String::new(),
                n => format!(" and {} other picture(s)", n - 1),
            };
            ui::warn(format!(
                "group `{}`: the picture of post `{post}`{more} could not be kept: {why}; \
                 shown without a picture, tried again after a day",
                group.slug
            ));
        }
    }
    if let (Some(pictures), false) = (pictures, sealed) {
        // After `keep`: its downloads (whose URLs expire) come first in the time budget.
        lean(store, pictures, &group.slug, now);
    }
    if let (Some(span), n @ 1..) = (applied.covered, applied.kept_outside) {
        ui::info(format!(
            "group `{}`: kept {n} stored post(s) outside the span this fetch covered ({} to {})",
            group.slug,
            span.start
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            span.end.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;
    use chrono::{DateTime, Utc, Weekday};

    fn window(tz: &str, week_start: Weekday, since: &str, until: Option<&str>) -> Window {
        let clock = Clock {
            tz: tz.parse().unwrap(),
            week_start,
        };
        let args = FetchArgs {
            since: Some(since.parse().unwrap()),
            until: until.map(|u| u.parse().unwrap()),
        };
        requested_window(clock, &args).unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_mid_week_window_widens_to_whole_weeks() {
        // Wednesday 2026-11-18 to Wednesday 2026-11-25 (exclusive): weeks of 16 and 23 Nov.
        let w = window("UTC", Weekday::Mon, "2026-11-18", Some("2026-11-25"));
        assert_eq!(w.since, Some(utc("2026-11-16T00:00:00Z")));
        assert_eq!(w.until, Some(utc("2026-11-30T00:00:00Z")));
    }

    #[test]
    fn until_on_a_week_start_excludes_that_week() {
        let w = window("UTC", Weekday::Mon, "2026-11-02", Some("2026-11-16"));
        assert_eq!(w.since, Some(utc("2026-11-02T00:00:00Z")));
        assert_eq!(w.until, Some(utc("2026-11-16T00:00:00Z")));
        assert_eq!(window("UTC", Weekday::Mon, "2026-11-02", None).until, None);
    }

    #[test]
    fn window_bounds_are_local_midnights() {
        // Mexico City is UTC-6: Monday 00:00 local is 06:00 UTC.
        let w = window(
            "America/Mexico_City",
            Weekday::Mon,
            "2026-11-19",
            Some("2026-11-24"),
        );
        assert_eq!(w.since, Some(utc("2026-11-16T06:00:00Z")));
        assert_eq!(w.until, Some(utc("2026-11-30T06:00:00Z")));
    }

    #[test]
    fn a_week_starting_in_a_dst_gap_is_not_widened_to_the_week_before() {
        // Santiago skips 00:00-01:00 on Sunday 2026-09-06; with Sunday weeks, that day
        // starts its own week at 01:00 local (04:00 UTC), not the week before.
        let clock = Clock {
            tz: "America/Santiago".parse().unwrap(),
            week_start: Weekday::Sun,
        };
        let w = window("America/Santiago", Weekday::Sun, "2026-09-06", None);
        let week = Period::from_key(clock, "2026-09-06").unwrap();
        assert_eq!(w.since, Some(week.start(clock)));
    }

    #[test]
    fn periods_outside_the_requested_window_are_never_replaced() {
        let clock = Clock {
            tz: chrono_tz::UTC,
            week_start: Weekday::Mon,
        };
        let w = window("UTC", Weekday::Mon, "2026-11-02", Some("2026-11-16"));
        // A source that reports a wider span than it was asked for.
        let covered = Span::new(utc("2026-10-20T00:00:00Z"), utc("2026-11-20T00:00:00Z")).unwrap();
        let keys: Vec<String> = crate::store::periods_in(clock, covered.within(w).unwrap())
            .iter()
            .map(Period::key)
            .collect();
        assert_eq!(keys, vec!["2026-11-02", "2026-11-09"]);
    }
}
