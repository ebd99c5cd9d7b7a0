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
    let data = config.data_dir();
    // No filter: a post an exclusion already hides is still found, and removed.
    let store = Store::new(data.clone(), config.clock());
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
    for (_, period, id) in &found {
        let removed = store.remove_posts(slug, *period, |p| p.id == *id)?;
        let week = format!(
            "{}/{slug}/{}.json",
            config.site.data_dir.display(),
            period.key()
        );
        for post in removed {
            ui::info(format!(
                "forgot post `{}` of group `{slug}`: removed from `{week}`",
                post.id
            ));
            files.push(week.clone());
            if let Some(image) = &post.image {
                if forget_picture(&store, slug, &image.file)? {
                    let path = format!(
                        "{}/{slug}/media/{}",
                        config.site.data_dir.display(),
                        image.file
                    );
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
        if stored
            .posts
            .iter()
            .any(|p| p.image.as_ref().is_some_and(|i| i.file == file))
        {
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
(see README, \"Privacy\"), for example with git-filter-repo:\n\
  1. commit this change (data/ and data/forgotten.json), and keep a copy of the files: \
cp -r data /tmp/data-now\n\
  2. git filter-repo --force --invert-paths {}\n\
  3. cp -r /tmp/data-now/. data/ && git add data && git commit -m \"Forget a post\"\n\
  4. git remote add origin <url> && git push --force --all\n\
Every clone and fork keeps the old history until it is deleted or re-cloned.",
        files.join(", "),
        paths.join(" ")
    )
}
