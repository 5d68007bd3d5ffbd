//! Photos and renders, through `object_store`: a folder in the data dir by
//! default, S3 for scaled setups. Keys are typed so nothing else builds paths.
//! Objects are written before the row that points at them is committed (the
//! local store writes to a temporary file and renames it into place).

use anyhow::Context;
use bytes::Bytes;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, path::Path as ObjectPath};
use secrecy::ExposeSecret;
use std::sync::Arc;
use url::Url;

use crate::config::S3Settings;
use crate::domain::{HeadshotId, TeamId};

/// Where each kind of object lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageKey {
    /// An uploaded photo exactly as received (private to staff).
    Original {
        team_id: TeamId,
        headshot_id: HeadshotId,
        photo_id: String,
    },
    /// The dashboard thumbnail of an uploaded photo.
    Thumbnail {
        team_id: TeamId,
        headshot_id: HeadshotId,
        photo_id: String,
    },
    /// An uploaded photo upright, at most 1024 px, re-encoded from its
    /// pixels (no metadata): what leaders and members are shown.
    Display {
        team_id: TeamId,
        headshot_id: HeadshotId,
        photo_id: String,
    },
    /// A background a team uploaded.
    Background {
        team_id: TeamId,
        background_id: String,
    },
    /// A picture of the studio's background library.
    Library { background_id: String },
    /// A reference picture or a mock-up of a custom background request.
    CustomBackground {
        team_id: TeamId,
        request_id: String,
        file_id: String,
    },
    /// What the retoucher handed in: each hand-in its own object (a fresh
    /// id), so two concurrent hand-ins never overwrite or delete each other's.
    Retouched {
        team_id: TeamId,
        headshot_id: HeadshotId,
        delivery: i64,
        handin_id: String,
        ext: &'static str,
    },
    /// What the automatic cut-out of an uploaded photo made.
    Cutout {
        team_id: TeamId,
        headshot_id: HeadshotId,
        photo_id: String,
        file: CutoutFile,
    },
    /// A rendered file of a delivery (preview or final).
    Render {
        team_id: TeamId,
        headshot_id: HeadshotId,
        file_id: String,
        ext: String,
    },
}

impl StorageKey {
    pub fn path(&self) -> String {
        match self {
            Self::Original {
                team_id,
                headshot_id,
                photo_id,
            } => {
                format!("teams/{team_id}/headshots/{headshot_id}/originals/{photo_id}")
            }
            Self::Thumbnail {
                team_id,
                headshot_id,
                photo_id,
            } => format!("teams/{team_id}/headshots/{headshot_id}/thumbnails/{photo_id}.jpg"),
            Self::Display {
                team_id,
                headshot_id,
                photo_id,
            } => format!("teams/{team_id}/headshots/{headshot_id}/display/{photo_id}.jpg"),
            Self::Background {
                team_id,
                background_id,
            } => format!("teams/{team_id}/backgrounds/{background_id}"),
            Self::Library { background_id } => format!("library/backgrounds/{background_id}"),
            Self::CustomBackground {
                team_id,
                request_id,
                file_id,
            } => format!("teams/{team_id}/custom-backgrounds/{request_id}/{file_id}"),
            Self::Retouched {
                team_id,
                headshot_id,
                delivery,
                handin_id,
                ext,
            } => format!(
                "teams/{team_id}/headshots/{headshot_id}/retouched/{delivery}-{handin_id}.{ext}"
            ),
            Self::Cutout {
                team_id,
                headshot_id,
                photo_id,
                file,
            } => {
                let name = match file {
                    CutoutFile::Draft => "draft.png",
                    CutoutFile::Small => "small.png",
                    CutoutFile::Preview => "preview.jpg",
                };
                format!("teams/{team_id}/headshots/{headshot_id}/cutouts/{photo_id}/{name}")
            }
            Self::Render {
                team_id,
                headshot_id,
                file_id,
                ext,
            } => {
                format!("teams/{team_id}/headshots/{headshot_id}/files/{file_id}.{ext}")
            }
        }
    }
}

/// The files of an automatic cut-out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CutoutFile {
    /// The cut-out at the photo's full size (PNG with transparency; staff only).
    Draft,
    /// The same, small, for the retouching card.
    Small,
    /// The member's watermarked preview in the team's style (JPEG).
    Preview,
}

/// Which objects of one headshot a deletion takes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadshotObjects {
    /// These keys (the rows that named them are gone): what the studio's
    /// retention deletes — photos as received, their thumbnails and display
    /// copies, the automatic cut-outs. Named one by one, so a photo sent
    /// after the rows were read stays.
    Keys(Vec<String>),
    /// Everything stored for the headshot, finals included: an erasure.
    All,
}

/// The folder holding every object of a headshot.
pub fn headshot_folder(team_id: &TeamId, headshot_id: &HeadshotId) -> String {
    format!("teams/{team_id}/headshots/{headshot_id}")
}

impl StorageKey {
    /// The thumbnail and display copy made from an uploaded photo.
    pub fn copies_of(team_id: &TeamId, headshot_id: &HeadshotId, photo_id: &str) -> [Self; 2] {
        [
            Self::Thumbnail {
                team_id: team_id.clone(),
                headshot_id: headshot_id.clone(),
                photo_id: photo_id.into(),
            },
            Self::Display {
                team_id: team_id.clone(),
                headshot_id: headshot_id.clone(),
                photo_id: photo_id.into(),
            },
        ]
    }
}

#[derive(Clone)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    prefix: String,
}

impl Storage {
    pub fn open(url: &Url, s3: &S3Settings) -> anyhow::Result<Self> {
        match url.scheme() {
            "file" => {
                let dir = url.to_file_path().map_err(|_| {
                    anyhow::anyhow!("storage_url {url} is not an absolute file path")
                })?;
                std::fs::create_dir_all(&dir).with_context(|| {
                    format!("cannot create the storage folder {}", dir.display())
                })?;
                let store = object_store::local::LocalFileSystem::new_with_prefix(&dir)
                    .with_context(|| format!("cannot open the storage folder {}", dir.display()))?;
                Ok(Self {
                    store: Arc::new(store),
                    prefix: String::new(),
                })
            }
            "s3" => {
                let bucket = url
                    .host_str()
                    .context("storage_url s3://… needs a bucket name")?;
                let mut b = object_store::aws::AmazonS3Builder::from_env().with_bucket_name(bucket);
                if let Some(e) = &s3.endpoint {
                    b = b.with_endpoint(e).with_allow_http(e.starts_with("http://"));
                }
                if let Some(r) = &s3.region {
                    b = b.with_region(r);
                }
                if let Some(k) = &s3.access_key_id {
                    b = b.with_access_key_id(k);
                }
                if let Some(k) = &s3.secret_access_key {
                    b = b.with_secret_access_key(k.expose_secret());
                }
                let store = b
                    .build()
                    .context("cannot configure S3 storage: check the TEAMSHOT_S3_* settings")?;
                let prefix = url.path().trim_matches('/').to_string();
                Ok(Self {
                    store: Arc::new(store),
                    prefix,
                })
            }
            other => anyhow::bail!("unsupported storage scheme {other}://"),
        }
    }

    fn full(&self, key: &StorageKey) -> ObjectPath {
        if self.prefix.is_empty() {
            ObjectPath::from(key.path())
        } else {
            ObjectPath::from(format!("{}/{}", self.prefix, key.path()))
        }
    }

    pub async fn put(&self, key: &StorageKey, data: Bytes) -> anyhow::Result<()> {
        self.store
            .put(&self.full(key), PutPayload::from_bytes(data))
            .await
            .with_context(|| format!("cannot store {}", key.path()))?;
        Ok(())
    }

    pub async fn get(&self, key_path: &str) -> anyhow::Result<Bytes> {
        let path = if self.prefix.is_empty() {
            ObjectPath::from(key_path)
        } else {
            ObjectPath::from(format!("{}/{key_path}", self.prefix))
        };
        let r = self
            .store
            .get(&path)
            .await
            .with_context(|| format!("cannot read {key_path}"))?;
        Ok(r.bytes().await?)
    }

    /// The object, or `None` when there is none under this key.
    pub async fn get_opt(&self, key: &StorageKey) -> anyhow::Result<Option<Bytes>> {
        match self.store.get(&self.full(key)).await {
            Ok(r) => Ok(Some(r.bytes().await?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(anyhow::Error::from(e).context(format!("cannot read {}", key.path()))),
        }
    }

    /// Deletes every object under `folder` (a key prefix, whole path
    /// segments only); how many. Deleting what is gone already is fine, so
    /// a retry after a partial failure finishes the job.
    pub async fn delete_under(&self, folder: &str) -> anyhow::Result<usize> {
        use futures::TryStreamExt;
        let path = if self.prefix.is_empty() {
            ObjectPath::from(folder)
        } else {
            ObjectPath::from(format!("{}/{folder}", self.prefix))
        };
        let found: Vec<object_store::ObjectMeta> =
            match self.store.list(Some(&path)).try_collect().await {
                Ok(found) => found,
                Err(object_store::Error::NotFound { .. }) => Vec::new(),
                Err(e) => {
                    return Err(anyhow::Error::from(e).context(format!("cannot list {folder}")));
                }
            };
        for meta in &found {
            match self.store.delete(&meta.location).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                Err(e) => {
                    return Err(
                        anyhow::Error::from(e).context(format!("cannot delete {}", meta.location))
                    );
                }
            }
        }
        Ok(found.len())
    }

    /// Deletes the object at `key_path`; one already gone is fine.
    pub async fn delete_path(&self, key_path: &str) -> anyhow::Result<()> {
        let path = if self.prefix.is_empty() {
            ObjectPath::from(key_path)
        } else {
            ObjectPath::from(format!("{}/{key_path}", self.prefix))
        };
        match self.store.delete(&path).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(anyhow::Error::from(e).context(format!("cannot delete {key_path}"))),
        }
    }

    /// The object at `key_path`, or `None` when there is none.
    pub async fn get_path_opt(&self, key_path: &str) -> anyhow::Result<Option<Bytes>> {
        let path = if self.prefix.is_empty() {
            ObjectPath::from(key_path)
        } else {
            ObjectPath::from(format!("{}/{key_path}", self.prefix))
        };
        match self.store.get(&path).await {
            Ok(r) => Ok(Some(r.bytes().await?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(anyhow::Error::from(e).context(format!("cannot read {key_path}"))),
        }
    }

    /// Best effort: used to clean up an object whose row was never committed.
    pub async fn delete(&self, key: &StorageKey) {
        if let Err(e) = self.store.delete(&self.full(key)).await {
            tracing::warn!(error = %e, key = %key.path(), "could not remove an orphaned object");
        }
    }
}
