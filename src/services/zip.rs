//! One ZIP of every approved headshot's final files, streamed: files are
//! read one at a time and written as they come, so memory stays at one file
//! whatever the team's size. Entries are stored (JPEG is compressed already).

use super::{Principal, Result, Services};
use crate::db;
use crate::domain::HeadshotStatus;
use bytes::{BufMut, Bytes, BytesMut};
use futures::SinkExt;
use futures::channel::mpsc;

struct Entry {
    name: String,
    crc: u32,
    size: u32,
    offset: u32,
}

/// Up to 4 GiB in all (the classic ZIP format, readable everywhere).
const MAX_TOTAL: u64 = u32::MAX as u64;

fn local_header(name: &str, crc: u32, size: u32) -> Bytes {
    let mut b = BytesMut::with_capacity(30 + name.len());
    b.put_u32_le(0x0403_4b50);
    b.put_u16_le(20); // version needed
    b.put_u16_le(0x0800); // UTF-8 names
    b.put_u16_le(0); // stored
    b.put_u16_le(0); // time
    b.put_u16_le(0x21); // date: 1980-01-01
    b.put_u32_le(crc);
    b.put_u32_le(size);
    b.put_u32_le(size);
    b.put_u16_le(name.len() as u16);
    b.put_u16_le(0);
    b.put_slice(name.as_bytes());
    b.freeze()
}

fn central_directory(entries: &[Entry], start: u32) -> Bytes {
    let mut b = BytesMut::new();
    for e in entries {
        b.put_u32_le(0x0201_4b50);
        b.put_u16_le(20);
        b.put_u16_le(20);
        b.put_u16_le(0x0800);
        b.put_u16_le(0);
        b.put_u16_le(0);
        b.put_u16_le(0x21);
        b.put_u32_le(e.crc);
        b.put_u32_le(e.size);
        b.put_u32_le(e.size);
        b.put_u16_le(e.name.len() as u16);
        b.put_u16_le(0);
        b.put_u16_le(0);
        b.put_u16_le(0);
        b.put_u16_le(0);
        b.put_u32_le(0);
        b.put_u32_le(e.offset);
        b.put_slice(e.name.as_bytes());
    }
    let size = b.len() as u32;
    b.put_u32_le(0x0605_4b50);
    b.put_u16_le(0);
    b.put_u16_le(0);
    b.put_u16_le(entries.len() as u16);
    b.put_u16_le(entries.len() as u16);
    b.put_u32_le(size);
    b.put_u32_le(start);
    b.put_u16_le(0);
    b.freeze()
}

/// A name safe in every file system: letters, digits, `-` and `_`.
fn safe(s: &str) -> String {
    let t: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    t.trim_matches('_').chars().take(40).collect()
}

pub type ZipStream = mpsc::Receiver<std::result::Result<Bytes, std::io::Error>>;

impl Services {
    /// Starts streaming the team's approved files; the listing (and the
    /// authorisation) happens before the first byte.
    pub async fn approved_zip(&self, p: &Principal) -> Result<ZipStream> {
        let team_id = p.leader_team()?.to_string();
        let mut files = Vec::new();
        let list = db::headshots::list_for_team(
            &self.db.pool,
            &team_id,
            &db::headshots::ListFilter {
                statuses: format!(",{},", HeadshotStatus::Approved.as_str()),
                query: String::new(),
            },
        )
        .await?;
        for h in list {
            for f in db::files::latest_for(&self.db.pool, &h.id)
                .await?
                .into_iter()
                .filter(|f| f.watermarked == 0)
            {
                let ext = if f.format == "png" { "png" } else { "jpg" };
                // One file per background and size: both are in the name.
                let background = f
                    .background_id
                    .as_deref()
                    .map(|b| format!("_{}", safe(b.trim_start_matches("bg-"))))
                    .unwrap_or_default();
                let name = format!(
                    "{}_{}_{}{background}_{}x{}.{ext}",
                    safe(&h.last_name),
                    safe(&h.first_name),
                    &h.id[h.id.len() - 8..],
                    f.width,
                    f.height
                );
                files.push((name, f.storage_key));
            }
        }
        let (mut tx, rx) = mpsc::channel(2);
        let storage = self.storage.clone();
        tokio::spawn(async move {
            let mut entries = Vec::new();
            let mut offset: u64 = 0;
            for (name, key) in files {
                let data = match storage.get(&key).await {
                    Ok(d) => d,
                    Err(e) => {
                        let _ = tx.send(Err(std::io::Error::other(format!("{e:#}")))).await;
                        return;
                    }
                };
                let crc = crc32fast::hash(&data);
                let header = local_header(&name, crc, data.len() as u32);
                if offset + (header.len() + data.len()) as u64 > MAX_TOTAL {
                    let _ = tx
                        .send(Err(std::io::Error::other("the archive would exceed 4 GiB")))
                        .await;
                    return;
                }
                entries.push(Entry {
                    name,
                    crc,
                    size: data.len() as u32,
                    offset: offset as u32,
                });
                offset += (header.len() + data.len()) as u64;
                if tx.send(Ok(header)).await.is_err() || tx.send(Ok(data)).await.is_err() {
                    return; // the client went away
                }
            }
            let _ = tx
                .send(Ok(central_directory(&entries, offset as u32)))
                .await;
        });
        Ok(rx)
    }
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn names_are_safe() {
        assert_eq!(safe("O'Brien/../x"), "O_Brien____x");
        assert_eq!(safe("Zoë"), "Zoë");
    }
}
