//! `groupdigest serve`: a local preview of `output_dir` on 127.0.0.1 that re-renders when
//! the archive, the templates or the config change. For previews only: it never fetches.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};

use crate::cli::ServeArgs;
use crate::config::Config;
use crate::{ui, Now};

pub(crate) fn run(config_path: &Path, now: Now, args: &ServeArgs) -> Result<ExitCode> {
    let config = Config::load(config_path)?;
    // Each render holds the site's lock, so a `build` in another terminal never writes at
    // the same time; while one runs, this render is skipped with a warning.
    let render = move |config: &Config| match crate::lock::SiteLock::acquire(config, "serve")
        .and_then(|_lock| crate::render::render_site(config, now))
    {
        Ok(stats) => ui::info(format!(
            "rendered: {} periods, {} files written",
            stats.periods, stats.files.written
        )),
        Err(e) => ui::warn(format!(
            "render failed, serving the previous output: {}",
            ui::chain(&e)
        )),
    };
    render(&config);
    let root = config.output_dir();
    let listener = TcpListener::bind(("127.0.0.1", args.port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{}", args.port))?;
    ui::info(format!(
        "serving `{}` on http://{}/ (Ctrl-C to stop)",
        root.display(),
        listener.local_addr()?
    ));

    let watched = watched_paths(&config);
    let config_path = config_path.to_path_buf();
    std::thread::spawn(move || {
        let mut last = newest_mtime(&watched);
        loop {
            std::thread::sleep(Duration::from_millis(500));
            let now_mtime = newest_mtime(&watched);
            if now_mtime != last {
                last = now_mtime;
                match Config::load(&config_path) {
                    Ok(config) => render(&config),
                    Err(e) => ui::warn(format!("not re-rendering: {e}")),
                }
            }
        }
    });

    for stream in listener.incoming().flatten() {
        let root = root.clone();
        std::thread::spawn(move || {
            let _ = respond(stream, &root);
        });
    }
    Ok(ExitCode::SUCCESS)
}

fn watched_paths(config: &Config) -> Vec<PathBuf> {
    vec![
        config.file.clone(),
        config.data_dir(),
        config.root.join("templates"),
        config.root.join("static"),
        config.root.join("pages"),
    ]
}

/// The newest modification time under the watched paths (and how many files there are, so a
/// deletion counts as a change).
fn newest_mtime(paths: &[PathBuf]) -> (Option<SystemTime>, usize) {
    let mut newest = None;
    let mut count = 0;
    for p in paths {
        for e in walkdir::WalkDir::new(p).into_iter().filter_map(|e| e.ok()) {
            count += 1;
            if let Some(m) = e.metadata().ok().and_then(|m| m.modified().ok()) {
                newest = newest.max(Some(m));
            }
        }
    }
    (newest, count)
}

/// Answers one GET request with a file under `root`.
fn respond(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut line = String::new();
    BufReader::new(&stream).read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return write_response(&mut stream, "405 Method Not Allowed", "text/plain", b"");
    }
    let (status, path) = match resolve(root, target) {
        Some(p) => ("200 OK", p),
        None => ("404 Not Found", root.join("404.html")),
    };
    let body = std::fs::read(&path).unwrap_or_else(|_| b"not found".to_vec());
    let body = if method == "HEAD" { &[][..] } else { &body[..] };
    write_response(&mut stream, status, content_type(&path), body)
}

/// Maps a request path to a file, refusing anything that leaves `root`.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let mut file = root.to_path_buf();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        if part == ".." || part.starts_with('.') || part.contains('\\') {
            return None;
        }
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("css") => "text/css",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        _ => "application/octet-stream",
    }
}

fn write_response(
    stream: &mut TcpStream,
    status: &str,
    ctype: &str,
    body: &[u8],
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_never_leave_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("g")).unwrap();
        std::fs::write(dir.path().join("g/index.html"), "x").unwrap();
        assert_eq!(
            resolve(dir.path(), "/g/"),
            Some(dir.path().join("g/index.html"))
        );
        assert_eq!(
            resolve(dir.path(), "/g?x=1"),
            Some(dir.path().join("g/index.html"))
        );
        assert_eq!(resolve(dir.path(), "/../etc/passwd"), None);
        assert_eq!(resolve(dir.path(), "/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(dir.path(), "/.groupdigest-manifest"), None);
    }
}
