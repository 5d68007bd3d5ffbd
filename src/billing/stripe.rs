//! Stripe Checkout: creating sessions and verifying webhook signatures.
//! The API base URL is a setting, so tests run against a local server.

use anyhow::Context;
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;
use url::Url;

/// How old a signed webhook may be (Stripe's default tolerance).
pub const TOLERANCE_SECS: i64 = 300;

#[derive(Clone)]
pub struct StripeClient {
    base: Url,
    secret_key: SecretString,
    http: reqwest::Client,
}

pub struct Session {
    pub id: String,
    pub url: String,
}

pub struct NewSession<'a> {
    pub payment_id: &'a str,
    pub amount_cents: i64,
    /// ISO 4217 as Stripe writes it: `usd`, `eur`.
    pub currency: &'a str,
    pub description: &'a str,
    pub success_url: &'a str,
    pub cancel_url: &'a str,
}

impl StripeClient {
    pub fn new(base: Url, secret_key: SecretString) -> Self {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .expect("a TLS client builds");
        Self {
            base,
            secret_key,
            http,
        }
    }

    pub async fn create_session(&self, s: &NewSession<'_>) -> anyhow::Result<Session> {
        let url = self.base.join("v1/checkout/sessions")?;
        let amount = s.amount_cents.to_string();
        let form = [
            ("mode", "payment"),
            ("success_url", s.success_url),
            ("cancel_url", s.cancel_url),
            ("client_reference_id", s.payment_id),
            ("metadata[payment_id]", s.payment_id),
            ("line_items[0][quantity]", "1"),
            ("line_items[0][price_data][currency]", s.currency),
            ("line_items[0][price_data][unit_amount]", &amount),
            (
                "line_items[0][price_data][product_data][name]",
                s.description,
            ),
        ];
        let res = self
            .http
            .post(url)
            .bearer_auth(self.secret_key.expose_secret())
            // One session per payment even if this request is retried.
            .header("Idempotency-Key", s.payment_id)
            .form(&form)
            .send()
            .await
            .context("Stripe could not be reached")?;
        let status = res.status();
        let body: serde_json::Value = res
            .json()
            .await
            .context("Stripe answered with something other than JSON")?;
        if !status.is_success() {
            anyhow::bail!(
                "Stripe refused the checkout session ({status}): {}",
                body["error"]["message"]
            );
        }
        Ok(Session {
            id: body["id"]
                .as_str()
                .context("Stripe's answer has no session id")?
                .to_string(),
            url: body["url"]
                .as_str()
                .context("Stripe's answer has no checkout URL")?
                .to_string(),
        })
    }
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the Stripe-Signature header is missing or malformed")]
    Malformed,
    #[error("the webhook's timestamp is outside the five-minute tolerance")]
    Stale,
    #[error("no signature matches")]
    Mismatch,
}

/// Checks `Stripe-Signature: t=…,v1=…[,v1=…]`: HMAC-SHA256 with the
/// endpoint secret over `t.payload`, within the tolerance of `now`.
pub fn verify_signature(
    header: &str,
    payload: &[u8],
    secret: &str,
    now: i64,
) -> Result<(), SignatureError> {
    let mut t = None;
    let mut sigs = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => t = v.parse::<i64>().ok(),
            Some(("v1", v)) => sigs.push(hex::decode(v).map_err(|_| SignatureError::Malformed)?),
            _ => {}
        }
    }
    let t = t.ok_or(SignatureError::Malformed)?;
    if sigs.is_empty() {
        return Err(SignatureError::Malformed);
    }
    if (now - t).abs() > TOLERANCE_SECS {
        return Err(SignatureError::Stale);
    }
    for sig in sigs {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
        mac.update(t.to_string().as_bytes());
        mac.update(b".");
        mac.update(payload);
        if mac.verify_slice(&sig).is_ok() {
            return Ok(());
        }
    }
    Err(SignatureError::Mismatch)
}

/// The header a sender computes (used by tests' fake Stripe).
pub fn sign(payload: &[u8], secret: &str, t: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(t.to_string().as_bytes());
    mac.update(b".");
    mac.update(payload);
    format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_verify_within_tolerance_only() {
        let body = br#"{"id":"evt_1"}"#;
        let h = sign(body, "whsec_x", 1000);
        assert_eq!(verify_signature(&h, body, "whsec_x", 1000), Ok(()));
        assert_eq!(verify_signature(&h, body, "whsec_x", 1300), Ok(()));
        assert_eq!(
            verify_signature(&h, body, "whsec_x", 1301),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify_signature(&h, body, "whsec_y", 1000),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_signature(&h, b"{}", "whsec_x", 1000),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_signature("v1=00", body, "whsec_x", 1000),
            Err(SignatureError::Malformed)
        );
        assert_eq!(
            verify_signature("t=1000", body, "whsec_x", 1000),
            Err(SignatureError::Malformed)
        );
        // A rolled secret: one of several v1 signatures may match.
        let two = format!("{h},v1={}", "ab".repeat(32));
        assert_eq!(verify_signature(&two, body, "whsec_x", 1000), Ok(()));
    }
}
