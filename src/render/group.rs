//! One group's pages and bot files: every stored week (page, the four bot files), the
//! latest week's copies (`latest/`, `latest.json`), the group page and its feed.

use std::path::Path;

use anyhow::{Context, Result};

use super::activity::{ActivityView, Standing, WeekFigures};
use super::feed::{feed_content, FEED_ENTRIES};
use super::view::{
    self, period_label, period_path, FeedEntry, FeedPage, GroupCard, GroupHead, GroupPage,
    PeriodItem, PeriodPage, PeriodView,
};
use super::{bot, search, text, Ctx};
use crate::config::{Clock, Config, GroupConfig, Visibility};
use crate::i18n::{Arg, Count, Lang};
use crate::period::Period;
use crate::rank::rank;
use crate::store::{StoredGroup, StoredPeriod};
use crate::write::Output;

fn item(
    clock: Clock,
    slug: &str,
    period: Period,
    stored: Option<&StoredPeriod>,
    digest: Option<&crate::rank::Digest>,
    lang: &Lang,
) -> PeriodItem {
    PeriodItem {
        key: period.key(),
        label: period_label(period, lang),
        path: period_path(slug, period),
        posts: stored.map_or(0, |s| s.posts.len() as u64),
        ranked: digest.map_or(0, |d| d.ranked.len()),
        top_title: digest
            .and_then(|d| d.ranked.first())
            .map(|r| text::post_line(r.post, 100, lang)),
        year: chrono::Datelike::year(&period.first_day),
        published: period.start(clock).with_timezone(&clock.tz).to_rfc3339(),
        updated: stored.map(|s| s.updated_at.to_rfc3339()),
    }
}

pub(super) fn render_group(
    ctx: &Ctx,
    out: &Output,
    g: &GroupConfig,
    group: &StoredGroup,
    visibility: Visibility,
) -> Result<GroupCard> {
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
    // Only pictures whose copy is in `data/<slug>/media/` are shown; the others show none
    // (and a missing narrower copy or fallback is left out).
    let media_dir = ctx.store.media_dir(&g.slug);
    let media = crate::media::list_files(&media_dir)?;
    for post in stored.iter_mut().flat_map(|(_, s)| s.posts.iter_mut()) {
        crate::media::only_present(&mut post.image, &media);
    }
    let updated = stored.iter().map(|(_, s)| s.updated_at).max();
    let tag = g.language.as_deref().unwrap_or(&ctx.config.site.language);
    let lang = &*ctx.i18n.get(tag);
    // The notice's date: when a fetch last succeeded, in the site's timezone.
    let stale = group
        .last_failure
        .map(|_| group.last_success.map(|t| lang.time(t, clock.tz)));
    let head = GroupHead::new(
        g,
        &ctx.config.site.language,
        info,
        visibility,
        stale.clone(),
        updated.map(|t| lang.time(t, clock.tz)),
    );
    let current = Period::containing(clock, ctx.now);
    let digests: Vec<_> = stored
        .iter()
        .map(|(_, s)| rank(&s.posts, &ctx.config.ranking))
        .collect();
    let current_ranked = stored
        .iter()
        .zip(&digests)
        .find(|((p, _), _)| *p == current)
        .map_or(0, |(_, d)| d.ranked.len());
    // What `auto` would fall back to: the newest stored week before the current one.
    let fallback_ranked = stored
        .iter()
        .zip(&digests)
        .rev()
        .find(|((p, _), _)| *p < current)
        .map_or(0, |(_, d)| d.ranked.len());
    let target = ctx.latest_target(current_ranked, fallback_ranked);
    let latest = keys
        .iter()
        .rev()
        .find(|p| **p <= target)
        .copied()
        .unwrap_or(target);
    copy_pictures(out, &g.slug, &media_dir, &digests)?;
    let items: Vec<PeriodItem> = stored
        .iter()
        .zip(&digests)
        .map(|((p, s), d)| item(clock, &g.slug, *p, Some(s), Some(d), lang))
        .collect();

    let figures: Vec<WeekFigures> = stored
        .iter()
        .zip(&digests)
        .map(|((p, _), d)| WeekFigures::new(*p, &d.totals))
        .collect();
    let activity = ActivityView::new(
        &figures,
        |p| period_label(p, lang),
        |p| period_path(&g.slug, p),
    );
    let group_url = format!("{}{}/", ctx.base, g.slug);
    let site = ctx.site();
    let latest_item = items.iter().find(|it| it.key == latest.key());
    let mut posts = 0;
    let mut latest_view = None;
    let mut search = search::GroupIndex::new(&g.slug, head.name, head.lang);
    for (i, ((period, sp), digest)) in stored.iter().zip(&digests).enumerate() {
        posts += sp.posts.len() as u64;
        let mut view = PeriodView::new(
            (&g.slug, head.name),
            *period,
            clock,
            &ctx.config.ranking,
            digest,
            &sp.posts,
            *period == current,
            Some(sp.updated_at),
            i.checked_sub(1).map(|j| &items[j]),
            items.get(i + 1),
            lang,
        );
        view.set_standing(Standing::of(&figures, *period), lang);
        let dir = &items[i].path;
        let page_url = format!("{}{dir}", ctx.base);
        let (html, files) = period_outputs(
            ctx,
            &head,
            *period,
            &view,
            digest,
            (Some(&page_url), false),
            &group_url,
            latest_item,
            lang,
        )?;
        put_period(out, dir, &html, &files)?;
        if !head.noindex {
            search.add_week(
                &items[i].key,
                &items[i].label,
                &sp.posts,
                &ctx.config.ranking,
                lang,
            );
        }
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
            (&g.slug, head.name),
            latest,
            clock,
            &ctx.config.ranking,
            &empty,
            &[],
            latest == current,
            None,
            None,
            None,
            lang,
        );
        // A group whose posts were never fetched has no week to say anything of.
        let never_fetched = stored.is_empty() && group.last_success.is_none();
        let (html, files) = period_outputs(
            ctx,
            &head,
            latest,
            &view,
            &empty,
            (None, never_fetched),
            &group_url,
            None,
            lang,
        )?;
        write_latest(out, &g.slug, &html, &files)?;
    }

    if !head.noindex {
        ctx.search.add_group(search);
    }
    let archive: Vec<PeriodItem> = items.iter().rev().cloned().collect();
    let meta = view::PageMeta {
        title: format!("{} · {}", head.name, ctx.config.site.title),
        description: match (info.description.as_deref(), latest_item) {
            (Some(d), _) if !d.trim().is_empty() => text::one_line(d, 200),
            (_, Some(it)) => lang.format(
                "group-description",
                &[
                    ("group", Arg::Str(head.name)),
                    (
                        "archive",
                        Arg::Str(&lang.count(Count::WeeksInArchive, archive.len() as u64)),
                    ),
                    ("week", Arg::Str(&it.label)),
                ],
            ),
            _ => lang.format("group-description-empty", &[("group", Arg::Str(head.name))]),
        },
        url: group_url.clone(),
        image: ctx.site_image(),
        lang: head.lang.to_string(),
        dir: head.dir,
    };
    let years = view::by_year(&archive);
    let html = ctx.render(
        "group.html",
        &GroupPage {
            site: &site,
            meta: &meta,
            group: &head,
            latest: latest_view.as_ref(),
            periods: &archive,
            years: &years,
            activity: activity.as_ref(),
            root: "../",
        },
        tag,
    )?;
    out.put(&format!("{}/index.html", g.slug), &html)?;
    // The newest 50 weeks, with their content, for this group's feed and the site's. An
    // unlisted group has neither: a feed has no `noindex`, and feed readers' directories
    // would make it findable.
    let recent: Vec<FeedEntry> = if head.noindex {
        Vec::new()
    } else {
        let recent: Vec<FeedEntry> = stored
            .iter()
            .zip(&digests)
            .zip(&items)
            .rev()
            .take(FEED_ENTRIES)
            .map(|((_, digest), item)| FeedEntry {
                group: head.name.to_string(),
                lang: tag.to_string(),
                title: lang.format(
                    "feed-entry-title",
                    &[
                        ("group", Arg::Str(head.name)),
                        ("week", Arg::Str(&item.label)),
                    ],
                ),
                summary: feed_summary(lang, item),
                item: item.clone(),
                content: feed_content(ctx, item, digest, lang),
            })
            .collect();
        let feed = ctx.render(
            "feed.xml",
            &FeedPage {
                site: &site,
                feed_url: &format!("{group_url}feed.xml"),
                title: head.name,
                page_url: &group_url,
                entries: &recent.iter().collect::<Vec<_>>(),
                updated: recent
                    .iter()
                    .filter_map(|e| e.item.updated.as_deref())
                    .max(),
                lang: tag,
            },
            tag,
        )?;
        out.put(&format!("{}/feed.xml", g.slug), &feed)?;
        recent
    };

    Ok(GroupCard {
        slug: g.slug.clone(),
        name: head.name.to_string(),
        monogram: head.monogram.clone(),
        lang: tag.to_string(),
        dir: head.dir,
        t: ctx.i18n.texts(tag),
        kind: g.kind.as_str(),
        description: info.description.clone(),
        member_count: info.member_count,
        stale: head.stale,
        stale_since: head.stale_since.clone(),
        listed: !head.noindex,
        latest: items.iter().find(|it| it.key == latest.key()).cloned(),
        periods: archive,
        posts,
        updated: updated.map(|t| t.to_rfc3339()),
        recent,
    })
}

/// A feed entry's summary: "12 posts; top post: …".
fn feed_summary(lang: &Lang, item: &PeriodItem) -> String {
    let posts = lang.count(Count::Posts, item.posts);
    match &item.top_title {
        Some(title) => lang.format(
            "feed-summary-top",
            &[("posts", Arg::Str(&posts)), ("title", Arg::Str(title))],
        ),
        None => lang.format("feed-summary", &[("posts", Arg::Str(&posts))]),
    }
}

/// Copies the kept pictures that pages and bot files show into `<slug>/media/`, every
/// copy of each (sizes, fallback), byte for byte: render never decodes a picture, and a
/// copy no page or bot file shows is not published.
fn copy_pictures(
    out: &Output,
    slug: &str,
    media_dir: &Path,
    digests: &[crate::rank::Digest],
) -> Result<()> {
    let shown: std::collections::BTreeSet<&str> = digests
        .iter()
        .flat_map(|d| {
            d.ranked
                .iter()
                .map(|r| r.post)
                .chain(d.top_commented)
                .chain(d.top_shared)
        })
        .flat_map(|p| p.image.iter().flat_map(|i| i.files()))
        .collect();
    for file in shown {
        out.put_copy(&format!("{slug}/media/{file}"), &media_dir.join(file))?;
    }
    Ok(())
}

/// One period's page and bot files. `period_url` is `None` when the period has no page
/// (nothing stored for it); `never_fetched` when the group has no post archived at all.
#[allow(clippy::too_many_arguments)]
fn period_outputs(
    ctx: &Ctx,
    head: &GroupHead,
    period: Period,
    view: &PeriodView,
    digest: &crate::rank::Digest,
    (period_url, never_fetched): (Option<&str>, bool),
    group_url: &str,
    latest: Option<&PeriodItem>,
    lang: &Lang,
) -> Result<(Vec<u8>, bot::Files)> {
    let mut description = lang.format(
        "week-description",
        &[
            ("group", Arg::Str(head.name)),
            ("week", Arg::Str(&view.label)),
            ("totals", Arg::Str(&view.totals_line)),
        ],
    );
    if let Some(first) = view.ranked.first() {
        description.push(' ');
        description.push_str(&lang.format(
            "week-description-top",
            &[("title", Arg::Str(&text::one_line(&first.title, 100)))],
        ));
    }
    let meta = view::PageMeta {
        title: format!("{}, {} · {}", head.name, view.label, ctx.config.site.title),
        description,
        url: format!("{}{}", ctx.base, view.path),
        // The week's best post with a kept picture, from the archive's own copy.
        image: view
            .ranked
            .iter()
            .find_map(|p| p.picture.as_ref())
            .map_or_else(
                || ctx.site_image(),
                |pic| format!("{}{}/media/{}", ctx.base, head.slug, pic.share),
            ),
        lang: head.lang.to_string(),
        dir: head.dir,
    };
    let html = ctx.render(
        "period.html",
        &PeriodPage {
            site: &ctx.site(),
            meta: &meta,
            group: head,
            period: view,
            latest,
            root: "../../",
        },
        head.lang,
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
        never_fetched,
        is_current: view.is_current,
        bot: &ctx.config.bot,
        groups: &ctx.bot_groups,
        lang,
    });
    Ok((html, files))
}

/// Every public group's slug, display name (as its pages show it) and URL, for quick
/// replies: a bot never points at an unlisted or private group.
pub(super) fn bot_groups(
    config: &Config,
    groups: &[(&GroupConfig, StoredGroup, Visibility)],
) -> Vec<bot::GroupLink> {
    let base = config.base_url();
    groups
        .iter()
        .filter(|(_, _, v)| *v == Visibility::Public)
        .map(|(g, StoredGroup { info, .. }, _)| bot::GroupLink {
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
