//! Invitations held back: a headshot made with `"send_invite": false` (or
//! an import with `send_invites=false`) waits for a leader to send its
//! welcome email — one, the chosen ones, or all — after a look at it.

use super::views::Headshot;
use super::{Error, Principal, Result, Services};
use crate::db::{self, headshots::HeadshotRow};
use crate::domain::HeadshotId;
use crate::email::OutgoingMail;
use crate::jobs::mail::{For, render};
use crate::queue::{self, MailJob, Template};

impl Services {
    /// `POST /headshots/{id}/send-invite`. Sent twice, or twice at once,
    /// it sends one email; an invitation already sent is left as it is.
    pub async fn send_invite(&self, p: &Principal, id: &str) -> Result<Headshot> {
        self.send_invite_once(p, id).await?;
        let (h, t) = self.load_visible(p, id).await?;
        self.view_of(p, &h.id, &t).await
    }

    /// The same; whether this call sent it.
    pub async fn send_invite_once(&self, p: &Principal, id: &str) -> Result<bool> {
        p.leader_scope()?;
        let (h, _) = self.load_visible(p, id).await?;
        if h.invite_held == 0 {
            return Ok(false);
        }
        if h.email_bounced_at.is_some() {
            return Err(bounced(&h));
        }
        let mut tx = self.db.begin().await?;
        let sent = self.release_invite(&mut tx, &h, &p.audit_name()).await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        Ok(sent)
    }

    /// `POST /headshots/send-invites`: every invitation of the team still
    /// held back, in one transaction; how many were sent.
    pub async fn send_held_invites(&self, p: &Principal) -> Result<usize> {
        let (team_id, _) = p.leader_scope()?;
        let ids = self.held_invite_ids(p).await?;
        let who = p.audit_name();
        let mut tx = self.db.begin().await?;
        let mut sent = 0;
        for id in &ids {
            let Some(h) = db::headshots::get(&mut *tx, &HeadshotId::of(id)).await? else {
                continue;
            };
            // A bounced address waits for its correction.
            if h.invite_held == 0 || h.email_bounced_at.is_some() {
                continue;
            }
            match self.release_invite(&mut tx, &h, &who).await {
                Ok(true) => sent += 1,
                // Sent or corrected meanwhile: that change stands.
                Ok(false) | Err(Error::Conflict(_)) => {}
                Err(e) => return Err(e),
            }
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        if sent > 0 {
            self.audit_team(team_id, p, &format!("sent {sent} held-back invitations"))
                .await?;
        }
        Ok(sent)
    }

    /// The welcome email as headshot `id`'s member will get it (opening
    /// the preview does not count as the member opening it).
    /// With the member's name, for the page.
    pub async fn invite_preview(&self, p: &Principal, id: &str) -> Result<(String, OutgoingMail)> {
        p.leader_scope()?;
        let (h, _) = self.load_visible(p, id).await?;
        let mail = render(self, &h, Template::Welcome, For::Preview).await?;
        Ok((format!("{} {}", h.first_name, h.last_name), mail))
    }

    /// The team's headshots whose invitation is held back, oldest first.
    pub async fn held_invite_ids(&self, p: &Principal) -> Result<Vec<String>> {
        let (team_id, own) = p.leader_scope()?;
        let ids = db::held_invites::of_team(&self.db.pool, team_id).await?;
        match own {
            None => Ok(ids),
            // A department's leader: theirs alone.
            Some(_) => {
                let mine: std::collections::HashSet<String> = self
                    .team_listing(p)
                    .await?
                    .summaries
                    .into_iter()
                    .map(|h| h.id)
                    .collect();
                Ok(ids.into_iter().filter(|id| mine.contains(id)).collect())
            }
        }
    }

    /// Inside `tx`: ends the hold and queues the welcome with the link of
    /// the moment; a correction or a send made meanwhile wins. Whether
    /// this call sent it.
    async fn release_invite(&self, tx: &mut db::Tx, h: &HeadshotRow, who: &str) -> Result<bool> {
        let now = self.now_ms();
        if !db::held_invites::release(&mut **tx, &h.id, h.member_token_version, now).await? {
            let fresh = db::headshots::get(&mut **tx, &h.id).await?;
            return match fresh {
                // Sent by another click meanwhile: nothing more to do.
                Some(f) if f.invite_held == 0 => Ok(false),
                _ => Err(Error::changed_meanwhile()),
            };
        }
        db::events::insert(
            &mut **tx,
            &h.id,
            &h.team_id,
            now,
            who,
            "sent the invitation",
            None,
        )
        .await?;
        queue::enqueue(tx, &MailJob::welcome(&h.id, h.member_token_version), now).await?;
        Ok(true)
    }
}

fn bounced(h: &HeadshotRow) -> Error {
    Error::Conflict(format!(
        "Mail to {} bounced: correct {} {}'s address first, then send the invitation.",
        h.email, h.first_name, h.last_name
    ))
}
