//! Approved headshots set as profile photos at the services colleagues
//! use: the providers, their HTTP clients (`entra.rs`, `google.rs`,
//! `slack.rs`), and the picture each receives.

pub mod entra;
pub mod google;
pub mod slack;

use std::time::Duration;

/// A service approved headshots can be pushed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    Entra,
    Google,
    /// Sets only a person's own photo: each member consents
    /// (`services/slack_photo.rs`).
    Slack,
}

impl Provider {
    pub const ALL: [Provider; 3] = [Provider::Entra, Provider::Google, Provider::Slack];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Entra => "entra",
            Self::Google => "google",
            Self::Slack => "slack",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// How people call it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Entra => "Microsoft Entra ID",
            Self::Google => "Google Workspace",
            Self::Slack => "Slack",
        }
    }

    /// The short name on the dashboard ("pushed to Entra ID ✓").
    pub fn short(self) -> &'static str {
        match self {
            Self::Entra => "Entra ID",
            Self::Google => "Google",
            Self::Slack => "Slack",
        }
    }
}

/// A claim of an ID token received straight from a provider's token
/// endpoint over TLS (OpenID Connect Core 3.1.3.7: its signature need not
/// be checked then).
pub(crate) fn id_token_claim(id_token: &str, claim: &str) -> Option<String> {
    use base64::Engine;
    let payload = id_token.split('.').nth(1)?;
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let json: serde_json::Value = serde_json::from_slice(&raw).ok()?;
    json[claim].as_str().map(str::to_string)
}

/// What a provider's failed answer says, in a line: its status and the
/// OAuth (`error_description`, `error`) or API (`error.message`) message,
/// never a token.
pub(crate) async fn failure(r: reqwest::Response) -> String {
    let status = r.status();
    let body: serde_json::Value = r.json().await.unwrap_or_default();
    let said = body["error_description"]
        .as_str()
        .or(body["error"]["message"].as_str())
        .or(body["error"].as_str())
        .unwrap_or_default();
    let said: String = said
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    format!("{status} {said}").trim().to_string()
}

/// Requests to a provider: bounded in time, never redirected (a token must
/// not follow a redirect elsewhere).
pub(crate) fn client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(30))
        .user_agent("Teamshot-ProfilePhotos/1")
        .build()
}

/// The side of the square profile picture sent: Entra ID shows photos up
/// to 648 px, Slack wants 512 to 1024 px.
pub const PICTURE_SIDE: u32 = 648;

/// The square JPEG sent as a profile photo: the centre of the approved
/// headshot at [`PICTURE_SIDE`] pixels (transparent areas on white).
pub fn picture(final_file: &[u8]) -> anyhow::Result<Vec<u8>> {
    let img = image::load_from_memory(final_file)?;
    // A transparent shape (a circle's corners) on white, not black.
    let rgba = img.to_rgba8();
    let mut flat = image::RgbImage::new(rgba.width(), rgba.height());
    for (x, y, p) in rgba.enumerate_pixels() {
        let a = u16::from(p[3]);
        let mix = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
        flat.put_pixel(x, y, image::Rgb([mix(p[0]), mix(p[1]), mix(p[2])]));
    }
    Ok(crate::imaging::checks::square_thumbnail(
        &image::DynamicImage::ImageRgb8(flat),
        PICTURE_SIDE,
    ))
}
