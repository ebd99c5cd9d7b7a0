//! `groupdigest import FILE... --group SLUG`: reads exports where the admin downloaded
//! them and writes what the archive needs of them, and nothing else, into the group's
//! import folder as JSON Lines: the file to commit, so raw exports (authors, profile links,
//! comments) never enter the repository.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use serde::Serialize;

use crate::cli::ImportArgs;
use crate::config::{Config, ConfigError, GroupConfig, GroupKind};
use crate::model::Post;
use crate::source::import::{self, OWN_SUFFIX, SEALED_SUFFIX};
use crate::source::Window;
use crate::ui;
use crate::Now;

pub(crate) fn run(config: &Config, now: Now, args: &ImportArgs) -> Result<ExitCode> {
    let group = import_group(config, &args.group)?;
    let folder = import_folder(config, group)?;
    let tz = config.clock().tz;
    let seal = crate::seal::Seal::load(config)?;
    // Before reading anything: a private group of a public repository with no key is
    // refused here, naming both fixes, rather than written in the clear.
    let sealed = seal.sealed(&group.slug, &crate::model::GroupInfo::default())?;
    let read = import::read_exports(group, tz, &args.files, args.preset, &seal)?;
    for w in &read.warnings {
        ui::warn(format!("group `{}`: {w}", group.slug));
    }
    // What members keep out (opt-out tags, `[privacy] exclude`, `data/forgotten.json`) is
    // not written either: the file is committed.
    let filter = crate::privacy::PostFilter::load(config)?;
    let total = read.posts.len();
    let posts: Vec<Post> = read
        .posts
        .into_iter()
        .filter(|p| filter.drops(&group.slug, p).is_none())
        .collect();
    let private = total - posts.len();
    // What the folder holds already, read as `build` reads it.
    let before: HashMap<String, Post> = if folder.exists() {
        import::read_group(&config.root, tz, group, Window::default(), &seal)
            .with_context(|| {
                format!(
                    "group `{}`: the import folder `{}` cannot be read as it is",
                    group.slug,
                    shown(config, &folder)
                )
            })?
            .posts
            .into_iter()
            .map(|p| (p.id.clone(), p))
            .collect()
    } else {
        HashMap::new()
    };
    let exported: std::collections::HashSet<String> = posts.iter().map(|p| p.id.clone()).collect();
    let absent = before.keys().filter(|id| !exported.contains(*id)).count();
    let (mut new, mut changed, mut same) = (Vec::new(), Vec::new(), 0usize);
    for post in posts {
        match before.get(&post.id) {
            None => new.push(post),
            Some(old) if same_content(old, &post) => same += 1,
            Some(_) => changed.push(post),
        }
    }
    let files = crate::ui::count(args.files.len(), "file");
    let mut summary = format!(
        "import: {} read from {files}; posts: {} new, {} with new counts or text, {same} already in `{}`",
        crate::ui::count(read.rows, "row"),
        new.len(),
        changed.len(),
        shown(config, &folder)
    );
    if private > 0 {
        summary.push_str(&format!("; {private} left out for privacy"));
    }
    ui::info(summary);
    if absent > 0 {
        ui::info(format!(
            "import: {} the folder holds are not in these exports; they stay, as every import adds to the folder",
            crate::ui::count(absent, "post")
        ));
    }
    if new.is_empty() && changed.is_empty() {
        ui::info("import: nothing to write; the folder already holds every post of these exports");
        return Ok(ExitCode::SUCCESS);
    }
    let mut out: Vec<Post> = new.into_iter().chain(changed).collect();
    out.sort_by(|a, b| {
        a.created_time
            .cmp(&b.created_time)
            .then_with(|| a.id.cmp(&b.id))
    });
    let bytes = to_lines(&out)?;
    let (bytes, suffix) = if sealed {
        (seal.encrypt(&bytes)?, SEALED_SUFFIX)
    } else {
        (bytes, OWN_SUFFIX)
    };
    let path = file_name(&folder, now, suffix);
    if args.dry_run {
        ui::info(format!(
            "import: would write {} to `{}` (--dry-run: nothing written)",
            crate::ui::count(out.len(), "post"),
            shown(config, &path)
        ));
        return Ok(ExitCode::SUCCESS);
    }
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("cannot create `{}`", shown(config, &folder)))?;
    crate::fsutil::write_atomic(&path, &bytes)?;
    let how = if sealed {
        " (age-encrypted: the group is private)"
    } else {
        ""
    };
    ui::info(format!(
        "import: wrote {} to `{}`{how}; commit it, and the next build adds them to the archive",
        crate::ui::count(out.len(), "post"),
        shown(config, &path)
    ));
    Ok(ExitCode::SUCCESS)
}

/// The group `--group` names, which must be an import group.
fn import_group<'c>(config: &'c Config, slug: &str) -> Result<&'c GroupConfig> {
    let Some(group) = config.group(slug) else {
        let slugs: Vec<String> = config
            .groups
            .iter()
            .filter(|g| g.kind == GroupKind::Import)
            .map(|g| format!("`{}`", g.slug))
            .collect();
        let known = if slugs.is_empty() {
            "it has no import group: add one with `kind = \"import\"` and `path = \"imports/<slug>\"`".to_string()
        } else {
            format!("its import groups: {}", slugs.join(", "))
        };
        return Err(ConfigError::new(format!(
            "`--group {slug}`: site.toml has no group with that slug; {known}"
        ))
        .into());
    };
    if group.kind != GroupKind::Import {
        return Err(ConfigError::new(format!(
            "`--group {slug}` is `kind = \"{}\"`; `import` writes into an import group's folder (`kind = \"import\"`)",
            group.kind
        ))
        .into());
    }
    Ok(group)
}

/// The group's import folder: its `path`, which must not name a file.
fn import_folder(config: &Config, group: &GroupConfig) -> Result<PathBuf> {
    let Some(rel) = &group.path else {
        bail!("group `{}` has no `path`", group.slug);
    };
    let folder = config.root.join(rel);
    if folder.is_file() || (!folder.exists() && rel.extension().is_some()) {
        return Err(ConfigError::new(format!(
            "group `{}` reads the file `{}`; `import` writes into a folder: set `path = \"imports/{}\"` (and move the file there)",
            group.slug,
            rel.display(),
            group.slug
        ))
        .into());
    }
    Ok(folder)
}

/// The same post as the archive sees it: text, time, link, picture and counts.
fn same_content(a: &Post, b: &Post) -> bool {
    a.created_time == b.created_time
        && a.message == b.message
        && a.permalink_url == b.permalink_url
        && a.picture == b.picture
        && (a.comments, a.shares, a.reactions) == (b.comments, b.shares, b.reactions)
}

/// One line of the written file: the `generic` preset's names, only what the archive keeps.
#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    created_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    permalink: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    picture: Option<&'a str>,
    comments: u64,
    shares: u64,
    reactions: u64,
}

fn to_lines(posts: &[Post]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for p in posts {
        serde_json::to_writer(
            &mut out,
            &Line {
                id: &p.id,
                created_time: p
                    .created_time
                    .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
                text: p.message.as_deref(),
                permalink: p.permalink_url.as_deref(),
                picture: p.picture.as_deref(),
                comments: p.comments,
                shares: p.shares,
                reactions: p.reactions,
            },
        )?;
        out.push(b'\n');
    }
    Ok(out)
}

/// `<folder>/2026-12-02T083512Z.posts.jsonl` (`suffix`; `.posts.jsonl.age` sealed): named
/// by when it was imported (UTC), so the newest sorts last and its counts win; a second
/// import in the same second gets `-2`.
fn file_name(folder: &Path, now: Now, suffix: &str) -> PathBuf {
    let stamp = now.format("%Y-%m-%dT%H%M%SZ").to_string();
    let taken = |stem: &str| {
        [OWN_SUFFIX, SEALED_SUFFIX]
            .iter()
            .any(|s| folder.join(format!("{stem}{s}")).exists())
    };
    let mut stem = stamp.clone();
    let mut n = 2;
    while taken(&stem) {
        stem = format!("{stamp}-{n}");
        n += 1;
    }
    folder.join(format!("{stem}{suffix}"))
}

fn shown(config: &Config, p: &Path) -> String {
    p.strip_prefix(&config.root)
        .unwrap_or(p)
        .display()
        .to_string()
}
