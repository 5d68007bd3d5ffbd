//! The first run: while no admin exists, the server prints a one-time code
//! and `/setup` creates the first admin and names the studio with it, once.

use super::auth::{MIN_PASSWORD_CHARS, hash_password};
use super::secrets::{hash_token, random_bytes};
use super::{Error, Result, Services};
use crate::db::{self, new_id, users::UserRow};
use crate::domain::person::account_name;
use crate::domain::{Currency, Email, FieldError, StaffRole, UserId, UserKind};

/// What the setup form sends.
#[derive(Debug, Clone, Default)]
pub struct FirstRun {
    pub code: String,
    pub studio_name: String,
    pub currency: String,
    pub timezone: String,
    pub name: String,
    pub email: String,
    pub password: String,
}

/// The printed code: 128 random bits as eight groups of four hex digits,
/// easy to copy from a console and to type.
fn new_code() -> String {
    let hex = hex::encode(random_bytes::<16>());
    hex.as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).expect("hex is ASCII"))
        .collect::<Vec<_>>()
        .join("-")
}

fn wrong_code() -> Error {
    Error::invalid(
        "code",
        "This is not the setup code: copy it from the server's log (a restart prints a new one).",
    )
}

/// The code as typed, without spaces or dashes and in lower case.
fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_hexdigit())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

impl Services {
    /// Whether `/setup` is there: no admin was ever made and the setup was
    /// not completed.
    pub async fn setup_open(&self) -> Result<bool> {
        Ok(!db::setup::completed(&self.db.pool).await?
            && !db::setup::any_admin(&self.db.pool).await?)
    }

    /// At server start: a new one-time code when the setup is open (the
    /// caller prints it), else nothing.
    pub async fn prepare_setup(&self) -> Result<Option<String>> {
        if !self.setup_open().await? {
            return Ok(None);
        }
        let code = new_code();
        db::setup::open(&self.db.pool, &hash_token(&normalise(&code)), self.now_ms()).await?;
        Ok(Some(code))
    }

    /// Creates the first admin and saves the studio's name, currency and
    /// time zone; answers the admin's id. A setup already done is "not
    /// found"; a wrong code is explained like any other field.
    pub async fn complete_setup(&self, input: FirstRun) -> Result<UserId> {
        if !self.setup_open().await? {
            return Err(Error::NotFound("page"));
        }
        // The code first: nothing else is read (nor a password hashed) for
        // someone without it.
        let code = normalise(&input.code);
        if code.len() != 32 {
            return Err(Error::invalid(
                "code",
                "Enter the setup code the server printed when it started (32 letters and digits).",
            ));
        }
        if !db::setup::code_matches(&self.db.pool, &hash_token(&code)).await? {
            return Err(wrong_code());
        }
        let mut errors = Vec::new();
        let name = account_name(&input.name, "name", "your", &mut errors);
        let email = Email::parse(&input.email)
            .map_err(|m| errors.push(FieldError::new("email", m)))
            .ok();
        if input.password.chars().count() < MIN_PASSWORD_CHARS {
            errors.push(FieldError::new(
                "password",
                format!("Choose a password of at least {MIN_PASSWORD_CHARS} characters."),
            ));
        }
        let currency = Currency::parse(input.currency.trim());
        if currency.is_none() {
            errors.push(FieldError::new(
                "currency",
                "Choose one of the listed currencies.",
            ));
        }
        let mut studio = (*self.studio_settings().await?).clone();
        studio.branding.studio_name = input.studio_name;
        studio.timezone = Some(input.timezone);
        if let Some(c) = currency {
            studio.currency = c;
        }
        let studio = studio.validate().map_err(|e| {
            errors.extend(e);
        });
        let (Some(email), Ok(studio)) = (email, studio) else {
            return Err(Error::Invalid(errors));
        };
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let hash = hash_password(input.password).await?;
        let now = self.now_ms();
        let id = UserId::from(new_id());
        let mut tx = self.db.begin().await?;
        if !db::setup::complete(&mut *tx, &hash_token(&code), now).await? {
            // Another submission completed it meanwhile: the page is gone.
            if db::setup::completed(&mut *tx).await? {
                return Err(Error::NotFound("page"));
            }
            return Err(wrong_code());
        }
        db::users::insert(
            &mut *tx,
            &UserRow {
                id: id.clone(),
                email: email.as_str().into(),
                name: name.clone(),
                password_hash: Some(hash),
                kind: UserKind::Staff,
                role: Some(StaffRole::Admin),
                team_id: None,
                created_at: now,
                disabled_at: None,
            },
        )
        .await?;
        let by = format!("{name} (setup)");
        self.save_studio_settings_in(&mut tx, &studio, &by).await?;
        self.studio_audit(&mut tx, &by, "completed the first-run setup")
            .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.remember_studio_settings(studio);
        tracing::info!(user.id = %id, "first-run setup completed");
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_hold_128_bits_and_read_back_however_typed() {
        let code = new_code();
        assert_eq!(code.len(), 39, "{code}");
        assert_eq!(normalise(&code).len(), 32);
        assert_eq!(
            normalise(&code.to_uppercase().replace('-', " ")),
            normalise(&code)
        );
        assert_ne!(new_code(), code);
    }
}
