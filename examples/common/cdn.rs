//! The picture benchmarks' loopback "CDN" and their in-process `fetch` (included with
//! `#[path]` by `bench_media.rs` and `bench_media_memory.rs`).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::response::IntoResponse;
use clap::Parser;

/// Serves `pictures[n % len]` on `/p/<n>.<any extension>`, on a thread of its own.
pub fn start(pictures: Arc<Vec<Vec<u8>>>) -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    async fn serve(State(p): State<Arc<Vec<Vec<u8>>>>, req: Request) -> axum::response::Response {
        let n: usize = req
            .uri()
            .path()
            .trim_start_matches("/p/")
            .split('.')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        p[n % p.len()].clone().into_response()
    }
    let app = axum::Router::new().fallback(serve).with_state(pictures);
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
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

/// `groupdigest --config CONFIG --now 2026-11-25T12:00:00Z fetch`, in this process: how
/// long it took (a failed fetch is printed, and the benchmark goes on).
pub fn fetch(config: &std::path::Path) -> Duration {
    fetch_at(config, "2026-11-25T12:00:00Z")
}

/// `fetch` at another time.
#[allow(dead_code)] // bench_media_memory fetches once
pub fn fetch_at(config: &std::path::Path, now: &str) -> Duration {
    let cli = groupdigest::cli::Cli::parse_from([
        "groupdigest",
        "--config",
        config.to_str().expect("utf-8 temp path"),
        "--now",
        now,
        "fetch",
    ]);
    let started = Instant::now();
    if let Err(e) = groupdigest::run(cli) {
        eprintln!("fetch failed: {e:#}");
    }
    started.elapsed()
}
