//! API tokens: named, listed without their secret, revocable. A team's
//! tokens are managed by its accountable leaders (never the share link); a
//! staff member manages their own, an admin everyone's.

use super::secrets::{hash_token, new_token};
use super::views::rfc3339;
use super::{Error, Principal, Result, Services};
use crate::db::{self, new_id, tokens::ApiTokenInfo};
use crate::domain::StaffRole;
use crate::domain::UserId;
use crate::domain::UserKind;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How many characters of a secret stay visible after creation (of 43):
/// enough to tell tokens apart, far too few to guess the rest.
pub const PREFIX_CHARS: usize = 8;
pub const MAX_NAME_CHARS: usize = 80;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewToken {
    /// What the token is for ("HR system", "Zapier"): shown in the list.
    pub name: String,
}

/// A token as listed: never its secret.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TokenView {
    pub id: String,
    pub name: String,
    /// The secret's first characters; null for tokens made before names.
    pub prefix: Option<String>,
    pub created_at: String,
    pub last_used_at: Option<String>,
    /// The staff member a studio token acts as (admins see everyone's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
}

/// A new token: the secret is in this answer and nowhere else, ever.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TokenCreated {
    pub id: String,
    pub name: String,
    pub prefix: String,
    /// Shown once.
    pub token: String,
}

fn view(t: ApiTokenInfo) -> TokenView {
    TokenView {
        id: t.id,
        name: t.name,
        prefix: t.prefix,
        created_at: rfc3339(t.created_at),
        last_used_at: t.last_used_at.map(rfc3339),
        user_id: t.user_id,
    }
}

fn token_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(
            "name",
            format!(
                "Name the token after what will use it, e.g. \"HR system\" (1 to {MAX_NAME_CHARS} characters)."
            ),
        ));
    }
    Ok(name.to_string())
}

/// Whose tokens: a team's, or a staff member's.
#[derive(Debug, Clone, Copy)]
pub enum Owner<'a> {
    Team(&'a str),
    Staff(&'a str),
}

/// Inserts a token in `tx`; the caller commits. The one place a token is made.
pub(crate) async fn mint(
    tx: &mut db::Tx,
    owner: Owner<'_>,
    name: &str,
    created_by: &str,
    now: i64,
) -> Result<TokenCreated> {
    let name = token_name(name)?;
    let token = new_token();
    let prefix: String = token.chars().take(PREFIX_CHARS).collect();
    let id = new_id();
    let (team_id, user_id) = match owner {
        Owner::Team(t) => (Some(t), None),
        Owner::Staff(u) => (None, Some(u)),
    };
    db::tokens::insert_api_token(
        &mut **tx,
        &db::tokens::NewApiToken {
            id: &id,
            hash: &hash_token(&token),
            name: &name,
            prefix: &prefix,
            team_id,
            user_id,
            created_by,
            now,
        },
    )
    .await?;
    Ok(TokenCreated {
        id,
        name,
        prefix,
        token,
    })
}

impl Services {
    pub async fn team_tokens(&self, p: &Principal) -> Result<Vec<TokenView>> {
        let team_id = p.accountable_leader_team("API tokens")?;
        Ok(db::tokens::team_tokens(&self.db.pool, team_id)
            .await?
            .into_iter()
            .map(view)
            .collect())
    }

    pub async fn create_team_token(&self, p: &Principal, input: NewToken) -> Result<TokenCreated> {
        let team_id = p.accountable_leader_team("API tokens")?.to_string();
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        let created = mint(
            &mut tx,
            Owner::Team(&team_id),
            &input.name,
            &p.audit_name(),
            now,
        )
        .await?;
        db::events::insert_team(
            &mut *tx,
            &team_id,
            now,
            &p.audit_name(),
            &format!(
                "created the API token \"{}\" ({}…)",
                created.name, created.prefix
            ),
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(created)
    }

    /// Revokes one of the team's tokens; its next use gets 401. A token may
    /// revoke itself (a leaked token's holder cannot stop its revocation).
    pub async fn revoke_team_token(&self, p: &Principal, id: &str) -> Result<()> {
        let team_id = p.accountable_leader_team("API tokens")?.to_string();
        let info = db::tokens::token_info(&self.db.pool, id)
            .await?
            .filter(|t| t.team_id.as_deref() == Some(team_id.as_str()))
            .ok_or(Error::NotFound("API token"))?;
        let mut tx = self.db.begin().await?;
        if !db::tokens::delete_api_token(&mut *tx, id).await? {
            return Err(Error::NotFound("API token"));
        }
        db::events::insert_team(
            &mut *tx,
            &team_id,
            self.now_ms(),
            &p.audit_name(),
            &format!("revoked the API token \"{}\"", info.name),
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(())
    }

    /// A staff member's own tokens; an admin sees every staff token.
    pub async fn staff_tokens(&self, p: &Principal) -> Result<Vec<TokenView>> {
        let me = staff_id(p)?;
        let only = (!p.is_admin()).then_some(me.as_str());
        Ok(db::tokens::staff_tokens(&self.db.pool, only)
            .await?
            .into_iter()
            .map(view)
            .collect())
    }

    /// A token for the caller (any staff role); admins may mint one for
    /// another staff member with `for_user`.
    pub async fn create_staff_token(
        &self,
        p: &Principal,
        input: NewToken,
        for_user: Option<&str>,
    ) -> Result<TokenCreated> {
        let me = staff_id(p)?.to_string();
        let user_id = match for_user {
            Some(u) if u != me => {
                p.require_staff(StaffRole::Admin)?;
                u.to_string()
            }
            _ => me,
        };
        self.mint_staff_token(&user_id, &input.name, &p.audit_name())
            .await
    }

    /// The operator's `teamshot staff token --email` and the service above.
    pub async fn mint_staff_token(
        &self,
        user_id: &str,
        name: &str,
        by: &str,
    ) -> Result<TokenCreated> {
        let user = db::users::get(&self.db.pool, &UserId::of(user_id))
            .await?
            .filter(|u| u.kind == UserKind::Staff)
            .ok_or(Error::NotFound("staff member"))?;
        if user.disabled_at.is_some() {
            return Err(Error::Conflict(
                "This staff member is deactivated: reactivate them first.".into(),
            ));
        }
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        let created = mint(&mut tx, Owner::Staff(user_id), name, by, now).await?;
        self.studio_audit(
            &mut tx,
            by,
            &format!(
                "created the API token \"{}\" ({}…) for {}",
                created.name,
                created.prefix,
                crate::domain::email::mask(&user.email)
            ),
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(created)
    }

    pub async fn revoke_staff_token(&self, p: &Principal, id: &str) -> Result<()> {
        let me = staff_id(p)?;
        let info = db::tokens::token_info(&self.db.pool, id)
            .await?
            .filter(|t| t.user_id.is_some())
            .filter(|t| p.is_admin() || t.user_id.as_deref() == Some(me))
            .ok_or(Error::NotFound("API token"))?;
        let mut tx = self.db.begin().await?;
        if !db::tokens::delete_api_token(&mut *tx, id).await? {
            return Err(Error::NotFound("API token"));
        }
        self.studio_audit(
            &mut tx,
            &p.audit_name(),
            &format!("revoked the API token \"{}\"", info.name),
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(())
    }
}

fn staff_id(p: &Principal) -> Result<&UserId> {
    p.staff_id().ok_or(Error::NotFound("studio resource"))
}
