//! Picture memory benchmark (not a test): one Page whose 8 posts each show a PNG declaring
//! 11000×4800 pixels (real pixel data, 52.8 megapixels, 158 MB decoded as RGB), served by a
//! loopback "CDN" behind the fake Graph API. Prints the `fetch`'s time, what it kept and
//! refused, and the process's peak RSS; run it under `/usr/bin/time -v` for the same figure
//! from outside.
//!
//! `largest` serves instead the largest pictures a run keeps: 4 RGBA PNGs and 4 JPEGs of
//! 4000×3000 pixels (12 megapixels, the limit).
//!
//! The pictures are made by a separate run (`make DIR`), so encoding them does not count:
//!
//! ```text
//! cargo build --example bench_media_memory
//! target/debug/examples/bench_media_memory make /tmp/mm
//! /usr/bin/time -v target/debug/examples/bench_media_memory /tmp/mm
//! /usr/bin/time -v target/debug/examples/bench_media_memory /tmp/mm largest
//! ```

#[path = "common/cdn.rs"]
mod cdn;
#[path = "../tests/it/fake_graph.rs"]
mod fake_graph;

use std::sync::Arc;

use fake_graph::{post, Fake, FakeGraph, FakeGroup, APP_ID, APP_SECRET, TOKEN};

const PICTURES: usize = 8;
const WIDTH: u32 = 11_000;
const HEIGHT: u32 = 4_800;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The largest pictures kept: 12 megapixels.
const LARGEST: (u32, u32) = (4_000, 3_000);

/// Writes the `PICTURES` PNGs (each its own colours, so no two share a download), and the
/// `largest` set.
fn make(dir: &std::path::Path) {
    std::fs::create_dir_all(dir).expect("create the folder");
    let (w, h) = LARGEST;
    for i in 0..PICTURES {
        let mut noise = 0x9E37_79B9u32.wrapping_mul(i as u32 + 1);
        let img = image::RgbaImage::from_fn(w, h, |x, y| {
            noise ^= noise << 13;
            noise ^= noise >> 17;
            noise ^= noise << 5;
            // Sensor-like noise in the JPEGs only: a noisy PNG is larger than `max_bytes`.
            let n = if i % 2 == 0 { 0 } else { (noise % 16) as u8 };
            image::Rgba([(x / 16) as u8 ^ n, (y / 12) as u8, (i * 30) as u8 + n, 255])
        });
        let (path, format) = if i % 2 == 0 {
            (dir.join(format!("max-{i}.png")), image::ImageFormat::Png)
        } else {
            (dir.join(format!("max-{i}.jpg")), image::ImageFormat::Jpeg)
        };
        let img = image::DynamicImage::ImageRgba8(img);
        let img = if format == image::ImageFormat::Jpeg {
            image::DynamicImage::ImageRgb8(img.into_rgb8())
        } else {
            img
        };
        img.save_with_format(&path, format)
            .expect("write a picture");
        println!(
            "{}: {} bytes",
            path.display(),
            std::fs::metadata(&path).unwrap().len()
        );
    }
    for i in 0..PICTURES {
        let img = image::RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
            image::Rgb([(x / 64) as u8, (y / 32) as u8, (i * 30) as u8])
        });
        let path = dir.join(format!("{i}.png"));
        img.save_with_format(&path, image::ImageFormat::Png)
            .expect("write a PNG");
        println!(
            "{}: {} bytes",
            path.display(),
            std::fs::metadata(&path).unwrap().len()
        );
    }
}

/// The process's peak resident set, from `/proc/self/status` (Linux).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let largest = match args.get(1..).unwrap_or_default() {
        [cmd, dir] if cmd == "make" => return make(std::path::Path::new(dir)),
        [_] => false,
        [_, set] if set == "largest" => true,
        _ => {
            eprintln!("usage: bench_media_memory make DIR | bench_media_memory DIR [largest]");
            std::process::exit(2);
        }
    };
    let dir = std::path::Path::new(&args[1]);
    let name = |i: usize| match (largest, i % 2) {
        (false, _) => format!("{i}.png"),
        (true, 0) => format!("max-{i}.png"),
        (true, _) => format!("max-{i}.jpg"),
    };
    let pictures: Vec<Vec<u8>> = (0..PICTURES)
        .map(|i| std::fs::read(dir.join(name(i))).expect("run `make DIR` first"))
        .collect();
    let (described, biggest) = if largest {
        ("4 RGBA PNGs and 4 JPEGs of", LARGEST)
    } else {
        ("8 PNGs declaring", (WIDTH, HEIGHT))
    };
    let most = pictures.iter().map(Vec::len).max().unwrap_or(0);
    let cdn = cdn::start(Arc::new(pictures));
    let id = "920000";
    let posts = (0..PICTURES)
        .map(|i| {
            let t = format!("2026-11-24T{:02}:00:00+0000", 8 + i);
            let mut p = post(&format!("{id}_{i}"), &t, (PICTURES - i) as u64);
            p["full_picture"] =
                serde_json::json!(format!("http://127.0.0.1:{}/p/{i}.png", cdn.port()));
            p
        })
        .collect();
    let graph = FakeGraph::start(Fake::new().group(
        id,
        FakeGroup {
            node: serde_json::json!({"id": id, "name": "Big pictures"}),
            posts,
            page_size: 100,
            trailing_empty: false,
        },
    ));
    std::env::set_var("FB_ACCESS_TOKEN", TOKEN);
    std::env::set_var("FB_APP_SECRET", APP_SECRET);
    let site = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        site.path().join("site.toml"),
        format!(
            "[source]\nkind = \"graph\"\napi_base = \"{}\"\napp_id = \"{APP_ID}\"\n\
             [ranking]\ntop = 10\n[media]\nhosts = [\"127.0.0.1\"]\ntimeout_secs = 600\n\
             [[groups]]\nid = \"{id}\"\nslug = \"big\"\nkind = \"page\"\n",
            graph.api_base()
        ),
    )
    .expect("write site.toml");
    let config = site.path().join("site.toml");
    let before = peak_rss_mb().unwrap_or(0.0);
    let took = cdn::fetch(&config);
    let kept = std::fs::read_dir(site.path().join("data/big/media"))
        .map(|d| d.count())
        .unwrap_or(0);
    println!();
    println!(
        "{described} {}×{} pixels (up to {} KB each), loopback",
        biggest.0,
        biggest.1,
        most / 1000
    );
    println!("fetch:              {:>7} ms", took.as_millis());
    println!("pictures kept:      {kept:>7}");
    println!("peak RSS before:    {before:>7.0} MB (the fake servers and the PNG bytes)");
    let after = peak_rss_mb().unwrap_or(0.0);
    println!("peak RSS after:     {after:>7.0} MB");
    println!("added by the fetch: {:>7.0} MB", after - before);
}
