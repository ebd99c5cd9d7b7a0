//! `groupdigest groups`: the Pages the token's user manages (every page of `/me/accounts`),
//! printed as `[[groups]]` entries ready to paste into `site.toml`, and, on an API other than
//! Meta's (which answers no group since 2024), the groups it manages (`/me/groups`, the
//! seed's home view). On Meta's API it says why groups cannot be listed.

use std::collections::HashSet;
use std::process::ExitCode;

use anyhow::{anyhow, Result};
use serde::Deserialize;

use crate::config::Config;
use crate::secret::Secrets;
use crate::source::graph::{self, Client, GraphError};
use crate::source::graph_json::ListPage;

/// How a group's posts arrive now that the Groups API is gone, said wherever `groups` ends.
const THREE_WAYS: &str = concat!(
    "A group's posts arrive one of three ways: `kind = \"apify\"` scrapes a public group \
     through Apify on every build (",
    docs_url!("apify.md"),
    "); `kind = \"import\"` reads exports you commit (",
    docs_url!("import.md"),
    "); `kind = \"group\"` reads the Graph API's group feed, which Meta removed on \
     2024-04-22 for every API version, so no token can read a group today (snapshots and old \
     deployments only). Pages still work with `kind = \"page\"` (",
    docs_url!("graph.md"),
    ")"
);

#[derive(Debug, Deserialize)]
struct UserGroup {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    administrator: bool,
}

/// A Page of `/me/accounts`: one the token's user has a role on.
#[derive(Debug, Deserialize)]
struct UserPage {
    id: String,
    #[serde(default)]
    name: Option<String>,
}

pub(crate) fn run(config: &Config) -> Result<ExitCode> {
    let secrets = Secrets::load(config)?;
    let client = Client::new(config, &secrets)?.interactive();
    let runtime = graph::runtime()?;
    let pages: Vec<UserPage> = runtime.block_on(list(&client, "accounts", "id,name"))?;
    let entries: Vec<Entry> = pages
        .into_iter()
        .map(|p| Entry {
            id: p.id,
            name: p.name,
            kind: "page",
        })
        .collect();
    print!("{}", crate::ui::defuse(&to_toml(&entries)));
    crate::ui::info(match entries.first() {
        None => "The token's user manages no Facebook Page the API shows.".to_string(),
        Some(first) => format!(
            "{} the token's user manages, above as `[[groups]]` entries to paste into site.toml; \
             a Page's own token (which does not expire) comes from `groupdigest auth exchange --page {}`",
            crate::ui::count(entries.len(), "Page"),
            first.id
        ),
    });
    // Meta's API answers no group since 2024-04-22: listing them there would print
    // entries that cannot work. Another `api_base` (an old deployment, a test) is asked.
    if !lists_groups(&config.source.api_base) {
        crate::ui::info(format!(
            "Groups are not listed: Meta removed the Groups API for every version on {}, so no \
             token can list or read a group. {THREE_WAYS}.",
            graph::GROUPS_API_REMOVED
        ));
        return Ok(ExitCode::SUCCESS);
    }
    let (managed, member): (Vec<_>, Vec<_>) = runtime
        .block_on(list::<UserGroup>(
            &client,
            "groups",
            "id,name,administrator",
        ))?
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
    let managed: Vec<Entry> = managed
        .into_iter()
        .map(|g| Entry {
            id: g.id,
            name: g.name,
            kind: "group",
        })
        .collect();
    print!("{}", crate::ui::defuse(&to_toml(&managed)));
    crate::ui::info(format!(
        "{} the token's user manages{left_out}. {THREE_WAYS}.",
        crate::ui::count(managed.len(), "group")
    ));
    Ok(ExitCode::SUCCESS)
}

/// Whether `/me/groups` is asked: not of Meta's API, where it fails for every version.
fn lists_groups(api_base: &str) -> bool {
    url::Url::parse(api_base)
        .ok()
        .and_then(|u| u.host_str().map(|h| h.to_ascii_lowercase()))
        .is_none_or(|h| h != "graph.facebook.com" && !h.ends_with(".facebook.com"))
}

/// Every item of `/me/<edge>`, page by page.
async fn list<T: serde::de::DeserializeOwned>(
    client: &Client,
    edge: &str,
    fields: &str,
) -> Result<Vec<T>> {
    let mut url = client.url(&["me", edge], &[("fields", fields), ("limit", "100")]);
    let mut all = Vec::new();
    let mut seen = HashSet::new();
    for _ in 0..graph::MAX_PAGES {
        let page: ListPage<T> = client.get(&url, edge).await.map_err(|e| explain(e, edge))?;
        let empty = page.data.is_empty();
        let next = page.next().map(str::to_string);
        all.extend(page.data);
        match next {
            Some(next) if !empty && seen.insert(next.clone()) => {
                url = client.next_url(&next).map_err(|e| explain(e, edge))?;
            }
            _ => return Ok(all),
        }
    }
    Ok(all)
}

fn explain(e: GraphError, edge: &str) -> anyhow::Error {
    let what = if edge == "accounts" {
        "Pages"
    } else {
        "groups"
    };
    if let Some(hint) = graph::app_secret_hint(&e) {
        return anyhow!("cannot list the {what}: {e}{hint}");
    }
    match e.code() {
        Some(10 | 200) if edge == "accounts" => anyhow!(
            "cannot list the Pages: {e}; the token needs `pages_show_list` (log in again with \
             `groupdigest auth login`)"
        ),
        Some(100 | 10 | 200) if edge == "groups" => anyhow!(
            "cannot list the groups: {e}; Meta removed the Groups API for all versions on \
             {}, so groups cannot be listed or read with a token any more. {THREE_WAYS}",
            graph::GROUPS_API_REMOVED
        ),
        _ => anyhow!("cannot list the {what}: {e}"),
    }
}

/// One `[[groups]]` entry to print.
struct Entry {
    id: String,
    name: Option<String>,
    kind: &'static str,
}

/// `[[groups]]` entries with unique URL-safe slugs.
fn to_toml(groups: &[Entry]) -> String {
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
            "# {}\n[[groups]]\nid = {}\nslug = {}\nname = {}\nkind = \"{}\"\n\n",
            name.replace('\n', " "),
            toml::Value::String(g.id.clone()),
            toml::Value::String(slug),
            toml::Value::String(name.clone()),
            g.kind,
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
    fn groups_are_never_asked_of_metas_api() {
        assert!(!lists_groups("https://graph.facebook.com"));
        assert!(!lists_groups("https://GRAPH.facebook.com/"));
        assert!(lists_groups("http://127.0.0.1:9000"));
    }

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
            Entry {
                id: "1".into(),
                name: Some("Same".into()),
                kind: "group",
            },
            Entry {
                id: "2".into(),
                name: Some("Same".into()),
                kind: "page",
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
