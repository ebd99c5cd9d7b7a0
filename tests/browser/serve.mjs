// Browser suite for `groupdigest serve`, in headless Chromium (playwright-core).
//
//   node tests/browser/serve.mjs GROUPDIGEST_BINARY
//
// Copies the repository's demo site (site.toml, demo/) to a temporary folder, builds it,
// runs `groupdigest serve --port 0` there, and checks in a real browser:
// - search works from serve (not only under a sub-path): a word typed into the box finds
//   a post, and its link opens the post's anchor;
// - live reload: after `templates/base.html` is edited, the open page reloads by itself
//   and shows the edit; with eight tabs open (more than a browser's six connections to a
//   host), every tab loads and reloads.
// Prints one closing line: `N passed, N failed`; exits non-zero when anything failed.

import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { chromium } from "playwright-core";
import { test, assert, finish } from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const binary = resolve(process.argv[2] ?? join(repo, "target/release/groupdigest"));
const NOW = "--now=2026-11-25T12:00:00Z";

const site = mkdtempSync(join(tmpdir(), "groupdigest-serve-"));
cpSync(join(repo, "site.toml"), join(site, "site.toml"));
cpSync(join(repo, "demo"), join(site, "demo"), { recursive: true });
execFileSync(binary, ["build", NOW], { cwd: site, stdio: ["ignore", "ignore", "inherit"] });

// `serve` prints "serving `./public` on http://127.0.0.1:PORT/ (Ctrl-C to stop)".
const serve = spawn(binary, ["serve", NOW, "--port", "0"], { cwd: site, stdio: ["ignore", "ignore", "pipe"] });
let said = "";
const origin = await new Promise((ok, fail) => {
  const timer = setTimeout(() => fail(new Error(`serve did not start:\n${said}`)), 60000);
  serve.stderr.on("data", (chunk) => {
    said += chunk;
    const m = said.match(/on (http:\/\/[^/\s]+)\//);
    if (m) {
      clearTimeout(timer);
      ok(m[1]);
    }
  });
  serve.on("exit", (code) => fail(new Error(`serve exited with ${code}:\n${said}`)));
});

// On a failure, what serve printed.
const serveSaid = () => `  serve said:\n${said}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});

await test("search works from serve and its result opens the post's anchor", async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${origin}/`);
  const box = page.locator('form.search input[type="search"]');
  await box.waitFor({ state: "visible", timeout: 10000 });
  await box.fill("tokio");
  const link = page.locator(".search-results [role=option]").first();
  await link.waitFor({ timeout: 15000 });
  const href = await link.getAttribute("data-href");
  assert(href.startsWith(`${origin}/`) && href.includes("#post-"), `a result links to a post: ${href}`);
  await link.click();
  await page.waitForURL((u) => u.hash.startsWith("#post-"));
  const target = await page.evaluate(() => document.querySelector(":target")?.id ?? null);
  assert(target && `#${target}` === new URL(page.url()).hash, `the anchor exists (got ${target})`);
  assert(errors.length === 0, `no script error: ${errors.join("; ")}`);
  await page.close();
}, serveSaid);

await test("a template edit reloads the open page by itself", async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/cdmx/`);
  // The live-reload script is connected once the page has loaded.
  await page.waitForLoadState("load");
  await page.waitForTimeout(500);
  const marker = `Edited while serving ${Date.now()}`;
  const base = readFileSync(join(repo, "templates/base.html"), "utf8");
  assert(base.includes("</footer>"), "base.html has a footer");
  mkdirSync(join(site, "templates"), { recursive: true });
  writeFileSync(join(site, "templates/base.html"), base.replace("</footer>", `<p>${marker}</p></footer>`));
  // Nothing here reloads the page: only the served script can.
  await page.waitForFunction((m) => document.body.innerText.includes(m), marker, { timeout: 30000 });
  await page.close();
}, serveSaid);

await test("eight tabs of the preview load, and all reload after an edit", async () => {
  // A browser keeps at most six connections to one host: an event stream per tab would
  // leave the seventh tab waiting for ever.
  const context = await browser.newContext();
  const pages = [];
  for (let i = 0; i < 8; i++) {
    const page = await context.newPage();
    await page.goto(`${origin}/cdmx/`, { timeout: 15000 });
    pages.push(page);
  }
  await pages[7].waitForTimeout(500);
  const marker = `Edited for eight tabs ${Date.now()}`;
  const base = readFileSync(join(repo, "templates/base.html"), "utf8");
  writeFileSync(join(site, "templates/base.html"), base.replace("</footer>", `<p>${marker}</p></footer>`));
  for (const [i, page] of pages.entries()) {
    await page
      .waitForFunction((m) => document.body.innerText.includes(m), marker, { timeout: 30000 })
      .catch((e) => {
        throw new Error(`tab ${i + 1} did not reload: ${e.message}`);
      });
  }
  await context.close();
}, serveSaid);

await browser.close();
serve.kill();
rmSync(site, { recursive: true, force: true });
finish();
