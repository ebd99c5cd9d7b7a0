//! Render: the whole site from `data/` alone, no network. HTML through minijinja, bot JSON
//! through explicit schema structs, feeds and sitemap, static files and Markdown pages.
//!
//! Renderers return bytes; `write::Output` is the only thing that touches `output_dir`, and
//! it applies everything only when every file rendered. This file runs a render (`Ctx`, the
//! groups in parallel); one file per page kind does the rest: `group.rs` (a group's weeks,
//! bot files and page), `site.rs` (home, 404, sitemap, assets), `feed.rs` (Atom feeds),
//! `pages.rs` (the site's `static/` and Markdown pages). Every template gets a typed page
//! context from `view.rs`.

pub mod activity;
pub mod bot;
mod feed;
mod group;
mod pages;
pub mod search;
mod site;
pub mod templates;
pub mod text;
pub mod view;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use minijinja::Environment;
use serde::Serialize;

use crate::config::{Clock, Config, LatestPeriod, Visibility};
use crate::period::Period;
use crate::store::{Store, StoredGroup};
use crate::write::{Output, WriteStats};
use group::{bot_groups, render_group};
use pages::{copy_static, render_markdown_pages};
use site::render_site_pages;
use view::GroupCard;
use view::SiteView;

/// What a render did, for the summary line.
#[derive(Debug, Default, Clone)]
pub struct RenderStats {
    pub groups: usize,
    pub periods: usize,
    pub posts: u64,
    pub files: WriteStats,
    /// One sentence per group not rendered because of its privacy, with the key to set.
    pub not_rendered: Vec<String>,
    /// The site search's index.
    pub search: search::Stats,
}

/// The site-wide sharing picture, in `output_dir` (or the site's `static/`).
const OG_IMAGE_FILE: &str = "og-image.png";

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
    /// The site-wide search index, built while the groups render: listed (public) groups
    /// only, so an unlisted group's posts are found from nowhere.
    search: search::Indexer,
    /// The interface texts of every language the site's pages use.
    i18n: crate::i18n::Catalog,
}

/// Renders the site into `config.output_dir()` from the archive, the config and the
/// templates alone: a group whose last fetch failed (its `group.json` says so) is shown
/// from its archive with a notice.
pub fn render_site(config: &Config, now: DateTime<Utc>) -> Result<RenderStats> {
    // Once a process (`serve` renders again on every edit): the bot JSON embeds the URL.
    static PLACEHOLDER: std::sync::Once = std::sync::Once::new();
    if let Some(warning) = crate::config::placeholder_base_url(&config.site.base_url) {
        PLACEHOLDER.call_once(|| crate::ui::warn(warning));
    }
    let overrides = config.root.join("templates");
    let filter = crate::privacy::PostFilter::load(config)?;
    let store = Store::new(config.data_dir(), config.clock())
        .with_filter(filter)
        .with_seal(std::sync::Arc::new(crate::seal::Seal::load(config)?));
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
    let not_rendered = groups
        .iter()
        .filter_map(|(g, stored)| crate::privacy::not_rendered_note(g, &stored.info))
        .collect();
    // Each group's visibility, resolved once: a private group renders nothing (its earlier
    // pages are stale files the writer removes); only public ones are listed and searched.
    let groups: Vec<_> = groups
        .into_iter()
        .map(|(g, stored)| {
            let visibility = crate::privacy::visibility(g, &stored.info);
            (g, stored, visibility)
        })
        .filter(|(_, _, v)| *v != Visibility::Private)
        .collect();
    let bot_groups = bot_groups(config, &groups);
    let i18n = crate::i18n::Catalog::load(&config.root, &crate::i18n::site_languages(config))?;
    let ctx = Ctx {
        config,
        env: templates::environment(&overrides)?,
        overrides,
        clock: config.clock(),
        base: config.base_url(),
        now,
        store,
        bot_groups,
        search: search::Indexer::new(&config.site.language),
        i18n,
    };
    let out = Output::open(
        &config.output_dir(),
        &config.root.join(crate::lock::STATE_DIR),
    )?;

    let summaries = parallel_map(&groups, |(g, stored, visibility)| {
        render_group(&ctx, &out, g, stored, *visibility)
            .with_context(|| format!("group `{}`", g.slug))
    })?;

    let search = ctx.search.finish(&out, &ctx.i18n)?;
    let listed: Vec<GroupCard> = summaries.iter().filter(|s| s.listed).cloned().collect();
    render_site_pages(&ctx, &out, &listed)?;
    copy_static(&config.root.join("static"), &out)?;
    render_markdown_pages(&ctx, &out, &config.root.join("pages"))?;

    let files = out.commit()?;
    Ok(RenderStats {
        groups: summaries.len(),
        periods: summaries.iter().map(|s| s.periods.len()).sum(),
        posts: summaries.iter().map(|s| s.posts).sum(),
        files,
        not_rendered,
        search,
    })
}

/// Runs `f` over `items` on all cores, keeping order; the first error wins.
pub(crate) fn parallel_map<T: Sync, R: Send>(
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
    /// Renders template `name` with its typed page context and `t`, the texts of language
    /// `lang`.
    fn render(&self, name: &str, page: &impl Serialize, lang: &str) -> Result<Vec<u8>> {
        let ctx = minijinja::context! {
            t => self.i18n.texts(lang),
            ..minijinja::Value::from_serialize(page)
        };
        let tmpl = self
            .env
            .get_template(name)
            .map_err(|e| templates::template_error(&self.overrides, e))?;
        let out = tmpl
            .render(ctx)
            .map_err(|e| templates::template_error(&self.overrides, e))?;
        // Feeds and the sitemap: whatever a post, the config or an overriding template put
        // in them, no character XML forbids.
        if name.ends_with(".xml") {
            return Ok(text::xml_chars(&out).into_owned().into_bytes());
        }
        Ok(out.into_bytes())
    }

    fn site(&self) -> SiteView<'_> {
        SiteView {
            title: &self.config.site.title,
            description: &self.config.site.description,
            base_url: &self.base,
            language: &self.config.site.language,
            dir: crate::i18n::direction(&self.config.site.language),
        }
    }

    /// The site's own language (site-wide pages).
    fn site_lang(&self) -> std::sync::Arc<crate::i18n::Lang> {
        self.i18n.get(&self.config.site.language)
    }

    /// The site's sharing picture (absolute, as Open Graph wants it).
    fn site_image(&self) -> String {
        format!("{}{OG_IMAGE_FILE}", self.base)
    }

    /// The period `latest` serves, given how many posts the current one has ranked and how
    /// many the week it would fall back to has.
    fn latest_target(&self, current_ranked: usize, fallback_ranked: usize) -> Period {
        let current = Period::containing(self.clock, self.now);
        match self.config.bot.latest {
            LatestPeriod::Current => current,
            LatestPeriod::Previous => current.prev(),
            LatestPeriod::Auto => {
                let needed = self.config.bot.auto_min_ranked.min(self.config.ranking.top);
                // With nothing ranked to fall back to (a new site, a quiet week), the bot
                // serves what there is rather than "No popular posts" beside a site that
                // shows some.
                if current_ranked >= needed || (fallback_ranked == 0 && current_ranked > 0) {
                    current
                } else {
                    current.prev()
                }
            }
        }
    }
}
