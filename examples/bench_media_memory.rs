//! Picture memory benchmark (not a test): one Page whose 8 posts each show a PNG declaring
//! 11000×4800 pixels (real pixel data, 52.8 megapixels, 158 MB decoded as RGB), served by a
//! loopback "CDN" behind the fake Graph API. Prints the `fetch`'s time, what it kept and
//! refused, and the process's peak RSS; run it under `/usr/bin/time -v` for the same figure
//! from outside.
//!
//! The PNGs are made by a separate run (`make DIR`), so encoding them does not count:
//!
//! ```text
//! cargo build --example bench_media_memory
//! target/debug/examples/bench_media_memory make /tmp/mm
//! /usr/bin/time -v target/debug/examples/bench_media_memory /tmp/mm
//! ```

#[path = "../tests/it/fake_graph.rs"]
mod fake_graph;

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::response::IntoResponse;
use clap::Parser;
use fake_graph::{post, Fake, FakeGraph, FakeGroup, APP_ID, APP_SECRET, TOKEN};

const PICTURES: usize = 8;
const WIDTH: u32 = 11_000;
const HEIGHT: u32 = 4_800;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Writes the `PICTURES` PNGs (each its own colours, so no two share a download).
fn make(dir: &std::path::Path) {
    std::fs::create_dir_all(dir).expect("create the folder");
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

fn start_cdn(pictures: Arc<Vec<Vec<u8>>>) -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    async fn serve(State(p): State<Arc<Vec<Vec<u8>>>>, req: Request) -> axum::response::Response {
        let n: usize = req
            .uri()
            .path()
            .trim_start_matches("/p/")
            .trim_end_matches(".png")
            .parse()
            .unwrap_or(0);
        p[n % p.len()].clone().into_response()
    }
    let app = axum::Router::new().fallback(serve).with_state(pictures);
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    addr
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
    match args.get(1..).unwrap_or_default() {
        [cmd, dir] if cmd == "make" => return make(std::path::Path::new(dir)),
        [_] => {}
        _ => {
            eprintln!("usage: bench_media_memory make DIR | bench_media_memory DIR");
            std::process::exit(2);
        }
    }
    let dir = std::path::Path::new(&args[1]);
    let pictures: Vec<Vec<u8>> = (0..PICTURES)
        .map(|i| std::fs::read(dir.join(format!("{i}.png"))).expect("run `make DIR` first"))
        .collect();
    let largest = pictures.iter().map(Vec::len).max().unwrap_or(0);
    let cdn = start_cdn(Arc::new(pictures));
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
    let cli = groupdigest::cli::Cli::parse_from([
        "groupdigest",
        "--config",
        config.to_str().expect("utf-8 temp path"),
        "--now",
        "2026-11-25T12:00:00Z",
        "fetch",
    ]);
    let started = Instant::now();
    let result = groupdigest::run(cli);
    let took = started.elapsed();
    if let Err(e) = result {
        eprintln!("fetch failed: {e:#}");
    }
    let kept = std::fs::read_dir(site.path().join("data/big/media"))
        .map(|d| d.count())
        .unwrap_or(0);
    println!();
    println!(
        "{PICTURES} PNGs declaring {WIDTH}×{HEIGHT} pixels (up to {} KB each), loopback",
        largest / 1000
    );
    println!("fetch:              {:>7} ms", took.as_millis());
    println!("pictures kept:      {kept:>7}");
    println!("peak RSS before:    {before:>7.0} MB (the fake servers and the PNG bytes)");
    println!(
        "peak RSS after:     {:>7.0} MB",
        peak_rss_mb().unwrap_or(0.0)
    );
}
