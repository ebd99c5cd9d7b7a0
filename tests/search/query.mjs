// Runs search.js's engine in Node against a built site.
//
//   node query.mjs <public dir> <query>...        one JSON line a query: its answer, and
//                                                the files and bytes a first query loads
//   node query.mjs <public dir> --terms <text>... one JSON line a text: its terms
//   node query.mjs <public dir> --shards <n> <term>...  one JSON line: each term's shard
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
    const answer = await search(query);
    console.log(JSON.stringify({ query, ...answer, files: loaded, bytes: loaded.bytes }));
  }
}
