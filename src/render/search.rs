//! Search: a static Pagefind index over the ranked posts of every group and week, built in
//! process and staged through `write::Output` like any other file.
//!
//! Each week becomes one small HTML document that never reaches `output_dir`: its meta
//! tags carry the group and the week, and each post is an element with `id="post-<id>"`
//! and a `data-pagefind-title` (its title and counts), so a hit comes back as a week with
//! one sub-result per matching post, linking to `<slug>/<key>/#post-<id>`. One document per
//! week rather than one record per post: Pagefind's metadata file, which every query
//! loads, grows with the number of documents, and adding a document scans the ones before
//! it, so 156,000 post records would be both slow to build and heavy to query. Only the
//! ranked posts are indexed, the ones a week page shows in full: on the 10,400-week
//! benchmark, indexing all 15 posts a week instead of the 5 ranked took the cold render
//! from 4.7 s to 11.4 s.
//!
//! The index is written under `pagefind/`; `search.js` (embedded) drives it from the
//! search box in `base.html`. Pagefind's own JS and WebAssembly come from the crate: no
//! network at build time or at query time.

use std::fmt::Write as _;
use std::sync::{mpsc, Mutex};

use anyhow::{anyhow, Context, Result};

use crate::model::Post;
use crate::write::Output;

/// The folder under `output_dir` that holds the index.
pub const DIR: &str = "pagefind";

/// Pagefind's files we serve: the search API, its worker and WebAssembly, and the index.
/// Its ready-made UIs and highlighter are left out (`search.js` draws the results).
fn wanted(name: &str) -> bool {
    !(name.starts_with("pagefind-ui")
        || name.starts_with("pagefind-modular-ui")
        || name.starts_with("pagefind-component-ui")
        || name.starts_with("pagefind-highlight")
        || name.starts_with("playground/"))
}

/// One week's searchable document, by the week page's path (`<slug>/<key>/`).
pub struct WeekDoc {
    path: String,
    html: String,
}

type Files = Vec<(String, Vec<u8>)>;
/// One group's weeks, by its slug.
type GroupDocs = (String, Vec<WeekDoc>);

/// The index, built on its own thread while the groups render: each group hands over its
/// weeks when it is done, and they are indexed in slug order whatever order the groups
/// finish in, so the index files are byte-identical from one render to the next (a warm
/// render leaves them untouched).
pub struct Indexer {
    tx: Mutex<Option<mpsc::Sender<GroupDocs>>>,
    thread: Mutex<Option<std::thread::JoinHandle<Result<Files>>>>,
}

impl Indexer {
    /// Starts the indexer for the groups `slugs`. `language` is the site's: every week
    /// goes into one index whatever its group's language, so that one query searches every
    /// group (Pagefind keeps one index per language and a page searches only its own).
    pub fn start(slugs: Vec<String>, language: &str) -> Indexer {
        let (tx, rx) = mpsc::channel();
        let language = language.to_string();
        // Its own thread and runtime: Pagefind's API is async, and the caller may already
        // be inside a runtime.
        let thread = std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .context("cannot start the search indexer")?
                .block_on(index(slugs, rx, language))
        });
        Indexer {
            tx: Mutex::new(Some(tx)),
            thread: Mutex::new(Some(thread)),
        }
    }

    /// One group's weeks, in period order.
    pub fn add_group(&self, slug: &str, docs: Vec<WeekDoc>) {
        if let Some(tx) = &*self.tx.lock().expect("search indexer lock") {
            // A send fails only when the indexer stopped on an error: `finish` reports it.
            let _ = tx.send((slug.to_string(), docs));
        }
    }

    /// Waits for the index and stages its files under `pagefind/`, and `search.js`.
    pub fn finish(&self, out: &Output) -> Result<()> {
        drop(self.tx.lock().expect("search indexer lock").take());
        let thread = self.thread.lock().expect("search indexer lock").take();
        let files = thread
            .context("the search index was already written")?
            .join()
            .map_err(|_| anyhow!("the search indexer panicked"))??;
        for (name, bytes) in files {
            if wanted(&name) {
                out.put(&format!("{DIR}/{name}"), &bytes)?;
            }
        }
        out.put("search.js", include_bytes!("search.js"))
    }
}

/// The document for one week page at `path` (`<slug>/<key>/`).
/// `posts` are the week's ranked posts, best first.
pub fn week_doc<'p>(
    path: &str,
    group: &str,
    week: &str,
    posts: impl IntoIterator<Item = &'p Post>,
) -> WeekDoc {
    let mut html = String::with_capacity(4096);
    html.push_str("<html><head>");
    let meta = |html: &mut String, key: &str, value: &str| {
        let _ = write!(
            html,
            "<meta data-pagefind-meta=\"{key}[content]\" content=\"{}\">",
            super::text::escape_html(value)
        );
    };
    meta(&mut html, "title", &format!("{group}: {week}"));
    meta(&mut html, "group", group);
    meta(&mut html, "week", week);
    html.push_str("</head><body>");
    for p in posts {
        let title = super::text::post_title(p, 100);
        // The counts ride on the sub-result's title (`search.js` splits off the last three
        // " · " parts): a meta field per post would make Pagefind's field list, which every
        // query loads, as long as the archive.
        let counts = super::text::post_counts(p);
        let _ = write!(
            html,
            "<article id=\"post-{}\" data-pagefind-title=\"{} · {counts}\"><p>{}</p></article>",
            super::text::escape_html(&p.id),
            super::text::escape_html(&title),
            super::text::escape_html(p.text().unwrap_or(&title))
        );
    }
    html.push_str("</body></html>");
    WeekDoc {
        path: path.to_string(),
        html,
    }
}

/// Fragment files at most: beyond this many weeks, several share one file (fewer files
/// to write; a query still loads only a few kilobytes of them).
const MAX_FRAGMENTS: u32 = 1000;

/// Indexes the groups' weeks as they arrive, in the order of `slugs`, and returns
/// Pagefind's files by path under its folder.
async fn index(
    mut slugs: Vec<String>,
    rx: mpsc::Receiver<GroupDocs>,
    language: String,
) -> Result<Files> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;
    let options = PagefindServiceConfig::builder()
        .force_language(language)
        .keep_index_url(false)
        .max_fragments(MAX_FRAGMENTS)
        .build();
    let mut index = PagefindIndex::new(Some(options)).context("cannot set up the search index")?;
    slugs.sort_unstable();
    let mut waiting: std::collections::HashMap<String, Vec<WeekDoc>> = Default::default();
    let mut next = 0;
    loop {
        // The next group in order, as soon as it has arrived; after the last message,
        // whatever is left (a group that never arrived failed the render anyway).
        let docs = match slugs.get(next).and_then(|s| waiting.remove(s)) {
            Some(docs) => docs,
            None => match rx.recv() {
                Ok((slug, docs)) => {
                    waiting.insert(slug, docs);
                    continue;
                }
                Err(_) if next < slugs.len() => {
                    next += 1;
                    continue;
                }
                Err(_) => break,
            },
        };
        next += 1;
        for doc in docs {
            index
                .add_html_file(None, Some(doc.path.clone()), doc.html)
                .await
                .with_context(|| format!("cannot index `{}` for search", doc.path))?;
        }
    }
    let files = index
        .get_files()
        .await
        .context("cannot build the search index")?;
    let mut files: Files = files
        .into_iter()
        .map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            (name, f.contents)
        })
        .collect();
    files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}
