//! The site-wide pages: home, 404, the site feed, sitemap, robots.txt, the stylesheet, and
//! the default favicon and sharing picture.

use anyhow::Result;

use super::feed::site_feed_entries;
use super::view::{self, AssetPage, FeedPage, GroupCard, IndexPage, SitemapPage};
use super::{templates, text, Ctx, OG_IMAGE_FILE};
use crate::write::Output;

pub(super) fn render_site_pages(ctx: &Ctx, out: &Output, groups: &[GroupCard]) -> Result<()> {
    let site = ctx.site();
    let lang = ctx.site_lang();
    let tag = ctx.config.site.language.as_str();
    let title = &ctx.config.site.title;
    let description = if ctx.config.site.description.trim().is_empty() {
        let names = groups
            .iter()
            .map(|g| g.name.as_str())
            .collect::<Vec<_>>()
            .join(&lang.text("list-separator"));
        lang.format(
            "site-description",
            &[("groups", crate::i18n::Arg::Str(&names))],
        )
    } else {
        text::one_line(&ctx.config.site.description, 200)
    };
    let meta = view::PageMeta {
        title: title.clone(),
        description,
        url: ctx.base.clone(),
        image: ctx.site_image(),
        lang: ctx.config.site.language.clone(),
        dir: site.dir,
    };
    let updated = groups.iter().filter_map(|g| g.updated.as_deref()).max();
    let html = ctx.render(
        "index.html",
        &IndexPage {
            site: &site,
            meta: &meta,
            groups,
            root: "",
        },
        tag,
    )?;
    out.put("index.html", &html)?;
    let not_found = view::PageMeta {
        title: format!("{} · {title}", lang.text("not-found-title")),
        url: format!("{}404.html", ctx.base),
        ..meta
    };
    out.put(
        "404.html",
        &ctx.render(
            "404.html",
            &IndexPage {
                site: &site,
                meta: &not_found,
                groups,
                root: &ctx.base,
            },
            tag,
        )?,
    )?;
    let entries = site_feed_entries(groups);
    out.put(
        "feed.xml",
        &ctx.render(
            "feed.xml",
            &FeedPage {
                site: &site,
                feed_url: &format!("{}feed.xml", ctx.base),
                title,
                page_url: &ctx.base,
                entries: &entries,
                updated: entries
                    .iter()
                    .filter_map(|e| e.item.updated.as_deref())
                    .max(),
                lang: tag,
            },
            tag,
        )?,
    )?;
    out.put(
        "sitemap.xml",
        &ctx.render(
            "sitemap.xml",
            &SitemapPage {
                site: &site,
                groups,
                updated,
            },
            tag,
        )?,
    )?;
    // The default favicon and sharing picture, unless the site's `static/` has its own.
    let statics = ctx.config.root.join("static");
    if !statics.join("favicon.svg").exists() {
        out.put(
            "favicon.svg",
            &ctx.render("favicon.svg", &AssetPage { site: &site }, tag)?,
        )?;
    }
    if !statics.join(OG_IMAGE_FILE).exists() {
        out.put(OG_IMAGE_FILE, templates::OG_IMAGE)?;
    }
    out.put(
        "robots.txt",
        &ctx.render("robots.txt", &AssetPage { site: &site }, tag)?,
    )?;
    out.put(
        "style.css",
        &ctx.render("style.css", &AssetPage { site: &site }, tag)?,
    )?;
    Ok(())
}
