//! A member's personal data, on their own request or a leader's: an export
//! of everything held about them in the team (one ZIP: `member.json` and
//! the files), and an erasure — photos and files deleted, names, address
//! and notes replaced by a tombstone, the ledger's amounts kept. The member
//! (their personal link) or an accountable leader may ask; the share link
//! and staff may not.

use super::secrets::{hash_token, new_token};
use super::views::rfc3339;
use super::{Error, Principal, Result, Services};
use crate::db::{self, headshots::HeadshotRow};
use crate::domain::HeadshotStatus;
use crate::queue::{self, DeleteObjects};
use crate::storage::HeadshotObjects;
use serde_json::{Value, json};
use std::io::Write;
use zip::write::SimpleFileOptions;

/// An erasure asked for without the confirmation.
pub const UNCONFIRMED: &str = "An erasure cannot be undone: tick the box (in the API, send {\"confirm\": true}) to erase. Nothing was erased.";

/// A finished export: the archive and the name to save it under.
pub struct MemberExport {
    pub file_name: String,
    pub zip: Vec<u8>,
}

/// One file of the export: its name in the archive and its storage key.
struct Entry {
    name: String,
    key: String,
    /// An original photo: its private metadata (GPS) is removed first.
    original: bool,
}

fn opt_time(ms: Option<i64>) -> Value {
    ms.map_or(Value::Null, |t| Value::String(rfc3339(t)))
}

/// The last eight characters of an id, to tell files apart in names.
fn short(id: &str) -> &str {
    &id[id.len().saturating_sub(8)..]
}

impl Services {
    /// The headshot `id` and its team, if `p` may handle its member's
    /// personal data.
    async fn personal_data_of(
        &self,
        p: &Principal,
        id: &str,
    ) -> Result<(HeadshotRow, db::teams::TeamRow)> {
        match p {
            Principal::Leader { .. } => {
                p.accountable_leader_team("members' personal data")?;
            }
            Principal::Member { .. } => {}
            Principal::Staff { .. } => return Err(Error::NotFound("headshot")),
        }
        self.load_visible(p, id).await
    }

    /// The headshots an export or erasure covers. A leader's request
    /// covers every headshot of the address in the team; a member's, only
    /// their own headshot and the refreshes linked to it (two people may
    /// share an address such as `team@acme.com`).
    async fn whose_data<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
        &self,
        p: &Principal,
        h: &HeadshotRow,
        team: &db::teams::TeamRow,
        e: E,
    ) -> Result<Vec<HeadshotRow>> {
        let rows = db::privacy::of_member(e, team.id.as_str(), &h.email).await?;
        if !matches!(p, Principal::Member { .. }) {
            return Ok(rows);
        }
        let mut mine = vec![h.id.clone()];
        loop {
            let more: Vec<_> = rows
                .iter()
                .filter(|r| !mine.contains(&r.id))
                .filter(|r| {
                    r.refresh_of.as_ref().is_some_and(|o| mine.contains(o))
                        || rows
                            .iter()
                            .any(|n| mine.contains(&n.id) && n.refresh_of.as_ref() == Some(&r.id))
                })
                .map(|r| r.id.clone())
                .collect();
            if more.is_empty() {
                break;
            }
            mine.extend(more);
        }
        Ok(rows.into_iter().filter(|r| mine.contains(&r.id)).collect())
    }

    /// Everything held about the member of headshot `id` in its team.
    pub async fn export_member(&self, p: &Principal, id: &str) -> Result<MemberExport> {
        let (h, team) = self.personal_data_of(p, id).await?;
        let pool = &self.db.pool;
        let rows = self.whose_data(p, &h, &team, pool).await?;
        let mut entries = Vec::new();
        let mut headshots = Vec::new();
        for r in &rows {
            let mut photos = Vec::new();
            for ph in db::privacy::photos_of(pool, &r.id).await? {
                let ext = match ph.content_type.as_str() {
                    "image/png" => "png",
                    "image/webp" => "webp",
                    _ => "jpg",
                };
                let name = format!("photos/{}_{}.{ext}", short(&r.id), short(&ph.id));
                photos.push(json!({
                    "uploaded_at": rfc3339(ph.created_at),
                    "uploaded_by": ph.uploaded_by,
                    "content_type": ph.content_type,
                    "width": ph.width, "height": ph.height, "bytes": ph.bytes,
                    "checks": ph.checks.as_deref().and_then(|c| serde_json::from_str::<Value>(c).ok()),
                    "file": name,
                }));
                entries.push(Entry {
                    name,
                    key: ph.storage_key,
                    original: true,
                });
            }
            // What the member can see: the finals once approved, the
            // watermarked previews before.
            let approved = r.status == HeadshotStatus::Approved;
            let mut files = Vec::new();
            for f in db::files::latest_for(pool, &r.id)
                .await?
                .into_iter()
                .filter(|f| (f.watermarked == 0) == approved)
            {
                let ext = if f.format == "png" { "png" } else { "jpg" };
                let name = format!(
                    "headshots/{}_{}_{}x{}.{ext}",
                    short(&r.id),
                    short(&f.id),
                    f.width,
                    f.height
                );
                files.push(
                    json!({"width": f.width, "height": f.height, "format": f.format,
                    "background_id": f.background_id, "shape": f.shape,
                    "watermarked": f.watermarked != 0, "file": name}),
                );
                entries.push(Entry {
                    name,
                    key: f.storage_key,
                    original: false,
                });
            }
            let events: Vec<Value> = db::events::for_headshot(pool, &r.id)
                .await?
                .into_iter()
                .map(|e| json!({"at": rfc3339(e.at), "by": e.actor, "action": e.action, "detail": e.detail}))
                .collect();
            let ledger: Vec<Value> = db::privacy::ledger_of(pool, &r.id)
                .await?
                .into_iter()
                .map(|(at, kind, credits, cents)| json!({"at": rfc3339(at), "kind": kind, "credits": credits, "amount_cents": cents}))
                .collect();
            headshots.push(json!({
                "id": r.id.to_string(),
                "first_name": r.first_name, "last_name": r.last_name, "email": r.email,
                "status": r.status.as_str(), "due_date": r.due_date,
                "created_at": rfc3339(r.created_at), "uploaded_at": opt_time(r.uploaded_at),
                "delivered_at": opt_time(r.delivered_at), "approved_at": opt_time(r.approved_at),
                "quality_check_reasons": serde_json::from_str::<Value>(&r.qc_reasons).unwrap_or(Value::Null),
                "quality_check_note": r.qc_note, "re_edit_notes": r.re_edit_notes,
                "email_bounce": r.email_bounce, "refresh_of": r.refresh_of.as_ref().map(ToString::to_string),
                "answers": super::intake::answers_of(r),
                "photos": photos, "files": files, "history": events, "credits": ledger,
            }));
        }
        let joins: Vec<Value> = db::privacy::joins_of(pool, team.id.as_str(), &h.email)
            .await?
            .into_iter()
            .map(|(link, first, last, at, confirmed)| {
                json!({"invite_link": link, "first_name": first,
                "last_name": last, "asked_at": rfc3339(at), "confirmed_at": opt_time(confirmed)})
            })
            .collect();
        let document = json!({
            "exported_at": rfc3339(self.now_ms()),
            "exported_by": p.audit_name(),
            "studio": self.studio_settings().await?.branding.studio_name,
            "team": team.name,
            "email": h.email,
            "headshots": headshots,
            "invite_link_requests": joins,
            "about": "Everything this studio holds about you in this team. Original photos are as you sent them, without location or camera metadata.",
        });
        let zip = self.export_archive(&document, entries).await?;
        let now = self.now_ms();
        db::events::insert(
            pool,
            &h.id,
            team.id.as_str(),
            now,
            &p.audit_name(),
            "personal data exported",
            None,
        )
        .await?;
        Ok(MemberExport {
            file_name: format!("personal-data-{}.zip", short(&h.id)),
            zip,
        })
    }

    async fn export_archive(&self, document: &Value, entries: Vec<Entry>) -> Result<Vec<u8>> {
        let mut files = Vec::with_capacity(entries.len());
        for e in entries {
            // A file deleted under the studio's retention is simply absent;
            // any other failure stops the export rather than leave it short.
            let Some(data) = self.storage.get_path_opt(&e.key).await? else {
                continue;
            };
            let data = if e.original {
                crate::imaging::metadata::strip_private_metadata(&data)
            } else {
                data
            };
            files.push((e.name, data));
        }
        let json = serde_json::to_vec_pretty(document).map_err(anyhow::Error::from)?;
        let write = move || -> anyhow::Result<Vec<u8>> {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            zip.start_file("member.json", SimpleFileOptions::default())?;
            zip.write_all(&json)?;
            let stored =
                SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
            for (name, data) in files {
                zip.start_file(name, stored)?;
                zip.write_all(&data)?;
            }
            Ok(zip.finish()?.into_inner())
        };
        Ok(tokio::task::spawn_blocking(write)
            .await
            .map_err(anyhow::Error::from)??)
    }

    /// Erases the member of headshot `id`: every headshot of their address
    /// in the team becomes a tombstone in one transaction, and a job deletes
    /// the stored objects. The credits spent stay spent (the ledger keeps
    /// its amounts). `confirmed`: the caller ticked the box (or sent
    /// `"confirm": true`). Returns how many headshots were erased.
    pub async fn erase_member(&self, p: &Principal, id: &str, confirmed: bool) -> Result<usize> {
        let (h, team) = self.personal_data_of(p, id).await?;
        if !confirmed {
            return Err(Error::invalid("confirm", UNCONFIRMED));
        }
        // The member's own request is not recorded under their address.
        let who = match p {
            Principal::Member {
                on_behalf: None, ..
            } => "the member".to_string(),
            _ => p.audit_name(),
        };
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        // A refresh or a join for the same address waits for the erasure.
        db::teams::lock(&mut *tx, team.id.as_str()).await?;
        let rows = self.whose_data(p, &h, &team, &mut *tx).await?;
        let mut erased = 0;
        for r in &rows {
            if !db::privacy::tombstone(&mut tx, &r.id, &hash_token(&new_token()), now).await? {
                continue;
            }
            super::slack_photo::forget_grant(&mut tx, r.id.as_str(), now).await?;
            db::events::insert(
                &mut *tx,
                &r.id,
                team.id.as_str(),
                now,
                &who,
                "personal data erased",
                Some("photos, files, name, address and notes deleted; the credits spent stay in the ledger"),
            )
            .await?;
            let job = DeleteObjects {
                team_id: team.id.to_string(),
                headshot_id: r.id.to_string(),
                objects: HeadshotObjects::All,
            };
            queue::enqueue(&mut tx, &job, now).await?;
            erased += 1;
        }
        if erased == 0 {
            return Err(Error::NotFound("headshot"));
        }
        db::privacy::forget_address(&mut tx, team.id.as_str(), &h.email).await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        tracing::info!(team.id = %team.id, headshots = erased, "member erased");
        Ok(erased)
    }
}
