//! Plain-text helpers for bot outputs and page snippets: whitespace collapsing, cutting on
//! grapheme-cluster boundaries with "…", and counts in words ("1 comment", "3 shares").

use unicode_segmentation::UnicodeSegmentation;

/// Collapses every run of whitespace (newlines included) into one space and trims.
pub fn collapse_whitespace(s: &str) -> String {
    let b = s.as_bytes();
    let already_collapsed = s.is_ascii()
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.iter().any(|c| (*c as char).is_whitespace() && *c != b' ')
        && !s.contains("  ");
    if already_collapsed {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Cuts `s` to at most `max` characters (Unicode scalar values, as Messenger counts),
/// never splitting a grapheme cluster; a cut text ends in "…" within the limit.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let budget = max.saturating_sub(1);
    if s.is_ascii() && !s.contains('\r') {
        // Every ASCII character but "\r\n" is its own grapheme: cut by bytes (hot path).
        let mut out = s[..budget].trim_end().to_string();
        out.push('…');
        return out;
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let n = g.chars().count();
        if used + n > budget {
            break;
        }
        out.push_str(g);
        used += n;
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('…');
    out
}

/// A single line of plain text, at most `max` characters. Control characters (a NUL, a
/// bell, an escape) are dropped: they are invisible at best, and a chat platform may refuse
/// a message over them.
pub fn one_line(s: &str, max: usize) -> String {
    if !s.contains(|c: char| c.is_control() && !c.is_whitespace()) {
        return truncate(&collapse_whitespace(s), max);
    }
    let kept: String = s
        .chars()
        .filter(|c| !c.is_control() || c.is_whitespace())
        .collect();
    truncate(&collapse_whitespace(&kept), max)
}

/// "1 comment", "12 comments".
pub fn count(n: u64, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// The engagement line of a post: "12 comments · 3 shares", zero counts left out.
pub fn engagement(comments: u64, shares: u64, reactions: u64) -> String {
    let parts: Vec<String> = [
        (comments, "comment", "comments"),
        (shares, "share", "shares"),
        (reactions, "reaction", "reactions"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, s, p)| count(n, s, p))
    .collect();
    if parts.is_empty() {
        "No comments or shares yet".into()
    } else {
        parts.join(" · ")
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
        let t = truncate(&"word ".repeat(100), 80);
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
        assert_eq!(t, "The quick brown fox jumps ove…");
        // The same text with one non-ASCII letter takes the grapheme path and cuts alike.
        assert_eq!(
            truncate(&ascii.replacen('q', "ą", 1), 30),
            t.replacen('q', "ą", 1)
        );
        assert_eq!(truncate("a\r\nb".repeat(20).as_str(), 5).chars().count(), 5);
    }

    #[test]
    fn collapses_whitespace_and_newlines() {
        assert_eq!(one_line("  a\n\n b\t c  ", 80), "a b c");
        assert_eq!(collapse_whitespace("a\u{b}b\u{c}c"), "a b c");
        assert_eq!(collapse_whitespace("already one line"), "already one line");
    }

    #[test]
    fn engagement_reads_in_singular_and_plural() {
        assert_eq!(engagement(12, 3, 0), "12 comments · 3 shares");
        assert_eq!(engagement(1, 1, 0), "1 comment · 1 share");
        assert_eq!(engagement(0, 2, 1), "2 shares · 1 reaction");
        assert_eq!(engagement(0, 0, 0), "No comments or shares yet");
    }
}
