//! Periods: weeks that start at local midnight of `week_start` in the site's timezone.
//!
//! A period is identified by its key, the local date of its first day (`2026-11-23`). Its
//! bounds are instants, so a week crossing a DST change is 167 or 169 hours long.

use std::fmt;

use chrono::{DateTime, Datelike, Days, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::config::Clock;

/// One week of the site's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// The local date the period starts on; also its key.
    pub first_day: NaiveDate,
}

impl Period {
    /// The period containing `instant`.
    pub fn containing(clock: Clock, instant: DateTime<Utc>) -> Period {
        let p = Period::of_day(clock, instant.with_timezone(&clock.tz).date_naive());
        // If midnight of that day does not exist or lies after the instant (a DST gap at
        // midnight), the instant may belong to the previous period.
        if p.start(clock) > instant {
            p.prev()
        } else {
            p
        }
    }

    /// The period a local calendar day belongs to. Computed on dates, not instants, so a
    /// day whose midnight a DST change skips still lands in its own week.
    pub fn of_day(clock: Clock, day: NaiveDate) -> Period {
        let back = (7 + day.weekday().num_days_from_monday()
            - clock.week_start.num_days_from_monday())
            % 7;
        Period {
            // Only the first days chrono can represent have no earlier week start.
            first_day: day
                .checked_sub_days(Days::new(u64::from(back)))
                .unwrap_or(day),
        }
    }

    /// Parses a key such as `2026-11-23`; it must fall on the clock's week start.
    pub fn from_key(clock: Clock, key: &str) -> Option<Period> {
        let first_day = NaiveDate::parse_from_str(key, "%Y-%m-%d").ok()?;
        (first_day.weekday() == clock.week_start).then_some(Period { first_day })
    }

    pub fn key(&self) -> String {
        // By hand: strftime re-parses its format on every call, and keys are made per file.
        let d = self.first_day;
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    }

    /// The instant the period starts: local midnight of its first day.
    pub fn start(&self, clock: Clock) -> DateTime<Utc> {
        local_midnight(clock.tz, self.first_day)
    }

    /// The instant the next period starts (exclusive end of this one).
    pub fn end(&self, clock: Clock) -> DateTime<Utc> {
        self.next().start(clock)
    }

    pub fn next(&self) -> Period {
        Period {
            first_day: self.first_day + Days::new(7),
        }
    }

    pub fn prev(&self) -> Period {
        Period {
            first_day: self.first_day - Days::new(7),
        }
    }

    /// The last local day of the period, for "16–22 Nov 2026" labels.
    pub fn last_day(&self) -> NaiveDate {
        self.first_day + Days::new(6)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first_day.format("%Y-%m-%d"))
    }
}

/// Local midnight of `day`; when a DST gap swallows midnight, the first instant of the day.
fn local_midnight(tz: Tz, day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_time(NaiveTime::MIN);
    match tz.from_local_datetime(&midnight) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(earliest, _) => earliest.with_timezone(&Utc),
        LocalResult::None => {
            // Walk forward minute by minute to the first instant that exists (gaps are < 2h).
            (1..=180)
                .find_map(|m| {
                    tz.from_local_datetime(&(midnight + chrono::Duration::minutes(m)))
                        .earliest()
                })
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn clock(tz: &str, week_start: Weekday) -> Clock {
        Clock {
            tz: tz.parse().unwrap(),
            week_start,
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn key_is_the_first_local_day() {
        let c = clock("UTC", Weekday::Mon);
        let p = Period::containing(c, utc("2026-11-25T12:00:00Z"));
        assert_eq!(p.key(), "2026-11-23");
        assert_eq!(p.start(c), utc("2026-11-23T00:00:00Z"));
        assert_eq!(p.end(c), utc("2026-11-30T00:00:00Z"));
    }

    #[test]
    fn week_start_sunday_moves_the_boundary() {
        let c = clock("UTC", Weekday::Sun);
        assert_eq!(
            Period::containing(c, utc("2026-11-25T12:00:00Z")).key(),
            "2026-11-22"
        );
        assert_eq!(
            Period::containing(c, utc("2026-11-22T00:00:00Z")).key(),
            "2026-11-22"
        );
        assert_eq!(
            Period::containing(c, utc("2026-11-21T23:59:59Z")).key(),
            "2026-11-15"
        );
    }

    #[test]
    fn boundary_is_local_midnight_not_utc() {
        // Mexico City is UTC-6 all year: Monday 00:00 local is 06:00 UTC.
        let c = clock("America/Mexico_City", Weekday::Mon);
        assert_eq!(
            Period::containing(c, utc("2026-11-23T05:59:00Z")).key(),
            "2026-11-16"
        );
        assert_eq!(
            Period::containing(c, utc("2026-11-23T06:00:00Z")).key(),
            "2026-11-23"
        );
    }

    #[test]
    fn week_with_dst_end_is_169_hours_and_boundaries_hold() {
        // Europe/Berlin leaves DST on Sunday 2026-10-25: the week of 2026-10-19 gains an hour.
        let c = clock("Europe/Berlin", Weekday::Mon);
        let p = Period::from_key(c, "2026-10-19").unwrap();
        assert_eq!((p.end(c) - p.start(c)).num_hours(), 169);
        // Local midnight of Monday 2026-10-26 is 23:00 UTC on the 25th (CET, UTC+1).
        assert_eq!(p.end(c), utc("2026-10-25T23:00:00Z"));
        assert_eq!(
            Period::containing(c, utc("2026-10-25T22:59:00Z")).key(),
            "2026-10-19"
        );
        assert_eq!(
            Period::containing(c, utc("2026-10-25T23:01:00Z")).key(),
            "2026-10-26"
        );
        // And its start, local midnight of 2026-10-19, is 22:00 UTC (CEST, UTC+2).
        assert_eq!(
            Period::containing(c, utc("2026-10-18T21:59:00Z")).key(),
            "2026-10-12"
        );
        assert_eq!(
            Period::containing(c, utc("2026-10-18T22:01:00Z")).key(),
            "2026-10-19"
        );
    }

    #[test]
    fn week_with_dst_start_is_167_hours_and_boundaries_hold() {
        // America/New_York enters DST on Sunday 2026-03-08: the week of 2026-03-02 loses an hour.
        let c = clock("America/New_York", Weekday::Mon);
        let p = Period::from_key(c, "2026-03-02").unwrap();
        assert_eq!((p.end(c) - p.start(c)).num_hours(), 167);
        // Local midnight of Monday 2026-03-09 is 04:00 UTC (EDT, UTC-4).
        assert_eq!(p.end(c), utc("2026-03-09T04:00:00Z"));
        assert_eq!(
            Period::containing(c, utc("2026-03-09T03:59:00Z")).key(),
            "2026-03-02"
        );
        assert_eq!(
            Period::containing(c, utc("2026-03-09T04:01:00Z")).key(),
            "2026-03-09"
        );
    }

    #[test]
    fn midnight_swallowed_by_a_dst_gap_starts_at_the_first_real_instant() {
        // America/Santiago springs forward at 00:00 on Sunday 2026-09-06 (00:00 -> 01:00).
        let c = clock("America/Santiago", Weekday::Sun);
        let p = Period::from_key(c, "2026-09-06").unwrap();
        let start = p.start(c);
        assert_eq!(Period::containing(c, start).key(), "2026-09-06");
        assert_eq!(
            Period::containing(c, start - chrono::Duration::minutes(1)).key(),
            "2026-08-30"
        );
    }

    #[test]
    fn key_must_fall_on_week_start() {
        let c = clock("UTC", Weekday::Mon);
        assert!(Period::from_key(c, "2026-11-23").is_some());
        assert!(Period::from_key(c, "2026-11-24").is_none());
        assert!(Period::from_key(c, "nonsense").is_none());
    }
}
