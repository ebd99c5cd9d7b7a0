//! Benchmark (not a test) of the import source: writes a 100,000-row CSV export to a temp
//! site and runs the real `fetch` into `data/`, then prints wall time and peak memory.
//!
//! Run with `cargo run --release --example bench_import` (the target is under 1 s and
//! 200 MB on CI's 2-core machine). `BENCH_ROWS=N` changes the row count.
//!
//! `BENCH_APIFY_MB=200` instead writes an Apify Facebook Groups Scraper JSON export of that
//! size (items shaped like docs/samples/apify.json: authors, top comments, attachments) and
//! runs `groupdigest import FILE --group bench`, which streams it: the figure to watch is
//! peak memory, which must stay far below the file's size.

use std::fmt::Write as _;
use std::time::Instant;

use clap::Parser;

fn main() -> anyhow::Result<()> {
    if let Some(mb) = std::env::var("BENCH_APIFY_MB")
        .ok()
        .and_then(|n| n.parse::<u64>().ok())
    {
        return apify(mb);
    }
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

    let (code, elapsed) = run(root, &["fetch"])?;
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

/// Runs `groupdigest ARGS` on the site in `root` in this process, with the clock pinned.
fn run(
    root: &std::path::Path,
    args: &[&str],
) -> anyhow::Result<(std::process::ExitCode, std::time::Duration)> {
    let config = root.join("site.toml");
    let mut argv = vec![
        "groupdigest",
        "--config",
        config.to_str().unwrap(),
        "--now",
        "2027-01-01T00:00:00Z",
    ];
    argv.extend_from_slice(args);
    let cli = groupdigest::cli::Cli::parse_from(argv);
    let started = Instant::now();
    let code = groupdigest::run(cli)?;
    Ok((code, started.elapsed()))
}

/// The process's peak resident memory, from Linux's /proc/self/status.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.1} MB", kb / 1024.0))
}

/// `import` of an Apify JSON export of `mb` megabytes, written to disk as a stream so that
/// the process's peak memory is the import's.
fn apify(mb: u64) -> anyhow::Result<()> {
    use std::io::Write as _;
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    std::fs::write(
        root.join("site.toml"),
        "[[groups]]\nid = \"bench\"\nslug = \"bench\"\nkind = \"import\"\npath = \"imports/bench\"\npreset = \"apify\"\n",
    )?;
    let export = root.join("dataset_facebook-groups-scraper.json");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&export)?);
    let start = 1_735_689_600i64; // 2025-01-01T00:00:00Z
    let comment = "Yo también voy, ¿alguien comparte auto desde Coyoacán? ".repeat(4);
    let (mut written, mut items) = (0u64, 0usize);
    out.write_all(b"[\n")?;
    while written < mb * 1_000_000 {
        let id = 1_862_563_480_904_735u64 + items as u64;
        let time = chrono::DateTime::from_timestamp(start + items as i64 * 307, 0)
            .unwrap()
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let item = serde_json::json!({
            "facebookUrl": "https://www.facebook.com/groups/devcirclecdmx",
            "url": format!("https://www.facebook.com/groups/devcirclecdmx/permalink/{id}/"),
            "time": time,
            "user": {"id": format!("pfbid0{items}"), "name": format!("Member {}", items % 500)},
            "text": format!("Post {items}: ¡Hackathon este sábado! 🎉 Inscripciones abiertas, cupo limitado."),
            "likesCount": items % 463,
            "sharesCount": items % 13,
            "commentsCount": items % 97,
            "topReactionsCount": 3,
            "topComments": (0..4).map(|c| serde_json::json!({
                "id": format!("c{items}_{c}"),
                "profileName": format!("Member {}", (items + c) % 500),
                "profileUrl": format!("https://www.facebook.com/profile.php?id={}", 10_000 + c),
                "text": comment,
                "likesCount": c,
            })).collect::<Vec<_>>(),
            "facebookId": "874729160000000",
            "groupTitle": "Developer Circle CDMX",
            "legacyId": id.to_string(),
            "id": format!("UzpfSTEwMDA0OjE4NjI1NjM0ODA5MDQ3{items}"),
            "feedbackId": format!("ZmVlZGJhY2s6{items}"),
            "attachments": [{"__typename": "Photo", "id": "100",
                "thumbnail": format!("https://scontent.fmex1-1.fna.fbcdn.net/v/t39.30808-6/{id}_n.jpg"),
                "url": "https://www.facebook.com/photo/?fbid=100"}],
        });
        let text = serde_json::to_string_pretty(&item)?;
        if items > 0 {
            out.write_all(b",\n")?;
        }
        out.write_all(text.as_bytes())?;
        written += text.len() as u64 + 2;
        items += 1;
    }
    out.write_all(b"\n]\n")?;
    out.flush()?;
    drop(out);
    let (code, elapsed) = run(
        root,
        &["import", export.to_str().unwrap(), "--group", "bench"],
    )?;
    let written: u64 = std::fs::read_dir(root.join("imports/bench"))?
        .map(|e| {
            e.map(|e| e.metadata().map(|m| m.len()).unwrap_or(0))
                .unwrap_or(0)
        })
        .sum();
    println!(
        "bench_import (apify): {items} items ({:.1} MB of JSON) -> {:.1} MB written to imports/: {:.3} s wall, peak memory (VmHWM) {}",
        std::fs::metadata(&export)?.len() as f64 / 1e6,
        written as f64 / 1e6,
        elapsed.as_secs_f64(),
        peak_memory().unwrap_or_else(|| "unknown (no /proc/self/status)".into())
    );
    println!("exit code: {code:?}");
    Ok(())
}
