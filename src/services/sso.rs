//! Sign-in with an identity provider (OpenID Connect): its settings — the
//! studio's for its staff, each team's for its leaders — and the sign-in
//! itself (`sso_sign_in.rs`).

use super::oidc;
use super::views::rfc3339;
use super::{Error, Principal, Result, Services};
use crate::db::{self, sso::ProviderRow};
use crate::domain::allowed_domains::AllowedDomains;
use crate::domain::{FieldError, StaffRole, TeamId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Where the provider sends people back; registered at the provider as
/// the redirect URI (one for every team and the studio).
pub const CALLBACK_PATH: &str = "/login/sso/callback";
/// What seals client secrets (see [`crate::services::secrets::Keys::seal`]).
pub(super) const SEAL_PURPOSE: &str = "sso-client-secret";

/// Whose identity provider: the studio's signs in staff, a team's its
/// leaders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Studio,
    Team(TeamId),
}

impl Owner {
    pub fn key(&self) -> String {
        match self {
            Self::Studio => "studio".into(),
            Self::Team(t) => format!("team:{t}"),
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "studio" => Some(Self::Studio),
            k => k.strip_prefix("team:").map(|t| Self::Team(TeamId::of(t))),
        }
    }
}

/// Which settings an action is about; the team is the caller's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SsoFor {
    Studio,
    Team,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SsoSettings {
    /// Whether people sign in this way now.
    pub enabled: bool,
    /// The provider's issuer: its discovery document is at
    /// `{issuer}/.well-known/openid-configuration`.
    pub issuer: Option<String>,
    pub client_id: Option<String>,
    /// Only addresses at these domains sign in (the provider must say the
    /// address is verified).
    pub allowed_domains: Vec<String>,
    /// A team's only: a person of an allowed domain without an account
    /// becomes one of the team's leaders at their first sign-in.
    pub create_accounts: bool,
    /// The address to register at the provider as the redirect URI (known
    /// before anything is set up).
    pub redirect_uri: String,
    pub updated_at: Option<String>,
    pub updated_by: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct SsoInput {
    /// The issuer, or its discovery document's address.
    pub issuer: String,
    pub client_id: String,
    /// Needed the first time; absent or empty keeps the stored secret (it
    /// is never shown again).
    #[serde(default)]
    pub client_secret: Option<String>,
    pub allowed_domains: Vec<String>,
    /// A team's only (staff accounts are never made by signing in).
    #[serde(default)]
    pub create_accounts: bool,
}

impl Services {
    /// The owner `p` manages: the studio's settings are an admin's, a
    /// team's its whole-team leaders' (not the share link's).
    fn sso_owner(&self, p: &Principal, which: SsoFor) -> Result<Owner> {
        match which {
            SsoFor::Studio => {
                p.require_staff(StaffRole::Admin)?;
                Ok(Owner::Studio)
            }
            SsoFor::Team => Ok(Owner::Team(
                p.accountable_leader_team("the team's sign-in")?.clone(),
            )),
        }
    }

    /// Whether private addresses may be the provider's: the studio's own
    /// provider may sit in its network; a team's may not reach into it
    /// (unless the server allows private addresses, as in tests).
    pub(super) fn sso_allow_private(&self, owner: &Owner) -> bool {
        *owner == Owner::Studio || self.settings.webhook_allow_private
    }

    pub fn sso_redirect_uri(&self) -> String {
        self.url(CALLBACK_PATH)
    }

    /// The settings (off, with the redirect URI to register, before they
    /// are made).
    pub async fn sso_settings(&self, p: &Principal, which: SsoFor) -> Result<SsoSettings> {
        let owner = self.sso_owner(p, which)?;
        let row = db::sso::get(&self.db.pool, &owner.key()).await?;
        Ok(SsoSettings {
            enabled: row.is_some(),
            allowed_domains: row
                .as_ref()
                .map(|r| {
                    AllowedDomains::from_stored(&r.allowed_domains)
                        .list()
                        .to_vec()
                })
                .unwrap_or_default(),
            create_accounts: row.as_ref().is_some_and(|r| r.create_accounts != 0),
            redirect_uri: self.sso_redirect_uri(),
            updated_at: row.as_ref().map(|r| rfc3339(r.updated_at)),
            updated_by: row.as_ref().map(|r| r.updated_by.clone()),
            issuer: row.as_ref().map(|r| r.issuer.clone()),
            client_id: row.map(|r| r.client_id),
        })
    }

    /// Creates or changes the settings, after reading the provider's
    /// discovery document (a wrong address or an unreachable provider is
    /// said now, not at the first sign-in).
    pub async fn set_sso(
        &self,
        p: &Principal,
        which: SsoFor,
        input: SsoInput,
    ) -> Result<SsoSettings> {
        let owner = self.sso_owner(p, which)?;
        let key = owner.key();
        let stored = db::sso::get(&self.db.pool, &key).await?;
        let mut errors = Vec::new();
        let issuer = oidc::issuer_of(&input.issuer);
        match url::Url::parse(&issuer) {
            Ok(u) if u.scheme() == "https" => {}
            Ok(u) if u.scheme() == "http" && self.sso_allow_private(&owner) => {}
            _ => errors.push(FieldError::new(
                "issuer",
                "Enter the provider's address, starting with https:// (for example https://login.acme.com/realms/staff).",
            )),
        }
        let client_id = input.client_id.trim().to_string();
        if client_id.is_empty() || client_id.chars().count() > 255 {
            errors.push(FieldError::new(
                "client_id",
                "Enter the client ID the provider gave this application (up to 255 characters).",
            ));
        }
        let typed_secret = input
            .client_secret
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let secret = match (typed_secret, &stored) {
            (Some(s), _) if s.chars().count() > 1000 => {
                errors.push(FieldError::new(
                    "client_secret",
                    "That client secret is over 1,000 characters: paste the secret alone.",
                ));
                None
            }
            (Some(s), _) => Some(s.to_string()),
            // Kept only for the same provider and client: else whoever
            // changes the issuer could have the stored secret sent to a
            // server of theirs.
            (None, Some(r)) if r.issuer == issuer && r.client_id == client_id => {
                self.keys.open(SEAL_PURPOSE, &key, &r.client_secret_sealed)
            }
            (None, _) => None,
        };
        if secret.is_none() && errors.iter().all(|e| e.field != "client_secret") {
            errors.push(FieldError::new(
                "client_secret",
                "Enter the client secret the provider gave this application (again when the issuer or the client ID changes).",
            ));
        }
        let domains = AllowedDomains::parse(input.allowed_domains.iter().map(String::as_str))
            .map_err(|m| errors.push(FieldError::new("allowed_domains", m)))
            .ok();
        if input.create_accounts && owner == Owner::Studio {
            errors.push(FieldError::new(
                "create_accounts",
                "Staff accounts are never made by signing in: an admin adds each on the staff page, with their role.",
            ));
        }
        let (Some(secret), Some(domains)) = (secret, domains) else {
            return Err(Error::Invalid(errors));
        };
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        if let Err(e) = oidc::discover(&issuer, self.sso_allow_private(&owner)).await {
            return Err(Error::invalid(
                "issuer",
                format!(
                    "Could not read {issuer}/.well-known/openid-configuration ({e}). Check the address: it must be the provider's issuer exactly, as its discovery document states it."
                ),
            ));
        }
        let now = self.now_ms();
        let row = ProviderRow {
            client_secret_sealed: self.keys.seal(SEAL_PURPOSE, &key, &secret),
            owner: key,
            issuer: issuer.clone(),
            client_id,
            allowed_domains: domains.stored(),
            create_accounts: i64::from(input.create_accounts),
            updated_at: now,
            updated_by: p.audit_name(),
        };
        let action = format!(
            "set up sign-in with the identity provider {issuer} for {}",
            domains.spoken()
        );
        let mut tx = self.db.begin().await?;
        let team_id = match &owner {
            Owner::Team(t) => Some(t.as_str()),
            Owner::Studio => None,
        };
        db::sso::upsert(&mut *tx, &row, team_id).await?;
        self.sso_audit(&mut tx, &owner, p, &action, now).await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.sso_settings(p, which).await
    }

    /// Turns the sign-in off (again: nothing to do): sign-ins on their way
    /// fail, accounts stay (their people sign in with a password or an
    /// emailed link).
    pub async fn remove_sso(&self, p: &Principal, which: SsoFor) -> Result<()> {
        let owner = self.sso_owner(p, which)?;
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        if db::sso::delete(&mut tx, &owner.key()).await? {
            self.sso_audit(
                &mut tx,
                &owner,
                p,
                "turned off sign-in with the identity provider",
                now,
            )
            .await?;
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(())
    }

    async fn sso_audit(
        &self,
        tx: &mut db::Tx,
        owner: &Owner,
        p: &Principal,
        action: &str,
        now: i64,
    ) -> Result<()> {
        match owner {
            Owner::Team(t) => {
                db::events::insert_team(&mut **tx, t.as_str(), now, &p.audit_name(), action).await?
            }
            Owner::Studio => self.studio_audit(tx, &p.audit_name(), action).await?,
        }
        Ok(())
    }
}
