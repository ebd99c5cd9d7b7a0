//! CLDR numbers and dates through ICU4X's compiled data: a language's digits and
//! separators, its month and day names and their order. Only the Gregorian calendar's
//! date names and patterns are linked (`FixedCalendarDateTimeFormatter<Gregorian, _>`),
//! and only the four field sets used here: no other calendar, no time zone names.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Timelike};
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::{D, MD, YMD, YMDE};
use icu_datetime::input::{DateTime as IcuDateTime, Time};
use icu_datetime::FixedCalendarDateTimeFormatter as Formatter;
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
        Formats {
            decimal: DecimalFormatter::try_new((&loc).into(), Default::default())
                .or_else(|_| DecimalFormatter::try_new(Default::default(), Default::default()))
                .expect("the root locale's number data is compiled in"),
            day: make!(D),
            month_day: make!(MD),
            date: make!(YMD),
            date_time: make!(YMD, time),
            weekday_time: make!(YMDE, time),
        }
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
        self.weekday_time
            .format(&date_time(t))
            .write_to_string()
            .into_owned()
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
