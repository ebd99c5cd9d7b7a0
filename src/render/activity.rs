//! A group's activity over its last 52 weeks: the bars of the group page's inline SVG chart
//! (posts and interactions per week), its text equivalent, and where one week stands against
//! the group's usual week.

use serde::Serialize;

use crate::period::Period;
use crate::rank::Totals;

/// How many weeks the chart shows at most, ending with the newest stored one; a younger
/// group's chart starts at its first week, but never shows fewer than `MIN_COLUMNS`.
pub const WEEKS: usize = 52;
const MIN_COLUMNS: usize = 12;

/// The chart's drawing box (SVG user units): one column per week.
const COLUMN: u32 = 10;
const BAR: u32 = 8;
/// Fewer weeks than this since the group's first say nothing of a usual week.
const MIN_WEEKS: usize = 4;
/// Each panel's height, and where the second one starts.
const PANEL: u32 = 60;
const GAP: u32 = 16;

/// One week of the chart: its numbers and its two bars.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityWeek {
    pub key: String,
    pub label: String,
    /// Relative to the site root, when the week is stored: `cdmx/2026-11-23/`.
    pub path: Option<String>,
    pub posts: u64,
    /// Comments, shares and reactions of all the week's posts.
    pub interactions: u64,
    pub x: u32,
    pub posts_y: u32,
    pub posts_h: u32,
    pub interactions_y: u32,
    pub interactions_h: u32,
}

/// The group page's chart and its text equivalent.
#[derive(Debug, Serialize)]
pub struct ActivityView {
    /// Oldest first, as the chart reads (mirrored in right-to-left pages).
    pub weeks: Vec<ActivityWeek>,
    pub width: u32,
    pub height: u32,
    /// A bar's width.
    pub bar: u32,
    /// Where the second panel (interactions) starts, and each panel's height.
    pub lower: u32,
    pub panel: u32,
    pub posts: u64,
    pub interactions: u64,
    /// The week with the most interactions (the first of a tie), if any post had one.
    pub busiest: Option<ActivityWeek>,
    pub usual: Usual,
    /// How many of the weeks fall before the group's first stored week (not counted as
    /// usual weeks).
    pub before_first: usize,
}

/// A usual week: the median over the weeks since the group's first stored one.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Usual {
    pub posts: u64,
    pub interactions: u64,
}

/// Where one week stands against the usual week of the 52 before and including it.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Standing {
    pub posts: u64,
    pub interactions: u64,
    pub usual: Usual,
    /// `above`, `below` or `usual` for interactions (within a quarter of the usual).
    pub level: &'static str,
}

/// A stored week's figures.
#[derive(Debug, Clone, Copy)]
pub struct WeekFigures {
    pub period: Period,
    pub posts: u64,
    pub interactions: u64,
}

impl WeekFigures {
    pub fn new(period: Period, totals: &Totals) -> Self {
        WeekFigures {
            period,
            posts: totals.posts,
            interactions: totals.comments + totals.shares + totals.reactions,
        }
    }
}

/// The `n` weeks that end with `end`, oldest first, with zeros for the weeks not stored.
/// `stored` is sorted oldest first.
fn window(stored: &[WeekFigures], end: Period, n: usize) -> Vec<WeekFigures> {
    let mut weeks = Vec::with_capacity(n);
    let mut p = end;
    for _ in 0..n {
        weeks.push(p);
        p = p.prev();
    }
    weeks.reverse();
    weeks
        .into_iter()
        .map(|period| {
            stored.binary_search_by(|w| w.period.cmp(&period)).map_or(
                WeekFigures {
                    period,
                    posts: 0,
                    interactions: 0,
                },
                |i| stored[i],
            )
        })
        .collect()
}

/// The median of the weeks since the group's first stored week (empty weeks after it count:
/// a quiet week is a usual week too).
fn usual(weeks: &[WeekFigures], first: Option<Period>) -> (Usual, usize) {
    let before = first.map_or(weeks.len(), |f| {
        weeks.iter().take_while(|w| w.period < f).count()
    });
    let counted = &weeks[before..];
    let median = |f: fn(&WeekFigures) -> u64| {
        let mut v: Vec<u64> = counted.iter().map(f).collect();
        v.sort_unstable();
        match v.len() {
            0 => 0,
            n if n % 2 == 1 => v[n / 2],
            n => (v[n / 2 - 1] + v[n / 2]) / 2,
        }
    };
    (
        Usual {
            posts: median(|w| w.posts),
            interactions: median(|w| w.interactions),
        },
        before,
    )
}

/// A bar's height in a panel of `PANEL` units for `value` out of `max`: at least 1 unit for
/// any value above zero, so a quiet week is not drawn as an empty one.
fn height(value: u64, max: u64) -> u32 {
    if value == 0 || max == 0 {
        return 0;
    }
    let h = (value as f64 / max as f64 * f64::from(PANEL)).round() as u32;
    h.clamp(1, PANEL)
}

impl ActivityView {
    /// The chart of the 52 weeks ending with the newest of `stored` (sorted oldest first);
    /// `label` and `path` name a week as the pages do. None for a group with no week.
    pub fn new(
        stored: &[WeekFigures],
        label: impl Fn(Period) -> String,
        path: impl Fn(Period) -> String,
    ) -> Option<ActivityView> {
        let end = stored.last()?.period;
        let since_first = (end.first_day - stored[0].period.first_day).num_weeks() as usize + 1;
        let weeks = window(stored, end, since_first.clamp(MIN_COLUMNS, WEEKS));
        let (usual, before_first) = usual(&weeks, stored.first().map(|w| w.period));
        let max_posts = weeks.iter().map(|w| w.posts).max().unwrap_or(0);
        let max_inter = weeks.iter().map(|w| w.interactions).max().unwrap_or(0);
        let lower = PANEL + GAP;
        let weeks: Vec<ActivityWeek> = weeks
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let ph = height(w.posts, max_posts);
                let ih = height(w.interactions, max_inter);
                let is_stored = stored.binary_search_by(|s| s.period.cmp(&w.period)).is_ok();
                ActivityWeek {
                    key: w.period.key(),
                    label: label(w.period),
                    path: is_stored.then(|| path(w.period)),
                    posts: w.posts,
                    interactions: w.interactions,
                    x: i as u32 * COLUMN + (COLUMN - BAR) / 2,
                    posts_y: PANEL - ph,
                    posts_h: ph,
                    interactions_y: lower + PANEL - ih,
                    interactions_h: ih,
                }
            })
            .collect();
        let busiest = weeks
            .iter()
            .filter(|w| w.interactions > 0)
            .fold(None::<&ActivityWeek>, |best, w| match best {
                Some(b) if b.interactions >= w.interactions => Some(b),
                _ => Some(w),
            })
            .cloned();
        Some(ActivityView {
            posts: weeks.iter().map(|w| w.posts).sum(),
            interactions: weeks.iter().map(|w| w.interactions).sum(),
            width: weeks.len() as u32 * COLUMN,
            bar: BAR,
            height: lower + PANEL,
            lower,
            panel: PANEL,
            busiest,
            usual,
            before_first,
            weeks,
        })
    }
}

impl Standing {
    /// Where the week `of` stands against the usual week of the 52 ending with it; none
    /// before the group has `MIN_WEEKS` weeks.
    pub fn of(stored: &[WeekFigures], of: Period) -> Option<Standing> {
        let i = stored.binary_search_by(|w| w.period.cmp(&of)).ok()?;
        let week = stored[i];
        let weeks = window(&stored[..=i], of, WEEKS);
        let (usual, before) = usual(&weeks, stored.first().map(|w| w.period));
        if weeks.len() - before < MIN_WEEKS {
            return None;
        }
        let level = {
            let (v, u) = (week.interactions as f64, usual.interactions as f64);
            if v > u * 1.25 {
                "above"
            } else if v < u * 0.75 {
                "below"
            } else {
                "usual"
            }
        };
        Some(Standing {
            posts: week.posts,
            interactions: week.interactions,
            usual,
            level,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Clock;
    use chrono::{NaiveDate, Weekday};

    fn clock() -> Clock {
        Clock {
            tz: chrono_tz::UTC,
            week_start: Weekday::Mon,
        }
    }

    fn week(day: &str, posts: u64, interactions: u64) -> WeekFigures {
        WeekFigures {
            period: Period::of_day(clock(), NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap()),
            posts,
            interactions,
        }
    }

    #[test]
    fn the_chart_ends_with_the_newest_week_and_has_zeros_between() {
        let stored = [
            week("2026-11-02", 4, 40),
            week("2026-11-16", 2, 10),
            week("2026-11-23", 8, 0),
        ];
        let view = ActivityView::new(&stored, |p| p.key(), |p| format!("g/{}/", p.key())).unwrap();
        // A group of 4 weeks gets the fewest columns; one of years, the last 52 weeks.
        let n = MIN_COLUMNS;
        assert_eq!(view.weeks.len(), n);
        assert_eq!(view.width, n as u32 * COLUMN);
        assert_eq!(view.weeks.last().unwrap().key, "2026-11-23");
        assert_eq!(view.weeks[n - 2].key, "2026-11-16");
        let gap = &view.weeks[n - 3];
        assert_eq!(
            (gap.key.as_str(), gap.posts, gap.path.as_deref()),
            ("2026-11-09", 0, None)
        );
        assert_eq!(view.posts, 14);
        assert_eq!(view.interactions, 50);
        // The tallest bar fills its panel; a week with posts but no interaction has none.
        let last = view.weeks.last().unwrap();
        assert_eq!(
            (last.posts_h, last.posts_y, last.interactions_h),
            (PANEL, 0, 0)
        );
        assert_eq!(view.weeks[n - 4].interactions_h, PANEL);
        assert_eq!(view.weeks[n - 2].interactions_h, 15);
        // Columns run left to right, oldest first.
        assert!(view.weeks.windows(2).all(|w| w[0].x < w[1].x));
        assert_eq!(view.busiest.as_ref().unwrap().key, "2026-11-02");
        // Usual: the median of the 4 weeks since the first stored one (4, 0, 2, 8 posts).
        assert_eq!(view.before_first, n - 4);
        assert_eq!(
            view.usual,
            Usual {
                posts: 3,
                interactions: 5
            }
        );
        let old = [week("2024-01-01", 1, 1), week("2026-11-23", 1, 1)];
        let view = ActivityView::new(&old, |p| p.key(), |p| p.key()).unwrap();
        assert_eq!(view.weeks.len(), WEEKS);
        assert_eq!(view.before_first, 0);
    }

    #[test]
    fn a_small_value_is_still_drawn_and_a_group_with_no_week_has_no_chart() {
        let stored = [week("2026-11-16", 1, 1), week("2026-11-23", 1, 1000)];
        let view = ActivityView::new(&stored, |p| p.key(), |p| p.key()).unwrap();
        assert_eq!(view.weeks[MIN_COLUMNS - 2].interactions_h, 1);
        assert!(ActivityView::new(&[], |p| p.key(), |p| p.key()).is_none());
    }

    #[test]
    fn a_week_stands_above_below_or_at_the_usual_week_before_it() {
        let stored = [
            week("2026-10-26", 2, 10),
            week("2026-11-02", 2, 10),
            week("2026-11-09", 2, 10),
            week("2026-11-16", 2, 10),
            week("2026-11-23", 9, 90),
        ];
        let s = Standing::of(&stored, stored[4].period).unwrap();
        assert_eq!(s.level, "above");
        assert_eq!(
            s.usual,
            Usual {
                posts: 2,
                interactions: 10
            }
        );
        assert_eq!((s.posts, s.interactions), (9, 90));
        assert_eq!(
            Standing::of(&stored, stored[3].period).unwrap().level,
            "usual"
        );
        // Only weeks up to the one asked about count: a later busy week changes nothing.
        assert_eq!(
            Standing::of(&stored[..4], stored[3].period),
            Standing::of(&stored, stored[3].period)
        );
        // A group's first weeks have no usual week yet.
        assert_eq!(Standing::of(&stored, stored[2].period), None);
        let quiet = [
            week("2026-11-02", 5, 100),
            week("2026-11-09", 5, 100),
            week("2026-11-16", 5, 100),
            week("2026-11-23", 1, 10),
        ];
        let s = Standing::of(&quiet, quiet[3].period).unwrap();
        assert_eq!((s.level, s.usual.interactions), ("below", 100));
    }
}
