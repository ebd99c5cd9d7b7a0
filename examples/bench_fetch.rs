//! Fetch benchmark (not a test): 20 Pages × 600 posts over the two-week window, served
//! 100 per page (6 pages + a trailing empty one) by the fake Graph API with 50 ms of
//! latency per request. Prints the floor (the longest chain of dependent requests × the
//! latency), the sequential estimate (every request × the latency) and the measured time.
//!
//! Run with `cargo run --release --example bench_fetch`.

#[path = "../tests/it/fake_graph.rs"]
mod fake_graph;

use std::time::{Duration, Instant};

use clap::Parser;
use fake_graph::{post, Fake, FakeGraph, FakeGroup, APP_ID, APP_SECRET, TOKEN};

const GROUPS: usize = 20;
const POSTS: usize = 600;
const PAGE_SIZE: usize = 100;
const CONCURRENCY: usize = 20;

fn main() {
    // BENCH_LATENCY_MS=0 shows the fixed cost of a run (startup, parsing, writing data/).
    let latency_ms = std::env::var("BENCH_LATENCY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let latency = Duration::from_millis(latency_ms);
    let mut fake = Fake::new().latency(latency);
    for g in 0..GROUPS {
        let id = format!("9000{g:02}");
        // Spread over 2026-11-16 .. 2026-11-25 (the default window at the pinned `--now`).
        let posts = (0..POSTS)
            .map(|i| {
                let minute = i * (9 * 24 * 60) / POSTS;
                let t = chrono::DateTime::parse_from_rfc3339("2026-11-16T00:00:00Z").unwrap()
                    + chrono::Duration::minutes(minute as i64);
                post(
                    &format!("{id}_{i}"),
                    &t.format("%Y-%m-%dT%H:%M:%S+0000").to_string(),
                    (i % 13) as u64,
                )
            })
            .collect();
        fake = fake.group(
            &id,
            FakeGroup {
                node: serde_json::json!({"id": id, "name": format!("Page {g}"), "fan_count": 100}),
                posts,
                page_size: PAGE_SIZE,
                trailing_empty: true,
            },
        );
    }
    let server = FakeGraph::start(fake);

    let site = tempfile::tempdir().expect("temp dir");
    let mut toml = format!(
        "[source]\nkind = \"graph\"\napi_base = \"{}\"\napp_id = \"{APP_ID}\"\nconcurrency = {CONCURRENCY}\nbackoff_ms = 10\n",
        server.api_base()
    );
    for g in 0..GROUPS {
        toml.push_str(&format!(
            "[[groups]]\nid = \"9000{g:02}\"\nslug = \"page-{g}\"\nkind = \"page\"\n"
        ));
    }
    let config = site.path().join("site.toml");
    std::fs::write(&config, toml).expect("write site.toml");
    std::env::set_var("FB_ACCESS_TOKEN", TOKEN);
    std::env::set_var("FB_APP_SECRET", APP_SECRET);

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
    let feed_pages = (0..GROUPS)
        .map(|g| {
            let path = format!("/v23.0/9000{g:02}/feed");
            requests.iter().filter(|r| r.path == path).count()
        })
        .max()
        .unwrap_or(0);
    // debug_token, then one group's feed pages one after another (its node is fetched
    // alongside the first page, so it adds no step).
    // debug_token, the node, then the feed pages: a group asks for its node before its feed.
    let chain = 2 + feed_pages;
    let floor = latency * chain as u32;
    let sequential = latency * requests.len() as u32;
    println!();
    println!(
        "{GROUPS} groups × {POSTS} posts, {PAGE_SIZE} per page, {} ms latency, concurrency {CONCURRENCY}",
        latency.as_millis()
    );
    println!("requests:             {}", requests.len());
    println!(
        "floor:                {:>6} ms  ({chain} dependent requests × {} ms)",
        floor.as_millis(),
        latency.as_millis()
    );
    println!(
        "sequential estimate:  {:>6} ms  ({} requests × {} ms)",
        sequential.as_millis(),
        requests.len(),
        latency.as_millis()
    );
    println!(
        "measured wall time:   {:>6} ms  ({:.2}× the floor, {:.1}× faster than sequential)",
        wall.as_millis(),
        wall.as_secs_f64() / floor.as_secs_f64(),
        sequential.as_secs_f64() / wall.as_secs_f64()
    );
}
