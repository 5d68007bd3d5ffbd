//! Settings, layered: built-in defaults → config file → `TEAMSHOT_*`
//! environment → command-line flags. Every default derives from the data dir.

mod args;
mod billing;
mod network;
pub mod photo_push;
mod secret_key;

use anyhow::{Context, bail};
use args::FileSettings;
pub use args::SettingsArgs;
use billing::{BillingFile, billing_settings};
use secrecy::{ExposeSecret, SecretString};
use secret_key::{check_secret_key, load_or_create_secret_key};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use url::Url;

#[derive(Debug, Clone)]
pub struct S3Settings {
    pub endpoint: Option<String>,
    pub region: Option<String>,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<SecretString>,
}

/// How paid actions are charged.
#[derive(Debug, Clone)]
pub struct BillingSettings {
    pub provider: crate::billing::ProviderKind,
    pub stripe_api_base: Url,
    pub stripe_secret_key: Option<SecretString>,
    pub stripe_webhook_secret: Option<SecretString>,
    pub fees: crate::domain::pricing::Fees,
    /// Printed on invoices.
    pub studio_address: String,
}

/// Photo checks applied at upload.
#[derive(Debug, Clone)]
pub struct PhotoLimits {
    pub max_upload_bytes: u64,
    pub min_photo_bytes: u64,
    pub min_photo_side: u32,
    pub max_photo_pixels: u64,
    /// The face's height as a share of the photo's (studio setting).
    pub min_face_share: f32,
    /// Variance of the Laplacian over the face (studio setting).
    pub min_sharpness: f32,
    /// Mean luminance over the face, 0–255 (studio settings).
    pub min_brightness: f32,
    pub max_brightness: f32,
}

impl Default for PhotoLimits {
    fn default() -> Self {
        Self {
            max_upload_bytes: 30 * 1000 * 1000,
            min_photo_bytes: 600 * 1000,
            min_photo_side: 1200,
            max_photo_pixels: 100_000_000,
            min_face_share: 0.15,
            min_sharpness: 15.0,
            min_brightness: 80.0,
            max_brightness: 220.0,
        }
    }
}

/// Resolved settings. `Debug` never shows secrets (`SecretString`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub data_dir: PathBuf,
    pub listen: SocketAddr,
    pub database_url: SecretString,
    pub storage_url: Url,
    pub smtp_url: Option<SecretString>,
    pub public_url: Url,
    /// False when derived from `listen` (then the bound address is used).
    pub public_url_explicit: bool,
    pub mail_from: lettre::message::Mailbox,
    pub secret_key: SecretString,
    pub workers: usize,
    pub photo: PhotoLimits,
    pub studio_name: String,
    pub studio_timezone: jiff::tz::TimeZone,
    pub s3: S3Settings,
    pub billing: BillingSettings,
    /// Where approved headshots may be pushed as profile photos.
    pub entra: photo_push::EntraSettings,
    pub google: photo_push::GoogleSettings,
    pub slack: photo_push::SlackSettings,
    /// Days relative to the due date on which reminders go out.
    pub reminder_schedule: Vec<i64>,
    pub webhook_allow_private: bool,
    /// See `--cutouts`.
    pub cutouts: bool,
    /// See `--job-lease-seconds`.
    pub job_lease_ms: i64,
    /// See `--imaging-concurrency`; `None`: one per CPU.
    pub imaging_concurrency: Option<usize>,
    /// See `--imaging-memory-mb`.
    pub imaging_memory_mb: u32,
    /// See `--trusted-proxies`.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// See `--metrics-listen`.
    pub metrics_listen: Option<SocketAddr>,
    /// See `--metrics-token`.
    pub metrics_token: Option<SecretString>,
    /// See `--max-connections`.
    pub max_connections: usize,
    /// See `--header-timeout-seconds`.
    pub header_timeout: std::time::Duration,
    /// See `--body-timeout-seconds`.
    pub body_timeout: std::time::Duration,
}

fn pick<T>(flag_or_env: Option<T>, file: Option<T>) -> Option<T> {
    flag_or_env.or(file)
}

impl Settings {
    /// Resolve every layer. Errors name the setting and say how to fix it.
    pub fn load(args: &SettingsArgs) -> anyhow::Result<Self> {
        let cwd = std::env::current_dir().context("cannot read the current directory")?;
        let data_dir_hint = args
            .data_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("teamshot-data"));
        let config_path = match &args.config {
            Some(p) => Some(p.clone()),
            None => {
                let p = absolute(&cwd, &data_dir_hint).join("teamshot.toml");
                p.exists().then_some(p)
            }
        };
        let file = match &config_path {
            Some(p) => {
                let text = std::fs::read_to_string(p).with_context(|| {
                    format!(
                        "cannot read the config file {} (set by --config / TEAMSHOT_CONFIG)",
                        p.display()
                    )
                })?;
                toml::from_str::<FileSettings>(&text).with_context(|| {
                    format!(
                        "the config file {} is not valid: fix the line it names",
                        p.display()
                    )
                })?
            }
            None => FileSettings::default(),
        };
        Self::resolve(args.clone(), file, &cwd)
    }

    fn resolve(mut a: SettingsArgs, mut f: FileSettings, cwd: &Path) -> anyhow::Result<Self> {
        let f_billing = BillingFile {
            provider: f.payment_provider.take(),
            api_base: f.stripe_api_base.take(),
            secret_key: f.stripe_secret_key.take(),
            webhook_secret: f.stripe_webhook_secret.take(),
            address: f.studio_address.take(),
        };
        let billing = billing_settings(&mut a, f_billing)?;
        let entra = photo_push::entra_settings(
            &mut a,
            photo_push::EntraFile {
                client_id: f.entra_client_id.take(),
                client_secret: f.entra_client_secret.take(),
                login_base: f.entra_login_base.take(),
                graph_base: f.entra_graph_base.take(),
            },
        )?;
        let google = photo_push::google_settings(
            &mut a,
            photo_push::GoogleFile {
                client_id: f.google_client_id.take(),
                client_secret: f.google_client_secret.take(),
                accounts_base: f.google_accounts_base.take(),
                oauth_base: f.google_oauth_base.take(),
                api_base: f.google_api_base.take(),
            },
        )?;
        let slack = photo_push::slack_settings(
            &mut a,
            photo_push::SlackFile {
                client_id: f.slack_client_id.take(),
                client_secret: f.slack_client_secret.take(),
                base: f.slack_base.take(),
            },
        )?;
        let data_dir = absolute(
            cwd,
            &pick(a.data_dir, f.data_dir).unwrap_or_else(|| PathBuf::from("teamshot-data")),
        );
        let listen_text = pick(a.listen, f.listen).unwrap_or_else(|| "127.0.0.1:8080".into());
        let listen: SocketAddr = listen_text.parse().map_err(|_| {
            anyhow::anyhow!(
                "listen = \"{listen_text}\" is not a socket address: use the form 127.0.0.1:8080 (--listen / TEAMSHOT_LISTEN)"
            )
        })?;
        let database_url = pick(a.database_url, f.database_url).unwrap_or_else(|| {
            format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("teamshot.db").display()
            )
        });
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            bail!(
                "database_url must start with sqlite:// or postgres:// (--database-url / TEAMSHOT_DATABASE_URL)"
            );
        }
        let storage_text = pick(a.storage_url, f.storage_url)
            .unwrap_or_else(|| format!("file://{}", data_dir.join("objects").display()));
        let storage_url = Url::parse(&storage_text).map_err(|e| {
            anyhow::anyhow!("storage_url \"{storage_text}\" is not a URL ({e}): use file:///abs/path or s3://bucket/prefix (--storage-url / TEAMSHOT_STORAGE_URL)")
        })?;
        if !matches!(storage_url.scheme(), "file" | "s3") {
            bail!(
                "storage_url must start with file:// or s3:// (--storage-url / TEAMSHOT_STORAGE_URL)"
            );
        }
        let smtp_url = pick(a.smtp_url, f.smtp_url).filter(|s| !s.trim().is_empty());
        if let Some(s) = &smtp_url {
            let u = Url::parse(s).map_err(|_| {
                anyhow::anyhow!("smtp_url is not a URL: use smtp://host:port or smtps://user:password@host (--smtp-url / TEAMSHOT_SMTP_URL)")
            })?;
            if !matches!(u.scheme(), "smtp" | "smtps") {
                bail!(
                    "smtp_url must start with smtp:// or smtps:// (--smtp-url / TEAMSHOT_SMTP_URL)"
                );
            }
        }
        let public_given = pick(a.public_url, f.public_url);
        let public_url_explicit = public_given.is_some();
        let public_text = public_given.unwrap_or_else(|| format!("http://{listen}"));
        let public_url = Url::parse(public_text.trim_end_matches('/')).map_err(|_| {
            anyhow::anyhow!("public_url \"{public_text}\" is not a URL: use the form https://headshots.example.com (--public-url / TEAMSHOT_PUBLIC_URL)")
        })?;
        let from_text = pick(a.mail_from, f.mail_from)
            .unwrap_or_else(|| "Teamshot Studio <no-reply@teamshot.localhost>".into());
        let mail_from = from_text.parse().map_err(|_| {
            anyhow::anyhow!("mail_from \"{from_text}\" is not an address: use the form Studio <hello@studio.example> (--mail-from / TEAMSHOT_MAIL_FROM)")
        })?;
        let secret_key = match pick(a.secret_key, f.secret_key) {
            Some(k) => {
                check_secret_key(&k)?;
                SecretString::from(k)
            }
            // Every process of a scaled setup must sign with the same key.
            None if !database_url.starts_with("sqlite:") => {
                let existing = data_dir.join("secret.key");
                if existing.exists() {
                    bail!(
                        "with PostgreSQL, set secret_key (the same on every process): copy the contents of {} into it, so links already sent keep working (--secret-key / TEAMSHOT_SECRET_KEY)",
                        existing.display()
                    )
                }
                bail!(
                    "with PostgreSQL, set secret_key (the same on every process): generate one with `openssl rand -hex 32` (--secret-key / TEAMSHOT_SECRET_KEY)"
                )
            }
            None => SecretString::from(load_or_create_secret_key(&data_dir)?),
        };
        let defaults = PhotoLimits::default();
        let photo = PhotoLimits {
            max_upload_bytes: pick(a.max_upload_bytes, f.max_upload_bytes)
                .unwrap_or(defaults.max_upload_bytes),
            min_photo_bytes: pick(a.min_photo_bytes, f.min_photo_bytes)
                .unwrap_or(defaults.min_photo_bytes),
            min_photo_side: pick(a.min_photo_side, f.min_photo_side)
                .unwrap_or(defaults.min_photo_side),
            max_photo_pixels: pick(a.max_photo_pixels, f.max_photo_pixels)
                .unwrap_or(defaults.max_photo_pixels),
            // The picture-quality thresholds are studio settings.
            ..defaults
        };
        if photo.min_photo_bytes >= photo.max_upload_bytes {
            bail!(
                "min_photo_bytes ({}) must be smaller than max_upload_bytes ({})",
                photo.min_photo_bytes,
                photo.max_upload_bytes
            );
        }
        let tz_name = pick(a.studio_timezone, f.studio_timezone).unwrap_or_else(|| "UTC".into());
        let studio_timezone = jiff::tz::TimeZone::get(&tz_name).map_err(|_| {
            anyhow::anyhow!("studio_timezone \"{tz_name}\" is not a known time zone: use an IANA name such as Europe/Berlin (--studio-timezone / TEAMSHOT_STUDIO_TIMEZONE)")
        })?;
        let reminder_schedule = match pick(a.reminder_schedule.take(), f.reminder_schedule.take()) {
            Some(text) => crate::services::reminders::parse_schedule(&text).map_err(|m| {
                anyhow::anyhow!("{m} (--reminder-schedule / TEAMSHOT_REMINDER_SCHEDULE)")
            })?,
            None => crate::services::reminders::DEFAULT_SCHEDULE.to_vec(),
        };
        let trusted_proxies =
            network::trusted_proxies(pick(a.trusted_proxies.take(), f.trusted_proxies.take()))?;
        let metrics_listen =
            network::metrics_listen(pick(a.metrics_listen.take(), f.metrics_listen.take()))?;
        let metrics_token =
            network::metrics_token(pick(a.metrics_token.take(), f.metrics_token.take()))?;
        Ok(Self {
            max_connections: pick(a.max_connections, f.max_connections)
                .unwrap_or(1000)
                .max(1),
            header_timeout: network::seconds(
                pick(a.header_timeout_seconds, f.header_timeout_seconds),
                10,
            ),
            body_timeout: network::seconds(
                pick(a.body_timeout_seconds, f.body_timeout_seconds),
                30,
            ),
            metrics_listen,
            metrics_token,
            trusted_proxies,
            reminder_schedule,
            webhook_allow_private: pick(a.webhook_allow_private, f.webhook_allow_private)
                .unwrap_or(false),
            cutouts: pick(a.cutouts, f.cutouts).unwrap_or(true),
            imaging_concurrency: pick(a.imaging_concurrency, f.imaging_concurrency)
                .map(|n| n.max(1)),
            imaging_memory_mb: pick(a.imaging_memory_mb, f.imaging_memory_mb)
                .unwrap_or(crate::imaging::DEFAULT_MEMORY_MIB)
                .max(64),
            // Longer than a webhook attempt may take (10 s), at the least.
            job_lease_ms: pick(a.job_lease_seconds, f.job_lease_seconds)
                .unwrap_or(300)
                .clamp(15, 86_400) as i64
                * 1000,
            billing,
            entra,
            google,
            slack,
            data_dir,
            listen,
            database_url: SecretString::from(database_url),
            storage_url,
            smtp_url: smtp_url.map(SecretString::from),
            public_url,
            public_url_explicit,
            mail_from,
            secret_key,
            workers: pick(a.workers, f.workers).unwrap_or(2),
            photo,
            studio_name: pick(a.studio_name, f.studio_name)
                .unwrap_or_else(|| "Teamshot Studio".into()),
            studio_timezone,
            s3: S3Settings {
                endpoint: pick(a.s3_endpoint, f.s3_endpoint),
                region: pick(a.s3_region, f.s3_region),
                access_key_id: pick(a.s3_access_key_id, f.s3_access_key_id),
                secret_access_key: pick(a.s3_secret_access_key, f.s3_secret_access_key)
                    .map(SecretString::from),
            },
        })
    }

    /// Settings for tests and embedding: everything under `data_dir`.
    pub fn for_data_dir(data_dir: &Path) -> anyhow::Result<Self> {
        let args = SettingsArgs {
            data_dir: Some(data_dir.to_path_buf()),
            listen: Some("127.0.0.1:0".into()),
            ..Default::default()
        };
        Self::resolve(args, FileSettings::default(), data_dir)
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.expose_secret().starts_with("sqlite:")
    }

    /// Where large uploads wait on disk while they are checked.
    pub fn spool_dir(&self) -> PathBuf {
        self.data_dir.join("spool")
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.data_dir.join("outbox")
    }

    /// `https` public URL → cookies get the `Secure` flag.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.scheme() == "https"
    }
}

fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    }
}

#[cfg(test)]
mod tests;
