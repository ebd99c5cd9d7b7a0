//! The template environment: the default templates in `templates/` are embedded in the
//! binary; a file of the same name in the site's own `templates/` folder replaces one.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use minijinja::Environment;

/// Every default template, by file name. `init` copies these into a new site.
pub const DEFAULTS: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("group.html", include_str!("../../templates/group.html")),
    ("period.html", include_str!("../../templates/period.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("post.html", include_str!("../../templates/post.html")),
    ("stale.html", include_str!("../../templates/stale.html")),
    ("feed.xml", include_str!("../../templates/feed.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    ("robots.txt", include_str!("../../templates/robots.txt")),
    ("style.css", include_str!("../../templates/style.css")),
    ("favicon.svg", include_str!("../../templates/favicon.svg")),
];

/// The picture a shared link shows when its page has none of its own (`og:image`); a
/// site's `static/og-image.png` replaces it.
pub const OG_IMAGE: &[u8] = include_bytes!("../../templates/og-image.png");

/// Where a template came from, for error messages.
fn origin(overrides: &Path, name: &str) -> String {
    let p = overrides.join(name);
    if p.exists() {
        format!("`{}`", p.display())
    } else {
        format!("built-in template `{name}`")
    }
}

/// Builds the environment: defaults, then the site's overrides, each compiled now so a
/// syntax error is reported before anything is rendered.
pub fn environment(overrides: &Path) -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_formatter(html_formatter);
    for (name, source) in DEFAULTS {
        let path: PathBuf = overrides.join(name);
        let source = if path.is_file() {
            std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read template `{}`", path.display()))?
        } else {
            (*source).to_string()
        };
        env.add_template_owned(*name, source)
            .map_err(|e| template_error(overrides, e))?;
    }
    Ok(env)
}

/// Escapes untrusted strings in HTML (and XML) templates: `&`, `<`, `>`, `"` and `'`, which
/// is all that text and quoted attributes need. minijinja's default also escapes `/`, which
/// made every URL longer and the escaping a visible share of a render.
fn html_formatter(
    out: &mut minijinja::Output,
    state: &minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    if state.auto_escape() == minijinja::AutoEscape::Html && !value.is_safe() {
        if let Some(s) = value.as_str() {
            // Most strings (URLs, dates, counts) have nothing to escape: one quick scan.
            if !s.bytes().any(|b| ESCAPED[usize::from(b)]) {
                return Ok(out.write_str(s)?);
            }
            let mut last = 0;
            for (i, b) in s.bytes().enumerate() {
                let rep = match b {
                    b'&' => "&amp;",
                    b'<' => "&lt;",
                    b'>' => "&gt;",
                    b'"' => "&quot;",
                    b'\'' => "&#39;",
                    _ => continue,
                };
                out.write_str(&s[last..i])?;
                out.write_str(rep)?;
                last = i + 1;
            }
            return Ok(out.write_str(&s[last..])?);
        }
    }
    minijinja::escape_formatter(out, state, value)
}

/// The bytes `html_formatter` replaces.
const ESCAPED: [bool; 256] = {
    let mut t = [false; 256];
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t
};

/// Turns a minijinja error into one that names the template file and line.
pub fn template_error(overrides: &Path, e: minijinja::Error) -> anyhow::Error {
    let name = e.name().unwrap_or("?").to_string();
    let line = e.line().map(|l| format!(", line {l}")).unwrap_or_default();
    let detail = e
        .detail()
        .map(str::to_string)
        .unwrap_or_else(|| e.kind().to_string());
    anyhow::anyhow!(
        "template error in {}{line}: {detail}",
        origin(overrides, &name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untrusted_text_cannot_leave_its_attribute_or_open_a_tag() {
        let mut env = environment(Path::new("/nonexistent")).unwrap();
        env.add_template("t.html", r#"<a href="{{ u }}" title='{{ t }}'>{{ t }}</a>"#)
            .unwrap();
        let html = env
            .get_template("t.html")
            .unwrap()
            .render(minijinja::context! {
                u => r#"https://x.y/"onmouseover="alert(1)"#,
                t => "<b>'Tom' & \"Jerry\"</b>",
            })
            .unwrap();
        assert_eq!(
            html,
            "<a href=\"https://x.y/&quot;onmouseover=&quot;alert(1)\" \
             title='&lt;b&gt;&#39;Tom&#39; &amp; &quot;Jerry&quot;&lt;/b&gt;'>\
             &lt;b&gt;&#39;Tom&#39; &amp; &quot;Jerry&quot;&lt;/b&gt;</a>"
        );
    }
}
