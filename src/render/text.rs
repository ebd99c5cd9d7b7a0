//! Plain-text helpers for bot outputs and page snippets: whitespace collapsing, cutting on
//! grapheme-cluster boundaries with "…", and counts in words ("1 comment", "3 shares", in
//! the page's language).

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

use crate::i18n::{Count, Lang};

/// True when `s` is already one clean line: ASCII, no control character (tabs and newlines
/// included), no leading, trailing or doubled space. Such text needs no collapsing and is
/// cut by bytes; it is the common case, checked in one pass.
fn is_plain_line(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    for &c in b {
        if !(0x20..0x7f).contains(&c) || (c == b' ' && prev_space) {
            return false;
        }
        prev_space = c == b' ';
    }
    true
}

/// Collapses every run of whitespace (newlines included) into one space and trims;
/// borrows `s` when it already is one clean line.
pub fn collapse_whitespace(s: &str) -> Cow<'_, str> {
    if is_plain_line(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// Cuts `s` to at most `max` characters (Unicode scalar values, as Messenger counts),
/// never splitting a grapheme cluster; a cut text ends in "…" within the limit. Borrows `s`
/// when it fits.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    cut(s, max).map_or(Cow::Borrowed(s), Cow::Owned)
}

/// The cut text, or `None` when `s` fits in `max` characters. The cut falls on a word
/// boundary (a space) when one is in the last half of what fits, so no word is left
/// half-written; in a script without spaces (Japanese, Chinese) it falls between
/// grapheme clusters. Trailing punctuation goes before the one "…": never "compartir.…".
fn cut(s: &str, max: usize) -> Option<String> {
    // Bytes bound characters from above: most texts fit without counting.
    if s.len() <= max || s.chars().count() <= max {
        return None;
    }
    let budget = max.saturating_sub(1);
    // The longest prefix of whole grapheme clusters within `budget` characters.
    let end = if s.is_ascii() && !s.contains('\r') {
        // Every ASCII character but "\r\n" is its own grapheme: cut by bytes (hot path).
        budget
    } else {
        let mut used = 0;
        let mut end = 0;
        for (i, g) in s.grapheme_indices(true) {
            let n = g.chars().count();
            if used + n > budget {
                break;
            }
            used += n;
            end = i + g.len();
        }
        end
    };
    let kept = &s[..end];
    let mid_word = !kept.ends_with(char::is_whitespace)
        && !s[end..].starts_with(char::is_whitespace)
        && !kept.ends_with(is_break_punctuation);
    let kept = match kept.rfind(char::is_whitespace) {
        Some(space) if mid_word && space >= end / 2 => &kept[..space],
        _ => kept,
    };
    let trimmed = kept.trim_end_matches(|c: char| c.is_whitespace() || is_trailing_punctuation(c));
    let kept = if trimmed.is_empty() {
        kept.trim_end()
    } else {
        trimmed
    };
    let mut out = String::with_capacity(kept.len() + '…'.len_utf8());
    out.push_str(kept);
    out.push('…');
    Some(out)
}

/// Punctuation after which a text may be cut mid-run (CJK commas and stops: a Japanese
/// sentence has no spaces).
fn is_break_punctuation(c: char) -> bool {
    matches!(c, '、' | '。' | '，' | '！' | '？' | '；' | '：')
}

/// Punctuation that would stand before the ellipsis of a cut text: dropped, so the cut
/// ends in one mark ("compartir…", not "compartir.…" or "ventas, …").
fn is_trailing_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '-'
            | '–'
            | '—'
            | '…'
            | '·'
            | '、'
            | '。'
            | '，'
            | '；'
            | '：'
            | '،'
            | '؛'
    )
}

/// A single line of plain text, at most `max` characters. Control characters (a NUL, a
/// bell, an escape) are dropped: they are invisible at best, and a chat platform may refuse
/// a message over them.
pub fn one_line(s: &str, max: usize) -> String {
    one_line_cut(s, max).0
}

/// `one_line`, and whether the text had to be cut to fit.
pub fn one_line_cut(s: &str, max: usize) -> (String, bool) {
    let line = if is_plain_line(s) {
        Cow::Borrowed(s)
    } else if s.contains(|c: char| c.is_control() && !c.is_whitespace()) {
        let kept: String = s
            .chars()
            .filter(|c| !c.is_control() || c.is_whitespace())
            .collect();
        Cow::Owned(collapse_whitespace(&kept).into_owned())
    } else {
        collapse_whitespace(s)
    };
    match cut(&line, max) {
        Some(cut) => (cut, true),
        None => (line.into_owned(), false),
    }
}

/// A post's title in one line of at most `max` characters: its first line, or, when it has
/// no text or the line holds nothing printable, `untitled`.
pub fn post_title(post: &crate::model::Post, max: usize, lang: &Lang) -> String {
    post.first_line()
        .map(|l| one_line(l, max))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| untitled(post, max, lang))
}

/// The title of a post without text, in at most `max` characters: its shared link's title
/// or domain, else a label ("Photo", "Post", in `lang`).
pub fn untitled(post: &crate::model::Post, max: usize, lang: &Lang) -> String {
    post.link
        .as_ref()
        .map(|link| one_line(link.label(), max))
        .filter(|title| !title.is_empty())
        .unwrap_or_else(|| lang.text(post.label_id()))
}

/// A post's line in a compact list (a week's other posts, a search result): like
/// `post_title`, but a first line too short to say what the post is about ("ご報告:",
/// "Update", a line ending in a colon) goes on with the lines after it, as one line.
pub fn post_line(post: &crate::model::Post, max: usize, lang: &Lang) -> String {
    let Some(first) = post.first_line() else {
        return untitled(post, max, lang);
    };
    let line = match post.text() {
        Some(text) if is_lead_in(first) && text.trim() != first => one_line(text.trim(), max),
        _ => one_line(first, max),
    };
    if line.is_empty() {
        untitled(post, max, lang)
    } else {
        line
    }
}

/// Whether a first line only leads into the text after it: it ends in a colon, or is too
/// short (under 24 characters) to say what the post is about.
pub fn is_lead_in(first_line: &str) -> bool {
    first_line.ends_with([':', '：']) || first_line.chars().count() < 24
}

/// True for a character XML 1.0 allows in a document: tab, LF, CR, and everything from
/// U+0020 except U+FFFE and U+FFFF (a `char` is never a surrogate).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// `s` without the characters XML forbids (`is_xml_char`): one of them in a post's text
/// would make the whole feed not well-formed, so every reader refuses it.
pub fn xml_chars(s: &str) -> Cow<'_, str> {
    if s.chars().all(is_xml_char) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|&c| is_xml_char(c)).collect())
    }
}

/// Escapes text for HTML built outside a template (feed content, search documents, the
/// `serve` error page).
pub fn escape_html(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Every count of a post in words, zeros included: "64 comments · 0 shares · 172 reactions".
pub fn post_counts(post: &crate::model::Post, lang: &Lang) -> String {
    lang.counts_line(
        &[
            (Count::Comments, post.comments),
            (Count::Shares, post.shares),
            (Count::Reactions, post.reactions),
        ],
        false,
    )
}

/// One count of a post, for a template that shows each with its icon: `kind` names it
/// ("comments", "shares", "reactions"), `text` says it in words ("254 comments").
#[derive(Debug, Clone, serde::Serialize)]
pub struct CountItem {
    pub kind: &'static str,
    pub n: u64,
    pub text: String,
}

/// A post's counts one by one, in the order `post_counts` and `engagement` say them
/// (`skip_zeros` leaves zero counts out, as `engagement` does).
pub fn count_items(
    comments: u64,
    shares: u64,
    reactions: u64,
    lang: &Lang,
    skip_zeros: bool,
) -> Vec<CountItem> {
    items(
        [
            ("comments", Count::Comments, comments),
            ("shares", Count::Shares, shares),
            ("reactions", Count::Reactions, reactions),
        ],
        lang,
        skip_zeros,
    )
}

/// `(kind, count, n)` in words, each a `CountItem`.
fn items<const N: usize>(
    counts: [(&'static str, Count, u64); N],
    lang: &Lang,
    skip_zeros: bool,
) -> Vec<CountItem> {
    counts
        .into_iter()
        .filter(|&(_, _, n)| n > 0 || !skip_zeros)
        .map(|(kind, count, n)| CountItem {
            kind,
            n,
            text: lang.count(count, n).into_owned(),
        })
        .collect()
}

/// A week's totals one by one, zeros included, for icons beside each (`kind` "posts",
/// "comments", "shares", "reactions"): what `totals_line` says.
pub fn totals_items(totals: &crate::rank::Totals, lang: &Lang) -> Vec<CountItem> {
    items(
        [
            ("posts", Count::Posts, totals.posts),
            ("comments", Count::Comments, totals.comments),
            ("shares", Count::Shares, totals.shares),
            ("reactions", Count::Reactions, totals.reactions),
        ],
        lang,
        false,
    )
}

/// A week's totals in words, zeros included: "23 posts · 144 comments · 30 shares · 585
/// reactions" (the week page and its feed entry say the same).
pub fn totals_line(totals: &crate::rank::Totals, lang: &Lang) -> String {
    lang.counts_line(
        &[
            (Count::Posts, totals.posts),
            (Count::Comments, totals.comments),
            (Count::Shares, totals.shares),
            (Count::Reactions, totals.reactions),
        ],
        false,
    )
}

/// The engagement line of a post: "12 comments · 3 shares", zero counts left out.
pub fn engagement(comments: u64, shares: u64, reactions: u64, lang: &Lang) -> String {
    let line = lang.counts_line(
        &[
            (Count::Comments, comments),
            (Count::Shares, shares),
            (Count::Reactions, reactions),
        ],
        true,
    );
    if line.is_empty() {
        lang.text("no-engagement")
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_untouched() {
        assert_eq!(truncate("hola", 80), "hola");
        assert_eq!(truncate(&"a".repeat(80), 80), "a".repeat(80));
    }

    #[test]
    fn long_text_is_cut_with_ellipsis_within_the_limit() {
        let words = "word ".repeat(100);
        let t = truncate(&words, 80);
        assert!(t.chars().count() <= 80, "{t}");
        assert!(t.ends_with("word…"), "{t}");
    }

    #[test]
    fn never_splits_a_skin_tone_or_zwj_emoji() {
        let family = "👨‍👩‍👧‍👦"; // 7 scalar values, one grapheme
        let thumbs = "👍🏽"; // 2 scalar values, one grapheme
        for unit in [family, thumbs, "e\u{301}"] {
            let s = unit.repeat(60);
            for max in 1..=40 {
                let t = truncate(&s, max);
                assert!(t.chars().count() <= max, "{max}: {t}");
                let body = t.trim_end_matches('…');
                assert!(
                    body.graphemes(true).all(|g| g == unit),
                    "split {unit:?} at {max}"
                );
            }
        }
    }

    #[test]
    fn ascii_and_unicode_paths_cut_alike() {
        let ascii = "The quick brown fox jumps over the lazy dog ".repeat(3);
        let t = truncate(&ascii, 30);
        // Cut at the last space, never mid-word.
        assert_eq!(t, "The quick brown fox jumps…");
        // The same text with one non-ASCII letter takes the grapheme path and cuts alike.
        assert_eq!(
            truncate(&ascii.replacen('q', "ą", 1), 30),
            t.replacen('q', "ą", 1)
        );
        let crlf = "a\r\nb".repeat(20);
        let crlf = truncate(&crlf, 5);
        assert!(crlf.chars().count() <= 5 && crlf.ends_with('…'), "{crlf:?}");
    }

    #[test]
    fn a_cut_falls_between_words_and_ends_in_one_ellipsis() {
        // The words of the examples: no half word, no "….", no ", …".
        assert_eq!(
            truncate("Dudas en los comentarios de la sesión", 20),
            "Dudas en los…"
        );
        assert_eq!(
            truncate("Gracias a todos por compartir. Nos vemos pronto", 32),
            "Gracias a todos por compartir…"
        );
        assert_eq!(truncate("Ventas, compras y más", 9), "Ventas…");
        // A cut right after a space keeps every word before it.
        assert_eq!(truncate("one two three", 9), "one two…");
        // A single long word has no space to go back to: it is cut, with one ellipsis.
        assert_eq!(
            truncate("Donaudampfschifffahrt", 8),
            "Donaudam…".chars().take(7).chain(['…']).collect::<String>()
        );
        // Japanese has no spaces: cut between characters, a trailing "、" dropped.
        let ja = truncate("来月から新しい会場になります、よろしくお願いします", 15);
        assert_eq!(ja, "来月から新しい会場になります…");
        // Only punctuation: it stays rather than leaving nothing.
        assert_eq!(truncate("...........", 5), "....…");
    }

    #[test]
    fn a_short_or_colon_ended_first_line_goes_on_in_a_compact_list() {
        let en = crate::i18n::Catalog::bundled_only(&["en"]);
        let en = en.get("en");
        let post = |text: &str| crate::model::Post {
            id: "1".into(),
            created_time: "2026-11-25T12:05:00Z".parse().unwrap(),
            message: Some(text.into()),
            permalink_url: None,
            picture: None,
            comments: 0,
            shares: 0,
            reactions: 0,
            link: None,
            image: None,
        };
        assert_eq!(
            post_line(&post("ご報告:\n来月から会場が変わります。"), 100, &en),
            "ご報告: 来月から会場が変わります。"
        );
        assert_eq!(
            post_line(&post("Update\nThe meetup moves to Friday"), 100, &en),
            "Update The meetup moves to Friday"
        );
        // A first line that says enough stands alone, as the post's title does.
        assert_eq!(
            post_line(
                &post("The meetup moves to Friday this week\nDetails inside"),
                100,
                &en
            ),
            "The meetup moves to Friday this week"
        );
        assert_eq!(post_line(&post("Update"), 100, &en), "Update");
    }

    #[test]
    fn a_post_without_text_is_titled_by_its_link_then_photo_then_post() {
        let es = crate::i18n::Catalog::bundled_only(&["es"]);
        let es = es.get("es");
        let link =
            |title: Option<&str>| crate::model::Link::shared("https://www.ejemplo.mx/nota", title);
        let post = |text: Option<&str>, link, picture: bool| crate::model::Post {
            id: "1".into(),
            created_time: "2026-11-25T12:05:00Z".parse().unwrap(),
            message: text.map(str::to_string),
            permalink_url: Some("https://www.facebook.com/1/".into()),
            picture: picture.then(|| "https://scontent.xx.fbcdn.net/p.jpg".into()),
            comments: 0,
            shares: 0,
            reactions: 0,
            link,
            image: None,
        };
        let long = "Una nota muy larga ".repeat(10);
        for (p, title) in [
            (post(None, link(Some("Nota del día")), true), "Nota del día"),
            (post(Some(" \n "), link(None), false), "ejemplo.mx"),
            (post(None, None, true), "Foto"),
            (post(None, None, false), "Publicación"),
            (post(Some("Hola\nmundo"), link(Some("Nota")), true), "Hola"),
        ] {
            assert_eq!(post_title(&p, 80, &es), title);
            assert_eq!(
                post_line(&p, 80, &es),
                if title == "Hola" { "Hola mundo" } else { title }
            );
        }
        let p = post(None, link(Some(&long)), false);
        let cut = post_title(&p, 40, &es);
        assert!(cut.chars().count() <= 40 && cut.ends_with('…'), "{cut}");
    }

    #[test]
    fn collapses_whitespace_and_newlines() {
        assert_eq!(one_line("  a\n\n b\t c  ", 80), "a b c");
        assert_eq!(collapse_whitespace("a\u{b}b\u{c}c"), "a b c");
        assert_eq!(collapse_whitespace("already one line"), "already one line");
    }

    #[test]
    fn one_line_reports_a_cut_and_drops_control_characters() {
        assert_eq!(one_line_cut("short", 80), ("short".to_string(), false));
        assert_eq!(one_line_cut("a  b\n c", 80), ("a b c".to_string(), false));
        assert_eq!(one_line_cut("abcdef", 4), ("abc…".to_string(), true));
        assert_eq!(
            one_line_cut("a\u{7}b\u{0} c", 80),
            ("ab c".to_string(), false)
        );
        assert_eq!(one_line("\u{1b}[31m red", 80), "[31m red");
        // Tabs, DEL and non-ASCII text take the careful path.
        assert_eq!(one_line("a\tb\u{7f}", 80), "a b");
        assert_eq!(one_line(" ¡hola  mundo! ", 80), "¡hola mundo!");
    }

    #[test]
    fn truncate_borrows_what_fits() {
        assert!(matches!(truncate("fits", 4), Cow::Borrowed("fits")));
        assert_eq!(truncate("does not fit", 5), "does…");
        assert!(matches!(truncate("ñañaña", 6), Cow::Borrowed(_)));
    }

    #[test]
    fn engagement_reads_in_singular_and_plural() {
        let catalog = crate::i18n::Catalog::bundled_only(&["en", "es"]);
        let en = catalog.get("en");
        assert_eq!(engagement(12, 3, 0, &en), "12 comments · 3 shares");
        assert_eq!(engagement(1, 1, 0, &en), "1 comment · 1 share");
        assert_eq!(engagement(0, 2, 1, &en), "2 shares · 1 reaction");
        assert_eq!(engagement(0, 0, 0, &en), "No comments or shares yet");
        assert_eq!(
            en.counts_line(&[(Count::Posts, 0), (Count::Shares, 1)], false),
            "0 posts · 1 share"
        );
        assert_eq!(
            engagement(1254, 1, 0, &catalog.get("es")),
            "1254 comentarios · compartido 1 vez"
        );
        assert_eq!(
            engagement(12540, 0, 0, &catalog.get("es")),
            "12.540 comentarios"
        );
    }
}
