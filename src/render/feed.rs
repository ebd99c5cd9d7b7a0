//! Atom feeds: a group's newest weeks, and the site's over every listed group. An entry's
//! content is the week's top posts as HTML, linked to their anchors on the site.

use super::view::{FeedEntry, GroupCard, PeriodItem};
use super::{text, Ctx};

/// Entries in a feed: the newest weeks.
pub(super) const FEED_ENTRIES: usize = 50;

/// The site feed's entries: the newest weeks over every group.
pub(super) fn site_feed_entries(groups: &[GroupCard]) -> Vec<&FeedEntry> {
    let mut entries: Vec<&FeedEntry> = groups.iter().flat_map(|g| &g.recent).collect();
    entries.sort_by(|a, b| {
        b.item
            .published
            .cmp(&a.item.published)
            .then_with(|| a.group.cmp(&b.group))
    });
    entries.truncate(FEED_ENTRIES);
    entries
}

/// A feed entry's content: the week's totals and its top posts, linked to their anchors
/// on the week's page. Escaped here as HTML; the feed template escapes it again as XML text.
pub(super) fn feed_content(
    ctx: &Ctx,
    item: &PeriodItem,
    digest: &crate::rank::Digest,
    lang: &crate::i18n::Lang,
) -> String {
    let mut html = format!(
        "<p>{}</p>",
        text::escape_html(&text::totals_line(&digest.totals, lang))
    );
    if !digest.ranked.is_empty() {
        html.push_str("<ol>");
        for r in &digest.ranked {
            let p = r.post;
            html.push_str(&format!(
                "<li><a href=\"{}{}#post-{}\">{}</a> ({})</li>",
                ctx.base,
                item.path,
                text::escape_html(&p.id),
                text::escape_html(&text::post_title(p, 100, lang)),
                text::escape_html(&text::engagement(p.comments, p.shares, p.reactions, lang)),
            ));
        }
        html.push_str("</ol>");
    }
    html
}
