//! A team leader's email notices: the choice (page), instant notices queued
//! in the transaction that causes them (a new photo requested, credits
//! running low), the digest on the studio's morning hour in the team's zone,
//! and the one-click unsubscribe every notice carries.

use super::principal::{LeaderVia, Principal};
use super::views::team_tz;
use super::{Error, Result, Services};
use crate::db::{self, Tx};
use crate::domain::FieldError;
pub use crate::domain::notices::{DIGEST_NAMES, DigestList};
use crate::domain::notices::{Digest, DigestLine, DigestReport, NoticeKind, NoticePrefs};
use crate::domain::{HeadshotStatus, TeamId, UserId};
use crate::queue::{self, LeaderNotice, Notice};

/// A leader's choice as a form or a request sends it.
#[derive(Debug, Clone, Default)]
pub struct NoticeChoice {
    pub digest: String,
    pub new_photo: bool,
    pub credits_low: bool,
    pub spend_request: bool,
}

impl Services {
    /// The defaults for leaders who never chose.
    pub fn notice_defaults(&self) -> NoticePrefs {
        NoticePrefs::default()
    }

    /// The signed-in leader's own notices. Notices belong to a person: the
    /// share link and API tokens have none.
    fn notice_owner<'p>(&self, p: &'p Principal) -> Result<&'p UserId> {
        match p {
            Principal::Leader {
                via: LeaderVia::User { user_id, .. },
                ..
            } => Ok(user_id),
            Principal::Leader { .. } => Err(Error::Forbidden(
                "Email notices belong to a leader's account: sign in as a leader to choose yours."
                    .into(),
            )),
            _ => Err(Error::NotFound("team")),
        }
    }

    /// The signed-in leader's notices and the address they go to.
    pub async fn notice_prefs(&self, p: &Principal) -> Result<(NoticePrefs, String)> {
        let user = self.notice_owner(p)?;
        let email = db::users::get(&self.db.pool, user)
            .await?
            .map(|u| u.email)
            .ok_or(Error::Unauthenticated)?;
        let prefs = db::notices::get(&self.db.pool, user, self.notice_defaults()).await?;
        Ok((prefs, email))
    }

    /// Saves the signed-in leader's choice; `digest` is its wire name
    /// (`off`, `daily`, `weekly`).
    pub async fn save_notice_prefs(
        &self,
        p: &Principal,
        choice: NoticeChoice,
    ) -> Result<NoticePrefs> {
        let user = self.notice_owner(p)?;
        let digest = Digest::parse(&choice.digest).ok_or_else(|| {
            Error::Invalid(vec![FieldError::new(
                "digest",
                "Choose how often the digest comes: every morning, every Monday morning, or no digest.",
            )])
        })?;
        let prefs = NoticePrefs {
            digest,
            new_photo: choice.new_photo,
            credits_low: choice.credits_low,
            spend_request: choice.spend_request,
        };
        db::notices::save(&self.db.pool, user, prefs, self.now_ms()).await?;
        Ok(prefs)
    }

    /// The link that turns `kind` off for `user` with one click (in the
    /// email's body and its `List-Unsubscribe` header). It never expires:
    /// an old email must still work.
    pub fn unsubscribe_url(&self, user: &UserId, kind: NoticeKind) -> String {
        let sig = self
            .keys
            .derive("notice-unsubscribe", &[user, kind.as_str()]);
        self.url(&format!("/unsubscribe/{user}/{kind}/{sig}"))
    }

    /// Checks an unsubscribe link; `Some(kind)` when genuine.
    pub fn unsubscribe_link(&self, user: &str, kind: &str, sig: &str) -> Result<NoticeKind> {
        NoticeKind::parse(kind)
            .filter(|k| {
                self.keys
                    .verify("notice-unsubscribe", &[user, k.as_str()], sig)
            })
            .ok_or(Error::NotFound("unsubscribe link"))
    }

    /// Turns `kind` off for the link's leader (again: no harm). Returns the
    /// address that will no longer receive it.
    pub async fn unsubscribe(
        &self,
        user: &str,
        kind: &str,
        sig: &str,
    ) -> Result<(NoticeKind, String)> {
        let kind = self.unsubscribe_link(user, kind, sig)?;
        let id = UserId::of(user);
        let Some(u) = db::users::get(&self.db.pool, &id).await? else {
            return Err(Error::NotFound("unsubscribe link"));
        };
        let mut tx = self.db.begin().await?;
        let prefs = db::notices::get(&mut *tx, &id, self.notice_defaults()).await?;
        db::notices::save(&mut *tx, &id, prefs.without(kind), self.now_ms()).await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        tracing::info!(user.id = %id, notice = %kind, "notice unsubscribed");
        Ok((kind, u.email))
    }

    /// Queues `notice` for each of the team's leaders who want it, in the
    /// transaction that causes it (no notice for a rolled-back change).
    pub(crate) async fn queue_notice(
        &self,
        tx: &mut Tx,
        team_id: &TeamId,
        notice: Notice,
        now: i64,
    ) -> Result<()> {
        // About one headshot: its department's leaders hear of it too; the
        // team's money (credits, spending) is for whole-team leaders.
        let department = match &notice {
            Notice::NewPhoto { headshot_id } => {
                db::headshots::get(&mut **tx, &crate::domain::HeadshotId::of(headshot_id))
                    .await?
                    .and_then(|h| h.department_id)
            }
            _ => None,
        };
        let users = db::notices::recipients(
            &mut **tx,
            team_id,
            notice.kind(),
            self.notice_defaults(),
            department.as_ref().map(|d| d.as_str()),
        )
        .await?;
        let jobs: Vec<LeaderNotice> = users
            .into_iter()
            .map(|u| LeaderNotice {
                user_id: u.to_string(),
                notice: notice.clone(),
                team_id: Some(team_id.to_string()),
            })
            .collect();
        if !jobs.is_empty() {
            queue::enqueue_many(tx, &jobs, now).await?;
        }
        Ok(())
    }

    /// Queues the digests due now: from the studio's reminder hour in each
    /// team's zone, daily or on Mondays, one per leader and day however many
    /// schedulers run. Returns how many were queued.
    pub async fn send_digests(&self) -> Result<usize> {
        let studio = self.studio_settings().await?;
        let defaults = self.notice_defaults();
        let readers = db::notices::digest_readers(&self.db.pool, defaults).await?;
        let now = self.now_ms();
        let mut queued = 0;
        let mut zone: Option<(TeamId, jiff::tz::TimeZone)> = None;
        for r in readers {
            if zone.as_ref().is_none_or(|(t, _)| *t != r.team_id) {
                let tz = db::teams::get(&self.db.pool, &r.team_id)
                    .await?
                    .map(|t| team_tz(&t.timezone))
                    .unwrap_or(jiff::tz::TimeZone::UTC);
                zone = Some((r.team_id.clone(), tz));
            }
            let Some((_, tz)) = &zone else { continue };
            let local = self.now().to_zoned(tz.clone());
            let today = local.date().to_string();
            if local.hour() < i8::try_from(studio.reminder_hour).unwrap_or(i8::MAX)
                || !r.digest.due_on(local.date())
                || r.sent_on.as_deref() == Some(today.as_str())
            {
                continue;
            }
            // One leader's failure (a database hiccup) must not keep the
            // others from their digest: logged, and the next run retries it.
            match self.queue_digest(&r, &today, now).await {
                Ok(true) => queued += 1,
                Ok(false) => {}
                Err(e) => tracing::error!(user.id = %r.user_id, error = %e, "digest not queued"),
            }
        }
        if queued > 0 {
            self.jobs_ready.notify_waiters();
            tracing::info!(queued, "digests queued");
        }
        Ok(queued)
    }

    /// Claims today's digest for one leader and queues it, together; `false`
    /// when another scheduler claimed it first.
    async fn queue_digest(
        &self,
        r: &db::notices::DigestReader,
        today: &str,
        now: i64,
    ) -> Result<bool> {
        let mut tx = self.db.begin().await?;
        let Some(previous) =
            db::notices::claim_digest(&mut tx, &r.user_id, &r.team_id, today, now).await?
        else {
            return Ok(false);
        };
        let since = previous.unwrap_or(now - r.digest.period_ms());
        let job = LeaderNotice {
            user_id: r.user_id.to_string(),
            notice: Notice::Digest { since, until: now },
            team_id: Some(r.team_id.to_string()),
        };
        queue::enqueue(&mut tx, &job, now).await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(true)
    }

    /// What the team's digest for `[since, until)` says, from current data.
    pub async fn digest_report(
        &self,
        team_id: &TeamId,
        department: Option<&crate::domain::DepartmentId>,
        since: i64,
        until: i64,
    ) -> Result<DigestReport> {
        let Some(team) = db::teams::get(&self.db.pool, team_id).await? else {
            return Err(Error::NotFound("team"));
        };
        let tz = team_tz(&team.timezone);
        let today = self.now().to_zoned(tz.clone()).date();
        // The digest speaks the team's language, like every team email.
        let tr = self.email_tr(&team).await;
        let scope = db::headshots::ListFilter {
            department: department.map(ToString::to_string).unwrap_or_default(),
            ..Default::default()
        };
        let rows = db::headshots::list_for_team(&self.db.pool, team_id, &scope).await?;
        let mut report = DigestReport {
            credits_available: team.credits_available,
            ..Default::default()
        };
        let within = |t: Option<i64>| t.is_some_and(|t| since <= t && t < until);
        let day_of = |t: i64| {
            jiff::Timestamp::from_millisecond(t)
                .map(|t| tr.day(t.to_zoned(tz.clone()).date(), today))
                .unwrap_or_default()
        };
        for h in &rows {
            let name = format!("{} {}", h.first_name, h.last_name);
            let v = self.headshot_summary(h, &tz);
            let due = h
                .due_date
                .parse::<jiff::civil::Date>()
                .map(|d| tr.day(d, today))
                .unwrap_or_else(|_| h.due_date.clone());
            if h.status == HeadshotStatus::NewPhotoRequested {
                report.new_photo.push(DigestLine {
                    name: name.clone(),
                    detail: tr.t1("digest-asked", "date", day_of(h.updated_at)),
                });
            } else if v.overdue {
                report.overdue.push(DigestLine {
                    name: name.clone(),
                    detail: tr.t1("digest-was-due", "date", &due),
                });
            }
            if h.status == HeadshotStatus::Delivered && within(h.delivered_at) {
                report.delivered.push(DigestLine {
                    name: name.clone(),
                    detail: tr.t1(
                        "digest-delivered-on",
                        "date",
                        h.delivered_at.map(day_of).unwrap_or_default(),
                    ),
                });
            }
            if h.status == HeadshotStatus::Approved && within(h.approved_at) {
                report.approved.push(DigestLine {
                    name,
                    detail: tr.t1(
                        "digest-approved-on",
                        "date",
                        h.approved_at.map(day_of).unwrap_or_default(),
                    ),
                });
            }
        }
        Ok(report)
    }
}
