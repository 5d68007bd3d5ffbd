//! Inviting a member: one credit, one headshot, one welcome email, atomically.

use super::secrets::hash_token;
use super::views::{Headshot, team_tz};
use super::{Error, Principal, Result, Services};
use crate::db::{self, Tx, headshots::NewHeadshot, ledger::LedgerRow, new_id};
use crate::domain::HeadshotId;
use crate::domain::{DueDate, Email, FieldError, LedgerKind, PersonName};
use crate::queue::{self, MailJob};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct Invite {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// `YYYY-MM-DD`, at least the studio's least notice (5 days unless the
    /// studio changed it) after today in the team's time zone.
    pub due_date: String,
    /// The address is right as typed, though it looks like a typo of a
    /// common mail domain (`gmial.com`): without this, such an invite is
    /// refused with the address probably meant. Once confirmed, the domain
    /// is not questioned again for this team.
    #[serde(default)]
    pub confirm_address: bool,
    /// `false` holds the welcome email back: the headshot is made (one
    /// credit), and a leader sends the invitation later
    /// (`POST /headshots/{id}/send-invite`, or *Send invites*).
    #[serde(default = "yes")]
    pub send_invite: bool,
    /// One of the team's departments (`GET /departments`): its style and
    /// allowance apply. A department's leader may leave it out (their own).
    #[serde(default)]
    pub department_id: Option<String>,
}

fn yes() -> bool {
    true
}

/// Whether new headshots' welcome emails go now or wait for a leader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    Send,
    Held,
}

impl Hold {
    pub fn sending(send: bool) -> Self {
        if send { Self::Send } else { Self::Held }
    }
}

/// A validated member to invite.
pub struct NewMember<'a> {
    pub first: &'a PersonName,
    pub last: &'a PersonName,
    pub email: &'a Email,
    pub due: DueDate,
    /// Answers to the team's questions (JSON), if known already.
    pub answers: Option<&'a str>,
    /// The department it joins (its id), if any.
    pub department: Option<&'a str>,
}

impl Services {
    /// Inside `tx`, after the credits were taken: the headshots, their ledger
    /// rows, audit entries and welcome emails — the one place a headshot is
    /// made, written in multi-row statements so a large import stays fast.
    pub(crate) async fn create_headshots(
        &self,
        tx: &mut Tx,
        actor: &str,
        team_id: &str,
        members: &[NewMember<'_>],
        hold: Hold,
        now: i64,
    ) -> Result<Vec<String>> {
        let mut all = Vec::with_capacity(members.len());
        for chunk in members.chunks(db::BATCH_ROWS) {
            let ids: Vec<String> = chunk.iter().map(|_| new_id()).collect();
            let dues: Vec<String> = chunk.iter().map(|m| m.due.date().to_string()).collect();
            let hashes: Vec<String> = ids
                .iter()
                .map(|id| hash_token(&self.member_secret(id, 1)))
                .collect();
            let rows: Vec<NewHeadshot<'_>> = chunk
                .iter()
                .enumerate()
                .map(|(i, m)| NewHeadshot {
                    id: &ids[i],
                    team_id,
                    first_name: m.first.as_str(),
                    last_name: m.last.as_str(),
                    email: m.email.as_str(),
                    due_date: &dues[i],
                    member_token_hash: &hashes[i],
                    invite_held: hold == Hold::Held,
                    intake: m.answers,
                    department_id: m.department,
                    now,
                })
                .collect();
            db::headshots::insert_many(&mut **tx, &rows).await?;
            let ledger: Vec<LedgerRow> = ids
                .iter()
                .map(|id| LedgerRow {
                    id: new_id(),
                    team_id: team_id.into(),
                    at: now,
                    kind: LedgerKind::Invite,
                    credits: -1,
                    amount_cents: 0,
                    headshot_id: Some(id.clone()),
                    actor: actor.to_string(),
                    note: None,
                    currency: None,
                })
                .collect();
            db::ledger::insert_many(&mut **tx, &ledger).await?;
            let what = match hold {
                Hold::Send => "invited",
                Hold::Held => "invited (the invitation is held back until a leader sends it)",
            };
            db::events::insert_many(&mut **tx, &ids, team_id, now, actor, what).await?;
            if hold == Hold::Send {
                let mails: Vec<MailJob> = ids.iter().map(|id| MailJob::welcome(id, 1)).collect();
                queue::enqueue_many(tx, &mails, now).await?;
            }
            all.extend(ids);
        }
        Ok(all)
    }

    /// Validates every field (all problems reported at once), then takes a
    /// credit, creates the headshot, writes the ledger and queues the welcome
    /// email in one transaction: nothing is half done, no email for a
    /// rolled-back invite.
    pub async fn invite(&self, p: &Principal, input: Invite) -> Result<Headshot> {
        let (team_id, _) = p.leader_scope()?;
        let department = self
            .department_for_new(p, input.department_id.as_deref())
            .await?;
        let team = db::teams::get(&self.db.pool, team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        let tz = team_tz(&team.timezone);
        let today = self.now().to_zoned(tz.clone()).date();
        let mut errors = Vec::new();
        let first = PersonName::parse(&input.first_name, "first name")
            .map_err(|m| errors.push(FieldError::new("first_name", m)))
            .ok();
        let last = PersonName::parse(&input.last_name, "last name")
            .map_err(|m| errors.push(FieldError::new("last_name", m)))
            .ok();
        let email = Email::parse(&input.email)
            .map_err(|m| errors.push(FieldError::new("email", m)))
            .ok();
        let min_days = self.studio_settings().await?.rules.min_due_days;
        let due = DueDate::parse(&input.due_date, today, min_days)
            .map_err(|m| errors.push(FieldError::new("due_date", m)))
            .ok();
        let check = self.address_check(&team.id).await?;
        if let Some(e) = &email {
            errors.extend(check.problem("email", e, input.confirm_address));
        }
        let (Some(first), Some(last), Some(email), Some(due)) = (first, last, email, due) else {
            return Err(Error::Invalid(errors));
        };
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }

        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        if let Some(d) = &department {
            db::teams::lock(&mut *tx, &team.id).await?;
            self.spend_allowance(&mut tx, d, 1).await?;
        }
        if !db::teams::take_credits(&mut *tx, &team.id, 1).await? {
            return Err(Error::NoCredit);
        }
        self.credits_taken(&mut tx, &team.id, 1, now).await?;
        self.remember_confirmed_domains(&mut tx, &team.id, &check, [&email], &p.audit_name(), now)
            .await?;
        let member = NewMember {
            first: &first,
            last: &last,
            email: &email,
            due,
            answers: None,
            department: department.as_ref().map(|d| d.id.as_str()),
        };
        let id = self
            .create_headshots(
                &mut tx,
                &p.audit_name(),
                &team.id,
                std::slice::from_ref(&member),
                Hold::sending(input.send_invite),
                now,
            )
            .await?
            .remove(0);
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        tracing::info!(team.id = %team.id, headshot.id = %id, "member invited");
        let row = db::headshots::get(&self.db.pool, &HeadshotId::of(&id))
            .await?
            .ok_or(Error::NotFound("headshot"))?;
        Ok(self.headshot_view(&row, &tz))
    }
}
