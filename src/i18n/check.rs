//! What `check` (and every render) asks of a site's `i18n/*.ftl`: Fluent syntax, only
//! messages groupdigest has, only the variables each is given; and which of the site's
//! languages has no translation at all. Every problem names its file and line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

/// A problem in an override file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// The 1-based line of byte `pos` in `source`.
pub(crate) fn line_of(source: &str, pos: usize) -> usize {
    let pos = pos.min(source.len());
    source.as_bytes()[..pos]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn variables_of_pattern<'s>(p: &Pattern<&'s str>, out: &mut BTreeSet<&'s str>) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            variables_of_expression(expression, out);
        }
    }
}

fn variables_of_expression<'s>(e: &Expression<&'s str>, out: &mut BTreeSet<&'s str>) {
    match e {
        Expression::Select { selector, variants } => {
            variables_of_inline(selector, out);
            for v in variants {
                variables_of_pattern(&v.value, out);
            }
        }
        Expression::Inline(i) => variables_of_inline(i, out),
    }
}

fn variables_of_inline<'s>(e: &InlineExpression<&'s str>, out: &mut BTreeSet<&'s str>) {
    match e {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name);
        }
        InlineExpression::Placeable { expression } => variables_of_expression(expression, out),
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                variables_of_inline(a, out);
            }
            for a in &arguments.named {
                variables_of_inline(&a.value, out);
            }
        }
        InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.positional {
                variables_of_inline(a, out);
            }
            for a in &arguments.named {
                variables_of_inline(&a.value, out);
            }
        }
        _ => {}
    }
}

/// Every message of a catalogue with the variables it uses, and its line.
pub(crate) fn messages(source: &str) -> BTreeMap<String, (usize, BTreeSet<String>)> {
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let lines = entry_lines(source);
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        if let Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(v) = &m.value {
                variables_of_pattern(v, &mut vars);
            }
            for a in &m.attributes {
                variables_of_pattern(&a.value, &mut vars);
            }
            let line = lines.get(m.id.name).copied().unwrap_or(1);
            out.insert(
                m.id.name.to_string(),
                (line, vars.into_iter().map(str::to_string).collect()),
            );
        }
    }
    out
}

/// The line of each entry: a line that starts with its identifier and `=`.
fn entry_lines(source: &str) -> BTreeMap<&str, usize> {
    let mut out = BTreeMap::new();
    for (i, line) in source.lines().enumerate() {
        let Some((id, _)) = line.split_once('=') else {
            continue;
        };
        let id = id.trim_end();
        if !id.is_empty()
            && !line.starts_with([' ', '\t', '#'])
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            out.entry(id).or_insert(i + 1);
        }
    }
    out
}

/// Variables a message is given beyond those its English text uses: a week's label gets
/// each of its days in three forms, and a language picks the ones its order needs.
const MORE_VARIABLES: &[(&str, &[&str])] = &[
    ("week-in-month", WEEK_DAYS),
    ("week-across-months", WEEK_DAYS),
    ("week-across-years", WEEK_DAYS),
];
const WEEK_DAYS: &[&str] = &[
    "start",
    "start-month-day",
    "start-day",
    "end",
    "end-month-day",
    "end-day",
];

/// The English catalogue's messages and the variables each is given.
pub(crate) fn reference() -> &'static BTreeMap<String, BTreeSet<String>> {
    static REFERENCE: OnceLock<BTreeMap<String, BTreeSet<String>>> = OnceLock::new();
    REFERENCE.get_or_init(|| {
        let mut all: BTreeMap<String, BTreeSet<String>> =
            messages(super::bundled("en").unwrap_or_default())
                .into_iter()
                .map(|(id, (_, vars))| (id, vars))
                .collect();
        for (id, more) in MORE_VARIABLES {
            if let Some(vars) = all.get_mut(*id) {
                vars.extend(more.iter().map(|v| v.to_string()));
            }
        }
        all
    })
}

/// The problems of one catalogue's text (`file` names it in messages).
pub(crate) fn check_source(file: &Path, source: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Err((_, errors)) = fluent_syntax::parser::parse(source) {
        for e in errors {
            problems.push(Problem {
                file: file.to_path_buf(),
                line: line_of(source, e.pos.start),
                message: format!("not Fluent syntax: {e}"),
            });
        }
    }
    let reference = reference();
    for (id, (line, vars)) in messages(source) {
        let Some(given) = reference.get(&id) else {
            problems.push(Problem {
                file: file.to_path_buf(),
                line,
                message: format!("unknown message `{id}` (groupdigest never shows it)"),
            });
            continue;
        };
        for var in vars.difference(given) {
            let offer = if given.is_empty() {
                "it is given no variable".to_string()
            } else {
                format!(
                    "it is given {}",
                    given
                        .iter()
                        .map(|v| format!("${v}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            // The line that uses the variable, at or after the message's own.
            let at = source
                .lines()
                .enumerate()
                .skip(line.saturating_sub(1))
                .find(|(_, l)| l.contains(&format!("${var}")))
                .map_or(line, |(i, _)| i + 1);
            problems.push(Problem {
                file: file.to_path_buf(),
                line: at,
                message: format!("message `{id}` uses `${var}`, which it is not given ({offer})"),
            });
        }
    }
    problems.sort_by_key(|p| p.line);
    problems
}

/// Every `.ftl` file of the site's `i18n/` folder, in name order.
fn override_files(root: &Path) -> Vec<PathBuf> {
    let Ok(dir) = std::fs::read_dir(root.join(super::OVERRIDES_DIR)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = dir
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    files
}

/// The problems of every override file under `root`.
pub(crate) fn check_overrides(root: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    for file in override_files(root) {
        let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if !crate::config::is_language_tag(stem) {
            problems.push(Problem {
                file: file.clone(),
                line: 1,
                message: format!(
                    "`{stem}` is not a language tag: name a catalogue after its language (`es.ftl`, `pt-BR.ftl`)"
                ),
            });
            continue;
        }
        match std::fs::read_to_string(&file) {
            Ok(source) => problems.extend(check_source(&file, &source)),
            Err(e) => problems.push(Problem {
                file: file.clone(),
                line: 1,
                message: format!("cannot read it: {e}"),
            }),
        }
    }
    problems
}

/// For `check`: a note per language of the site with no translation (its pages fall back
/// to English), and every problem of the override files.
pub fn check_site(config: &crate::config::Config) -> (Vec<String>, Vec<Problem>) {
    let root = &config.root;
    let mut notes = Vec::new();
    for tag in super::site_languages(config) {
        if super::bundled(&tag).is_none() && super::override_paths(root, &tag).is_empty() {
            let users: Vec<String> = std::iter::once(("site", config.site.language.as_str()))
                .filter(|(_, l)| *l == tag)
                .map(|_| "the site".to_string())
                .chain(
                    config
                        .groups
                        .iter()
                        .filter(|g| g.language.as_deref() == Some(tag.as_str()))
                        .map(|g| format!("group `{}`", g.slug)),
                )
                .collect();
            notes.push(format!(
                "language `{tag}` ({}) has no translation: its pages use English; add `{}/{tag}.ftl` (Fluent) to translate them",
                users.join(", "),
                super::OVERRIDES_DIR
            ));
        }
    }
    (notes, check_overrides(root))
}
