//! `groupdigest groups`: the groups the token's user manages (the seed's home view), from
//! every page of `/me/groups`, printed as `[[groups]]` entries ready to paste into `site.toml`.

use std::collections::HashSet;
use std::process::ExitCode;

use anyhow::{anyhow, Result};
use serde::Deserialize;

use crate::config::Config;
use crate::secret::Secrets;
use crate::source::graph::{self, Client, GraphError};
use crate::source::graph_json::ListPage;

/// How a group's posts arrive now that the Groups API is gone, said wherever `groups` ends.
const THREE_WAYS: &str = "A group's posts arrive one of three ways: `kind = \"apify\"` \
     scrapes a public group through Apify on every build (docs/apify.md); `kind = \"import\"` \
     reads exports you commit (docs/import.md); `kind = \"group\"` reads the Graph API's \
     group feed, which Meta removed (snapshots and old deployments only). Pages still work \
     with `kind = \"page\"` (docs/graph.md)";

#[derive(Debug, Deserialize)]
struct UserGroup {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    administrator: bool,
}

pub(crate) fn run(config: &Config) -> Result<ExitCode> {
    let secrets = Secrets::load(config)?;
    let client = Client::new(config, &secrets)?.interactive();
    let (managed, member): (Vec<_>, Vec<_>) = graph::runtime()?
        .block_on(list(&client))?
        .into_iter()
        .partition(|g| g.administrator);
    // A group's digest is its admins' to publish: groups the user is only a member of are
    // counted, not listed.
    let left_out = match member.len() {
        0 => String::new(),
        1 => "; 1 group it is only a member of is left out".into(),
        n => format!("; {n} groups it is only a member of are left out"),
    };
    if managed.is_empty() {
        crate::ui::info(format!(
            "The token's user manages no group the API shows{left_out}. {THREE_WAYS}."
        ));
        return Ok(ExitCode::SUCCESS);
    }
    print!("{}", crate::ui::defuse(&to_toml(&managed)));
    crate::ui::info(format!(
        "{} the token's user manages{left_out}. {THREE_WAYS}.",
        crate::ui::count(managed.len(), "group")
    ));
    Ok(ExitCode::SUCCESS)
}

async fn list(client: &Client) -> Result<Vec<UserGroup>> {
    let mut url = client.url(
        &["me", "groups"],
        &[("fields", "id,name,administrator"), ("limit", "100")],
    );
    let mut all = Vec::new();
    let mut seen = HashSet::new();
    for _ in 0..graph::MAX_PAGES {
        let page: ListPage<UserGroup> = client.get(&url, "groups").await.map_err(explain)?;
        let empty = page.data.is_empty();
        let next = page.next().map(str::to_string);
        all.extend(page.data);
        match next {
            Some(next) if !empty && seen.insert(next.clone()) => {
                url = client.next_url(&next).map_err(explain)?;
            }
            _ => return Ok(all),
        }
    }
    Ok(all)
}

fn explain(e: GraphError) -> anyhow::Error {
    if let Some(hint) = graph::app_secret_hint(&e) {
        return anyhow!("cannot list the groups: {e}{hint}");
    }
    match e.code() {
        Some(100 | 10 | 200) => anyhow!(
            "cannot list the groups: {e}; Meta removed the Groups API for all versions on \
             {}, so groups cannot be listed or read with a token any more. {THREE_WAYS}",
            graph::GROUPS_API_REMOVED
        ),
        _ => anyhow!("cannot list the groups: {e}"),
    }
}

/// `[[groups]]` entries with unique URL-safe slugs.
fn to_toml(groups: &[UserGroup]) -> String {
    let mut used = HashSet::new();
    let mut out = String::new();
    for g in groups {
        let name = g.name.clone().unwrap_or_else(|| g.id.clone());
        let mut slug = slugify(&name).unwrap_or_else(|| format!("group-{}", g.id));
        if !used.insert(slug.clone()) {
            slug = format!("{slug}-{}", g.id);
            used.insert(slug.clone());
        }
        out.push_str(&format!(
            "# {}\n[[groups]]\nid = {}\nslug = {}\nname = {}\nkind = \"group\"\n\n",
            name.replace('\n', " "),
            toml::Value::String(g.id.clone()),
            toml::Value::String(slug),
            toml::Value::String(name.clone()),
        ));
    }
    out
}

/// A URL-safe slug from a name: ASCII letters and digits, `-` between words.
fn slugify(name: &str) -> Option<String> {
    let mut slug = String::new();
    for c in name.chars() {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' | 'Á' => 'a',
            'é' | 'è' | 'ë' | 'ê' | 'É' => 'e',
            'í' | 'ì' | 'ï' | 'î' | 'Í' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' | 'Ó' => 'o',
            'ú' | 'ù' | 'ü' | 'û' | 'Ú' => 'u',
            'ñ' | 'Ñ' => 'n',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(48).collect();
    let slug = slug.trim_end_matches('-').to_string();
    let usable = !slug.is_empty()
        && crate::config::is_url_safe_slug(&slug)
        && !crate::config::RESERVED_SLUGS.contains(&slug.as_str());
    usable.then_some(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_url_safe_and_unique() {
        assert_eq!(slugify("Rust México").as_deref(), Some("rust-mexico"));
        assert_eq!(
            slugify("  Developer Circle: CDMX! ").as_deref(),
            Some("developer-circle-cdmx")
        );
        assert_eq!(slugify("東京"), None);
        assert_eq!(
            slugify("Static"),
            None,
            "reserved: the caller falls back to group-<id>"
        );
        let groups = vec![
            UserGroup {
                id: "1".into(),
                name: Some("Same".into()),
                administrator: true,
            },
            UserGroup {
                id: "2".into(),
                name: Some("Same".into()),
                administrator: true,
            },
        ];
        let toml = to_toml(&groups);
        assert!(
            toml.contains("slug = \"same\"") && toml.contains("slug = \"same-2\""),
            "{toml}"
        );
        assert!(toml.starts_with("# Same\n[[groups]]\n"), "{toml}");
        let parsed: toml::Table = toml.parse().unwrap();
        assert_eq!(parsed["groups"].as_array().unwrap().len(), 2);
    }
}
