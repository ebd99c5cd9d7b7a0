//! Pictures kept in the archive: a loopback "CDN" serves real image bytes made here (large
//! JPEGs carrying EXIF GPS, PNGs, a GIF, a signed URL that expires after its first fetch)
//! and hostile ones (a redirect to a host outside `[media] hosts`, an oversized body, a
//! page that is not a picture, a PNG declaring 50000×50000 pixels), behind the fake Graph
//! API. And `[bot] latest = "auto"`.

use std::collections::HashMap;
use std::io::Cursor;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::{json, Value};

use crate::fake_graph::{post, Fake, FakeGraph, FakeGroup, APP_ID, APP_SECRET, TOKEN};
use crate::support::{Run, Site};

/// What the CDN answers on one path.
#[derive(Clone)]
enum Answer {
    Bytes(Vec<u8>),
    /// Served once, then 403 "URL signature expired", like Facebook's `oe=` URLs.
    Expiring(Vec<u8>),
    Redirect(String),
    /// Served after this many milliseconds.
    Slow(u64, Vec<u8>),
}

#[derive(Default)]
struct CdnState {
    answers: HashMap<String, Answer>,
    /// Every request: (path and query, Authorization header).
    seen: Vec<(String, Option<String>)>,
    /// Serve each `Expiring` path only this once.
    served: HashMap<String, usize>,
    /// Everything answers 403 (the signatures expired).
    refuse_all: bool,
}

/// A loopback server that stops when dropped (its thread ends with the test process).
struct Cdn {
    addr: SocketAddr,
    state: Arc<Mutex<CdnState>>,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl Cdn {
    fn start(answers: HashMap<String, Answer>) -> Cdn {
        let state = Arc::new(Mutex::new(CdnState {
            answers,
            ..Default::default()
        }));
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let app = Router::new().fallback(serve).with_state(state.clone());
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = rx.await;
                    })
                    .await;
            });
        });
        Cdn {
            addr,
            state,
            _stop: tx,
        }
    }

    fn seen(&self) -> Vec<(String, Option<String>)> {
        self.state.lock().unwrap().seen.clone()
    }
}

async fn serve(State(state): State<Arc<Mutex<CdnState>>>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let full = req
        .uri()
        .path_and_query()
        .map_or(path.clone(), |p| p.to_string());
    let auth = req
        .headers()
        .get(header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or("?").to_string());
    let (answer, served) = {
        let mut s = state.lock().unwrap();
        s.seen.push((full, auth));
        if s.refuse_all {
            return (StatusCode::FORBIDDEN, "URL signature expired").into_response();
        }
        let n = s.served.entry(path.clone()).or_default();
        *n += 1;
        let served = *n;
        (s.answers.get(&path).cloned(), served)
    };
    match answer {
        Some(Answer::Bytes(b)) => b.into_response(),
        Some(Answer::Slow(ms, b)) => {
            tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
            b.into_response()
        }
        Some(Answer::Expiring(b)) if served == 1 => b.into_response(),
        Some(Answer::Expiring(_)) => {
            (StatusCode::FORBIDDEN, "URL signature expired").into_response()
        }
        Some(Answer::Redirect(to)) => {
            (StatusCode::FOUND, [(header::LOCATION, to)], "").into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// A photo-like JPEG (gradients, so it does not compress to nothing) of `w`×`h`.
fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x * y) % 251) as u8])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}

/// `jpeg` with an APP1 Exif segment holding a GPS IFD (latitude 19° N, the marker
/// `GPS-SECRET` in a maker-style ASCII field), written by hand right after SOI.
fn jpeg_with_gps(w: u32, h: u32) -> Vec<u8> {
    let plain = jpeg(w, h);
    // TIFF, big-endian: header, IFD0 with one entry (GPS IFD pointer), then the GPS IFD
    // with GPSLatitudeRef "N" and GPSProcessingMethod "GPS-SECRET".
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0\x2a\0\0\0\x08");
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26]);
    tiff.extend_from_slice(&0u32.to_be_bytes());
    // GPS IFD at offset 26: 2 entries.
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    let method_at = 26 + 2 + 2 * 12 + 4;
    tiff.extend_from_slice(&[0, 0x1b, 0, 7, 0, 0, 0, 10]);
    tiff.extend_from_slice(&(method_at as u32).to_be_bytes());
    tiff.extend_from_slice(&0u32.to_be_bytes());
    tiff.extend_from_slice(b"GPS-SECRET");
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

fn encoded(img: image::DynamicImage, format: image::ImageFormat) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), format).unwrap();
    out
}

/// A PNG with a transparent corner.
fn png_with_alpha(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(w, h, |x, y| {
        let a = if x < w / 4 && y < h / 4 { 0 } else { 255 };
        image::Rgba([(x % 256) as u8, 80, (y % 256) as u8, a])
    });
    encoded(
        image::DynamicImage::ImageRgba8(img),
        image::ImageFormat::Png,
    )
}

fn gif(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(w, h, |x, _| image::Rgba([(x % 256) as u8, 0, 0, 255]));
    encoded(
        image::DynamicImage::ImageRgba8(img),
        image::ImageFormat::Gif,
    )
}

/// A PNG whose header declares 50000×50000 pixels (7.5 GB decoded) over a few bytes of
/// data: a decompression bomb.
fn png_bomb() -> Vec<u8> {
    png_declaring(50_000, 50_000)
}

/// A PNG whose header declares `w`×`h` RGB pixels over a few bytes of data.
fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    fn crc(bytes: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for &b in bytes {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc(&body).to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    // zlib stream of a few zero bytes (stored block).
    chunk(
        &mut out,
        b"IDAT",
        &[
            0x78, 0x01, 0x01, 0x04, 0x00, 0xFB, 0xFF, 0, 0, 0, 0, 0, 0x04, 0, 0x01,
        ],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

/// The markers of a JPEG's segments before its image data.
fn jpeg_markers(bytes: &[u8]) -> Vec<u8> {
    assert_eq!(&bytes[..2], &[0xFF, 0xD8], "a JPEG");
    let mut markers = Vec::new();
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let marker = bytes[i + 1];
        markers.push(marker);
        if marker == 0xDA {
            break;
        }
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        i += 2 + len;
    }
    markers
}

const MAX_BYTES: usize = 2_000_000;

/// The CDN for the main scenario, and what each post's picture is.
fn cdn(forbidden: &Cdn) -> Cdn {
    let mut answers = HashMap::new();
    answers.insert(
        "/big-gps.jpg".into(),
        Answer::Bytes(jpeg_with_gps(1800, 1200)),
    );
    answers.insert("/tall.jpg".into(), Answer::Bytes(jpeg(700, 1400)));
    answers.insert("/alpha.png".into(), Answer::Bytes(png_with_alpha(900, 600)));
    answers.insert("/anim.gif".into(), Answer::Bytes(gif(320, 200)));
    answers.insert("/small.jpg".into(), Answer::Bytes(jpeg(400, 300)));
    answers.insert("/signed.jpg".into(), Answer::Expiring(jpeg(1200, 900)));
    answers.insert(
        "/moved.jpg".into(),
        Answer::Redirect(format!(
            "http://localhost:{}/stolen.jpg",
            forbidden.addr.port()
        )),
    );
    let mut huge = jpeg(64, 64);
    huge.resize(MAX_BYTES + 10_000, 0);
    answers.insert("/huge.jpg".into(), Answer::Bytes(huge));
    answers.insert(
        "/page.jpg".into(),
        Answer::Bytes(b"<!doctype html><title>Not a picture</title>".to_vec()),
    );
    answers.insert("/bomb.png".into(), Answer::Bytes(png_bomb()));
    Cdn::start(answers)
}

/// (post id, picture path on the CDN): in the week of 16 Nov (complete) and the week of
/// 23 Nov (current on the 25th). More comments = higher rank.
const PICTURES: [(&str, &str, &str, u64); 10] = [
    ("111_1", "2026-11-17T10:00:00+0000", "/big-gps.jpg", 50),
    ("111_2", "2026-11-18T10:00:00+0000", "/tall.jpg", 40),
    ("111_3", "2026-11-19T10:00:00+0000", "/alpha.png", 30),
    ("111_4", "2026-11-20T10:00:00+0000", "/anim.gif", 20),
    ("111_5", "2026-11-21T10:00:00+0000", "/moved.jpg", 10),
    (
        "111_6",
        "2026-11-23T10:00:00+0000",
        "/signed.jpg?oe=6789ABCD&_nc_sid=x",
        9,
    ),
    ("111_7", "2026-11-24T09:00:00+0000", "/huge.jpg", 8),
    ("111_8", "2026-11-24T10:00:00+0000", "/page.jpg", 7),
    ("111_9", "2026-11-24T11:00:00+0000", "/bomb.png", 6),
    ("111_10", "2026-11-24T12:00:00+0000", "/small.jpg", 5),
];

/// The posts whose picture is expected in the archive, and the file each gets.
/// (post id, its fallback copy for the bots); each also has `<id>.webp`, and
/// `<id>.320w.webp` when it is wider than 320 pixels (all but the 200-pixel GIF).
const KEPT: [(&str, &str); 6] = [
    ("111_1", "111_1.jpg"),
    ("111_2", "111_2.jpg"),
    ("111_3", "111_3.png"),
    ("111_4", "111_4.jpg"),
    ("111_6", "111_6.jpg"),
    ("111_10", "111_10.jpg"),
];

/// Every copy of a kept post: its fallback, its WebP, and its thumbnail if it has one.
fn copies_of(id: &str, fallback: &str) -> Vec<String> {
    let mut out = vec![fallback.to_string(), format!("{id}.webp")];
    if id != "111_4" {
        out.push(format!("{id}.320w.webp"));
    }
    out
}

fn graph_with_pictures(cdn: &Cdn) -> FakeGraph {
    let posts: Vec<Value> = PICTURES
        .iter()
        .map(|(id, t, pic, comments)| {
            let mut p = post(id, t, *comments);
            p["full_picture"] = json!(format!("http://127.0.0.1:{}{pic}", cdn.addr.port()));
            p
        })
        .collect();
    FakeGraph::start(Fake::new().group(
        "111",
        FakeGroup {
            node: json!({"id": "111", "name": "Pictures Page"}),
            posts,
            page_size: 100,
            trailing_empty: false,
        },
    ))
}

fn media_site(graph: &FakeGraph) -> Site {
    let site = Site::new();
    site.write(
        "site.toml",
        &format!(
            "[site]\nbase_url = \"https://x.github.io/d/\"\n\
             [source]\nkind = \"graph\"\napi_base = \"{}\"\napp_id = \"{APP_ID}\"\nbackoff_ms = 2\nretries = 1\n\
             [ranking]\ntop = 5\n\
             [media]\nhosts = [\"127.0.0.1\"]\nmax_width = 640\nmax_bytes = {MAX_BYTES}\ntimeout_secs = 5\n\
             [[groups]]\nid = \"111\"\nslug = \"pics\"\nkind = \"page\"\n",
            graph.api_base()
        ),
    );
    site
}

fn run(site: &Site, args: &[&str]) -> Run {
    site.run_env(
        args,
        &[("FB_ACCESS_TOKEN", TOKEN), ("FB_APP_SECRET", APP_SECRET)],
    )
}

/// post id → its `image` in the archive.
fn stored_images(site: &Site) -> HashMap<String, Value> {
    let mut out = HashMap::new();
    for f in site.files("data/pics") {
        if !f.ends_with(".json") || f == "group.json" {
            continue;
        }
        for p in site.json(&format!("data/pics/{f}"))["posts"]
            .as_array()
            .unwrap()
        {
            if !p["image"].is_null() {
                out.insert(p["id"].as_str().unwrap().to_string(), p["image"].clone());
            }
        }
    }
    out
}

#[test]
fn fetch_keeps_scaled_metadata_free_copies_and_refuses_what_is_unsafe() {
    let forbidden = Cdn::start(HashMap::new());
    let cdn = cdn(&forbidden);
    let graph = graph_with_pictures(&cdn);
    let site = media_site(&graph);
    let fetch = run(&site, &["--now=2026-11-25T12:00:00Z", "fetch"]);
    fetch.success();
    let warnings: Vec<String> = fetch
        .stderr()
        .lines()
        .filter(|l| l.contains("could not be kept"))
        .map(str::to_string)
        .collect();
    assert_eq!(warnings.len(), 1, "one warning for the group: {warnings:?}");
    assert!(
        warnings[0].contains("`pics`") && warnings[0].contains("3 other picture(s)"),
        "{}",
        warnings[0]
    );

    // What was kept, and nothing else.
    let images = stored_images(&site);
    let mut kept: Vec<&str> = images.keys().map(String::as_str).collect();
    kept.sort();
    let mut expected: Vec<&str> = KEPT.iter().map(|(id, _)| *id).collect();
    expected.sort();
    assert_eq!(kept, expected);
    let mut files = site.files("data/pics/media");
    files.sort();
    let mut expected_files: Vec<String> =
        KEPT.iter().flat_map(|(id, f)| copies_of(id, f)).collect();
    expected_files.sort();
    assert_eq!(files, expected_files);
    for (id, fallback) in KEPT {
        let stored = &images[id];
        let webp = format!("{id}.webp");
        assert_eq!(stored["file"], webp.as_str());
        assert_eq!(stored["fallback"], fallback);
        let size = |file: &str| {
            let bytes = std::fs::read(site.path(&format!("data/pics/media/{file}"))).unwrap();
            let img = image::load_from_memory(&bytes).unwrap();
            (img.width(), img.height())
        };
        assert_eq!(size(&webp), size(fallback), "{id}: the same picture");
        assert_eq!(
            (stored["width"].as_u64(), stored["height"].as_u64()),
            (
                Some(u64::from(size(&webp).0)),
                Some(u64::from(size(&webp).1))
            ),
            "{id}"
        );
        for (i, narrower) in stored["sizes"].as_array().into_iter().flatten().enumerate() {
            let file = narrower["file"].as_str().unwrap();
            assert_eq!(file, format!("{id}.320w.webp"), "{i}");
            assert_eq!(
                (narrower["width"].as_u64(), narrower["height"].as_u64()),
                (Some(u64::from(size(file).0)), Some(u64::from(size(file).1))),
            );
            assert_eq!(size(file).0, 320);
        }
    }
    for file in &files {
        let bytes = std::fs::read(site.path(&format!("data/pics/media/{file}"))).unwrap();
        let img = image::load_from_memory(&bytes).unwrap();
        assert!(img.width() <= 640, "{file} is {} wide", img.width());
        assert!(
            !bytes.windows(4).any(|w| w == b"Exif")
                && !bytes.windows(10).any(|w| w == b"GPS-SECRET"),
            "{file} carries metadata"
        );
        if file.ends_with(".jpg") {
            let markers = jpeg_markers(&bytes);
            assert!(
                !markers
                    .iter()
                    .any(|m| (0xE1..=0xEF).contains(m) || *m == 0xFE),
                "{file}: segments {markers:x?}"
            );
        }
    }
    let big =
        image::load_from_memory(&std::fs::read(site.path("data/pics/media/111_1.jpg")).unwrap())
            .unwrap();
    assert_eq!(
        (big.width(), big.height()),
        (640, 427),
        "scaled, aspect kept"
    );
    let tall = &images["111_2"];
    assert_eq!(
        (tall["width"].as_u64(), tall["height"].as_u64()),
        (Some(640), Some(1280))
    );

    // Never a request outside `hosts`, never a credential.
    assert!(
        forbidden.seen().is_empty(),
        "reached: {:?}",
        forbidden.seen()
    );
    for (url, auth) in cdn.seen() {
        assert_eq!(auth, None, "{url} got an Authorization header");
        assert!(
            !url.contains(TOKEN) && !url.contains("access_token") && !url.contains("appsecret"),
            "{url}"
        );
    }
    assert!(
        !fetch.stderr().contains("oe=6789ABCD"),
        "signed URLs are not logged"
    );

    let check = run(&site, &["--now=2026-11-25T12:00:00Z", "check"]);
    assert!(
        check.stdout().contains("`data/*/media` holds 17 file(s)"),
        "{}",
        check.stdout()
    );

    // The second fetch: the CDN now refuses everything; every copy stays.
    let before: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(site.path(&format!("data/pics/media/{f}"))).unwrap())
        .collect();
    cdn.state.lock().unwrap().refuse_all = true;
    let requests_before = cdn.seen().len();
    let again = run(&site, &["--now=2026-11-25T18:00:00Z", "fetch"]);
    again.success();
    let after: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(site.path(&format!("data/pics/media/{f}"))).unwrap())
        .collect();
    assert_eq!(before, after, "kept copies are untouched");
    assert_eq!(stored_images(&site).len(), KEPT.len());
    let retried: Vec<String> = cdn.seen()[requests_before..]
        .iter()
        .map(|(u, _)| u.clone())
        .collect();
    assert!(
        retried.iter().all(|u| !KEPT.iter().any(|(id, _)| PICTURES
            .iter()
            .any(|(pid, _, pic, _)| pid == id && u == pic))),
        "a kept picture is downloaded once: {retried:?}"
    );

    // Render: only copies, all of them present, under base_url in bot files.
    run(&site, &["--now=2026-11-25T18:00:00Z", "render"]).success();
    let mut published = site.files("public/pics/media");
    published.sort();
    assert_eq!(published, expected_files, "exactly the referenced copies");
    let chatfuel = site.json("public/pics/2026-11-16/chatfuel.json");
    let elements = chatfuel["messages"][0]["attachment"]["payload"]["elements"]
        .as_array()
        .unwrap();
    let urls: Vec<&str> = elements
        .iter()
        .filter_map(|e| e["image_url"].as_str())
        .collect();
    assert_eq!(
        urls,
        [
            "https://x.github.io/d/pics/media/111_1.jpg",
            "https://x.github.io/d/pics/media/111_2.jpg",
            "https://x.github.io/d/pics/media/111_3.png",
            "https://x.github.io/d/pics/media/111_4.jpg",
        ],
        "the redirected post has no image"
    );
    for f in site.files("public") {
        let text =
            String::from_utf8_lossy(&std::fs::read(site.path(&format!("public/{f}"))).unwrap())
                .into_owned();
        assert!(
            !text.contains("127.0.0.1") && !text.contains("localhost"),
            "public/{f} hotlinks the CDN"
        );
        assert!(
            !text.contains("src=\"http://"),
            "public/{f} has an http:// resource"
        );
        for reference in text.split("/media/").skip(1) {
            let name: String = reference
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
                .collect();
            assert!(
                site.exists(&format!("public/pics/media/{name}")),
                "public/{f} references a missing copy `{name}`"
            );
        }
    }
    let page = site.read("public/pics/2026-11-16/index.html");
    // The first picture: WebP in two widths, its box reserved, fetched first; its alt says
    // what it is to the post instead of repeating the title.
    assert!(
        page.contains(
            r#"<img class="post-picture" src="../../pics/media/111_1.webp" srcset="../../pics/media/111_1.320w.webp 320w, ../../pics/media/111_1.webp 640w" sizes="(max-width: 30rem) 100vw, 10rem" width="640" height="427" alt="Picture shared with post 1" fetchpriority="high">"#
        ),
        "{page}"
    );
    // The others load lazily; a tall one is marked for its aspect clamp (1:2 is beyond 4:5).
    assert!(
        page.contains(
            r#"<img class="post-picture post-picture-tall" src="../../pics/media/111_2.webp" srcset="../../pics/media/111_2.320w.webp 320w, ../../pics/media/111_2.webp 640w" sizes="(max-width: 30rem) 100vw, 10rem" width="640" height="1280" alt="Picture shared with post 2" loading="lazy" decoding="async">"#
        ),
        "{page}"
    );
    assert_eq!(page.matches("fetchpriority").count(), 1, "{page}");
    for img in page.split("<img ").skip(1) {
        let tag = &img[..img.find('>').unwrap()];
        assert!(
            tag.contains(" width=\"") && tag.contains(" height=\""),
            "{tag}"
        );
    }
    assert!(!page.contains("alt=\"Post"), "no alt repeats a title");
}

#[test]
fn a_group_without_hosts_for_its_pictures_keeps_none_and_still_succeeds() {
    let forbidden = Cdn::start(HashMap::new());
    let cdn = cdn(&forbidden);
    let graph = graph_with_pictures(&cdn);
    let site = media_site(&graph);
    let toml = site
        .read("site.toml")
        .replace("hosts = [\"127.0.0.1\"]", "hosts = [\"fbcdn.net\"]");
    site.write("site.toml", &toml);
    let fetch = run(&site, &["--now=2026-11-25T12:00:00Z", "build"]);
    fetch.success().stderr_has("is not in `[media] hosts`");
    assert!(cdn.seen().is_empty(), "nothing fetched: {:?}", cdn.seen());
    assert!(stored_images(&site).is_empty());
    assert!(!site.exists("public/pics/media"));
}

/// A Page whose posts are given as (id, time, comments).
fn page_with(posts: &[(&str, &str, u64)]) -> FakeGraph {
    FakeGraph::start(Fake::new().group(
        "111",
        FakeGroup {
            node: json!({"id": "111", "name": "Weekly Page"}),
            posts: posts.iter().map(|(id, t, c)| post(id, t, *c)).collect(),
            page_size: 100,
            trailing_empty: false,
        },
    ))
}

const LAST_WEEK: [(&str, &str, u64); 3] = [
    ("111_a", "2026-11-17T10:00:00+0000", 12),
    ("111_b", "2026-11-18T10:00:00+0000", 8),
    ("111_c", "2026-11-19T10:00:00+0000", 5),
];

#[test]
fn latest_auto_serves_last_week_on_a_monday_morning_with_one_post() {
    let mut posts = LAST_WEEK.to_vec();
    posts.push(("111_new", "2026-11-23T02:00:00+0000", 2));
    let graph = page_with(&posts);
    let site = media_site(&graph);
    run(&site, &["--now=2026-11-23T06:30:00Z", "build"]).success();
    let digest = site.json("public/pics/latest/digest.json");
    assert_eq!(digest["period"]["key"], "2026-11-16");
    assert_eq!(digest["period"]["is_current"], false);
    let ids: Vec<&str> = digest["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["111_a", "111_b", "111_c"]);
    assert_eq!(
        site.read("public/pics/latest.json"),
        site.read("public/pics/2026-11-16/chatfuel.json")
    );
}

#[test]
fn latest_auto_serves_the_current_week_once_it_has_enough_ranked_posts() {
    let mut posts = LAST_WEEK.to_vec();
    posts.extend([
        ("111_x", "2026-11-23T09:00:00+0000", 3),
        ("111_y", "2026-11-24T09:00:00+0000", 2),
        ("111_z", "2026-11-25T09:00:00+0000", 1),
    ]);
    let graph = page_with(&posts);
    let site = media_site(&graph);
    run(&site, &["--now=2026-11-26T12:00:00Z", "build"]).success();
    let digest = site.json("public/pics/latest/digest.json");
    assert_eq!(digest["period"]["key"], "2026-11-23");
    assert_eq!(digest["period"]["is_current"], true);
    // `current` keeps its meaning: this week even with one post.
    let toml = site.read("site.toml").replace(
        "[ranking]",
        "[bot]\nlatest = \"current\"\nauto_min_ranked = 5\n[ranking]",
    );
    site.write("site.toml", &toml);
    run(&site, &["--now=2026-11-26T12:00:00Z", "render"]).success();
    assert_eq!(
        site.json("public/pics/latest/digest.json")["period"]["key"],
        "2026-11-23"
    );
}

#[test]
fn latest_auto_serves_the_current_week_on_a_new_site_with_nothing_before_it() {
    // Two ranked posts, under `auto_min_ranked`, and no earlier week to fall back to.
    let graph = page_with(&[
        ("111_x", "2026-11-23T09:00:00+0000", 3),
        ("111_y", "2026-11-24T09:00:00+0000", 2),
    ]);
    let site = media_site(&graph);
    run(&site, &["--now=2026-11-25T12:00:00Z", "build"]).success();
    let digest = site.json("public/pics/latest/digest.json");
    assert_eq!(digest["period"]["key"], "2026-11-23");
    assert_eq!(digest["posts"].as_array().unwrap().len(), 2);
    let bot = site.read("public/pics/latest.json");
    assert!(!bot.contains("No popular posts"), "{bot}");
}

#[test]
fn an_import_keeps_the_pictures_its_cdn_urls_name() {
    let mut answers = HashMap::new();
    answers.insert(
        "/scraped.jpg".into(),
        Answer::Expiring(jpeg_with_gps(1600, 900)),
    );
    let cdn = Cdn::start(answers);
    let site = Site::new();
    site.write(
        "site.toml",
        "[site]\nbase_url = \"https://x.github.io/d/\"\n[media]\nhosts = [\"127.0.0.1\"]\n\
         [[groups]]\nid = \"g1\"\nslug = \"g\"\nkind = \"import\"\nvisibility = \"public\"\npath = \"fb.jsonl\"\npreset = \"facebook-scraper\"\n",
    );
    // facebook-scraper's `image` is a signed CDN URL.
    let url = format!(
        "http://127.0.0.1:{}/scraped.jpg?oe=6789ABCD",
        cdn.addr.port()
    );
    site.write(
        "fb.jsonl",
        &format!(
            "{}\n",
            json!({"post_id": "3798", "text": "Hackathon teams", "time": "2026-11-18 12:00:00",
                   "image": url, "comments": 40, "shares": 7})
        ),
    );
    run(&site, &["--now=2026-11-25T12:00:00Z", "build"]).success();
    let copies = ["3798.320w.webp", "3798.jpg", "3798.webp"];
    assert_eq!(site.files("data/g/media"), copies);
    assert_eq!(site.files("public/g/media"), copies);
    let week = site.json("data/g/2026-11-16.json");
    assert_eq!(week["posts"][0]["image"]["width"], 640);
    // A shared link to the week previews that picture, from the site's own copy.
    assert!(site.read("public/g/2026-11-16/index.html").contains(
        "<meta property=\"og:image\" content=\"https://x.github.io/d/g/media/3798.jpg\">"
    ));
    // The URL has expired since: a rebuild keeps the copy and shows it.
    run(&site, &["--now=2026-11-25T18:00:00Z", "build"]).success();
    assert_eq!(cdn.seen().len(), 1, "downloaded once");
    let digest = site.json("public/g/2026-11-16/digest.json");
    assert_eq!(
        digest["posts"][0]["picture"],
        "https://x.github.io/d/g/media/3798.jpg"
    );
}

#[test]
fn posts_that_show_the_same_picture_share_one_download_and_one_copy() {
    let mut answers = HashMap::new();
    answers.insert("/flyer.jpg".into(), Answer::Bytes(jpeg(800, 600)));
    answers.insert("/other.jpg".into(), Answer::Bytes(jpeg(300, 200)));
    let cdn = Cdn::start(answers);
    let url = |path: &str| format!("http://127.0.0.1:{}{path}", cdn.addr.port());
    let site = Site::new();
    site.write(
        "site.toml",
        "[site]\nbase_url = \"https://x.github.io/d/\"\n[media]\nhosts = [\"127.0.0.1\"]\n\
         [[groups]]\nid = \"g1\"\nslug = \"pics\"\nkind = \"import\"\nvisibility = \"public\"\npath = \"posts.jsonl\"\n",
    );
    // The same flyer, posted in two weeks and reposted; and one other picture.
    let rows = [
        ("1", "2026-11-17T10:00:00Z", "/flyer.jpg", 30),
        ("2", "2026-11-18T10:00:00Z", "/flyer.jpg", 20),
        ("3", "2026-11-24T10:00:00Z", "/flyer.jpg", 10),
        ("4", "2026-11-24T11:00:00Z", "/other.jpg", 5),
    ];
    let lines: Vec<String> = rows
        .iter()
        .map(|(id, t, pic, comments)| {
            json!({"id": id, "text": format!("Post {id}"), "created_time": t,
                   "picture": url(pic), "comments": comments})
            .to_string()
        })
        .collect();
    site.write("posts.jsonl", &(lines.join("\n") + "\n"));
    run(&site, &["--now=2026-11-25T12:00:00Z", "build"]).success();
    let seen = cdn.seen();
    assert_eq!(seen.len(), 2, "one download per picture: {seen:?}");
    // The flyer's WebP, thumbnail and JPEG; the other's (300 pixels: no thumbnail).
    assert_eq!(site.files("data/pics/media").len(), 5);
    let images = stored_images(&site);
    assert_eq!(images["1"], images["2"], "one copy for both weeks");
    assert_eq!(images["1"], images["3"]);
    assert_ne!(images["1"]["file"], images["4"]["file"]);
    // Every post shows it, from the site's copy.
    for (week, post) in [("2026-11-16", "2"), ("2026-11-23", "3")] {
        let html = site.read(&format!("public/pics/{week}/index.html"));
        let file = images[post]["file"].as_str().unwrap();
        assert!(
            html.contains(&format!("media/{file}")),
            "{week} shows post {post}'s picture"
        );
    }
}

#[test]
fn an_apify_groups_picture_is_kept_in_the_archive_like_an_imports() {
    use crate::fake_apify::{item, Fake, FakeApify, Script, ACTOR, TOKEN};
    let mut answers = HashMap::new();
    answers.insert("/scraped.jpg".into(), Answer::Bytes(jpeg(1200, 800)));
    let cdn = Cdn::start(answers);
    let group = "https://www.facebook.com/groups/cdmx.devs/";
    let mut post = item(group, "4242", "2026-11-18T12:00:00.000Z", 40);
    post["attachments"][0]["thumbnail"] = json!(format!(
        "http://127.0.0.1:{}/scraped.jpg?oe=6789ABCD",
        cdn.addr.port()
    ));
    let apify = FakeApify::start(Fake::new().actor(ACTOR, Script::succeeds(vec![post])));
    let site = Site::new();
    site.write(
        "site.toml",
        &format!(
            "[site]\nbase_url = \"https://x.github.io/d/\"\n[media]\nhosts = [\"127.0.0.1\"]\n\
             [apify]\napi_base = \"{}\"\n\
             [[groups]]\nid = \"cdmx\"\nslug = \"g\"\nkind = \"apify\"\nurl = \"{group}\"\n",
            apify.api_base()
        ),
    );
    site.run_env(
        &["--now=2026-11-25T12:00:00Z", "build"],
        &[("APIFY_TOKEN", TOKEN)],
    )
    .success();
    let copies = ["4242.320w.webp", "4242.jpg", "4242.webp"];
    assert_eq!(site.files("data/g/media"), copies);
    assert_eq!(site.files("public/g/media"), copies);
    let seen = cdn.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].1, None, "no token goes to the CDN");
}

/// A site of one Page per picture URL (`p0`, `p1`, ...; one post each, so each warning
/// names one picture's reason), pictures from `hosts`.
fn one_picture_per_group(urls: &[String], hosts: &str) -> (FakeGraph, Site) {
    let mut fake = Fake::new();
    let mut groups = String::new();
    for (i, url) in urls.iter().enumerate() {
        let id = format!("77{i}");
        let mut p = post(&format!("{id}_1"), "2026-11-24T10:00:00+0000", 5);
        p["full_picture"] = json!(url);
        fake = fake.group(
            &id,
            FakeGroup {
                node: json!({"id": id, "name": format!("Page {i}")}),
                posts: vec![p],
                page_size: 100,
                trailing_empty: false,
            },
        );
        groups.push_str(&format!(
            "[[groups]]\nid = \"{id}\"\nslug = \"p{i}\"\nkind = \"page\"\n"
        ));
    }
    let graph = FakeGraph::start(fake);
    let site = Site::new();
    site.write(
        "site.toml",
        &format!(
            "[source]\nkind = \"graph\"\napi_base = \"{}\"\napp_id = \"{APP_ID}\"\nbackoff_ms = 2\nretries = 1\n\
             [media]\nhosts = {hosts}\ntimeout_secs = 5\n{groups}",
            graph.api_base()
        ),
    );
    (graph, site)
}

/// Group `p{i}`'s picture warning (empty when its picture was kept).
fn picture_warning(stderr: &str, i: usize) -> String {
    let slug = format!("group `p{i}`: the picture");
    stderr
        .lines()
        .find(|l| l.contains(&slug))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn pictures_come_over_https_from_public_addresses_only_redirects_included() {
    let hostile = Cdn::start(HashMap::from([
        ("/a.jpg".to_string(), Answer::Bytes(jpeg(64, 64))),
        ("/metadata".to_string(), Answer::Bytes(jpeg(64, 64))),
    ]));
    let port = hostile.addr.port();
    let cdn = Cdn::start(HashMap::from([
        ("/ok.jpg".to_string(), Answer::Bytes(jpeg(64, 64))),
        (
            "/to-http-name".to_string(),
            Answer::Redirect(format!("http://localhost:{port}/a.jpg")),
        ),
        (
            "/to-https-name".to_string(),
            Answer::Redirect("https://localhost/a.jpg".to_string()),
        ),
        (
            "/to-v6".to_string(),
            Answer::Redirect(format!("http://[::1]:{port}/a.jpg")),
        ),
        (
            "/to-metadata".to_string(),
            Answer::Redirect("http://169.254.169.254/latest/meta-data/".to_string()),
        ),
    ]));
    let ours = |path: &str| format!("http://127.0.0.1:{}{path}", cdn.addr.port());
    // (URL, what the refusal says); `localhost` is listed, as a name under fbcdn.net
    // that an attacker points at 127.0.0.1 would be.
    let cases: Vec<(String, &str)> = vec![
        (format!("http://localhost:{port}/a.jpg"), "https only"),
        (
            format!("https://localhost:{port}/a.jpg"),
            "default port only",
        ),
        ("https://localhost/a.jpg".into(), "not a public address"),
        (ours("/to-http-name"), "https only"),
        (ours("/to-https-name"), "not a public address"),
        (ours("/to-v6"), "is not in `[media] hosts`"),
        (ours("/to-metadata"), "is not in `[media] hosts`"),
        (
            "http://169.254.169.254/latest/meta-data/".into(),
            "is not in `[media] hosts`",
        ),
        (
            format!("http://127.0.0.2:{port}/a.jpg"),
            "is not in `[media] hosts`",
        ),
        (ours("/ok.jpg"), ""),
    ];
    let urls: Vec<String> = cases.iter().map(|(u, _)| u.clone()).collect();
    let (_graph, site) = one_picture_per_group(&urls, r#"["127.0.0.1", "localhost"]"#);
    let fetch = run(&site, &["--now=2026-11-25T12:00:00Z", "fetch"]);
    fetch.success();
    let err = fetch.stderr();
    for (i, (url, says)) in cases.iter().enumerate() {
        let warning = picture_warning(&err, i);
        if says.is_empty() {
            assert_eq!(warning, "", "{url} is kept: {err}");
            assert_eq!(
                site.files(&format!("data/p{i}/media")),
                [format!("77{i}_1.jpg"), format!("77{i}_1.webp")]
            );
        } else {
            assert!(
                warning.contains(says),
                "{url}: `{says}` in {warning:?}\n{err}"
            );
        }
    }
    assert!(
        hostile.seen().is_empty(),
        "nothing reached by name or unlisted address: {:?}",
        hostile.seen()
    );
}

#[test]
fn a_picture_cut_short_is_refused_and_tried_again_a_day_later_not_on_every_run() {
    let whole = jpeg(900, 600);
    let cut = whole[..whole.len() * 7 / 10].to_vec();
    let cdn = Cdn::start(HashMap::from([(
        "/cut.jpg".to_string(),
        Answer::Bytes(cut),
    )]));
    let url = format!("http://127.0.0.1:{}/cut.jpg", cdn.addr.port());
    let (_graph, site) = one_picture_per_group(&[url], r#"["127.0.0.1"]"#);
    let fetch = run(&site, &["--now=2026-11-25T12:00:00Z", "fetch"]);
    fetch.success();
    let warning = picture_warning(&fetch.stderr(), 0);
    assert!(
        warning.contains("cut short") && warning.contains("tried again after a day"),
        "{warning}"
    );
    assert!(site.files("data/p0/media").is_empty(), "not kept grey");
    assert!(stored_images_of(&site, "p0").is_empty());
    let group = site.json("data/p0/group.json");
    assert_eq!(
        group["picture_failures"]["770_1"], "2026-11-25T12:00:00Z",
        "{group}"
    );

    // Six hours later: not tried, nothing in data/ changes.
    let data = site.tree("data");
    let requests = cdn.seen().len();
    cdn.state
        .lock()
        .unwrap()
        .answers
        .insert("/cut.jpg".into(), Answer::Bytes(whole));
    run(&site, &["--now=2026-11-25T18:00:00Z", "fetch"]).success();
    assert_eq!(cdn.seen().len(), requests, "a failed picture waits a day");
    assert_eq!(
        site.tree("data"),
        data,
        "a run that retries nothing changes nothing"
    );

    // A day later: tried again, kept, its failure forgotten.
    run(&site, &["--now=2026-11-26T12:30:00Z", "fetch"]).success();
    assert_eq!(cdn.seen().len(), requests + 1);
    assert_eq!(
        site.files("data/p0/media"),
        ["770_1.320w.webp", "770_1.jpg", "770_1.webp"]
    );
    assert!(site
        .json("data/p0/group.json")
        .get("picture_failures")
        .is_none());
}

#[test]
fn pictures_past_the_runs_time_budget_wait_for_the_next_run() {
    let cdn = Cdn::start(HashMap::from([(
        "/slow.jpg".to_string(),
        Answer::Slow(3_000, jpeg(64, 64)),
    )]));
    let url = format!("http://127.0.0.1:{}/slow.jpg", cdn.addr.port());
    let (_graph, site) = one_picture_per_group(&[url], r#"["127.0.0.1"]"#);
    let toml = site
        .read("site.toml")
        .replace("timeout_secs = 5\n", "timeout_secs = 10\nbudget_secs = 1\n");
    site.write("site.toml", &toml);
    let fetch = run(&site, &["--now=2026-11-25T12:00:00Z", "fetch"]);
    fetch.success();
    assert!(
        fetch
            .stderr()
            .contains("group `p0`: 1 picture left for the next run: the run's picture time budget"),
        "{}",
        fetch.stderr()
    );
    assert!(site.files("data/p0/media").is_empty());
    assert!(
        site.json("data/p0/group.json")
            .get("picture_failures")
            .is_none(),
        "not a failure of the picture"
    );
    // The next run (the same hour) tries it again.
    cdn.state
        .lock()
        .unwrap()
        .answers
        .insert("/slow.jpg".into(), Answer::Bytes(jpeg(64, 64)));
    run(&site, &["--now=2026-11-25T12:10:00Z", "fetch"]).success();
    assert_eq!(site.files("data/p0/media"), ["770_1.jpg", "770_1.webp"]);
}

/// post id → its `image` in group `slug`'s archive.
fn stored_images_of(site: &Site, slug: &str) -> Vec<Value> {
    site.files(&format!("data/{slug}"))
        .iter()
        .filter(|f| f.ends_with(".json") && *f != "group.json")
        .flat_map(|f| {
            site.json(&format!("data/{slug}/{f}"))["posts"]
                .as_array()
                .unwrap()
                .clone()
        })
        .filter(|p| !p["image"].is_null())
        .collect()
}

#[test]
fn a_picture_of_more_than_12_megapixels_is_refused_before_decoding() {
    // 52.8 megapixels, 158 MB as RGB: under the old 160 MiB decoding limit; the review's
    // 8 of them took 983 MB.
    let e = groupdigest::media::process(&png_declaring(11_000, 4_800), 640).unwrap_err();
    assert!(
        e.to_string()
            .contains("11000×4800 pixels, more than the 12 megapixels"),
        "{e}"
    );
    let e = groupdigest::media::process(&png_declaring(4_000, 3_001), 640).unwrap_err();
    assert!(e.to_string().contains("megapixels"), "{e}");
}

#[test]
fn a_closed_week_keeps_only_the_pictures_it_shows_and_only_as_webp() {
    let mut answers = HashMap::new();
    for name in ["flyer", "p2", "p3", "p5", "p6"] {
        answers.insert(format!("/{name}.jpg"), Answer::Bytes(jpeg(800, 600)));
    }
    let cdn = Cdn::start(answers);
    let url = |path: &str| format!("http://127.0.0.1:{}/{path}.jpg", cdn.addr.port());
    let site = Site::new();
    site.write(
        "site.toml",
        "[site]\nbase_url = \"https://x.github.io/d/\"\n[ranking]\ntop = 2\n\
         [media]\nhosts = [\"127.0.0.1\"]\n\
         [[groups]]\nid = \"g1\"\nslug = \"pics\"\nkind = \"import\"\nvisibility = \"public\"\npath = \"posts.jsonl\"\n",
    );
    // One week: two ranked places (four with the open week's margin), the most shared post
    // at place 5; posts 1 and 4 show the same flyer.
    let rows = [
        ("1", "flyer", 60, 0),
        ("2", "p2", 50, 0),
        ("3", "p3", 40, 0),
        ("4", "flyer", 30, 0),
        ("5", "p5", 20, 9),
        ("6", "p6", 10, 0),
    ];
    let lines: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(i, (id, pic, comments, shares))| {
            json!({"id": id, "text": format!("Post {id}"),
                   "created_time": format!("2026-11-{:02}T10:00:00Z", 17 + i),
                   "picture": url(pic), "comments": comments, "shares": shares})
            .to_string()
        })
        .collect();
    site.write("posts.jsonl", &(lines.join("\n") + "\n"));

    // The week is the previous one: open, its margin kept, with the bots' JPEGs.
    run(&site, &["--now=2026-11-25T12:00:00Z", "build"]).success();
    let mut open: Vec<String> = ["1", "2", "3", "5"]
        .iter()
        .flat_map(|s| {
            [
                format!("{s}.320w.webp"),
                format!("{s}.jpg"),
                format!("{s}.webp"),
            ]
        })
        .collect();
    open.sort();
    assert_eq!(site.files("data/pics/media"), open);
    assert_eq!(stored_images(&site).len(), 5, "post 6 is past the margin");

    // An older archive's copy of post 2: one JPEG, no WebP.
    let week = "data/pics/2026-11-16.json";
    let mut data = site.json(week);
    for p in data["posts"].as_array_mut().unwrap() {
        if p["id"] == "2" {
            p["image"] = json!({"file": "2.jpg", "width": 640, "height": 480});
        }
    }
    site.write(week, &serde_json::to_string_pretty(&data).unwrap());
    std::fs::remove_file(site.path("data/pics/media/2.webp")).unwrap();
    std::fs::remove_file(site.path("data/pics/media/2.320w.webp")).unwrap();
    let old_size: u64 = site
        .files("data/pics/media")
        .iter()
        .map(|f| {
            std::fs::metadata(site.path(&format!("data/pics/media/{f}")))
                .unwrap()
                .len()
        })
        .sum();

    // Two weeks on it is closed: the two ranked posts and the most shared keep WebPs only;
    // the flyer stays (post 1 shows it) though post 4 no longer names it.
    let build = run(&site, &["--now=2026-12-03T12:00:00Z", "build"]);
    build.success();
    assert!(
        build.stderr().contains("1 re-encoded as WebP"),
        "{}",
        build.stderr()
    );
    let mut closed: Vec<String> = ["1", "2", "5"]
        .iter()
        .flat_map(|s| [format!("{s}.320w.webp"), format!("{s}.webp")])
        .collect();
    closed.sort();
    assert_eq!(site.files("data/pics/media"), closed);
    let images = stored_images(&site);
    let mut with: Vec<&str> = images.keys().map(String::as_str).collect();
    with.sort();
    assert_eq!(with, ["1", "2", "5"]);
    for (id, image) in &images {
        assert_eq!(image["file"], format!("{id}.webp"));
        assert!(image["fallback"].is_null(), "{image}");
        assert_eq!(image["sizes"][0]["width"], 320, "{image}");
    }
    let new_size: u64 = closed
        .iter()
        .map(|f| {
            std::fs::metadata(site.path(&format!("data/pics/media/{f}")))
                .unwrap()
                .len()
        })
        .sum();
    assert!(new_size * 2 < old_size, "{new_size} of {old_size} bytes");
    // Published: exactly those; the closed week's bot files name the WebP.
    assert_eq!(site.files("public/pics/media"), closed);
    let digest = site.json("public/pics/2026-11-16/digest.json");
    assert_eq!(
        digest["posts"][0]["picture"],
        "https://x.github.io/d/pics/media/1.webp"
    );
    let page = site.read("public/pics/2026-11-16/index.html");
    assert!(page.contains(r#"src="../../pics/media/2.webp""#), "{page}");

    // Nothing left to do: the next run changes nothing.
    let before = site.tree("data");
    run(&site, &["--now=2026-12-03T18:00:00Z", "build"]).success();
    assert_eq!(site.tree("data"), before);

    // `forget` removes every copy of the post.
    run(&site, &["--now=2026-12-03T18:00:00Z", "forget", "2"]).success();
    assert_eq!(
        site.files("data/pics/media"),
        ["1.320w.webp", "1.webp", "5.320w.webp", "5.webp"]
    );
}
