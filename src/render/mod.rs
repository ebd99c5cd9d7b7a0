//! Render: the whole site from `data/` alone, no network. HTML through minijinja, bot JSON
//! through explicit schema structs, feeds and sitemap, static files and Markdown pages.
//!
//! Renderers return bytes; `write::Output` is the only thing that touches `output_dir`, and
//! it applies everything only when every file rendered.

pub mod bot;
pub mod search;
pub mod templates;
pub mod text;
pub mod view;

use std::path::Path;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use minijinja::{context, Environment};
use serde::Serialize;

use crate::config::{Clock, Config, GroupConfig, LatestPeriod};
use crate::period::Period;
use crate::rank::rank;
use crate::store::{Store, StoredGroup, StoredPeriod};
use crate::write::{Output, WriteStats};
use view::{period_label, period_path, GroupHead, PeriodItem, PeriodView, SiteView};

/// What a render did, for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    pub groups: usize,
    pub periods: usize,
    pub posts: u64,
    pub files: WriteStats,
}

/// Per-run inputs shared by every group's rendering.
struct Ctx<'a> {
    config: &'a Config,
    env: Environment<'static>,
    overrides: std::path::PathBuf,
    clock: Clock,
    base: String,
    now: DateTime<Utc>,
    store: Store,
    /// Every group with its display name, for the bots' quick replies.
    bot_groups: Vec<bot::GroupLink>,
    /// The search index, built while the groups render.
    search: search::Indexer,
}

/// What the site-wide pages need from one group.
#[derive(Debug, Serialize)]
struct GroupSummary {
    slug: String,
    name: String,
    kind: &'static str,
    description: Option<String>,
    member_count: Option<u64>,
    stale: bool,
    stale_since: Option<String>,
    latest: Option<PeriodItem>,
    /// Every stored period, newest first.
    periods: Vec<PeriodItem>,
    posts: u64,
    /// RFC 3339 time the group's data last changed.
    updated: Option<String>,
}

/// Renders the site into `config.output_dir()` from the archive, the config and the
/// templates alone: a group whose last fetch failed (its `group.json` says so) is shown
/// from its archive with a notice.
pub fn render_site(config: &Config, now: DateTime<Utc>) -> Result<RenderStats> {
    let overrides = config.root.join("templates");
    let store = Store::new(config.data_dir(), config.clock());
    // Each group's stored metadata, read once: every group's bot files name the others.
    let groups = config
        .groups
        .iter()
        .map(|g| {
            let stored = store
                .load_group(&g.slug)
                .with_context(|| format!("group `{}`", g.slug))?
                .unwrap_or_else(|| {
                    StoredGroup::new(crate::model::GroupInfo {
                        id: g.id.clone(),
                        ..Default::default()
                    })
                });
            Ok((g, stored))
        })
        .collect::<Result<Vec<_>>>()?;
    let bot_groups = bot_groups(config, &groups);
    let ctx = Ctx {
        config,
        env: templates::environment(&overrides)?,
        overrides,
        clock: config.clock(),
        base: config.base_url(),
        now,
        store,
        bot_groups,
        search: search::Indexer::start(
            config.groups.iter().map(|g| g.slug.clone()).collect(),
            &config.site.language,
        ),
    };
    let out = Output::open(&config.output_dir())?;

    let summaries = parallel_map(&groups, |(g, stored)| {
        render_group(&ctx, &out, g, stored).with_context(|| format!("group `{}`", g.slug))
    })?;

    ctx.search.finish(&out)?;
    render_site_pages(&ctx, &out, &summaries)?;
    copy_static(&config.root.join("static"), &out)?;
    render_markdown_pages(&ctx, &out, &config.root.join("pages"))?;

    let files = out.commit()?;
    Ok(RenderStats {
        groups: summaries.len(),
        periods: summaries.iter().map(|s| s.periods.len()).sum(),
        posts: summaries.iter().map(|s| s.posts).sum(),
        files,
    })
}

/// Runs `f` over `items` on all cores, keeping order; the first error wins.
fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> Result<R> + Sync,
) -> Result<Vec<R>> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<Result<R>>> = (0..items.len()).map(|_| None).collect();
    let slots = std::sync::Mutex::new(&mut results);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(item);
                slots.lock().expect("results lock")[i] = Some(r);
            });
        }
    });
    results
        .into_iter()
        .map(|r| r.expect("every item processed"))
        .collect()
}

impl Ctx<'_> {
    fn render(&self, name: &str, ctx: minijinja::Value) -> Result<Vec<u8>> {
        let tmpl = self
            .env
            .get_template(name)
            .map_err(|e| templates::template_error(&self.overrides, e))?;
        tmpl.render(ctx)
            .map(String::into_bytes)
            .map_err(|e| templates::template_error(&self.overrides, e))
    }

    fn site(&self) -> SiteView<'_> {
        SiteView {
            title: &self.config.site.title,
            description: &self.config.site.description,
            base_url: &self.base,
            language: &self.config.site.language,
        }
    }

    fn latest_target(&self) -> Period {
        let current = Period::containing(self.clock, self.now);
        match self.config.bot.latest {
            LatestPeriod::Current => current,
            LatestPeriod::Previous => current.prev(),
        }
    }
}

fn item(
    slug: &str,
    period: Period,
    stored: Option<&StoredPeriod>,
    digest: Option<&crate::rank::Digest>,
) -> PeriodItem {
    PeriodItem {
        key: period.key(),
        label: period_label(period),
        path: period_path(slug, period),
        posts: stored.map_or(0, |s| s.posts.len() as u64),
        ranked: digest.map_or(0, |d| d.ranked.len()),
        top_title: digest
            .and_then(|d| d.ranked.first())
            .map(|r| text::post_title(r.post, 100)),
    }
}

fn render_group(
    ctx: &Ctx,
    out: &Output,
    g: &GroupConfig,
    group: &StoredGroup,
) -> Result<GroupSummary> {
    let info = &group.info;
    let clock = ctx.clock;
    let keys = ctx.store.periods(&g.slug)?;
    let mut stored = Vec::with_capacity(keys.len());
    for p in &keys {
        // Listed a moment ago: gone now only if something else is changing `data/`.
        let sp = ctx.store.load_period(&g.slug, *p)?.with_context(|| {
            format!(
                "archive file `{}/{}/{}.json` disappeared while rendering",
                ctx.config.site.data_dir.display(),
                g.slug,
                p.key()
            )
        })?;
        stored.push((*p, sp));
    }
    let updated = stored.iter().map(|(_, s)| s.updated_at).max();
    // The notice's date: when a fetch last succeeded, in the site's timezone.
    let stale = group
        .last_failure
        .map(|_| group.last_success.map(|t| view::format_time(t, clock.tz)));
    let head = GroupHead::new(
        g,
        info,
        stale.clone(),
        updated.map(|t| view::format_time(t, clock.tz)),
    );
    let current = Period::containing(clock, ctx.now);
    let target = ctx.latest_target();
    let latest = keys
        .iter()
        .rev()
        .find(|p| **p <= target)
        .copied()
        .unwrap_or(target);

    let digests: Vec<_> = stored
        .iter()
        .map(|(_, s)| rank(&s.posts, &ctx.config.ranking))
        .collect();
    let items: Vec<PeriodItem> = stored
        .iter()
        .zip(&digests)
        .map(|((p, s), d)| item(&g.slug, *p, Some(s), Some(d)))
        .collect();

    let group_url = format!("{}{}/", ctx.base, g.slug);
    let site = ctx.site();
    let mut posts = 0;
    let mut latest_view = None;
    let mut search_docs = Vec::with_capacity(stored.len());
    for (i, ((period, sp), digest)) in stored.iter().zip(&digests).enumerate() {
        posts += sp.posts.len() as u64;
        let view = PeriodView::new(
            &g.slug,
            *period,
            clock,
            &ctx.config.ranking,
            digest,
            *period == current,
            Some(sp.updated_at),
            i.checked_sub(1).map(|j| &items[j]),
            items.get(i + 1),
        );
        let dir = &items[i].path;
        let page_url = format!("{}{dir}", ctx.base);
        let (html, files) = period_outputs(
            ctx,
            &head,
            *period,
            &view,
            digest,
            Some(&page_url),
            &group_url,
        )?;
        put_period(out, dir, &html, &files)?;
        search_docs.push(search::week_doc(
            dir,
            head.name,
            &items[i].label,
            digest.ranked.iter().map(|r| r.post),
        ));
        if *period == latest {
            write_latest(out, &g.slug, &html, &files)?;
            // The group page shows the latest week too, without its pager.
            latest_view = Some(PeriodView {
                prev: None,
                next: None,
                ..view
            });
        }
    }
    if latest_view.is_none() {
        // Nothing stored yet for the latest period: the bots still get a valid answer.
        let empty = crate::rank::rank(&[], &ctx.config.ranking);
        let view = PeriodView::new(
            &g.slug,
            latest,
            clock,
            &ctx.config.ranking,
            &empty,
            latest == current,
            None,
            None,
            None,
        );
        let (html, files) = period_outputs(ctx, &head, latest, &view, &empty, None, &group_url)?;
        write_latest(out, &g.slug, &html, &files)?;
    }

    ctx.search.add_group(&g.slug, search_docs);
    let archive: Vec<PeriodItem> = items.iter().rev().cloned().collect();
    let html = ctx.render(
        "group.html",
        context! { site => &site, group => &head, latest => &latest_view, periods => &archive, root => "../" },
    )?;
    out.put(&format!("{}/index.html", g.slug), &html)?;
    let feed = ctx.render(
        "feed.xml",
        context! { site => &site, feed_url => format!("{group_url}feed.xml"), title => head.name,
                   page_url => &group_url, entries => feed_entries(std::slice::from_ref(&(head.name.to_string(), &archive))),
                   updated => updated.map(|t| t.to_rfc3339()) },
    )?;
    out.put(&format!("{}/feed.xml", g.slug), &feed)?;

    Ok(GroupSummary {
        slug: g.slug.clone(),
        name: head.name.to_string(),
        kind: g.kind.as_str(),
        description: info.description.clone(),
        member_count: info.member_count,
        stale: head.stale,
        stale_since: head.stale_since.clone(),
        latest: items.iter().find(|it| it.key == latest.key()).cloned(),
        periods: archive,
        posts,
        updated: updated.map(|t| t.to_rfc3339()),
    })
}

/// One period's page and bot files. `period_url` is `None` when the period has no page
/// (nothing stored for it).
fn period_outputs(
    ctx: &Ctx,
    head: &GroupHead,
    period: Period,
    view: &PeriodView,
    digest: &crate::rank::Digest,
    period_url: Option<&str>,
    group_url: &str,
) -> Result<(Vec<u8>, bot::Files)> {
    let html = ctx.render(
        "period.html",
        context! { site => &ctx.site(), group => head, period => view, root => "../../" },
    )?;
    let files = bot::files(&bot::BotInput {
        group_slug: head.slug,
        group_name: head.name,
        group_url,
        period,
        clock: ctx.clock,
        digest,
        ranking: &ctx.config.ranking,
        period_url,
        is_current: view.is_current,
        bot: &ctx.config.bot,
        groups: &ctx.bot_groups,
    });
    Ok((html, files))
}

/// Every group's slug, display name (as its pages show it) and URL, for quick replies.
fn bot_groups(config: &Config, groups: &[(&GroupConfig, StoredGroup)]) -> Vec<bot::GroupLink> {
    let base = config.base_url();
    groups
        .iter()
        .map(|(g, StoredGroup { info, .. })| bot::GroupLink {
            slug: g.slug.clone(),
            name: g.display_name(info.name.as_deref()).to_string(),
            url: format!("{base}{}/", g.slug),
        })
        .collect()
}

/// `<slug>/latest/`: the latest period's page and bot files, and `<slug>/latest.json` = the
/// Chatfuel one.
fn write_latest(out: &Output, slug: &str, html: &[u8], files: &bot::Files) -> Result<()> {
    put_period(out, &format!("{slug}/latest/"), html, files)?;
    match files.iter().find(|(name, _)| *name == "chatfuel.json") {
        Some((_, bytes)) => out.put(&format!("{slug}/latest.json"), bytes),
        None => Ok(()),
    }
}

/// A period's page and bot files into folder `dir` (ending in `/`), staged together.
fn put_period(out: &Output, dir: &str, html: &[u8], files: &bot::Files) -> Result<()> {
    let paths: Vec<String> = std::iter::once("index.html")
        .chain(files.iter().map(|(name, _)| *name))
        .map(|name| format!("{dir}{name}"))
        .collect();
    let contents = std::iter::once(html).chain(files.iter().map(|(_, bytes)| bytes.as_slice()));
    let staged: Vec<(&str, &[u8])> = paths.iter().map(String::as_str).zip(contents).collect();
    out.put_all(&staged)
}

#[derive(Serialize)]
struct FeedEntry<'a> {
    group: &'a str,
    item: &'a PeriodItem,
}

/// Atom entries: the newest 50 periods over the given groups.
fn feed_entries<'a>(groups: &'a [(String, &'a Vec<PeriodItem>)]) -> Vec<FeedEntry<'a>> {
    let mut entries: Vec<FeedEntry> = groups
        .iter()
        .flat_map(|(name, items)| {
            items
                .iter()
                .take(50)
                .map(move |item| FeedEntry { group: name, item })
        })
        .collect();
    entries.sort_by(|a, b| {
        b.item
            .key
            .cmp(&a.item.key)
            .then_with(|| a.group.cmp(b.group))
    });
    entries.truncate(50);
    entries
}

fn render_site_pages(ctx: &Ctx, out: &Output, groups: &[GroupSummary]) -> Result<()> {
    let site = ctx.site();
    let html = ctx.render(
        "index.html",
        context! { site => &site, groups => groups, root => "" },
    )?;
    out.put("index.html", &html)?;
    out.put(
        "404.html",
        &ctx.render(
            "404.html",
            context! { site => &site, groups => groups, root => ctx.base.as_str() },
        )?,
    )?;
    let pairs: Vec<(String, &Vec<PeriodItem>)> = groups
        .iter()
        .map(|g| (g.name.clone(), &g.periods))
        .collect();
    let updated = groups.iter().filter_map(|g| g.updated.clone()).max();
    out.put(
        "feed.xml",
        &ctx.render(
            "feed.xml",
            context! { site => &site, feed_url => format!("{}feed.xml", ctx.base), title => &ctx.config.site.title,
                       page_url => &ctx.base, entries => feed_entries(&pairs), updated => updated },
        )?,
    )?;
    out.put(
        "sitemap.xml",
        &ctx.render("sitemap.xml", context! { site => &site, groups => groups })?,
    )?;
    out.put(
        "robots.txt",
        &ctx.render("robots.txt", context! { site => &site })?,
    )?;
    out.put(
        "style.css",
        &ctx.render("style.css", context! { site => &site })?,
    )?;
    Ok(())
}

/// Copies the site's `static/` folder as is.
fn copy_static(dir: &Path, out: &Output) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read `{}`", dir.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).expect("walked under dir");
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel.split('/').any(|c| c.starts_with('.')) {
            continue;
        }
        let bytes = std::fs::read(entry.path())
            .with_context(|| format!("cannot read `{}`", entry.path().display()))?;
        out.put(&rel, &bytes).with_context(|| {
            format!(
                "static file `{}`: the site already makes `{rel}` (to change a page, override \
                 its template in `templates/`)",
                entry.path().display()
            )
        })?;
    }
    Ok(())
}

/// `pages/<name>.md` becomes `<name>/index.html`. Raw HTML in the Markdown is shown as
/// text, like everything else we did not write ourselves.
fn render_markdown_pages(ctx: &Ctx, out: &Output, dir: &Path) -> Result<()> {
    use pulldown_cmark::{Event, Options, Parser};
    if !dir.is_dir() {
        return Ok(());
    }
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list `{}`", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let site = ctx.site();
    for path in files {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        if !crate::config::is_url_safe_slug(&stem) || ctx.config.group(&stem).is_some() {
            anyhow::bail!(
                "page `{}`: its file name must be a URL-safe slug that is not a group's",
                path.display()
            );
        }
        let md = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        let title = md
            .lines()
            .find_map(|l| l.strip_prefix("# "))
            .unwrap_or(&stem)
            .trim()
            .to_string();
        let parser = Parser::new_ext(&md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
            .map(|e| match e {
                Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
                other => other,
            });
        let mut body = String::new();
        pulldown_cmark::html::push_html(&mut body, parser);
        let html = ctx.render(
            "page.html",
            context! { site => &site, title => title, body => minijinja::Value::from_safe_string(body), root => "../" },
        )?;
        out.put(&format!("{stem}/index.html"), &html)
            .with_context(|| format!("page `{}`", path.display()))?;
    }
    Ok(())
}
