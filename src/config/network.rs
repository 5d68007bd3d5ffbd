//! Settings of the network side: trusted proxies, where `/metrics` is
//! served and its token, and the connection timeouts.

use anyhow::bail;
use secrecy::SecretString;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

/// `127.0.0.1,::1` → the addresses; every entry must be an IP address.
pub(super) fn trusted_proxies(text: Option<String>) -> anyhow::Result<Vec<IpAddr>> {
    let Some(text) = text else {
        return Ok(Vec::new());
    };
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.parse().map_err(|_| {
                anyhow::anyhow!("trusted_proxies: \"{t}\" is not an IP address: list the proxies' addresses, e.g. 127.0.0.1,::1 (--trusted-proxies / TEAMSHOT_TRUSTED_PROXIES)")
            })
        })
        .collect()
}

pub(super) fn metrics_listen(text: Option<String>) -> anyhow::Result<Option<SocketAddr>> {
    text.map(|t| {
        t.parse::<SocketAddr>().map_err(|_| {
            anyhow::anyhow!("metrics_listen = \"{t}\" is not a socket address: use the form 127.0.0.1:9187 (--metrics-listen / TEAMSHOT_METRICS_LISTEN)")
        })
    })
    .transpose()
}

/// At least 32 characters: a token short enough to guess protects nothing.
pub(super) fn metrics_token(text: Option<String>) -> anyhow::Result<Option<SecretString>> {
    let Some(t) = text.filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if t.chars().count() < 32 {
        bail!(
            "metrics_token is too short to be secret: use at least 32 characters, e.g. from `openssl rand -hex 32` (--metrics-token / TEAMSHOT_METRICS_TOKEN)"
        );
    }
    Ok(Some(SecretString::from(t)))
}

/// A timeout in whole seconds, 1 to 3600.
pub(super) fn seconds(value: Option<u64>, default: u64) -> Duration {
    Duration::from_secs(value.unwrap_or(default).clamp(1, 3600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_values_are_named_with_the_setting() {
        let e = trusted_proxies(Some("127.0.0.1, proxy.local".into())).unwrap_err();
        assert!(
            e.to_string()
                .contains("\"proxy.local\" is not an IP address"),
            "{e}"
        );
        assert_eq!(
            trusted_proxies(Some(" 10.0.0.1 ,::1".into()))
                .unwrap()
                .len(),
            2
        );
        assert!(
            metrics_listen(Some("localhost".into()))
                .unwrap_err()
                .to_string()
                .contains("TEAMSHOT_METRICS_LISTEN")
        );
        assert!(
            metrics_token(Some("short".into()))
                .unwrap_err()
                .to_string()
                .contains("32 characters")
        );
        assert!(metrics_token(Some(String::new())).unwrap().is_none());
        assert_eq!(seconds(Some(0), 10), Duration::from_secs(1));
        assert_eq!(seconds(None, 10), Duration::from_secs(10));
    }
}
