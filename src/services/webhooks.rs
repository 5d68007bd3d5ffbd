//! Outgoing webhooks: a team's endpoints, the events they receive and the
//! log of every delivery attempt. An event is queued (one job per endpoint)
//! in the transaction of the change that causes it, so a rolled-back change
//! sends nothing and a committed one is never lost; `jobs::webhook` signs
//! and sends it, retrying on the schedule in API.md.

use super::principal::Principal;
use super::views::rfc3339;
use super::{Error, Result, Services};
use crate::db::{self, Tx, webhooks::WebhookRow};
use crate::domain::TeamId;
use crate::queue::{self, WebhookJob};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Every event type an endpoint can ask for.
pub const EVENT_TYPES: [&str; 4] = [
    "headshot.status_changed",
    "headshot.delivered",
    "headshot.approved",
    "credits.low",
];

/// `credits.low` fires when a team's available credits fall below this.
pub const LOW_CREDITS: i64 = 3;
/// Endpoints per team: enough for any integration, bounded for fan-out.
const MAX_ENDPOINTS: usize = 10;
/// Attempts shown in the delivery log.
const LOG_ROWS: i64 = 50;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewWebhook {
    /// Where deliveries are POSTed: an `https://` (or `http://`) URL.
    pub url: String,
    /// Event types, from `headshot.status_changed`, `headshot.delivered`,
    /// `headshot.approved`, `credits.low`.
    pub events: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Webhook {
    pub id: String,
    pub url: String,
    pub events: Vec<String>,
    /// The signing secret: HMAC-SHA256 key (its UTF-8 bytes) for
    /// `X-Teamshot-Signature`.
    pub secret: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WebhookDelivery {
    pub event_id: String,
    pub event_type: String,
    pub attempt: i64,
    pub at: String,
    /// The endpoint's HTTP status; absent when no answer came.
    pub status_code: Option<i64>,
    pub error: Option<String>,
    pub duration_ms: i64,
    pub ok: bool,
}

fn parse_url(text: &str) -> Result<url::Url> {
    let text = text.trim();
    let bad = || {
        Error::invalid(
            "url",
            "Give the full address of your endpoint, starting with https://, e.g. https://example.com/hooks/teamshot.",
        )
    };
    let url = url::Url::parse(text).map_err(|_| bad())?;
    if !matches!(url.scheme(), "https" | "http") || url.host_str().is_none() || text.len() > 2000 {
        return Err(bad());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::invalid(
            "url",
            "Leave credentials out of the address: check the X-Teamshot-Signature header instead.",
        ));
    }
    Ok(url)
}

fn parse_events(events: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for e in events {
        let e = e.trim();
        if !EVENT_TYPES.contains(&e) {
            return Err(Error::invalid(
                "events",
                format!(
                    "\"{e}\" is not an event type; use {}.",
                    EVENT_TYPES.join(", ")
                ),
            ));
        }
        if !out.iter().any(|o| o == e) {
            out.push(e.to_string());
        }
    }
    if out.is_empty() {
        return Err(Error::invalid(
            "events",
            format!("Choose at least one event: {}.", EVENT_TYPES.join(", ")),
        ));
    }
    Ok(out)
}

impl Services {
    /// The endpoint's signing secret (256 bits), derived from the server key
    /// so it can be shown again without being stored.
    pub(crate) fn webhook_secret(&self, webhook_id: &str) -> String {
        self.keys.derive("webhook-secret", &[webhook_id])
    }

    fn webhook_view(&self, w: &WebhookRow) -> Webhook {
        Webhook {
            secret: self.webhook_secret(&w.id),
            id: w.id.clone(),
            url: w.url.clone(),
            events: w
                .events
                .split(',')
                .filter(|e| !e.is_empty())
                .map(str::to_string)
                .collect(),
            created_at: rfc3339(w.created_at),
        }
    }

    pub async fn create_webhook(&self, p: &Principal, input: &NewWebhook) -> Result<Webhook> {
        let team_id = p.accountable_leader_team("webhooks")?;
        let url = parse_url(&input.url)?;
        let events = parse_events(&input.events)?;
        if db::webhooks::for_team(&self.db.pool, team_id).await?.len() >= MAX_ENDPOINTS {
            return Err(Error::invalid(
                "url",
                format!("A team has at most {MAX_ENDPOINTS} endpoints: delete one first."),
            ));
        }
        let row = WebhookRow {
            id: db::new_id(),
            team_id: team_id.to_string(),
            url: url.to_string(),
            events: format!(",{},", events.join(",")),
            created_at: self.now_ms(),
            created_by: p.audit_name(),
        };
        db::webhooks::insert(&self.db.pool, &row).await?;
        tracing::info!(team.id = %team_id, webhook.id = %row.id, "webhook endpoint added");
        Ok(self.webhook_view(&row))
    }

    pub async fn webhooks(&self, p: &Principal) -> Result<Vec<Webhook>> {
        let team_id = p.accountable_leader_team("webhooks")?;
        let rows = db::webhooks::for_team(&self.db.pool, team_id).await?;
        Ok(rows.iter().map(|w| self.webhook_view(w)).collect())
    }

    pub async fn delete_webhook(&self, p: &Principal, id: &str) -> Result<()> {
        let team_id = p.accountable_leader_team("webhooks")?;
        if !db::webhooks::delete(&self.db.pool, team_id, id, self.now_ms()).await? {
            return Err(Error::NotFound("webhook"));
        }
        Ok(())
    }

    /// The endpoint's newest delivery attempts, newest first.
    pub async fn webhook_deliveries(
        &self,
        p: &Principal,
        id: &str,
    ) -> Result<Vec<WebhookDelivery>> {
        let team_id = p.accountable_leader_team("webhooks")?;
        match db::webhooks::get(&self.db.pool, id).await? {
            Some(w) if w.team_id == team_id => {}
            _ => return Err(Error::NotFound("webhook")),
        }
        let rows = db::webhooks::deliveries(&self.db.pool, id, LOG_ROWS).await?;
        Ok(rows
            .into_iter()
            .map(|d| WebhookDelivery {
                ok: d.status_code.is_some_and(WebhookJob::answered_ok),
                event_id: d.event_id,
                event_type: d.event_type,
                attempt: d.attempt,
                at: rfc3339(d.at),
                status_code: d.status_code,
                error: d.error,
                duration_ms: d.duration_ms,
            })
            .collect())
    }

    /// Queues `event_type` for every endpoint of the team that asked for it,
    /// inside `tx`. One event id for all of them (`X-Teamshot-Delivery`).
    pub(crate) async fn emit(
        &self,
        tx: &mut Tx,
        team_id: &str,
        event_type: &str,
        data: serde_json::Value,
        now: i64,
    ) -> Result<()> {
        let hooks = db::webhooks::subscribed(&mut **tx, team_id, event_type).await?;
        if hooks.is_empty() {
            return Ok(());
        }
        let event_id = db::new_id();
        let body = serde_json::json!({
            "id": event_id,
            "type": event_type,
            "created_at": rfc3339(now),
            "data": data,
        })
        .to_string();
        for hook in hooks {
            let payload = WebhookJob {
                webhook_id: hook.id,
                event_id: event_id.clone(),
                event_type: event_type.to_string(),
                body: body.clone(),
            };
            queue::enqueue(tx, &payload, now).await?;
        }
        Ok(())
    }

    /// After `n` credits were taken inside `tx`: `credits.low` when the
    /// balance just fell below [`LOW_CREDITS`] (once per crossing).
    pub(crate) async fn credits_taken(
        &self,
        tx: &mut Tx,
        team_id: &str,
        n: i64,
        now: i64,
    ) -> Result<()> {
        let Some(team) = db::teams::get(&mut **tx, &TeamId::of(team_id)).await? else {
            return Ok(());
        };
        let after = team.credits_available;
        if after < LOW_CREDITS && after + n >= LOW_CREDITS {
            let data = serde_json::json!({
                "team_id": team_id,
                "credits_available": after,
                "credits_used": team.credits_used,
            });
            self.emit(tx, team_id, "credits.low", data, now).await?;
            let notice = crate::queue::Notice::CreditsLow;
            self.queue_notice(tx, &team.id, notice, now).await?;
        }
        Ok(())
    }
}

/// What a headshot event says about the headshot.
pub(crate) fn headshot_data(
    h: &db::headshots::HeadshotRow,
    status: crate::domain::HeadshotStatus,
) -> serde_json::Value {
    serde_json::json!({
        "id": h.id,
        "first_name": h.first_name,
        "last_name": h.last_name,
        "email": h.email,
        "status": status,
        "intake": super::intake::answers_of(h),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_need_a_plain_http_address_and_known_events() {
        assert!(parse_url("https://example.com/hooks").is_ok());
        assert!(parse_url("ftp://example.com/").is_err());
        assert!(parse_url("example.com/hooks").is_err());
        assert!(parse_url("https://user:pw@example.com/").is_err());
        assert_eq!(
            parse_events(&["credits.low".into(), "credits.low".into()]).unwrap(),
            ["credits.low"]
        );
        assert!(parse_events(&[]).is_err());
        assert!(parse_events(&["headshot.nope".into()]).is_err());
    }
}
