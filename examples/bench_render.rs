//! Render benchmark: synthesizes an archive of 20 groups × 520 weeks × 15 posts and times
//! a full `render` of it (10,400 period pages plus their bot JSON), cold (empty output
//! folder) and warm (nothing changed), printing wall time and peak memory.
//!
//! The newest `BENCH_PICTURE_WEEKS` weeks (default 52) hold pictures as the archive keeps
//! them once closed: every third post has a 9 KB WebP and its 3 KB 320-pixel thumbnail (what
//! `bench_media` measures on photographs) in `data/<slug>/media/` (render copies the shown
//! ones byte for byte; it never decodes). Set it to 0 for an archive without.
//!
//! `BENCH_VOCABULARY=N` (default 0: the same sentence in every post) adds a line of 30
//! words drawn from N distinct ones, the frequent ones far more often (log-uniform, close to
//! real text's Zipf curve), for the search index's figures on a real-sized vocabulary.
//!
//! Run: `cargo run --release --example bench_render [GROUPS WEEKS POSTS]`; set
//! `BENCH_COLD_ONLY=1` to skip the warm run (for profiling).

use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use groupdigest::config::Config;
use groupdigest::model::{GroupInfo, Image, Post};
use groupdigest::period::Period;
use groupdigest::source::Span;
use groupdigest::store::Store;

// The same allocator as the `groupdigest` binary, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    // As the binary does first.
    groupdigest::process::no_transparent_huge_pages();
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let (groups, weeks, per_week) = match args[..] {
        [g, w, p] => (g, w, p),
        _ => (20, 520, 15),
    };
    let picture_weeks: usize = std::env::var("BENCH_PICTURE_WEEKS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(52);
    // Bytes of a typical kept copy (a 640-pixel JPEG); render never looks inside.
    let picture: Vec<u8> = (0..30_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let vocabulary: u64 = std::env::var("BENCH_VOCABULARY")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut pictures = 0usize;
    let dir = tempfile::tempdir()?;
    let mut toml = String::from(
        "[site]\ntitle = \"Bench\"\nbase_url = \"https://example.github.io/bench/\"\n\
         [source]\nkind = \"snapshot\"\n",
    );
    for g in 0..groups {
        toml.push_str(&format!(
            "[[groups]]\nid = \"{g}\"\nslug = \"group-{g}\"\nname = \"Group {g}\"\nvisibility = \"public\"\n"
        ));
    }
    std::fs::write(dir.path().join("site.toml"), &toml)?;
    let config = Config::load(&dir.path().join("site.toml"))?;
    let clock = config.clock();

    let t = Instant::now();
    let store = Store::new(config.data_dir(), clock);
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
    let last = Period::containing(clock, now);
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut rnd = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for g in 0..groups {
        let slug = format!("group-{g}");
        let info = GroupInfo {
            id: g.to_string(),
            name: Some(format!("Group {g}")),
            description: Some("A synthetic group for the render benchmark.".into()),
            member_count: Some(1000 + g as u64),
            ..Default::default()
        };
        let mut all = Vec::with_capacity(weeks * per_week);
        let mut period = last;
        for week in 0..weeks {
            let start = period.start(clock);
            let mut posts: Vec<Post> = (0..per_week)
                .map(|i| Post {
                    id: format!("{g}_{}_{i}", period.key()),
                    created_time: start + Duration::minutes(rnd(7 * 24 * 60) as i64),
                    message: Some(format!(
                        "Post {i} of the week of {}: a meetup, slides, a question about <Rust> & async.\nSecond line with more words to make it a realistic length for a group post.{}",
                        period.key(),
                        words(vocabulary, &mut rnd)
                    )),
                    permalink_url: Some(format!("https://www.facebook.com/groups/{g}/permalink/{i}/")),
                    picture: (i % 3 == 0).then(|| format!("https://scontent.xx.fbcdn.net/{g}_{i}.jpg")),
                    comments: rnd(40),
                    shares: rnd(10),
                    reactions: rnd(200),
                    link: None,
                    image: None,
                })
                .collect();
            if week < picture_weeks {
                let media = store.group_dir(&slug).join("media");
                std::fs::create_dir_all(&media)?;
                // A closed week's copies: the WebP and its 320-pixel thumbnail.
                for p in posts.iter_mut().filter(|p| p.picture.is_some()) {
                    let file = format!("{}.webp", p.id);
                    let thumb = format!("{}.320w.webp", p.id);
                    std::fs::write(media.join(&file), &picture[..9_000])?;
                    std::fs::write(media.join(&thumb), &picture[..3_000])?;
                    pictures += 1;
                    let mut image = Image::single(file, 640, 480);
                    image.sizes.push(groupdigest::model::Size {
                        file: thumb,
                        width: 320,
                        height: 240,
                    });
                    p.image = Some(image);
                }
            }
            all.extend(posts);
            period = period.prev();
        }
        let covered = Span::new(period.next().start(clock), last.end(clock));
        store.apply(&slug, info, all, covered, None, now)?;
    }
    println!(
        "synthesized {groups} groups × {weeks} weeks × {per_week} posts ({pictures} kept pictures) in {:.2}s",
        t.elapsed().as_secs_f64()
    );

    // A weekly fetch into this archive: every group's latest week again, unchanged.
    let t = Instant::now();
    for g in 0..groups {
        let slug = format!("group-{g}");
        let stored = store
            .load_period(&slug, last)?
            .map(|p| p.posts)
            .unwrap_or_default();
        let info = store.load_group(&slug)?.map(|g| g.info).unwrap_or_default();
        let covered = Span::new(last.start(clock), last.end(clock));
        store.apply(&slug, info, stored, covered, None, now)?;
    }
    println!(
        "a weekly fetch's archive work (each group's latest week again): {:.3}s",
        t.elapsed().as_secs_f64()
    );

    let (u0, s0) = cpu_times();
    let t = Instant::now();
    let stats = groupdigest::render::render_site(&config, now)?;
    let cold = t.elapsed();
    let (u1, s1) = cpu_times();
    println!(
        "cold render: {:.3}s wall ({:.2}s user, {:.2}s system CPU), {} periods, {} files written",
        cold.as_secs_f64(),
        u1 - u0,
        s1 - s0,
        stats.periods,
        stats.files.written
    );
    println!("peak memory (VmHWM, whole process): {}", peak_memory());
    let search = stats.search;
    println!(
        "search index: {} posts, {} terms, {} files, {:.1} MB, built in {:.3}s (CPU on the group threads, added up, and the files)",
        search.posts,
        search.terms,
        search.files,
        search.bytes as f64 / 1e6,
        search.build.as_secs_f64()
    );
    query_bytes(&config.output_dir());
    if std::env::var_os("BENCH_COLD_ONLY").is_some() {
        return Ok(()); // for profiling the cold render alone
    }

    let t = Instant::now();
    let stats = groupdigest::render::render_site(&config, now)?;
    let (u2, s2) = cpu_times();
    println!(
        "warm render (nothing changed): {:.3}s wall ({:.2}s user, {:.2}s system CPU), {} files unchanged, {} written",
        t.elapsed().as_secs_f64(),
        u2 - u1,
        s2 - s1,
        stats.files.unchanged,
        stats.files.written
    );
    println!("peak memory (VmHWM, whole process): {}", peak_memory());
    Ok(())
}

/// A line of 30 words out of `vocabulary` (none when 0): word `k` is `w` and `k` in
/// letters, and `k` is drawn log-uniformly, so that low ones come up far more often.
fn words(vocabulary: u64, rnd: &mut impl FnMut(u64) -> u64) -> String {
    let mut line = String::new();
    for _ in 0..if vocabulary == 0 { 0 } else { 30 } {
        let u = rnd(1_000_000) as f64 / 1e6;
        let mut k = (vocabulary as f64).powf(u) as u64 - 1;
        line.push_str(if line.is_empty() { "\n" } else { " " });
        line.push('w');
        loop {
            line.push((b'a' + (k % 26) as u8) as char);
            k /= 26;
            if k == 0 {
                break;
            }
        }
    }
    line
}

/// What one first query loads, from search.js's own engine under Node
/// (tests/search/query.mjs); skipped without Node.
fn query_bytes(public: &std::path::Path) {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/search/query.mjs");
    // Words of every post, a week's number and an unfinished word; then words of the
    // vocabulary line: frequent, two frequent, middling, rare, unfinished.
    let queries = [
        "meetup",
        "rust async",
        "slides question realistic",
        "2026",
        "sec",
        "wa",
        "wb wc",
        "wbaa",
        "wqdc",
        "wz",
    ];
    let out = std::process::Command::new("node")
        .arg(script)
        .arg(public)
        .args(queries)
        .output();
    let Ok(out) = out.map_err(|e| println!("search queries: skipped, no node ({e})")) else {
        return;
    };
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        println!(
            "search query {:?}: {} matches, {} bytes in {} files",
            v["query"].as_str().unwrap_or_default(),
            v["total"],
            v["bytes"],
            v["files"].as_array().map_or(0, Vec::len)
        );
    }
    if !out.status.success() {
        println!(
            "search queries failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// User and system CPU seconds used so far by this process (from /proc/self/stat).
fn cpu_times() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or_default();
    let f: Vec<&str> = after.split_whitespace().collect();
    // Fields 14 and 15 (utime, stime, in 1/100 s); field 3 is the first after the `)`.
    let ticks = |i: usize| {
        f.get(i - 3)
            .and_then(|x| x.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 100.0
    };
    (ticks(14), ticks(15))
}

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}
