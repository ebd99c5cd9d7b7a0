// Runs search.js's engine in Node against a built site.
//
//   node query.mjs <public dir> <query>...        one JSON line a query: its answer, and
//                                                the files and bytes a first query loads
//   node query.mjs <public dir> --terms <text>... one JSON line a text: its terms
//   node query.mjs <public dir> --shards <n> <term>...  one JSON line: each term's shard
//   node query.mjs <public dir> --stems <stemmer> <code> <text>...  one JSON line a text:
//                                                [term, stem key or null] of each word
//
// Used by tests/it/search.rs (answers, and the terms agreeing with terms.rs) and by
// examples/bench_render.rs (the bytes one query transfers).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [root, ...args] = process.argv.slice(2);
const engine = await import(pathToFileURL(join(root, "search.js")).href);

if (args[0] === "--terms") {
  for (const text of args.slice(1)) console.log(JSON.stringify(engine.terms(text)));
} else if (args[0] === "--shards") {
  const n = Number(args[1]);
  console.log(JSON.stringify(args.slice(2).map((t) => engine.shardOf(t, n))));
} else if (args[0] === "--stems") {
  const [, name, code, ...texts] = args;
  for (const text of texts) console.log(JSON.stringify(await engine.stemKeys(name, code, text)));
} else {
  for (const query of args) {
    // A fresh index per query, so that each counts what a first query loads.
    const loaded = [];
    const search = await engine.open(async (path, kind) => {
      const bytes = await readFile(join(root, path));
      loaded.push(path);
      loaded.bytes = (loaded.bytes ?? 0) + bytes.length;
      return kind === "json" ? JSON.parse(bytes.toString("utf8")) : new Uint8Array(bytes);
    });
    const started = performance.now();
    const answer = await search(query);
    answer.ms = Math.round((performance.now() - started) * 10) / 10;
    // The stemmers search.js imports (the languages of the site's groups) count as well.
    const meta = JSON.parse(await readFile(join(root, "search/index.json"), "utf8"));
    // They are code, loaded once a visit like search.js: counted apart, in `code`.
    const names = (meta.stemmers ?? []).map((s) => s.stemmer);
    let code = 0;
    for (const file of names.length ? ["base", ...names] : []) {
      code += (await readFile(join(root, `search-stem/${file}-stemmer.js`))).length;
    }
    console.log(JSON.stringify({ query, ...answer, files: loaded, bytes: loaded.bytes, code }));
  }
}
