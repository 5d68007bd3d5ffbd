//! Leader actions on one or many headshots: reminders, bulk actions, and the
//! status spreadsheet.

use super::headshot_changes::HeadshotChange;
use super::views::{Headshot, rfc3339};
use super::{Error, Principal, Result, Services};
use crate::db;
use crate::queue::{self, MailJob, Template};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const MAX_BULK: usize = 1000;

/// What a leader can do to many headshots at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BulkAction {
    Remind,
    /// One payment for all of them.
    Expedite,
    /// Needs `due_date`.
    SetDueDate,
    Delete,
    Approve,
    /// New Photo Requested: retouch the photo as it is.
    MoveForward,
    /// Sends held-back invitations.
    SendInvite,
}

crate::domain::wire::wire_names!(BulkAction {
    Remind => "remind",
    Expedite => "expedite",
    SetDueDate => "set_due_date",
    Delete => "delete",
    Approve => "approve",
    MoveForward => "move_forward",
    SendInvite => "send_invite",
});

impl BulkAction {
    /// What happened to each headshot it succeeded on, for a notice.
    pub fn done(self) -> &'static str {
        match self {
            Self::Remind => "reminded",
            Self::Expedite => "expedited",
            Self::SetDueDate => "given the new due date",
            Self::Delete => "deleted",
            Self::Approve => "approved",
            Self::MoveForward => "moved forward to retouching",
            Self::SendInvite => "invited",
        }
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct BulkRequest {
    pub action: BulkAction,
    pub ids: Vec<String>,
    /// For `set_due_date`.
    #[serde(default)]
    pub due_date: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BulkResult {
    pub id: String,
    pub ok: bool,
    pub error: Option<String>,
}

impl Services {
    /// Sends the member a reminder now (the bell), at most once a day and
    /// only while no photo was uploaded.
    pub async fn remind(&self, p: &Principal, id: &str) -> Result<()> {
        p.leader_scope()?;
        let (h, _) = self.load_visible(p, id).await?;
        self.send_reminder(&h, &p.audit_name()).await
    }

    pub(crate) async fn send_reminder(
        &self,
        h: &db::headshots::HeadshotRow,
        who: &str,
    ) -> Result<()> {
        let status = h.status;
        if !status.owes_photo() {
            return Err(Error::Conflict(format!(
                "{} {} has uploaded a photo already; no reminder is needed.",
                h.first_name, h.last_name
            )));
        }
        if h.invite_held != 0 {
            return Err(Error::Conflict(format!(
                "{} {}'s invitation has not been sent yet: send it first (Send invites).",
                h.first_name, h.last_name
            )));
        }
        if h.email_bounced_at.is_some() {
            return Err(Error::Conflict(format!(
                "Mail to {} bounced: correct {} {}'s address first (a correction sends a new welcome).",
                h.email, h.first_name, h.last_name
            )));
        }
        let now = self.now_ms();
        // At most one reminder per headshot in the studio's gap (24 h by
        // default).
        let rules = &self.studio_settings().await?.rules;
        let gap = rules.reminder_gap_ms();
        let mut tx = self.db.begin().await?;
        if !db::headshots::note_reminder(&mut *tx, &h.id, now, now - gap).await? {
            let next = h
                .last_reminded_at
                .map(|t| rfc3339(t + gap))
                .unwrap_or_default();
            return Err(Error::Conflict(format!(
                "{} {} was reminded less than {} hours ago; the next reminder can go after {next}.",
                h.first_name, h.last_name, rules.reminder_gap_hours
            )));
        }
        db::events::insert(
            &mut *tx,
            &h.id,
            &h.team_id,
            now,
            who,
            "sent a reminder",
            None,
        )
        .await?;
        queue::enqueue(&mut tx, &MailJob::new(Template::Reminder, &h.id), now).await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        Ok(())
    }

    /// One action on many headshots; each gets its own result. Expedite is
    /// one payment for all of them, so it succeeds or fails as a whole.
    pub async fn bulk(&self, p: &Principal, req: BulkRequest) -> Result<Vec<BulkResult>> {
        // Each action checks the caller again (a department's leader may
        // not expedite: that is a payment of the team's).
        p.leader_scope()?;
        // Each headshot once, in the order asked (a repeated id must not be
        // charged or reminded twice, nor count against the limit).
        let ids = unique(&req.ids);
        if ids.is_empty() || ids.len() > MAX_BULK {
            return Err(Error::invalid(
                "ids",
                format!("Select between 1 and {MAX_BULK} headshots."),
            ));
        }
        if req.action == BulkAction::Expedite {
            let outcome = self.expedite(p, &ids).await.map(|_| ());
            let error = outcome.err().map(|e| problem_text(&e));
            return Ok(ids
                .into_iter()
                .map(|id| BulkResult {
                    id,
                    ok: error.is_none(),
                    error: error.clone(),
                })
                .collect());
        }
        if req.action == BulkAction::SetDueDate && req.due_date.is_none() {
            return Err(Error::invalid(
                "due_date",
                "Give the new due date (YYYY-MM-DD).",
            ));
        }
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let r = match req.action {
                BulkAction::Remind => self.remind(p, &id).await,
                BulkAction::SetDueDate => {
                    let due_date = req.due_date.clone().unwrap_or_default();
                    self.change_headshot(p, &id, HeadshotChange::due_date(due_date))
                        .await
                        .map(|_| ())
                }
                BulkAction::Delete => self.delete_headshot(p, &id).await,
                BulkAction::Approve => self.approve(p, &id).await.map(|_| ()),
                BulkAction::MoveForward => self.move_forward(p, &id).await.map(|_| ()),
                BulkAction::SendInvite => match self.send_invite_once(p, &id).await {
                    Ok(true) => Ok(()),
                    Ok(false) => Err(Error::Conflict("The invitation was sent already.".into())),
                    Err(e) => Err(e),
                },
                BulkAction::Expedite => unreachable!("expedite is one payment, handled above"),
            };
            out.push(match r {
                Ok(()) => BulkResult {
                    id,
                    ok: true,
                    error: None,
                },
                Err(e @ Error::Internal(_)) => return Err(e),
                Err(e) => BulkResult {
                    id,
                    ok: false,
                    error: Some(problem_text(&e)),
                },
            });
        }
        Ok(out)
    }

    /// The status of every headshot as CSV, safe to open in a spreadsheet.
    pub async fn status_csv(&self, p: &Principal) -> Result<Vec<u8>> {
        // Summaries: the spreadsheet needs no signed links.
        let items = self.team_listing(p).await?.summaries;
        let team = db::teams::get(&self.db.pool, p.leader_scope()?.0)
            .await?
            .ok_or(Error::NotFound("team"))?;
        // One column per question, headed by its key.
        let fields: Vec<String> = super::intake::team_fields(&team)
            .into_iter()
            .map(|f| f.key)
            .collect();
        tokio::task::spawn_blocking(move || write_status_csv(&items, &fields))
            .await
            .map_err(anyhow::Error::from)?
            .map_err(|e| Error::Internal(anyhow::anyhow!("{e}")))
    }
}

/// Writing thousands of rows is CPU work: run off the async threads.
fn write_status_csv(items: &[Headshot], fields: &[String]) -> std::result::Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "first_name",
        "last_name",
        "email",
        "status",
        "section",
        "due_date",
        "overdue",
        "expedited",
        "needs_attention",
        "uploaded_at",
        "delivered_at",
        "approved_at",
        "invite_not_sent",
        "email_bounced",
    ];
    w.write_record(
        header
            .iter()
            .copied()
            .chain(fields.iter().map(String::as_str)),
    )
    .map_err(|e| e.to_string())?;
    for h in items {
        let answers = fields
            .iter()
            .map(|k| h.intake.get(k).cloned().unwrap_or_default());
        w.write_record(
            status_row(h)
                .into_iter()
                .chain(answers)
                .map(|c| spreadsheet_safe(&c)),
        )
        .map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

fn status_row(h: &Headshot) -> Vec<String> {
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    vec![
        h.member.first_name.clone(),
        h.member.last_name.clone(),
        h.member.email.clone(),
        h.status.label().to_string(),
        h.section.label().to_string(),
        h.due_date.clone(),
        yes_no(h.overdue),
        yes_no(h.expedited),
        yes_no(h.needs_attention),
        h.uploaded_at.clone().unwrap_or_default(),
        h.delivered_at.clone().unwrap_or_default(),
        h.approved_at.clone().unwrap_or_default(),
        yes_no(h.invite_held),
        yes_no(h.member.email_bounced_at.is_some()),
    ]
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab
/// or carriage return before one) is prefixed with `'`, which shows it as text.
pub fn spreadsheet_safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

fn problem_text(e: &Error) -> String {
    let p = crate::http::error::problem(e);
    match p.errors.first() {
        Some(i) => i.message.clone(),
        None => p.detail,
    }
}

/// `ids` without repeats, first occurrence kept.
pub(crate) fn unique(ids: &[String]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    ids.iter()
        .filter(|i| seen.insert(i.as_str()))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            assert!(spreadsheet_safe(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(spreadsheet_safe("Ana"), "Ana");
        assert_eq!(spreadsheet_safe("2026-03-16"), "2026-03-16");
    }
}
