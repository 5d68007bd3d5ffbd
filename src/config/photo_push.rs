//! The studio's applications at the services approved headshots are pushed
//! to as profile photos (Microsoft Entra ID).

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

pub(super) fn entra_settings(a: &mut SettingsArgs, f: EntraFile) -> anyhow::Result<EntraSettings> {
    let id = pick(a.entra_client_id.take(), f.client_id).filter(|s| !s.trim().is_empty());
    let secret = pick(a.entra_client_secret.take(), f.client_secret).filter(|s| !s.is_empty());
    let app = match (id, secret) {
        (Some(client_id), Some(secret)) => Some(PushApp {
            client_id: client_id.trim().to_string(),
            client_secret: SecretString::from(secret),
        }),
        (None, None) => None,
        _ => bail!(
            "Microsoft Entra ID needs both TEAMSHOT_ENTRA_CLIENT_ID and TEAMSHOT_ENTRA_CLIENT_SECRET (the application's ID and a client secret from the Azure portal)"
        ),
    };
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
