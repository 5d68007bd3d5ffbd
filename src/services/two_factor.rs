//! Two-factor sign-in with a TOTP app (RFC 6238, `totp-rs`): enrolment with a
//! QR code drawn here (`qrcode`, SVG) and a first code, ten one-time recovery
//! codes shown once, disabling with a code, and the second step of a
//! sign-in. Staff and leaders alike; the studio may require it of staff.

use super::secrets::{hash_token, new_token, random_bytes};
use super::{Error, Principal, Result, Services};
use crate::db;
use crate::domain::UserId;
use crate::domain::studio_settings::TwoFactorPolicy;
use crate::domain::{StaffRole, UserKind};
use totp_rs::{Builder, Totp};

/// 160 bits, as RFC 4226 recommends.
const SECRET_BYTES: usize = 20;
pub const RECOVERY_CODES: usize = 10;
/// How long a right password (or link) waits for its second factor.
pub const CHALLENGE_MINUTES: i64 = 10;

/// What the enrolment page shows.
pub struct Enrolment {
    /// An inline SVG of the `otpauth://` URL, for the phone's camera.
    pub qr_svg: String,
    /// The same secret to type in, base32 in groups of four.
    pub secret: String,
}

/// Whether two factors are on, and how many recovery codes are left.
pub struct TwoFactorStatus {
    pub enabled: bool,
    pub recovery_codes_left: i64,
}

fn account_of(p: &Principal) -> Result<&UserId> {
    p.account().ok_or_else(|| {
        Error::Forbidden(
            "Two-factor sign-in belongs to an account: sign in as a leader to set it up.".into(),
        )
    })
}

/// A code as people type it: spaces and dashes ignored.
fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_lowercase()
}

fn totp(secret: Vec<u8>, issuer: &str, account: &str) -> Result<Totp> {
    Builder::new()
        .with_secret(secret)
        .with_issuer(Some(issuer.replace(':', " ")))
        .with_account_name(account.replace(':', " "))
        .build()
        .map_err(|e| Error::Internal(anyhow::anyhow!("TOTP: {e:?}")))
}

impl Services {
    /// Seals a TOTP secret for the database: XOR with a key stream derived
    /// from the server key, the user and a fresh nonce.
    fn seal(&self, user_id: &str, secret: &[u8]) -> String {
        let nonce = hex::encode(random_bytes::<16>());
        let pad = self.keys.derive_bytes("totp-seal", &[user_id, &nonce]);
        let sealed: Vec<u8> = secret.iter().zip(pad).map(|(s, p)| s ^ p).collect();
        format!("{nonce}.{}", hex::encode(sealed))
    }

    fn unseal(&self, user_id: &str, sealed: &str) -> Result<Vec<u8>> {
        let bad = || Error::Internal(anyhow::anyhow!("a sealed TOTP secret is damaged"));
        let (nonce, body) = sealed.split_once('.').ok_or_else(bad)?;
        let body = hex::decode(body).map_err(|_| bad())?;
        let pad = self.keys.derive_bytes("totp-seal", &[user_id, nonce]);
        Ok(body.iter().zip(pad).map(|(s, p)| s ^ p).collect())
    }

    async fn user_totp(
        &self,
        user_id: &str,
    ) -> Result<(db::users::UserRow, db::two_factor::TotpState)> {
        let user = db::users::get(&self.db.pool, &UserId::of(user_id))
            .await?
            .ok_or(Error::Unauthenticated)?;
        let state = db::two_factor::state(&self.db.pool, user_id)
            .await?
            .ok_or(Error::Unauthenticated)?;
        Ok((user, state))
    }

    pub async fn two_factor_status(&self, p: &Principal) -> Result<TwoFactorStatus> {
        let user_id = account_of(p)?;
        let (_, state) = self.user_totp(user_id).await?;
        Ok(TwoFactorStatus {
            enabled: state.totp_enabled_at.is_some(),
            recovery_codes_left: db::two_factor::unused_recovery_codes(&self.db.pool, user_id)
                .await?,
        })
    }

    /// The pending enrolment (made on first use, or anew with `fresh`).
    pub async fn two_factor_enrolment(&self, p: &Principal, fresh: bool) -> Result<Enrolment> {
        let user_id = account_of(p)?;
        let (user, state) = self.user_totp(user_id).await?;
        if state.totp_enabled_at.is_some() {
            return Err(Error::Conflict(
                "Two-factor sign-in is already on; turn it off first to set up another app.".into(),
            ));
        }
        let secret = match state.totp_secret.filter(|_| !fresh) {
            Some(sealed) => self.unseal(user_id, &sealed)?,
            None => {
                let secret = random_bytes::<SECRET_BYTES>().to_vec();
                db::two_factor::set_pending(&self.db.pool, user_id, &self.seal(user_id, &secret))
                    .await?;
                secret
            }
        };
        let t = totp(secret, &self.studio_name().await, &user.email)?;
        let url = t
            .to_url()
            .map_err(|e| Error::Internal(anyhow::anyhow!("TOTP URL: {e:?}")))?;
        let qr = qrcode::QrCode::new(url.as_bytes())
            .map_err(|e| Error::Internal(anyhow::anyhow!("QR code: {e}")))?;
        let qr_svg = qr
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build();
        let base32 = t.secret().to_base32();
        let secret = base32
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(" ");
        Ok(Enrolment { qr_svg, secret })
    }

    /// Turns two factors on with a first code from the app; the ten
    /// recovery codes, shown this once.
    pub async fn enable_two_factor(&self, p: &Principal, code: &str) -> Result<Vec<String>> {
        let user_id = account_of(p)?;
        let (user, state) = self.user_totp(user_id).await?;
        if state.totp_enabled_at.is_some() {
            return Err(Error::Conflict("Two-factor sign-in is already on.".into()));
        }
        let sealed = state.totp_secret.ok_or_else(|| {
            Error::Conflict("Start again: open the set-up page to get a QR code.".into())
        })?;
        let t = totp(self.unseal(user_id, &sealed)?, "", &user.email)?;
        let now = self.now().as_second().max(0) as u64;
        let step = t.check(&normalise(code), now).ok_or_else(|| {
            Error::invalid(
                "code",
                "That code does not match: type the 6 digits your app shows now for this account.",
            )
        })?;
        let codes: Vec<String> = (0..RECOVERY_CODES)
            .map(|_| {
                let raw = hex::encode(random_bytes::<8>());
                format!("{}-{}", &raw[..8], &raw[8..])
            })
            .collect();
        let hashes: Vec<String> = codes.iter().map(|c| hash_token(&normalise(c))).collect();
        let mut tx = self.db.begin().await?;
        if !db::two_factor::enable(&mut *tx, user_id, step as i64, self.now_ms()).await? {
            return Err(Error::Conflict("Two-factor sign-in is already on.".into()));
        }
        db::two_factor::replace_recovery_codes(&mut tx, user_id, &hashes).await?;
        if user.kind == UserKind::Staff {
            self.studio_audit(&mut tx, &p.audit_name(), "turned on two-factor sign-in")
                .await?;
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(codes)
    }

    /// Turns two factors off; needs a current code or a recovery code.
    pub async fn disable_two_factor(&self, p: &Principal, code: &str) -> Result<()> {
        let user_id = account_of(p)?;
        let (user, _) = self.user_totp(user_id).await?;
        if self.studio_requires_two_factor(&user).await? {
            return Err(Error::Conflict(
                "The studio requires two-factor sign-in for your role: it cannot be turned off."
                    .into(),
            ));
        }
        // Guessing codes from a stolen session is limited like sign-ins.
        let attempt = self.begin_attempt(&user.email).await?;
        if !self.check_second_factor(user_id, code).await? {
            return Err(Error::invalid(
                "code",
                "That code does not match: type the 6 digits your app shows now, or an unused recovery code.",
            ));
        }
        self.attempt_succeeded(attempt).await?;
        let mut tx = self.db.begin().await?;
        db::two_factor::disable(&mut *tx, user_id).await?;
        db::two_factor::delete_recovery_codes(&mut *tx, user_id).await?;
        if user.kind == UserKind::Staff {
            self.studio_audit(&mut tx, &p.audit_name(), "turned off two-factor sign-in")
                .await?;
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(())
    }

    /// The operator turns two factors off for an account (a lost phone and
    /// lost recovery codes), from the command line.
    pub async fn reset_two_factor(&self, email: &str) -> Result<()> {
        let user = db::users::by_email(&self.db.pool, &email.trim().to_lowercase())
            .await?
            .ok_or(Error::NotFound("account"))?;
        let mut tx = self.db.begin().await?;
        db::two_factor::disable(&mut *tx, &user.id).await?;
        db::two_factor::delete_recovery_codes(&mut *tx, &user.id).await?;
        self.studio_audit(
            &mut tx,
            super::principal::OPERATOR,
            &format!(
                "turned off two-factor sign-in for {}",
                crate::domain::email::mask(&user.email)
            ),
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(())
    }

    /// A current TOTP code (each time step once) or an unused recovery code.
    pub(crate) async fn check_second_factor(&self, user_id: &str, code: &str) -> Result<bool> {
        let (user, state) = self.user_totp(user_id).await?;
        let (Some(sealed), Some(_)) = (state.totp_secret, state.totp_enabled_at) else {
            return Ok(false);
        };
        let code = normalise(code);
        if code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()) {
            let t = totp(self.unseal(user_id, &sealed)?, "", &user.email)?;
            let now = self.now().as_second().max(0) as u64;
            return Ok(match t.check(&code, now) {
                Some(step) => db::two_factor::use_step(&self.db.pool, user_id, step as i64).await?,
                None => false,
            });
        }
        Ok(db::two_factor::use_recovery_code(
            &self.db.pool,
            user_id,
            &hash_token(&code),
            self.now_ms(),
        )
        .await?)
    }

    /// Whether this user has two factors on.
    pub(crate) async fn has_two_factor(&self, user_id: &str) -> Result<bool> {
        Ok(db::two_factor::state(&self.db.pool, user_id)
            .await?
            .is_some_and(|s| s.totp_enabled_at.is_some()))
    }

    /// Whether the studio's policy asks this user for two factors.
    pub(crate) async fn studio_requires_two_factor(
        &self,
        user: &db::users::UserRow,
    ) -> Result<bool> {
        if user.kind != UserKind::Staff {
            return Ok(false);
        }
        Ok(match self.studio_settings().await?.security.two_factor {
            TwoFactorPolicy::Off => false,
            TwoFactorPolicy::Admins => user.role == Some(StaffRole::Admin),
            TwoFactorPolicy::Staff => true,
        })
    }

    /// The studio requires two factors of this staff member, who has not
    /// set them up yet: pages send them to the set-up page first.
    pub async fn two_factor_setup_due(&self, p: &Principal) -> Result<bool> {
        let Principal::Staff { user_id, .. } = p else {
            return Ok(false);
        };
        if matches!(
            self.studio_settings().await?.security.two_factor,
            TwoFactorPolicy::Off
        ) {
            return Ok(false);
        }
        let (user, state) = self.user_totp(user_id).await?;
        Ok(state.totp_enabled_at.is_none() && self.studio_requires_two_factor(&user).await?)
    }

    /// Whether the studio requires two factors of this signed-in person.
    pub async fn two_factor_required_of(&self, p: &Principal) -> Result<bool> {
        let user_id = account_of(p)?;
        let (user, _) = self.user_totp(user_id).await?;
        self.studio_requires_two_factor(&user).await
    }

    /// A right password or link for someone with two factors: the token of
    /// the sign-in waiting for its code (kept in a short-lived cookie).
    pub(crate) async fn start_challenge(&self, user_id: &str, via_link: bool) -> Result<String> {
        self.start_challenge_from(user_id, via_link, None).await
    }

    /// The same, for a sign-in `sso_team`'s identity provider vouched for:
    /// the session it leads to keeps that team's limits.
    pub(crate) async fn start_challenge_from(
        &self,
        user_id: &str,
        via_link: bool,
        sso_team: Option<&str>,
    ) -> Result<String> {
        let token = new_token();
        let now = self.now_ms();
        db::two_factor::insert_challenge(
            &self.db.pool,
            &hash_token(&token),
            user_id,
            via_link,
            sso_team,
            now,
            now + CHALLENGE_MINUTES * 60_000,
        )
        .await?;
        Ok(token)
    }

    /// The second step of a sign-in: the code → a session. A wrong code
    /// counts as a failed attempt for the account and the address.
    pub async fn complete_sign_in(&self, challenge: &str, code: &str) -> Result<String> {
        let hash = hash_token(challenge);
        let expired = || {
            Error::BadRequest(
                "This sign-in took too long: start again with your password or a new sign-in link."
                    .into(),
            )
        };
        let (user_id, via_link, sso_team) =
            db::two_factor::challenge(&self.db.pool, &hash, self.now_ms())
                .await?
                .ok_or_else(expired)?;
        let user = db::users::get(&self.db.pool, &UserId::of(&user_id))
            .await?
            .filter(|u| u.disabled_at.is_none())
            .ok_or_else(expired)?;
        let attempt = self.begin_attempt(&user.email).await?;
        if !self.check_second_factor(&user_id, code).await? {
            return Err(Error::invalid(
                "code",
                "That code does not match: type the 6 digits your app shows now, or an unused recovery code.",
            ));
        }
        if !db::two_factor::end_challenge(&self.db.pool, &hash).await? {
            return Err(expired());
        }
        self.attempt_succeeded(attempt).await?;
        if user.kind == UserKind::Staff {
            self.studio_audit_now(
                &super::principal::staff_audit_name(
                    &user.email,
                    user.role.map_or("?", StaffRole::as_str),
                ),
                "completed sign-in with a second factor",
            )
            .await?;
        }
        self.start_session_from(&user_id, via_link != 0, sso_team.as_deref())
            .await
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_read_as_people_type_them() {
        assert_eq!(super::normalise(" 123 456 "), "123456");
        assert_eq!(super::normalise("ABCD-1234"), "abcd1234");
    }
}
