//! Sends one webhook event to one endpoint: signed as API.md says, logged
//! for the team, retried after 1 min, 5 min, 15 min, 1 h and 6 h. Any 2xx
//! answer ends the retries; a deleted endpoint drops its pending events.

use super::{Job, JobContext, Outcome};
use crate::db::{self, webhooks::DeliveryRow};
use crate::queue::WebhookJob;
use crate::services::Services;
use hmac::{Hmac, Mac};
use sha2::Sha256;
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
    let allow_private = svc.settings.webhook_allow_private;
    let secret = svc.webhook_secret(&p.webhook_id);
    // One deadline for the lookup, the connection and the answer.
    let attempt = async {
        let client = crate::outbound::client_for(
            &url,
            allow_private,
            CONNECT_TIMEOUT,
            "Teamshot-Webhooks/1",
        )
        .await?;
        let answer = client
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
}
