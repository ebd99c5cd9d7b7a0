// The search box: answers a query from the static index in `search/` beside this file
// (built by src/render/search.rs; its layout is in docs/search.md) and lists the best
// matching posts, each linking to its week page's `#post-<id>`. Paths are resolved from
// this script's own URL, so the site works under a sub-path and from `groupdigest serve`.
// Without JavaScript the box stays hidden and the pages work as before.
//
// The engine (everything above the box) runs in Node too: tests/search/query.mjs drives
// it against a built site to check answers and count the bytes a query loads.

const VERSION = 2;
// The longest term, in characters, and how many completions a last, unfinished word
// stands for (the most frequent ones): the same limits as src/render/search/terms.rs.
const MAX_CHARS = 40;
const COMPLETIONS = 8;
// A word stands for its completions from this many characters on, when they all share its
// shard (terms.rs, `SHARD_CHARS`).
const SHARD_CHARS = 3;
// Terms a query looks up at most (a pasted paragraph would load a shard per word): the
// longest, which narrow the matches most.
const MAX_TERMS = 12;
// Separates a stem from its language in a stem key (terms.rs, `STEM_MARK`).
const STEM_MARK = "\u0001";
// How a word of the query matched a post, best first: as written, by its stem, as the
// beginning of a longer word (docs/search.md, "Order").
const EXACT = 2;
const STEMMED = 1;
const PREFIX = 0;

const WORD = /[\p{Alphabetic}\p{N}]/u;
const MARKS = /\p{M}/gu;

// Scripts written without spaces: keyed by characters and their pairs (terms.rs, `unspaced`).
export const unspaced = (cp) =>
  (cp >= 0x0e00 && cp <= 0x0e7f) ||
  (cp >= 0x3040 && cp <= 0x30ff) ||
  (cp >= 0x31f0 && cp <= 0x31ff) ||
  (cp >= 0x3400 && cp <= 0x4dbf) ||
  (cp >= 0x4e00 && cp <= 0x9fff) ||
  (cp >= 0xf900 && cp <= 0xfaff) ||
  (cp >= 0x20000 && cp <= 0x323af);

const foldChar = (c) => {
  const cp = c.codePointAt(0);
  if (cp < 0x80) return c.toLowerCase();
  if (unspaced(cp)) return c;
  return c.normalize("NFKD").replace(MARKS, "").toLowerCase();
};

export function fold(text) {
  let out = "";
  for (const c of text) out += foldChar(c);
  return out;
}

// Calls `f(term, raw, start, end)` for each term of `text` as terms.rs's `each_word` gives
// them: `raw` is the word in lower case, unfolded ("" for unspaced scripts), and
// `start`/`end` its place in `text` (UTF-16 offsets).
export function eachWord(text, f) {
  let word = "";
  let raw = "";
  let chars = 0;
  let start = 0;
  let end = 0;
  let prev = null;
  const flush = () => {
    if (chars > 1) f(word, raw, start, end);
    word = "";
    raw = "";
    chars = 0;
  };
  let at = 0;
  for (const c of text) {
    const here = at;
    at += c.length;
    let first = true;
    for (const d of foldChar(c)) {
      // An unspaced script's punctuation (・, ฿) is a separator like any other.
      if (unspaced(d.codePointAt(0)) && WORD.test(d)) {
        flush();
        if (prev !== null) f(prev[0] + d, "", prev[1], at);
        f(d, "", here, at);
        prev = [d, here];
        continue;
      }
      prev = null;
      if (WORD.test(d)) {
        if (chars === 0) start = here;
        if (chars < MAX_CHARS) {
          word += d;
          if (first) {
            raw += c.toLowerCase();
            first = false;
          }
          end = at;
        }
        chars += 1;
      } else {
        flush();
      }
    }
  }
  flush();
}

// The terms of `text`, in order, as terms.rs keys them.
export function terms(text) {
  const out = [];
  eachWord(text, (t) => out.push(t));
  return out;
}

// The stem key of a word (terms.rs, `stem_key`), or null.
export function stemKey(stemmer, code, raw, term) {
  if (!raw) return null;
  const stem = fold(stemmer.stemWord(raw));
  return stem && stem !== term ? stem + STEM_MARK + code : null;
}

// Each word's stem key in `name`'s Snowball stemmer, as terms.rs computes it (for the
// agreement test): `[[term, key or null], …]`.
export async function stemKeys(name, code, text) {
  const stemmer = await loadStemmer(name);
  const out = [];
  eachWord(text, (t, raw) => out.push([t, stemKey(stemmer, code, raw, t)]));
  return out;
}

const stemmers = new Map();
// A Snowball stemmer, from search-stem/ beside this script (only the languages of the
// site's groups are there).
function loadStemmer(name) {
  if (!stemmers.has(name))
    stemmers.set(
      name,
      import(new URL(`search-stem/${name}-stemmer.js`, import.meta.url).href).then((m) => new m.default()),
    );
  return stemmers.get(name);
}

const utf8 = new TextEncoder();
const text = new TextDecoder();

export function shardKey(term) {
  const chars = [...term];
  return unspaced(chars[0].codePointAt(0)) ? chars[0] : chars.slice(0, SHARD_CHARS).join("");
}

// FNV-1a (32 bits) of the shard key's UTF-8 bytes.
export function shardOf(term, shards) {
  let h = 0x811c9dc5;
  for (const b of utf8.encode(shardKey(term))) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h % Math.max(shards, 1);
}

function reader(bytes) {
  let at = 0;
  return {
    varint() {
      let n = 0;
      let scale = 1;
      for (;;) {
        const b = bytes[at++];
        if (b === undefined) throw new Error("search index: a file ends early");
        n += (b & 0x7f) * scale;
        if (!(b & 0x80)) return n;
        scale *= 128;
      }
    },
    take(len) {
      if (at + len > bytes.length) throw new Error("search index: a file ends early");
      const part = bytes.subarray(at, at + len);
      at += len;
      return part;
    },
    done: () => at >= bytes.length,
  };
}

// A posting list (search/postings.rs): gaps, or a bitmap.
export function decodeList(bytes) {
  const ids = [];
  if (bytes[0] === 0) {
    const r = reader(bytes);
    r.take(1);
    for (let id = 0; !r.done(); ) ids.push((id += r.varint()));
  } else if (bytes[0] === 1) {
    for (let i = 1; i < bytes.length; i++) {
      for (let bit = 0; bit < 8; bit++) if (bytes[i] & (1 << bit)) ids.push((i - 1) * 8 + bit);
    }
  } else {
    throw new Error("search index: unknown posting list");
  }
  return ids;
}

function parseShard(bytes) {
  const r = reader(bytes);
  const entries = [];
  for (let i = r.varint(); i > 0; i--) {
    const term = text.decode(r.take(r.varint()));
    const count = r.varint();
    const place = r.varint();
    const entry = { term, count };
    if (place % 2 === 0) entry.list = r.take(place / 2);
    else entry.file = (place - 1) / 2;
    entries.push(entry);
  }
  return entries;
}

// Texts in a language come from the site (src/i18n/): a message per CLDR plural category,
// `{n}` standing for the number, which `Intl` formats in that language.
const intl = new Map();
const formats = (lang) => {
  if (!intl.has(lang)) {
    let rules, numbers;
    try {
      rules = new Intl.PluralRules(lang);
      numbers = new Intl.NumberFormat(lang);
    } catch {
      rules = new Intl.PluralRules("en");
      numbers = new Intl.NumberFormat("en");
    }
    intl.set(lang, { rules, numbers });
  }
  return intl.get(lang);
};
export function plural(templates, n, lang) {
  const { rules, numbers } = formats(lang);
  const template = templates?.[rules.select(n)] ?? templates?.other ?? "{n}";
  return template.replace("{n}", numbers.format(n));
}

// A count in words, as the week page writes a ranked post's (text.rs, `post_counts`):
// zeros included, so that every result reads alike. An index without the language's
// templates reads in English.
const ENGLISH = {
  comments: { one: "{n} comment", other: "{n} comments" },
  shares: { one: "{n} share", other: "{n} shares" },
  reactions: { one: "{n} reaction", other: "{n} reactions" },
};

// The query's words, as `{ term, raw, prefix }`: each term once, the longest first (at
// most MAX_TERMS), and the last one a prefix while it can stand for its completions:
// three letters at least, or one character of an unspaced script. Whether a space
// follows it does not matter, so typing a space never changes the answer.
function queryWords(query) {
  const all = [];
  eachWord(query, (term, raw) => all.push({ term, raw }));
  if (!all.length) return all;
  const last = all.at(-1);
  const seen = new Set();
  // A character of an unspaced script is left out where a pair in the query holds it:
  // the pair finds fewer posts, all of which hold it (a shard fewer to load).
  const paired = new Set(all.filter((w) => !w.raw && [...w.term].length === 2).flatMap((w) => [...w.term]));
  const words = all.filter((w) => !(!w.raw && paired.has(w.term)) && !seen.has(w.term) && seen.add(w.term));
  const chars = [...last.term];
  for (const w of words) w.prefix = w.term === last.term && (chars.length >= SHARD_CHARS || unspaced(chars[0].codePointAt(0)));
  return words
    .map((w, i) => [w, i])
    .sort((a, b) => b[0].prefix - a[0].prefix || [...b[0].term].length - [...a[0].term].length || a[1] - b[1])
    .map(([w]) => w)
    .slice(0, MAX_TERMS);
}

// Whether the word `term`/`raw` of a post (whose group's stemmer is `stem`) matches the
// query word `w`, and how: EXACT, STEMMED, PREFIX, or -1.
function matchOf(w, term, raw, stem) {
  if (term === w.term) return EXACT;
  if (stem && raw && stem.fn(raw) === w.stems.get(stem.code)) return STEMMED;
  if (w.plain.has(term)) return STEMMED;
  if (w.prefix && term.startsWith(w.term)) return PREFIX;
  return -1;
}

// Where the query's words are in `text`: `[{ start, end, word, how }]`, in order.
function matchesIn(text, words, stem) {
  const found = [];
  eachWord(text, (term, raw, start, end) => {
    for (let i = 0; i < words.length; i++) {
      const how = matchOf(words[i], term, raw, stem);
      if (how >= 0) {
        found.push({ start, end, word: i, how });
        break;
      }
    }
  });
  return found;
}

const graphemes = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;
// `at` moved back to the start of its grapheme (a letter and its marks are never split).
function graphemeStart(text, at) {
  if (!graphemes || at <= 0 || at >= text.length) return Math.max(0, Math.min(at, text.length));
  return graphemes.segment(text).containing(at).index;
}

// Characters an excerpt shows, about.
const EXCERPT = 160;

// The excerpt of `text` around its best match: the window of EXCERPT characters holding
// the most distinct query words (the first such), cut at word starts and ends. Returns
// `{ text, marks: [[start, end], …], words, span }`: the excerpt, its matched words' places
// in it, how many distinct words it holds, and the distance between its first and last
// match (for proximity).
function excerptOf(text, found) {
  if (!text) return { text: "", marks: [], words: 0, span: Infinity };
  let best = null;
  for (let i = 0; i < found.length; i++) {
    const seen = new Set();
    let j = i;
    for (; j < found.length && found[j].end - found[i].start <= EXCERPT; j++) seen.add(found[j].word);
    const span = found[j - 1].end - found[i].start;
    if (!best || seen.size > best.words || (seen.size === best.words && span < best.span)) best = { i, j, words: seen.size, span };
  }
  let from = 0;
  let to = Math.min(text.length, EXCERPT);
  if (best) {
    // Some context before the first match, the rest after it.
    const lead = Math.max(0, Math.floor((EXCERPT - best.span) / 3));
    from = Math.max(0, found[best.i].start - lead);
    to = Math.min(text.length, Math.max(found[best.j - 1].end, from + EXCERPT));
  }
  // Cut on word boundaries: back to the start of the word `from` falls in, forward to the
  // end of the word `to` falls in (whitespace when there is none nearby).
  if (from < 20) from = 0;
  if (from > 0) {
    const space = text.lastIndexOf(" ", from);
    from = space >= 0 && from - space < 20 ? space + 1 : graphemeStart(text, from);
  }
  if (to < text.length) {
    const space = text.indexOf(" ", to);
    to = space >= 0 && space - to < 20 ? space : graphemeStart(text, to);
  }
  const marks = found.filter((m) => m.start >= from && m.end <= to).map((m) => [m.start - from, m.end - from]);
  const cut = `${from > 0 ? "…" : ""}${text.slice(from, to)}${to < text.length ? "…" : ""}`;
  const shift = from > 0 ? 1 : 0;
  return {
    text: cut,
    marks: marks.map(([a, b]) => [a + shift, b + shift]),
    words: best ? best.words : 0,
    span: best ? best.span : Infinity,
  };
}

// A stemmer by language code, loaded once: `{ code, name, stemmer, fn }`, where `fn` gives
// a word's folded stem (cached).
async function stemmerOf(code, name) {
  const stemmer = await loadStemmer(name);
  const cache = new Map();
  const fn = (raw) => {
    if (!cache.has(raw)) cache.set(raw, fold(stemmer.stemWord(raw)));
    return cache.get(raw);
  };
  return { code, name, fn, stemmer };
}

// A record's full text and title (search.rs, `record`).
function recordText(record) {
  const [, , , , title, , rest] = record;
  return Array.isArray(rest) ? rest[0] : title + rest;
}

// Opens the index whose files `get(path, "json" | "bytes")` reads, by path under the
// site's root. Returns `search(query, limit)`, which answers `{ total, hits: [{ group,
// slug, key, week, id, title, titleMarks, excerpt, marks, counts, url, lang, dir }] }`
// (each hit's texts in its group's language), and
// `search.record(n)`, a post's record by its number.
export async function open(get) {
  const meta = await get("search/index.json", "json");
  if (meta.version !== VERSION) throw new Error(`search index: version ${meta.version}`);
  const dir = `search/${meta.index}/`;
  const cache = new Map();
  const once = (path, kind) => {
    if (!cache.has(path)) cache.set(path, get(dir + path, kind));
    return cache.get(path);
  };
  const shards = new Map();
  const shard = (n) => {
    if (!shards.has(n)) shards.set(n, once(`t/${n}.bin`, "bytes").then(parseShard));
    return shards.get(n);
  };
  const list = async (n, entry) =>
    decodeList(entry.list ?? (await once(`p/${n}-${entry.file}.bin`, "bytes")));
  // The languages a query is stemmed in (the groups' and the site's), and each group's.
  const langs = await Promise.all((meta.stemmers ?? []).map((s) => stemmerOf(s.lang, s.stemmer)));
  const byGroup = meta.groups.map((g) => langs.find((s) => s.code === g.stem) ?? null);

  // The posts holding a key, as written (not a completion).
  const holding = async (key) => {
    const n = shardOf(key, meta.shards);
    const entry = (await shard(n)).find((e) => e.term === key);
    return entry ? list(n, entry) : [];
  };
  // The posts a query word matches, each with how: a Map id -> EXACT | STEMMED | PREFIX.
  const matching = async (w) => {
    const how = new Map();
    const add = (ids, h) => {
      for (const id of ids) if (!(how.get(id) >= h)) how.set(id, h);
    };
    const jobs = [holding(w.term).then((ids) => add(ids, EXACT))];
    for (const s of langs) {
      const key = w.raw ? stemKey(s.stemmer, s.code, w.raw, w.term) : null;
      if (!key) continue;
      // The posts of that language whose words stem alike, and those holding the stem
      // itself as a word (whose stem is the word, so it has no stem key).
      jobs.push(holding(key).then((ids) => add(ids, STEMMED)));
      jobs.push(holding(key.slice(0, key.indexOf(STEM_MARK))).then((ids) => add(ids, STEMMED)));
    }
    if (w.prefix) {
      const n = shardOf(w.term, meta.shards);
      const more = (await shard(n))
        .filter((e) => e.term !== w.term && e.term.startsWith(w.term) && !e.term.includes(STEM_MARK))
        .sort((a, b) => b.count - a.count)
        .slice(0, COMPLETIONS);
      for (const e of more) jobs.push(list(n, e).then((ids) => add(ids, PREFIX)));
    }
    await Promise.all(jobs);
    return how;
  };
  const record = async (id) => (await once(`d/${Math.floor(id / meta.chunk)}.json`, "json"))[id % meta.chunk];

  async function search(query, limit = 10) {
    const words = prepare(query);
    if (!words.length) return { total: 0, hits: [], empty: true };
    const sets = await Promise.all(words.map(matching));
    // A post matches when it holds every word (in one of its forms); its quality is how
    // well each matched, then its place (the ranking score).
    const order = sets.map((m, i) => [m, i]).sort((a, b) => a[0].size - b[0].size);
    const found = [];
    for (const [id, how] of order[0][0]) {
      let quality = how;
      let all = true;
      for (let k = 1; k < order.length && all; k++) {
        const h = order[k][0].get(id);
        if (h === undefined) all = false;
        else quality += h;
      }
      if (all) found.push([quality, id]);
    }
    found.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const top = found.slice(0, limit);
    const hits = await Promise.all(
      top.map(async ([quality, id]) => {
        const rec = await record(id);
        const [g, key, week, post, title, [comments, shares, reactions]] = rec;
        const stem = byGroup[g];
        const text = recordText(rec);
        const inTitle = matchesIn(title, words, stem);
        // A post whose text is its title alone has no excerpt: the title shows it all.
        const excerpt = text === title ? excerptOf("", []) : excerptOf(text, matchesIn(text, words, stem));
        const { slug, name, lang = "en", dir = "ltr" } = meta.groups[g];
        const texts = meta.langs?.[lang] ?? ENGLISH;
        const counts = [
          plural(texts.comments, comments, lang),
          plural(texts.shares, shares, lang),
          plural(texts.reactions, reactions, lang),
        ].join(" · ");
        return {
          group: name,
          slug,
          key,
          week,
          id: post,
          n: id,
          title,
          titleMarks: inTitle.map((m) => [m.start, m.end]),
          excerpt: excerpt.text,
          marks: excerpt.marks,
          counts,
          lang,
          dir,
          url: `${slug}/${key}/#post-${encodeURIComponent(post)}`,
          // In the title, then how close together, then how well the words matched.
          rank: [new Set(inTitle.map((m) => m.word)).size, -Math.min(excerpt.span, excerptOf(title, inTitle).span), quality],
        };
      }),
    );
    // The posts are picked by how well their words matched, then by the ranking score; each
    // ten shown is then ordered by the query's words in the title, then by how close
    // together they are, then by how well they matched, then by the ranking score (each
    // ten keeps its posts whatever is shown after it).
    const ranked = [];
    for (let at = 0; at < hits.length; at += 10) {
      const page = hits.slice(at, at + 10).map((h, i) => [h, i]);
      page.sort(([a, i], [b, j]) => b.rank[0] - a.rank[0] || b.rank[1] - a.rank[1] || b.rank[2] - a.rank[2] || i - j);
      for (const [h] of page) delete h.rank;
      ranked.push(...page.map(([h]) => h));
    }
    return { total: found.length, hits: ranked };
  }
  search.record = record;
  // Where the query's words are in a text of group `g`'s language (for the landing page).
  search.matchesIn = (query, text, g) => matchesIn(text, prepare(query), byGroup[g]);
  const prepare = (query) => {
    const words = queryWords(query);
    for (const w of words) {
      w.stems = new Map();
      w.plain = new Set();
      for (const s of langs) {
        if (!w.raw) continue;
        const stem = s.fn(w.raw);
        w.stems.set(s.code, stem);
        if (stem && stem !== w.term) w.plain.add(stem);
      }
    }
    return words;
  };
  search.groupOf = (slug) => meta.groups.findIndex((g) => g.slug === slug);
  // Each language's texts (the box's and a result's counts), for the page.
  search.langs = meta.langs;
  return search;
}

// Puts `text` into `el` with the ranges `marks` ([start, end], ascending) in <mark>.
function marked(el, text, marks) {
  let at = 0;
  for (const [a, b] of marks) {
    if (a < at) continue;
    el.append(text.slice(at, a));
    const m = document.createElement("mark");
    m.textContent = text.slice(a, b);
    el.append(m);
    at = b;
  }
  el.append(text.slice(at));
}

// The box: an ARIA 1.2 combobox (the input) controlling a listbox of results, in a panel
// that overlays the page.
const form = globalThis.document?.querySelector("form.search");
if (form) {
  const base = new URL("./", import.meta.url);
  const input = form.querySelector("input[type=search]");
  const status = form.querySelector(".search-status");
  const list = form.querySelector(".search-results");
  // The box's texts in the page's language: `search/index.json`'s `langs[lang].box` once
  // the index is loaded (English until then or without them); the error is on the form.
  const lang = document.documentElement.lang || "en";
  let texts = {};
  const say = {
    short: () => texts.short ?? "Type a word of two letters or more.",
    none: () => texts.none ?? "No post matches.",
    error: () => form.dataset.error || "Search is not available right now.",
    matches: (n) => plural(texts.matches ?? { one: "{n} post matches.", other: "{n} posts match." }, n, lang),
    some: (n, shown) =>
      plural(
        texts.some ?? { one: "{n} post matches; the {shown} most popular are shown.", other: "{n} posts match; the {shown} most popular are shown." },
        n,
        lang,
      ).replace("{shown}", formats(lang).numbers.format(shown)),
    more: (n) => plural(texts.more ?? { one: "Show {n} more", other: "Show {n} more" }, n, lang),
  };
  // The panel: the count line, the listbox and "Show more", over the page.
  const panel = document.createElement("div");
  panel.className = "search-panel";
  panel.hidden = true;
  const more = document.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.hidden = true;
  status.after(panel);
  panel.append(status, list, more);
  list.id ||= "search-results";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.labels?.[0]?.textContent ?? "Search results");
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  status.setAttribute("aria-live", "polite");

  let index = null;
  const load = () =>
    (index ??= open(async (path, kind) => {
      const response = await fetch(new URL(path, base), path.endsWith("index.json") ? { cache: "no-cache" } : {});
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      return kind === "json" ? response.json() : new Uint8Array(await response.arrayBuffer());
    }));
  let seq = 0;
  let timer = null;
  // How many results are shown: ten, and ten more each time "Show more" is pressed.
  const PAGE = 10;
  let limit = PAGE;
  let active = -1;
  let query = "";

  const options = () => [...list.querySelectorAll("[role=option]")];
  const setOpen = (open) => {
    panel.hidden = !open;
    input.setAttribute("aria-expanded", String(open && options().length > 0));
    if (!open) activate(-1);
  };
  const activate = (i) => {
    const all = options();
    active = i;
    all.forEach((o, j) => o.setAttribute("aria-selected", String(j === i)));
    if (i >= 0 && all[i]) {
      input.setAttribute("aria-activedescendant", all[i].id);
      all[i].scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  };
  const follow = (option) => {
    if (option) location.href = option.dataset.href;
  };

  const show = ({ total, hits, empty }, from) => {
    const items = hits.map((hit, i) => {
      const li = document.createElement("li");
      li.id = `search-option-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      // A result is in its post's language.
      li.lang = hit.lang;
      li.dir = hit.dir;
      const url = new URL(hit.url, base);
      url.search = new URLSearchParams({ q: query, n: hit.n }).toString();
      li.dataset.href = url.href;
      const title = document.createElement("span");
      title.className = "search-title";
      title.dir = "auto";
      marked(title, hit.title, hit.titleMarks);
      li.append(title);
      if (hit.excerpt) {
        const excerpt = document.createElement("span");
        excerpt.className = "search-excerpt";
        excerpt.dir = "auto";
        marked(excerpt, hit.excerpt, hit.marks);
        li.append(excerpt);
      }
      const meta = document.createElement("span");
      meta.className = "search-meta";
      meta.textContent = [hit.group, hit.week, hit.counts].filter(Boolean).join(" · ");
      li.append(meta);
      li.addEventListener("click", () => follow(li));
      return li;
    });
    list.replaceChildren(...items);
    more.hidden = total <= hits.length;
    more.textContent = say.more(Math.min(PAGE, total - hits.length));
    status.textContent = empty ? say.short() : total ? (total > hits.length ? say.some(total, hits.length) : say.matches(total)) : say.none();
    setOpen(true);
    // After "Show more", the first new result is the active one.
    activate(from !== undefined && items[from] ? from : -1);
  };

  const run = async (n, q, from) => {
    try {
      const search = await load();
      texts = search.langs?.[lang]?.box ?? texts;
      const answer = await search(q, limit);
      if (n === seq) {
        query = q.trim();
        show(answer, from);
      }
    } catch (e) {
      index = null; // try again on the next keystroke
      if (n === seq) status.textContent = say.error();
      console.error(e);
    }
  };
  more.addEventListener("click", () => {
    const from = options().length;
    limit += PAGE;
    run(++seq, input.value, from);
    input.focus();
  });

  // Load the index early; a failure is reported when a query needs it.
  input.addEventListener("focus", () => load().catch(() => {}), { once: true });
  input.addEventListener("input", () => {
    limit = PAGE;
    const n = ++seq;
    clearTimeout(timer);
    if (!input.value.trim()) {
      list.replaceChildren();
      status.textContent = "";
      more.hidden = true;
      setOpen(false);
      return;
    }
    timer = setTimeout(() => run(n, input.value), 120);
  });
  input.addEventListener("focus", () => {
    if (list.children.length || status.textContent) setOpen(true);
  });
  input.addEventListener("keydown", (e) => {
    const all = options();
    const open = !panel.hidden;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) setOpen(true);
      if (!all.length) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      activate(active < 0 ? (step > 0 ? 0 : all.length - 1) : (active + step + all.length) % all.length);
    } else if ((e.key === "Home" || e.key === "End") && open && active >= 0 && all.length) {
      e.preventDefault();
      activate(e.key === "Home" ? 0 : all.length - 1);
    } else if (e.key === "Enter") {
      e.preventDefault();
      follow(all[active >= 0 ? active : 0]);
    } else if (e.key === "Escape") {
      e.preventDefault();
      if (open && (list.children.length || status.textContent)) setOpen(false);
      else {
        input.value = "";
        input.dispatchEvent(new Event("input"));
      }
    }
  });
  form.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && e.target !== input) {
      e.preventDefault();
      input.focus({ preventScroll: true });
      setOpen(false);
    }
  });
  // The panel closes when the box is left (a click elsewhere, Tab past it).
  form.addEventListener("focusout", () => {
    setTimeout(() => {
      if (!form.contains(document.activeElement)) setOpen(false);
    });
  });
  // A click on a result or "Show more" keeps the focus in the box.
  panel.addEventListener("mousedown", (e) => {
    if (e.target.closest("[role=option]")) e.preventDefault();
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  form.hidden = false;

  landed();
}

// A week page reached from a result (`?q=<query>&n=<post>#post-<id>`): the post's full
// text is shown if it was folded, its matched words are in <mark>, and it is scrolled
// into view. Everything added is inside the post, below its top, so nothing above it
// moves.
async function landed() {
  const params = new URLSearchParams(location.search);
  const q = params.get("q");
  const target = location.hash.startsWith("#post-") && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!q || !target) return;
  const base = new URL("./", import.meta.url);
  try {
    const search = await open(async (path, kind) => {
      const response = await fetch(new URL(path, base), path.endsWith("index.json") ? { cache: "no-cache" } : {});
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      return kind === "json" ? response.json() : new Uint8Array(await response.arrayBuffer());
    });
    const slug = new URL(".", location.href).pathname.split("/").filter(Boolean).at(-2);
    const g = search.groupOf(slug);
    for (const details of target.querySelectorAll("details")) details.open = true;
    if (!target.querySelector(".post-text") && params.has("n")) {
      // A line of "the week's other posts": its text comes from the index.
      const record = await search.record(Number(params.get("n")));
      const text = record && recordText(record);
      if (text && record[3] === target.id.slice("post-".length)) {
        const p = document.createElement("p");
        p.className = "post-text search-landed";
        p.dir = "auto";
        p.textContent = text;
        target.append(p);
      }
    }
    // Mark the matched words in the post's text nodes.
    const walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      const found = search.matchesIn(q, node.data, g);
      if (!found.length) continue;
      const span = document.createElement("span");
      marked(span, node.data, found.map((m) => [m.start, m.end]));
      node.replaceWith(...span.childNodes);
    }
    target.scrollIntoView({ block: "start" });
  } catch (e) {
    console.error(e);
  }
}
