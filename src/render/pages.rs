//! What a site adds of its own: `static/` copied as is, and `pages/<name>.md` rendered
//! through `page.html`.

use std::path::Path;

use anyhow::{Context, Result};

use super::view::{self, MarkdownPage};
use super::{text, Ctx};
use crate::write::Output;

/// Copies the site's `static/` folder as is.
pub(super) fn copy_static(dir: &Path, out: &Output) -> Result<()> {
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
pub(super) fn render_markdown_pages(ctx: &Ctx, out: &Output, dir: &Path) -> Result<()> {
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
        // The first paragraph of text, as the page's description.
        let description = md
            .split("\n\n")
            .map(str::trim)
            .find(|p| !p.is_empty() && !p.starts_with('#'))
            .map_or_else(|| title.clone(), |p| text::one_line(p, 200));
        let meta = view::PageMeta {
            title: format!("{title} · {}", ctx.config.site.title),
            description,
            url: format!("{}{stem}/", ctx.base),
            image: ctx.site_image(),
            lang: ctx.config.site.language.clone(),
            dir: site.dir,
        };
        let html = ctx.render(
            "page.html",
            &MarkdownPage {
                site: &site,
                meta: &meta,
                title: &title,
                body: minijinja::Value::from_safe_string(body),
                root: "../",
            },
            &ctx.config.site.language,
        )?;
        out.put(&format!("{stem}/index.html"), &html)
            .with_context(|| format!("page `{}`", path.display()))?;
    }
    Ok(())
}
