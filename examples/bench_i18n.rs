//! Translation micro-benchmark: how long the per-post texts take in each bundled language
//! (a post's time in words, counts in words, a number), per call; then a message with
//! arguments (`week-heading`) formatted directly and through a template's
//! `t("week-heading", group=..., week=...)`, against the same words without `t`. Prints ns
//! per call.
//!
//! Run: `cargo run --release --example bench_i18n`.

use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use groupdigest::i18n::{Arg, Catalog, Count};

fn main() {
    let langs = ["en", "es", "ja", "ar", "de"];
    let catalog = Catalog::bundled_only(&langs);
    let start = Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).unwrap();
    const N: u32 = 100_000;
    for tag in langs {
        let lang = catalog.get(tag);
        let t = Instant::now();
        let mut bytes = 0;
        for i in 0..N {
            let at = (start + Duration::minutes(i64::from(i) * 37)).with_timezone(&chrono_tz::UTC);
            bytes += lang.post_time(&at).len();
        }
        let time_ns = t.elapsed().as_nanos() / u128::from(N);
        let t = Instant::now();
        for i in 0..N {
            bytes += lang.count(Count::Comments, u64::from(i % 2000)).len();
        }
        let count_ns = t.elapsed().as_nanos() / u128::from(N);
        let t = Instant::now();
        for i in 0..N {
            let week = if i % 2 == 0 {
                "16–22 nov 2026"
            } else {
                "23–29 nov 2026"
            };
            bytes += lang
                .format(
                    "week-heading",
                    &[
                        ("group", Arg::Str("Developer Circle CDMX")),
                        ("week", Arg::Str(week)),
                    ],
                )
                .len();
        }
        let format_ns = t.elapsed().as_nanos() / u128::from(N);
        println!(
            "{tag}: post_time {time_ns} ns, count {count_ns} ns, format with 2 arguments \
             {format_ns} ns ({bytes} bytes)"
        );
    }
    // The same message in a template, 20 to a render as a week page has a few.
    let mut env = minijinja::Environment::new();
    let calls = "{{ t(\"week-heading\", group=g, week=w) }}".repeat(20);
    let plain = "{{ g }}: {{ w }}".repeat(20);
    env.add_template("calls", &calls).unwrap();
    env.add_template("plain", &plain).unwrap();
    for (name, label) in [
        ("calls", "t() with 2 arguments"),
        ("plain", "the words without t"),
    ] {
        let tmpl = env.get_template(name).unwrap();
        let ctx = minijinja::context! {
            t => catalog.texts("es"),
            g => "Developer Circle CDMX",
            w => "16–22 nov 2026",
        };
        const R: u32 = 20_000;
        let t = Instant::now();
        let mut bytes = 0;
        for _ in 0..R {
            bytes += tmpl.render(&ctx).unwrap().len();
        }
        let ns = t.elapsed().as_nanos() / u128::from(R * 20);
        println!("es: {label}: {ns} ns a call ({bytes} bytes)");
    }
}
