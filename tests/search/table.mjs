// The 30-query table of docs/search.md: each query's first answer from a fresh index, as
// a member's first query is, against a built site.
//
//   node tests/search/table.mjs <public dir>
//
// Prints a Markdown row a query: its matches, whether the first result is the post about
// the word (its title holds the expected word, folded), the bytes of the index files it
// read (stemmer code apart, once a visit like search.js) and its time in ms under Node
// (files from disk: the engine's own work). Works with older engines too (their `open`
// and `search` take the same arguments), for before/after figures.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const root = process.argv[2];
const engine = await import(pathToFileURL(join(root, "search.js")).href);
// [query, the word the right post's title holds].
const queries = [
  ["flutter", "flutter"],
  ["hackathons", "hackathon"],
  ["vacantes", "vacante"],
  ["kube", "kube"],
  ["kube ", "kube"],
  ["lifetime", "lifetime"],
  ["lifetime ", "lifetime"],
  ["meetups", "meetup"],
  ["talleres", "taller"],
  ["kubernetes", "kubernetes"],
  ["rust async", "async"],
  ["typescript", "typescript"],
  ["android", "android"],
  ["compilador", "compilador"],
  ["diapositivas", "diapositiva"],
  ["inscripciones", "inscripcion"],
  ["東京", "東京"],
  ["勉強会", "勉強会"],
  ["axum", "axum"],
  ["traits", "trait"],
  ["pair programming", "pair programming"],
  ["principiantes", "principiante"],
  ["migrando", "migrando"],
  ["open source", "open source"],
  ["wework", "wework"],
  ["react native", "react native"],
  ["cafe", "cafe"],
  ["привет", "привет"],
  ["المطورين", "المطورين"],
  ["reforma", "reforma"],
];
console.log("| query | results | right post first | bytes | ms |");
console.log("| --- | --- | --- | --- | --- |");
const rows = [];
for (const [query, word] of queries) {
  let bytes = 0;
  const started = performance.now();
  const search = await engine.open(async (path, kind) => {
    const data = await readFile(join(root, path));
    bytes += data.length;
    return kind === "json" ? JSON.parse(data.toString("utf8")) : new Uint8Array(data);
  });
  const answer = await search(query);
  const ms = performance.now() - started;
  const first = answer.hits[0];
  const right = first ? engine.fold(first.title).includes(engine.fold(word)) : false;
  rows.push({ bytes, right });
  console.log(`| \`${JSON.stringify(query)}\` | ${answer.total} | ${right ? "yes" : "no"} | ${bytes} | ${ms.toFixed(1)} |`);
}
const sorted = rows.map((r) => r.bytes).sort((a, b) => a - b);
console.log(
  `\nright post first: ${rows.filter((r) => r.right).length} of ${rows.length}; bytes median ${sorted[sorted.length >> 1]}, worst ${sorted.at(-1)}`,
);
