//! Sealing benchmark: the cost of age encryption in `build` on the 10-year archive of
//! `bench_render` (20 groups × 520 weeks × 15 posts), one group of which is private.
//!
//! It times `build` (fetch of a snapshot holding each group's latest week, then render),
//! in process, three ways: the private group in a private repository (clear files), the
//! first run in a public repository with `age_recipients` (it seals the group's 520 weeks),
//! and the runs after it (each fetch reads the sealed weeks back). It also times reading the
//! private group's whole archive, clear and sealed.
//!
//! Run: `TMPDIR=/dev/shm cargo run --release --example bench_seal [GROUPS WEEKS POSTS]`.

use std::sync::Arc;
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use clap::Parser;
use groupdigest::config::Config;
use groupdigest::model::{GroupInfo, Post};
use groupdigest::period::Period;
use groupdigest::seal::Seal;
use groupdigest::source::Span;
use groupdigest::store::Store;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const NOW: &str = "2026-11-25T12:00:00Z";

fn main() -> anyhow::Result<()> {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let (groups, weeks, per_week) = match args[..] {
        [g, w, p] => (g, w, p),
        _ => (20, 520, 15),
    };
    let (identity, public) = groupdigest::seal::keygen(Utc::now());
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    let toml = |recipients: &str| {
        let mut t = format!(
            "[site]\ntitle = \"Bench\"\nbase_url = \"https://example.github.io/bench/\"\n\
             [source]\nkind = \"snapshot\"\npath = \"snap\"\n[media]\ndownload = false\n\
             [privacy]\nage_recipients = [{recipients}]\n"
        );
        for g in 0..groups {
            let visibility = if g == 0 { "private" } else { "public" };
            t.push_str(&format!(
                "[[groups]]\nid = \"{g}\"\nslug = \"group-{g}\"\nname = \"Group {g}\"\nkind = \"page\"\nvisibility = \"{visibility}\"\n"
            ));
        }
        t
    };
    std::fs::write(root.join("site.toml"), toml(""))?;
    let config = Config::load(&root.join("site.toml"))?;
    let clock = config.clock();
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
    let last = Period::containing(clock, now);
    let store = Store::new(config.data_dir(), clock);
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut rnd = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let t = Instant::now();
    for g in 0..groups {
        let slug = format!("group-{g}");
        let mut all = Vec::with_capacity(weeks * per_week);
        let mut period = last;
        for _ in 0..weeks {
            let start = period.start(clock);
            all.extend((0..per_week).map(|i| Post {
                id: format!("{g}_{}_{i}", period.key()),
                created_time: start + Duration::minutes(rnd(7 * 24 * 60) as i64),
                message: Some(format!(
                    "Post {i} of the week of {}: a meetup, slides, a question about <Rust> & async.\nSecond line with more words to make it a realistic length for a group post.",
                    period.key()
                )),
                permalink_url: Some(format!("https://www.facebook.com/groups/{g}/permalink/{i}/")),
                picture: None,
                comments: rnd(40),
                shares: rnd(10),
                reactions: rnd(200),
                link: None,
                image: None,
            }));
            period = period.prev();
        }
        // The snapshot a build fetches: the latest week again, unchanged.
        let feed: Vec<serde_json::Value> = all
            .iter()
            .filter(|p| Period::containing(clock, p.created_time) == last)
            .map(|p| {
                serde_json::json!({
                    "id": p.id, "message": p.message, "permalink_url": p.permalink_url,
                    "created_time": p.created_time.format("%Y-%m-%dT%H:%M:%S+0000").to_string(),
                    "comments": {"data": [], "summary": {"total_count": p.comments}},
                    "shares": {"count": p.shares},
                    "reactions": {"data": [], "summary": {"total_count": p.reactions}},
                })
            })
            .collect();
        let snap = root.join(format!("snap/{g}"));
        std::fs::create_dir_all(&snap)?;
        std::fs::write(
            snap.join("node.json"),
            format!(r#"{{"id":"{g}","name":"Group {g}"}}"#),
        )?;
        std::fs::write(
            snap.join("feed-001.json"),
            serde_json::to_vec(&serde_json::json!({"data": feed, "paging": {}}))?,
        )?;
        let info = GroupInfo {
            id: g.to_string(),
            name: Some(format!("Group {g}")),
            ..Default::default()
        };
        let covered = Span::new(period.next().start(clock), last.end(clock));
        store.apply(&slug, info, all, covered, None, now)?;
    }
    println!(
        "synthesized {groups} groups × {weeks} weeks × {per_week} posts in {:.2}s",
        t.elapsed().as_secs_f64()
    );

    let build = || -> anyhow::Result<f64> {
        let config = root.join("site.toml");
        let cli = groupdigest::cli::Cli::parse_from([
            "groupdigest",
            "--config",
            config.to_str().unwrap(),
            "--now",
            NOW,
            "build",
        ]);
        let t = Instant::now();
        let code = groupdigest::run(cli)?;
        anyhow::ensure!(code == std::process::ExitCode::SUCCESS, "build failed");
        Ok(t.elapsed().as_secs_f64())
    };
    let read_all = |seal: Seal| -> anyhow::Result<f64> {
        let config = Config::load(&root.join("site.toml"))?;
        let store = Store::new(config.data_dir(), clock).with_seal(Arc::new(seal));
        let t = Instant::now();
        let mut posts = 0;
        for p in store.periods("group-0")? {
            posts += store
                .load_period("group-0", p)?
                .map_or(0, |s| s.posts.len());
        }
        anyhow::ensure!(posts == weeks * per_week, "read {posts} posts");
        Ok(t.elapsed().as_secs_f64())
    };
    const RUNS: usize = 3;
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };

    build()?;
    let clear = median((0..RUNS).map(|_| build()).collect::<anyhow::Result<_>>()?);
    let read_clear = read_all(Seal::default())?;
    println!("build, the private group in the clear (private repository): {clear:.3}s (median of {RUNS})");

    std::fs::write(root.join("site.toml"), toml(&format!("\"{public}\"")))?;
    std::env::set_var("GROUPDIGEST_REPOSITORY_VISIBILITY", "public");
    std::env::set_var("GROUPDIGEST_AGE_IDENTITY", &identity);
    let first = build()?;
    println!("build that seals the private group's {weeks} weeks (once): {first:.3}s");
    let sealed = median((0..RUNS).map(|_| build()).collect::<anyhow::Result<_>>()?);
    println!(
        "build, the private group sealed (public repository): {sealed:.3}s (median of {RUNS})"
    );
    let config = Config::load(&root.join("site.toml"))?;
    let read_sealed = read_all(Seal::load(&config)?)?;
    println!(
        "reading the private group's {weeks} weeks: {read_clear:.3}s clear, {read_sealed:.3}s sealed"
    );
    // Build times vary by more than the encryption costs on a shared machine: the share is
    // the measured decryption of the group's weeks (what every fetch reads) over a build.
    println!(
        "encryption's share of a build: {:.2}% ({:.3}s of {sealed:.3}s); build difference {:+.3}s (noise)",
        100.0 * (read_sealed - read_clear).max(0.0) / sealed,
        read_sealed - read_clear,
        sealed - clear
    );
    let _ = first;
    Ok(())
}
