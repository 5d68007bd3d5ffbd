//! Signing in and recognising callers: passwords (argon2, on the blocking
//! pool), sessions, bearer tokens, share links, personal links, sign-in links.

use super::secrets::{hash_token, new_token};
use super::{Error, LeaderVia, Principal, Result, Services};
use crate::db;
use crate::domain::{StaffRole, TeamId, UserId, UserKind};
use anyhow::Context;
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// How long a browser session lasts.
pub const SESSION_DAYS: i64 = 14;
/// How long an emailed or printed sign-in link works for a team leader.
pub const LOGIN_LINK_DAYS: i64 = 7;
/// Staff hold the keys to every team: their links are short-lived.
pub const STAFF_LOGIN_LINK_MINUTES: i64 = 30;
/// A staff invitation's link works longer than a staff sign-in link: the
/// invitation may wait in a mailbox over a weekend.
pub const STAFF_INVITATION_DAYS: i64 = 3;
/// A session opened by a sign-in link this recently may set a new password
/// without the old one (the link proved access to the mailbox).
pub const FRESH_LINK_MINUTES: i64 = 30;

/// How long a sign-in link for this user works, in milliseconds.
pub fn login_link_validity(u: &db::users::UserRow) -> i64 {
    if u.kind == UserKind::Staff {
        STAFF_LOGIN_LINK_MINUTES * 60_000
    } else {
        LOGIN_LINK_DAYS * 86_400_000
    }
}
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Password hashes computed at once by this process: each takes ~19 MB and
/// tens of milliseconds of a core, so a flood of sign-ins (random emails
/// included, which are hashed too) queues here instead of taking every CPU.
fn hashing_permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PERMITS.get_or_init(|| {
        let cpus = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new(cpus.max(2))
    })
}

pub async fn hash_password(password: String) -> anyhow::Result<String> {
    let _permit = hashing_permits().acquire().await?;
    tokio::task::spawn_blocking(move || {
        // A fresh random salt from the operating system for every hash.
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("password hashing failed: {e}"))
    })
    .await
    .context("password hashing task failed")?
}

async fn verify_password(password: String, hash: Option<String>) -> anyhow::Result<bool> {
    let _permit = hashing_permits().acquire().await?;
    tokio::task::spawn_blocking(move || {
        // Without an account, verify against a fixed hash anyway so the answer
        // takes as long as for a real account (no account enumeration by timing).
        let hash = hash.unwrap_or_else(|| {
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Yb0dQv4bZf3FqWQxM3bO6Tqg1kZ0fQm0W8d1r5m2l7g".into()
        });
        let Ok(parsed) = PasswordHash::new(&hash) else { return false };
        Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()
    })
    .await
    .context("password check task failed")
}

fn user_principal(u: &db::sessions::SessionUser) -> Option<Principal> {
    match u.kind {
        UserKind::Staff => Some(Principal::Staff {
            user_id: u.user_id.clone(),
            email: u.email.clone(),
            role: u.role?,
        }),
        UserKind::Leader => Some(Principal::Leader {
            team_id: u.team_id.clone()?,
            via: LeaderVia::User {
                user_id: u.user_id.clone(),
                name: u.name.clone(),
            },
            department: u.department_id.clone(),
        }),
    }
}

/// Where a right password or sign-in link leads.
#[derive(Debug)]
pub enum SignIn {
    /// Signed in: the new session's token (for the cookie).
    Session(String),
    /// Two factors are on: the token of the sign-in waiting for the code.
    SecondFactor(String),
}

impl Services {
    /// Email + password → a session, or a second step when two factors are on.
    pub async fn login(&self, email: &str, password: &str) -> Result<SignIn> {
        let email = email.trim().to_lowercase();
        let attempt = self.begin_attempt(&email).await?;
        let user = db::users::by_email(&self.db.pool, &email)
            .await?
            .filter(|u| u.disabled_at.is_none());
        let hash = user.as_ref().and_then(|u| u.password_hash.clone());
        let ok = verify_password(password.to_string(), hash.clone()).await?;
        match user {
            Some(u) if ok && hash.is_some() => {
                // The password was right: not a failure. With two factors,
                // each wrong code counts on its own (`complete_sign_in`).
                self.attempt_succeeded(attempt).await?;
                if self.has_two_factor(&u.id).await? {
                    return Ok(SignIn::SecondFactor(
                        self.start_challenge(&u.id, false).await?,
                    ));
                }
                if u.kind == UserKind::Staff {
                    self.studio_audit_now(&staff_name(&u), "signed in with a password")
                        .await?;
                }
                Ok(SignIn::Session(self.start_session(&u.id, false).await?))
            }
            _ => Err(Error::Invalid(vec![crate::domain::FieldError::new(
                "password",
                "That email and password do not match an account. Check both, or use the sign-in link you were sent.",
            )])),
        }
    }

    /// A new browser session; `via_link` when a sign-in link opened it.
    pub async fn start_session(&self, user_id: &str, via_link: bool) -> Result<String> {
        self.start_session_from(user_id, via_link, None).await
    }

    /// A new browser session; `sso_team` when that team's identity
    /// provider vouched for the person (see `db::sessions::lookup`).
    pub(crate) async fn start_session_from(
        &self,
        user_id: &str,
        via_link: bool,
        sso_team: Option<&str>,
    ) -> Result<String> {
        let token = new_token();
        let now = self.now_ms();
        db::sessions::insert(
            &self.db.pool,
            &hash_token(&token),
            user_id,
            now,
            now + SESSION_DAYS * 86_400_000,
            via_link,
            sso_team,
        )
        .await?;
        Ok(token)
    }

    pub async fn logout(&self, session_token: &str) -> Result<()> {
        db::sessions::delete(&self.db.pool, &hash_token(session_token)).await?;
        Ok(())
    }

    pub async fn session_principal(
        &self,
        session_token: &str,
    ) -> Result<Option<(Principal, String)>> {
        let user =
            db::sessions::lookup(&self.db.pool, &hash_token(session_token), self.now_ms()).await?;
        Ok(user.and_then(|u| user_principal(&u).map(|p| (p, u.name))))
    }

    /// `Authorization: Bearer` → team, staff or member.
    pub async fn bearer_principal(&self, token: &str) -> Result<Principal> {
        let hash = hash_token(token);
        if let Some(row) = db::tokens::api_token(&self.db.pool, &hash).await? {
            db::tokens::touch_api_token(&self.db.pool, &row.id, self.now_ms()).await?;
            if let Some(team_id) = row.team_id {
                return Ok(Principal::Leader {
                    team_id: TeamId::from(team_id),
                    via: LeaderVia::ApiToken,
                    department: None,
                });
            }
            if let Some(user_id) = row.user_id {
                let u = db::users::get(&self.db.pool, &UserId::of(&user_id))
                    .await?
                    .filter(|u| u.disabled_at.is_none())
                    .ok_or(Error::Unauthenticated)?;
                let role = u.role.ok_or(Error::Unauthenticated)?;
                return Ok(Principal::Staff {
                    user_id: UserId::from(user_id),
                    email: u.email,
                    role,
                });
            }
        }
        if let Some(h) = db::headshots::by_member_hash(&self.db.pool, &hash).await? {
            return Ok(Principal::Member {
                headshot_id: h.id,
                team_id: h.team_id,
                on_behalf: None,
                team_pays: false,
            });
        }
        Err(Error::Unauthenticated)
    }

    /// The personal link's secret → that headshot's member; opened in a
    /// browser signed in as a leader of the same team (`viewer`), the
    /// leader acting on the member's page.
    pub async fn member_principal(
        &self,
        secret: &str,
        viewer: Option<&Principal>,
    ) -> Result<Principal> {
        let h = db::headshots::by_member_hash(&self.db.pool, &hash_token(secret))
            .await?
            .ok_or(Error::NotFound("personal link"))?;
        // A leader of the member's team, whichever team their session is
        // looking at (a leader of several teams opens links from any).
        // (Whether they lead it, and the whole of it.)
        let (on_behalf, team_pays) = match viewer {
            Some(v @ Principal::Leader { team_id, via, .. }) => {
                let (leads, whole) = match via {
                    // Of the member's department, for a department's leader.
                    LeaderVia::User { user_id, .. } => {
                        let leads =
                            db::team_leaders::leads(&self.db.pool, &h.team_id, user_id).await?;
                        match db::departments::of_leader(&self.db.pool, &h.team_id, user_id).await?
                        {
                            None => (leads, leads),
                            d => (leads && d == h.department_id, false),
                        }
                    }
                    _ => (*team_id == h.team_id, *team_id == h.team_id),
                };
                (leads.then(|| v.audit_name()), whole)
            }
            _ => (None, false),
        };
        Ok(Principal::Member {
            headshot_id: h.id,
            team_id: h.team_id,
            on_behalf,
            team_pays,
        })
    }

    /// The share link's secret → a leader of that team (audited as such).
    pub async fn share_principal(&self, secret: &str) -> Result<Principal> {
        let t = db::teams::by_share_hash(&self.db.pool, &hash_token(secret))
            .await?
            .ok_or(Error::NotFound("share link"))?;
        Ok(Principal::Leader {
            team_id: t.id,
            via: LeaderVia::ShareLink,
            department: None,
        })
    }

    /// A one-time sign-in link for a leader or staff user; it voids the
    /// user's older links. Staff links last 30 minutes, leaders' 7 days.
    pub async fn create_login_link(&self, user_id: &str) -> Result<String> {
        let user = db::users::get(&self.db.pool, &UserId::of(user_id))
            .await?
            .ok_or(Error::NotFound("user"))?;
        self.create_login_link_valid_for(user_id, login_link_validity(&user), true)
            .await
    }

    /// A sign-in link that works once, for `valid_ms`; `supersede` ends the
    /// user's earlier links (a new link asked for replaces the old), else
    /// they stay usable until one of them is used.
    pub async fn create_login_link_valid_for(
        &self,
        user_id: &str,
        valid_ms: i64,
        supersede: bool,
    ) -> Result<String> {
        let token = new_token();
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        db::tokens::insert_login_link(
            &mut tx,
            &hash_token(&token),
            user_id,
            now,
            now + valid_ms,
            supersede,
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(self.url(&format!("/login/link/{token}")))
    }

    /// Uses a sign-in link (once): a session, or a second step when two
    /// factors are on.
    pub async fn use_login_link(&self, token: &str) -> Result<SignIn> {
        let now = self.now_ms();
        let user_id = db::tokens::consume_login_link(&self.db.pool, &hash_token(token), now)
            .await?
            .ok_or_else(|| {
                Error::BadRequest(
                    "This sign-in link has expired, was already used, or a newer link was sent since. Ask for a new one, or sign in with your password.".into(),
                )
            })?;
        // One link used ends the others (a new team's leader holds the
        // printed link and the emailed one).
        db::tokens::retire_login_links(&self.db.pool, &user_id, now).await?;
        if self.has_two_factor(&user_id).await? {
            return Ok(SignIn::SecondFactor(
                self.start_challenge(&user_id, true).await?,
            ));
        }
        if let Some(u) = db::users::get(&self.db.pool, &UserId::of(&user_id)).await?
            && u.kind == UserKind::Staff
        {
            self.studio_audit_now(&staff_name(&u), "signed in with a sign-in link")
                .await?;
        }
        Ok(SignIn::Session(self.start_session(&user_id, true).await?))
    }

    /// Whether changing the password asks for the current one (see
    /// `change_password`).
    pub async fn password_needs_current(
        &self,
        p: &Principal,
        session_token: Option<&str>,
    ) -> Result<bool> {
        let user_id = account_of(p)?;
        let user = db::users::get(&self.db.pool, &UserId::of(user_id))
            .await?
            .ok_or(Error::Unauthenticated)?;
        Ok(user.password_hash.is_some() && !self.fresh_link_session(session_token).await?)
    }

    /// Refuses, with `why`, what a session opened by a team's identity
    /// provider may not do: that provider vouches for its own team alone,
    /// not for a password or another team's invitation.
    pub(crate) async fn refuse_team_sso_session(
        &self,
        session_token: Option<&str>,
        why: &str,
    ) -> Result<()> {
        let Some(t) = session_token else {
            return Ok(());
        };
        let session = db::sessions::lookup(&self.db.pool, &hash_token(t), self.now_ms()).await?;
        if session.is_some_and(|s| s.sso_team_id.is_some()) {
            return Err(Error::Forbidden(why.into()));
        }
        Ok(())
    }

    async fn fresh_link_session(&self, session_token: Option<&str>) -> Result<bool> {
        let now = self.now_ms();
        Ok(match session_token {
            Some(t) => db::sessions::lookup(&self.db.pool, &hash_token(t), now)
                .await?
                .and_then(|s| s.via_link_at)
                .is_some_and(|at| now - at <= FRESH_LINK_MINUTES * 60_000),
            None => false,
        })
    }

    /// Sets a new password. With a password already set, the current one is
    /// needed, unless this session was opened by a sign-in link in the last
    /// 30 minutes (a forgotten password). Every other session of the user
    /// ends; `session_token` (the one making the change) stays.
    pub async fn change_password(
        &self,
        p: &Principal,
        session_token: Option<&str>,
        current_password: Option<&str>,
        new_password: &str,
    ) -> Result<()> {
        let user_id = account_of(p)?;
        if new_password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(Error::invalid(
                "password",
                format!("Use at least {MIN_PASSWORD_CHARS} characters."),
            ));
        }
        self.refuse_team_sso_session(
            session_token,
            "You signed in with your team's identity provider, which vouches for you on that team alone: to set a password here, sign in with an emailed link first.",
        )
        .await?;
        let user = db::users::get(&self.db.pool, &UserId::of(user_id))
            .await?
            .ok_or(Error::Unauthenticated)?;
        let session_hash = session_token.map(hash_token);
        if user.password_hash.is_some() && !self.fresh_link_session(session_token).await? {
            let Some(current) = current_password.filter(|c| !c.is_empty()) else {
                return Err(Error::invalid(
                    "current_password",
                    "Enter your current password. Forgot it? Sign in with an emailed link, then set a new one within 30 minutes.",
                ));
            };
            if !verify_password(current.to_string(), user.password_hash.clone()).await? {
                return Err(Error::invalid(
                    "current_password",
                    "That is not your current password. Forgot it? Sign in with an emailed link, then set a new one within 30 minutes.",
                ));
            }
        }
        let hash = hash_password(new_password.to_string()).await?;
        let mut tx = self.db.begin().await?;
        db::users::set_password(&mut *tx, user_id, &hash).await?;
        db::sessions::delete_for_user(&mut *tx, user_id, session_hash.as_deref()).await?;
        if user.kind == UserKind::Staff {
            self.studio_audit(&mut tx, &staff_name(&user), "changed their password")
                .await?;
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(())
    }
}

/// The account of a signed-in person (not a link or a token).
fn account_of(p: &Principal) -> Result<&UserId> {
    p.account()
        .ok_or_else(|| Error::Forbidden("Only a signed-in account can set a password.".into()))
}

/// The audit trail's name for a staff account.
fn staff_name(u: &db::users::UserRow) -> String {
    super::principal::staff_audit_name(&u.email, u.role.map_or("?", StaffRole::as_str))
}
