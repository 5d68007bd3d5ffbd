//! Signing in through an identity provider: which provider an address
//! goes to, the round trip (state, nonce and PKCE kept server-side, the
//! sign-in bound to the browser that began it), and the account it opens.

use super::auth::SignIn;
use super::leaders::{Consent, Joined};
use super::oidc::{self, Registration};
use super::principal::staff_audit_name;
use super::secrets::{constant_time_eq, hash_token, new_token};
use super::sso::{Owner, SEAL_PURPOSE};
use super::{Error, Result, Services};
use crate::db::{
    self,
    sso::{LoginRow, ProviderRow},
    users::UserRow,
};
use crate::domain::allowed_domains::AllowedDomains;
use crate::domain::email_typos::domain_of;
use crate::domain::{Email, StaffRole, UserKind};

/// How long a sign-in may spend at the provider.
pub const LOGIN_MINUTES: i64 = 10;

/// Where to send the browser, and the secret its cookie keeps so that only
/// this browser can finish the sign-in.
#[derive(Debug)]
pub struct SsoRedirect {
    pub url: String,
    pub browser: String,
}

/// "Start again", for an answer that cannot finish a sign-in.
fn again(why: &str) -> Error {
    Error::BadRequest(format!(
        "{why} Start again from the sign-in page, or sign in with your password or an emailed link."
    ))
}

impl Services {
    /// Whether any identity provider is set up (the sign-in page offers
    /// the company sign-in then).
    pub async fn sso_offered(&self) -> Result<bool> {
        Ok(db::sso::count(&self.db.pool).await? > 0)
    }

    /// Starts signing in `email` at its identity provider: the studio's for
    /// a staff address, the team's for a leader's (or, for a new address,
    /// the one team that makes accounts for its domain).
    pub async fn sso_begin(&self, email: &str) -> Result<SsoRedirect> {
        let email = Email::parse(email).map_err(|m| Error::invalid("sso_email", m))?;
        // Each start costs two requests to the provider: bounded per client
        // address like emailed links.
        self.count_link_request().await?;
        let row = self.sso_provider_for(&email).await?;
        let owner = Owner::from_key(&row.owner).ok_or(Error::NotFound("identity provider"))?;
        let allow_private = self.sso_allow_private(&owner);
        let secret = self.sso_secret(&row)?;
        let meta = oidc::discover(&row.issuer, allow_private)
            .await
            .map_err(|e| unreachable_provider(&row.issuer, &e))?;
        let state = new_token();
        let browser = new_token();
        let redirect_uri = self.sso_redirect_uri();
        let start = oidc::start(
            meta,
            &Registration {
                client_id: &row.client_id,
                client_secret: &secret,
                redirect_uri: &redirect_uri,
            },
            state.clone(),
            email.as_str(),
        )
        .map_err(|e| unreachable_provider(&row.issuer, &e))?;
        let now = self.now_ms();
        db::sso::purge_logins(&self.db.pool, now).await?;
        db::sso::insert_login(
            &self.db.pool,
            &hash_token(&state),
            &LoginRow {
                owner: row.owner,
                browser_hash: hash_token(&browser),
                nonce: start.nonce,
                pkce_verifier: start.pkce_verifier,
                expires_at: now + LOGIN_MINUTES * 60_000,
            },
        )
        .await?;
        Ok(SsoRedirect {
            url: start.url,
            browser,
        })
    }

    async fn sso_provider_for(&self, email: &Email) -> Result<ProviderRow> {
        let domain = domain_of(email);
        let candidates = db::sso::for_domain(&self.db.pool, domain).await?;
        let account = db::users::by_email(&self.db.pool, email.as_str()).await?;
        // Where an address goes does not tell whether it has an account:
        // a new address goes wherever its domain's one provider is (which
        // then says whether it may sign in); an account's kind and teams
        // only narrow a domain several providers list.
        let narrowed: Vec<ProviderRow> = match &account {
            Some(u) if u.kind == UserKind::Staff => candidates
                .iter()
                .filter(|r| r.owner == Owner::Studio.key())
                .cloned()
                .collect(),
            Some(u) => {
                let teams = db::team_leaders::teams_of(&self.db.pool, &u.id).await?;
                if teams.len() > 1 {
                    return Err(Error::invalid(
                        "sso_email",
                        "Your account leads more than one team, and a team's identity provider signs in leaders of that team alone: sign in with your password or an emailed link.",
                    ));
                }
                candidates
                    .iter()
                    .filter(|r| {
                        teams
                            .iter()
                            .any(|(t, _)| Owner::Team(t.clone()).key() == r.owner)
                    })
                    .cloned()
                    .collect()
            }
            None => Vec::new(),
        };
        let mut chosen = if narrowed.is_empty() {
            candidates
        } else {
            narrowed
        };
        match chosen.len() {
            1 => Ok(chosen.remove(0)),
            0 => Err(Error::invalid(
                "sso_email",
                format!(
                    "No company sign-in is set up for {domain} here. Sign in with your password or an emailed link, or ask your team leader."
                ),
            )),
            _ => Err(Error::invalid(
                "sso_email",
                format!(
                    "More than one identity provider is set up for {domain} here: sign in with your password or an emailed link."
                ),
            )),
        }
    }

    fn sso_secret(&self, row: &ProviderRow) -> Result<String> {
        self.keys
            .open(SEAL_PURPOSE, &row.owner, &row.client_secret_sealed)
            .ok_or_else(|| {
                Error::Unavailable(
                    "The company sign-in's client secret cannot be read (the server's secret key changed): a leader or admin enters it again in the sign-in settings. Meanwhile sign in with your password or an emailed link."
                        .into(),
                )
            })
    }

    /// Finishes a sign-in the provider sent back (once: a second use of
    /// the same answer, or two at once, are refused), then opens the
    /// account's session, or its second step when it has two factors on.
    pub async fn sso_finish(
        &self,
        state: &str,
        code: &str,
        browser: Option<&str>,
    ) -> Result<SignIn> {
        let now = self.now_ms();
        let login = db::sso::take_login(&self.db.pool, &hash_token(state))
            .await?
            .ok_or_else(|| again("This sign-in has expired or was already used."))?;
        if login.expires_at < now {
            return Err(again("This sign-in took over ten minutes."));
        }
        // Bound to the browser that began it: a link to this callback sent
        // to someone else does not sign them into the sender's account.
        if !browser.is_some_and(|b| constant_time_eq(&hash_token(b), &login.browser_hash)) {
            return Err(again("This sign-in was started in another browser."));
        }
        let row = db::sso::get(&self.db.pool, &login.owner)
            .await?
            .ok_or_else(|| again("This company sign-in was turned off meanwhile."))?;
        let owner = Owner::from_key(&row.owner).ok_or(Error::NotFound("identity provider"))?;
        let allow_private = self.sso_allow_private(&owner);
        let secret = self.sso_secret(&row)?;
        let meta = oidc::discover(&row.issuer, allow_private)
            .await
            .map_err(|e| unreachable_provider(&row.issuer, &e))?;
        let redirect_uri = self.sso_redirect_uri();
        let person = oidc::finish(
            meta,
            &Registration {
                client_id: &row.client_id,
                client_secret: &secret,
                redirect_uri: &redirect_uri,
            },
            code,
            &login.pkce_verifier,
            &login.nonce,
            allow_private,
        )
        .await
        .map_err(|e| {
            again(&format!(
                "The identity provider's answer was not accepted ({e})."
            ))
        })?;
        let Some(email) = person
            .email
            .as_deref()
            .filter(|_| person.email_verified)
            .and_then(|e| Email::parse(e).ok())
        else {
            return Err(Error::Forbidden(
                "Your identity provider did not confirm an email address for you: its administrator can share your verified address with this application.".into(),
            ));
        };
        let domains = AllowedDomains::from_stored(&row.allowed_domains);
        if !domains.admits(&email) {
            return Err(Error::Forbidden(format!(
                "{} is not at {}: only those addresses sign in with this identity provider.",
                email.as_str(),
                domains.spoken()
            )));
        }
        let user = self.sso_account(&owner, &row, &person, &email, now).await?;
        let sso_team = match &owner {
            Owner::Team(t) => Some(t.as_str()),
            Owner::Studio => None,
        };
        if self.has_two_factor(&user.id).await? {
            return Ok(SignIn::SecondFactor(
                self.start_challenge_from(&user.id, false, sso_team).await?,
            ));
        }
        if user.kind == UserKind::Staff {
            let role = user.role.map_or("?", StaffRole::as_str);
            self.studio_audit_now(
                &staff_audit_name(&user.email, role),
                "signed in with the studio's identity provider",
            )
            .await?;
        }
        Ok(SignIn::Session(
            self.start_session_from(&user.id, false, sso_team).await?,
        ))
    }

    /// The account the provider's person is: the one linked to their
    /// subject, else the one at their address (linked now), else — for a
    /// team that makes accounts — a new leader of that team. All in one
    /// transaction: a refusal leaves no link and no account behind.
    async fn sso_account(
        &self,
        owner: &Owner,
        row: &ProviderRow,
        person: &oidc::Person,
        email: &Email,
        now: i64,
    ) -> Result<UserRow> {
        let key = owner.key();
        let mut tx = self.db.begin().await?;
        let linked = db::sso::identity(&mut *tx, &key, &row.issuer, &person.subject).await?;
        let user = match linked {
            Some(id) => db::users::get(&mut *tx, &id)
                .await?
                .ok_or_else(|| again("That account was just removed."))?,
            None => {
                let user = match db::users::by_email(&mut *tx, email.as_str()).await? {
                    Some(u) => {
                        // Another person of the provider signed in as
                        // this account before: an address reused there
                        // does not inherit it.
                        if db::sso::user_linked(&mut *tx, &key, &row.issuer, &u.id).await? {
                            return Err(Error::Forbidden(format!(
                                "{} signs in as another person of your identity provider. Ask your team leader or the studio.",
                                email.as_str()
                            )));
                        }
                        u
                    }
                    None => match owner {
                        Owner::Team(team_id) if row.create_accounts != 0 => {
                            let name = person
                                .name
                                .clone()
                                .unwrap_or_else(|| {
                                    email
                                        .as_str()
                                        .split('@')
                                        .next()
                                        .unwrap_or_default()
                                        .to_string()
                                })
                                .chars()
                                .take(120)
                                .collect();
                            match self
                                .join_team(
                                    &mut tx,
                                    team_id.as_str(),
                                    email,
                                    name,
                                    Consent::Given,
                                    now,
                                )
                                .await
                                .map_err(|e| match e {
                                    // Two first sign-ins at once.
                                    Error::Conflict(_) => again("You signed in twice at once."),
                                    e => e,
                                })? {
                                Joined::New(u) => {
                                    db::events::insert_team(
                                        &mut *tx,
                                        team_id.as_str(),
                                        now,
                                        &format!("leader {}", u.name),
                                        "joined the team's leaders by signing in with the company's identity provider",
                                    )
                                    .await?;
                                    u
                                }
                                _ => return Err(again("That address was just added.")),
                            }
                        }
                        Owner::Team(_) => {
                            return Err(Error::Forbidden(format!(
                                "No leader account uses {} here: a team leader can add you on the team's leaders page.",
                                email.as_str()
                            )));
                        }
                        Owner::Studio => {
                            return Err(Error::Forbidden(format!(
                                "No staff account uses {}: the studio's admin adds staff on the staff page.",
                                email.as_str()
                            )));
                        }
                    },
                };
                let linked = match db::sso::link(
                    &mut *tx,
                    &key,
                    &row.issuer,
                    &person.subject,
                    &user.id,
                    now,
                )
                .await
                {
                    // Another subject took this account at the same moment.
                    Err(e) if db::is_unique_violation(&e) => false,
                    r => r?,
                };
                if !linked {
                    return Err(again("You signed in twice at once."));
                }
                user
            }
        };
        if user.disabled_at.is_some() {
            return Err(Error::Forbidden(
                "This account is deactivated: ask the studio's admin.".into(),
            ));
        }
        match owner {
            Owner::Studio if user.kind != UserKind::Staff => {
                return Err(Error::Forbidden(
                    "The studio's identity provider signs in studio staff only: team leaders use their team's sign-in, a password or an emailed link.".into(),
                ));
            }
            Owner::Studio => {}
            Owner::Team(team_id) => {
                let teams = db::team_leaders::teams_of(&mut *tx, &user.id).await?;
                if user.kind != UserKind::Leader || !teams.iter().any(|(t, _)| t == team_id) {
                    return Err(Error::Forbidden(format!(
                        "{} does not lead this team: a team leader can add you on the team's leaders page.",
                        email.as_str()
                    )));
                }
                // A team's provider vouches for its own leaders alone: an
                // account that leads other teams too would open them.
                if teams.len() > 1
                    || !db::leader_invitations::of_user(&mut *tx, &user.id)
                        .await?
                        .is_empty()
                {
                    return Err(Error::Forbidden(
                        "Your account leads, or is invited to lead, more than one team, and a team's identity provider signs in leaders of that team alone: sign in with your password or an emailed link.".into(),
                    ));
                }
            }
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(user)
    }
}

fn unreachable_provider(issuer: &str, e: &str) -> Error {
    Error::Unavailable(format!(
        "The company sign-in at {issuer} did not answer as expected ({e}). Try again in a minute, or sign in with your password or an emailed link."
    ))
}
