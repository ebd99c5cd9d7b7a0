//! `t`, the object every template gets for its page's language: `t("id")` and
//! `t("id", name=value)` format a message, `t.count("comments", n)` is a count in words,
//! `t.number(n)` a number, `t.lang` and `t.dir` the language's tag and direction. Also the
//! plural templates and box texts `search.js` fills in (in `search/index.json`): a message
//! formatted once per CLDR plural category, with `{n}` for the number.

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use fluent_bundle::{FluentArgs, FluentValue};
use minijinja::value::{from_args, Kwargs, Object, ObjectRepr};
use minijinja::{Error, ErrorKind, State, Value};

use super::{Count, Lang};

/// What a number reads as in a plural template.
pub(crate) const NUMBER_PLACEHOLDER: &str = "{n}";

thread_local! {
    static PLACEHOLDERS: Cell<bool> = const { Cell::new(false) };
}

/// True while plural templates are made: numbers format as `{n}`.
pub(crate) fn placeholders() -> bool {
    PLACEHOLDERS.with(Cell::get)
}

/// A whole number of each CLDR plural category the language gives whole numbers: 1 for
/// "one", 3 for Arabic's "few"... (larger numbers first, so an exact `[0]` variant is not
/// taken for "other").
pub(crate) fn category_samples(lang: &Lang) -> Vec<(&'static str, u64)> {
    let mut out: Vec<(&'static str, u64)> = Vec::new();
    for n in (101..=1000).chain(0..=100) {
        let name = lang.category(n);
        if !out.iter().any(|(c, _)| *c == name) {
            out.push((name, n));
        }
    }
    out.sort_by_key(|(c, _)| super::CATEGORIES.iter().position(|x| x == c));
    out
}

/// Message `id` once per plural category of `$count`, numbers as `{n}`; `extra` are
/// further string arguments (given as placeholders such as `{shown}`).
pub(crate) fn plural_templates(
    lang: &Lang,
    id: &str,
    extra: &[(&str, &str)],
) -> BTreeMap<&'static str, String> {
    PLACEHOLDERS.with(|p| p.set(true));
    let out = category_samples(lang)
        .into_iter()
        .map(|(cat, n)| {
            let mut args = vec![("count", super::Arg::Num(n))];
            args.extend(extra.iter().map(|(k, v)| (*k, super::Arg::Str(v))));
            (cat, lang.format(id, &args))
        })
        .collect();
    PLACEHOLDERS.with(|p| p.set(false));
    out
}

/// The search box's texts for a page in `lang` (`search/index.json`'s `langs[lang].box`;
/// the page itself carries only the error, shown when the index cannot be loaded).
pub fn search_texts(lang: &Lang) -> serde_json::Value {
    serde_json::json!({
        "short": lang.text("search-short"),
        "none": lang.text("search-none"),
        "matches": plural_templates(lang, "search-matches", &[]),
        "some": plural_templates(lang, "search-matches-some", &[("shown", "{shown}")]),
        "more": plural_templates(lang, "search-more", &[]),
    })
}

/// A count's plural templates for search results: "{n} comments".
pub fn count_templates(lang: &Lang, kind: Count) -> BTreeMap<&'static str, String> {
    plural_templates(lang, kind.id(), &[])
}

/// The template object of one language.
#[derive(Debug)]
pub struct Texts {
    lang: Arc<Lang>,
    /// Messages without arguments, formatted once.
    plain: HashMap<&'static str, Value>,
}

impl Texts {
    pub(crate) fn new(lang: Arc<Lang>) -> Texts {
        let plain = super::check::reference()
            .iter()
            .filter(|(_, vars)| vars.is_empty())
            .map(|(id, _)| (id.as_str(), Value::from(lang.text(id))))
            .collect();
        Texts { lang, plain }
    }

    fn plain(&self, id: &str) -> Value {
        match self.plain.get(id) {
            Some(v) => v.clone(),
            None => Value::from(self.lang.text(id)),
        }
    }
}

/// A template value as a Fluent argument: a number as a number (it selects plural
/// variants), a string borrowed, anything else as the text it renders as.
fn fluent_value(v: &Value) -> FluentValue<'_> {
    if let Some(n) = v.as_i64() {
        FluentValue::from(n as f64)
    } else if let Some(s) = v.as_str() {
        FluentValue::from(s)
    } else if let Ok(f) = f64::try_from(v.clone()) {
        FluentValue::from(f)
    } else {
        FluentValue::from(v.to_string())
    }
}

impl Object for Texts {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        match key.as_str()? {
            "lang" => Some(Value::from(self.lang.tag.as_str())),
            "dir" => Some(Value::from(self.lang.dir)),
            _ => None,
        }
    }

    fn call(self: &Arc<Self>, _state: &State<'_, '_>, args: &[Value]) -> Result<Value, Error> {
        // The common case, `t("id")`: a lookup.
        if let [id] = args {
            if let Some(id) = id.as_str() {
                return Ok(self.plain(id));
            }
        }
        // `t("id", name=value, ...)`: the keyword arguments arrive as one map, read here
        // without `Kwargs`' bookkeeping (a copy of each name, a set of the used ones), and
        // given to Fluent borrowed: 757 → 665 ns a call (examples/bench_i18n).
        if let [id, kwargs] = args {
            if let (Some(id), true) = (id.as_str(), kwargs.is_kwargs()) {
                let pairs: Vec<(Value, Value)> = kwargs
                    .as_object()
                    .and_then(|o| o.try_iter_pairs())
                    .map(Iterator::collect)
                    .unwrap_or_default();
                let mut fluent = FluentArgs::with_capacity(pairs.len());
                for (name, value) in &pairs {
                    if let Some(name) = name.as_str() {
                        fluent.set(name, fluent_value(value));
                    }
                }
                return Ok(Value::from(self.lang.format_args(id, &fluent)));
            }
        }
        // Anything else (`t()`, a positional second argument) gets minijinja's own error.
        let (id, _): (&str, Kwargs) = from_args(args)?;
        Ok(self.plain(id))
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        match method {
            "count" => {
                let (name, n): (&str, u64) = from_args(args)?;
                let kind = Count::from_name(name).ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidOperation,
                        format!("t.count: no count named `{name}`"),
                    )
                })?;
                Ok(Value::from(self.lang.count(kind, n).into_owned()))
            }
            "number" => {
                let (n,): (u64,) = from_args(args)?;
                Ok(Value::from(self.lang.number(n)))
            }
            _ => Err(Error::from(ErrorKind::UnknownMethod)),
        }
    }
}
