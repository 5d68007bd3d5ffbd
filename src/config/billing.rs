//! The payment settings: provider, Stripe keys, the studio's address.

use super::args::SettingsArgs;
use super::{BillingSettings, pick};
use anyhow::bail;
use secrecy::SecretString;
use url::Url;

pub(super) struct BillingFile {
    pub(super) provider: Option<String>,
    pub(super) api_base: Option<String>,
    pub(super) secret_key: Option<String>,
    pub(super) webhook_secret: Option<String>,
    pub(super) address: Option<String>,
}

pub(super) fn billing_settings(
    a: &mut SettingsArgs,
    f: BillingFile,
) -> anyhow::Result<BillingSettings> {
    use crate::billing::ProviderKind;
    let provider = match pick(a.payment_provider.take(), f.provider).as_deref() {
        None | Some("invoice") => ProviderKind::Invoice,
        Some("stripe") => ProviderKind::Stripe,
        Some(other) => bail!(
            "payment_provider \"{other}\" is unknown: use invoice or stripe (--payment-provider / TEAMSHOT_PAYMENT_PROVIDER)"
        ),
    };
    let base_text = pick(a.stripe_api_base.take(), f.api_base)
        .unwrap_or_else(|| "https://api.stripe.com/".into());
    let mut stripe_api_base = Url::parse(&base_text)
        .map_err(|_| anyhow::anyhow!("stripe_api_base \"{base_text}\" is not a URL (--stripe-api-base / TEAMSHOT_STRIPE_API_BASE)"))?;
    if !stripe_api_base.path().ends_with('/') {
        let path = format!("{}/", stripe_api_base.path());
        stripe_api_base.set_path(&path);
    }
    let stripe_secret_key = pick(a.stripe_secret_key.take(), f.secret_key).map(SecretString::from);
    let stripe_webhook_secret =
        pick(a.stripe_webhook_secret.take(), f.webhook_secret).map(SecretString::from);
    if provider == ProviderKind::Stripe
        && (stripe_secret_key.is_none() || stripe_webhook_secret.is_none())
    {
        bail!(
            "payment_provider = stripe needs TEAMSHOT_STRIPE_SECRET_KEY and TEAMSHOT_STRIPE_WEBHOOK_SECRET (from the Stripe dashboard)"
        );
    }
    Ok(BillingSettings {
        provider,
        stripe_api_base,
        stripe_secret_key,
        stripe_webhook_secret,
        fees: crate::domain::pricing::Fees::default(),
        studio_address: pick(a.studio_address.take(), f.address).unwrap_or_default(),
    })
}
