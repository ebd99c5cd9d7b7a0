// Full-page screenshots of a built site, for looking at the theme (not a test).
//
//   node tests/browser/screenshots.mjs SITE_DIR OUT_DIR
//
// Serves SITE_DIR on 127.0.0.1 and saves OUT_DIR/<page>-<width>-<scheme>.png for the home
// page, a group page, a closed week page, the right-to-left group's page and the search
// box open with a query typed, at 375 and 1280 px wide, light and dark. The pages are the
// demo's (build it with `groupdigest build --now 2026-11-25T12:00:00Z` for the same weeks);
// PAGES_GROUP, PAGES_WEEK and PAGES_QUERY pick others.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import { join, normalize, extname, resolve } from "node:path";
import { chromium } from "playwright-core";

const site = resolve(process.argv[2] ?? "public");
const out = resolve(process.argv[3] ?? "screens");
const group = process.env.PAGES_GROUP ?? "cdmx";
const week = process.env.PAGES_WEEK ?? "2026-11-16";
const query = process.env.PAGES_QUERY ?? "kubernetes";
mkdirSync(out, { recursive: true });

const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp", ".wasm": "application/wasm" };
const server = createServer(async (req, res) => {
  let file = normalize(join(site, decodeURIComponent(new URL(req.url, "http://x").pathname)));
  if (!file.startsWith(site)) file = join(site, "404.html");
  if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
  const body = await readFile(file).catch(() => null);
  res.writeHead(body ? 200 : 404, { "content-type": types[extname(file)] ?? "application/octet-stream" });
  res.end(body ?? (await readFile(join(site, "404.html"))));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const root = `http://127.0.0.1:${server.address().port}/`;

const pages = { home: "", group: `${group}/`, week: `${group}/${week}/`, rtl: "cairo/" };
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
for (const width of [375, 1280]) {
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme: scheme });
    const page = await context.newPage();
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(root + path, { waitUntil: "load" });
      await page.screenshot({ path: join(out, `${name}-${width}-${scheme}.png`), fullPage: true });
    }
    // The search box open with a query typed: the viewport, so the panel is seen where it opens.
    await page.goto(root + `${group}/`, { waitUntil: "load" });
    const box = page.locator('form.search input[type="search"]');
    await box.waitFor({ state: "visible", timeout: 10000 });
    await box.pressSequentially(query, { delay: 20 });
    await page.locator(".search-results [role=option]").first().waitFor({ timeout: 15000 });
    await page.screenshot({ path: join(out, `search-${width}-${scheme}.png`) });
    await context.close();
  }
}
await browser.close();
server.close();
console.log(`screenshots in ${out}`);
