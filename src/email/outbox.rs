//! The data dir's outbox: with no SMTP server configured, each email is kept
//! as an `.eml` file (for mail tools) plus a small JSON summary that the
//! studio's admins read in the browser at `/studio/outbox`.

use super::OutgoingMail;
use anyhow::Context;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub id: String,
    pub at: i64,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Writes atomically (temporary file, then rename); writing the same event
/// again replaces it rather than duplicating it.
pub async fn write(
    dir: &Path,
    event_id: &str,
    mail: &OutgoingMail,
    raw: &[u8],
) -> anyhow::Result<()> {
    tokio::fs::create_dir_all(dir)
        .await
        .with_context(|| format!("cannot create the outbox folder {}", dir.display()))?;
    let entry = OutboxEntry {
        id: event_id.to_string(),
        at: jiff::Timestamp::now().as_millisecond(),
        to: mail.to.clone(),
        subject: mail.subject.clone(),
        text: mail.text.clone(),
        html: mail.html.clone(),
    };
    let json = serde_json::to_vec_pretty(&entry)?;
    for (ext, bytes) in [("eml", raw), ("json", json.as_slice())] {
        let tmp = dir.join(format!(".{event_id}.{ext}.tmp"));
        tokio::fs::write(&tmp, bytes).await?;
        tokio::fs::rename(&tmp, dir.join(format!("{event_id}.{ext}"))).await?;
    }
    Ok(())
}

/// Every email in the outbox, newest first.
pub async fn list(dir: &Path) -> anyhow::Result<Vec<OutboxEntry>> {
    let mut out = Vec::new();
    let mut rd = match tokio::fs::read_dir(dir).await {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e.into()),
    };
    while let Some(entry) = rd.next_entry().await? {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".json") && !name.starts_with('.') {
            let text = tokio::fs::read(entry.path()).await?;
            if let Ok(e) = serde_json::from_slice::<OutboxEntry>(&text) {
                out.push(e);
            }
        }
    }
    out.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
    Ok(out)
}

pub async fn get(dir: &Path, id: &str) -> anyhow::Result<Option<OutboxEntry>> {
    // Ids are UUIDs; refuse anything that could walk out of the folder.
    if !id.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Ok(None);
    }
    match tokio::fs::read(dir.join(format!("{id}.json"))).await {
        Ok(b) => Ok(Some(serde_json::from_slice(&b)?)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}
