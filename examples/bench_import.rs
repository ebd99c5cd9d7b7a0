//! Benchmark (not a test) of the import source: writes a 100,000-row CSV export to a temp
//! site and runs the real `fetch` into `data/`, then prints wall time and peak memory.
//!
//! Run with `cargo run --release --example bench_import` (the target is under 1 s and
//! 200 MB on CI's 2-core machine). `BENCH_ROWS=N` changes the row count.

use std::fmt::Write as _;
use std::time::Instant;

use clap::Parser;

fn main() -> anyhow::Result<()> {
    let rows: usize = std::env::var("BENCH_ROWS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    std::fs::write(
        root.join("site.toml"),
        "[site]\ntimezone = \"America/Mexico_City\"\n\
         [[groups]]\nid = \"bench\"\nslug = \"bench\"\nkind = \"import\"\npath = \"imports/posts.csv\"\n",
    )?;
    std::fs::create_dir(root.join("imports"))?;
    // Two years of a busy group: a post every ~10 minutes, in the time forms exports use.
    let start = 1_735_689_600i64; // 2025-01-01T00:00:00Z
    let mut csv = String::with_capacity(rows * 160);
    csv.push_str("id,text,created_time,permalink,picture,comments,shares,reactions,author\n");
    for i in 0..rows {
        let t = start + (i as i64) * 631;
        let time = match i % 3 {
            0 => t.to_string(),
            1 => chrono::DateTime::from_timestamp(t, 0).unwrap().to_rfc3339(),
            _ => chrono::DateTime::from_timestamp(t, 0)
                .unwrap()
                .format("%Y-%m-%d %H:%M:%S")
                .to_string(),
        };
        writeln!(
            csv,
            "p{i},\"Post number {i}, with a comma and \"\"quotes\"\"\",{time},https://www.facebook.com/groups/1/posts/{i}/,https://example.com/{i}.jpg,{},{},{},Member {}",
            i % 97,
            i % 13,
            i % 211,
            i % 500
        )?;
    }
    std::fs::write(root.join("imports/posts.csv"), &csv)?;
    let bytes = csv.len();
    drop(csv);

    let config = root.join("site.toml");
    let cli = groupdigest::cli::Cli::parse_from([
        "groupdigest",
        "--config",
        config.to_str().unwrap(),
        "--now",
        "2027-01-01T00:00:00Z",
        "fetch",
    ]);
    let started = Instant::now();
    let code = groupdigest::run(cli)?;
    let elapsed = started.elapsed();
    let periods = std::fs::read_dir(root.join("data/bench"))?.count() - 1;
    println!(
        "bench_import: {rows} rows ({:.1} MB of CSV) -> {periods} periods in data/: {:.3} s wall, peak memory (VmHWM) {}",
        bytes as f64 / 1e6,
        elapsed.as_secs_f64(),
        peak_memory().unwrap_or_else(|| "unknown (no /proc/self/status)".into())
    );
    println!("exit code: {code:?}");
    Ok(())
}

/// The process's peak resident memory, from Linux's /proc/self/status.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.1} MB", kb / 1024.0))
}
