//! Sends one webhook event to one endpoint: signed as API.md says, logged
//! for the team, retried after 1 min, 5 min, 15 min, 1 h and 6 h. Any 2xx
//! answer ends the retries; a deleted endpoint drops its pending events.

use super::{Job, JobContext, Outcome};
use crate::db::{self, webhooks::DeliveryRow};
use crate::queue::WebhookJob;
use crate::services::Services;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

/// The whole attempt (lookup, connection, answer) and its connection alone.
const TIMEOUT: Duration = Duration::from_secs(10);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// `v1=` and the hex HMAC-SHA256, keyed with the secret's UTF-8 bytes, of
/// `<timestamp>.<raw body>`.
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    format!("v1={}", hex::encode(mac.finalize().into_bytes()))
}

pub struct Webhook;

impl Job for Webhook {
    type Payload = WebhookJob;

    async fn run(svc: &Services, ctx: &JobContext, p: WebhookJob) -> anyhow::Result<Outcome> {
        deliver(svc, ctx, p).await
    }
}

async fn deliver(svc: &Services, ctx: &JobContext, p: WebhookJob) -> anyhow::Result<Outcome> {
    let Some(hook) = db::webhooks::get(&svc.db.pool, &p.webhook_id).await? else {
        return Ok(Outcome::Skipped("the endpoint was deleted"));
    };
    let timestamp = svc.now().as_second();
    let start = Instant::now();
    let outcome = send(svc, &hook.url, &p, timestamp).await;
    let (status_code, error) = match &outcome {
        Ok(status) => (Some(i64::from(*status)), None),
        Err(e) => (None, Some(format!("{e:#}"))),
    };
    db::webhooks::log_delivery(
        &svc.db.pool,
        &DeliveryRow {
            id: db::new_id(),
            webhook_id: hook.id.clone(),
            event_id: p.event_id.clone(),
            event_type: p.event_type.clone(),
            attempt: ctx.attempt,
            at: svc.now_ms(),
            status_code,
            error,
            duration_ms: i64::try_from(start.elapsed().as_millis()).unwrap_or(i64::MAX),
        },
    )
    .await?;
    let delivered = outcome
        .as_ref()
        .is_ok_and(|s| WebhookJob::answered_ok(i64::from(*s)));
    crate::telemetry::metrics().webhook(delivered);
    match outcome {
        Ok(_) if delivered => Ok(Outcome::Done),
        Ok(status) => anyhow::bail!("the endpoint answered {status}"),
        Err(e) => Err(e),
    }
}

async fn send(svc: &Services, url: &str, p: &WebhookJob, timestamp: i64) -> anyhow::Result<u16> {
    let url = url::Url::parse(url)?;
    let port = url.port_or_known_default().unwrap_or(443);
    let allow_private = svc.settings.webhook_allow_private;
    let secret = svc.webhook_secret(&p.webhook_id);
    // One deadline for the lookup, the connection and the answer.
    let attempt = async {
        let mut client = reqwest::Client::builder()
            // A proxy would look the name up again, past the check below.
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(CONNECT_TIMEOUT)
            .user_agent("Teamshot-Webhooks/1");
        if let Some(url::Host::Domain(host)) = url.host() {
            // Connect only to the addresses that were checked: no second
            // lookup that could answer differently.
            let addrs = resolve(host, port, allow_private).await?;
            client = client.resolve_to_addrs(host, &addrs);
        } else if let Some(ip) = literal_ip(&url)
            && !allow_private
            && !is_public(ip)
        {
            anyhow::bail!("the endpoint is at a private address");
        }
        let answer = client
            .build()?
            .post(url.clone())
            .header("content-type", "application/json")
            .header("X-Teamshot-Event", &p.event_type)
            .header("X-Teamshot-Delivery", &p.event_id)
            .header("X-Teamshot-Timestamp", timestamp.to_string())
            .header(
                "X-Teamshot-Signature",
                signature(&secret, timestamp, &p.body),
            )
            .body(p.body.clone())
            .send()
            .await
            // The address may hold a secret (chat webhooks do): keep it out
            // of the logs and the delivery log.
            .map_err(|e| anyhow::anyhow!("{}", e.without_url()))?;
        Ok(answer.status().as_u16())
    };
    tokio::time::timeout(TIMEOUT, attempt)
        .await
        .map_err(|_| anyhow::anyhow!("no answer within {} s", TIMEOUT.as_secs()))?
}

fn literal_ip(url: &url::Url) -> Option<IpAddr> {
    match url.host()? {
        url::Host::Ipv4(v4) => Some(IpAddr::V4(v4)),
        url::Host::Ipv6(v6) => Some(IpAddr::V6(v6)),
        url::Host::Domain(_) => None,
    }
}

/// The endpoint's addresses. Private, loopback and link-local addresses are
/// refused unless the server allows them (`webhook_allow_private`): a
/// webhook must not become a way into the studio's own network. The error
/// names no address (the team reads it in its delivery log).
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
    fn the_signature_follows_the_documented_recipe() {
        // Computed independently with Python's hmac module:
        // hmac.new(b"secret", b"1700000000.{}", hashlib.sha256).hexdigest()
        let sig = signature("secret", 1_700_000_000, "{}");
        assert_eq!(
            sig,
            "v1=b8569b78799ff9e3cbff0fc2d63a33a2b57f3282abd07c37ae5e8e7d79a5f163"
        );
        assert_ne!(sig, signature("secret", 1_700_000_001, "{}"));
        assert_ne!(sig, signature("other", 1_700_000_000, "{}"));
    }

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
