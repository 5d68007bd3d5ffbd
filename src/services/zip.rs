//! One ZIP of every approved headshot's final files, streamed: files are
//! read one at a time and written as they come, so memory stays at one file
//! whatever the team's size. Entries are stored (JPEG is compressed already).
//! The `zip` crate writes ZIP64 records when they are needed, so more than
//! 65,535 files or more than 4 GiB in all still open everywhere.

use super::{Error, Principal, Result, Services};
use crate::db;
use crate::domain::HeadshotStatus;
use crate::storage::Storage;
use bytes::Bytes;
use futures::SinkExt;
use futures::channel::mpsc;
use std::io::Write;
use zip::write::SimpleFileOptions;

/// One file of the archive: its name, where it is stored, when it was made.
struct Member {
    name: String,
    key: String,
    at: i64,
}

/// Bytes go to the client in pieces of about this size.
const CHUNK: usize = 256 * 1024;

/// A name safe in every file system: letters, digits, `-` and `_`, at most
/// 40 characters.
fn safe(s: &str) -> String {
    safe_up_to(s, 40)
}

fn safe_up_to(s: &str, max: usize) -> String {
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
    t.trim_matches('_').chars().take(max).collect()
}

/// `name` or, if taken, `name_2`, `name_3`…
fn unique(name: String, taken: &mut std::collections::HashSet<String>) -> String {
    let mut candidate = name.clone();
    let mut n = 1;
    while !taken.insert(candidate.clone()) {
        n += 1;
        candidate = match name.rsplit_once('.') {
            Some((stem, ext)) => format!("{stem}_{n}.{ext}"),
            None => format!("{name}_{n}"),
        };
    }
    candidate
}

pub type ZipStream = mpsc::Receiver<std::result::Result<Bytes, std::io::Error>>;

/// A `Write` that hands what the (synchronous) ZIP writer produces to the
/// response stream in `CHUNK`-sized pieces, waiting while the client is
/// slow: the channel holds two pieces at most.
struct ToClient {
    tx: mpsc::Sender<std::io::Result<Bytes>>,
    buf: Vec<u8>,
}

impl ToClient {
    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let piece = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        futures::executor::block_on(self.tx.send(Ok(piece))).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client went away")
        })
    }
}

impl Write for ToClient {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

/// Writes the archive to `out`, reading each file with `read` just before
/// it is written.
fn write_archive<W: Write>(
    out: W,
    files: Vec<Member>,
    mut read: impl FnMut(&str) -> anyhow::Result<Bytes>,
) -> anyhow::Result<W> {
    let mut zip = zip::ZipWriter::new_stream(out);
    for f in files {
        let data = read(&f.key)?;
        let made = jiff::Timestamp::from_millisecond(f.at)
            .ok()
            .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).datetime())
            .and_then(|d| zip::DateTime::try_from(d).ok())
            .unwrap_or_default();
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .last_modified_time(made);
        zip.start_file(f.name, options)?;
        zip.write_all(&data)?;
    }
    let mut out = zip.finish()?.into_inner();
    out.flush()?;
    Ok(out)
}

impl Services {
    /// Starts streaming the team's approved files; the listing (and the
    /// authorisation) happens before the first byte.
    pub async fn approved_zip(&self, p: &Principal) -> Result<ZipStream> {
        let (team_id, department) = p.leader_scope()?;
        let team_id = team_id.to_string();
        let team = db::teams::get(&self.db.pool, &crate::domain::TeamId::of(&team_id))
            .await?
            .ok_or(Error::NotFound("team"))?;
        let list = db::headshots::list_for_team(
            &self.db.pool,
            &team_id,
            &db::headshots::ListFilter {
                statuses: db::headshots::status_list([HeadshotStatus::Approved]),
                query: String::new(),
                department: department.map(ToString::to_string).unwrap_or_default(),
            },
        )
        .await?;
        self.zip_of(list, super::intake::team_template(&team)).await
    }

    /// A member's own final files in one ZIP, once they approved them.
    pub async fn member_zip(&self, p: &Principal) -> Result<ZipStream> {
        let Principal::Member { headshot_id, .. } = p else {
            return Err(Error::NotFound("headshot"));
        };
        let (h, team) = self.load_visible(p, headshot_id).await?;
        if h.status != HeadshotStatus::Approved {
            return Err(Error::Conflict(
                "Approve your headshot first: the files without a watermark come with the approval."
                    .into(),
            ));
        }
        self.zip_of(vec![h], super::intake::team_template(&team))
            .await
    }

    /// Streams the final files of `list`'s latest deliveries, each member's
    /// named by the team's template if it set one.
    async fn zip_of(
        &self,
        list: Vec<db::headshots::HeadshotRow>,
        template: Option<crate::domain::intake::NameTemplate>,
    ) -> Result<ZipStream> {
        let mut files = Vec::new();
        let mut taken = std::collections::HashSet::new();
        for h in list {
            let person = match &template {
                Some(t) => safe_up_to(
                    &t.render(
                        &h.first_name,
                        &h.last_name,
                        &h.id,
                        &super::intake::answers_of(&h),
                    ),
                    80,
                ),
                None => format!(
                    "{}_{}_{}",
                    safe(&h.last_name),
                    safe(&h.first_name),
                    &h.id[h.id.len() - 8..]
                ),
            };
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
                let name = format!("{person}{background}_{}x{}.{ext}", f.width, f.height);
                files.push(Member {
                    name: unique(name, &mut taken),
                    key: f.storage_key,
                    at: f.created_at,
                });
            }
        }
        let (tx, rx) = mpsc::channel(2);
        let storage: Storage = self.storage.clone();
        let runtime = tokio::runtime::Handle::current();
        // The ZIP writer is synchronous: it runs on the blocking pool and
        // reads each file from storage through the runtime.
        tokio::task::spawn_blocking(move || {
            let mut errors = tx.clone();
            let out = ToClient {
                tx,
                buf: Vec::with_capacity(CHUNK),
            };
            let read = |key: &str| runtime.block_on(storage.get(key));
            if let Err(e) = write_archive(out, files, read) {
                // Tell the client the archive is cut short (unless it left).
                let _ = futures::executor::block_on(
                    errors.send(Err(std::io::Error::other(format!("{e:#}")))),
                );
            }
        });
        Ok(rx)
    }
}

#[cfg(test)]
mod tests {
    use super::{Member, safe, unique, write_archive};
    use bytes::Bytes;

    #[test]
    fn names_are_safe() {
        assert_eq!(safe("O'Brien/../x"), "O_Brien____x");
        assert_eq!(safe("Zoë"), "Zoë");
    }

    #[test]
    fn two_members_named_alike_get_two_files() {
        let mut taken = std::collections::HashSet::new();
        assert_eq!(
            unique("Lima_Ana_800x800.jpg".into(), &mut taken),
            "Lima_Ana_800x800.jpg"
        );
        assert_eq!(
            unique("Lima_Ana_800x800.jpg".into(), &mut taken),
            "Lima_Ana_800x800_2.jpg"
        );
        assert_eq!(
            unique("Lima_Ana_800x800.jpg".into(), &mut taken),
            "Lima_Ana_800x800_3.jpg"
        );
    }

    #[test]
    fn more_files_than_the_classic_format_holds_still_open() {
        // 65,535 is the most a ZIP without ZIP64 records can count.
        let n = 70_000;
        let files = (0..n)
            .map(|i| Member {
                name: format!("f{i}.jpg"),
                key: format!("k{i}"),
                at: 1_700_000_000_000,
            })
            .collect();
        let out = write_archive(Vec::new(), files, |k| Ok(Bytes::from(k.to_string()))).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(out)).unwrap();
        assert_eq!(zip.len(), n);
        let mut last = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("f69999.jpg").unwrap(), &mut last).unwrap();
        assert_eq!(last, "k69999");
    }

    #[test]
    fn a_file_that_cannot_be_read_stops_the_archive() {
        let files = vec![Member {
            name: "a.jpg".into(),
            key: "gone".into(),
            at: 0,
        }];
        let e = write_archive(Vec::new(), files, |_| anyhow::bail!("no such object")).unwrap_err();
        assert_eq!(e.to_string(), "no such object");
    }
}
