//! Requests to addresses that people type in (webhook endpoints, a team's
//! identity provider): checked so that they cannot reach into the studio's
//! own network, and never redirected past the check.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

/// A client for requests to `url` alone: its host's addresses are looked
/// up once and checked (private ones refused unless `allow_private`), then
/// the connection goes to exactly those; no proxy, no redirects.
pub async fn client_for(
    url: &url::Url,
    allow_private: bool,
    connect_timeout: Duration,
    user_agent: &str,
) -> anyhow::Result<reqwest::Client> {
    let port = url.port_or_known_default().unwrap_or(443);
    let mut client = reqwest::Client::builder()
        // A proxy would look the name up again, past the check below.
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(connect_timeout)
        .user_agent(user_agent);
    if let Some(url::Host::Domain(host)) = url.host() {
        // Connect only to the addresses that were checked: no second
        // lookup that could answer differently.
        let addrs = resolve(host, port, allow_private).await?;
        client = client.resolve_to_addrs(host, &addrs);
    } else if let Some(ip) = literal_ip(url)
        && !allow_private
        && !is_public(ip)
    {
        anyhow::bail!("the endpoint is at a private address");
    }
    Ok(client.build()?)
}

fn literal_ip(url: &url::Url) -> Option<IpAddr> {
    match url.host()? {
        url::Host::Ipv4(v4) => Some(IpAddr::V4(v4)),
        url::Host::Ipv6(v6) => Some(IpAddr::V6(v6)),
        url::Host::Domain(_) => None,
    }
}

/// The host's addresses. Private, loopback and link-local addresses are
/// refused unless the server allows them (`webhook_allow_private`): an
/// address typed in must not become a way into the studio's own network. The error
/// names no address (teams read it in their delivery logs).
async fn resolve(host: &str, port: u16, allow_private: bool) -> anyhow::Result<Vec<SocketAddr>> {
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host, port)).await?.collect();
    if addrs.is_empty() {
        anyhow::bail!("{host} has no address");
    }
    if !allow_private && addrs.iter().any(|a| !is_public(a.ip())) {
        anyhow::bail!("{host} resolves to a private address");
    }
    Ok(addrs)
}

/// Reachable on the public internet: not private, loopback, link-local,
/// shared, reserved or documentation space, also when an IPv4 address hides
/// inside an IPv6 one (mapped, compatible, NAT64, 6to4).
fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || a >= 240
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0 && c == 0)
                || (a == 198 && (18..20).contains(&b)))
        }
        IpAddr::V6(v6) => {
            let seg = v6.segments();
            let embedded = |hi: u16, lo: u16| {
                let [a, b] = hi.to_be_bytes();
                let [c, d] = lo.to_be_bytes();
                IpAddr::V4(std::net::Ipv4Addr::new(a, b, c, d))
            };
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            // NAT64 (64:ff9b::/96, 64:ff9b:1::/48) and IPv4-compatible (::/96).
            if (seg[0] == 0x64 && seg[1] == 0xff9b) || seg[..6] == [0; 6] {
                return is_public(embedded(seg[6], seg[7]));
            }
            // 6to4 (2002::/16) carries its IPv4 address in the next 32 bits.
            if seg[0] == 0x2002 {
                return is_public(embedded(seg[1], seg[2]));
            }
            // Global unicast only (2000::/3), less documentation and Teredo.
            (seg[0] & 0xe000) == 0x2000
                && !(seg[0] == 0x2001 && seg[1] == 0x0db8)
                && !(seg[0] == 0x2001 && seg[1] == 0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_addresses_are_not_public() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "192.168.0.1",
            "169.254.169.254",
            "100.64.0.1",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::127.0.0.1",
            "64:ff9b::10.0.0.1",
            "2002:c0a8:0001::1",
            "2001:db8::1",
            "198.18.0.1",
            "240.0.0.1",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["93.184.216.34", "2606:2800:220:1::1", "64:ff9b::5db8:d822"] {
            assert!(is_public(ip.parse().unwrap()), "{ip}");
        }
    }
}
