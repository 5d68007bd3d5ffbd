//! Custom backgrounds: the team asks (notes, reference pictures) and pays the
//! flat fee through the checkout; once paid, the request reaches the success
//! team's inbox; success staff attach mock-ups (the team is emailed); the team
//! approves one, which becomes a team background and the team's new default
//! style (its current default with that background).

use super::billing::{Item, Payment};
use super::{Error, Principal, Result, Services};
use crate::db::{
    self, Tx,
    custom_backgrounds::{FileRow, RequestRow},
    new_id,
};
use crate::domain::TeamId;
use crate::domain::{CustomBackgroundStatus as Status, FieldError, StaffRole};
use crate::storage::StorageKey;
use bytes::Bytes;
use serde::Serialize;
use utoipa::ToSchema;

pub const MAX_REFERENCES: usize = 5;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CustomBackground {
    pub id: String,
    pub team_id: String,
    pub team_name: String,
    pub notes: String,
    pub status: Status,
    pub requested_by: String,
    pub references: Vec<CustomBackgroundFile>,
    pub mockups: Vec<CustomBackgroundFile>,
    /// The team background made from the approved mock-up.
    pub background_id: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CustomBackgroundFile {
    pub id: String,
    pub note: Option<String>,
    /// A signed link, valid for about two hours.
    pub url: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CustomBackgroundOrder {
    pub request: CustomBackground,
    pub payment: Payment,
}

impl Services {
    /// The team asks for a custom background and pays the flat fee.
    pub async fn request_custom_background(
        &self,
        p: &Principal,
        notes: &str,
        references: Vec<tempfile::TempPath>,
    ) -> Result<CustomBackgroundOrder> {
        let team_id = p.leader_team()?.to_string();
        let notes = notes.trim().to_string();
        let mut errors = Vec::new();
        if notes.is_empty() || notes.chars().count() > 5000 {
            errors.push(FieldError::new(
                "notes",
                "Describe the background you want (colours, setting, mood; up to 5000 characters).",
            ));
        }
        if references.len() > MAX_REFERENCES {
            errors.push(FieldError::new(
                "references",
                format!("Attach at most {MAX_REFERENCES} reference pictures."),
            ));
        }
        // One reference in memory at a time (the others wait on disk): each
        // is checked, made anew from its pixels and stored before the next
        // is read. Removed again if anything fails.
        let request_id = new_id();
        let now = self.now_ms();
        let mut written = Vec::new();
        let mut files = Vec::new();
        let mut failed = None;
        for path in &references {
            let data = match tokio::fs::read(path).await {
                Ok(d) => Bytes::from(d),
                Err(e) => {
                    failed = Some(Error::Internal(e.into()));
                    break;
                }
            };
            match self.check_picture("references", &data, 1).await {
                Ok(super::pictures::Picture { data, mime }) if errors.is_empty() => {
                    let file_id = new_id();
                    let key = StorageKey::CustomBackground {
                        team_id: TeamId::of(&team_id),
                        request_id: request_id.clone(),
                        file_id: file_id.clone(),
                    };
                    if let Err(e) = self.storage.put(&key, data).await {
                        failed = Some(e.into());
                        break;
                    }
                    written.push(key.clone());
                    files.push(FileRow {
                        id: file_id,
                        request_id: request_id.clone(),
                        kind: "reference".into(),
                        storage_key: key.path(),
                        content_type: mime.into(),
                        note: None,
                        created_at: now,
                    });
                }
                Ok(_) => {}
                Err(Error::Invalid(e)) => errors.extend(e),
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        drop(references);
        let stored = async {
            if let Some(e) = failed {
                return Err(e);
            }
            if !errors.is_empty() {
                return Err(Error::Invalid(errors));
            }
            let team = db::teams::get(&self.db.pool, &TeamId::of(&team_id))
                .await?
                .ok_or(Error::NotFound("team"))?;
            let row = RequestRow {
                id: request_id.clone(),
                team_id: team_id.clone(),
                notes,
                status: Status::AwaitingPayment,
                payment_id: None,
                support_request_id: None,
                requested_by: p.audit_name(),
                reply_to: self.leader_email(p).await?,
                background_id: None,
                created_at: now,
                updated_at: now,
            };
            let mut tx = self.db.begin().await?;
            db::custom_backgrounds::insert(&mut *tx, &row).await?;
            for f in &files {
                db::custom_backgrounds::insert_file(&mut *tx, f).await?;
            }
            tx.commit().await.map_err(anyhow::Error::from)?;
            Ok::<_, Error>((team, row))
        }
        .await;
        let (team, row) = match stored {
            Ok(x) => x,
            Err(e) => {
                for key in &written {
                    self.storage.delete(key).await;
                }
                return Err(e);
            }
        };
        let fee = self.studio_settings().await?.fees.custom_background;
        let item = Item::CustomBackground {
            request_id: row.id.clone(),
            fee_cents: fee,
        };
        let payment = match self.checkout(p, &team, item, fee).await {
            Ok(payment) => payment,
            Err(e) => {
                // Nothing was charged: the request is withdrawn.
                db::custom_backgrounds::set_status(
                    &self.db.pool,
                    &row.id,
                    &[Status::AwaitingPayment],
                    Status::Cancelled,
                    now,
                )
                .await?;
                return Err(e);
            }
        };
        db::custom_backgrounds::set_payment(&self.db.pool, &row.id, &payment.id).await?;
        Ok(CustomBackgroundOrder {
            request: self.custom_background(p, &row.id).await?,
            payment,
        })
    }

    /// Inside the payment's grant: the studio starts designing; the request
    /// lands in the support inbox and the success manager is emailed.
    pub(crate) async fn grant_custom_background(
        &self,
        tx: &mut Tx,
        request_id: &str,
        now: i64,
    ) -> Result<()> {
        let Some(r) = db::custom_backgrounds::get(&mut **tx, request_id).await? else {
            return Ok(());
        };
        if !db::custom_backgrounds::set_status(
            &mut **tx,
            &r.id,
            &[Status::AwaitingPayment, Status::Cancelled],
            Status::InDesign,
            now,
        )
        .await?
        {
            return Ok(());
        }
        let support = db::support::SupportRow {
            id: new_id(),
            team_id: r.team_id.clone(),
            kind: "custom_background".into(),
            headshot_ids: "[]".into(),
            message: format!(
                "Custom background (paid): {}\n\nAttach mock-ups at /studio/custom-backgrounds",
                r.notes
            ),
            status: "open".into(),
            actor: r.requested_by.clone(),
            created_at: now,
            reply_to: r.reply_to.clone(),
        };
        db::support::insert(&mut **tx, &support).await?;
        db::custom_backgrounds::set_support_request(&mut **tx, &r.id, &support.id).await?;
        crate::queue::enqueue(
            tx,
            &crate::queue::SupportMail {
                request_id: support.id,
                reply_id: None,
            },
            now,
        )
        .await?;
        Ok(())
    }

    /// One request, for its team or the success staff.
    pub async fn custom_background(&self, p: &Principal, id: &str) -> Result<CustomBackground> {
        let r = db::custom_backgrounds::get(&self.db.pool, id)
            .await?
            .ok_or(Error::NotFound("custom background request"))?;
        match p {
            Principal::Staff { .. } => {
                p.require_staff(StaffRole::Success)?;
            }
            _ if p.leader_team()? == r.team_id => {}
            _ => return Err(Error::NotFound("custom background request")),
        }
        self.custom_background_view(r).await
    }

    pub async fn team_custom_backgrounds(&self, p: &Principal) -> Result<Vec<CustomBackground>> {
        let team_id = p.leader_team()?;
        let mut out = Vec::new();
        for r in db::custom_backgrounds::for_team(&self.db.pool, team_id).await? {
            out.push(self.custom_background_view(r).await?);
        }
        Ok(out)
    }

    /// Paid requests being designed or waiting on the team (success staff).
    pub async fn studio_custom_backgrounds(&self, p: &Principal) -> Result<Vec<CustomBackground>> {
        p.require_staff(StaffRole::Success)?;
        let mut out = Vec::new();
        for r in db::custom_backgrounds::open(&self.db.pool).await? {
            out.push(self.custom_background_view(r).await?);
        }
        Ok(out)
    }

    async fn custom_background_view(&self, r: RequestRow) -> Result<CustomBackground> {
        let team_name = db::teams::get(&self.db.pool, &TeamId::of(&r.team_id))
            .await?
            .map(|t| t.name)
            .unwrap_or_default();
        let (mut references, mut mockups) = (Vec::new(), Vec::new());
        for f in db::custom_backgrounds::files_of(&self.db.pool, &r.id).await? {
            let view = CustomBackgroundFile {
                url: self.hourly_link(
                    "custom-background-file",
                    &f.id,
                    &format!("/custom-backgrounds/files/{}", f.id),
                ),
                id: f.id,
                note: f.note,
            };
            if f.kind == "mockup" {
                mockups.push(view);
            } else {
                references.push(view);
            }
        }
        Ok(CustomBackground {
            id: r.id,
            team_id: r.team_id,
            team_name,
            notes: r.notes,
            status: r.status,
            requested_by: r.requested_by,
            references,
            mockups,
            background_id: r.background_id,
            created_at: super::views::rfc3339(r.created_at),
        })
    }

    /// A picture of a request behind a signed link.
    pub async fn custom_background_file(
        &self,
        id: &str,
        exp: i64,
        sig: &str,
    ) -> Result<(String, Bytes)> {
        if !self.link_is_valid("custom-background-file", id, exp, sig) {
            return Err(Error::NotFound("picture"));
        }
        let f = db::custom_backgrounds::file(&self.db.pool, id)
            .await?
            .ok_or(Error::NotFound("picture"))?;
        Ok((f.content_type, self.storage.get(&f.storage_key).await?))
    }
}
