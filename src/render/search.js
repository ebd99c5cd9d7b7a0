// The search box: answers a query from the static index in `search/` beside this file
// (built by src/render/search.rs; its layout is in docs/search.md) and lists the best
// matching posts, each linking to its week page's `#post-<id>`. Paths are resolved from
// this script's own URL, so the site works under a sub-path and from `groupdigest serve`.
// Without JavaScript the box stays hidden and the pages work as before.
//
// The engine (everything above the box) runs in Node too: tests/search/query.mjs drives
// it against a built site to check answers and count the bytes a query loads.

const VERSION = 1;
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

export function fold(text) {
  let out = "";
  for (const c of text) {
    const cp = c.codePointAt(0);
    if (cp < 0x80) out += c.toLowerCase();
    else if (unspaced(cp)) out += c;
    else out += c.normalize("NFKD").replace(MARKS, "").toLowerCase();
  }
  return out;
}

// The terms of `text`, in order, as terms.rs keys them.
export function terms(text) {
  const out = [];
  let word = "";
  let chars = 0;
  let prev = null;
  const flush = () => {
    if (chars > 1) out.push(word);
    word = "";
    chars = 0;
  };
  for (const c of fold(text)) {
    // An unspaced script's punctuation (・, ฿) is a separator like any other.
    if (unspaced(c.codePointAt(0)) && WORD.test(c)) {
      flush();
      if (prev !== null) out.push(prev + c);
      out.push(c);
      prev = c;
      continue;
    }
    prev = null;
    if (WORD.test(c)) {
      if (chars < MAX_CHARS) word += c;
      chars += 1;
    } else {
      flush();
    }
  }
  flush();
  return out;
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
// templates (an older one) reads in English.
const ENGLISH = {
  comments: { one: "{n} comment", other: "{n} comments" },
  shares: { one: "{n} share", other: "{n} shares" },
  reactions: { one: "{n} reaction", other: "{n} reactions" },
};

function intersect(a, b) {
  const out = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return out;
}

function union(lists) {
  if (lists.length === 1) return lists[0];
  const all = Uint32Array.from(lists.flat()).sort();
  return Array.from(all).filter((id, i) => i === 0 || all[i - 1] !== id);
}

// Whether `last`, the query's last term, is a word still being typed: the query ends with
// it (no space or punctuation after it, nor a one-letter word that is no term), and it has
// three letters at least, or is one character of an unspaced script.
function stillTyped(query, last) {
  const chars = [...fold(query)];
  const end = chars.at(-1);
  if (end === undefined || !WORD.test(end)) return false;
  if (unspaced(end.codePointAt(0))) return last === end;
  let run = 0;
  while (run < chars.length && WORD.test(chars[chars.length - 1 - run]) && !unspaced(chars[chars.length - 1 - run].codePointAt(0))) run++;
  const word = chars.slice(chars.length - run).slice(0, MAX_CHARS).join("");
  return word === last && [...last].length >= SHARD_CHARS;
}

// Opens the index whose files `get(path, "json" | "bytes")` reads, by path under the
// site's root. Returns `search(query, limit)`, which answers
// `{ total, hits: [{ group, slug, key, week, id, title, counts, url, lang, dir }] }`, each
// hit's texts in its group's language.
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

  // The posts holding `term`; for an unfinished last word, those holding one of its
  // most frequent completions.
  const posts = async (term, unfinished) => {
    const n = shardOf(term, meta.shards);
    const entries = await shard(n);
    let chosen = entries.filter((e) => e.term === term);
    if (unfinished) {
      const more = entries
        .filter((e) => e.term !== term && e.term.startsWith(term))
        .sort((a, b) => b.count - a.count);
      chosen = chosen.concat(more.slice(0, COMPLETIONS));
    }
    return union(await Promise.all(chosen.map((e) => list(n, e))));
  };

  const search = async function search(query, limit = 10) {
    const all = terms(query);
    if (!all.length) return { total: 0, hits: [], empty: true };
    // A last word still being typed (no space after it) stands for its completions too,
    // from three letters on (or one character of an unspaced script).
    const last = all.at(-1);
    const unfinished = stillTyped(query, last);
    const others = [...new Set(all)]
      .filter((t) => !(unfinished && t === last))
      .map((t, i) => [t, i])
      .sort((a, b) => [...b[0]].length - [...a[0]].length || a[1] - b[1])
      .map(([t]) => t);
    const wanted = (unfinished ? [last, ...others] : others).slice(0, MAX_TERMS);
    const lists = await Promise.all(wanted.map((t) => posts(t, unfinished && t === last)));
    lists.sort((a, b) => a.length - b.length);
    const ids = lists.reduce((a, b) => intersect(a, b));
    const top = ids.slice(0, limit);
    const chunks = await Promise.all(
      [...new Set(top.map((id) => Math.floor(id / meta.chunk)))].map(async (c) => [
        c,
        await once(`d/${c}.json`, "json"),
      ]),
    );
    const records = new Map(chunks);
    const hits = top.map((id) => {
      const [g, key, week, post, title, [comments, shares, reactions]] =
        records.get(Math.floor(id / meta.chunk))[id % meta.chunk];
      const { slug, name, lang = "en", dir = "ltr" } = meta.groups[g];
      const texts = meta.langs?.[lang] ?? ENGLISH;
      const counts = [
        plural(texts.comments, comments, lang),
        plural(texts.shares, shares, lang),
        plural(texts.reactions, reactions, lang),
      ].join(" · ");
      return { group: name, slug, key, week, id: post, title, counts, lang, dir, url: `${slug}/${key}/#post-${encodeURIComponent(post)}` };
    });
    return { total: ids.length, hits };
  };
  // Each language's texts (the box's and a result's counts), for the page.
  search.langs = meta.langs;
  return search;
}

// The box.
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

  const show = ({ total, hits, empty }, focusFrom) => {
    const items = hits.map((hit) => {
      const li = document.createElement("li");
      // A result is in its post's language.
      li.lang = hit.lang;
      li.dir = hit.dir;
      const a = document.createElement("a");
      a.href = new URL(hit.url, base).href;
      a.textContent = hit.title;
      const meta = document.createElement("span");
      meta.className = "search-meta";
      meta.textContent = [hit.group, hit.week, hit.counts].filter(Boolean).join(" · ");
      li.append(a, " ", meta);
      return li;
    });
    if (total > hits.length) {
      const li = document.createElement("li");
      li.className = "search-more";
      const more = document.createElement("button");
      more.type = "button";
      more.textContent = say.more(Math.min(PAGE, total - hits.length));
      more.addEventListener("click", () => {
        limit += PAGE;
        run(++seq, input.value, hits.length);
      });
      li.append(more);
      items.push(li);
    }
    list.replaceChildren(...items);
    // After "Show more", the first new result takes the focus the button had.
    if (focusFrom !== undefined) items[focusFrom]?.querySelector("a")?.focus();
    status.textContent = empty ? say.short() : total ? (total > hits.length ? say.some(total, hits.length) : say.matches(total)) : say.none();
  };

  const run = async (n, q, focusFrom) => {
    try {
      const search = await load();
      texts = search.langs?.[lang]?.box ?? texts;
      const answer = await search(q, limit);
      if (n === seq) show(answer, focusFrom);
    } catch (e) {
      index = null; // try again on the next keystroke
      if (n === seq) status.textContent = say.error();
      console.error(e);
    }
  };

  // Load the index early; a failure is reported when a query needs it.
  input.addEventListener("focus", () => load().catch(() => {}), { once: true });
  input.addEventListener("input", () => {
    list.hidden = false;
    limit = PAGE;
    const n = ++seq;
    const q = input.value.trim();
    clearTimeout(timer);
    if (!q) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    timer = setTimeout(() => run(n, input.value), 120);
  });
  // The list closes when the box is left (a click elsewhere, Tab past the results) or on
  // Escape, and opens again when the box is focused.
  input.addEventListener("focus", () => {
    list.hidden = false;
  });
  form.addEventListener("focusout", () => {
    // Decided once focus has landed: "Show more" replaces the button it was on, then
    // focuses the first new result.
    setTimeout(() => {
      if (!form.contains(document.activeElement)) list.hidden = true;
    });
  });
  form.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !list.hidden && list.children.length) {
      e.preventDefault();
      // Focus first: focusing the box opens the list.
      input.focus({ preventScroll: true });
      list.hidden = true;
    }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    list.querySelector("a")?.click();
  });
  form.hidden = false;
}
