//! The client's address: the socket's peer, or, behind a configured trusted
//! proxy, the last `X-Forwarded-For` hop that is not one of those proxies.
//! Set around every request for the audit trail and per-address limits.

use crate::services::Services;
use crate::services::request_context;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};

/// The client address of a request from `peer` with these headers.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    // Each proxy appends the address it received from; read right to left
    // and stop at the first hop that is not ours (the left part is whatever
    // the client claimed, and may be forged).
    let hops: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|h| h.trim().parse().ok())
        .collect();
    hops.into_iter()
        .rev()
        .find(|ip| !trusted.contains(ip))
        .unwrap_or(peer)
}

pub async fn layer(State(svc): State<Services>, req: Request, next: Next) -> Response {
    let address = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(a)| client_ip(a.ip(), req.headers(), &svc.settings.trusted_proxies));
    request_context::scope(address.map(|a| a.to_string()), next.run(req)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    #[test]
    fn the_header_is_ignored_without_a_trusted_proxy() {
        let peer: IpAddr = "203.0.113.9".parse().unwrap();
        assert_eq!(client_ip(peer, &headers(&["198.51.100.1"]), &[]), peer);
    }

    #[test]
    fn behind_a_trusted_proxy_the_last_untrusted_hop_counts() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let trusted = [proxy, "10.0.0.3".parse().unwrap()];
        // The client forged the first entry; the proxies appended the rest.
        let h = headers(&["1.2.3.4, 198.51.100.7", "10.0.0.3"]);
        assert_eq!(client_ip(proxy, &h, &trusted).to_string(), "198.51.100.7");
        // No header: the proxy itself.
        assert_eq!(client_ip(proxy, &headers(&[]), &trusted), proxy);
        // Garbage is skipped.
        let h = headers(&["not-an-ip, 2001:db8::1"]);
        assert_eq!(client_ip(proxy, &h, &trusted).to_string(), "2001:db8::1");
    }
}
