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
//!   counts, text), `chunk_size` a file, by post id.
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
pub mod snowball;
pub mod terms;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use serde::Serialize;
use sha2::{Digest as _, Sha256};

use crate::config::RankingConfig;
use crate::model::Post;
use crate::write::Output;
use snowball::Stemmer;

/// The folder under `output_dir` that holds the index.
const DIR: &str = "search";

/// The folder under `output_dir` of the Snowball stemmers `search.js` loads, one file a
/// language the site's groups are written in, and their runtime.
const STEM_DIR: &str = "search-stem";

/// The format of the files, checked by `search.js`.
const VERSION: u32 = 2;

/// Records a chunk file holds: a query fetches the chunks of its ten best matches, which
/// relevance scatters over the archive, so a chunk is small; in a large archive twice
/// as large, which halves its thousands of files (`chunk_size`).
const CHUNK: usize = 8;

/// Posts from which an archive's chunks hold `2 * CHUNK` records.
const LARGE: usize = 50_000;

/// The records a chunk holds in an index of `posts` posts.
fn chunk_size(posts: usize) -> usize {
    if posts >= LARGE {
        2 * CHUNK
    } else {
        CHUNK
    }
}

/// A posting list longer than this many bytes gets its own file, so that a shard stays
/// small and a query fetches only the long lists of its own terms.
const INLINE_MAX: usize = 256;

/// Bytes a shard aims at: its count is the index's inline size over this.
const SHARD_TARGET: usize = 8 * 1024;

/// One post as the index knows it: what orders it, and where its record (see `record`)
/// ends in its group's `records` (it starts where the previous one ends).
struct Entry {
    week: u32,
    end: u32,
    score: f64,
    time: i64,
}

/// The posts of one group holding a term, by their place in its entries: ascending
/// varint gaps (a byte a post for common words, a quarter of a `u32`).
#[derive(Default)]
struct Locals {
    /// The gaps, or once the group is read and they are dense (`bitmap`), a bitmap of
    /// places (bit `i % 8` of byte `i / 8`): a bit a post instead of a byte.
    gaps: Vec<u8>,
    bitmap: bool,
    /// The last place added, plus one (0: none yet).
    last: u32,
    count: u32,
    /// The term's stem key (`terms::stem_key`) in the group's language, if it has one.
    stem: Option<Box<str>>,
}

impl Locals {
    fn push(&mut self, local: u32) {
        if self.last == local + 1 {
            return;
        }
        let gap = local + 1 - self.last;
        postings::varint(&mut self.gaps, u64::from(gap));
        self.last = local + 1;
        self.count += 1;
    }

    /// Turns dense gaps into a bitmap of `places` bits, when that is smaller.
    fn compact(&mut self, places: usize) {
        if self.bitmap || self.gaps.len() <= places.div_ceil(8) {
            self.gaps.shrink_to_fit();
            return;
        }
        let mut bits = vec![0u8; places.div_ceil(8)];
        for i in self.iter() {
            bits[i as usize / 8] |= 1 << (i % 8);
        }
        self.gaps = bits;
        self.bitmap = true;
    }

    fn iter(&self) -> Box<dyn Iterator<Item = u32> + '_> {
        if self.bitmap {
            return Box::new(self.gaps.iter().enumerate().flat_map(|(i, &b)| {
                (0..8u32)
                    .filter(move |bit| b & (1 << bit) != 0)
                    .map(move |bit| i as u32 * 8 + bit)
            }));
        }
        let mut at = 0;
        let mut prev = 0u32;
        Box::new(std::iter::from_fn(move || {
            let (mut n, mut shift) = (0u32, 0);
            loop {
                let b = *self.gaps.get(at)?;
                at += 1;
                n |= u32::from(b & 0x7f) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            prev += n;
            Some(prev - 1)
        }))
    }
}

/// One group's posts and terms, built on the thread that renders the group.
pub struct GroupIndex {
    slug: String,
    name: String,
    /// The group's language.
    lang: String,
    /// The group's language code and its stemmer, when Snowball has one.
    stemmer: Option<(String, Stemmer)>,
    /// Each week's key and label, by `Entry::week`.
    weeks: Vec<(String, String)>,
    entries: Vec<Entry>,
    /// Each term's posts.
    terms: HashMap<String, Locals, Fnv>,
    /// The posts' records but for group and week, one after the other (one allocation
    /// for them all rather than one a post).
    records: String,
    /// Time spent reading the posts' words (on the group's thread).
    spent: Duration,
}

/// What `Indexer::finish` built, for the benchmark.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Posts indexed, distinct terms (stem keys included), and the index's files and
    /// their bytes.
    pub posts: usize,
    pub terms: usize,
    pub files: usize,
    pub bytes: u64,
    /// Time spent building it: reading words on the groups' threads, added up, and
    /// building the files.
    pub build: Duration,
}

impl GroupIndex {
    /// A group's index; `language` is its pages' language tag, whose stemmer (if any)
    /// gives the posts' words their stem keys.
    pub fn new(slug: &str, name: &str, language: &str) -> GroupIndex {
        let code = language.split(['-', '_']).next().unwrap_or_default();
        GroupIndex {
            slug: slug.to_string(),
            name: name.to_string(),
            lang: language.to_string(),
            stemmer: snowball::for_language(language).map(|s| (code.to_ascii_lowercase(), s)),
            weeks: Vec::new(),
            entries: Vec::new(),
            terms: HashMap::default(),
            records: String::new(),
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
            let stemmer = &self.stemmer;
            let mut add = |t: &str, raw: &str| {
                let locals = match self.terms.get_mut(t) {
                    Some(locals) => locals,
                    None => {
                        let stem = stemmer.as_ref().and_then(|(code, s)| {
                            terms::stem_key(s, code, raw, t).map(String::into_boxed_str)
                        });
                        self.terms.entry(t.to_string()).or_insert(Locals {
                            stem,
                            ..Locals::default()
                        })
                    }
                };
                locals.push(local);
            };
            // The title is the message's first line; a post without text is found by its shared
            // link's title or domain, or by its label.
            let text = post.text();
            terms::each_word(text.unwrap_or(&title), &mut add);
            record(&mut self.records, post, &title, text);
            self.entries.push(Entry {
                week,
                // A group holds far less than 4 GB of text.
                end: u32::try_from(self.records.len()).unwrap_or(u32::MAX),
                score: crate::rank::score(post, ranking),
                time: post.created_time.timestamp(),
            });
        }
        self.spent += started.elapsed();
    }
}

/// A post's record but for its group and week: `"<post id>","<title>",[comments,shares,
/// reactions],<text>`, where `<text>` is the text after the title when the text starts
/// with it (`""` when the title is all of it), else `["<the whole text>"]`; `""` for a
/// post without text.
fn record(out: &mut String, post: &Post, title: &str, text: Option<&str>) {
    json_string(out, &post.id);
    out.push(',');
    json_string(out, title);
    let _ = write!(
        out,
        ",[{},{},{}],",
        post.comments, post.shares, post.reactions
    );
    match text {
        None => out.push_str("\"\""),
        Some(text) => match text.strip_prefix(title) {
            Some(rest) => json_string(out, rest),
            None => {
                out.push('[');
                json_string(out, text);
                out.push(']');
            }
        },
    }
}

/// Appends `s` as a JSON string (as serde_json writes it).
fn json_string(out: &mut String, s: &str) {
    out.push('"');
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(escape);
        }
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out.push('"');
}

/// The index, gathered while the groups render; `finish` builds and stages it.
#[derive(Default)]
pub struct Indexer {
    groups: Mutex<Vec<GroupIndex>>,
    /// The site's language: a query is stemmed in it too, besides the groups' languages.
    site_language: String,
}

impl Indexer {
    /// An index for a site whose pages are in `language` (`site.language`).
    pub fn new(language: &str) -> Indexer {
        Indexer {
            site_language: language.to_string(),
            ..Indexer::default()
        }
    }

    /// One group's posts, once it is rendered.
    pub fn add_group(&self, mut group: GroupIndex) {
        group.entries.shrink_to_fit();
        group.records.shrink_to_fit();
        let places = group.entries.len();
        for locals in group.terms.values_mut() {
            locals.compact(places);
        }
        self.groups.lock().expect("search index lock").push(group);
    }

    /// Builds the index from the groups added and stages its files, `search.js` and the
    /// stemmers of the groups' languages.
    pub fn finish(&self, out: &Output, i18n: &crate::i18n::Catalog) -> Result<Stats> {
        let started = Instant::now();
        let mut groups = std::mem::take(&mut *self.groups.lock().expect("search index lock"));
        // Whatever order the groups finished in, the files are byte-identical run to run.
        groups.sort_unstable_by(|a, b| a.slug.cmp(&b.slug));
        let spent = groups.iter().map(|g| g.spent).sum::<Duration>();
        let stats = build(groups, &self.site_language, i18n, out)
            .context("cannot build the search index")?;
        out.put("search.js", include_bytes!("search.js"))?;
        Ok(Stats {
            build: started.elapsed() + spent,
            ..stats
        })
    }
}

/// Stages `files` on every core, as the groups' pages are (there are thousands).
fn stage(out: &Output, files: &[(String, Vec<u8>)]) -> Result<()> {
    let chunks: Vec<&[(String, Vec<u8>)]> = files.chunks(256).collect();
    super::parallel_map(&chunks, |chunk| {
        let batch: Vec<(&str, &[u8])> = chunk
            .iter()
            .map(|(r, b)| (r.as_str(), b.as_slice()))
            .collect();
        out.put_all(&batch)
    })?;
    Ok(())
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
    /// The languages a query is stemmed in: the groups' and the site's.
    stemmers: Vec<MetaStemmer<'a>>,
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

#[derive(Serialize)]
struct MetaStemmer<'a> {
    lang: &'a str,
    stemmer: &'a str,
}

#[derive(Serialize)]
struct MetaGroup<'a> {
    slug: &'a str,
    name: &'a str,
    /// The group's language and direction: its results are marked with them.
    lang: &'a str,
    dir: &'static str,
    /// The language code of the group's stem keys and its stemmer's file
    /// (`search-stem/<stemmer>-stemmer.js`), when its language has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    stem: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stemmer: Option<&'a str>,
}

/// Files by path, with their bytes.
type Files = Vec<(String, Vec<u8>)>;

/// A key's posting lists in the groups: each group's posts holding it.
type GroupLists<'a> = Vec<(usize, &'a Locals)>;

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

/// Builds the index of `groups` and stages it in `out`.
///
/// Memory: the terms' lists are encoded first and each group's terms dropped; the record
/// chunks (the bulk of the bytes) are never all held at once: they are made once to hash
/// them, for the folder's name, and again to stage them.
fn build(
    mut groups: Vec<GroupIndex>,
    site_language: &str,
    i18n: &crate::i18n::Catalog,
    out: &Output,
) -> Result<Stats> {
    let (files, terms, index, meta) = build_lists(&mut groups)?;
    let mut stats = Stats {
        posts: meta.1,
        terms,
        files: files.len() + meta.0.len().div_ceil(chunk_size(meta.1)) + 1,
        ..Stats::default()
    };
    let order = meta.0;
    let chunks: Vec<Chunk> = order.chunks(chunk_size(stats.posts)).collect();
    let groups = &groups;
    let chunk_bytes = |ids: &[(u32, u32)]| -> Vec<u8> {
        // A record: [group, week key, week label, post id, title, [comments, shares,
        // reactions], text] (search.js words the counts as the week page does).
        let mut json = String::from("[");
        for (i, &(g, e)) in ids.iter().enumerate() {
            let group = &groups[g as usize];
            let entry = &group.entries[e as usize];
            let (key, label) = &group.weeks[entry.week as usize];
            if i > 0 {
                json.push(',');
            }
            let _ = write!(json, "[{g},");
            json_string(&mut json, key);
            json.push(',');
            json_string(&mut json, label);
            json.push(',');
            let start = match e {
                0 => 0,
                e => group.entries[e as usize - 1].end as usize,
            };
            json.push_str(&group.records[start..entry.end as usize]);
            json.push(']');
        }
        json.push(']');
        json.into_bytes()
    };
    // The folder's name: a hash of every file's path and bytes.
    let mut hash = index;
    let digests = super::parallel_map(&chunks, |ids| {
        let bytes = chunk_bytes(ids);
        Ok((bytes.len() as u64, Sha256::digest(&bytes)))
    })?;
    for (chunk, (len, digest)) in digests.iter().enumerate() {
        hash.update(format!("d/{chunk}.json").as_bytes());
        hash.update(len.to_le_bytes());
        hash.update(digest);
        stats.bytes += len;
    }
    let id = hex::encode(&hash.finalize()[..6]);
    stats.bytes += files.iter().map(|(_, b)| b.len() as u64).sum::<u64>();
    let files: Files = files
        .into_iter()
        .map(|(rel, bytes)| (format!("{DIR}/{id}/{rel}"), bytes))
        .collect();
    stage(out, &files)?;
    drop(files);
    let batches: Vec<(usize, &[Chunk])> = chunks
        .chunks(64)
        .enumerate()
        .map(|(i, batch)| (i * 64, batch))
        .collect();
    super::parallel_map(&batches, |&(at, batch)| {
        let files: Files = batch
            .iter()
            .enumerate()
            .map(|(i, ids)| (format!("{DIR}/{id}/d/{}.json", at + i), chunk_bytes(ids)))
            .collect();
        let refs: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(r, b)| (r.as_str(), b.as_slice()))
            .collect();
        out.put_all(&refs)
    })?;
    // The stemmers of the groups' languages and the site's, and their runtime.
    let site = snowball::for_language(site_language).map(|s| {
        let code = site_language.split(['-', '_']).next().unwrap_or_default();
        (code.to_ascii_lowercase(), s)
    });
    let mut stemmers: Vec<&(String, Stemmer)> = groups
        .iter()
        .filter_map(|g| g.stemmer.as_ref())
        .chain(site.as_ref())
        .collect();
    stemmers.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    stemmers.dedup_by(|a, b| a.0 == b.0);
    let meta = Meta {
        version: VERSION,
        index: &id,
        posts: stats.posts,
        shards: meta.2,
        chunk: chunk_size(stats.posts),
        groups: groups
            .iter()
            .map(|g| MetaGroup {
                slug: &g.slug,
                name: &g.name,
                lang: &g.lang,
                dir: crate::i18n::direction(&g.lang),
                stem: g.stemmer.as_ref().map(|(code, _)| code.as_str()),
                stemmer: g.stemmer.as_ref().map(|(_, s)| s.name),
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
        stemmers: stemmers
            .iter()
            .map(|(code, s)| MetaStemmer {
                lang: code,
                stemmer: s.name,
            })
            .collect(),
    };
    let meta_bytes = serde_json::to_vec(&meta)?;
    stats.bytes += meta_bytes.len() as u64;
    out.put(&format!("{DIR}/index.json"), &meta_bytes)?;
    if !stemmers.is_empty() {
        out.put(&format!("{STEM_DIR}/base-stemmer.js"), &snowball::base_js())?;
    }
    for (_, s) in stemmers {
        out.put(&format!("{STEM_DIR}/{}-stemmer.js", s.name), &s.js())?;
    }
    Ok(stats)
}

/// The posts of one record chunk, as (group, place).
type Chunk<'a> = &'a [(u32, u32)];

/// What `build_lists` leaves for the records: the posts by id (group, place) and their
/// count, and the shard count.
type Order = (Vec<(u32, u32)>, usize, u32);

/// Numbers the posts, encodes every key's posting list and lays out the shards and long
/// lists (paths under the index's folder); drops the groups' terms. Returns those files,
/// the count of keys, the hash of the files so far, and the order.
fn build_lists(groups: &mut [GroupIndex]) -> Result<(Files, usize, Sha256, Order)> {
    // Post ids: best first, then newest, then by group and place (stable run to run).
    let mut order: Vec<(std::cmp::Reverse<u64>, std::cmp::Reverse<i64>, u32, u32)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| {
            group.entries.iter().enumerate().map(move |(e, entry)| {
                let score = std::cmp::Reverse(ordered_bits(entry.score));
                (score, std::cmp::Reverse(entry.time), g as u32, e as u32)
            })
        })
        .collect();
    order.sort_unstable();
    let order: Vec<(u32, u32)> = order.into_iter().map(|(_, _, g, e)| (g, e)).collect();
    let posts = order.len();
    let ids = u32::try_from(posts).context("more than 4 billion posts")?;
    let mut global: Vec<Vec<u32>> = groups.iter().map(|g| vec![0; g.entries.len()]).collect();
    for (id, &(g, e)) in (0..ids).zip(&order) {
        global[g as usize][e as usize] = id;
    }

    // Every key's posting list, by the new ids, encoded: the terms, and the stem keys
    // (a stem key's list gathers the lists of the group's terms with that stem).
    let mut lists: HashMap<&str, GroupLists, Fnv> = HashMap::default();
    for (g, group) in groups.iter().enumerate() {
        for (term, locals) in &group.terms {
            lists.entry(term.as_str()).or_default().push((g, locals));
            if let Some(stem) = &locals.stem {
                lists.entry(stem).or_default().push((g, locals));
            }
        }
    }
    let mut lists: Vec<(&str, GroupLists)> = lists.into_iter().collect();
    lists.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let encoded: Vec<(String, u32, Vec<u8>)> = super::parallel_map(&lists, |(term, parts)| {
        let global = &global;
        let ids = parts
            .iter()
            .flat_map(|&(g, locals)| locals.iter().map(move |l| global[g][l as usize]));
        let stem = term.contains(terms::STEM_MARK);
        let (count, blob) = if stem && parts.len() > 1 {
            // Two terms of a group may share a post: gathered, then counted.
            let mut all: Vec<u32> = ids.collect();
            all.sort_unstable();
            all.dedup();
            (all.len(), postings::encode(&all))
        } else {
            let count: usize = parts.iter().map(|(_, l)| l.count as usize).sum();
            (count, postings::encode_unordered(ids, count, posts))
        };
        Ok((term.to_string(), count as u32, blob))
    })?;
    drop(lists);
    for group in groups.iter_mut() {
        group.terms = HashMap::default();
    }

    let inline_bytes: usize = encoded
        .iter()
        .map(|(t, _, b)| t.len() + 8 + if b.len() <= INLINE_MAX { b.len() } else { 0 })
        .sum();
    let shards = u32::try_from(inline_bytes.div_ceil(SHARD_TARGET).clamp(1, 1 << 16))
        .expect("at most 65,536 shards");
    let keys = encoded.len();
    let mut shard_terms: Vec<Vec<(String, u32, Vec<u8>)>> = vec![Vec::new(); shards as usize];
    for e in encoded {
        let shard = terms::shard_of(&e.0, shards) as usize;
        shard_terms[shard].push(e);
    }

    // Files under the index's folder, by their path in it.
    let mut files: Files = Vec::new();
    for (shard, entries) in shard_terms.into_iter().enumerate() {
        let mut bytes = Vec::new();
        postings::varint(&mut bytes, entries.len() as u64);
        let mut long = 0u64;
        for (term, count, blob) in entries {
            postings::varint(&mut bytes, term.len() as u64);
            bytes.extend_from_slice(term.as_bytes());
            postings::varint(&mut bytes, u64::from(count));
            if blob.len() <= INLINE_MAX {
                postings::varint(&mut bytes, (blob.len() as u64) << 1);
                bytes.extend_from_slice(&blob);
            } else {
                postings::varint(&mut bytes, (long << 1) | 1);
                files.push((format!("p/{shard}-{long}.bin"), blob));
                long += 1;
            }
        }
        files.push((format!("t/{shard}.bin"), bytes));
    }
    let mut hash = Sha256::new();
    for (rel, bytes) in &files {
        hash.update(rel.as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    }
    Ok((files, keys, hash, (order, posts, shards)))
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
            link: None,
            image: None,
        }
    }

    /// The files `build` stages for `groups`, by path, sorted.
    fn built(groups: Vec<GroupIndex>) -> Files {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        let out = Output::open(&root, &dir.path().join(".groupdigest")).unwrap();
        let catalog = crate::i18n::Catalog::bundled_only(&["en", "es", "ja"]);
        build(groups, "en", &catalog, &out).unwrap();
        out.commit().unwrap();
        let mut files = Vec::new();
        let mut stack = vec![root.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let rel = p
                        .strip_prefix(&root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    files.push((rel, std::fs::read(&p).unwrap()));
                }
            }
        }
        files.sort();
        files
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
        let mut a = GroupIndex::new("a", "Group A", "en");
        a.add_week(
            "2026-11-16",
            "16 Nov",
            &[
                post("a1", "Café meetup", 1),
                post("a2", "Tokyo 東京都 meetup", 9),
            ],
            &ranking,
            &crate::i18n::Catalog::bundled_only(&["en"]).get("en"),
        );
        let mut b = GroupIndex::new("b", "Group B", "ja");
        b.add_week(
            "2026-11-16",
            "16 Nov",
            &[post("b1", "cafe", 5)],
            &ranking,
            &crate::i18n::Catalog::bundled_only(&["en"]).get("en"),
        );
        let files = built(vec![a, b]);
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
    fn a_record_is_json_as_serde_writes_it() {
        for s in [
            "plain",
            "quote \" back \\ nl \n tab \t cr \r",
            "\u{1} \u{1f} \u{7f} é 東京 🦀",
        ] {
            let mut out = String::new();
            json_string(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap());
        }
        let p = post("p1", "Title\nmore", 2);
        let mut json = String::from("[");
        record(&mut json, &p, "Title", p.text());
        json.push(']');
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v, serde_json::json!(["p1", "Title", [2, 0, 0], "\nmore"]));
    }

    #[test]
    fn a_word_gets_a_stem_key_in_its_groups_language_only() {
        let ranking = RankingConfig::default();
        let mut en = GroupIndex::new("en", "English", "en-GB");
        en.add_week(
            "2026-11-16",
            "16 Nov",
            &[post("e1", "Two meetups", 2), post("e2", "One meetup", 1)],
            &ranking,
            &crate::i18n::Catalog::bundled_only(&["en"]).get("en"),
        );
        let mut es = GroupIndex::new("es", "Español", "es");
        es.add_week(
            "2026-11-16",
            "16 Nov",
            &[post("s1", "Vacantes y canciones", 3)],
            &ranking,
            &crate::i18n::Catalog::bundled_only(&["en"]).get("en"),
        );
        let mut ja = GroupIndex::new("ja", "日本", "ja");
        ja.add_week(
            "2026-11-16",
            "16 Nov",
            &[post("j1", "meetups", 0)],
            &ranking,
            &crate::i18n::Catalog::bundled_only(&["en"]).get("en"),
        );
        let files = built(vec![en, es, ja]);
        let terms = read_terms(&files);
        // Ids: s1 (3), e1 (2), e2 (1), j1 (0).
        assert_eq!(terms["meetup\u{1}en"], [1], "meetups stems to meetup");
        assert_eq!(terms["meetups"], [1, 3], "as written, in both groups");
        assert!(
            !terms.contains_key("meetup\u{1}ja"),
            "Japanese has no stemmer"
        );
        assert_eq!(terms["vacant\u{1}es"], [0]);
        // A stem is taken of the word as written: canción's and canciones' agree.
        assert_eq!(terms["cancion\u{1}es"], [0]);
        let meta: serde_json::Value = serde_json::from_slice(
            &files
                .iter()
                .find(|(r, _)| r == "search/index.json")
                .unwrap()
                .1,
        )
        .unwrap();
        assert_eq!(meta["groups"][0]["stemmer"], "english");
        assert_eq!(meta["groups"][2].get("stemmer"), None);
        assert_eq!(
            meta["stemmers"],
            serde_json::json!([{"lang": "en", "stemmer": "english"}, {"lang": "es", "stemmer": "spanish"}])
        );
        // Only the stemmers the site uses are written, served smaller than generated.
        let js: Vec<&str> = files
            .iter()
            .filter(|(r, _)| r.starts_with("search-stem/"))
            .map(|(r, _)| r.as_str())
            .collect();
        assert_eq!(
            js,
            [
                "search-stem/base-stemmer.js",
                "search-stem/english-stemmer.js",
                "search-stem/spanish-stemmer.js"
            ]
        );
        let english = &files
            .iter()
            .find(|(r, _)| r.ends_with("english-stemmer.js"))
            .unwrap()
            .1;
        let english = std::str::from_utf8(english).unwrap();
        assert!(english.starts_with("// Generated from english.sbl by Snowball 3.1.1"));
        assert!(english.contains("BSD licence"));
        assert!(!english.contains("/*") && !english.contains("\n    "));
    }

    #[test]
    fn long_lists_get_their_own_files_and_the_index_is_the_same_run_to_run() {
        let ranking = RankingConfig::default();
        let group = || {
            let mut g = GroupIndex::new("g", "G", "ja");
            let posts: Vec<Post> = (0..3000)
                .map(|i| post(&format!("p{i}"), &format!("common word{i}"), i % 7))
                .collect();
            g.add_week(
                "2026-11-16",
                "16 Nov",
                &posts,
                &ranking,
                &crate::i18n::Catalog::bundled_only(&["en"]).get("en"),
            );
            g
        };
        let files = built(vec![group()]);
        assert!(
            files.iter().any(|(r, _)| r.contains("/p/")),
            "a long list has its file"
        );
        let found = read_terms(&files);
        assert_eq!(found["common"].len(), 3000);
        assert_eq!(found["word42"].len(), 1);
        assert_eq!(files, built(vec![group()]));
    }
}
