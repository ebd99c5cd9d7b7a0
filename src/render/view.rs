//! The deliberate, borrowed views templates see. Changing an internal type never silently
//! changes what a template (or a site's own template) can use: only these structs do.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::i18n::{Arg, Count, Lang};

use crate::model::{GroupInfo, Post};
use crate::period::Period;
use crate::rank::{Digest, Totals};

/// Site-wide values, available to every template as `site`.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub language: &'a str,
    /// "rtl" when the site's language is written right to left.
    pub dir: &'static str,
}

/// `index.html` and `404.html`: every listed group.
#[derive(Debug, Serialize)]
pub struct IndexPage<'a> {
    pub site: &'a SiteView<'a>,
    pub meta: &'a PageMeta,
    pub groups: &'a [GroupCard],
    pub root: &'a str,
}

/// `group.html`: a group's summary, its latest week and its archive.
#[derive(Debug, Serialize)]
pub struct GroupPage<'a> {
    pub site: &'a SiteView<'a>,
    pub meta: &'a PageMeta,
    pub group: &'a GroupHead<'a>,
    pub latest: Option<&'a PeriodView<'a>>,
    /// Every stored week, newest first.
    pub periods: &'a [PeriodItem],
    /// The same weeks by year.
    pub years: &'a [YearView<'a>],
    /// The last 52 weeks' chart, when a week is stored.
    pub activity: Option<&'a super::activity::ActivityView>,
    pub root: &'a str,
}

/// `period.html`: one week of a group.
#[derive(Debug, Serialize)]
pub struct PeriodPage<'a> {
    pub site: &'a SiteView<'a>,
    pub meta: &'a PageMeta,
    pub group: &'a GroupHead<'a>,
    pub period: &'a PeriodView<'a>,
    /// The group's latest week, for the "Latest week" link.
    pub latest: Option<&'a PeriodItem>,
    pub root: &'a str,
}

/// `page.html`: a Markdown page of the site's `pages/`.
#[derive(Debug, Serialize)]
pub struct MarkdownPage<'a> {
    pub site: &'a SiteView<'a>,
    pub meta: &'a PageMeta,
    pub title: &'a str,
    /// The page's HTML, made by pulldown-cmark from the Markdown (raw HTML shown as text).
    pub body: minijinja::Value,
    pub root: &'a str,
}

/// `feed.xml`: a group's feed or the site's.
#[derive(Debug, Serialize)]
pub struct FeedPage<'a> {
    pub site: &'a SiteView<'a>,
    pub feed_url: &'a str,
    pub title: &'a str,
    pub page_url: &'a str,
    pub entries: &'a [&'a FeedEntry],
    /// The newest entry's `updated`.
    pub updated: Option<&'a str>,
    /// The feed's `xml:lang`; an entry in another language has its own.
    pub lang: &'a str,
}

/// One Atom entry: a week of a group, with its top posts as (escaped) HTML content.
#[derive(Debug, Clone, Serialize)]
pub struct FeedEntry {
    pub group: String,
    /// The group's language (`xml:lang` of the entry) and the entry's title and summary in it.
    pub lang: String,
    pub title: String,
    pub summary: String,
    pub item: PeriodItem,
    pub content: String,
}

/// `sitemap.xml`: every listed group's pages.
#[derive(Debug, Serialize)]
pub struct SitemapPage<'a> {
    pub site: &'a SiteView<'a>,
    pub groups: &'a [GroupCard],
    /// When any listed group's data last changed.
    pub updated: Option<&'a str>,
}

/// `robots.txt`, `style.css`, `favicon.svg`: the site's values only.
#[derive(Debug, Serialize)]
pub struct AssetPage<'a> {
    pub site: &'a SiteView<'a>,
}

/// A group as the site-wide pages show it (home page card, sitemap, 404, site feed).
#[derive(Debug, Clone, Serialize)]
pub struct GroupCard {
    pub slug: String,
    pub name: String,
    /// Its mark (`GroupHead::monogram`).
    pub monogram: String,
    /// The group's language and direction: its card on the home page is marked with them.
    pub lang: String,
    pub dir: &'static str,
    /// The group's language's texts, for its card (`g.t("card-latest")`).
    pub t: minijinja::Value,
    pub kind: &'static str,
    pub description: Option<String>,
    pub member_count: Option<u64>,
    pub stale: bool,
    pub stale_since: Option<String>,
    /// Shown on the home page, in the sitemap and the site feed (a public group).
    pub listed: bool,
    pub latest: Option<PeriodItem>,
    /// Every stored period, newest first.
    pub periods: Vec<PeriodItem>,
    pub posts: u64,
    /// RFC 3339 time the group's data last changed.
    pub updated: Option<String>,
    /// Its newest weeks as feed entries, newest first (for the site feed; not a template
    /// value).
    #[serde(skip)]
    pub recent: Vec<FeedEntry>,
}

/// A group's heading, as shown on every page of the group.
#[derive(Debug, Serialize)]
pub struct GroupHead<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    /// The group's mark: the first letter or digit of its name, upper-cased, as a whole
    /// grapheme (a name's leading quote, emoji or stray symbol is skipped; a name with no
    /// letter gives its first grapheme). Empty for an empty name.
    pub monogram: String,
    pub kind: &'a str,
    pub description: Option<&'a str>,
    pub member_count: Option<u64>,
    pub link: Option<&'a str>,
    pub cover: Option<&'a str>,
    /// Set when the group's last fetch failed (its `group.json` says so until one succeeds).
    pub stale: bool,
    /// When a fetch last succeeded, for the notice; `None` if none ever did.
    pub stale_since: Option<String>,
    /// When its stored data last changed.
    pub updated_at: Option<String>,
    /// `<html lang>` of its pages.
    pub lang: &'a str,
    /// `<html dir>` of its pages: "rtl" for a right-to-left language.
    pub dir: &'static str,
    /// An unlisted group: its pages ask search engines not to index them
    /// (`<meta name="robots" content="noindex">` in `base.html`).
    pub noindex: bool,
}

/// A period in a list (archive, home page, feeds, sitemap).
#[derive(Debug, Clone, Serialize)]
pub struct PeriodItem {
    pub key: String,
    pub label: String,
    /// Relative to the site root: `cdmx/2026-11-23/`.
    pub path: String,
    pub posts: u64,
    pub ranked: usize,
    pub top_title: Option<String>,
    pub year: i32,
    /// When the period starts, in the site's timezone (RFC 3339): a feed entry's `published`.
    pub published: String,
    /// When its stored data last changed (RFC 3339): `updated` and `lastmod`.
    pub updated: Option<String>,
}

/// The weeks of one year in a group's archive, newest first.
#[derive(Debug, Serialize)]
pub struct YearView<'a> {
    pub year: i32,
    pub posts: u64,
    pub weeks: Vec<&'a PeriodItem>,
}

/// Groups an archive (newest first) by year.
pub fn by_year(archive: &[PeriodItem]) -> Vec<YearView<'_>> {
    let mut years: Vec<YearView> = Vec::new();
    for item in archive {
        match years.last_mut() {
            Some(y) if y.year == item.year => {
                y.posts += item.posts;
                y.weeks.push(item);
            }
            _ => years.push(YearView {
                year: item.year,
                posts: item.posts,
                weeks: vec![item],
            }),
        }
    }
    years
}

/// What every page's `<head>` says about it: for search engines and for the preview a
/// shared link gets (Open Graph, Twitter card).
#[derive(Debug, Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    /// The canonical absolute URL.
    pub url: String,
    /// An absolute URL of the preview picture: the archive's own copy, else the site's.
    pub image: String,
    /// `<html lang>`: the group's language, else the site's.
    pub lang: String,
    /// `<html dir>`: "rtl" or "ltr".
    pub dir: &'static str,
}

/// A post of a week that is not ranked, in the compact list under the ranked ones.
#[derive(Debug, Serialize)]
pub struct OtherPost<'a> {
    pub id: &'a str,
    pub title: String,
    /// Its counts in words, zeros left out ("12 comments · 3 shares"), or "No comments,
    /// shares or reactions yet".
    pub counts: String,
    /// The same counts one by one (zeros left out), for icons beside each.
    pub count_list: Vec<super::text::CountItem>,
    pub permalink: Option<&'a str>,
    /// When it was posted, in the page's language, and as RFC 3339: two posts with the
    /// same words ("Photo", "Thanks everyone!") are told apart by it.
    pub created: String,
    pub created_iso: String,
}

/// One post on a page. Fields are in the order the default templates look them up:
/// minijinja finds a struct's field by a linear scan.
#[derive(Debug, Clone, Serialize)]
pub struct PostView<'a> {
    /// The archive's copy, if one was kept (never Facebook's expiring URL).
    pub picture: Option<PictureView<'a>>,
    /// What the post is called without text ("Photo"), in the page's language.
    pub label: String,
    pub rank: usize,
    pub title: String,
    /// The post in one line for a link's name ("Open on Facebook “…”"): the title, or,
    /// when the title is a short lead-in ("Reminder:"), the text it leads into.
    pub line: String,
    /// The text below the title line, or the whole text when the title had to be cut.
    pub body: Option<String>,
    /// A long body split for the page: its opening, shown, and the rest, behind a "more"
    /// control (never clipped silently). `None` when the body is short.
    pub body_split: Option<(String, String)>,
    /// Every count in words, zeros included: "64 comments · 0 shares · 172 reactions".
    pub counts: String,
    /// The same counts one by one, zeros included, for icons beside each: `kind`
    /// ("comments", "shares", "reactions"), `n` and `text` ("254 comments").
    pub count_list: Vec<super::text::CountItem>,
    pub created_iso: String,
    pub created: String,
    pub permalink: Option<&'a str>,
    /// The page the post shares, if any.
    pub link: Option<LinkView<'a>>,
    pub comments: u64,
    pub shares: u64,
    pub reactions: u64,
    /// The full text (escaped by the template engine).
    pub text: Option<&'a str>,
    pub id: &'a str,
    pub score: f64,
    pub engagement: String,
}

/// A post's shared link on a page: its URL (http(s), checked when stored), its title cut to
/// one line (`None` when it has none, or when the post has no text and is titled by it
/// already) and its domain.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView<'a> {
    pub url: &'a str,
    pub title: Option<String>,
    pub domain: &'a str,
}

impl<'a> LinkView<'a> {
    fn new(link: &'a crate::model::Link, post_has_text: bool) -> Self {
        LinkView {
            url: &link.url,
            title: link
                .title
                .as_deref()
                .filter(|_| post_has_text)
                .map(|t| super::text::one_line(t, 120))
                .filter(|t| !t.is_empty()),
            domain: link.domain(),
        }
    }
}

/// A kept picture on a page: `<slug>/media/<file>`, with its size (no layout shift), its
/// narrower copies (`srcset`: the card's thumbnail, then `file`) and its alt text, which
/// says what the picture is to the post ("Picture shared with post 2") rather than repeat
/// the title read next to it.
#[derive(Debug, Clone, Serialize)]
pub struct PictureView<'a> {
    pub file: &'a str,
    pub width: u32,
    pub height: u32,
    pub alt: String,
    /// Every copy, narrowest first, `file` last: `srcset`'s candidates. Only `file` for an
    /// older archive's single copy.
    pub srcset: Vec<SrcsetItem<'a>>,
    /// "wide" beyond 2:1, "tall" beyond 4:5 (taller), else "": the stylesheet shows a
    /// wide or tall picture cropped to that ratio (`object-fit`), never further.
    pub shape: &'static str,
    /// The page's first picture: fetched at once with high priority (it is the largest
    /// thing a phone shows first); the others load lazily.
    pub first: bool,
    /// The copy for link previews (`og:image`): JPEG while its week is open.
    #[serde(skip)]
    pub share: &'a str,
}

/// A picture's shape for the stylesheet's aspect clamps: wider than 2:1, taller than 4:5.
fn shape(width: u32, height: u32) -> &'static str {
    let (w, h) = (u64::from(width), u64::from(height));
    if w > 2 * h {
        "wide"
    } else if 5 * w < 4 * h {
        "tall"
    } else {
        ""
    }
}

/// One candidate of a picture's `srcset`.
#[derive(Debug, Clone, Serialize)]
pub struct SrcsetItem<'a> {
    pub file: &'a str,
    pub width: u32,
}

impl<'a> PictureView<'a> {
    fn new(image: &'a crate::model::Image, rank: usize, lang: &Lang) -> Self {
        let srcset = image
            .sizes
            .iter()
            .map(|s| SrcsetItem {
                file: &s.file,
                width: s.width,
            })
            .chain(std::iter::once(SrcsetItem {
                file: &image.file,
                width: image.width,
            }))
            .collect();
        PictureView {
            file: &image.file,
            width: image.width,
            height: image.height,
            alt: lang.format(
                "post-picture",
                &[("rank", crate::i18n::Arg::Str(&rank.to_string()))],
            ),
            srcset,
            shape: shape(image.width, image.height),
            first: false,
            share: image.for_bots(),
        }
    }
}

impl<'a> PostView<'a> {
    pub fn new(rank: usize, post: &'a Post, score: f64, tz: Tz, lang: &Lang) -> Self {
        let local = post.created_time.with_timezone(&tz);
        let text = post.text();
        let first = post
            .first_line()
            .map(|line| (line, super::text::one_line_cut(line, 120)))
            .filter(|(_, (title, _))| !title.is_empty());
        let (title, body) = match (text, first) {
            // The whole first line is the title: the body is the rest of the text.
            (Some(text), Some((line, (title, false)))) => {
                let rest = &text[offset_in(text, line) + line.len()..];
                let rest = rest.trim();
                (title, (!rest.is_empty()).then(|| rest.to_string()))
            }
            // A cut title: the body repeats the whole text.
            (text, first) => (
                first.map_or_else(
                    || super::text::untitled(post, 120, lang),
                    |(_, (title, _))| title,
                ),
                text.map(|t| t.trim().to_string()),
            ),
        };
        let line = match post.first_line() {
            Some(first) if !super::text::is_lead_in(first) => title.clone(),
            _ => super::text::post_line(post, 120, lang),
        };
        PostView {
            rank,
            line,
            id: &post.id,
            text,
            title,
            body_split: body.as_deref().and_then(split_long),
            body,
            label: lang.text(post.label_id()),
            permalink: post.permalink_url.as_deref(),
            picture: post.image.as_ref().map(|i| PictureView::new(i, rank, lang)),
            link: post.link.as_ref().map(|l| LinkView::new(l, text.is_some())),
            comments: post.comments,
            shares: post.shares,
            reactions: post.reactions,
            score,
            engagement: super::text::engagement(post.comments, post.shares, post.reactions, lang),
            counts: super::text::post_counts(post, lang),
            count_list: super::text::count_items(
                post.comments,
                post.shares,
                post.reactions,
                lang,
                false,
            ),
            created: lang.post_time(&local),
            created_iso: local.to_rfc3339(),
        }
    }
}

/// A body longer than this many characters is split for the page.
const LONG_BODY: usize = 700;
/// About how much of a long body is shown before its "more" control.
const BODY_OPENING: usize = 400;

/// Splits a long body at a line break or space near `BODY_OPENING` characters: the opening
/// and the rest (together, the whole text).
fn split_long(body: &str) -> Option<(String, String)> {
    if body.chars().count() <= LONG_BODY {
        return None;
    }
    let limit = body
        .char_indices()
        .nth(BODY_OPENING)
        .map_or(body.len(), |(i, _)| i);
    let head = &body[..limit];
    let cut = head
        .rfind('\n')
        .filter(|&i| i > limit / 2)
        .or_else(|| head.rfind(char::is_whitespace))
        .filter(|&i| i > 0)
        .unwrap_or(limit);
    let (opening, rest) = body.split_at(cut);
    Some((
        opening.trim_end().to_string(),
        rest.trim_start().to_string(),
    ))
}

/// Where `part`, a slice of `text`, starts in it.
fn offset_in(text: &str, part: &str) -> usize {
    let offset = (part.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    let end = offset.checked_add(part.len());
    if end.and_then(|end| text.get(offset..end)) == Some(part) {
        offset
    } else {
        text.find(part).unwrap_or(0)
    }
}

/// A period's page (fields in the order the default template looks them up).
#[derive(Debug, Serialize)]
pub struct PeriodView<'a> {
    pub label: String,
    /// The page's heading: "Developer Circle CDMX: 16–22 Nov 2026" (`week-heading`).
    pub heading: String,
    pub path: String,
    pub prev: Option<&'a PeriodItem>,
    pub next: Option<&'a PeriodItem>,
    /// The totals in words: "23 posts · 144 comments · 30 shares · 585 reactions".
    pub totals_line: String,
    /// The same totals one by one (`kind`, `n`, `text`), for an icon beside each.
    pub totals_list: Vec<super::text::CountItem>,
    pub is_current: bool,
    pub top_commented: Option<PostView<'a>>,
    pub top_shared: Option<PostView<'a>>,
    pub ranked: Vec<PostView<'a>>,
    /// Every other post of the week, best first: each has its anchor too.
    pub others: Vec<OtherPost<'a>>,
    pub updated_at: Option<String>,
    /// "Last updated 25 Nov 2026, 12:05 UTC" (`last-updated`), when the week was fetched.
    pub updated_line: Option<String>,
    pub key: String,
    pub start: String,
    pub end: String,
    pub totals: Totals,
    /// Where the week stands against the group's usual week, and the sentence that says it
    /// (`week-above`, `week-below`, `week-usual`): set by the group's render (`set_standing`).
    pub standing: Option<super::activity::Standing>,
    pub standing_line: Option<String>,
}

impl<'a> PeriodView<'a> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        (slug, group): (&str, &str),
        period: Period,
        clock: crate::config::Clock,
        ranking: &crate::config::RankingConfig,
        digest: &Digest<'a>,
        posts: &'a [Post],
        is_current: bool,
        updated_at: Option<DateTime<Utc>>,
        prev: Option<&'a PeriodItem>,
        next: Option<&'a PeriodItem>,
        lang: &Lang,
    ) -> Self {
        let tz = clock.tz;
        let ranked_ids: std::collections::HashSet<&str> =
            digest.ranked.iter().map(|r| r.post.id.as_str()).collect();
        let mut others: Vec<(f64, &Post)> = posts
            .iter()
            .filter(|p| !ranked_ids.contains(p.id.as_str()))
            .map(|p| (crate::rank::score(p, ranking), p))
            .collect();
        // Best first, then newest (the archive's order, which the sort keeps).
        others.sort_by(|a, b| b.0.total_cmp(&a.0));
        let others = others
            .into_iter()
            .map(|(_, p)| OtherPost {
                id: &p.id,
                title: super::text::post_line(p, 100, lang),
                counts: super::text::engagement(p.comments, p.shares, p.reactions, lang),
                count_list: super::text::count_items(p.comments, p.shares, p.reactions, lang, true),
                permalink: p.permalink_url.as_deref(),
                created: lang.post_time(&p.created_time.with_timezone(&tz)),
                created_iso: p.created_time.with_timezone(&tz).to_rfc3339(),
            })
            .collect();
        let mut ranked: Vec<PostView> = digest
            .ranked
            .iter()
            .enumerate()
            .map(|(i, r)| PostView::new(i + 1, r.post, r.score, tz, lang))
            .collect();
        if let Some(first) = ranked.iter_mut().find_map(|p| p.picture.as_mut()) {
            first.first = true;
        }
        // A top post is usually ranked too: its view is copied, not built again.
        let top = |p: &'a Post| {
            let mut view = match digest.ranked.iter().position(|r| std::ptr::eq(r.post, p)) {
                Some(i) => ranked[i].clone(),
                None => PostView::new(0, p, crate::rank::score(p, ranking), tz, lang),
            };
            view.rank = 0;
            view
        };
        let updated = updated_at.map(|t| lang.time(t, tz));
        let label = period_label(period, lang);
        PeriodView {
            key: period.key(),
            heading: lang.format(
                "week-heading",
                &[("group", Arg::Str(group)), ("week", Arg::Str(&label))],
            ),
            label,
            path: period_path(slug, period),
            start: period.start(clock).with_timezone(&tz).to_rfc3339(),
            end: period.end(clock).with_timezone(&tz).to_rfc3339(),
            is_current,
            totals: digest.totals,
            totals_line: super::text::totals_line(&digest.totals, lang),
            totals_list: super::text::totals_items(&digest.totals, lang),
            top_commented: digest.top_commented.map(top),
            top_shared: digest.top_shared.map(top),
            ranked,
            others,
            updated_line: updated
                .as_deref()
                .map(|t| lang.format("last-updated", &[("time", Arg::Str(t))])),
            updated_at: updated,
            prev,
            next,
            standing: None,
            standing_line: None,
        }
    }

    /// Where the week stands, and its sentence in `lang`: formatted here rather than by the
    /// template, where a message with arguments costs several times as much
    /// (`examples/bench_i18n`).
    pub fn set_standing(&mut self, standing: Option<super::activity::Standing>, lang: &Lang) {
        self.standing_line = standing.map(|s| {
            let count = |kind, n| lang.count(kind, n).into_owned();
            lang.format(
                &format!("week-{}", s.level),
                &[
                    (
                        "interactions",
                        Arg::Str(&count(Count::Interactions, s.interactions)),
                    ),
                    ("posts", Arg::Str(&count(Count::Posts, s.posts))),
                    (
                        "usual_interactions",
                        Arg::Str(&count(Count::Interactions, s.usual.interactions)),
                    ),
                    ("usual_posts", Arg::Str(&count(Count::Posts, s.usual.posts))),
                ],
            )
        });
        self.standing = standing;
    }
}

pub fn period_path(slug: &str, period: Period) -> String {
    format!("{slug}/{}/", period.key())
}

/// A week's label in `lang`: "16–22 Nov 2026", "28 Sept – 4 Oct 2026", "29 Dec 2025 – 4 Jan
/// 2026".
pub fn period_label(period: Period, lang: &Lang) -> String {
    lang.week_label(period.first_day, period.last_day())
}

impl<'a> GroupHead<'a> {
    pub fn new(
        cfg: &'a crate::config::GroupConfig,
        site_lang: &'a str,
        info: &'a GroupInfo,
        visibility: crate::config::Visibility,
        stale: Option<Option<String>>,
        updated_at: Option<String>,
    ) -> Self {
        let name = cfg.display_name(info.name.as_deref());
        GroupHead {
            slug: &cfg.slug,
            monogram: monogram(name),
            name,
            kind: cfg.kind.as_str(),
            description: info.description.as_deref(),
            member_count: info.member_count,
            link: info.link.as_deref(),
            cover: info.cover.as_deref(),
            stale: stale.is_some(),
            stale_since: stale.flatten(),
            updated_at,
            lang: cfg.language.as_deref().unwrap_or(site_lang),
            dir: crate::i18n::direction(cfg.language.as_deref().unwrap_or(site_lang)),
            noindex: visibility != crate::config::Visibility::Public,
        }
    }
}

/// A name's mark for its tile (see `GroupHead::monogram`).
pub fn monogram(name: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let mut graphemes = name.graphemes(true).filter(|g| !g.trim().is_empty());
    let first = graphemes.clone().next();
    let letter = graphemes.find(|g| g.chars().next().is_some_and(char::is_alphanumeric));
    match letter.or(first) {
        Some(g) if g.chars().count() == 1 => g.to_uppercase(),
        Some(g) => g.to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_monogram_is_the_names_first_letter_as_a_whole_grapheme() {
        assert_eq!(monogram("Developer Circle CDMX"), "D");
        assert_eq!(monogram("  rust México"), "R");
        assert_eq!(monogram("<script>alert(1)</script>"), "S");
        assert_eq!(monogram("«Dev» Meetup"), "D");
        assert_eq!(monogram("🇯🇵 Dev Meetup"), "D");
        assert_eq!(monogram("مطورو القاهرة"), "م");
        assert_eq!(monogram("東京"), "東");
        // A letter with a combining mark stays whole.
        assert_eq!(monogram("e\u{301}cole"), "e\u{301}");
        assert_eq!(monogram("🎉🎉"), "🎉");
        assert_eq!(monogram(""), "");
    }

    fn en() -> std::sync::Arc<Lang> {
        crate::i18n::Catalog::bundled_only(&["en"]).get("en")
    }

    #[test]
    fn a_long_body_is_split_whole_at_a_space_and_a_short_one_is_not() {
        assert_eq!(split_long("short text"), None);
        let body = "word ".repeat(300).trim_end().to_string();
        let (opening, rest) = split_long(&body).unwrap();
        assert!(opening.chars().count() <= BODY_OPENING, "{}", opening.len());
        assert!(opening.ends_with("word") && rest.starts_with("word"));
        assert_eq!(format!("{opening} {rest}"), body);
        // Code keeps its line breaks and is split at one.
        let code = "let x = 1;\n".repeat(100).trim_end().to_string();
        let (opening, rest) = split_long(&code).unwrap();
        assert!(opening.ends_with(';') && rest.starts_with("let"));
        assert_eq!(format!("{opening}\n{rest}"), code);
    }

    fn post(message: Option<&str>, picture: Option<&str>) -> Post {
        Post {
            id: "1".into(),
            created_time: "2026-11-25T12:05:00Z".parse().unwrap(),
            message: message.map(str::to_string),
            permalink_url: None,
            picture: picture.map(str::to_string),
            comments: 1,
            shares: 0,
            reactions: 2,
            link: None,
            image: None,
        }
    }

    #[test]
    fn a_post_shows_its_first_line_as_title_and_the_rest_as_body() {
        let p = post(Some("\n  Meetup  on   Friday \n\nSlides:\nhere "), None);
        let v = PostView::new(1, &p, 1.0, chrono_tz::UTC, &en());
        assert_eq!(v.title, "Meetup on Friday");
        assert_eq!(v.body.as_deref(), Some("Slides:\nhere"));
        assert_eq!(v.counts, "1 comment · 0 shares · 2 reactions");
        // One by one, for icons: the same words in the same order.
        let kinds: Vec<_> = v.count_list.iter().map(|c| (c.kind, c.n)).collect();
        assert_eq!(kinds, [("comments", 1), ("shares", 0), ("reactions", 2)]);
        let texts: Vec<_> = v.count_list.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts.join(" · "), v.counts);
        assert_eq!(v.created, "Wed, 25 Nov 2026, 12:05");

        let one_line = post(Some("Just this"), None);
        let v = PostView::new(1, &one_line, 1.0, chrono_tz::UTC, &en());
        assert_eq!((v.title.as_str(), v.body), ("Just this", None));
    }

    #[test]
    fn a_cut_or_empty_title_leaves_the_whole_text_in_the_body() {
        let long = format!("{} end\nsecond", "word ".repeat(40));
        let p = post(Some(&long), None);
        let v = PostView::new(1, &p, 1.0, chrono_tz::UTC, &en());
        assert!(v.title.ends_with('…') && v.title.chars().count() <= 120);
        assert_eq!(v.body.as_deref(), Some(long.trim()));

        // A first line of control characters only: the title is the post's label.
        let p = post(Some("\u{7}\u{1b}\nreal text"), Some("https://x.y/a.jpg"));
        let v = PostView::new(1, &p, 1.0, chrono_tz::UTC, &en());
        assert_eq!(v.title, "Post");
        assert_eq!(v.body.as_deref(), Some("\u{7}\u{1b}\nreal text"));

        let photo = post(None, Some("https://x.y/a.jpg"));
        let v = PostView::new(1, &photo, 1.0, chrono_tz::UTC, &en());
        assert_eq!((v.title.as_str(), v.body), ("Photo", None));
    }

    #[test]
    fn offset_in_finds_a_slice_and_falls_back_to_searching() {
        let text = "abc\ndef";
        assert_eq!(offset_in(text, &text[4..]), 4);
        assert_eq!(offset_in(text, "def"), 4); // not a slice of `text`: found by search
        assert_eq!(offset_in(text, "zzz"), 0);
    }

    #[test]
    fn labels_read_naturally_across_months_and_years() {
        let p = |s: &str| Period {
            first_day: s.parse().unwrap(),
        };
        let catalog = crate::i18n::Catalog::bundled_only(&["en", "es", "ja", "de", "ar"]);
        let label = |tag: &str, day: &str| period_label(p(day), &catalog.get(tag));
        assert_eq!(label("en", "2026-11-16"), "16–22 Nov 2026");
        assert_eq!(label("en", "2026-09-28"), "28 Sept – 4 Oct 2026");
        assert_eq!(label("en", "2025-12-29"), "29 Dec 2025 – 4 Jan 2026");
        assert_eq!(label("es", "2026-11-16"), "16–22 nov 2026");
        assert_eq!(label("ja", "2026-11-16"), "2026年11月16日～22日");
        assert_eq!(label("ja", "2026-09-28"), "2026年9月28日～10月4日");
        assert_eq!(label("de", "2026-11-16"), "16.–22. November 2026");
        assert_eq!(label("ar", "2026-11-16"), "16–22 نوفمبر 2026");
    }

    #[test]
    fn times_read_in_the_site_timezone_with_its_abbreviation() {
        let t = "2026-11-25T12:05:00Z".parse().unwrap();
        assert_eq!(en().time(t, chrono_tz::UTC), "25 Nov 2026, 12:05 UTC");
        assert_eq!(
            en().time(t, chrono_tz::Europe::Berlin),
            "25 Nov 2026, 13:05 CET"
        );
    }
}
