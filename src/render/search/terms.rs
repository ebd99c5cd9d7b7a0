//! The words of a text as the search index keys them. `search.js` applies the same rules
//! to a query, so both sides must change together (the tests pin examples of each rule).
//!
//! - Folding, character by character: NFKD, combining marks dropped, lower case ("Café"
//!   and "CAFE" are "cafe"); characters of the unspaced scripts below are kept as they are
//!   (a Japanese voiced mark or a Thai vowel is part of the word).
//! - A word is a run of letters and digits (`char::is_alphanumeric`, in JS
//!   `[\p{Alphabetic}\p{N}]`), cut at 40 characters; one-character words are left out.
//! - Scripts written without spaces (Han, Hiragana, Katakana, Thai) are keyed by each
//!   character and each pair of neighbouring characters ("東京都" is 東, 東京, 京, 京都,
//!   都): a query finds a word inside a sentence without a dictionary, and one character
//!   finds every post that holds it.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use super::snowball::Stemmer;

/// Longest term kept, in characters: longer runs (URLs, hashes) are cut.
pub const MAX_CHARS: usize = 40;

/// Whether `c` belongs to a script written without spaces between words.
pub fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0E7F        // Thai
        | 0x3040..=0x30FF      // Hiragana, Katakana
        | 0x31F0..=0x31FF      // Katakana phonetic extensions
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0x20000..=0x323AF) // CJK extensions B–H, compatibility supplement
}

/// `text` folded: compatibility-decomposed, without combining marks, lower case, except
/// for the characters of unspaced scripts.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// Appends `text` folded to `out`.
fn fold_into(out: &mut String, text: &str) {
    for c in text.chars() {
        fold_char(out, c);
    }
}

/// Appends `c` folded to `out`.
fn fold_char(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if unspaced(c) {
        out.push(c);
    } else {
        decompose_compatible(c, |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        });
    }
}

/// Calls `f` with each term of `text`, in order, repeats included.
pub fn each(text: &str, mut f: impl FnMut(&str)) {
    each_word(text, |t, _| f(t))
}

/// Calls `f` with each term of `text` and, for a word of a spaced script, the word as
/// written, in lower case but not folded (what a stemmer reads: "canción", not
/// "cancion"); for the characters and pairs of unspaced scripts, "".
///
/// Each character of `text` is folded on its own and its folded characters split as the
/// rules above say; a character whose folded form starts or continues a word adds its
/// lower case to the word as written (once, however many letters it folds to).
pub fn each_word(text: &str, mut f: impl FnMut(&str, &str)) {
    let bytes = text.as_bytes();
    let mut split = Splitter::default();
    let mut folded = String::new();
    let mut lower = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() && split.chars == 0 {
            // Most words: a run of ASCII letters and digits, after a separator. When an
            // ASCII character or the end follows it, it is the whole word, as written
            // and folded alike (its lower case): one slice, not a character at a time.
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if bytes.get(i).is_none_or(u8::is_ascii) {
                split.prev_unspaced = None;
                let run = &text[start..i];
                let run = &run[..run.len().min(MAX_CHARS)];
                if run.len() > 1 {
                    if run.bytes().any(|b| b.is_ascii_uppercase()) {
                        lower.clear();
                        lower.push_str(run);
                        lower.make_ascii_lowercase();
                        f(&lower, &lower);
                    } else {
                        f(run, run);
                    }
                }
                continue;
            }
            // A letter beyond ASCII goes on with the word ("cafés"): character by character.
            i = start;
        }
        let c = text[i..].chars().next().expect("a character starts at i");
        i += c.len_utf8();
        split.feed_char(c, &mut folded, &mut f);
    }
    split.flush(&mut f);
}

/// `each_word` a character at a time, as it was before its ASCII fast path: the tests
/// check that both give the same terms.
#[cfg(test)]
pub(crate) fn each_word_by_char(text: &str, mut f: impl FnMut(&str, &str)) {
    let mut split = Splitter::default();
    let mut folded = String::new();
    for c in text.chars() {
        split.feed_char(c, &mut folded, &mut f);
    }
    split.flush(&mut f);
}

/// `each_word`'s state between characters.
#[derive(Default)]
struct Splitter {
    word: String,
    raw: String,
    chars: usize,
    prev_unspaced: Option<char>,
    pair: String,
}

impl Splitter {
    /// Reads `c`, a character of the text: its folded form a character at a time
    /// (`folded` is a buffer for it).
    fn feed_char(&mut self, c: char, folded: &mut String, f: &mut impl FnMut(&str, &str)) {
        if c.is_ascii() {
            self.feed(c.to_ascii_lowercase(), c, &mut true, f);
            return;
        }
        folded.clear();
        fold_char(folded, c);
        let mut first = true;
        for d in folded.chars() {
            self.feed(d, c, &mut first, f);
        }
    }

    /// Reads `d`, a character of the folded form of `c` (`first`: no character of that
    /// form has joined the word yet).
    fn feed(&mut self, d: char, c: char, first: &mut bool, f: &mut impl FnMut(&str, &str)) {
        // An unspaced script's punctuation (・, ฿) is a separator like any other.
        if unspaced(d) && d.is_alphanumeric() {
            self.flush(f);
            self.pair.clear();
            if let Some(p) = self.prev_unspaced {
                self.pair.push(p);
                self.pair.push(d);
                f(&self.pair, "");
            }
            f(d.encode_utf8(&mut [0u8; 4]), "");
            self.prev_unspaced = Some(d);
            return;
        }
        self.prev_unspaced = None;
        if d.is_alphanumeric() {
            if self.chars < MAX_CHARS {
                self.word.push(d);
                if *first {
                    self.raw.extend(c.to_lowercase());
                    *first = false;
                }
            }
            self.chars += 1;
        } else {
            self.flush(f);
        }
    }

    fn flush(&mut self, f: &mut impl FnMut(&str, &str)) {
        if self.chars > 1 {
            f(&self.word, &self.raw);
        }
        self.word.clear();
        self.raw.clear();
        self.chars = 0;
    }
}

/// The key under which the index lists the posts of a language whose words stem to the
/// stem of `raw` (a word as `each_word` gives it, whose term is `term`): the folded stem,
/// `STEM_MARK` and the language's code. `None` when the stem is the term itself (the term's
/// own list holds those posts) or empty.
pub fn stem_key(stemmer: &Stemmer, code: &str, raw: &str, term: &str) -> Option<String> {
    if raw.is_empty() {
        return None;
    }
    let stem = fold(&stemmer.stem(raw));
    (!stem.is_empty() && stem != term).then(|| format!("{stem}{STEM_MARK}{code}"))
}

/// Separates a stem from its language in a stem key: no term holds it.
pub const STEM_MARK: char = '\u{1}';

/// The terms of `text`, in order, repeats included.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each(text, |t| out.push(t.to_string()));
    out
}

/// Characters of a spaced-script term that pick its shard: a word being typed stands for
/// its completions once it has this many, since they are then all in its shard.
pub const SHARD_CHARS: usize = 3;

/// The part of a term that picks its shard: its first character in an unspaced script
/// (a character and the pairs it starts share a shard), else its first `SHARD_CHARS`.
pub fn shard_key(term: &str) -> &str {
    match term.chars().next() {
        Some(c) if unspaced(c) => &term[..c.len_utf8()],
        _ => term
            .char_indices()
            .nth(SHARD_CHARS)
            .map_or(term, |(i, _)| &term[..i]),
    }
}

/// The shard of `term` among `shards`: FNV-1a (32 bits) of its shard key's UTF-8 bytes.
pub fn shard_of(term: &str, shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in shard_key(term).bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h % shards.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_to_lower_case_without_accents() {
        assert_eq!(
            terms("Café CON Leche, ¡Qué RICO! Ñandú"),
            ["cafe", "con", "leche", "que", "rico", "nandu"]
        );
        // Compatibility forms fold to their plain letters: full-width, ligatures.
        assert_eq!(terms("ＲＵＳＴ ﬁnal"), ["rust", "final"]);
    }

    #[test]
    fn punctuation_splits_words_and_single_letters_are_left_out() {
        assert_eq!(
            terms("don't <b>async</b>&amp; 2026-11-23 a I x86_64"),
            ["don", "async", "amp", "2026", "11", "23", "x86", "64"]
        );
    }

    #[test]
    fn a_long_run_is_cut_to_forty_characters() {
        let long = "a".repeat(100);
        assert_eq!(
            terms(&format!("{long} end")),
            ["a".repeat(40), "end".into()]
        );
    }

    #[test]
    fn unspaced_scripts_are_keyed_by_pairs_and_a_lone_character_by_itself() {
        assert_eq!(terms("東京都"), ["東", "東京", "京", "京都", "都"]);
        assert_eq!(terms("猫 と rust"), ["猫", "と", "rust"]);
        // Their punctuation separates: no term holds the middle dot.
        assert_eq!(
            terms("東京・大阪"),
            ["東", "東京", "京", "大", "大阪", "阪"]
        );
        assert_eq!(terms("rust勉強"), ["rust", "勉", "勉強", "強"]);
        assert_eq!(terms("สวัส"), ["ส", "สว", "ว", "วั", "ั", "ัส", "ส"]);
        // Voiced marks stay: が is not か.
        assert_eq!(terms("ガス"), ["ガ", "ガス", "ス"]);
        // Half-width katakana fold to full width; their separate voiced mark is a
        // combining mark and goes.
        assert_eq!(terms("ｶﾞｽ"), ["カ", "カス", "ス"]);
    }

    #[test]
    fn a_word_is_also_given_as_written_for_its_stem() {
        let mut words = Vec::new();
        each_word("Canción, ÇA ﬁnal 東京 x", |t, raw| {
            words.push((t.to_string(), raw.to_string()))
        });
        let pairs: Vec<(&str, &str)> = words
            .iter()
            .map(|(t, r)| (t.as_str(), r.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("cancion", "canción"),
                ("ca", "ça"),
                ("final", "ﬁnal"),
                ("東", ""),
                ("東京", ""),
                ("京", ""),
            ]
        );
        let spanish = crate::render::search::snowball::for_language("es").unwrap();
        assert_eq!(
            stem_key(&spanish, "es", "canciones", "canciones").as_deref(),
            Some("cancion\u{1}es")
        );
        assert_eq!(
            stem_key(&spanish, "es", "canción", "cancion"),
            None,
            "its stem is its term"
        );
    }

    /// FNV-1a (32 bits) of "mee", computed apart (in Python).
    const FNV_MEE: u32 = 0xc2ad_4f66;

    #[test]
    fn a_shard_is_picked_by_three_letters_or_one_unspaced_character() {
        assert_eq!(shard_key("meetup"), "mee");
        assert_eq!(shard_key("ñuñoa"), "ñuñ");
        assert_eq!(shard_key("ñu"), "ñu");
        assert_eq!(shard_key("東京"), "東");
        // The values search.js must compute as well (its test vectors).
        assert_eq!(shard_of("meetup", 1000), FNV_MEE % 1000);
        assert_eq!(shard_of("x", 1), 0);
    }
}
