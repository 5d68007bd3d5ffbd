//! The studio's applications at the services approved headshots are pushed
//! to as profile photos (Microsoft Entra ID, Google Workspace, Slack).

use super::args::SettingsArgs;
use super::pick;
use anyhow::bail;
use secrecy::SecretString;
use url::Url;

/// One provider's application, registered by the studio.
#[derive(Debug, Clone)]
pub struct PushApp {
    pub client_id: String,
    pub client_secret: SecretString,
}

/// Microsoft Entra ID: the application and the two services it talks to
/// (other addresses serve national clouds, and the tests' stand-in).
#[derive(Debug, Clone)]
pub struct EntraSettings {
    pub app: Option<PushApp>,
    pub login_base: Url,
    pub graph_base: Url,
}

pub(super) struct EntraFile {
    pub(super) client_id: Option<String>,
    pub(super) client_secret: Option<String>,
    pub(super) login_base: Option<String>,
    pub(super) graph_base: Option<String>,
}

/// `text` as a base URL ending in `/`, or a message naming the setting.
fn base(text: Option<String>, default: &str, name: &str, flag: &str) -> anyhow::Result<Url> {
    let text = text.unwrap_or_else(|| default.into());
    let mut url = Url::parse(&text).map_err(|_| {
        anyhow::anyhow!("{name} \"{text}\" is not a URL: use the form {default} ({flag})")
    })?;
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// An application from its ID and secret: both, or neither.
fn push_app(
    id: Option<String>,
    secret: Option<String>,
    both: &str,
) -> anyhow::Result<Option<PushApp>> {
    let id = id.filter(|s| !s.trim().is_empty());
    let secret = secret.filter(|s| !s.is_empty());
    Ok(match (id, secret) {
        (Some(client_id), Some(secret)) => Some(PushApp {
            client_id: client_id.trim().to_string(),
            client_secret: SecretString::from(secret),
        }),
        (None, None) => None,
        _ => bail!("{both}"),
    })
}

pub(super) fn entra_settings(a: &mut SettingsArgs, f: EntraFile) -> anyhow::Result<EntraSettings> {
    let app = push_app(
        pick(a.entra_client_id.take(), f.client_id),
        pick(a.entra_client_secret.take(), f.client_secret),
        "Microsoft Entra ID needs both TEAMSHOT_ENTRA_CLIENT_ID and TEAMSHOT_ENTRA_CLIENT_SECRET (the application's ID and a client secret from the Azure portal)",
    )?;
    Ok(EntraSettings {
        app,
        login_base: base(
            pick(a.entra_login_base.take(), f.login_base),
            "https://login.microsoftonline.com/",
            "entra_login_base",
            "--entra-login-base / TEAMSHOT_ENTRA_LOGIN_BASE",
        )?,
        graph_base: base(
            pick(a.entra_graph_base.take(), f.graph_base),
            "https://graph.microsoft.com/",
            "entra_graph_base",
            "--entra-graph-base / TEAMSHOT_ENTRA_GRAPH_BASE",
        )?,
    })
}

/// Google Workspace: the OAuth client and the three services it talks to.
#[derive(Debug, Clone)]
pub struct GoogleSettings {
    pub app: Option<PushApp>,
    pub accounts_base: Url,
    pub oauth_base: Url,
    pub api_base: Url,
}

pub(super) struct GoogleFile {
    pub(super) client_id: Option<String>,
    pub(super) client_secret: Option<String>,
    pub(super) accounts_base: Option<String>,
    pub(super) oauth_base: Option<String>,
    pub(super) api_base: Option<String>,
}

pub(super) fn google_settings(
    a: &mut SettingsArgs,
    f: GoogleFile,
) -> anyhow::Result<GoogleSettings> {
    let app = push_app(
        pick(a.google_client_id.take(), f.client_id),
        pick(a.google_client_secret.take(), f.client_secret),
        "Google Workspace needs both TEAMSHOT_GOOGLE_CLIENT_ID and TEAMSHOT_GOOGLE_CLIENT_SECRET (an OAuth client of type web application from the Google Cloud console)",
    )?;
    Ok(GoogleSettings {
        app,
        accounts_base: base(
            pick(a.google_accounts_base.take(), f.accounts_base),
            "https://accounts.google.com/",
            "google_accounts_base",
            "--google-accounts-base / TEAMSHOT_GOOGLE_ACCOUNTS_BASE",
        )?,
        oauth_base: base(
            pick(a.google_oauth_base.take(), f.oauth_base),
            "https://oauth2.googleapis.com/",
            "google_oauth_base",
            "--google-oauth-base / TEAMSHOT_GOOGLE_OAUTH_BASE",
        )?,
        api_base: base(
            pick(a.google_api_base.take(), f.api_base),
            "https://admin.googleapis.com/",
            "google_api_base",
            "--google-api-base / TEAMSHOT_GOOGLE_API_BASE",
        )?,
    })
}

/// Slack: the app members consent to, and where Slack answers.
#[derive(Debug, Clone)]
pub struct SlackSettings {
    pub app: Option<PushApp>,
    pub base: Url,
}

pub(super) struct SlackFile {
    pub(super) client_id: Option<String>,
    pub(super) client_secret: Option<String>,
    pub(super) base: Option<String>,
}

pub(super) fn slack_settings(a: &mut SettingsArgs, f: SlackFile) -> anyhow::Result<SlackSettings> {
    let app = push_app(
        pick(a.slack_client_id.take(), f.client_id),
        pick(a.slack_client_secret.take(), f.client_secret),
        "Slack needs both TEAMSHOT_SLACK_CLIENT_ID and TEAMSHOT_SLACK_CLIENT_SECRET (the Slack app's Client ID and Client Secret, under Basic Information)",
    )?;
    Ok(SlackSettings {
        app,
        base: base(
            pick(a.slack_base.take(), f.base),
            "https://slack.com/",
            "slack_base",
            "--slack-base / TEAMSHOT_SLACK_BASE",
        )?,
    })
}
