//! A member's paid re-edit or re-do after the guarantee is charged to the
//! team, so unless the team lets members spend, a leader approves each
//! charge first: the member's request waits here, the leaders are told, and
//! the approval runs the same checkout a leader's own request would.

use super::billing::{Item, Payment, payment_view};
use super::principal::Principal;
use super::views::rfc3339;
use super::{Error, Result, Services};
use crate::db::{self, new_id, spend_requests::SpendRequestRow, teams::TeamRow};
use crate::domain::transition::transition;
use crate::domain::{Action, Actor, HeadshotId, TeamId};
use crate::queue::Notice;
use serde::Serialize;
use utoipa::ToSchema;

/// A member's request for the team to pay.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SpendRequest {
    pub id: String,
    pub headshot_id: String,
    /// The member's name (in the team's list of waiting requests).
    pub member: String,
    /// `re_edit` or `redo`.
    pub kind: String,
    /// "A re-edit of a delivered headshot".
    pub description: String,
    /// The member's notes for a re-edit.
    pub notes: Option<String>,
    pub amount_cents: i64,
    /// `waiting`, `approved`, `declined`, or `closed` (the headshot moved
    /// past it: another re-edit or re-do started).
    pub status: String,
    pub created_at: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub payment_id: Option<String>,
    /// Approved, and its charge not through yet (being made, or a Stripe
    /// checkout not paid yet).
    pub awaiting_payment: bool,
}

impl SpendRequest {
    pub fn is_waiting(&self) -> bool {
        self.status == "waiting"
    }

    /// The message id of what is asked for (`spend-what-re_edit`).
    pub fn what_id(&self) -> String {
        format!("spend-what-{}", self.kind)
    }
}

fn view(r: &SpendRequestRow) -> SpendRequest {
    let item: Option<Item> = serde_json::from_str(&r.item).ok();
    let (kind, notes) = match &item {
        Some(Item::ReEdit { notes, .. }) => ("re_edit", Some(notes.clone())),
        Some(Item::Redo { .. }) => ("redo", None),
        _ => ("other", None),
    };
    SpendRequest {
        id: r.id.clone(),
        headshot_id: r.headshot_id.to_string(),
        member: String::new(),
        kind: kind.into(),
        description: item.map(|i| i.describe()).unwrap_or_default(),
        notes,
        amount_cents: r.amount_cents,
        status: match (r.decision.as_deref(), r.decided_by.as_deref()) {
            (None, _) => "waiting".into(),
            (Some("declined"), Some(db::spend_requests::MOVED_ON)) => "closed".into(),
            (Some(d), _) => d.into(),
        },
        created_at: rfc3339(r.created_at),
        decided_by: r.decided_by.clone(),
        decided_at: r.decided_at.map(rfc3339),
        payment_id: r.payment_id.clone(),
        awaiting_payment: false,
    }
}

/// The payment key of a request's charge.
fn payment_key(id: &str) -> String {
    format!("{}{id}", super::idempotency::INTERNAL_PREFIX)
}

/// The answer to approving a request that was declined or closed.
fn declined(row: &SpendRequestRow) -> Error {
    match row.decided_by.as_deref() {
        Some(db::spend_requests::MOVED_ON) => Error::Conflict(
            "This request no longer applies: another re-edit or re-do of the headshot started. Nothing was charged."
                .into(),
        ),
        by => Error::Conflict(format!("{} declined this request already.", by.unwrap_or("A leader"))),
    }
}

/// Whether `p` is a member (or a department's leader on their page) on a
/// team that has not allowed members to spend: then a paid request waits
/// for a leader of the whole team.
pub(crate) fn needs_leader_approval(p: &Principal, team: &TeamRow) -> bool {
    matches!(
        p,
        Principal::Member {
            team_pays: false,
            ..
        }
    ) && team.members_may_spend == 0
}

impl Services {
    /// Records the member's paid request for a leader to approve and tells
    /// the leaders, in one transaction. A second request while one waits is
    /// refused with what to do.
    pub(crate) async fn ask_leader_to_pay(
        &self,
        p: &Principal,
        team: &TeamRow,
        headshot_id: &HeadshotId,
        item: Item,
        amount_cents: i64,
    ) -> Result<SpendRequest> {
        let mut tx = self.db.begin().await?;
        let request = self
            .record_spend_request(&mut tx, p, team, headshot_id, item, amount_cents)
            .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        Ok(request)
    }

    /// [`Services::ask_leader_to_pay`] inside the caller's transaction (a
    /// re-do records its photo and the request together).
    pub(crate) async fn record_spend_request(
        &self,
        tx: &mut crate::db::Tx,
        p: &Principal,
        team: &TeamRow,
        headshot_id: &HeadshotId,
        item: Item,
        amount_cents: i64,
    ) -> Result<SpendRequest> {
        let now = self.now_ms();
        let row = SpendRequestRow {
            id: new_id(),
            team_id: team.id.clone(),
            headshot_id: headshot_id.clone(),
            item: serde_json::to_string(&item).map_err(anyhow::Error::from)?,
            amount_cents,
            created_at: now,
            decision: None,
            decided_by: None,
            decided_at: None,
            payment_id: None,
        };
        if !db::spend_requests::insert(&mut **tx, &row).await? {
            return Err(Error::Conflict(
                "A request is already waiting for your team leader's approval: you will hear from us once they decide."
                    .into(),
            ));
        }
        let what = format!(
            "asked the team to pay for {} ({})",
            item.describe().to_lowercase(),
            self.english().await.money(amount_cents)
        );
        db::events::insert(
            &mut **tx,
            headshot_id,
            &team.id,
            now,
            &p.audit_name(),
            &what,
            None,
        )
        .await?;
        let notice = Notice::SpendRequest {
            request_id: row.id.clone(),
        };
        self.queue_notice(tx, &team.id, notice, now).await?;
        Ok(view(&row))
    }

    /// The team's requests waiting for a leader.
    pub async fn waiting_spend_requests(&self, p: &Principal) -> Result<Vec<SpendRequest>> {
        // Spending the team's money is for its whole-team leaders.
        if p.department().is_some() {
            return Ok(Vec::new());
        }
        let team_id = p.leader_team()?;
        let rows = db::spend_requests::open_for_team(&self.db.pool, team_id).await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let names = db::headshot_members::names_for_team(&self.db.pool, team_id).await?;
        Ok(rows
            .iter()
            .map(|r| SpendRequest {
                member: names
                    .get(r.headshot_id.as_str())
                    .cloned()
                    .unwrap_or_default(),
                ..view(r)
            })
            .collect())
    }

    /// The headshot's latest request, for its pages (the caller has
    /// already been allowed to see the headshot).
    pub async fn spend_request_of(&self, headshot_id: &HeadshotId) -> Result<Option<SpendRequest>> {
        let Some(row) = db::spend_requests::latest_for_headshot(&self.db.pool, headshot_id).await?
        else {
            return Ok(None);
        };
        let mut v = view(&row);
        if row.decision.as_deref() == Some("approved") {
            v.awaiting_payment = match &row.payment_id {
                None => true,
                Some(pid) => db::payments::get(&self.db.pool, pid)
                    .await?
                    .is_some_and(|pay| {
                        pay.granted_at.is_none()
                            && pay.status == crate::billing::PaymentStatus::Pending
                    }),
            };
        }
        Ok(Some(v))
    }

    /// A waiting or decided request of the caller's team. Only leaders who
    /// answer for it may decide: the share link is passed around, and a
    /// member holding it must not approve their own charge.
    async fn leaders_request(&self, p: &Principal, id: &str) -> Result<(SpendRequestRow, TeamRow)> {
        let team_id = p.accountable_leader_team("members' paid requests")?;
        let row = db::spend_requests::get(&self.db.pool, id)
            .await?
            .filter(|r| r.team_id == *team_id)
            .ok_or(Error::NotFound("request"))?;
        let team = db::teams::get(&self.db.pool, team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        Ok((row, team))
    }

    /// The headshot a request of the caller's team is about.
    pub async fn spend_request_headshot(&self, p: &Principal, id: &str) -> Result<HeadshotId> {
        let team_id = p.leader_team()?;
        db::spend_requests::get(&self.db.pool, id)
            .await?
            .filter(|r| r.team_id == *team_id)
            .map(|r| r.headshot_id)
            .ok_or(Error::NotFound("request"))
    }

    /// Whether the headshot can still take what the request pays for (it
    /// may have moved on while the request waited: a leader's own re-edit,
    /// a new delivery); if not, the request is closed and nothing charged.
    async fn still_wanted(&self, row: &SpendRequestRow, item: &Item) -> Result<()> {
        let action = match item {
            Item::Redo { .. } => Action::Redo,
            _ => Action::RequestReEdit,
        };
        let h = db::headshots::get(&self.db.pool, &row.headshot_id)
            .await?
            .ok_or(Error::NotFound("headshot"))?;
        if transition(h.status, action, Actor::Member).is_ok() {
            return Ok(());
        }
        let by = db::spend_requests::MOVED_ON;
        db::spend_requests::decide(&self.db.pool, &row.id, "declined", by, self.now_ms()).await?;
        Err(Error::Conflict(format!(
            "This request no longer applies: the headshot is {} now. Nothing was charged.",
            h.status.label()
        )))
    }

    /// A leader approves: the charge goes through the team's checkout (an
    /// invoice grants at once and the work starts; Stripe opens a checkout
    /// for the leader). The checkout runs under the request's own payment
    /// key, so a second click — or a retry after a crash between the charge
    /// and its record — answers with the first charge instead of a second.
    pub async fn approve_spend(&self, p: &Principal, id: &str) -> Result<(SpendRequest, Payment)> {
        let (row, team) = self.leaders_request(p, id).await?;
        let item: Item = serde_json::from_str(&row.item).map_err(anyhow::Error::from)?;
        let decided_now = row.decided_at.is_none();
        if decided_now {
            if let Err(e) = self.still_wanted(&row, &item).await {
                // Another click may have approved it (and so moved the
                // headshot) a moment ago: that approval is the answer.
                let fresh = db::spend_requests::get(&self.db.pool, id).await?;
                if fresh.is_some_and(|r| r.decision.as_deref() == Some("approved")) {
                    return self.approve_again(p, &team, id, item).await;
                }
                return Err(e);
            }
            let by = p.audit_name();
            if !db::spend_requests::decide(&self.db.pool, id, "approved", &by, self.now_ms())
                .await?
            {
                return self.approve_again(p, &team, id, item).await;
            }
        } else if row.decision.as_deref() != Some("approved") {
            return Err(declined(&row));
        } else {
            return self.approve_again(p, &team, id, item).await;
        }
        let key = payment_key(id);
        let charged = super::idempotency::with_payment_key(
            &team.id,
            key.clone(),
            self.checkout(p, &team, item, row.amount_cents),
        )
        .await;
        let payment = match charged {
            Ok(payment) => payment,
            Err(e) => {
                // A failure after the charge was recorded: the charge is
                // the answer. Otherwise nothing was charged and the request
                // waits again (unless the member asked anew meanwhile).
                if let Some(made) =
                    db::payments::by_idempotency_key(&self.db.pool, &team.id, &key).await?
                {
                    db::spend_requests::set_payment(&self.db.pool, id, &made.id).await?;
                    return Err(e);
                }
                if let Err(reopen) = db::spend_requests::reopen(&self.db.pool, id).await {
                    tracing::warn!(request.id = %id, error = %reopen, "a request could not wait again");
                }
                return Err(e);
            }
        };
        db::spend_requests::set_payment(&self.db.pool, id, &payment.id).await?;
        self.audit_team(
            &team.id,
            p,
            &format!("approved a member's request: {}", view(&row).description),
        )
        .await?;
        let fresh = db::spend_requests::get(&self.db.pool, id)
            .await?
            .ok_or(Error::NotFound("request"))?;
        Ok((view(&fresh), payment))
    }

    /// A click on a request approved already (a double click, another
    /// leader, a retry): the same keyed checkout finds the first charge.
    async fn approve_again(
        &self,
        p: &Principal,
        team: &TeamRow,
        id: &str,
        item: Item,
    ) -> Result<(SpendRequest, Payment)> {
        let row = db::spend_requests::get(&self.db.pool, id)
            .await?
            .ok_or(Error::NotFound("request"))?;
        if row.decision.as_deref() != Some("approved") {
            return Err(declined(&row));
        }
        if let Some(pid) = &row.payment_id {
            let pay = db::payments::get(&self.db.pool, pid)
                .await?
                .ok_or(Error::NotFound("payment"))?;
            return Ok((view(&row), payment_view(&pay)));
        }
        let key = payment_key(id);
        let payment = super::idempotency::with_payment_key(
            &team.id,
            key,
            self.checkout(p, team, item, row.amount_cents),
        )
        .await?;
        db::spend_requests::set_payment(&self.db.pool, id, &payment.id).await?;
        let fresh = db::spend_requests::get(&self.db.pool, id)
            .await?
            .ok_or(Error::NotFound("request"))?;
        Ok((view(&fresh), payment))
    }

    /// A leader declines: nothing is charged; the member's page says so.
    pub async fn decline_spend(&self, p: &Principal, id: &str) -> Result<SpendRequest> {
        let (row, team) = self.leaders_request(p, id).await?;
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        if !db::spend_requests::decide(&mut *tx, id, "declined", &p.audit_name(), now).await? {
            let fresh = db::spend_requests::get(&mut *tx, id)
                .await?
                .ok_or(Error::NotFound("request"))?;
            if fresh.decision.as_deref() == Some("declined") {
                return Ok(view(&fresh)); // a second click
            }
            return Err(Error::Conflict(format!(
                "{} approved this request already.",
                fresh.decided_by.unwrap_or_default()
            )));
        }
        let what = format!(
            "declined the paid request ({})",
            self.english().await.money(row.amount_cents)
        );
        db::events::insert(
            &mut *tx,
            &row.headshot_id,
            &team.id,
            now,
            &p.audit_name(),
            &what,
            None,
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        let fresh = db::spend_requests::get(&self.db.pool, id)
            .await?
            .ok_or(Error::NotFound("request"))?;
        Ok(view(&fresh))
    }

    /// Whether members may pay for their own re-edits and re-dos (a leader's
    /// choice: the share link may not make it).
    pub async fn set_members_may_spend(&self, p: &Principal, on: bool) -> Result<()> {
        let team_id: TeamId = p
            .accountable_leader_team("who may spend the team's money")?
            .clone();
        db::teams::set_members_may_spend(&self.db.pool, &team_id, on).await?;
        let what = if on {
            "let members pay for re-edits and re-dos after the guarantee themselves"
        } else {
            "asked to approve members' paid re-edits and re-dos first"
        };
        self.audit_team(&team_id, p, what).await
    }
}
