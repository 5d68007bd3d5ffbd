//! Likely typos in invited addresses, as one team sees them: an invite to
//! `ana@gmial.com` is held back with the address probably meant unless the
//! leader confirms it as typed. A confirmation is remembered for the team's
//! domain, so a company whose real domain resembles a provider's confirms
//! it once, not on every invite.

use super::{Result, Services};
use crate::db;
use crate::domain::{Email, FieldError, email_typos};
use std::collections::HashSet;

/// The domains one team confirmed, loaded once per request.
#[derive(Debug, Clone, Default)]
pub struct AddressCheck {
    confirmed: HashSet<String>,
}

impl AddressCheck {
    /// The address probably meant, unless the team confirmed this domain.
    pub fn suggestion(&self, email: &Email) -> Option<String> {
        if self.confirmed.contains(email_typos::domain_of(email)) {
            return None;
        }
        email_typos::suggestion(email)
    }

    /// The problem to report for `email` in `field`, when it looks like a
    /// typo and was not confirmed in this request.
    pub fn problem(&self, field: &str, email: &Email, confirmed: bool) -> Option<FieldError> {
        if confirmed {
            return None;
        }
        let meant = self.suggestion(email)?;
        Some(
            FieldError::new(field, email_typos::field_message(email, &meant))
                .with_suggestion(meant),
        )
    }
}

impl Services {
    pub(super) async fn address_check(&self, team_id: &str) -> Result<AddressCheck> {
        let confirmed = db::confirmed_domains::of_team(&self.db.pool, team_id).await?;
        Ok(AddressCheck {
            confirmed: confirmed.into_iter().collect(),
        })
    }

    /// Remembers, with the change that used them, the domains of `emails`
    /// that looked like typos and were confirmed as typed.
    pub(super) async fn remember_confirmed_domains(
        &self,
        tx: &mut db::Tx,
        team_id: &str,
        check: &AddressCheck,
        emails: impl IntoIterator<Item = &Email>,
        by: &str,
        now: i64,
    ) -> Result<()> {
        let domains: HashSet<&str> = emails
            .into_iter()
            .filter(|e| check.suggestion(e).is_some())
            .map(email_typos::domain_of)
            .collect();
        for domain in domains {
            db::confirmed_domains::add(&mut **tx, team_id, domain, by, now).await?;
        }
        Ok(())
    }
}
