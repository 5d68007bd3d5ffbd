//! The settings as flags / environment (clap) and as the config file (TOML).

use serde::Deserialize;
use std::path::PathBuf;

/// Flags, each also read from its `TEAMSHOT_*` variable (clap does flag > env).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SettingsArgs {
    /// Config file (TOML). Default: `<data-dir>/teamshot.toml` when it exists.
    #[arg(long, global = true, env = "TEAMSHOT_CONFIG")]
    pub config: Option<PathBuf>,
    /// Folder for the SQLite database, photos, the mail outbox and the secret key.
    #[arg(long, global = true, env = "TEAMSHOT_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Address the web server listens on.
    #[arg(long, global = true, env = "TEAMSHOT_LISTEN")]
    pub listen: Option<String>,
    /// `sqlite://…` (default, in the data dir) or `postgres://…`.
    #[arg(
        long,
        global = true,
        env = "TEAMSHOT_DATABASE_URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,
    /// `file://…` (default, in the data dir) or `s3://bucket/prefix`.
    #[arg(long, global = true, env = "TEAMSHOT_STORAGE_URL")]
    pub storage_url: Option<String>,
    /// `smtp://host:port` or `smtps://user:pass@host`; unset: mail goes to the outbox.
    #[arg(long, global = true, env = "TEAMSHOT_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// Base URL used in emails and links, e.g. `https://headshots.example.com`.
    #[arg(long, global = true, env = "TEAMSHOT_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Sender of every email, e.g. `Studio <hello@studio.example>`.
    #[arg(long, global = true, env = "TEAMSHOT_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// 64 hex characters; signs links and derives personal links.
    #[arg(
        long,
        global = true,
        env = "TEAMSHOT_SECRET_KEY",
        hide_env_values = true
    )]
    pub secret_key: Option<String>,
    /// Background job runners inside `serve` (0 disables them).
    #[arg(long, global = true, env = "TEAMSHOT_WORKERS")]
    pub workers: Option<usize>,
    /// Largest accepted upload, in bytes.
    #[arg(long, global = true, env = "TEAMSHOT_MAX_UPLOAD_BYTES")]
    pub max_upload_bytes: Option<u64>,
    /// Smallest accepted photo file, in bytes.
    #[arg(long, global = true, env = "TEAMSHOT_MIN_PHOTO_BYTES")]
    pub min_photo_bytes: Option<u64>,
    /// Shortest side a photo must have, in pixels.
    #[arg(long, global = true, env = "TEAMSHOT_MIN_PHOTO_SIDE")]
    pub min_photo_side: Option<u32>,
    /// Largest image accepted, in pixels (width × height), checked before decoding.
    #[arg(long, global = true, env = "TEAMSHOT_MAX_PHOTO_PIXELS")]
    pub max_photo_pixels: Option<u64>,
    /// The studio's name, shown on pages and in emails.
    #[arg(long, global = true, env = "TEAMSHOT_STUDIO_NAME")]
    pub studio_name: Option<String>,
    /// The studio's time zone (business days), e.g. `America/New_York`.
    #[arg(long, global = true, env = "TEAMSHOT_STUDIO_TIMEZONE")]
    pub studio_timezone: Option<String>,
    /// S3 endpoint for `s3://` storage (MinIO, moto…); default: AWS.
    #[arg(long, global = true, env = "TEAMSHOT_S3_ENDPOINT")]
    pub s3_endpoint: Option<String>,
    #[arg(long, global = true, env = "TEAMSHOT_S3_REGION")]
    pub s3_region: Option<String>,
    #[arg(long, global = true, env = "TEAMSHOT_S3_ACCESS_KEY_ID")]
    pub s3_access_key_id: Option<String>,
    #[arg(
        long,
        global = true,
        env = "TEAMSHOT_S3_SECRET_ACCESS_KEY",
        hide_env_values = true
    )]
    pub s3_secret_access_key: Option<String>,
    /// `invoice` (default: granted at once, paid later) or `stripe` (Checkout).
    #[arg(long, global = true, env = "TEAMSHOT_PAYMENT_PROVIDER")]
    pub payment_provider: Option<String>,
    /// Stripe API base URL. Default: https://api.stripe.com/
    #[arg(long, global = true, env = "TEAMSHOT_STRIPE_API_BASE")]
    pub stripe_api_base: Option<String>,
    #[arg(
        long,
        global = true,
        env = "TEAMSHOT_STRIPE_SECRET_KEY",
        hide_env_values = true
    )]
    pub stripe_secret_key: Option<String>,
    /// The webhook endpoint's signing secret (`whsec_…`).
    #[arg(
        long,
        global = true,
        env = "TEAMSHOT_STRIPE_WEBHOOK_SECRET",
        hide_env_values = true
    )]
    pub stripe_webhook_secret: Option<String>,
    /// The studio's postal address, printed on invoices.
    #[arg(long, global = true, env = "TEAMSHOT_STUDIO_ADDRESS")]
    pub studio_address: Option<String>,
    /// Automatic reminders, in days relative to the due date (default -3,-1,1; empty turns them off).
    #[arg(long, global = true, env = "TEAMSHOT_REMINDER_SCHEDULE")]
    pub reminder_schedule: Option<String>,
    /// The studio's Microsoft Entra ID application (multi-tenant, with the
    /// application permissions ProfilePhoto.ReadWrite.All and
    /// User.Read.All): teams connect
    /// their tenant to have approved headshots set as profile photos.
    #[arg(long, global = true, env = "TEAMSHOT_ENTRA_CLIENT_ID")]
    pub entra_client_id: Option<String>,
    #[arg(
        long,
        global = true,
        env = "TEAMSHOT_ENTRA_CLIENT_SECRET",
        hide_env_values = true
    )]
    pub entra_client_secret: Option<String>,
    /// Microsoft's sign-in service. Default: https://login.microsoftonline.com/
    #[arg(long, global = true, env = "TEAMSHOT_ENTRA_LOGIN_BASE")]
    pub entra_login_base: Option<String>,
    /// Microsoft Graph. Default: https://graph.microsoft.com/
    #[arg(long, global = true, env = "TEAMSHOT_ENTRA_GRAPH_BASE")]
    pub entra_graph_base: Option<String>,
    /// The studio's Google Cloud OAuth client (a web application, with the
    /// Admin SDK API enabled): teams connect their Google Workspace to have
    /// approved headshots set as user photos.
    #[arg(long, global = true, env = "TEAMSHOT_GOOGLE_CLIENT_ID")]
    pub google_client_id: Option<String>,
    #[arg(
        long,
        global = true,
        env = "TEAMSHOT_GOOGLE_CLIENT_SECRET",
        hide_env_values = true
    )]
    pub google_client_secret: Option<String>,
    /// Google's consent page. Default: https://accounts.google.com/
    #[arg(long, global = true, env = "TEAMSHOT_GOOGLE_ACCOUNTS_BASE")]
    pub google_accounts_base: Option<String>,
    /// Google's token endpoint. Default: https://oauth2.googleapis.com/
    #[arg(long, global = true, env = "TEAMSHOT_GOOGLE_OAUTH_BASE")]
    pub google_oauth_base: Option<String>,
    /// The Admin SDK Directory API. Default: https://admin.googleapis.com/
    #[arg(long, global = true, env = "TEAMSHOT_GOOGLE_API_BASE")]
    pub google_api_base: Option<String>,
    /// The studio's Slack app (user scope `users.profile:write`): members
    /// of a team that connected its workspace may have their approved
    /// headshot set as their Slack photo.
    #[arg(long, global = true, env = "TEAMSHOT_SLACK_CLIENT_ID")]
    pub slack_client_id: Option<String>,
    #[arg(
        long,
        global = true,
        env = "TEAMSHOT_SLACK_CLIENT_SECRET",
        hide_env_values = true
    )]
    pub slack_client_secret: Option<String>,
    /// Slack's consent page and Web API. Default: https://slack.com/
    #[arg(long, global = true, env = "TEAMSHOT_SLACK_BASE")]
    pub slack_base: Option<String>,
    /// Let webhooks reach private, loopback and link-local addresses (off:
    /// a team's endpoint must not reach into the studio's network).
    #[arg(long, global = true, env = "TEAMSHOT_WEBHOOK_ALLOW_PRIVATE")]
    pub webhook_allow_private: Option<bool>,
    /// Cut the person out of every accepted photo automatically (a draft
    /// for the retoucher and a preview for the member; default true). Off
    /// on a server whose CPU cannot spare a few seconds per upload.
    #[arg(long, global = true, env = "TEAMSHOT_CUTOUTS")]
    pub cutouts: Option<bool>,
    /// How long a worker holds a job before another may take it over
    /// (default 300 s): longer than the slowest job, short enough that a
    /// crashed worker's jobs are not held up for long.
    #[arg(long, global = true, env = "TEAMSHOT_JOB_LEASE_SECONDS")]
    pub job_lease_seconds: Option<u64>,
    /// Images decoded or rendered at once by this process (default: its
    /// CPUs). Each holds up to ~10 bytes per pixel of a HEIC being decoded,
    /// so this bounds the process's memory.
    #[arg(long, global = true, env = "TEAMSHOT_IMAGING_CONCURRENCY")]
    pub imaging_concurrency: Option<usize>,
    /// MiB the pixels of pictures being decoded or rendered may take
    /// together in this process (default 2048); more work waits.
    #[arg(long, global = true, env = "TEAMSHOT_IMAGING_MEMORY_MB")]
    pub imaging_memory_mb: Option<u32>,
    /// Reverse proxies whose `X-Forwarded-For` is believed, comma-separated
    /// IP addresses (e.g. `127.0.0.1,::1`). Unset: the client address is the
    /// socket's, and the header is ignored (anyone could forge it).
    #[arg(long, global = true, env = "TEAMSHOT_TRUSTED_PROXIES")]
    pub trusted_proxies: Option<String>,
    /// Serve `/metrics` (and `/healthz`) on this separate address only, e.g.
    /// 127.0.0.1:9187, and not on the public listener. `worker` serves
    /// nothing else; unset there, it serves no metrics.
    #[arg(long, global = true, env = "TEAMSHOT_METRICS_LISTEN")]
    pub metrics_listen: Option<String>,
    /// Require `Authorization: Bearer <this>` on `/metrics` (at least 32
    /// characters).
    #[arg(
        long,
        global = true,
        env = "TEAMSHOT_METRICS_TOKEN",
        hide_env_values = true
    )]
    pub metrics_token: Option<String>,
    /// Connections served at once by this process (default 1000); more
    /// wait to be accepted.
    #[arg(long, global = true, env = "TEAMSHOT_MAX_CONNECTIONS")]
    pub max_connections: Option<usize>,
    /// Seconds a client has to send a request's headers (default 10).
    #[arg(long, global = true, env = "TEAMSHOT_HEADER_TIMEOUT_SECONDS")]
    pub header_timeout_seconds: Option<u64>,
    /// Seconds a request body may pause between chunks (default 30).
    #[arg(long, global = true, env = "TEAMSHOT_BODY_TIMEOUT_SECONDS")]
    pub body_timeout_seconds: Option<u64>,
}

/// The same settings as read from the config file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileSettings {
    pub(super) data_dir: Option<PathBuf>,
    pub(super) listen: Option<String>,
    pub(super) database_url: Option<String>,
    pub(super) storage_url: Option<String>,
    pub(super) smtp_url: Option<String>,
    pub(super) public_url: Option<String>,
    pub(super) mail_from: Option<String>,
    pub(super) secret_key: Option<String>,
    pub(super) workers: Option<usize>,
    pub(super) max_upload_bytes: Option<u64>,
    pub(super) min_photo_bytes: Option<u64>,
    pub(super) min_photo_side: Option<u32>,
    pub(super) max_photo_pixels: Option<u64>,
    pub(super) studio_name: Option<String>,
    pub(super) studio_timezone: Option<String>,
    pub(super) s3_endpoint: Option<String>,
    pub(super) s3_region: Option<String>,
    pub(super) s3_access_key_id: Option<String>,
    pub(super) s3_secret_access_key: Option<String>,
    pub(super) payment_provider: Option<String>,
    pub(super) stripe_api_base: Option<String>,
    pub(super) stripe_secret_key: Option<String>,
    pub(super) stripe_webhook_secret: Option<String>,
    pub(super) studio_address: Option<String>,
    pub(super) reminder_schedule: Option<String>,
    pub(super) entra_client_id: Option<String>,
    pub(super) entra_client_secret: Option<String>,
    pub(super) entra_login_base: Option<String>,
    pub(super) entra_graph_base: Option<String>,
    pub(super) google_client_id: Option<String>,
    pub(super) google_client_secret: Option<String>,
    pub(super) google_accounts_base: Option<String>,
    pub(super) google_oauth_base: Option<String>,
    pub(super) google_api_base: Option<String>,
    pub(super) slack_client_id: Option<String>,
    pub(super) slack_client_secret: Option<String>,
    pub(super) slack_base: Option<String>,
    pub(super) webhook_allow_private: Option<bool>,
    pub(super) cutouts: Option<bool>,
    pub(super) job_lease_seconds: Option<u64>,
    pub(super) imaging_concurrency: Option<usize>,
    pub(super) imaging_memory_mb: Option<u32>,
    pub(super) trusted_proxies: Option<String>,
    pub(super) metrics_listen: Option<String>,
    pub(super) metrics_token: Option<String>,
    pub(super) max_connections: Option<usize>,
    pub(super) header_timeout_seconds: Option<u64>,
    pub(super) body_timeout_seconds: Option<u64>,
}
