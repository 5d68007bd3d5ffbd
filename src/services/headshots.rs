//! Reading headshots and the simple moves: open, tutorial, due date, delete,
//! move forward, approve.

use super::views::{Event, Headshot, HeadshotWithEvents, PhotoFacts, rfc3339, team_tz};
use super::{Error, Principal, Result, Services};
use crate::db::{self, Tx, headshots::HeadshotRow, ledger::LedgerRow, new_id, teams::TeamRow};
use crate::domain::HeadshotId;
use crate::domain::transition::transition;
use crate::domain::{Action, Actor, HeadshotStatus, LedgerKind, Section};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
pub struct ListQuery {
    /// `team_members`, `in_retouching`, `new_photo_requested` or `completed`.
    pub section: Option<String>,
    /// One status, e.g. `delivered`.
    pub status: Option<String>,
    /// Matches first name, last name or email.
    pub q: Option<String>,
    /// One department's id, or `-` for headshots in none (a department's
    /// leader always sees their own department alone).
    pub department: Option<String>,
}

pub struct TeamListing {
    rows: Vec<HeadshotRow>,
    pub summaries: Vec<Headshot>,
    tz: jiff::tz::TimeZone,
    /// Profile photos pushed, by headshot.
    pushes: std::collections::HashMap<String, Vec<super::photo_push::ProfilePhoto>>,
}

impl TeamListing {
    /// The full view (with signed links) of summary `h`.
    pub fn complete(&self, svc: &Services, h: &Headshot) -> Headshot {
        match self.rows.iter().find(|r| r.id == h.id) {
            Some(r) => Headshot {
                profile_photos: self.pushes.get(&h.id).cloned().unwrap_or_default(),
                ..svc.headshot_view(r, &self.tz)
            },
            None => h.clone(),
        }
    }
}

/// One state-machine move and how the audit log records it.
pub(crate) struct Move<'a> {
    pub action: Action,
    pub actor: Actor,
    /// The audit log's "who".
    pub who: &'a str,
    /// The audit log's "what".
    pub event: &'a str,
}

impl Services {
    /// A headshot the caller may see, with its team; others get 404.
    pub(crate) async fn load_visible(
        &self,
        p: &Principal,
        id: &str,
    ) -> Result<(HeadshotRow, TeamRow)> {
        let h = db::headshots::get(&self.db.pool, &HeadshotId::of(id))
            .await?
            .ok_or(Error::NotFound("headshot"))?;
        if !p.can_see_headshot(&h) {
            return Err(Error::NotFound("headshot"));
        }
        let t = db::teams::get(&self.db.pool, &h.team_id)
            .await?
            .ok_or(Error::NotFound("headshot"))?;
        Ok((h, t))
    }

    /// Apply one state-machine move inside `tx`, guarded against a concurrent
    /// change, and write it to the audit log.
    pub(crate) async fn apply_move(
        &self,
        tx: &mut Tx,
        h: &HeadshotRow,
        m: Move<'_>,
        now: i64,
    ) -> Result<HeadshotStatus> {
        let from = h.status;
        let to = transition(from, m.action, m.actor)?;
        if to != from && !db::headshots::set_status(&mut **tx, &h.id, from, to, now).await? {
            return Err(Error::changed_meanwhile());
        }
        db::events::insert(&mut **tx, &h.id, &h.team_id, now, m.who, m.event, None).await?;
        if to != from {
            let mut data = super::webhooks::headshot_data(h, to);
            data["previous_status"] = from.as_str().into();
            self.emit(tx, &h.team_id, "headshot.status_changed", data.clone(), now)
                .await?;
            if to == HeadshotStatus::Approved {
                self.emit(tx, &h.team_id, "headshot.approved", data, now)
                    .await?;
                self.queue_photo_pushes(tx, h, now).await?;
            }
        }
        Ok(to)
    }

    pub(crate) async fn view_of(
        &self,
        p: &Principal,
        id: &str,
        team: &TeamRow,
    ) -> Result<Headshot> {
        let row = db::headshots::get(&self.db.pool, &HeadshotId::of(id))
            .await?
            .ok_or(Error::NotFound("headshot"))?;
        Ok(p.redact(self.headshot_view(&row, &team_tz(&team.timezone))))
    }

    pub async fn list_headshots(&self, p: &Principal, q: &ListQuery) -> Result<Vec<Headshot>> {
        let (team_id, own) = p.leader_scope()?;
        let team = db::teams::get(&self.db.pool, team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        let mut statuses: Vec<HeadshotStatus> = HeadshotStatus::ALL.to_vec();
        if let Some(s) = q.section.as_deref().filter(|s| !s.is_empty()) {
            let section = Section::parse(s).ok_or_else(|| {
                Error::invalid(
                    "section",
                    "Use team_members, in_retouching, new_photo_requested or completed.",
                )
            })?;
            statuses.retain(|st| st.section() == section);
        }
        if let Some(s) = q.status.as_deref().filter(|s| !s.is_empty()) {
            let status = HeadshotStatus::parse(s).ok_or_else(|| {
                Error::invalid(
                    "status",
                    format!(
                        "\"{s}\" is not a status; use one of the contract's names, e.g. delivered."
                    ),
                )
            })?;
            statuses.retain(|st| *st == status);
        }
        if statuses.is_empty() {
            return Ok(Vec::new());
        }
        let filter = db::headshots::ListFilter {
            statuses: if statuses.len() == HeadshotStatus::ALL.len() {
                String::new()
            } else {
                db::headshots::status_list(statuses)
            },
            query: q.q.as_deref().unwrap_or("").trim().to_lowercase(),
            department: match own {
                Some(d) => d.to_string(),
                None => q.department.clone().unwrap_or_default(),
            },
        };
        let rows = db::headshots::list_for_team(&self.db.pool, &team.id, &filter).await?;
        let tz = team_tz(&team.timezone);
        let mut pushes = self.team_profile_photos(team.id.as_str()).await?;
        Ok(rows
            .iter()
            .map(|r| Headshot {
                profile_photos: pushes.remove(r.id.as_str()).unwrap_or_default(),
                ..self.headshot_view(r, &tz)
            })
            .collect())
    }

    /// Every headshot of the caller's team as summaries (no signed links),
    /// with a way to complete the few that are shown: large teams' dashboards
    /// count and filter thousands but sign links for one page only.
    pub async fn team_listing(&self, p: &Principal) -> Result<TeamListing> {
        let (team_id, own) = p.leader_scope()?;
        let team = db::teams::get(&self.db.pool, team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        let tz = team_tz(&team.timezone);
        let scope = db::headshots::ListFilter {
            department: own.map(ToString::to_string).unwrap_or_default(),
            ..Default::default()
        };
        let rows = db::headshots::list_for_team(&self.db.pool, &team.id, &scope).await?;
        let summaries = rows.iter().map(|r| self.headshot_summary(r, &tz)).collect();
        Ok(TeamListing {
            pushes: self.team_profile_photos(team.id.as_str()).await?,
            rows,
            summaries,
            tz,
        })
    }

    pub async fn headshot(&self, p: &Principal, id: &str) -> Result<HeadshotWithEvents> {
        let (h, t) = self.load_visible(p, id).await?;
        let events = db::events::for_headshot(&self.db.pool, &h.id).await?;
        let draft = self.draft_preview(&h).await?;
        let photo = match &h.photo_id {
            Some(id) => db::photos::get(&self.db.pool, id).await?,
            None => None,
        };
        Ok(HeadshotWithEvents {
            photo: photo.as_ref().map(PhotoFacts::of),
            preview_url: draft.clone().url(),
            draft,
            headshot: Headshot {
                profile_photos: self.profile_photos(h.id.as_str()).await?,
                ..self.headshot_view(&h, &team_tz(&t.timezone))
            },
            events: events
                .into_iter()
                .map(|e| Event {
                    at: rfc3339(e.at),
                    actor: e.actor,
                    action: e.action,
                    detail: e.detail,
                })
                .collect(),
        })
    }

    /// The member followed the personal link (counts as opening the email).
    pub async fn member_opened_link(&self, p: &Principal) -> Result<()> {
        let Principal::Member {
            headshot_id,
            on_behalf: None,
            ..
        } = p
        else {
            // Only the member's own visit counts as opening the email.
            return Ok(());
        };
        self.mark_opened(headshot_id, "opened the personal link")
            .await
    }

    /// The tracking pixel of the welcome email was loaded.
    pub async fn pixel_opened(&self, headshot_id: &str, sig: &str) -> Result<()> {
        if !self.keys.verify("open-pixel", &[headshot_id], sig) {
            return Err(Error::NotFound("pixel"));
        }
        self.mark_opened(headshot_id, "opened the welcome email")
            .await
    }

    async fn mark_opened(&self, id: &str, event: &str) -> Result<()> {
        let Some(h) = db::headshots::get(&self.db.pool, &HeadshotId::of(id)).await? else {
            return Ok(());
        };
        if h.status != HeadshotStatus::Invited {
            return Ok(()); // only the first opening is news
        }
        let mut tx = self.db.begin().await?;
        match self
            .apply_move(
                &mut tx,
                &h,
                Move {
                    action: Action::OpenEmail,
                    actor: Actor::System,
                    who: "member",
                    event,
                },
                self.now_ms(),
            )
            .await
        {
            Ok(_) => tx.commit().await.map_err(anyhow::Error::from)?,
            Err(Error::Conflict(_)) => {} // opened twice at once: one is enough
            Err(e) => return Err(e),
        }
        Ok(())
    }

    pub async fn start_tutorial(&self, p: &Principal) -> Result<Headshot> {
        let Principal::Member { headshot_id, .. } = p else {
            return Err(Error::Forbidden(
                "Only the member starts the tutorial.".into(),
            ));
        };
        let (h, t) = self.load_visible(p, headshot_id).await?;
        let status = h.status;
        if matches!(
            status,
            HeadshotStatus::Invited | HeadshotStatus::EmailOpened
        ) {
            let mut tx = self.db.begin().await?;
            self.apply_move(
                &mut tx,
                &h,
                Move {
                    action: Action::StartTutorial,
                    actor: Actor::Member,
                    who: &p.audit_name(),
                    event: "started the tutorial",
                },
                self.now_ms(),
            )
            .await?;
            tx.commit().await.map_err(anyhow::Error::from)?;
        }
        self.view_of(p, &h.id, &t).await
    }

    /// Delete before upload: the credit comes back (a ledger row and the
    /// cached balance, in one transaction).
    pub async fn delete_headshot(&self, p: &Principal, id: &str) -> Result<()> {
        p.leader_scope()?;
        let (h, _t) = self.load_visible(p, id).await?;
        let from = h.status;
        transition(from, Action::Delete, p.actor())?;
        let now = self.now_ms();
        let refund = self.studio_settings().await?.rules.expedite_refund;
        let mut tx = self.db.begin().await?;
        if !db::headshots::mark_deleted(&mut *tx, &h.id, from, now).await? {
            return Err(Error::changed_meanwhile());
        }
        super::slack_photo::forget_grant(&mut tx, h.id.as_str(), now).await?;
        if db::teams::return_credit(&mut *tx, &h.team_id).await? {
            db::ledger::insert(
                &mut *tx,
                &LedgerRow {
                    id: new_id(),
                    team_id: h.team_id.to_string(),
                    at: now,
                    kind: LedgerKind::Refund,
                    credits: 1,
                    amount_cents: 0,
                    headshot_id: Some(h.id.to_string()),
                    actor: p.audit_name(),
                    note: Some("headshot deleted before upload".into()),
                    currency: None,
                },
            )
            .await?;
        }
        self.refund_expedite(&mut tx, &h, &p.audit_name(), refund)
            .await?;
        db::events::insert(
            &mut *tx,
            &h.id,
            &h.team_id,
            now,
            &p.audit_name(),
            "deleted",
            None,
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(())
    }

    /// A leader goes ahead with a photo the QC team flagged (audited).
    pub async fn move_forward(&self, p: &Principal, id: &str) -> Result<Headshot> {
        let (h, t) = self.load_visible(p, id).await?;
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        self.apply_move(
            &mut tx,
            &h,
            Move {
                action: Action::MoveForward,
                actor: p.actor(),
                who: &p.audit_name(),
                event: "moved forward despite the quality check",
            },
            now,
        )
        .await?;
        self.snapshot_style(&mut tx, &h.id, &h.team_id).await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.view_of(p, &h.id, &t).await
    }

    pub async fn approve(&self, p: &Principal, id: &str) -> Result<Headshot> {
        let (h, t) = self.load_visible(p, id).await?;
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        self.apply_move(
            &mut tx,
            &h,
            Move {
                action: Action::Approve,
                actor: p.actor(),
                who: &p.audit_name(),
                event: "approved",
            },
            now,
        )
        .await?;
        db::headshots::set_approved_at(&mut *tx, &h.id, now).await?;
        self.replace_refreshed(&mut tx, &h, &p.audit_name(), now)
            .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.view_of(p, &h.id, &t).await
    }
}
