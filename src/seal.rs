//! Private groups in a public repository: a `private` group's posts are age-encrypted
//! wherever groupdigest writes them to be committed (its week files in `data/`, the files
//! `groupdigest import` writes), so a public repository never holds them in the clear.
//!
//! A group is *sealed* when it is private and either the repository is public (the action
//! passes `GROUPDIGEST_REPOSITORY_VISIBILITY`) or `[privacy] age_recipients` is set (so a
//! local run seals as CI does). A sealed group with no recipient fails, naming both fixes.
//! Files are encrypted to every recipient and read with the identity in
//! `GROUPDIGEST_AGE_IDENTITY`, only when a sealed file is actually read.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::{anyhow, bail, Context, Result};

use crate::config::{Config, ConfigError, GroupConfig, Visibility};
use crate::model::GroupInfo;

/// The name a sealed file gets: `<name>.age` (`2026-11-16.json.age`).
pub(crate) const SUFFIX: &str = ".age";
/// The env var holding the identity (`AGE-SECRET-KEY-1...`, or an identity file's text).
pub(crate) const IDENTITY_ENV: &str = "GROUPDIGEST_AGE_IDENTITY";
/// The env var the action sets to the repository's visibility (`public`, `private`, `internal`).
pub(crate) const VISIBILITY_ENV: &str = "GROUPDIGEST_REPOSITORY_VISIBILITY";
/// Where the privacy docs live, for messages read in an admin's repository.
pub(crate) const DOCS: &str = docs_url!("publishing.md#private-groups-in-a-public-repository");

/// The site's sealing policy and keys. The default seals nothing and opens nothing.
#[derive(Default)]
pub struct Seal {
    repo_public: bool,
    recipients: Vec<age::x25519::Recipient>,
    identity: Option<age::x25519::Identity>,
    /// Why `GROUPDIGEST_AGE_IDENTITY` could not be read: said when a sealed file needs it,
    /// so a bad value never fails a run that reads nothing sealed.
    identity_error: Option<String>,
    /// slug → the group's config, for its visibility.
    groups: HashMap<String, GroupConfig>,
}

impl Seal {
    /// The policy of `config` and the environment (or `.env`). A malformed identity is an
    /// error naming the variable, never its value, when a sealed file is read.
    pub fn load(config: &Config) -> Result<Seal> {
        let repo_public = crate::secret::env_value(&config.root, VISIBILITY_ENV)
            .is_some_and(|v| v.eq_ignore_ascii_case("public"));
        let recipients = config
            .privacy
            .age_recipients
            .iter()
            // Checked when site.toml was read.
            .filter_map(|r| r.trim().parse().ok())
            .collect();
        let (identity, identity_error) = match crate::secret::env_value(&config.root, IDENTITY_ENV)
            .map(|text| parse_identity(&text))
        {
            None => (None, None),
            Some(Ok(identity)) => (Some(identity), None),
            Some(Err(e)) => (None, Some(e.to_string())),
        };
        let groups = config
            .groups
            .iter()
            .map(|g| (g.slug.clone(), g.clone()))
            .collect();
        Ok(Seal {
            repo_public,
            recipients,
            identity,
            identity_error,
            groups,
        })
    }

    /// Whether the action said the repository is public.
    pub fn repo_public(&self) -> bool {
        self.repo_public
    }

    /// Whether the repository is public and `slug` (with the metadata `info`) is private:
    /// then none of its posts may be committed in the clear.
    pub fn exposed(&self, slug: &str, info: &GroupInfo) -> bool {
        self.repo_public
            && self
                .groups
                .get(slug)
                .is_some_and(|g| crate::privacy::visibility(g, info) == Visibility::Private)
    }

    /// Whether `slug`'s posts are written sealed. A private group of a public repository
    /// with no `age_recipients` is an error naming both ways out.
    pub fn sealed(&self, slug: &str, info: &GroupInfo) -> Result<bool> {
        let private = self
            .groups
            .get(slug)
            .is_some_and(|g| crate::privacy::visibility(g, info) == Visibility::Private);
        if !private {
            return Ok(false);
        }
        if !self.recipients.is_empty() {
            return Ok(true);
        }
        if self.repo_public {
            bail!("{}", no_recipients(slug));
        }
        Ok(false)
    }

    /// `plain` encrypted to every recipient (binary age format).
    pub fn encrypt(&self, plain: &[u8]) -> Result<Vec<u8>> {
        let encryptor = age::Encryptor::with_recipients(
            self.recipients.iter().map(|r| r as &dyn age::Recipient),
        )
        .map_err(|e| anyhow!("cannot encrypt: {e}"))?;
        let mut out = Vec::with_capacity(plain.len() + 256);
        let mut writer = encryptor.wrap_output(&mut out)?;
        writer.write_all(plain)?;
        writer.finish()?;
        Ok(out)
    }

    /// The plain text of the sealed file `path` (`bytes`, its content); the error says
    /// plainly when the identity is missing or does not open it.
    pub fn decrypt(&self, path: &Path, bytes: &[u8]) -> Result<Vec<u8>> {
        let Some(identity) = &self.identity else {
            if let Some(why) = &self.identity_error {
                bail!(
                    "`{}` is age-encrypted and cannot be read: {why}",
                    path.display()
                );
            }
            bail!(
                "`{}` is age-encrypted (a private group's archive in a public repository) and \
                 reading it needs the identity: set `{IDENTITY_ENV}` to the secret key \
                 (`AGE-SECRET-KEY-1...`, made by `groupdigest keygen`) in the environment, in \
                 `.env`, or as a repository secret in CI; see {DOCS}",
                path.display()
            );
        };
        age::decrypt(identity, bytes).with_context(|| {
            format!(
                "`{}` cannot be decrypted with the identity in `{IDENTITY_ENV}` (was it \
                 encrypted to another key of `[privacy] age_recipients`?)",
                path.display()
            )
        })
    }

    /// Whether an identity is set (a malformed one counts: reading says what is wrong).
    pub fn has_identity(&self) -> bool {
        self.identity.is_some() || self.identity_error.is_some()
    }

    /// The identity's public key, when one is set and it is not among the recipients: what
    /// is written now could not be read back with it.
    pub fn identity_not_a_recipient(&self) -> Option<String> {
        let public = self.identity.as_ref()?.to_public().to_string();
        (!self.recipients.is_empty() && !self.recipients.iter().any(|r| r.to_string() == public))
            .then_some(public)
    }
}

/// The error of a private group in a public repository with nowhere to seal to.
pub(crate) fn no_recipients(slug: &str) -> String {
    format!(
        "group `{slug}` is private and this repository is public, where everything committed \
         is public: its posts are not written in the clear. Either make the repository private \
         (GitHub Pages from a private repository needs a paid plan), or set `[privacy] \
         age_recipients` in site.toml to an age public key (`groupdigest keygen` makes a key \
         pair) so they are encrypted; see {DOCS}"
    )
}

/// The identity in `text`: a bare `AGE-SECRET-KEY-1...` or an identity file (`#` lines).
fn parse_identity(text: &str) -> Result<age::x25519::Identity> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    line.parse().map_err(|why: &str| {
        ConfigError::new(format!(
            "`{IDENTITY_ENV}` is not an age identity ({why}); it holds the secret key line \
             `AGE-SECRET-KEY-1...` that `groupdigest keygen` prints"
        ))
        .into()
    })
}

/// A new key pair: (the identity file's text, the public key).
pub fn keygen(now: crate::Now) -> (String, String) {
    use age::secrecy::ExposeSecret;
    let identity = age::x25519::Identity::generate();
    let public = identity.to_public().to_string();
    let text = format!(
        "# created: {}\n# public key: {public}\n{}\n",
        now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        identity.to_string().expose_secret()
    );
    (text, public)
}

/// Checks one `age_recipients` entry.
pub(crate) fn check_recipient(s: &str) -> Result<(), String> {
    s.trim()
        .parse::<age::x25519::Recipient>()
        .map(|_| ())
        .map_err(|why| {
            format!(
                "`{}` is not an age public key ({why}); give the `age1...` line `groupdigest keygen` prints",
                s.escape_debug()
            )
        })
}

#[cfg(test)]
pub(crate) fn for_tests(repo_public: bool, groups: &[GroupConfig], keys: bool) -> (Seal, String) {
    let (text, public) = keygen(chrono::Utc::now());
    let seal = Seal {
        repo_public,
        recipients: if keys {
            vec![public.parse().unwrap()]
        } else {
            Vec::new()
        },
        identity: keys.then(|| parse_identity(&text).unwrap()),
        identity_error: None,
        groups: groups.iter().map(|g| (g.slug.clone(), g.clone())).collect(),
    };
    (seal, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_text_opens_with_its_identity_only() {
        let (seal, _) = for_tests(true, &[], true);
        let sealed = seal.encrypt(b"secret post").unwrap();
        assert!(!sealed.windows(6).any(|w| w == b"secret"));
        let path = Path::new("data/g/2026-11-16.json.age");
        assert_eq!(seal.decrypt(path, &sealed).unwrap(), b"secret post");
        let (other, _) = for_tests(true, &[], true);
        let e = format!("{:#}", other.decrypt(path, &sealed).unwrap_err());
        assert!(e.contains("cannot be decrypted"), "{e}");
        let e = format!("{:#}", Seal::default().decrypt(path, &sealed).unwrap_err());
        assert!(
            e.contains(IDENTITY_ENV) && e.contains("2026-11-16.json.age"),
            "{e}"
        );
    }

    #[test]
    fn a_malformed_identity_fails_only_the_read_that_needs_it() {
        let (sealer, _) = for_tests(true, &[], true);
        let sealed = sealer.encrypt(b"post").unwrap();
        let seal = Seal {
            identity_error: Some(format!("`{IDENTITY_ENV}` is not an age identity")),
            ..Seal::default()
        };
        let e = format!(
            "{:#}",
            seal.decrypt(Path::new("w.json.age"), &sealed).unwrap_err()
        );
        assert!(
            e.contains("w.json.age") && e.contains("is not an age identity"),
            "{e}"
        );
    }

    #[test]
    fn an_identity_file_or_line_is_read_and_a_bad_one_is_named_not_shown() {
        let (text, public) = keygen(chrono::Utc::now());
        assert_eq!(
            parse_identity(&text).unwrap().to_public().to_string(),
            public
        );
        let line = text.lines().last().unwrap();
        assert!(parse_identity(line).is_ok());
        let Err(e) = parse_identity("AGE-SECRET-KEY-1NOTAKEY") else {
            panic!("a bad identity is refused");
        };
        let e = e.to_string();
        assert!(e.contains(IDENTITY_ENV) && !e.contains("NOTAKEY"), "{e}");
        assert!(check_recipient(&public).is_ok());
        assert!(check_recipient("age1nope")
            .unwrap_err()
            .contains("age1nope"));
    }
}
