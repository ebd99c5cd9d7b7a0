// The search box: asks the Pagefind index beside this file (`pagefind/`) and lists the
// matching posts, each linking to its week page's `#post-<id>`. Paths are resolved from
// this script's own URL, so the site works under a sub-path and from `groupdigest serve`.
// Without JavaScript the box stays hidden and the pages work as before.
const base = new URL("./", import.meta.url);
const form = document.querySelector("form.search");

if (form) {
  const input = form.querySelector("input[type=search]");
  const status = form.querySelector(".search-status");
  const list = form.querySelector(".search-results");
  let pagefind = null;
  const load = () =>
    (pagefind ??= import(new URL("pagefind/pagefind.js", base).href).then(async (pf) => {
      await pf.options({ baseUrl: base.pathname });
      return pf;
    }));
  let seq = 0;

  const show = (hits, total) => {
    list.replaceChildren(
      ...hits.map(({ page, sub }) => {
        const li = document.createElement("li");
        const a = document.createElement("a");
        // The sub-result's title is "<post title> · <comments> · <shares> · <reactions>".
        const parts = sub.title.split(" · ");
        const counts = parts.splice(-3).join(" · ");
        a.href = sub.url;
        a.textContent = parts.join(" · ");
        const meta = document.createElement("span");
        meta.className = "search-meta";
        meta.textContent = [page.meta.group, page.meta.week, counts].filter(Boolean).join(" · ");
        li.append(a, " ", meta);
        return li;
      }),
    );
    status.textContent = total
      ? `${total} ${total === 1 ? "week has" : "weeks have"} matching posts${total > 8 ? "; the best are shown" : ""}.`
      : "No post matches.";
  };

  input.addEventListener("focus", load, { once: true });
  input.addEventListener("input", async () => {
    const n = ++seq;
    const q = input.value.trim();
    if (!q) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    const pf = await load();
    const search = await pf.debouncedSearch(q, {}, 150);
    if (search === null || n !== seq) return;
    // Each result is one week; its sub-results are the posts that matched.
    const pages = await Promise.all(search.results.slice(0, 8).map((r) => r.data()));
    if (n !== seq) return;
    // A week's best-matching posts first, at most three a week, so that several weeks show.
    const score = (sub) => (sub.weighted_locations ?? []).reduce((n, l) => n + l.balanced_score, 0);
    const hits = pages.flatMap((page) =>
      page.sub_results
        .filter((sub) => sub.anchor && sub.anchor.id.startsWith("post-"))
        .sort((a, b) => score(b) - score(a))
        .slice(0, 3)
        .map((sub) => ({ page, sub })),
    );
    show(hits.slice(0, 10), search.results.length);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    list.querySelector("a")?.click();
  });
  form.hidden = false;
}
