//! Periodic refresh: a team may ask for a new headshot of each approved
//! member every N months. On the morning a member's headshot turns N months
//! old, the scheduler makes a new headshot for them (one credit, the
//! welcome email saying why); the old one stays the member's current
//! headshot until the new one is approved, then steps aside
//! (`replaced_at`) and the dashboard lists the new one alone.
//!
//! A member is refreshed once per approval, and not at all when a leader
//! invited them again meanwhile or their address bounced. Without a credit
//! the refresh waits and starts on a later run once credits are added.

use super::invite::{Hold, NewMember};
use super::views::{rfc3339, team_tz};
use super::{Error, Principal, Result, Services};
use crate::db::{self, refreshes::Refreshable};
use crate::domain::{DueDate, Email, PersonName};
use jiff::ToSpan;
use serde::Serialize;
use utoipa::ToSchema;

/// The longest period a team may choose, in months.
pub const MAX_MONTHS: i64 = 60;
/// A refreshed member has at least this long (or the studio's least
/// notice, if longer) to send the new photo.
pub const NOTICE_DAYS: i64 = 14;
/// Refreshes started per team and run; a larger backlog continues on the
/// next run, ten minutes later.
const PER_RUN: i64 = 1_000;
/// Members shown as coming up next.
const NEXT_SHOWN: i64 = 10;

/// A team's refresh setting and what it will do.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RefreshPlan {
    /// A new headshot of each approved member every this many months;
    /// null: never.
    pub refresh_months: Option<i64>,
    /// Members due for a refresh now, not started yet: it starts on the
    /// studio's morning run, or once the team has a credit for it.
    pub due_now: i64,
    /// Refreshes started and not approved yet.
    pub under_way: i64,
    /// The next members to be refreshed, soonest first.
    pub next: Vec<UpcomingRefresh>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UpcomingRefresh {
    pub headshot_id: String,
    pub name: String,
    pub email: String,
    /// When the current headshot was approved (RFC 3339).
    pub approved_at: String,
    /// The day the refresh starts (`YYYY-MM-DD`, the team's time zone).
    pub refresh_on: String,
}

/// What one scheduler run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RefreshRun {
    pub started: usize,
    /// Due, but the team had no credit left.
    pub waiting_for_credits: usize,
}

/// A period as typed: 0 is off, else 1 to `MAX_MONTHS`.
pub fn checked_months(months: i64) -> Result<Option<i64>> {
    match months {
        0 => Ok(None),
        1..=MAX_MONTHS => Ok(Some(months)),
        _ => Err(Error::invalid(
            "refresh_months",
            format!(
                "Refresh every 1 to {MAX_MONTHS} months (12 is usual), or 0 to turn refreshes off."
            ),
        )),
    }
}

/// The latest approval (Unix ms) that is `months` old at `now`, in the
/// team's calendar; `None` past jiff's range.
fn approved_by(now: &jiff::Zoned, months: i64) -> Option<i64> {
    now.checked_sub(months.months())
        .ok()
        .map(|t| t.timestamp().as_millisecond())
}

/// The day a headshot approved at `approved_at` is refreshed.
fn refresh_day(approved_at: i64, months: i64, tz: &jiff::tz::TimeZone) -> String {
    jiff::Timestamp::from_millisecond(approved_at)
        .ok()
        .and_then(|t| t.to_zoned(tz.clone()).checked_add(months.months()).ok())
        .map(|z| z.date().to_string())
        .unwrap_or_default()
}

impl Services {
    /// Turns refreshes on (every `months`, 1 to 60) or off (`None` or 0).
    /// Accountable leaders only: a refresh spends credits.
    pub async fn set_refresh_months(&self, p: &Principal, months: Option<i64>) -> Result<()> {
        let team_id = p.accountable_leader_team("refreshes")?.clone();
        let months = checked_months(months.unwrap_or(0))?;
        db::teams::set_refresh_months(&self.db.pool, &team_id, months).await?;
        let what = match months {
            Some(m) => {
                format!("set refreshes: a new headshot of each approved member every {m} months")
            }
            None => "turned refreshes off".into(),
        };
        self.audit_team(team_id.as_str(), p, &what).await
    }

    /// The setting, who is due and who comes next.
    pub async fn refresh_plan(&self, p: &Principal) -> Result<RefreshPlan> {
        let team_id = p.accountable_leader_team("refreshes")?;
        let team = db::teams::get(&self.db.pool, team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        let under_way = db::refreshes::under_way(&self.db.pool, team_id.as_str()).await?;
        let Some(months) = team.refresh_months else {
            return Ok(RefreshPlan {
                refresh_months: None,
                due_now: 0,
                under_way,
                next: Vec::new(),
            });
        };
        let tz = team_tz(&team.timezone);
        let cutoff = approved_by(&self.now().to_zoned(tz.clone()), months).unwrap_or(i64::MIN);
        let pool = &self.db.pool;
        let due_now = db::refreshes::refreshable(pool, team_id.as_str(), cutoff, None, i64::MAX)
            .await?
            .len();
        let next =
            db::refreshes::refreshable(pool, team_id.as_str(), i64::MAX, None, NEXT_SHOWN).await?;
        Ok(RefreshPlan {
            refresh_months: Some(months),
            due_now: i64::try_from(due_now).unwrap_or(i64::MAX),
            under_way,
            next: next
                .into_iter()
                .map(|r| UpcomingRefresh {
                    headshot_id: r.id.to_string(),
                    name: format!("{} {}", r.first_name, r.last_name),
                    refresh_on: refresh_day(r.approved_at, months, &tz),
                    approved_at: rfc3339(r.approved_at),
                    email: r.email,
                })
                .collect(),
        })
    }

    /// The scheduler's run: every team's refreshes due this morning (from
    /// the studio's reminder hour in the team's zone, as for reminders).
    /// Safe to run from several processes at once: each refresh is decided
    /// again under the team's lock.
    pub async fn start_due_refreshes(&self) -> Result<RefreshRun> {
        let hour = i8::try_from(self.studio_settings().await?.reminder_hour).unwrap_or(i8::MAX);
        let mut run = RefreshRun::default();
        for (team_id, months, zone) in db::refreshes::teams(&self.db.pool).await? {
            let local = self.now().to_zoned(team_tz(&zone));
            let Some(cutoff) = approved_by(&local, months).filter(|_| local.hour() >= hour) else {
                continue;
            };
            let due =
                db::refreshes::refreshable(&self.db.pool, &team_id, cutoff, None, PER_RUN).await?;
            for (i, old) in due.iter().enumerate() {
                match self.start_refresh(&team_id, months, cutoff, old).await {
                    Ok(started) => run.started += usize::from(started),
                    Err(Error::Conflict(_)) => {
                        // No credit: the rest of the team's list waits too.
                        run.waiting_for_credits += due.len() - i;
                        break;
                    }
                    // One member's trouble does not hold up the others.
                    Err(e) => {
                        tracing::error!(headshot.id = %old.id, error = %e, "a refresh could not start");
                    }
                }
            }
        }
        if run.started > 0 {
            self.jobs_ready.notify_waiters();
        }
        if run.started > 0 || run.waiting_for_credits > 0 {
            tracing::info!(
                started = run.started,
                waiting_for_credits = run.waiting_for_credits,
                "periodic refreshes"
            );
        }
        Ok(run)
    }

    /// One member's refresh in one transaction: the new headshot, its
    /// credit and welcome email, and the link to the old one — or nothing.
    /// `false` when another run started it first.
    async fn start_refresh(
        &self,
        team_id: &str,
        months: i64,
        cutoff: i64,
        old: &Refreshable,
    ) -> Result<bool> {
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        db::teams::lock(&mut *tx, team_id).await?;
        let still_due =
            db::refreshes::refreshable(&mut *tx, team_id, cutoff, Some(old.id.as_str()), 1).await?;
        if still_due.is_empty() {
            return Ok(false);
        }
        let department = match &old.department_id {
            Some(d) => db::departments::get(&mut *tx, team_id, d).await?,
            None => None,
        };
        if let Some(d) = &department {
            self.spend_allowance(&mut tx, d, 1).await?;
        }
        if !db::teams::take_credits(&mut *tx, team_id, 1).await? {
            return Err(Error::Conflict("no credit left for a refresh".into()));
        }
        self.credits_taken(&mut tx, team_id, 1, now).await?;
        let team = db::teams::get(&mut *tx, &crate::domain::TeamId::of(team_id))
            .await?
            .ok_or(Error::NotFound("team"))?;
        let today = self.now().to_zoned(team_tz(&team.timezone)).date();
        let min_days = self.studio_settings().await?.rules.min_due_days;
        let date = DueDate::earliest(today, NOTICE_DAYS.max(min_days));
        let due = DueDate::new(date, today, min_days).map_err(anyhow::Error::msg)?;
        // Stored names and address were valid when the member was invited.
        let first = PersonName::parse(&old.first_name, "first name").map_err(anyhow::Error::msg)?;
        let last = PersonName::parse(&old.last_name, "last name").map_err(anyhow::Error::msg)?;
        let email = Email::parse(&old.email).map_err(anyhow::Error::msg)?;
        let member = NewMember {
            first: &first,
            last: &last,
            email: &email,
            due,
            // The member's answers carry over; they may change them.
            answers: old.intake.as_deref(),
            department: department.as_ref().map(|d| d.id.as_str()),
        };
        let actor = format!("system (refresh every {months} months)");
        let id = self
            .create_headshots(
                &mut tx,
                &actor,
                team_id,
                std::slice::from_ref(&member),
                Hold::Send,
                now,
            )
            .await?
            .remove(0);
        db::refreshes::set_refresh_of(&mut *tx, &id, old.id.as_str()).await?;
        let note =
            format!("a new headshot was started ({id}); this one stays until it is approved");
        db::events::insert(
            &mut *tx,
            old.id.as_str(),
            team_id,
            now,
            &actor,
            "refresh started",
            Some(&note),
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(true)
    }

    /// Inside the approval of `refresh`: the headshot it refreshes steps
    /// aside.
    pub(crate) async fn replace_refreshed(
        &self,
        tx: &mut db::Tx,
        refresh: &db::headshots::HeadshotRow,
        who: &str,
        now: i64,
    ) -> Result<()> {
        let Some(old) = &refresh.refresh_of else {
            return Ok(());
        };
        if db::refreshes::mark_replaced(&mut **tx, old.as_str(), now).await? {
            super::slack_photo::forget_grant(tx, old.as_str(), now).await?;
            let note = format!("its refresh {} was approved", refresh.id);
            db::events::insert(
                &mut **tx,
                old.as_str(),
                refresh.team_id.as_str(),
                now,
                who,
                "replaced",
                Some(&note),
            )
            .await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_counted_on_the_teams_calendar() {
        let tz = jiff::tz::TimeZone::get("Europe/Paris").unwrap();
        let now: jiff::Zoned = "2027-03-31T10:00:00+02:00[Europe/Paris]".parse().unwrap();
        // A month before 31 March is the last day of February.
        let by = approved_by(&now, 1).unwrap();
        let feb: jiff::Zoned = "2027-02-28T10:00:00+01:00[Europe/Paris]".parse().unwrap();
        assert_eq!(by, feb.timestamp().as_millisecond());
        let approved: jiff::Zoned = "2026-03-02T10:00:00+01:00[Europe/Paris]".parse().unwrap();
        let day = refresh_day(approved.timestamp().as_millisecond(), 12, &tz);
        assert_eq!(day, "2027-03-02");
    }
}
