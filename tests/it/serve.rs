//! `groupdigest serve` on a real port: pages with the live-reload script, HEAD, the
//! trailing-slash redirect, the 404 page, requests that try to leave the output folder, and
//! a rebuild (and browser reload) after a template or an import changes. Waits are bounded
//! loops; nothing is asserted about time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::Site;

const NOW: &str = "--now=2026-11-25T12:00:00Z";
/// The week `NOW` falls in.
const THIS_WEEK: &str = "2026-11-23";
const CSV_HEAD: &str = "id,text,created_time,comments\n";

/// A built import site with a sub-path `base_url`: group `g`, two posts this week.
fn built_site() -> Site {
    let site = Site::new();
    site.write(
        "site.toml",
        "[site]\ntitle = \"Serve test\"\nbase_url = \"https://x.github.io/d/\"\n\
         [source]\nkind = \"graph\"\n\
         [[groups]]\nid = \"g1\"\nslug = \"g\"\nname = \"Gee\"\nkind = \"import\"\npath = \"imports/posts.csv\"\nvisibility = \"public\"\n",
    );
    site.write(
        "imports/posts.csv",
        &format!(
            "{CSV_HEAD}p1,First post of the week,2026-11-23T10:00:00Z,4\n\
             p2,Second post of the week,2026-11-24T10:00:00Z,2\n"
        ),
    );
    site.run(&["build", NOW]).success();
    site
}

/// A running `groupdigest serve --port 0`; killed when dropped.
struct Server {
    child: Child,
    addr: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(site: &Site, extra: &[&str]) -> Server {
        let mut args = vec!["serve", "--port", "0", NOW];
        args.extend_from_slice(extra);
        let mut child = site
            .command(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        {
            let stderr = stderr.clone();
            let pipe = child.stderr.take().unwrap();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    if let Some(url) = line.split("on http://").nth(1) {
                        let _ = tx.send(url.split('/').next().unwrap_or_default().to_string());
                    }
                    let mut all = stderr.lock().unwrap();
                    all.push_str(&line);
                    all.push('\n');
                }
            });
        }
        let mut server = Server {
            child,
            addr: String::new(),
            stderr,
        };
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(addr) => server.addr = addr,
            Err(_) => panic!("serve did not start:\n{}", server.stderr()),
        }
        server
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn get(&self, target: &str) -> Reply {
        request(&self.addr, "GET", target)
    }

    /// Polls `target` until `ok` holds for its reply (bounded), and returns that reply.
    #[track_caller]
    fn wait_for(&self, target: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        for _ in 0..300 {
            let reply = self.get(target);
            if ok(&reply) {
                return reply;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("{what}: never happened\nserve said:\n{}", self.stderr());
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 reply, read whole.
#[derive(Debug)]
struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `METHOD target` as written (no client normalises the path) and reads the reply.
fn request(addr: &str, method: &str, target: &str) -> Reply {
    request_to(addr, addr, method, target)
}

/// `request` with `Host: host`.
fn request_to(addr: &str, host: &str, method: &str, target: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end: {:?}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status: {head}"));
    Reply {
        status,
        head,
        body: raw[split + 4..].to_vec(),
    }
}

/// The generation the page's live-reload script carries.
fn generation(page: &Reply) -> String {
    let text = page.text();
    let at = text
        .find("data-generation=\"")
        .unwrap_or_else(|| panic!("no live-reload script: {text}"));
    text[at + 17..].split('"').next().unwrap().to_string()
}

/// An open event stream, read as it arrives.
struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    fn open(addr: &str, since: &str) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        write!(
            stream,
            "GET /__groupdigest/reload?since={since} HTTP/1.1\r\nHost: {addr}\r\n\r\n"
        )
        .unwrap();
        let mut events = Events {
            stream,
            seen: String::new(),
        };
        assert!(
            events.wait_for("text/event-stream"),
            "not an event stream: {}",
            events.seen
        );
        events
    }

    /// Reads until `needle` has arrived (true) or about a minute passed (false).
    fn wait_for(&mut self, needle: &str) -> bool {
        self.read_until(needle, 300)
    }

    /// Reads for a little while (a few reads' timeouts): whether `needle` arrived meanwhile.
    fn wait_for_a_while(&mut self, needle: &str) -> bool {
        self.read_until(needle, 5)
    }

    fn read_until(&mut self, needle: &str, reads: usize) -> bool {
        let mut buf = [0u8; 4096];
        for _ in 0..reads {
            if self.seen.contains(needle) {
                return true;
            }
            match self.stream.read(&mut buf) {
                Ok(0) => return self.seen.contains(needle),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(_) => {} // the read timeout: nothing yet
            }
        }
        self.seen.contains(needle)
    }
}

#[test]
fn a_page_is_served_with_the_live_reload_script_and_head_gives_its_length_without_a_body() {
    let site = built_site();
    let server = Server::start(&site, &[]);
    let page = server.get(&format!("/g/{THIS_WEEK}/"));
    assert_eq!(page.status, 200, "{}", page.head);
    assert_eq!(
        page.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    let text = page.text();
    assert!(text.contains("First post of the week"), "{text}");
    assert!(
        text.contains("<script src=\"/__groupdigest/live-reload.js\""),
        "{text}"
    );
    let on_disk = site.read(&format!("public/g/{THIS_WEEK}/index.html"));
    assert!(
        !on_disk.contains("__groupdigest"),
        "the script is injected by the server only"
    );
    let length: usize = page.header("content-length").unwrap().parse().unwrap();
    assert_eq!(length, page.body.len());

    let head = request(&server.addr, "HEAD", &format!("/g/{THIS_WEEK}/"));
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "{:?}", head.text());
    assert_eq!(head.header("content-length"), Some(length.to_string()));
    assert_eq!(head.header("content-type"), page.header("content-type"));

    let json = server.get(&format!("/g/{THIS_WEEK}/chatfuel.json"));
    assert_eq!(json.status, 200);
    assert!(json
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    serde_json::from_slice::<serde_json::Value>(&json.body).unwrap();
    assert!(server
        .get("/feed.xml")
        .header("content-type")
        .unwrap()
        .starts_with("application/xml"));
    assert!(server
        .get("/style.css")
        .header("content-type")
        .unwrap()
        .starts_with("text/css"));
    let script = server.get("/__groupdigest/live-reload.js");
    assert_eq!(script.status, 200);
    assert!(script.text().contains("EventSource"));
    assert_eq!(request(&server.addr, "POST", "/").status, 405);
}

#[test]
fn a_folder_without_its_slash_is_redirected_like_github_pages_keeping_the_query() {
    let site = built_site();
    let server = Server::start(&site, &[]);
    let reply = server.get("/g?utm=x&y=1");
    assert_eq!(reply.status, 301, "{}", reply.head);
    assert_eq!(reply.header("location").as_deref(), Some("/g/?utm=x&y=1"));
    let reply = server.get(&format!("/g/{THIS_WEEK}"));
    assert_eq!(reply.status, 301);
    assert_eq!(reply.header("location"), Some(format!("/g/{THIS_WEEK}/")));
    assert_eq!(server.get("/g/").status, 200);
    // A file is never redirected.
    assert_eq!(server.get("/g/latest.json").status, 200);
}

#[test]
fn a_missing_page_gets_the_sites_404_page_with_status_404_linking_from_the_root() {
    let site = built_site();
    let server = Server::start(&site, &[]);
    let reply = server.get("/g/no-such-week/");
    assert_eq!(reply.status, 404);
    let text = reply.text();
    assert!(text.contains("href=\"/style.css\""), "{text}");
    assert!(
        !text.contains("href=\"https://x.github.io/d/"),
        "the sub-path base_url would leave the preview: {text}"
    );
    assert!(text.contains("__groupdigest/live-reload.js"), "{text}");
    assert!(
        site.read("public/404.html")
            .contains("https://x.github.io/d/style.css"),
        "the file itself is what Pages serves"
    );
    assert_eq!(
        request(&server.addr, "HEAD", "/nothing").status,
        404,
        "HEAD of a missing page"
    );
}

#[test]
fn requests_that_try_to_leave_the_output_folder_are_refused() {
    let site = built_site();
    let server = Server::start(&site, &[]);
    for target in [
        "/../site.toml",
        "/g/../../site.toml",
        "/%2e%2e/site.toml",
        "/g/..%2f..%2fsite.toml",
        "/%2E%2E%2Fsite.toml",
        "/..%5csite.toml",
        "/../.groupdigest/lock",
        "/../imports/posts.csv",
    ] {
        let reply = server.get(target);
        assert!(
            reply.status == 404 || reply.status == 400,
            "{target}: {}",
            reply.head
        );
        let text = reply.text();
        assert!(
            !text.contains("base_url") && !text.contains("First post of the week"),
            "{target} leaked a file outside public/: {text}"
        );
    }
}

#[test]
fn serve_renders_with_the_base_url_given_on_the_command_line() {
    let site = built_site();
    let server = Server::start(&site, &["--base-url", "https://real.example/site/"]);
    let bot = server.wait_for("/g/latest.json", "a render with --base-url", |r| {
        r.text().contains("https://real.example/site/g/")
    });
    assert!(!bot.text().contains("x.github.io"), "{}", bot.text());
    // The output folder is the one `build` publishes: it must not go back to site.toml's URL.
    let on_disk = site.read("public/g/latest.json");
    assert!(
        on_disk.contains("https://real.example/site/g/"),
        "{on_disk}"
    );
}

#[test]
fn a_template_edit_reloads_the_browser_and_a_template_error_is_shown_in_the_page() {
    let site = built_site();
    let server = Server::start(&site, &[]);
    let page = server.get("/");
    let mut events = Events::open(&server.addr, &generation(&page));

    let base = std::fs::read_to_string(crate::support::repo().join("templates/base.html")).unwrap();
    assert!(base.contains("</footer>"));
    site.write(
        "templates/base.html",
        &base.replace("</footer>", "<p>Edited while serving</p></footer>"),
    );
    assert!(
        events.wait_for("event: reload"),
        "no reload event after a template edit: {}\nserve said:\n{}",
        events.seen,
        server.stderr()
    );
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(
        page.text().contains("Edited while serving"),
        "{}",
        page.text()
    );

    // A broken template: the browser shows the error (escaped) instead of a stale page.
    let mut events = Events::open(&server.addr, &generation(&page));
    site.write(
        "templates/base.html",
        &base.replace("</footer>", "{{ <b>oops </footer>"),
    );
    assert!(events.wait_for("event: reload"), "{}", server.stderr());
    let page = server.get("/g/");
    assert_eq!(page.status, 500);
    let text = page.text();
    assert!(text.contains("templates/base.html"), "{text}");
    assert!(
        text.contains("unexpected `&lt;`") && !text.contains("unexpected `<`"),
        "the message, escaped: {text}"
    );
    assert!(
        text.contains("__groupdigest/live-reload.js"),
        "it reloads once fixed"
    );
    assert!(server.stderr().contains("templates/base.html"));
    let json = server.get("/g/latest.json");
    assert_eq!(json.status, 200, "non-HTML files are still served");

    // Fixed: pages come back.
    let mut events = Events::open(&server.addr, &generation(&page));
    std::fs::remove_file(site.path("templates/base.html")).unwrap();
    assert!(events.wait_for("event: reload"), "{}", server.stderr());
    let page = server.get("/g/");
    assert_eq!(
        page.status,
        200,
        "{}\n{}\nserve said:\n{}",
        page.text(),
        events.seen,
        server.stderr()
    );
    assert!(!page.text().contains("Edited while serving"));
}

#[test]
fn an_edited_import_is_imported_again_and_served() {
    let site = built_site();
    let server = Server::start(&site, &[]);
    let week = format!("/g/{THIS_WEEK}/");
    assert!(!server.get(&week).text().contains("Just exported"));
    site.write(
        "imports/posts.csv",
        &format!(
            "{CSV_HEAD}p1,First post of the week,2026-11-23T10:00:00Z,4\n\
             p2,Second post of the week,2026-11-24T10:00:00Z,2\n\
             p3,Just exported and already popular,2026-11-25T09:00:00Z,30\n\
             p4,Please leave this one out #nodigest,2026-11-25T10:00:00Z,50\n"
        ),
    );
    let page = server.wait_for(&week, "the new post served", |r| {
        r.text().contains("Just exported and already popular")
    });
    assert_eq!(page.status, 200);
    let stored = site.read(&format!("data/g/{THIS_WEEK}.json"));
    assert!(stored.contains("p3"), "imported into the archive: {stored}");
    // The opted-out post is left out, and serve's log says so (counts only).
    assert!(!stored.contains("p4") && !page.text().contains("leave this one out"));
    let said = server.stderr();
    assert!(said.contains("privacy: 1 post(s) left out"), "{said}");
    assert!(!said.contains("leave this one out"), "{said}");
}

#[test]
fn a_non_loopback_host_is_served_with_a_warning() {
    let site = built_site();
    let server = Server::start(&site, &["--host", "0.0.0.0"]);
    assert!(
        server.stderr().contains("not a loopback address"),
        "{}",
        server.stderr()
    );
    let port = server.addr.rsplit(':').next().unwrap();
    let page = request(&format!("127.0.0.1:{port}"), "GET", "/");
    assert_eq!(page.status, 200);
}

#[test]
fn a_page_left_open_across_a_restart_reloads_when_its_stream_reconnects() {
    let site = built_site();
    let before = generation(&Server::start(&site, &[]).get("/"));
    let server = Server::start(&site, &[]);
    let number = |g: &str| g.parse::<u64>().unwrap();
    assert!(number(&generation(&server.get("/"))) > number(&before));
    let mut events = Events::open(&server.addr, &before);
    assert!(events.wait_for("event: reload"), "{}", events.seen);
    // A page of this server's gets no event until something changes.
    let mut events = Events::open(&server.addr, &generation(&server.get("/")));
    assert!(!events.wait_for_a_while("event: reload"), "{}", events.seen);
}

#[test]
fn an_edit_made_while_another_run_holds_the_lock_is_rebuilt_once_it_is_free() {
    let site = built_site();
    let server = Server::start(&site, &[]);
    // Another run holds the site's lock: this test process, with an OS lock.
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(site.path(".groupdigest/lock"))
        .unwrap();
    lock.try_lock().unwrap();
    std::fs::write(
        site.path(".groupdigest/lock"),
        "pid 4242, `groupdigest build`",
    )
    .unwrap();
    let base = std::fs::read_to_string(crate::support::repo().join("templates/base.html")).unwrap();
    site.write(
        "templates/base.html",
        &base.replace("</footer>", "<p>Edited while locked</p></footer>"),
    );
    for _ in 0..300 {
        if server.stderr().contains("not rebuilding yet") {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        server.stderr().contains("pid 4242, `groupdigest build`"),
        "{}",
        server.stderr()
    );
    assert!(!server.get("/").text().contains("Edited while locked"));
    std::fs::write(site.path(".groupdigest/lock"), "").unwrap();
    drop(lock);
    server.wait_for("/", "the edit rendered once the lock is free", |r| {
        r.text().contains("Edited while locked")
    });
}

#[test]
fn another_host_name_is_refused_so_dns_rebinding_reads_nothing() {
    let site = built_site();
    let server = Server::start(&site, &[]);
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        String::new(),
    ] {
        for target in ["/", "/g/latest.json", "/__groupdigest/reload?since=0"] {
            let reply = request_to(&server.addr, &host, "GET", target);
            assert_eq!(reply.status, 421, "Host: {host} {target}: {}", reply.head);
            let text = reply.text();
            assert!(!text.contains("First post"), "{text}");
            assert!(text.contains("answers only localhost"), "{text}");
        }
    }
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        assert_eq!(
            request_to(&server.addr, &host, "GET", "/").status,
            200,
            "{host}"
        );
    }
}

#[test]
fn a_path_starting_with_two_slashes_is_never_redirected_to_another_host() {
    let site = built_site();
    let server = Server::start(&site, &[]);
    for target in ["//g", "///g", "//g?x=1"] {
        let reply = server.get(target);
        assert_eq!(reply.status, 301, "{target}: {}", reply.head);
        let location = reply.header("location").unwrap();
        assert!(
            location.starts_with("/g/") && !location.starts_with("//"),
            "{target} -> {location}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_in_the_output_folder_is_not_followed_out_of_it() {
    let site = built_site();
    site.write("secret.txt", "not for the browser");
    std::os::unix::fs::symlink(site.path("secret.txt"), site.path("public/leak.txt")).unwrap();
    std::os::unix::fs::symlink(site.path("imports"), site.path("public/imp")).unwrap();
    std::os::unix::fs::symlink("/etc", site.path("public/etc")).unwrap();
    // A link that stays inside is served.
    std::os::unix::fs::symlink(
        site.path("public/g/latest.json"),
        site.path("public/inside.json"),
    )
    .unwrap();
    let server = Server::start(&site, &[]);
    for target in [
        "/leak.txt",
        "/imp/posts.csv",
        "/etc/passwd",
        "/etc/hostname",
    ] {
        let reply = server.get(target);
        assert_eq!(reply.status, 404, "{target}: {}", reply.head);
        let text = reply.text();
        assert!(
            !text.contains("not for the browser")
                && !text.contains("First post")
                && !text.contains("root:"),
            "{target}: {text}"
        );
    }
    assert_eq!(server.get("/inside.json").status, 200);
}
