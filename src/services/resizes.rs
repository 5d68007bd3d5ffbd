//! Resize requests: the leader picks approved members and a size and format;
//! the files are rendered by a job once the fee (per file) is paid.

use super::billing::{Item, Payment};
use super::{Error, Principal, Result, Services};
use crate::db::{self, Tx, new_id, resizes::ResizeRow};
use crate::domain::TeamId;
use crate::domain::{FieldError, HeadshotStatus};
use crate::queue::{self, ResizeJob};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const MIN_SIDE: i64 = 100;
pub const MAX_SIDE: i64 = 6000;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewResize {
    pub headshot_ids: Vec<String>,
    pub width: i64,
    pub height: i64,
    /// `jpeg` or `png`.
    pub format: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Resize {
    pub id: String,
    pub headshot_ids: Vec<String>,
    pub width: i64,
    pub height: i64,
    pub format: String,
    /// Files made (one per headshot).
    pub files: i64,
    /// `awaiting_payment`, `rendering` or `done`.
    pub status: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ResizeOrder {
    pub resize: Resize,
    pub payment: Payment,
}

fn view(r: &ResizeRow) -> Resize {
    Resize {
        id: r.id.clone(),
        headshot_ids: serde_json::from_str(&r.headshot_ids).unwrap_or_default(),
        width: r.width,
        height: r.height,
        format: r.format.clone(),
        files: r.files,
        status: r.status.clone(),
        created_at: super::views::rfc3339(r.created_at),
    }
}

impl Services {
    pub async fn request_resize(&self, p: &Principal, input: NewResize) -> Result<ResizeOrder> {
        let team_id = p.leader_team()?.to_string();
        let mut errors = Vec::new();
        let mut ids = input.headshot_ids.clone();
        ids.sort();
        ids.dedup();
        if ids.is_empty() {
            errors.push(FieldError::new(
                "headshot_ids",
                "Choose at least one team member.",
            ));
        }
        for (field, v) in [("width", input.width), ("height", input.height)] {
            if !(MIN_SIDE..=MAX_SIDE).contains(&v) {
                errors.push(FieldError::new(
                    field,
                    format!("The {field} is {MIN_SIDE} to {MAX_SIDE} pixels."),
                ));
            }
        }
        if !matches!(input.format.as_str(), "jpeg" | "png") {
            errors.push(FieldError::new("format", "Choose jpeg or png."));
        }
        for id in &ids {
            match self.load_visible(p, id).await {
                Ok((h, _)) if h.status == HeadshotStatus::Approved => {}
                Ok((h, _)) => errors.push(FieldError::new(
                    "headshot_ids",
                    format!(
                        "{} {}'s headshot is not approved yet; resizes are made from approved headshots.",
                        h.first_name, h.last_name
                    ),
                )),
                Err(_) => errors.push(FieldError::new(
                    "headshot_ids",
                    format!("No headshot {id} in this team."),
                )),
            }
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let team = db::teams::get(&self.db.pool, &TeamId::of(&team_id))
            .await?
            .ok_or(Error::NotFound("team"))?;
        let now = self.now_ms();
        let files = ids.len() as i64;
        let row = ResizeRow {
            id: new_id(),
            team_id,
            headshot_ids: serde_json::to_string(&ids).map_err(anyhow::Error::from)?,
            width: input.width,
            height: input.height,
            format: input.format,
            files,
            status: "awaiting_payment".into(),
            payment_id: None,
            requested_by: p.audit_name(),
            created_at: now,
            updated_at: now,
        };
        db::resizes::insert(&self.db.pool, &row).await?;
        let fee = self.studio_settings().await?.fees.resize_per_file;
        let item = Item::Resize {
            request_id: row.id.clone(),
            files,
            fee_cents: fee,
        };
        let payment = match self.checkout(p, &team, item, fee * files).await {
            Ok(payment) => payment,
            Err(e) => {
                db::resizes::set_status(
                    &self.db.pool,
                    &row.id,
                    "awaiting_payment",
                    "cancelled",
                    now,
                )
                .await?;
                return Err(e);
            }
        };
        db::resizes::set_payment(&self.db.pool, &row.id, &payment.id).await?;
        self.jobs_ready.notify_waiters();
        let row = db::resizes::get(&self.db.pool, &row.id)
            .await?
            .ok_or(Error::NotFound("resize"))?;
        Ok(ResizeOrder {
            resize: view(&row),
            payment,
        })
    }

    /// Inside the payment's grant: the files are rendered by a job.
    pub(crate) async fn grant_resize(&self, tx: &mut Tx, request_id: &str, now: i64) -> Result<()> {
        if db::resizes::set_status(&mut **tx, request_id, "awaiting_payment", "rendering", now)
            .await?
            || db::resizes::set_status(&mut **tx, request_id, "cancelled", "rendering", now).await?
        {
            queue::enqueue(
                tx,
                &ResizeJob {
                    request_id: request_id.into(),
                },
                now,
            )
            .await?;
        }
        Ok(())
    }

    pub async fn resizes(&self, p: &Principal) -> Result<Vec<Resize>> {
        let team_id = p.leader_team()?;
        Ok(db::resizes::for_team(&self.db.pool, team_id)
            .await?
            .iter()
            .map(view)
            .collect())
    }
}
