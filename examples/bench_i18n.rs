//! Translation micro-benchmark: how long the per-post texts take in each bundled language
//! (a post's time in words, counts in words, a number), per call. Prints ns per call.
//!
//! Run: `cargo run --release --example bench_i18n`.

use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use groupdigest::i18n::{Catalog, Count};

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
        println!("{tag}: post_time {time_ns} ns, count {count_ns} ns ({bytes} bytes)");
    }
}
