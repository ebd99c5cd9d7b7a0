//! Search: a static index over every post of every listed group and week, built in
//! process while the groups render and staged through `write::Output` like any other file;
//! `search.js` (embedded) answers the search box from it with no server.
//!
//! The index is sharded so that a query loads a few small files, whatever the size of the
//! archive (the layout is in `docs/search.md`):
//!
//! - `search/index.json`: the format version, the index's folder, the post count, the
//!   shard count, the record chunk size and the groups. It is the only file a new build
//!   rewrites in place; everything else lives under a folder named by a hash of its
//!   content, so a cached index file is never mixed with a newer one.
//! - `search/<id>/t/<shard>.bin`: the terms whose first three letters (or first unspaced
//!   character, see `terms`) fall in that shard, each with its post count and, when short,
//!   its posting list; `p/<shard>-<n>.bin` holds a longer list (`postings`).
//! - `search/<id>/d/<chunk>.json`: the posts' records (group, week, post id, title,
//!   counts), `CHUNK` a file, by post id.
//!
//! Posts are numbered best first, by the ranking score, then newest first, so the first
//! ids of a query's matches are its best posts and only their records are fetched.
//!
//! Pagefind was the engine until the archive grew: on the 10,400-week benchmark it took
//! the cold render from 1.3 s to 5.1 s and to 500 MB of memory (about 1 µs a word), and
//! with one document a group-year instead of a week still 3.5 s. This index adds about
//! 0.4 s (figures in `docs/search.md`, from `bench_render`), searches every post instead
//! of the ranked ones, and finds words in Japanese text.

mod postings;
pub mod terms;

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use serde::Serialize;
use sha2::{Digest as _, Sha256};

use crate::config::RankingConfig;
use crate::model::Post;
use crate::write::Output;

/// The folder under `output_dir` that holds the index.
const DIR: &str = "search";

/// The format of the files, checked by `search.js`.
const VERSION: u32 = 1;

/// Records a chunk file holds: a query fetches the chunks of its ten best matches.
const CHUNK: usize = 32;

/// A posting list longer than this many bytes gets its own file, so that a shard stays
/// small and a query fetches only the long lists of its own terms.
const INLINE_MAX: usize = 256;

/// Bytes a shard aims at: its count is the index's inline size over this.
const SHARD_TARGET: usize = 16 * 1024;

/// One post as the index knows it.
struct Entry {
    week: u32,
    id: String,
    title: String,
    counts: [u64; 3],
    score: f64,
    time: i64,
}

/// One group's posts and terms, built on the thread that renders the group.
pub struct GroupIndex {
    slug: String,
    name: String,
    /// The group's language.
    lang: String,
    /// Each week's key and label, by `Entry::week`.
    weeks: Vec<(String, String)>,
    entries: Vec<Entry>,
    /// Each term's posts, by their place in `entries`, ascending.
    terms: HashMap<String, Vec<u32>, Fnv>,
    /// The folded text of the post being read (one buffer for them all).
    folded: String,
    /// Time spent reading the posts' words (on the group's thread).
    spent: Duration,
}

/// What `Indexer::finish` built, for the benchmark.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Posts indexed, distinct terms, and the index's files and their bytes.
    pub posts: usize,
    pub terms: usize,
    pub files: usize,
    pub bytes: u64,
    /// Time spent building it: reading words on the groups' threads, added up, and
    /// building the files.
    pub build: Duration,
}

impl GroupIndex {
    pub fn new(slug: &str, name: &str, lang: &str) -> GroupIndex {
        GroupIndex {
            slug: slug.to_string(),
            name: name.to_string(),
            lang: lang.to_string(),
            weeks: Vec::new(),
            entries: Vec::new(),
            terms: HashMap::default(),
            folded: String::new(),
            spent: Duration::ZERO,
        }
    }

    /// Adds every post of the week `key` (shown as `label`).
    pub fn add_week(
        &mut self,
        key: &str,
        label: &str,
        posts: &[Post],
        ranking: &RankingConfig,
        lang: &crate::i18n::Lang,
    ) {
        let started = Instant::now();
        let week = self.weeks.len() as u32;
        self.weeks.push((key.to_string(), label.to_string()));
        for post in posts {
            let local = self.entries.len() as u32;
            let title = super::text::post_title(post, 100, lang);
            let mut add = |t: &str| {
                let list = match self.terms.get_mut(t) {
                    Some(list) => list,
                    None => self.terms.entry(t.to_string()).or_default(),
                };
                if list.last() != Some(&local) {
                    list.push(local);
                }
            };
            // The title is the message's first line, or a label for a post without text.
            terms::each_in(&mut self.folded, post.text().unwrap_or(&title), &mut add);
            self.entries.push(Entry {
                week,
                id: post.id.clone(),
                title,
                counts: [post.comments, post.shares, post.reactions],
                score: crate::rank::score(post, ranking),
                time: post.created_time.timestamp(),
            });
        }
        self.spent += started.elapsed();
    }
}

/// The index, gathered while the groups render; `finish` builds and stages it.
#[derive(Default)]
pub struct Indexer {
    groups: Mutex<Vec<GroupIndex>>,
}

impl Indexer {
    /// One group's posts, once it is rendered.
    pub fn add_group(&self, group: GroupIndex) {
        self.groups.lock().expect("search index lock").push(group);
    }

    /// Builds the index from the groups added and stages its files and `search.js`.
    pub fn finish(&self, out: &Output, i18n: &crate::i18n::Catalog) -> Result<Stats> {
        let started = Instant::now();
        let mut groups = std::mem::take(&mut *self.groups.lock().expect("search index lock"));
        // Whatever order the groups finished in, the files are byte-identical run to run.
        groups.sort_unstable_by(|a, b| a.slug.cmp(&b.slug));
        let (files, terms) = build(&groups, i18n).context("cannot build the search index")?;
        let mut stats = Stats {
            posts: groups.iter().map(|g| g.entries.len()).sum(),
            terms,
            files: files.len(),
            ..Stats::default()
        };
        stats.bytes = files.iter().map(|(_, b)| b.len() as u64).sum();
        // Thousands of small files: staged on every core, as the groups' pages are.
        let chunks: Vec<&[(String, Vec<u8>)]> = files.chunks(256).collect();
        super::parallel_map(&chunks, |chunk| {
            let batch: Vec<(&str, &[u8])> = chunk
                .iter()
                .map(|(r, b)| (r.as_str(), b.as_slice()))
                .collect();
            out.put_all(&batch)
        })?;
        out.put("search.js", include_bytes!("search.js"))?;
        stats.build = started.elapsed() + groups.iter().map(|g| g.spent).sum::<Duration>();
        Ok(stats)
    }
}

/// The index.json file.
#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    index: &'a str,
    posts: usize,
    shards: u32,
    chunk: usize,
    groups: Vec<MetaGroup<'a>>,
    /// Per language of the site's pages: the plural templates of a result's counts and
    /// the box's texts.
    langs: BTreeMap<&'a str, LangCounts>,
}

#[derive(Serialize)]
struct MetaGroup<'a> {
    slug: &'a str,
    name: &'a str,
    /// The group's language and direction: its results are marked with them.
    lang: &'a str,
    dir: &'static str,
}

/// "{n} comments" per CLDR plural category of a language (search.js picks one with
/// `Intl.PluralRules` and puts the number in with `Intl.NumberFormat`).
#[derive(Serialize)]
struct LangCounts {
    comments: BTreeMap<&'static str, String>,
    shares: BTreeMap<&'static str, String>,
    reactions: BTreeMap<&'static str, String>,
    /// The box's status texts for a page in this language.
    #[serde(rename = "box")]
    texts: serde_json::Value,
}

/// Files by path, with their bytes.
type Files = Vec<(String, Vec<u8>)>;

/// A term's posting lists in the groups: each group's, by their places in its entries.
type GroupLists<'a> = Vec<(usize, &'a [u32])>;

/// `x`'s bits, ordered as `f64::total_cmp` orders the numbers.
fn ordered_bits(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// FNV-1a for the term maps: their keys are short words, hashed millions of times a render,
/// and never chosen by anyone who could aim for collisions that matter (a slow map at worst).
#[derive(Default, Clone, Copy)]
struct Fnv;

struct FnvHasher(u64);

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The index's files, by path under `output_dir`, and its count of distinct terms.
fn build(groups: &[GroupIndex], i18n: &crate::i18n::Catalog) -> Result<(Files, usize)> {
    // Post ids: best first, then newest, then by group and place (stable run to run).
    let mut order: Vec<(std::cmp::Reverse<u64>, std::cmp::Reverse<i64>, usize, usize)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| {
            group.entries.iter().enumerate().map(move |(e, entry)| {
                let score = std::cmp::Reverse(ordered_bits(entry.score));
                (score, std::cmp::Reverse(entry.time), g, e)
            })
        })
        .collect();
    order.sort_unstable();
    let order: Vec<(usize, usize)> = order.into_iter().map(|(_, _, g, e)| (g, e)).collect();
    let posts = order.len();
    let ids = u32::try_from(posts).context("more than 4 billion posts")?;
    let mut global: Vec<Vec<u32>> = groups.iter().map(|g| vec![0; g.entries.len()]).collect();
    for (id, &(g, e)) in (0..ids).zip(&order) {
        global[g][e] = id;
    }

    // Every term's posting list, by the new ids, encoded.
    let mut lists: HashMap<&str, GroupLists, Fnv> = HashMap::default();
    for (g, group) in groups.iter().enumerate() {
        for (term, locals) in &group.terms {
            lists.entry(term.as_str()).or_default().push((g, locals));
        }
    }
    let mut lists: Vec<(&str, GroupLists)> = lists.into_iter().collect();
    lists.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let encoded: Vec<(&str, u32, Vec<u8>)> = super::parallel_map(&lists, |(term, parts)| {
        let count: usize = parts.iter().map(|(_, l)| l.len()).sum();
        let global = &global;
        let ids = parts
            .iter()
            .flat_map(|&(g, locals)| locals.iter().map(move |&l| global[g][l as usize]));
        Ok((
            *term,
            count as u32,
            postings::encode_unordered(ids, count, posts),
        ))
    })?;

    let inline_bytes: usize = encoded
        .iter()
        .map(|(t, _, b)| t.len() + 8 + if b.len() <= INLINE_MAX { b.len() } else { 0 })
        .sum();
    let shards = u32::try_from(inline_bytes.div_ceil(SHARD_TARGET).clamp(1, 1 << 16))
        .expect("at most 65,536 shards");
    let mut shard_terms: Vec<Vec<&(&str, u32, Vec<u8>)>> = vec![Vec::new(); shards as usize];
    for e in &encoded {
        shard_terms[terms::shard_of(e.0, shards) as usize].push(e);
    }

    // Files under the index's folder, by their path in it.
    let mut files: Files = Vec::new();
    for (shard, entries) in shard_terms.iter().enumerate() {
        let mut bytes = Vec::new();
        postings::varint(&mut bytes, entries.len() as u64);
        let mut long = 0u64;
        for (term, count, blob) in entries.iter().copied() {
            postings::varint(&mut bytes, term.len() as u64);
            bytes.extend_from_slice(term.as_bytes());
            postings::varint(&mut bytes, u64::from(*count));
            if blob.len() <= INLINE_MAX {
                postings::varint(&mut bytes, (blob.len() as u64) << 1);
                bytes.extend_from_slice(blob);
            } else {
                postings::varint(&mut bytes, (long << 1) | 1);
                files.push((format!("p/{shard}-{long}.bin"), blob.clone()));
                long += 1;
            }
        }
        files.push((format!("t/{shard}.bin"), bytes));
    }
    let chunks: Vec<&[(usize, usize)]> = order.chunks(CHUNK).collect();
    let records = super::parallel_map(&chunks, |ids| {
        // A record: [group, week key, week label, post id, title, [comments, shares,
        // reactions]] (search.js words the counts as the week page does).
        let records: Vec<_> = ids
            .iter()
            .map(|&(g, e)| {
                let entry = &groups[g].entries[e];
                let (key, label) = &groups[g].weeks[entry.week as usize];
                (g, key, label, &entry.id, &entry.title, &entry.counts)
            })
            .collect();
        Ok(serde_json::to_vec(&records)?)
    })?;
    for (chunk, bytes) in records.into_iter().enumerate() {
        files.push((format!("d/{chunk}.json"), bytes));
    }
    let mut hash = Sha256::new();
    for (rel, bytes) in &files {
        hash.update(rel.as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    }
    let index = hex::encode(&hash.finalize()[..6]);
    let meta = Meta {
        version: VERSION,
        index: &index,
        posts,
        shards,
        chunk: CHUNK,
        groups: groups
            .iter()
            .map(|g| MetaGroup {
                slug: &g.slug,
                name: &g.name,
                lang: &g.lang,
                dir: crate::i18n::direction(&g.lang),
            })
            .collect(),
        langs: i18n
            .tags()
            .into_iter()
            .map(|tag| {
                let lang = i18n.get(tag);
                let counts = |kind| crate::i18n::count_templates(&lang, kind);
                (
                    tag,
                    LangCounts {
                        comments: counts(crate::i18n::Count::Comments),
                        shares: counts(crate::i18n::Count::Shares),
                        reactions: counts(crate::i18n::Count::Reactions),
                        texts: crate::i18n::search_texts(&lang),
                    },
                )
            })
            .collect(),
    };
    let mut out: Files = files
        .into_iter()
        .map(|(rel, bytes)| (format!("{DIR}/{index}/{rel}"), bytes))
        .collect();
    out.push((format!("{DIR}/index.json"), serde_json::to_vec(&meta)?));
    Ok((out, encoded.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(id: &str, text: &str, comments: u64) -> Post {
        Post {
            id: id.into(),
            created_time: chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap(),
            message: Some(text.into()),
            permalink_url: None,
            picture: None,
            comments,
            shares: 0,
            reactions: 0,
            image: None,
        }
    }

    /// The terms of the shard files among `files`, with their decoded posting lists.
    fn read_terms(files: &Files) -> HashMap<String, Vec<u32>> {
        let file = |rel: &str| {
            let found = files.iter().find(|(r, _)| r.ends_with(rel));
            found.map(|(_, bytes)| bytes.as_slice()).unwrap()
        };
        let mut found = HashMap::new();
        for (rel, bytes) in files {
            let Some((_, shard)) = rel.rsplit_once("/t/") else {
                continue;
            };
            let shard = shard.trim_end_matches(".bin");
            let mut at = 0;
            let read = |at: &mut usize| {
                let (mut n, mut shift) = (0u64, 0);
                loop {
                    let b = bytes[*at];
                    *at += 1;
                    n |= u64::from(b & 0x7f) << shift;
                    shift += 7;
                    if b & 0x80 == 0 {
                        return n as usize;
                    }
                }
            };
            for _ in 0..read(&mut at) {
                let len = read(&mut at);
                let term = std::str::from_utf8(&bytes[at..at + len])
                    .unwrap()
                    .to_string();
                at += len;
                let count = read(&mut at);
                let place = read(&mut at);
                let blob = if place & 1 == 0 {
                    at += place >> 1;
                    &bytes[at - (place >> 1)..at]
                } else {
                    file(&format!("/p/{shard}-{}.bin", place >> 1))
                };
                let list = postings::decode(blob).unwrap();
                assert_eq!(list.len(), count, "{term}");
                found.insert(term, list);
            }
        }
        found
    }

    #[test]
    fn posts_are_numbered_best_first_and_every_term_lists_its_posts() {
        let ranking = RankingConfig::default();
        let catalog = crate::i18n::Catalog::bundled_only(&["en", "ja"]);
        let en = catalog.get("en");
        let mut a = GroupIndex::new("a", "Group A", "en");
        a.add_week(
            "2026-11-16",
            "16 Nov",
            &[
                post("a1", "Café meetup", 1),
                post("a2", "Tokyo 東京都 meetup", 9),
            ],
            &ranking,
            &en,
        );
        let mut b = GroupIndex::new("b", "Group B", "ja");
        b.add_week(
            "2026-11-16",
            "16 Nov",
            &[post("b1", "cafe", 5)],
            &ranking,
            &en,
        );
        let (files, _) = build(&[a, b], &catalog).unwrap();
        let meta: serde_json::Value = serde_json::from_slice(
            &files
                .iter()
                .find(|(r, _)| r == "search/index.json")
                .unwrap()
                .1,
        )
        .unwrap();
        assert_eq!(meta["posts"], 3);
        // Each group says its language; each language its counts' plural forms.
        assert_eq!(meta["groups"][1]["lang"], "ja");
        assert_eq!(meta["groups"][0]["dir"], "ltr");
        assert_eq!(meta["langs"]["en"]["comments"]["one"], "{n} comment");
        assert_eq!(meta["langs"]["ja"]["shares"]["other"], "シェア{n}件");
        let index = meta["index"].as_str().unwrap();
        let records: serde_json::Value = serde_json::from_slice(
            &files
                .iter()
                .find(|(r, _)| *r == format!("search/{index}/d/0.json"))
                .unwrap()
                .1,
        )
        .unwrap();
        // a2 (9 comments), then b1 (5), then a1 (1).
        let ids: Vec<_> = records
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r[3].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["a2", "b1", "a1"]);
        assert_eq!(records[1][0], 1, "b1 is in the second group");
        let terms = read_terms(&files);
        assert_eq!(terms["cafe"], [1, 2]);
        assert_eq!(terms["meetup"], [0, 2]);
        assert_eq!(terms["東京"], [0]);
        assert_eq!(terms["京都"], [0]);
    }

    #[test]
    fn long_lists_get_their_own_files_and_the_index_is_the_same_run_to_run() {
        let ranking = RankingConfig::default();
        let catalog = crate::i18n::Catalog::bundled_only(&["en"]);
        let en = catalog.get("en");
        let group = || {
            let mut g = GroupIndex::new("g", "G", "en");
            let posts: Vec<Post> = (0..3000)
                .map(|i| post(&format!("p{i}"), &format!("common word{i}"), i % 7))
                .collect();
            g.add_week("2026-11-16", "16 Nov", &posts, &ranking, &en);
            g
        };
        let (files, terms) = build(&[group()], &catalog).unwrap();
        assert_eq!(terms, 3001, "common and word0..word2999");
        assert!(
            files.iter().any(|(r, _)| r.contains("/p/")),
            "a long list has its file"
        );
        let found = read_terms(&files);
        assert_eq!(found["common"].len(), 3000);
        assert_eq!(found["word42"].len(), 1);
        assert_eq!(files, build(&[group()], &catalog).unwrap().0);
    }
}
