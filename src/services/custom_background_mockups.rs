//! The studio's side of custom backgrounds: success staff attach mock-ups
//! (the team is emailed through its help request), and the team approves
//! one, which becomes a team background and the new default style.

use super::custom_backgrounds::CustomBackground;
use super::{Error, Principal, Result, Services};
use crate::db::{
    self,
    custom_backgrounds::FileRow,
    new_id,
    styles::{BackgroundRow, StyleRow},
};
use crate::domain::TeamId;
use crate::domain::style::StyleSpec;
use crate::domain::{CustomBackgroundStatus as Status, StaffRole};
use crate::storage::StorageKey;
use bytes::Bytes;

impl Services {
    /// Success staff attach a mock-up; the team is emailed that it can choose.
    pub async fn add_mockup(
        &self,
        p: &Principal,
        request_id: &str,
        data: Bytes,
        note: Option<&str>,
    ) -> Result<CustomBackground> {
        p.require_staff(StaffRole::Success)?;
        let r = db::custom_backgrounds::get(&self.db.pool, request_id)
            .await?
            .ok_or(Error::NotFound("custom background request"))?;
        if !matches!(r.status, Status::InDesign | Status::MockupsReady) {
            return Err(Error::Conflict(format!(
                "This request is {}; mock-ups are added while it is being designed.",
                r.status.label()
            )));
        }
        // It becomes a background: as large as the team's own uploads.
        let super::pictures::Picture { data, mime } =
            self.check_picture("mockup", &data, 1200).await?;
        let now = self.now_ms();
        let file_id = new_id();
        let key = StorageKey::CustomBackground {
            team_id: TeamId::of(&r.team_id),
            request_id: r.id.clone(),
            file_id: file_id.clone(),
        };
        self.storage.put(&key, data).await?;
        let note = note
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| n.chars().take(500).collect::<String>());
        let committed = async {
            let mut tx = self.db.begin().await?;
            db::custom_backgrounds::insert_file(
                &mut *tx,
                &FileRow {
                    id: file_id,
                    request_id: r.id.clone(),
                    kind: "mockup".into(),
                    storage_key: key.path(),
                    content_type: mime.into(),
                    note: note.clone(),
                    created_at: now,
                },
            )
            .await?;
            db::custom_backgrounds::set_status(
                &mut *tx,
                &r.id,
                &[Status::InDesign, Status::MockupsReady],
                Status::MockupsReady,
                now,
            )
            .await?;
            if let Some(support_id) = &r.support_request_id {
                let reply = db::support::ReplyRow {
                    id: new_id(),
                    request_id: support_id.clone(),
                    author: p.audit_name(),
                    message: format!(
                        "A mock-up of your custom background is ready{}. Choose the one you like on your Headshot Style page: {}",
                        note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default(),
                        self.team_link(&r.team_id, "/team/style#custom-h")
                    ),
                    created_at: now,
                };
                db::support::insert_reply(&mut *tx, &reply).await?;
                db::support::set_status(&mut *tx, support_id, "answered").await?;
                crate::queue::enqueue(
                    &mut tx,
                    &crate::queue::SupportMail {
                        request_id: support_id.clone(),
                        reply_id: Some(reply.id),
                    },
                    now,
                )
                .await?;
            }
            tx.commit().await.map_err(anyhow::Error::from)?;
            Ok::<_, Error>(())
        }
        .await;
        if let Err(e) = committed {
            self.storage.delete(&key).await;
            return Err(e);
        }
        self.jobs_ready.notify_waiters();
        self.custom_background(p, &r.id).await
    }

    /// The team approves a mock-up: it becomes a team background and the
    /// team's default style from now on.
    pub async fn approve_mockup(
        &self,
        p: &Principal,
        request_id: &str,
        mockup_id: &str,
    ) -> Result<CustomBackground> {
        let team_id = p.leader_team()?.to_string();
        let r = db::custom_backgrounds::get(&self.db.pool, request_id)
            .await?
            .filter(|r| r.team_id == team_id)
            .ok_or(Error::NotFound("custom background request"))?;
        let mockup = db::custom_backgrounds::file(&self.db.pool, mockup_id)
            .await?
            .filter(|f| f.request_id == r.id && f.kind == "mockup")
            .ok_or(Error::NotFound("mock-up"))?;
        let team = db::teams::get(&self.db.pool, &TeamId::of(&team_id))
            .await?
            .ok_or(Error::NotFound("team"))?;
        let now = self.now_ms();
        let background = BackgroundRow {
            id: new_id(),
            team_id: Some(team_id.clone()),
            name: "Custom background".into(),
            kind: "image".into(),
            spec: "{}".into(),
            storage_key: Some(mockup.storage_key.clone()),
            free: 0,
            position: 0,
            created_at: now,
            price_cents: 0,
        };
        let base = match &team.default_style_id {
            Some(id) => db::styles::style(&self.db.pool, id)
                .await?
                .and_then(|s| serde_json::from_str::<StyleSpec>(&s.spec).ok()),
            None => None,
        }
        .unwrap_or_else(StyleSpec::studio_default);
        let spec = StyleSpec {
            name: format!("{} · custom background", base.name)
                .chars()
                .take(80)
                .collect(),
            background_id: background.id.clone(),
            ..base
        };
        let style = StyleRow {
            id: new_id(),
            team_id: team_id.clone(),
            name: spec.name.clone(),
            spec: serde_json::to_string(&spec).map_err(anyhow::Error::from)?,
            created_at: now,
        };
        let mut tx = self.db.begin().await?;
        if !db::custom_backgrounds::set_status(
            &mut *tx,
            &r.id,
            &[Status::MockupsReady],
            Status::Approved,
            now,
        )
        .await?
        {
            return Err(Error::Conflict(format!(
                "This request is {}; a mock-up can be approved once, after the studio sent it.",
                r.status.label()
            )));
        }
        db::styles::insert_background(&mut *tx, &background).await?;
        db::custom_backgrounds::set_background(&mut *tx, &r.id, &background.id).await?;
        db::styles::insert_style(&mut *tx, &style).await?;
        db::styles::set_default_style(&mut *tx, &team_id, &style.id).await?;
        if let Some(support_id) = &r.support_request_id {
            db::support::set_status(&mut *tx, support_id, "closed").await?;
        }
        db::events::insert_team(
            &mut *tx,
            &team_id,
            now,
            &p.audit_name(),
            &format!(
                "approved a custom background; \"{}\" is the default style",
                style.name
            ),
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.custom_background(p, &r.id).await
    }
}
