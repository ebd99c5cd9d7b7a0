//! Interface texts in each group's language: Fluent messages (the bundled `i18n/*.ftl`,
//! under a site's own `i18n/<language>.ftl`) and CLDR numbers, dates and week ranges
//! (`format.rs`, ICU4X compiled data). A render builds one `Catalog` with a `Lang` per
//! language its pages use; everything that varies per post (counts in words) is cached
//! there, so a page costs lookups, not Fluent formatting.

mod check;
mod format;
mod template;

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use anyhow::{bail, Result};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

pub use check::{check_site, Problem};
pub use format::Formats;
pub use template::{count_templates, search_texts, Texts};

/// The bundled catalogues, by language tag. English is the reference: every other file
/// has each of its messages, with the same variables (a test checks it).
pub const BUNDLED: &[(&str, &str)] = &[
    ("en", include_str!("../../i18n/en.ftl")),
    ("es", include_str!("../../i18n/es.ftl")),
    ("pt", include_str!("../../i18n/pt.ftl")),
    ("fr", include_str!("../../i18n/fr.ftl")),
    ("de", include_str!("../../i18n/de.ftl")),
    ("it", include_str!("../../i18n/it.ftl")),
    ("ja", include_str!("../../i18n/ja.ftl")),
    ("ko", include_str!("../../i18n/ko.ftl")),
    ("zh", include_str!("../../i18n/zh.ftl")),
    ("ru", include_str!("../../i18n/ru.ftl")),
    ("ar", include_str!("../../i18n/ar.ftl")),
    ("hi", include_str!("../../i18n/hi.ftl")),
];

/// Languages written right to left (by primary subtag).
const RTL: &[&str] = &["ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"];

/// The folder of a site's own catalogues, beside `site.toml`.
pub const OVERRIDES_DIR: &str = "i18n";

/// The counts a page writes in words, each a `count-*` message with `$count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Posts,
    Comments,
    Shares,
    Reactions,
    Weeks,
    Members,
    Followers,
    WeeksInArchive,
    Interactions,
}

impl Count {
    const ALL: [Count; 9] = [
        Count::Posts,
        Count::Comments,
        Count::Shares,
        Count::Reactions,
        Count::Weeks,
        Count::Members,
        Count::Followers,
        Count::WeeksInArchive,
        Count::Interactions,
    ];

    fn id(self) -> &'static str {
        match self {
            Count::Posts => "count-posts",
            Count::Comments => "count-comments",
            Count::Shares => "count-shares",
            Count::Reactions => "count-reactions",
            Count::Weeks => "count-weeks",
            Count::Members => "count-members",
            Count::Followers => "count-followers",
            Count::WeeksInArchive => "weeks-in-archive",
            Count::Interactions => "count-interactions",
        }
    }

    /// The name templates use: `t.count("comments", n)`.
    pub fn from_name(name: &str) -> Option<Count> {
        Count::ALL
            .into_iter()
            .find(|c| c.id().strip_prefix("count-").unwrap_or(c.id()) == name)
    }
}

/// Counts below this are formatted once per language and then looked up.
const CACHED_COUNTS: usize = 1024;

/// A message argument.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Str(&'a str),
    Num(u64),
}

/// One language's messages and formats, shared by every thread of a render.
pub struct Lang {
    /// The tag as configured (`<html lang>`).
    pub tag: String,
    /// `"rtl"` or `"ltr"`.
    pub dir: &'static str,
    bundle: FluentBundle<Arc<FluentResource>>,
    plurals: Plurals,
    pub formats: Formats,
    counts: Vec<Vec<OnceLock<Box<str>>>>,
    /// Week labels by first day: every group of a language shares them.
    weeks: std::sync::RwLock<HashMap<chrono::NaiveDate, Arc<str>>>,
    /// Messages without variables, formatted once.
    plain: HashMap<&'static str, Box<str>>,
    /// Numbers below `CACHED_COUNTS`, formatted once.
    numbers: Vec<OnceLock<Box<str>>>,
}

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lang").field("tag", &self.tag).finish()
    }
}

/// The primary language subtag, lowercased: `pt` of `pt-BR`.
pub fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}

/// `"rtl"` for a right-to-left language, else `"ltr"`.
pub fn direction(tag: &str) -> &'static str {
    if RTL.contains(&primary(tag).as_str()) {
        "rtl"
    } else {
        "ltr"
    }
}

/// The bundled catalogue of `tag` (exact tag, else its primary subtag).
pub fn bundled(tag: &str) -> Option<&'static str> {
    let lower = tag.to_ascii_lowercase();
    let p = primary(tag);
    BUNDLED
        .iter()
        .find(|(t, _)| *t == lower)
        .or_else(|| BUNDLED.iter().find(|(t, _)| *t == p))
        .map(|(_, s)| *s)
}

/// A site's catalogue files that apply to `tag`, most general first: `i18n/pt.ftl`, then
/// `i18n/pt-BR.ftl`.
fn override_paths(root: &Path, tag: &str) -> Vec<PathBuf> {
    let dir = root.join(OVERRIDES_DIR);
    let p = primary(tag);
    let mut paths = vec![dir.join(format!("{p}.ftl"))];
    if !tag.eq_ignore_ascii_case(&p) {
        paths.push(dir.join(format!("{tag}.ftl")));
    }
    paths.into_iter().filter(|p| p.is_file()).collect()
}

/// Every language a site's pages use: the site's, then each group's, without repeats.
pub fn site_languages(config: &crate::config::Config) -> Vec<String> {
    let mut seen = BTreeSet::new();
    std::iter::once(config.site.language.as_str())
        .chain(config.groups.iter().filter_map(|g| g.language.as_deref()))
        .filter(|t| seen.insert(t.to_string()))
        .map(str::to_string)
        .collect()
}

fn parse(source: String, origin: &str) -> Result<FluentResource> {
    match FluentResource::try_new(source) {
        Ok(r) => Ok(r),
        Err((r, errors)) => {
            let e = &errors[0];
            let line = check::line_of(r.source(), e.pos.start);
            bail!("{origin}:{line}: {e}")
        }
    }
}

/// Every language of a render, each built once.
#[derive(Debug)]
pub struct Catalog {
    /// Each language with its template object (`t`), made once.
    langs: HashMap<String, (Arc<Lang>, minijinja::Value)>,
}

impl Catalog {
    /// Builds the languages `tags` from the bundled catalogues and the site's `i18n/`
    /// overrides under `root`. An override that `check` would refuse (syntax, an unknown
    /// message, a variable the message is not given) is an error naming file and line.
    pub fn load(root: &Path, tags: &[String]) -> Result<Catalog> {
        let problems = check::check_overrides(root);
        if let Some(p) = problems.first() {
            bail!("{p}");
        }
        let english = Arc::new(parse(bundled("en").unwrap_or_default().into(), "en.ftl")?);
        let mut cache: HashMap<PathBuf, Arc<FluentResource>> = HashMap::new();
        let mut read = |path: &Path| -> Result<Arc<FluentResource>> {
            if let Some(r) = cache.get(path) {
                return Ok(r.clone());
            }
            let source = std::fs::read_to_string(path)
                .map_err(|e| anyhow::anyhow!("cannot read catalogue `{}`: {e}", path.display()))?;
            let r = Arc::new(parse(source, &path.display().to_string())?);
            cache.insert(path.to_path_buf(), r.clone());
            Ok(r)
        };
        let mut langs = HashMap::new();
        for tag in tags {
            if langs.contains_key(tag) {
                continue;
            }
            // Lowest first: English, the site's English, the bundled language, the site's.
            let mut layers = vec![english.clone()];
            for p in override_paths(root, "en") {
                layers.push(read(&p)?);
            }
            if primary(tag) != "en" {
                if let Some(src) = bundled(tag) {
                    layers.push(Arc::new(parse(src.into(), &format!("{tag}.ftl"))?));
                }
                for p in override_paths(root, tag) {
                    layers.push(read(&p)?);
                }
            } else if !tag.eq_ignore_ascii_case("en") {
                for p in override_paths(root, tag) {
                    if !p.ends_with("en.ftl") {
                        layers.push(read(&p)?);
                    }
                }
            }
            let lang = Arc::new(Lang::new(tag, layers));
            let texts = minijinja::Value::from_object(Texts::new(lang.clone()));
            langs.insert(tag.clone(), (lang, texts));
        }
        Ok(Catalog { langs })
    }

    /// The bundled catalogues only (tests, benchmarks).
    pub fn bundled_only(tags: &[&str]) -> Catalog {
        let tags: Vec<String> = tags.iter().map(|t| t.to_string()).collect();
        Catalog::load(Path::new("/nonexistent-groupdigest-site"), &tags)
            .expect("the bundled catalogues parse")
    }

    /// The language `tag`; a tag the catalogue was not built with gets English.
    pub fn get(&self, tag: &str) -> Arc<Lang> {
        match self.langs.get(tag).or_else(|| self.langs.get("en")) {
            Some((l, _)) => l.clone(),
            None => Arc::new(Lang::english()),
        }
    }

    /// Every language built, in tag order.
    pub fn tags(&self) -> Vec<&str> {
        let mut tags: Vec<&str> = self.langs.keys().map(String::as_str).collect();
        tags.sort_unstable();
        tags
    }

    /// The template object `t` of language `tag` (English for a tag not built).
    pub fn texts(&self, tag: &str) -> minijinja::Value {
        match self.langs.get(tag).or_else(|| self.langs.get("en")) {
            Some((_, t)) => t.clone(),
            None => minijinja::Value::from_object(Texts::new(Arc::new(Lang::english()))),
        }
    }
}

/// CLDR's plural category names, in CLDR's order.
pub(crate) const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn icu_category(c: icu_plurals::PluralCategory) -> usize {
    use icu_plurals::PluralCategory as C;
    match c {
        C::Zero => 0,
        C::One => 1,
        C::Two => 2,
        C::Few => 3,
        C::Many => 4,
        C::Other => 5,
    }
}

fn fluent_category(c: intl_pluralrules::PluralCategory) -> usize {
    use intl_pluralrules::PluralCategory as C;
    match c {
        C::ZERO => 0,
        C::ONE => 1,
        C::TWO => 2,
        C::FEW => 3,
        C::MANY => 4,
        C::OTHER => 5,
    }
}

/// Which variant a number selects: CLDR's current rules through ICU4X. Fluent selects with
/// intl_pluralrules (CLDR 37), whose generated rules are wrong for some languages (Arabic's
/// "few" and "many" test the whole number, not `n % 100`: 159 read as "other"). Where the
/// two disagree, Fluent is given a number of the right category to select with, and the
/// real one is what it writes (`SHOWN`).
struct Plurals {
    icu: Option<icu_plurals::PluralRules>,
    fluent: Option<intl_pluralrules::PluralRules>,
    /// A whole number Fluent puts in each category, by `CATEGORIES` place.
    stand_ins: [Option<u64>; 6],
}

impl Plurals {
    fn new(tag: &str, langid: &LanguageIdentifier) -> Plurals {
        let icu = icu_plurals::PluralRules::try_new_cardinal((&format::locale(tag)).into()).ok();
        let fluent = intl_pluralrules::PluralRules::create(
            langid.clone(),
            intl_pluralrules::PluralRuleType::CARDINAL,
        )
        .ok();
        let mut stand_ins = [None; 6];
        if let Some(f) = &fluent {
            for n in 0..=1000u64 {
                if let Ok(c) = f.select(n) {
                    stand_ins[fluent_category(c)].get_or_insert(n);
                }
            }
        }
        Plurals {
            icu,
            fluent,
            stand_ins,
        }
    }

    /// CLDR's category of `n`, by `CATEGORIES` place.
    fn category(&self, n: u64) -> usize {
        self.icu
            .as_ref()
            .map_or(5, |rules| icu_category(rules.category_for(n)))
    }

    /// The number Fluent should select with for `n`: `n` itself when its rules agree.
    fn stand_in(&self, n: u64) -> u64 {
        let right = self.category(n);
        let fluent = self
            .fluent
            .as_ref()
            .and_then(|f| f.select(n).ok())
            .map(fluent_category);
        if fluent == Some(right) {
            n
        } else {
            self.stand_ins[right].unwrap_or(n)
        }
    }
}

thread_local! {
    /// While a message is formatted: (the stand-in Fluent selected with, the number to write).
    static SHOWN: std::cell::Cell<Option<(u64, u64)>> = const { std::cell::Cell::new(None) };
}

/// Formats a number argument in the bundle's language (CLDR digits and separators).
fn format_number(
    value: &FluentValue,
    intls: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    match value {
        FluentValue::Number(n) => {
            if template::placeholders() {
                return Some(template::NUMBER_PLACEHOLDER.to_string());
            }
            let value = match SHOWN.with(std::cell::Cell::get) {
                Some((stand_in, real)) if n.value == stand_in as f64 => real as f64,
                _ => n.value,
            };
            intls
                .with_try_get::<format::Decimal, _, _>((), |d| d.format(value))
                .ok()
        }
        _ => None,
    }
}

impl Lang {
    fn new(tag: &str, layers: Vec<Arc<FluentResource>>) -> Lang {
        let langid: LanguageIdentifier = tag
            .parse()
            .or_else(|_| primary(tag).parse())
            .unwrap_or_default();
        let plurals = Plurals::new(tag, &langid);
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(format_number));
        for layer in layers {
            bundle.add_resource_overriding(layer);
        }
        let mut lang = Lang {
            tag: tag.to_string(),
            dir: direction(tag),
            bundle,
            plurals,
            formats: Formats::new(tag, format::DateStyle::Medium),
            counts: Count::ALL
                .iter()
                .map(|_| (0..CACHED_COUNTS).map(|_| OnceLock::new()).collect())
                .collect(),
            weeks: Default::default(),
            plain: HashMap::new(),
            numbers: (0..CACHED_COUNTS).map(|_| OnceLock::new()).collect(),
        };
        lang.plain = check::reference()
            .iter()
            .filter(|(_, vars)| vars.is_empty())
            .map(|(id, _)| (id.as_str(), lang.format(id, &[]).into_boxed_str()))
            .collect();
        if lang.text_ref("date-style").trim() == "long" {
            lang.formats = Formats::new(tag, format::DateStyle::Long);
        }
        lang
    }

    fn english() -> Lang {
        let english = parse(bundled("en").unwrap_or_default().into(), "en.ftl")
            .expect("the bundled English catalogue parses");
        Lang::new("en", vec![Arc::new(english)])
    }

    /// The message `id` with `args`; an unknown id is returned as itself (never a panic).
    pub fn format(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut errors = Vec::new();
        if args.is_empty() {
            return self
                .bundle
                .format_pattern(pattern, None, &mut errors)
                .into_owned();
        }
        let mut fluent = FluentArgs::with_capacity(args.len());
        let mut shown = None;
        for (name, value) in args {
            match value {
                Arg::Str(s) => fluent.set(*name, FluentValue::from(*s)),
                Arg::Num(n) => {
                    let stand_in = self.plurals.stand_in(*n);
                    if stand_in != *n {
                        shown = Some((stand_in, *n));
                    }
                    fluent.set(*name, FluentValue::from(stand_in))
                }
            }
        }
        SHOWN.with(|s| s.set(shown));
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent), &mut errors)
            .into_owned();
        SHOWN.with(|s| s.set(None));
        text
    }

    /// CLDR's plural category of `n` in this language ("one", "few"...).
    pub(crate) fn category(&self, n: u64) -> &'static str {
        CATEGORIES[self.plurals.category(n)]
    }

    /// A message without arguments.
    pub fn text(&self, id: &str) -> String {
        self.text_ref(id).into_owned()
    }

    /// A message without arguments, borrowed when it has no variable (formatted once).
    pub fn text_ref(&self, id: &str) -> Cow<'_, str> {
        match self.plain.get(id) {
            Some(t) => Cow::Borrowed(t),
            None => Cow::Owned(self.format(id, &[])),
        }
    }

    /// A message with Fluent arguments as they are (a template's `t("id", name=value)`).
    fn format_args(&self, id: &str, args: &FluentArgs) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(args), &mut errors)
            .into_owned()
    }

    /// `n` in words: "254 comments", "١٢ تعليقًا". Small counts are formatted once.
    pub fn count(&self, kind: Count, n: u64) -> Cow<'_, str> {
        let cache = &self.counts[kind as usize];
        match cache.get(n as usize) {
            Some(slot) => Cow::Borrowed(
                slot.get_or_init(|| self.format(kind.id(), &[("count", Arg::Num(n))]).into()),
            ),
            None => Cow::Owned(self.format(kind.id(), &[("count", Arg::Num(n))])),
        }
    }

    /// Counts in words joined by " · " (`skip_zeros` leaves zero counts out).
    pub fn counts_line(&self, counts: &[(Count, u64)], skip_zeros: bool) -> String {
        let mut out = String::with_capacity(64);
        for &(kind, n) in counts {
            if n == 0 && skip_zeros {
                continue;
            }
            if !out.is_empty() {
                out.push_str(" · ");
            }
            out.push_str(&self.count(kind, n));
        }
        out
    }

    /// A week's label, from its first to its last day: "16–22 Nov 2026", "28 Sept – 4 Oct
    /// 2026", "2026年11月16日～22日" (the `week-in-month`, `week-across-months` and
    /// `week-across-years` messages, with CLDR's dates).
    pub fn week_label(&self, first: chrono::NaiveDate, last: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        if let Some(l) = self
            .weeks
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&first)
        {
            return l.to_string();
        }
        let f = &self.formats;
        let id = if first.year() != last.year() {
            "week-across-years"
        } else if first.month() != last.month() {
            "week-across-months"
        } else {
            "week-in-month"
        };
        let dates = [
            f.date(first),
            f.month_day(first),
            f.day(first),
            f.date(last),
            f.month_day(last),
            f.day(last),
        ];
        let label = self.format(
            id,
            &[
                ("start", Arg::Str(&dates[0])),
                ("start-month-day", Arg::Str(&dates[1])),
                ("start-day", Arg::Str(&dates[2])),
                ("end", Arg::Str(&dates[3])),
                ("end-month-day", Arg::Str(&dates[4])),
                ("end-day", Arg::Str(&dates[5])),
            ],
        );
        self.weeks
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(first, label.as_str().into());
        label
    }

    /// A day: "16 Nov 2026".
    pub fn date(&self, d: chrono::NaiveDate) -> String {
        self.formats.date(d)
    }

    /// A moment in timezone `tz`, with its abbreviation: "25 Nov 2026, 12:05 UTC".
    pub fn time(&self, t: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz) -> String {
        let local = t.with_timezone(&tz);
        format!("{} {}", self.formats.date_time(&local), local.offset())
    }

    /// When a post was written, in its local time: "Tue, 24 Nov 2026, 10:08".
    pub fn post_time(&self, local: &chrono::DateTime<chrono_tz::Tz>) -> String {
        self.formats.weekday_date_time(local)
    }

    /// A number in the language's digits and separators.
    pub fn number(&self, n: u64) -> String {
        match self.numbers.get(n as usize) {
            Some(slot) => slot
                .get_or_init(|| self.formats.number(n).into_boxed_str())
                .to_string(),
            None => self.formats.number(n),
        }
    }
}

#[cfg(test)]
mod tests;
