//! Post times as export tools write them: RFC 3339 / ISO 8601 with or without an offset,
//! `YYYY-MM-DD HH:MM:SS`, Graph's `+0000` form, and Unix seconds or milliseconds.
//!
//! A time without an offset is read in the site's timezone: exporters such as
//! facebook-scraper print local wall-clock times, and the site's timezone is the best guess
//! of the community's.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::source::graph_json::parse_graph_time;

/// Below this a Unix number is seconds, above it milliseconds: 1e11 seconds is the year
/// 5138, while 1e11 milliseconds is 1973, before any export could have been written.
const MILLIS_THRESHOLD: f64 = 1e11;

/// Parses a time written as text; `None` when it is no form we know.
pub(crate) fn parse_time(s: &str, tz: Tz) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // A number (or `NaN`, `inf`, which `from_unix` refuses) is a Unix time, never a date.
    if let Ok(n) = s.parse::<f64>() {
        return from_unix(n);
    }
    // ISO 8601 allows a space for the `T`; chrono's parsers want the `T`.
    let iso;
    let s = if s.len() > 10 && s.as_bytes()[10] == b' ' {
        iso = format!("{}T{}", &s[..10], s[11..].trim_start());
        iso.as_str()
    } else {
        s
    };
    // The common forms first, through chrono's fixed-format parsers (format strings are
    // re-read on every call, which shows at 100,000 rows).
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(n) = s.parse::<NaiveDateTime>() {
        return local(n, tz);
    }
    if let Some(t) = parse_graph_time(s) {
        return Some(t);
    }
    // Offsets with fractional seconds, with or without a colon (`+0000`, `+00:00`), and a
    // ` UTC` suffix as some spreadsheets write it.
    if let Ok(t) = DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z") {
        return Some(t.with_timezone(&Utc));
    }
    if let Some(rest) = s.strip_suffix(" UTC").or_else(|| s.strip_suffix("UTC")) {
        return naive(rest.trim_end()).map(|n| Utc.from_utc_datetime(&n));
    }
    naive(s).and_then(|n| local(n, tz))
}

/// Whether `s` is a time as Facebook shows it relative to when the page was seen ("Just
/// now", "2 hrs", "3 d", "Yesterday at 3:04 PM", "hace 5 min", "Ayer a las 15:04"). Such a
/// text names no instant (it depends on when the export ran), so it is refused with a hint
/// rather than guessed.
pub(crate) fn is_relative(s: &str) -> bool {
    let s = s.trim().to_lowercase();
    let s = s.trim_end_matches('.');
    if ["just now", "now", "ahora", "justo ahora", "hace un momento"].contains(&s) {
        return true;
    }
    let first = s.split_whitespace().next().unwrap_or("");
    const DAYS: [&str; 18] = [
        "yesterday",
        "today",
        "ayer",
        "hoy",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ];
    // "Yesterday at 3:04 PM", "Monday at 09:00", "ayer a las 15:04"; a bare "today" too.
    if DAYS.contains(&first) && (s == first || s.contains(" at ") || s.contains(" a las ")) {
        return true;
    }
    let rest = s.strip_prefix("hace ").unwrap_or(s);
    let rest = rest.strip_suffix(" ago").unwrap_or(rest).trim();
    // An amount and a unit: "2 hrs", "3d", "a week", "un día".
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (amount, unit) = if digits > 0 {
        rest.split_at(digits)
    } else {
        match rest.split_once(' ') {
            Some((a, u)) if ["a", "an", "one", "un", "una"].contains(&a) => (a, u),
            _ => return false,
        }
    };
    const UNITS: [&str; 48] = [
        "s", "sec", "secs", "second", "seconds", "seg", "segundos", "m", "min", "mins", "minute",
        "minutes", "minuto", "minutos", "h", "hr", "hrs", "hour", "hours", "hora", "horas", "d",
        "day", "days", "día", "días", "dia", "dias", "w", "wk", "wks", "week", "weeks", "sem",
        "semana", "semanas", "mo", "month", "months", "mes", "meses", "y", "yr", "yrs", "year",
        "years", "año", "años",
    ];
    !amount.is_empty() && UNITS.contains(&unit.trim())
}

/// A Unix time in seconds or milliseconds (see `MILLIS_THRESHOLD`).
pub(crate) fn from_unix(n: f64) -> Option<DateTime<Utc>> {
    if !n.is_finite() {
        return None;
    }
    let millis = if n.abs() >= MILLIS_THRESHOLD {
        n
    } else {
        n * 1000.0
    };
    // Out of chrono's range (or i64's) is not a time.
    if millis.abs() > 8.0e15 {
        return None;
    }
    DateTime::from_timestamp_millis(millis.round() as i64)
}

/// A wall-clock time without an offset: `T` form with optional seconds and fraction, or a
/// bare date (midnight).
fn naive(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(chrono::NaiveTime::MIN))
        })
}

/// A local time in `tz`. A time repeated by a DST change is its first occurrence; a time
/// skipped by one is read an hour later, where the clock actually was.
fn local(n: NaiveDateTime, tz: Tz) -> Option<DateTime<Utc>> {
    tz.from_local_datetime(&n)
        .earliest()
        .or_else(|| {
            // Checked: at the end of chrono's range an hour later does not exist.
            let later = n.checked_add_signed(chrono::Duration::hours(1))?;
            tz.from_local_datetime(&later).earliest()
        })
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    const UTC: Tz = chrono_tz::UTC;
    const MEXICO: Tz = chrono_tz::America::Mexico_City;

    fn at(s: &str, tz: Tz) -> String {
        parse_time(s, tz)
            .unwrap_or_else(|| panic!("`{s}` should parse"))
            .to_rfc3339()
    }

    #[test]
    fn reads_rfc3339_with_z_offset_and_fraction() {
        assert_eq!(
            at("2026-11-19T18:04:11Z", MEXICO),
            "2026-11-19T18:04:11+00:00"
        );
        assert_eq!(
            at("2026-11-19T12:04:11-06:00", UTC),
            "2026-11-19T18:04:11+00:00"
        );
        assert_eq!(
            at("2026-11-19T18:04:11.250+00:00", UTC),
            "2026-11-19T18:04:11.250+00:00"
        );
    }

    #[test]
    fn reads_graphs_offset_without_colon() {
        assert_eq!(
            at("2026-11-19T18:04:11+0000", MEXICO),
            "2026-11-19T18:04:11+00:00"
        );
        assert_eq!(
            at("2026-11-19T12:04:11-0600", UTC),
            "2026-11-19T18:04:11+00:00"
        );
    }

    #[test]
    fn reads_a_space_separated_time_with_an_offset() {
        assert_eq!(
            at("2026-11-19 12:04:11-06:00", UTC),
            "2026-11-19T18:04:11+00:00"
        );
        assert_eq!(
            at("2026-11-19 18:04:11+0000", MEXICO),
            "2026-11-19T18:04:11+00:00"
        );
        assert_eq!(
            at("2026-11-19 18:04:11 UTC", MEXICO),
            "2026-11-19T18:04:11+00:00"
        );
    }

    #[test]
    fn reads_a_naive_time_in_the_site_timezone() {
        // Mexico City is UTC-6 all year.
        assert_eq!(
            at("2026-11-19 12:04:11", MEXICO),
            "2026-11-19T18:04:11+00:00"
        );
        assert_eq!(
            at("2026-11-19T12:04:11", MEXICO),
            "2026-11-19T18:04:11+00:00"
        );
        assert_eq!(at("2026-11-19T12:04", MEXICO), "2026-11-19T18:04:00+00:00");
        assert_eq!(at("2026-11-19", MEXICO), "2026-11-19T06:00:00+00:00");
        assert_eq!(at("2026-11-19 12:04:11", UTC), "2026-11-19T12:04:11+00:00");
    }

    #[test]
    fn reads_unix_seconds_and_milliseconds() {
        assert_eq!(at("1795111451", MEXICO), "2026-11-19T18:04:11+00:00");
        assert_eq!(at("1795111451000", UTC), "2026-11-19T18:04:11+00:00");
        assert_eq!(at(" 1795111451.5 ", UTC), "2026-11-19T18:04:11.500+00:00");
        assert_eq!(
            from_unix(1_795_111_451.0).unwrap().to_rfc3339(),
            "2026-11-19T18:04:11+00:00"
        );
        assert_eq!(
            from_unix(1_795_111_451_000.0).unwrap().to_rfc3339(),
            "2026-11-19T18:04:11+00:00"
        );
    }

    #[test]
    fn a_time_skipped_by_dst_is_read_an_hour_later() {
        // New York springs forward at 02:00 on 2026-03-08: 02:30 does not exist.
        let t = parse_time("2026-03-08 02:30:00", chrono_tz::America::New_York).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-03-08T07:30:00+00:00");
    }

    #[test]
    fn tells_relative_times_as_facebook_shows_them_from_other_text() {
        for rel in [
            "Just now",
            "2 hrs",
            "3 d",
            "5m",
            "1 h",
            "Yesterday at 3:04 PM",
            "Monday at 09:15",
            "an hour ago",
            "2 weeks ago",
            "hace 5 min",
            "Ayer a las 15:04",
            "Hoy",
        ] {
            assert!(is_relative(rel), "`{rel}` is relative");
            assert!(parse_time(rel, UTC).is_none(), "`{rel}` is no instant");
        }
        for other in [
            "2026-11-19",
            "1795111451",
            "yesterday's news",
            "next tuesday",
            "November 19 at 3:04 PM",
            "12",
            "",
            "3 dogs",
        ] {
            assert!(!is_relative(other), "`{other}` is not relative");
        }
    }

    #[test]
    fn rejects_what_is_not_a_time() {
        for bad in [
            "",
            "yesterday",
            "19/11/2026",
            "2026-13-01",
            "2026-11-19T25:00:00",
            "1e400",
            "99999999999999999999",
            "--5",
            "1.2.3",
        ] {
            assert!(parse_time(bad, UTC).is_none(), "`{bad}` should not parse");
        }
        assert!(from_unix(f64::NAN).is_none());
    }
}
