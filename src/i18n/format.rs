//! CLDR numbers and dates through ICU4X's compiled data: a language's digits and
//! separators, its month and day names and their order. Only the Gregorian calendar's
//! date names and patterns are linked (`FixedCalendarDateTimeFormatter<Gregorian, _>`),
//! and only the four field sets used here: no other calendar, no time zone names.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Timelike};
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::{D, MD, T, YMD, YMDE};
use icu_datetime::input::{DateTime as IcuDateTime, Time};
use icu_datetime::FixedCalendarDateTimeFormatter as Formatter;
use icu_datetime::NoCalendarFormatter;
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale;
use writeable::Writeable;

/// How long a language writes its dates: CLDR's medium ("24 nov 2026") or long ("2026年
/// 11月24日") forms; a catalogue's `date-style` message chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    Medium,
    Long,
}

/// The CLDR locale of a language tag. Plain `en` writes dates as groupdigest always has,
/// day first and on a 24-hour clock (CLDR's `en-GB`); `en-US` gives "Nov 24, 2026".
pub(crate) fn locale(tag: &str) -> Locale {
    let tag = if tag.eq_ignore_ascii_case("en") {
        "en-GB"
    } else {
        tag
    };
    tag.parse()
        .or_else(|_| super::primary(tag).parse())
        .unwrap_or(Locale::UNKNOWN)
}

/// A number formatter for Fluent's memoizer (one per bundle).
pub(crate) struct Decimal(DecimalFormatter);

impl Decimal {
    pub(crate) fn format(&self, n: f64) -> String {
        if n.fract() == 0.0 && n >= 0.0 && n < u64::MAX as f64 {
            let d = fixed_decimal::Decimal::from(n as u64);
            self.0.format(&d).write_to_string().into_owned()
        } else {
            n.to_string()
        }
    }
}

impl intl_memoizer::Memoizable for Decimal {
    type Args = ();
    type Error = icu_provider::DataError;

    fn construct(lang: unic_langid::LanguageIdentifier, _: ()) -> Result<Self, Self::Error> {
        let locale = locale(&lang.to_string());
        DecimalFormatter::try_new((&locale).into(), Default::default()).map(Decimal)
    }
}

/// One language's number and date formatters.
pub struct Formats {
    decimal: DecimalFormatter,
    day: Formatter<Gregorian, D>,
    month_day: Formatter<Gregorian, MD>,
    date: Formatter<Gregorian, YMD>,
    date_time: Formatter<Gregorian, icu_datetime::fieldsets::YMDT>,
    weekday_time: Formatter<Gregorian, icu_datetime::fieldsets::YMDET>,
    /// `weekday_time` as its two halves and the glue between them, when the language's
    /// pattern is exactly that (checked when made): each day and each minute of the day
    /// is then formatted once, not every post's time in full.
    post_time: Option<Composed>,
}

/// A date-and-time pattern split in two: the date ("Tue, 24 Nov 2026") and the time
/// ("10:08") formatted on their own, joined by `glue` in `order`.
struct Composed {
    weekday_date: Formatter<Gregorian, YMDE>,
    time: NoCalendarFormatter<T>,
    glue: String,
    date_first: bool,
    days: std::sync::RwLock<std::collections::HashMap<NaiveDate, std::sync::Arc<str>>>,
    minutes: Vec<std::sync::OnceLock<Box<str>>>,
}

impl std::fmt::Debug for Formats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Formats")
    }
}

impl Formats {
    pub fn new(tag: &str, style: DateStyle) -> Formats {
        let loc = locale(tag);
        let prefs = || icu_datetime::DateTimeFormatterPreferences::from(&loc);
        let long = style == DateStyle::Long;
        // Compiled data covers every CLDR locale (falling back to the root locale), so
        // these only fail for a tag ICU4X cannot read at all: then the root locale's.
        macro_rules! make {
            ($set:ident) => {{
                let set = if long { $set::long() } else { $set::medium() };
                Formatter::try_new(prefs(), set)
                    .or_else(|_| Formatter::try_new(Default::default(), set))
                    .expect("the root locale's date data is compiled in")
            }};
            ($set:ident, time) => {{
                let set = if long { $set::long() } else { $set::medium() }.with_time_hm();
                Formatter::try_new(prefs(), set)
                    .or_else(|_| Formatter::try_new(Default::default(), set))
                    .expect("the root locale's date data is compiled in")
            }};
        }
        let mut formats = Formats {
            decimal: DecimalFormatter::try_new((&loc).into(), Default::default())
                .or_else(|_| DecimalFormatter::try_new(Default::default(), Default::default()))
                .expect("the root locale's number data is compiled in"),
            day: make!(D),
            month_day: make!(MD),
            date: make!(YMD),
            date_time: make!(YMD, time),
            weekday_time: make!(YMDE, time),
            post_time: None,
        };
        let time = NoCalendarFormatter::try_new(prefs(), T::hm())
            .or_else(|_| NoCalendarFormatter::try_new(Default::default(), T::hm()));
        if let Ok(time) = time {
            formats.post_time = Composed::new(&formats.weekday_time, make!(YMDE), time);
        }
        formats
    }

    /// `n` with the language's digits and grouping: "1,234", "1.234", "12,34,567".
    pub fn number(&self, n: u64) -> String {
        self.decimal
            .format(&fixed_decimal::Decimal::from(n))
            .write_to_string()
            .into_owned()
    }

    /// "16", "16日".
    pub fn day(&self, d: NaiveDate) -> String {
        self.day
            .format(&gregorian(d))
            .write_to_string()
            .into_owned()
    }

    /// "16 Nov", "11月16日".
    pub fn month_day(&self, d: NaiveDate) -> String {
        self.month_day
            .format(&gregorian(d))
            .write_to_string()
            .into_owned()
    }

    /// "16 Nov 2026", "2026年11月16日".
    pub fn date(&self, d: NaiveDate) -> String {
        self.date
            .format(&gregorian(d))
            .write_to_string()
            .into_owned()
    }

    /// "24 Nov 2026, 10:08" (local time, as given).
    pub fn date_time<Tz: TimeZone>(&self, t: &DateTime<Tz>) -> String {
        self.date_time
            .format(&date_time(t))
            .write_to_string()
            .into_owned()
    }

    /// "Tue, 24 Nov 2026, 10:08", "mar, 24 nov 2026, 10:08".
    pub fn weekday_date_time<Tz: TimeZone>(&self, t: &DateTime<Tz>) -> String {
        match &self.post_time {
            Some(c) => c.format(t.date_naive(), t.hour(), t.minute()),
            None => self.full_weekday_date_time(t),
        }
    }

    fn full_weekday_date_time<Tz: TimeZone>(&self, t: &DateTime<Tz>) -> String {
        self.weekday_time
            .format(&date_time(t))
            .write_to_string()
            .into_owned()
    }
}

impl Composed {
    /// The split of `full`'s pattern, or `None` when its output is not the date and the
    /// time joined by one glue for every sample (a language whose pattern puts the time
    /// inside the date, or changes a half's form when joined): it is then always
    /// formatted in full.
    fn new(
        full: &Formatter<Gregorian, icu_datetime::fieldsets::YMDET>,
        weekday_date: Formatter<Gregorian, YMDE>,
        time: NoCalendarFormatter<T>,
    ) -> Option<Composed> {
        let mut c = Composed {
            weekday_date,
            time,
            glue: String::new(),
            date_first: true,
            days: Default::default(),
            minutes: (0..24 * 60).map(|_| std::sync::OnceLock::new()).collect(),
        };
        let whole = |d: NaiveDate, h: u32, m: u32| {
            let t = d.and_hms_opt(h, m, 0).expect("a valid time").and_utc();
            full.format(&date_time(&t)).write_to_string().into_owned()
        };
        let first = NaiveDate::from_ymd_opt(2026, 11, 24).expect("a valid date");
        let (date, time, joined) = (c.date_part(first), c.time_part(10, 8), whole(first, 10, 8));
        if let Some(glue) = joined
            .strip_prefix(date.as_str())
            .and_then(|rest| rest.strip_suffix(time.as_str()))
        {
            c.glue = glue.to_string();
        } else if let Some(glue) = joined
            .strip_prefix(time.as_str())
            .and_then(|rest| rest.strip_suffix(date.as_str()))
        {
            c.glue = glue.to_string();
            c.date_first = false;
        } else {
            return None;
        }
        // Every month, every weekday, morning and afternoon, midnight and noon.
        let samples = (0..40u32).map(|i| {
            let day = NaiveDate::from_ymd_opt(2025 + (i % 3) as i32, 1 + i % 12, 1 + (i * 7) % 28)
                .expect("a valid date");
            (day, (i * 5) % 24, (i * 13) % 60)
        });
        let all_alike = samples
            .chain([(first, 0, 0), (first, 12, 0), (first, 23, 59)])
            .all(|(d, h, m)| c.join(&c.date_part(d), &c.time_part(h, m)) == whole(d, h, m));
        all_alike.then_some(c)
    }

    fn date_part(&self, d: NaiveDate) -> String {
        self.weekday_date
            .format(&gregorian(d))
            .write_to_string()
            .into_owned()
    }

    fn time_part(&self, h: u32, m: u32) -> String {
        let t = Time::try_new(h as u8, m as u8, 0, 0).unwrap_or_else(|_| Time::start_of_day());
        self.time.format(&t).write_to_string().into_owned()
    }

    fn join(&self, date: &str, time: &str) -> String {
        let (a, b) = if self.date_first {
            (date, time)
        } else {
            (time, date)
        };
        let mut out = String::with_capacity(a.len() + self.glue.len() + b.len());
        out.push_str(a);
        out.push_str(&self.glue);
        out.push_str(b);
        out
    }

    fn format(&self, d: NaiveDate, h: u32, m: u32) -> String {
        let cached = self
            .days
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&d)
            .cloned();
        let date = cached.unwrap_or_else(|| {
            let date: std::sync::Arc<str> = self.date_part(d).into();
            self.days
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .insert(d, date.clone());
            date
        });
        let time = match self.minutes.get((h * 60 + m) as usize) {
            Some(slot) => slot.get_or_init(|| self.time_part(h, m).into_boxed_str()),
            None => return self.join(&date, &self.time_part(h, m)),
        };
        self.join(&date, time)
    }
}

fn gregorian(d: NaiveDate) -> Date<Gregorian> {
    // A chrono date always has a valid Gregorian month and day; the fallback never runs.
    Date::try_new_gregorian(d.year(), d.month() as u8, d.day() as u8)
        .unwrap_or_else(|_| Date::try_new_gregorian(1970, 1, 1).expect("a valid date"))
}

fn date_time<Tz: TimeZone>(t: &DateTime<Tz>) -> IcuDateTime<Gregorian> {
    IcuDateTime {
        date: gregorian(t.date_naive()),
        time: Time::try_new(t.hour() as u8, t.minute() as u8, 0, 0)
            .unwrap_or_else(|_| Time::start_of_day()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A post's time joined from its cached halves reads exactly as the whole pattern
    /// formats it, in every bundled language and a few others, and the split is taken
    /// where a language allows it (a language it does not fit falls back to the whole).
    #[test]
    fn a_post_time_from_its_halves_reads_as_the_whole_pattern() {
        let extra = ["en-US", "fa", "he", "th", "vi", "sw"];
        let tags = crate::i18n::BUNDLED.iter().map(|(t, _)| *t).chain(extra);
        let mut composed = 0;
        for tag in tags {
            let f = Formats::new(tag, DateStyle::Medium);
            composed += usize::from(f.post_time.is_some());
            for i in 0..400i64 {
                let t = chrono::DateTime::from_timestamp(1_700_000_000 + i * 7_777_777 / 7, 0)
                    .unwrap()
                    .with_timezone(&chrono_tz::America::Mexico_City);
                // Twice: the second read comes from the caches.
                for _ in 0..2 {
                    assert_eq!(
                        f.weekday_date_time(&t),
                        f.full_weekday_date_time(&t),
                        "{tag} at {t}"
                    );
                }
            }
        }
        assert!(composed >= 12, "the bundled languages split: {composed}");
    }
}
