//! `[media]`: copying post pictures into the archive while their URLs are fresh (Facebook's
//! CDN signs picture URLs for a few weeks only), and the limits every download obeys.

use serde::{Deserialize, Deserializer, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct MediaConfig {
    /// Copy the pictures of shown posts into `data/<slug>/media/` during `fetch`.
    /// Default: true.
    pub download: bool,
    /// The only hosts pictures are fetched from; a host name matches itself and its
    /// subdomains, over https on the default port, and resolves to public addresses only;
    /// an IP address matches only itself, and is fetched from over http(s) on any port
    /// (tests, a mirror). Every redirect is checked again. Default: ["fbcdn.net"].
    #[serde(deserialize_with = "hosts")]
    pub hosts: Vec<String>,
    /// Pictures wider than this are scaled down, in pixels (16 to 4096). Default: 640.
    #[serde(deserialize_with = "max_width")]
    pub max_width: u32,
    /// A download larger than this many bytes is abandoned (1024 to 16777216, 16 MiB: the
    /// pictures' memory bound counts on it). Default: 8388608 (8 MiB).
    #[serde(deserialize_with = "max_bytes")]
    pub max_bytes: u64,
    /// Seconds one picture's download may take, at least 1. Default: 20.
    #[serde(deserialize_with = "timeout_secs")]
    pub timeout_secs: u64,
    /// Seconds all of a run's pictures may take together, 1 to 3600; the pictures not
    /// done by then are tried on the next run. Default: 120.
    #[serde(deserialize_with = "timeout_secs")]
    pub budget_secs: u64,
}

impl Default for MediaConfig {
    fn default() -> Self {
        Self {
            download: true,
            hosts: vec!["fbcdn.net".into()],
            max_width: 640,
            max_bytes: 8 * 1024 * 1024,
            timeout_secs: 20,
            budget_secs: 120,
        }
    }
}

impl MediaConfig {
    /// Whether `host` is one of `hosts` or a subdomain of one (`scontent.xx.fbcdn.net`
    /// matches `fbcdn.net`; `evilfbcdn.net` does not).
    pub fn allows_host(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        if host.parse::<std::net::IpAddr>().is_ok() {
            return false; // an address matches only itself: `names_ip`
        }
        self.hosts.iter().any(|h| {
            host == *h
                || host
                    .strip_suffix(h.as_str())
                    .is_some_and(|rest| rest.ends_with('.'))
        })
    }
}

impl MediaConfig {
    /// Whether `hosts` names the IP address `ip` itself (`"127.0.0.1"`, `"::1"`).
    pub fn names_ip(&self, ip: std::net::IpAddr) -> bool {
        self.hosts.iter().any(|h| {
            h.parse::<std::net::IpAddr>()
                .is_ok_and(|listed| listed == ip)
        })
    }
}

/// Host names, lower-cased: no scheme, path, port or wildcard.
fn hosts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let list = Vec::<String>::deserialize(d)?;
    list.into_iter()
        .map(|h| {
            let bare = h.trim().trim_start_matches('[').trim_end_matches(']');
            if let Ok(ip) = bare.parse::<std::net::IpAddr>() {
                return Ok(ip.to_string());
            }
            let host = h.trim().trim_end_matches('.').to_ascii_lowercase();
            let ok = !host.is_empty()
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
                && !host.starts_with('.');
            if ok {
                Ok(host)
            } else {
                Err(serde::de::Error::custom(format!(
                    "`{h}` is not a host name; write one like \"fbcdn.net\" (no scheme, path, \
                     port or `*`: subdomains match already)"
                )))
            }
        })
        .collect()
}

fn in_range<'de, D: Deserializer<'de>>(
    d: D,
    range: std::ops::RangeInclusive<u64>,
    what: &str,
) -> Result<u64, D::Error> {
    let n = i64::deserialize(d)?;
    match u64::try_from(n) {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(serde::de::Error::custom(format!(
            "{n} is out of range; {what}"
        ))),
    }
}

fn max_width<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    in_range(d, 16..=4096, "it must be 16 to 4096 pixels").map(|n| n as u32)
}

/// The largest `max_bytes`: Facebook's pictures are well under 2 MB, and 4 downloads of
/// this size are part of the pictures' memory bound (`media`).
const MAX_BYTES_LIMIT: u64 = 16 * 1024 * 1024;

fn max_bytes<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    in_range(
        d,
        1024..=MAX_BYTES_LIMIT,
        "it must be 1024 to 16777216 bytes (16 MiB)",
    )
}

fn timeout_secs<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    in_range(d, 1..=3600, "it must be 1 to 3600 seconds")
}
