//! `groupdigest forget POST`: removes one post from the archive for good. It finds the post
//! (by id or any permalink form) in whichever group holds it, rewrites its week's file
//! without it, deletes its picture unless another post uses the same file, records it in
//! `data/forgotten.json` (which every later fetch honours), renders, and says how to
//! remove it from the repo's git history too.

use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use super::Summary;
use crate::cli::ForgetArgs;
use crate::config::{Config, ConfigError};
use crate::period::Period;
use crate::privacy::{Forgotten, ForgottenPost, PostRef};
use crate::store::Store;
use crate::{ui, Now};

pub(crate) fn run(config: &Config, now: Now, args: &ForgetArgs) -> Result<ExitCode> {
    let wanted = PostRef::parse(&args.post)
        .map_err(|why| ConfigError::new(format!("`forget {}`: {why}", args.post)))?;
    let groups: Vec<_> = match &args.group {
        Some(slug) => vec![config.group(slug).ok_or_else(|| {
            ConfigError::new(format!(
                "`--group {slug}`: no group has that slug in site.toml"
            ))
        })?],
        None => config.groups.iter().collect(),
    };
    // `111_7000` names post 7000 of group or Page 111, never `222_7000` of another.
    if let (Some(slug), Some(owner)) = (&args.group, wanted.owner.as_deref()) {
        let g = groups[0];
        if wanted.names_another_owner_than(&g.id) {
            return Err(ConfigError::new(format!(
                "`forget {}` names a post of `{owner}`, and group `{slug}` has the id `{}`; give the post's id in group `{slug}` (or its link)",
                args.post, g.id
            ))
            .into());
        }
    }
    let groups: Vec<_> = groups
        .into_iter()
        .filter(|g| !wanted.names_another_owner_than(&g.id))
        .collect();
    let data = config.data_dir();
    // No filter: a post an exclusion already hides is still found, and removed.
    let seal = std::sync::Arc::new(crate::seal::Seal::load(config)?);
    let store = Store::new(data.clone(), config.clock()).with_seal(seal.clone());
    let mut found: Vec<(&str, Period, String)> = Vec::new();
    for g in &groups {
        for period in store.periods(&g.slug)? {
            let Some(stored) = store.load_period(&g.slug, period)? else {
                continue;
            };
            for post in stored.posts.iter().filter(|p| wanted.matches(p)) {
                found.push((g.slug.as_str(), period, post.id.clone()));
            }
        }
    }
    let mut forgotten = Forgotten::load(&data)?;
    if found.is_empty() {
        let already = forgotten
            .posts
            .iter()
            .find(|f| f.is(&wanted) && args.group.as_ref().is_none_or(|s| *s == f.group));
        if let Some(f) = already {
            ui::info(format!(
                "post `{}` of group `{}` is already forgotten (listed in `{}`); nothing to do",
                f.id,
                f.group,
                data.join(Forgotten::FILE).display()
            ));
            return Ok(ExitCode::SUCCESS);
        }
        bail!(
            "no post `{}` in the archive of {}; to keep a post that is not archived yet out of the digest, add it to `[privacy] exclude` in site.toml",
            args.post,
            match &args.group {
                Some(slug) => format!("group `{slug}`"),
                None => format!("any group (`{}`)", data.display()),
            }
        );
    }
    let mut slugs: Vec<&str> = found.iter().map(|(s, ..)| *s).collect();
    slugs.dedup();
    if slugs.len() > 1 {
        let names: Vec<String> = slugs.iter().map(|s| format!("`{s}`")).collect();
        bail!(
            "post `{}` matches posts in several groups ({}); say which with `--group SLUG`",
            args.post,
            names.join(", ")
        );
    }
    let slug = slugs[0];
    let mut files = Vec::new();
    let mut ids = Vec::new();
    for (_, period, id) in &found {
        let file = shown(config, &store.period_file(slug, *period));
        let removed = store.remove_posts(slug, *period, |p| p.id == *id)?;
        let week = format!(
            "{}/{slug}/{}.json",
            config.site.data_dir.display(),
            period.key()
        );
        // History may hold a sealed week in either form: clear before it was sealed.
        if file.ends_with(crate::seal::SUFFIX) {
            files.push(file.clone());
        }
        for post in removed {
            ids.push(post.id.clone());
            ui::info(format!(
                "forgot post `{}` of group `{slug}`: removed from `{file}`",
                post.id
            ));
            files.push(week.clone());
            for file in post.image.iter().flat_map(|i| i.files()) {
                if forget_picture(&store, slug, file)? {
                    let path = format!("{}/{slug}/media/{file}", config.site.data_dir.display());
                    ui::info(format!("removed its picture `{path}`"));
                    files.push(path);
                }
            }
            forgotten.add(ForgottenPost {
                group: slug.to_string(),
                id: post.id,
                permalink: post.permalink_url,
            });
        }
    }
    if let Some(group) = groups.iter().find(|g| g.slug == slug) {
        files.extend(forget_in_imports(config, group, &wanted, &seal)?);
    }
    files.extend(history_paths(config, &ids));
    forgotten.save(&data)?;
    ui::info(format!(
        "recorded in `{}/{}`: no later fetch or import brings it back",
        config.site.data_dir.display(),
        Forgotten::FILE
    ));

    let summary = Summary::start();
    let stats = crate::render::render_site(config, now)?;
    summary.print("rendered", &stats);
    files.sort();
    files.dedup();
    ui::info(history_note(&files));
    Ok(ExitCode::SUCCESS)
}

/// Removes the post from the files `groupdigest import` wrote into `group`'s import folder
/// (`*.posts.jsonl`, sealed or not; a sealed one stays sealed), and names the raw exports
/// there that mention it, which are not rewritten. Returns the paths that held it.
fn forget_in_imports(
    config: &Config,
    group: &crate::config::GroupConfig,
    wanted: &PostRef,
    seal: &crate::seal::Seal,
) -> Result<Vec<String>> {
    use crate::source::import::{kind_of, Kind};
    let Some(dir) = group
        .path
        .as_ref()
        .map(|p| config.root.join(p))
        .filter(|d| d.is_dir())
    else {
        return Ok(Vec::new());
    };
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot list `{}`", shown(config, &dir)))?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .collect();
    entries.sort();
    let mut held = Vec::new();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let kind = kind_of(name);
        let sealed = kind == Some(Kind::Sealed);
        if !matches!(kind, Some(Kind::Own | Kind::Sealed)) {
            let mentions = kind.is_some()
                && std::fs::read(&path).is_ok_and(|b| {
                    b.windows(wanted.post.len())
                        .any(|w| w == wanted.post.as_bytes())
                });
            if mentions {
                ui::warn(format!(
                    "`{}` is an export that may hold the post too; it is not rewritten: delete it (exports need not be in the repository: `groupdigest import` writes what the archive needs)",
                    shown(config, &path)
                ));
                held.push(shown(config, &path));
            }
            continue;
        }
        let bytes = std::fs::read(&path)
            .with_context(|| format!("cannot read `{}`", shown(config, &path)))?;
        let text = if sealed {
            seal.decrypt(&path, &bytes)?
        } else {
            bytes
        };
        let text = String::from_utf8_lossy(&text);
        let (mut kept, mut removed) = (String::new(), 0usize);
        for line in text.lines() {
            if line_is(line, wanted) {
                removed += 1;
            } else {
                kept.push_str(line);
                kept.push('\n');
            }
        }
        if removed == 0 {
            continue;
        }
        if kept.trim().is_empty() {
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot remove `{}`", shown(config, &path)))?;
        } else {
            let out = if sealed {
                seal.encrypt(kept.as_bytes())?
            } else {
                kept.into_bytes()
            };
            crate::fsutil::write_atomic(&path, &out)?;
        }
        ui::info(format!("removed it from `{}`", shown(config, &path)));
        held.push(shown(config, &path));
    }
    Ok(held)
}

/// Whether one line of an import file is the post `wanted` names.
fn line_is(line: &str, wanted: &PostRef) -> bool {
    #[derive(serde::Deserialize)]
    struct Line {
        id: String,
        #[serde(default)]
        permalink: Option<String>,
    }
    let Ok(l) = serde_json::from_str::<Line>(line) else {
        return false;
    };
    wanted.matches(&crate::model::Post {
        id: l.id,
        created_time: chrono::DateTime::UNIX_EPOCH,
        message: None,
        permalink_url: l.permalink,
        picture: None,
        comments: 0,
        shares: 0,
        reactions: 0,
        link: None,
        image: None,
    })
}

/// The paths of the site's git history whose content held one of `ids` (`git log -S`),
/// relative to the site's folder as the others are; none outside a git repository.
fn history_paths(config: &Config, ids: &[String]) -> Vec<String> {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(&config.root)
            .args(args)
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    };
    let Some(prefix) = git(&["rev-parse", "--show-prefix"]) else {
        return Vec::new();
    };
    let prefix = prefix.trim().to_string();
    let mut out = Vec::new();
    for id in ids {
        let Some(names) = git(&[
            "log",
            "--all",
            "--format=",
            "--name-only",
            "-S",
            id,
            "--",
            ".",
        ]) else {
            continue;
        };
        for name in names.lines().filter(|l| !l.is_empty()) {
            out.push(
                name.strip_prefix(prefix.as_str())
                    .unwrap_or(name)
                    .to_string(),
            );
        }
    }
    out
}

fn shown(config: &Config, p: &std::path::Path) -> String {
    p.strip_prefix(&config.root)
        .unwrap_or(p)
        .display()
        .to_string()
}

/// Deletes `data/<slug>/media/<file>` unless another stored post of the group shows the
/// same file; says whether it removed one.
fn forget_picture(store: &Store, slug: &str, file: &str) -> Result<bool> {
    // The name comes from data/, which can be edited by hand: never leave the folder.
    if !crate::media::is_media_file_name(file) {
        return Ok(false);
    }
    for period in store.periods(slug)? {
        let Some(stored) = store.load_period(slug, period)? else {
            continue;
        };
        if stored.posts.iter().any(|p| {
            p.image
                .as_ref()
                .is_some_and(|i| i.files().any(|f| f == file))
        }) {
            return Ok(false);
        }
    }
    let path = store.media_dir(slug).join(file);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e).with_context(|| format!("cannot remove `{}`", path.display())),
    }
}

/// What is left: the repo's history still holds the post. The commands that rewrite it.
fn history_note(files: &[String]) -> String {
    let paths: Vec<String> = files.iter().map(|f| format!("--path {f}")).collect();
    format!(
        "The post is gone from data/ and the site, but this repository's git history still \
holds it (earlier commits of {}). To remove it from there too, rewrite the history \
(see {}), for example with git-filter-repo:\n\
  1. commit this change (data/, data/forgotten.json and the import files), and keep a copy \
of the files: cp -r data /tmp/data-now (and the import folder)\n\
  2. git filter-repo --force --invert-paths {}\n\
  3. copy them back (cp -r /tmp/data-now/. data/), git add them and git commit -m \"Forget a post\"\n\
  4. git remote add origin <url> && git push --force --all\n\
Every clone and fork keeps the old history until it is deleted or re-cloned.",
        files.join(", "),
        crate::seal::DOCS,
        paths.join(" ")
    )
}
