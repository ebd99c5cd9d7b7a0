//! Apify fetch benchmark (not a test): one `kind = "apify"` group whose new run ends with a
//! 1,000-item dataset, served by the fake Apify API with 50 ms of latency per request.
//! Prints the requests made (by kind), the wall time and the peak RSS of the process
//! (`VmHWM`, Linux; `/usr/bin/time -v` gives the same figure).
//!
//! Run with `cargo run --release --example bench_apify` (`BENCH_ITEMS`, `BENCH_LATENCY_MS`).

#[path = "../tests/it/fake_apify.rs"]
mod fake_apify;

use std::time::{Duration, Instant};

use clap::Parser;
use fake_apify::{item, Fake, FakeApify, Script, ACTOR, TOKEN};

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let items = env("BENCH_ITEMS", 1000) as usize;
    let latency = Duration::from_millis(env("BENCH_LATENCY_MS", 50));
    let url = "https://www.facebook.com/groups/bench/";
    let dataset = (0..items)
        .map(|i| {
            // Spread over 2026-11-16 .. 2026-11-25 (the default window at the pinned `--now`).
            let t = chrono::DateTime::parse_from_rfc3339("2026-11-16T00:00:00Z").unwrap()
                + chrono::Duration::minutes((i * (9 * 24 * 60) / items.max(1)) as i64);
            let mut it = item(
                url,
                &format!("{}", 100_000 + i),
                &t.format("%Y-%m-%dT%H:%M:%S.000Z").to_string(),
                (i % 13) as u64,
            );
            // A real item's text is longer than the fake's.
            it["text"] = serde_json::json!("Lorem ipsum dolor sit amet. ".repeat(12));
            it
        })
        .collect();
    let server = FakeApify::start(Fake::new().latency(latency).actor(
        ACTOR,
        Script {
            polls: 2,
            ..Script::succeeds(dataset)
        },
    ));

    let site = tempfile::tempdir().expect("temp dir");
    let toml = format!(
        "[media]\ndownload = false\n[apify]\napi_base = \"{}\"\nmax_posts = {}\n\
         [[groups]]\nid = \"bench\"\nslug = \"bench\"\nkind = \"apify\"\nurl = \"{url}\"\n",
        server.api_base(),
        items + 1
    );
    let config = site.path().join("site.toml");
    std::fs::write(&config, toml).expect("write site.toml");
    std::env::set_var("APIFY_TOKEN", TOKEN);

    let cli = groupdigest::cli::Cli::parse_from([
        "groupdigest",
        "--config",
        config.to_str().expect("utf-8 temp path"),
        "--now",
        "2026-11-25T12:00:00Z",
        "fetch",
    ]);
    let started = Instant::now();
    let outcome = groupdigest::run(cli);
    let wall = started.elapsed();
    if let Err(e) = &outcome {
        eprintln!("fetch failed: {e:#}");
        std::process::exit(1);
    }
    let requests = server.requests();
    let count =
        |f: &dyn Fn(&fake_apify::Recorded) -> bool| requests.iter().filter(|r| f(r)).count();
    let starts = count(&|r| r.method == "POST" && r.path.ends_with("/runs"));
    let polls = count(&|r| r.path.starts_with("v2/actor-runs/"));
    let pages = count(&|r| r.path.ends_with("/items"));
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    println!();
    println!(
        "1 apify group, {items} dataset items, {} ms latency per request",
        latency.as_millis()
    );
    println!(
        "requests:           {} (start {starts}, polls {polls}, dataset pages {pages})",
        requests.len()
    );
    println!(
        "floor:              {:>6} ms  ({} dependent requests × {} ms)",
        (latency * requests.len() as u32).as_millis(),
        requests.len(),
        latency.as_millis()
    );
    println!("measured wall time: {:>6} ms", wall.as_millis());
    println!("peak RSS (VmHWM):   {peak}");
}
