//! Picture benchmark (not a test): a week of 20 Pages × 15 posts, each post with its own
//! 1–3 MB camera-sized JPEG served by a loopback "CDN", behind the fake Graph API, ranked
//! with the default `top = 5`. Times `fetch` without `[media]` (download = false), with it
//! (every picture downloaded, decoded, scaled to 640 pixels and re-encoded), and again
//! with it (every copy reused). Then prints the bytes a group-week keeps: while the week
//! is open (the margin's posts, WebPs and the bots' JPEGs; the JPEGs alone are what the
//! archive kept for ever before WebP: the same encoder, quality and width), and once a
//! fetch two weeks later has closed it (`media::lean`), with what 20 groups × 10 years and
//! 5 groups × 3 years of closed weeks would hold against GitHub Pages' 1 GB.
//!
//! The sources are synthetic photo-like JPEGs (gradients and sensor noise, which scaling
//! averages away: they compress better than photographs). `BENCH_MEDIA_PHOTOS=<folder>`
//! serves that folder's JPEGs instead (real photographs, not shipped with the repo).
//!
//! Run with `TMPDIR=/dev/shm cargo run --profile fastrel --example bench_media`.

#[path = "common/cdn.rs"]
mod cdn;
#[path = "../tests/it/fake_graph.rs"]
mod fake_graph;

use std::sync::Arc;

use fake_graph::{post, Fake, FakeGraph, FakeGroup, APP_ID, APP_SECRET, TOKEN};

const GROUPS: usize = 20;
const POSTS: usize = 15;
/// Distinct source pictures (each URL serves one of them).
const SOURCES: usize = 6;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A photo-like JPEG: smooth gradients with sensor-like noise, so it compresses like a
/// camera picture (1–3 MB at these sizes).
fn photo(w: u32, h: u32, seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761) | 1;
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let n = (state % 24) as i32 - 12;
        let c = |base: u32| (base as i32 + n).clamp(0, 255) as u8;
        image::Rgb([
            c((x * 255 / w + seed * 40) % 256),
            c((y * 255 / h) % 256),
            c(((x + y) * 128 / (w + h) + 60) % 256),
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)
        .encode_image(&img)
        .expect("encode");
    out
}

fn media_bytes(site: &std::path::Path) -> (usize, u64) {
    media_bytes_where(site, |_| true)
}

fn media_bytes_where(site: &std::path::Path, keep: impl Fn(&str) -> bool) -> (usize, u64) {
    walkdir::WalkDir::new(site.join("data"))
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && e.path().to_string_lossy().contains("/media/"))
        .filter(|e| keep(&e.file_name().to_string_lossy()))
        .fold((0, 0), |(n, b), e| {
            (n + 1, b + e.metadata().map_or(0, |m| m.len()))
        })
}

fn main() {
    let sizes = [
        (2400, 1800),
        (3000, 2000),
        (2048, 1536),
        (1800, 2400),
        (3264, 2448),
        (2000, 2000),
    ];
    let pictures: Vec<Vec<u8>> = match std::env::var_os("BENCH_MEDIA_PHOTOS") {
        Some(dir) => {
            let mut files: Vec<_> = std::fs::read_dir(&dir)
                .expect("BENCH_MEDIA_PHOTOS is a folder")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "jpg" || e == "jpeg"))
                .collect();
            files.sort();
            assert!(!files.is_empty(), "no .jpg in BENCH_MEDIA_PHOTOS");
            files.iter().map(|f| std::fs::read(f).unwrap()).collect()
        }
        None => (0..SOURCES)
            .map(|i| photo(sizes[i].0, sizes[i].1, i as u32 + 1))
            .collect(),
    };
    let source_bytes: Vec<usize> = pictures.iter().map(Vec::len).collect();
    let cdn = cdn::start(Arc::new(pictures));

    let mut fake = Fake::new();
    for g in 0..GROUPS {
        let id = format!("9100{g:02}");
        let posts = (0..POSTS)
            .map(|i| {
                let t = format!("2026-11-{:02}T{:02}:00:00+0000", 23 + i % 2, 8 + i / 2);
                let mut p = post(&format!("{id}_{i}"), &t, (POSTS - i) as u64);
                p["full_picture"] = serde_json::json!(format!(
                    "http://127.0.0.1:{}/p/{}.jpg?oe=6789ABCD&_nc_sid=bench",
                    cdn.port(),
                    g * POSTS + i
                ));
                p
            })
            .collect();
        fake = fake.group(
            &id,
            FakeGroup {
                node: serde_json::json!({"id": id, "name": format!("Page {g}")}),
                posts,
                page_size: 100,
                trailing_empty: false,
            },
        );
    }
    let graph = FakeGraph::start(fake);
    std::env::set_var("FB_ACCESS_TOKEN", TOKEN);
    std::env::set_var("FB_APP_SECRET", APP_SECRET);

    let site = |download: bool| {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut toml = format!(
            "[source]\nkind = \"graph\"\napi_base = \"{}\"\napp_id = \"{APP_ID}\"\nconcurrency = 8\n\
             [ranking]\ntop = 5\n[media]\ndownload = {download}\nhosts = [\"127.0.0.1\"]\n",
            graph.api_base()
        );
        for g in 0..GROUPS {
            toml.push_str(&format!(
                "[[groups]]\nid = \"9100{g:02}\"\nslug = \"page-{g}\"\nkind = \"page\"\n"
            ));
        }
        std::fs::write(dir.path().join("site.toml"), toml).expect("write site.toml");
        dir
    };

    let plain = site(false);
    let without = cdn::fetch(&plain.path().join("site.toml"));
    let media = site(true);
    let with = cdn::fetch(&media.path().join("site.toml"));
    let again = cdn::fetch(&media.path().join("site.toml"));
    let (files, bytes) = media_bytes(media.path());
    let (_, jpeg_bytes) = media_bytes_where(media.path(), |f| !f.ends_with(".webp"));
    // Two weeks later: the week of 23 November is closed.
    let closing = cdn::fetch_at(&media.path().join("site.toml"), "2026-12-09T12:00:00Z");
    let (closed_files, closed_bytes) = media_bytes(media.path());

    println!();
    println!(
        "{GROUPS} groups × {POSTS} posts with pictures, sources {:.1}–{:.1} MB ({} distinct), loopback, no latency",
        *source_bytes.iter().min().unwrap() as f64 / 1e6,
        *source_bytes.iter().max().unwrap() as f64 / 1e6,
        source_bytes.len(),
    );
    println!(
        "fetch without [media]:        {:>7} ms",
        without.as_millis()
    );
    println!(
        "fetch with [media], first:    {:>7} ms  ({} files kept, {:.1} ms each over the run)",
        with.as_millis(),
        files,
        (with.saturating_sub(without)).as_secs_f64() * 1000.0 / files.max(1) as f64
    );
    println!("fetch with [media], reused:   {:>7} ms", again.as_millis());
    println!(
        "stored for the open week:     {:.2} MB in {files} files ({:.0} KB per group)",
        bytes as f64 / 1e6,
        bytes as f64 / 1e3 / GROUPS as f64
    );
    println!(
        "  of which the bots' JPEGs:   {:.0} KB per group: what a closed group-week kept before WebP",
        jpeg_bytes as f64 / 1e3 / GROUPS as f64
    );
    println!(
        "fetch that closes the week:   {:>7} ms",
        closing.as_millis()
    );
    let per_week = closed_bytes as f64 / GROUPS as f64;
    println!(
        "stored once closed:           {:.2} MB in {closed_files} files ({:.0} KB per group-week, budget 250 KB)",
        closed_bytes as f64 / 1e6,
        per_week / 1e3,
    );
    for (groups, years) in [(20.0, 10.0), (5.0, 3.0)] {
        let weeks = groups * years * 52.18;
        println!(
            "{groups:>2} groups × {years:>2} years of closed weeks: before {:>6.2} GB, now {:>6.2} GB (GitHub Pages publishes 1 GB)",
            jpeg_bytes as f64 / GROUPS as f64 * weeks / 1e9,
            per_week * weeks / 1e9,
        );
    }
}
