// Browser suite for a built site, in headless Chromium (playwright-core + axe-core).
//
//   node tests/browser/run.mjs [SITE_DIR]      (default: public/)
//
// Serves SITE_DIR under the sub-path /repo/ on 127.0.0.1 with a tiny static server (the
// way GitHub Pages serves a project site), then checks:
// - search: a word typed into the box finds a known post of the demo, and clicking the
//   result lands on the post's `#post-<id>` anchor on its week page; no request leaves
//   127.0.0.1; the bytes one query transfers are printed;
// - layout: CLS 0 on load (and scrolled through) and while typing in the search box, and
//   nothing wider than the viewport at 320 px (home, group, week, search open; both themes);
// - axe-core on the home, group, week, latest and 404 pages in light and dark. Its results
//   are always printed; critical or serious violations fail the suite with AXE_STRICT=1
//   (as .ci/run sets, on the demo and on tests/browser/hostile/).
//
// The site's absolute links (the 404 page's, canonical URLs) point at `site.base_url`;
// requests to SITE_BASE_URL (default: the demo's) are answered from SITE_DIR as well.
// Prints one closing line: `N passed, N failed`; exits non-zero when anything failed.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, normalize, extname, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { test, assert, finish } from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const site = resolve(process.argv[2] ?? join(here, "../../public"));
const siteBase = process.env.SITE_BASE_URL ?? "https://example.github.io/circles-digest/";
const strictAxe = process.env.AXE_STRICT === "1";
const prefix = "/repo/";
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const types = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
};

/** What the server answers for a path under the site: [status, headers, body]. */
async function answer(urlPath) {
  const notFound = async () => [404, { "content-type": types[".html"] }, await readFile(join(site, "404.html"))];
  if (!urlPath.startsWith(prefix)) return notFound();
  let rel = decodeURIComponent(urlPath.slice(prefix.length));
  const file = normalize(join(site, rel));
  if (!file.startsWith(site)) return notFound();
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    // Like Pages: a folder without its slash is redirected, so relative links work.
    if (!urlPath.endsWith("/")) return [301, { location: urlPath + "/" }, ""];
    return answer(urlPath + "index.html");
  }
  if (!info) return notFound();
  const type = types[extname(file)] ?? "application/octet-stream";
  return [200, { "content-type": type }, await readFile(file)];
}

const server = createServer(async (req, res) => {
  const [status, headers, body] = await answer(new URL(req.url, "http://x").pathname);
  res.writeHead(status, { ...headers, "content-length": Buffer.byteLength(body) });
  res.end(req.method === "HEAD" ? undefined : body);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;
const root = origin + prefix;


// A known post: the ranked post with the rarest word of the site (from every week's
// digest.json), searched by that word, so that it is among the first results.
const groups = readdirSync(site).filter((d) => existsSync(join(site, d, "latest", "digest.json")));
assert(groups.length > 0, `no <slug>/latest/digest.json under ${site}: build the site first`);
const words = (p) => new Set(`${p.title} ${p.text ?? ""}`.toLowerCase().match(/\p{L}{6,}/gu) ?? []);
const posts = [];
for (const slug of groups.sort()) {
  for (const key of readdirSync(join(site, slug)).filter((k) => /^\d{4}-\d\d-\d\d$/.test(k)).sort()) {
    const digest = JSON.parse(readFileSync(join(site, slug, key, "digest.json"), "utf8"));
    for (const post of digest.posts ?? []) posts.push({ slug, key, post, words: words(post) });
  }
}
const frequency = new Map();
for (const p of posts) for (const w of p.words) frequency.set(w, (frequency.get(w) ?? 0) + 1);
const [known, query] = posts
  .flatMap((p) => [...p.words].map((w) => [p, w]))
  .sort((a, b) => frequency.get(a[1]) - frequency.get(b[1]) || a[1].localeCompare(b[1]))[0];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
const context = await browser.newContext();
const outside = [];
await context.route("**/*", async (route) => {
  const url = route.request().url();
  if (url.startsWith(origin)) return route.continue();
  if (url.startsWith(siteBase)) {
    const [status, headers, body] = await answer(prefix + new URL(url).pathname.slice(new URL(siteBase).pathname.length));
    return route.fulfill({ status, headers, body });
  }
  outside.push(url);
  return route.abort();
});

await test(`search finds "${query}" and lands on #post-${known.post.id} under a sub-path`, async () => {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${root}${known.slug}/`);
  const box = page.locator('form.search input[type="search"]');
  await box.waitFor({ state: "visible", timeout: 10000 });
  let bytes = 0;
  const counted = [];
  page.on("response", async (r) => {
    const len = (await r.body().catch(() => Buffer.alloc(0))).length;
    bytes += len;
    counted.push([r.url().slice(root.length), len]);
  });
  const before = outside.length;
  // Typing moves nothing on the page: the panel overlays it (no layout shift).
  const mainTop = () => page.evaluate(() => document.querySelector("main").getBoundingClientRect().top);
  const top0 = await mainTop();
  // Shifts from now on (the page has loaded and shown the box): typing's own.
  await page.waitForLoadState("load");
  await page.evaluate(() => {
    window.__shift = 0;
    window.__shifted = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        window.__shift += e.value;
        window.__shifted.push(...e.sources.map((s) => s.node?.outerHTML?.slice(0, 80)));
      }
    }).observe({ type: "layout-shift" });
  });
  await box.pressSequentially(query, { delay: 20 });
  const href = `#post-${known.post.id}`;
  const option = page.locator(`.search-results [role=option][data-href$="${href}"]`).first();
  await option.waitFor({ timeout: 15000 }).catch(async (e) => {
    const shown = await page.locator("form.search").innerText();
    throw new Error(`${e.message}\nthe box shows: ${shown}\nscript errors: ${errors.join("; ")}`);
  });
  assert((await mainTop()) === top0, `the page did not move while typing (${top0} -> ${await mainTop()})`);
  const [shift, shifted] = await page.evaluate(() => [window.__shift, window.__shifted]);
  assert(shift === 0, `no layout shift while typing (CLS ${shift}: ${shifted.join(" | ")})`);
  const meta = await option.innerText();
  const group = JSON.parse(readFileSync(join(site, known.slug, known.key, "digest.json"), "utf8"));
  assert(meta.includes(known.post.title.slice(0, 20)), `result shows the title: ${meta}`);
  assert(meta.includes(group.group.name) && meta.includes(group.period.label), `result shows group and week: ${meta}`);
  // The counts are in the result's own language (its group's): three of them, with numbers.
  const lang = await option.getAttribute("lang");
  const pageLang = /<html lang="([^"]+)"/.exec(readFileSync(join(site, known.slug, "index.html"), "utf8"))[1];
  assert(lang === pageLang, `the result is marked with its group's language: ${lang}, not ${pageLang}`);
  assert(meta.split(" · ").length >= 5 && /\d/.test(meta), `result shows the counts: ${meta}`);
  // The matched word is in a <mark>.
  const marks = await option.locator("mark").allInnerTexts();
  assert(marks.some((m) => m.toLowerCase().includes(query)), `the match is marked: ${marks.join(", ")}`);
  // The ARIA 1.2 combobox: roles, expanded state, a polite count.
  const aria = await page.evaluate(() => {
    const input = document.querySelector("form.search input");
    const list = document.getElementById(input.getAttribute("aria-controls"));
    return {
      role: input.getAttribute("role"),
      expanded: input.getAttribute("aria-expanded"),
      listRole: list?.getAttribute("role"),
      options: list?.querySelectorAll("[role=option]").length,
      live: document.querySelector(".search-status").getAttribute("aria-live") ?? document.querySelector(".search-status").getAttribute("role"),
      status: document.querySelector(".search-status").textContent,
    };
  });
  assert(aria.role === "combobox" && aria.expanded === "true" && aria.listRole === "listbox" && aria.options > 0, `combobox roles: ${JSON.stringify(aria)}`);
  assert(/polite|status/.test(aria.live) && aria.status.trim().length > 0, `the count is announced politely: ${JSON.stringify(aria)}`);
  console.log(`  one query transferred ${bytes} bytes in ${counted.length} responses:`);
  for (const [u, n] of counted) console.log(`    ${n}\t${u}`);
  assert(bytes <= 500_000, `a query transfers at most 500 KB, not ${bytes} bytes`);
  const offsite = outside.slice(before);
  assert(offsite.length === 0, `the search requested nothing outside 127.0.0.1: ${offsite.join(", ")}`);
  // The open result list is accessible too, in both themes.
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = result.violations.filter((v) => v.impact === "critical" || v.impact === "serious");
    for (const v of bad) console.log(`  ${scheme}, results open: ${v.impact}: ${v.id}: ${v.help}`);
    if (strictAxe) assert(bad.length === 0, `axe with the results open in ${scheme}: ${bad.map((v) => v.id).join(", ")}`);
  }
  // The keyboard: ArrowDown/Up move the active option (aria-activedescendant), Home and
  // End go to the first and last, Escape closes, typing opens again.
  const activeId = () => box.getAttribute("aria-activedescendant");
  const ids = await page.locator(".search-results [role=option]").evaluateAll((os) => os.map((o) => o.id));
  await box.press("ArrowDown");
  assert((await activeId()) === ids[0], `ArrowDown activates the first option: ${await activeId()}`);
  if (ids.length > 1) {
    await box.press("ArrowDown");
    assert((await activeId()) === ids[1], "ArrowDown again, the second");
    await box.press("ArrowUp");
    assert((await activeId()) === ids[0], "ArrowUp, back to the first");
    await box.press("End");
    assert((await activeId()) === ids.at(-1), "End, the last");
    await box.press("Home");
    assert((await activeId()) === ids[0], "Home, the first");
  }
  assert(await page.evaluate((id) => document.getElementById(id).getAttribute("aria-selected"), ids[0]) === "true", "the active option is selected");
  await box.press("Escape");
  assert(!(await option.isVisible()), "Escape closes the results");
  assert((await box.getAttribute("aria-expanded")) === "false", "and the combobox says so");
  await box.press("End");
  await box.type("x");
  await box.press("Backspace");
  await option.waitFor({ state: "visible", timeout: 5000 });
  // The footer: the open panel may cover the heading.
  await page.locator(".site-footer p").first().click();
  await option.waitFor({ state: "hidden", timeout: 2000 }).catch(() => {
    throw new Error("a click elsewhere closes the results");
  });
  await box.focus();
  await option.waitFor({ state: "visible", timeout: 2000 });
  // Enter on the active option follows it.
  const n = ids.indexOf(await option.getAttribute("id"));
  for (let i = 0; i <= n; i++) await box.press("ArrowDown");
  await box.press("Enter");
  await page.waitForURL((u) => u.hash === href);
  const url = new URL(page.url());
  assert(url.pathname === `${prefix}${known.slug}/${known.key}/`, `landed on ${url.pathname}`);
  assert(url.searchParams.get("q") === query, `the page gets the query: ${url.search}`);
  const target = await page.evaluate(() => document.querySelector(":target")?.id ?? null);
  assert(target === `post-${known.post.id}`, `the anchor exists and is the target (got ${target})`);
  // Landing shows the match: the word is marked in the post, and on screen.
  await page.locator(`[id="post-${known.post.id}"] mark`).first().waitFor({ timeout: 10000 });
  const visible = await page.evaluate(() => {
    const m = document.querySelector(":target mark").getBoundingClientRect();
    return m.top >= 0 && m.bottom <= innerHeight;
  });
  assert(visible, "the marked word is on screen");
  assert(errors.length === 0, `no script error: ${errors.join("; ")}`);
  await page.close();
});

// A word found only in the text of one of "the week's other posts" (which shows its first
// line): landing shows that text, with the word marked, and on screen.
await test("landing on an other post's line shows its text with the match marked", async () => {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // Find one by the engine itself: a query whose hit is an "other post" of its week.
  const found = await page.goto(root).then(() =>
    page.evaluate(async () => {
      const engine = await import(new URL("search.js", location.href).href);
      const search = await engine.open(async (path, kind) => {
        const r = await fetch(new URL(path, location.href));
        return kind === "json" ? r.json() : new Uint8Array(await r.arrayBuffer());
      });
      for (const q of ["kubernetes", "flutter", "docker", "python", "meetup"]) {
        const { hits } = await search(q, 50);
        for (const h of hits) {
          const html = await (await fetch(new URL(`${h.slug}/${h.key}/`, location.href))).text();
          const doc = new DOMParser().parseFromString(html, "text/html");
          const el = doc.getElementById(`post-${h.id}`);
          if (el && el.matches(".other-posts li") && h.excerpt && !engine.fold(el.textContent).includes(q)) return { q, hit: h };
        }
      }
      return null;
    }),
  );
  if (!found) {
    console.log("  skip: no word of this site is only in an other post's text");
    await page.close();
    return;
  }
  const { q, hit } = found;
  await page.goto(`${root}${hit.slug}/${hit.key}/?q=${encodeURIComponent(q)}&n=${hit.n}#post-${encodeURIComponent(hit.id)}`);
  const mark = page.locator(`[id="post-${hit.id}"] mark`).first();
  await mark.waitFor({ timeout: 10000 });
  const text = await mark.innerText();
  assert(text.toLowerCase().includes(q.slice(0, 4)), `the word is marked: ${text}`);
  const visible = await mark.evaluate((m) => {
    const r = m.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  assert(visible, "the marked word is on screen");
  assert(errors.length === 0, `no script error: ${errors.join("; ")}`);
  await page.close();
});

// The word of the site most ranked posts hold: on a site where it is in more than ten,
// "Show more" is there to press.
const [common, commonCount] = [...frequency.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
if (commonCount <= 10) {
  console.log(`skip - "Show more": no word of this site is in more than ten ranked posts`);
} else await test("a common word shows ten results and ten more on request, the first new one active", async () => {
  const page = await context.newPage();
  await page.goto(root);
  const box = page.locator('form.search input[type="search"]');
  await box.waitFor({ state: "visible", timeout: 10000 });
  await box.fill(`${common} `);
  const links = page.locator(".search-results [role=option]");
  const more = page.locator("button.search-more");
  await more.waitFor({ timeout: 15000 });
  assert((await links.count()) === 10, `ten results first, not ${await links.count()}`);
  const status = await page.locator(".search-status").innerText();
  assert(/\d+ posts match; the 10 most popular are shown/.test(status), `the status says so: ${status}`);
  await more.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelectorAll(".search-results [role=option]").length > 10, null, { timeout: 10000 });
  const active = await page.evaluate(() => {
    const input = document.querySelector("form.search input");
    const all = [...document.querySelectorAll(".search-results [role=option]")];
    return [document.activeElement === input, all.findIndex((o) => o.id === input.getAttribute("aria-activedescendant"))];
  });
  assert(active[0] && active[1] === 10, `focus is back in the box with the 11th result active, not ${active}`);
  // The button is accessible in both themes.
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = result.violations.filter((v) => v.impact === "critical" || v.impact === "serious");
    if (strictAxe) assert(bad.length === 0, `axe with "Show more" in ${scheme}: ${bad.map((v) => v.id).join(", ")}`);
  }
  await page.close();
});


await test("every page carries the search box", async () => {
  const page = await context.newPage();
  for (const path of ["", `${known.slug}/`, `${known.slug}/${known.key}/`, "no-such-page/"]) {
    await page.goto(root + path);
    const n = await page.locator('input[type="search"]').count();
    assert(n === 1, `${path || "home"} has ${n} search inputs`);
  }
  await page.close();
});

const axePages = {
  home: "",
  group: `${known.slug}/`,
  week: `${known.slug}/${known.key}/`,
  latest: `${known.slug}/latest/`,
  404: "no-such-page/",
};
// A right-to-left group's pages (the demo's Arabic one), when the site has one.
const rtl = groups.find((slug) => readFileSync(join(site, slug, "index.html"), "utf8").includes('dir="rtl"'));
if (rtl) {
  const weeks = readdirSync(join(site, rtl)).filter((k) => /^\d{4}-\d\d-\d\d$/.test(k)).sort();
  Object.assign(axePages, {
    "right-to-left group": `${rtl}/`,
    "right-to-left week": `${rtl}/${weeks.at(-2) ?? weeks.at(-1)}/`,
    "right-to-left latest": `${rtl}/latest/`,
  });
  await test(`a right-to-left group's page mirrors: dir="rtl", the search box on the left, post text dir="auto"`, async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${root}${rtl}/`);
    const box = page.locator('form.search input[type="search"]');
    await box.waitFor({ state: "visible", timeout: 10000 });
    assert((await page.locator("html").getAttribute("dir")) === "rtl", "html dir is rtl");
    const title = await page.locator(".site-title").boundingBox();
    const search = await box.boundingBox();
    assert(search.x < title.x, `the search box is left of the site title (${search.x} < ${title.x})`);
    // Post text keeps dir="auto": on the group page, or on the newest week that shows a post
    // (a group whose latest week is empty shows none on its page).
    let texts = [];
    for (const path of [`${rtl}/`, ...[...weeks].reverse().map((k) => `${rtl}/${k}/`)]) {
      const other = await context.newPage();
      await other.goto(`${root}${path}`);
      texts = await other.locator(".post-text").evaluateAll((els) => els.map((e) => e.getAttribute("dir")));
      await other.close();
      if (texts.length > 0) break;
    }
    assert(texts.length > 0 && texts.every((d) => d === "auto"), `post text keeps dir="auto": ${texts}`);
    // The box speaks Arabic: its placeholder, and its status once something is typed.
    assert((await box.getAttribute("placeholder")) === "ابحث في المنشورات", "an Arabic placeholder");
    await box.fill("ز");
    await page.waitForFunction(() => document.querySelector(".search-status").textContent.length > 0, null, { timeout: 10000 });
    const status = await page.locator(".search-status").innerText();
    assert(/[\u0600-\u06FF]/.test(status), `the status is in Arabic: ${status}`);
    await page.close();
  });
}
for (const scheme of ["light", "dark"]) {
  for (const [name, path] of Object.entries(axePages)) {
    await test(`axe: ${name} page in ${scheme}: no critical or serious violation${strictAxe ? "" : " (reported only; AXE_STRICT=1 enforces)"}`, async () => {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(root + path);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
      await page.close();
      const bad = result.violations.filter((v) => v.impact === "critical" || v.impact === "serious");
      for (const v of result.violations) {
        console.log(`  ${v.impact}: ${v.id} (${v.nodes.length} nodes): ${v.help}`);
      }
      const nodes = bad.reduce((n, v) => n + v.nodes.length, 0);
      if (strictAxe) assert(bad.length === 0, `${bad.length} critical/serious violations, ${nodes} nodes`);
    });
  }
}

// Layout: nothing moves while a page loads (CLS 0, the lazy pictures loaded by scrolling
// through it included) or while a word is typed into the search box, and nothing scrolls
// sideways at 320 px, on the home, group and week pages (a right-to-left group's too) and
// with the search results open, in both themes.
const layoutPages = { home: "", group: `${known.slug}/`, week: `${known.slug}/${known.key}/` };
if (rtl) Object.assign(layoutPages, { "right-to-left group": axePages["right-to-left group"], "right-to-left week": axePages["right-to-left week"] });

/** Starts summing the page's layout shifts (those since it started loading, too). */
const watchShifts = (page) =>
  page.evaluate(() => {
    window.__cls = { value: 0, sources: [] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        window.__cls.value += e.value;
        window.__cls.sources.push(...e.sources.map((s) => s.node?.outerHTML?.slice(0, 100) ?? "?"));
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
/** The layout shifts summed so far, once the observer has had a task to report them. */
const shifts = async (page) => {
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 50))));
  return page.evaluate(() => window.__cls);
};
/** Whether the page is wider than its viewport: [scrollWidth, clientWidth, the widest element]. */
const sideways = (page) =>
  page.evaluate(() => {
    const root = document.scrollingElement;
    let widest = "";
    if (root.scrollWidth > root.clientWidth) {
      const over = [...document.querySelectorAll("body *")].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.right > root.clientWidth + 0.5 || r.left < -0.5;
      });
      widest = over.at(-1)?.outerHTML?.slice(0, 120) ?? "";
    }
    return [root.scrollWidth, root.clientWidth, widest];
  });

for (const scheme of ["light", "dark"]) {
  for (const width of [320, 1280]) {
    await test(`layout at ${width} px in ${scheme}: CLS 0 on load${width === 320 ? ", nothing scrolls sideways" : ""} (${Object.keys(layoutPages).join(", ")})`, async () => {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 700 });
      await page.emulateMedia({ colorScheme: scheme });
      for (const [name, path] of Object.entries(layoutPages)) {
        await page.goto(root + path, { waitUntil: "load" });
        await watchShifts(page);
        await page.locator('form.search input[type="search"]').waitFor({ state: "visible", timeout: 10000 });
        // Scroll through, so that every lazy picture loads, then back.
        const height = await page.evaluate(() => document.scrollingElement.scrollHeight);
        for (let y = 0; y < height; y += 600) await page.evaluate((y) => scrollTo(0, y), y);
        await page.evaluate(() => Promise.all([...document.images].map((i) => i.decode().catch(() => {}))));
        await page.evaluate(() => scrollTo(0, 0));
        const cls = await shifts(page);
        assert(cls.value === 0, `${name}: CLS ${cls.value} on load: ${cls.sources.join(" | ")}`);
        if (width === 320) {
          const [scroll, client, widest] = await sideways(page);
          assert(scroll <= client, `${name}: ${scroll} px wide in a ${client} px viewport: ${widest}`);
        }
      }
      await page.close();
    });
  }
  await test(`search open at 320 px in ${scheme}: nothing moves while typing, nothing scrolls sideways`, async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 320, height: 700 });
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of [`${known.slug}/`, ...(rtl ? [`${rtl}/`] : [])]) {
      await page.goto(root + path, { waitUntil: "load" });
      const box = page.locator('form.search input[type="search"]');
      await box.waitFor({ state: "visible", timeout: 10000 });
      await watchShifts(page);
      const before = await shifts(page);
      await box.pressSequentially(query, { delay: 20 });
      await page.locator(".search-results [role=option]").first().waitFor({ timeout: 15000 });
      const after = await shifts(page);
      assert(after.value - before.value === 0, `${path}: CLS ${after.value - before.value} while typing: ${after.sources.slice(before.sources.length).join(" | ")}`);
      const [scroll, client, widest] = await sideways(page);
      assert(scroll <= client, `${path} with the results open: ${scroll} px wide in a ${client} px viewport: ${widest}`);
      const panel = await page.locator(".search-panel").boundingBox();
      assert(panel && panel.x >= 0 && panel.x + panel.width <= client, `${path}: the results panel is on screen: ${JSON.stringify(panel)}`);
    }
    await page.close();
  });
}

// Pages reference only the site's own files (pictures are the archive's copies): anything
// else they asked for is reported here; the search's own requests are checked above.
if (outside.length) {
  const hosts = [...new Set(outside.map((u) => new URL(u).host))];
  console.log(`note: pages requested ${outside.length} URLs outside 127.0.0.1 (hosts: ${hosts.join(", ")})`);
}

await browser.close();
server.close();
finish();
