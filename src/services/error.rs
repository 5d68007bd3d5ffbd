//! Business outcomes of the use-cases; the web layer maps each to a response
//! in one place (`http::error`).

use crate::domain::{FieldError, TransitionError};
use crate::imaging::checks::CheckFailure;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Missing or unknown credentials.
    #[error("Sign in first: this needs a valid session or `Authorization: Bearer` token.")]
    Unauthenticated,
    /// Not found, or not visible to this caller (never reveals existence).
    #[error("No such {0}.")]
    NotFound(&'static str),
    /// Known to exist for this caller, but their role may not do this.
    #[error("{0}")]
    Forbidden(String),
    #[error("Some fields need fixing.")]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    BadRequest(String),
    /// Lines of an uploaded file that need fixing (nothing was imported).
    #[error("Nothing was imported: fix the lines listed, then upload the file again.")]
    InvalidLines(Vec<crate::domain::csv_import::LineProblem>),
    #[error("The file has {needed} members but only {available} credits are left: add {} credits (+ Add Credits, /team/credits) or remove rows. Nothing was imported.", .needed - .available)]
    NotEnoughCredits { needed: i64, available: i64 },
    #[error(
        "No credit left: each invitation uses one credit. Add credits (+ Add Credits, /team/credits), then invite again."
    )]
    NoCredit,
    /// A department's allowance would be overdrawn (the team may still
    /// have credits).
    #[error(
        "The {department} department has used {used} of its {allowance} credits and this needs {needed}: a team leader can raise its allowance (Departments, /team/departments)."
    )]
    AllowanceUsed {
        department: String,
        allowance: i64,
        used: i64,
        needed: i64,
    },
    #[error(transparent)]
    Transition(#[from] TransitionError),
    #[error("{0}")]
    Conflict(String),
    #[error("The photo did not pass the automatic checks.")]
    PhotoRejected(Vec<CheckFailure>),
    /// The limit in bytes.
    #[error("The upload is larger than the {} limit: send a smaller file.", human_bytes(*.0))]
    TooLarge(u64),
    /// Too many attempts in a short time (password sign-in).
    #[error(
        "Too many sign-in attempts for this email: wait {0} minutes, or use the sign-in link you were sent."
    )]
    TooManyAttempts(i64),
    /// Too many attempts from one client address (any accounts).
    #[error("Too many sign-in attempts from your network: wait {0} minutes and try again.")]
    TooManyFromAddress(i64),
    /// Too many sign-ups or join requests from one client address or for
    /// one email.
    #[error(
        "Too many requests from your network or for this address: wait {0} minutes and try again."
    )]
    TooManySignups(i64),
    /// The studio requires two-factor sign-in of this person, who has not set it up.
    #[error(
        "The studio requires two-factor sign-in for your role: set it up at /account/two-factor."
    )]
    TwoFactorSetupRequired,
    /// A service we depend on (the payment provider) is unavailable.
    #[error("{0}")]
    Unavailable(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Self::Internal(e.into())
    }
}

impl Error {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid(vec![FieldError::new(field, message)])
    }

    /// The value probably meant for `field`, when it was refused as a
    /// likely typo (a page offers it as a one-click fix).
    pub fn suggestion_for(&self, field: &str) -> Option<&str> {
        match self {
            Self::Invalid(list) => list
                .iter()
                .find(|f| f.field == field)
                .and_then(|f| f.suggestion.as_deref()),
            _ => None,
        }
    }

    /// The status changed between reading and writing (a concurrent request).
    pub fn changed_meanwhile() -> Self {
        Self::Conflict(
            "This headshot changed while you were working on it; reload and try again.".into(),
        )
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// 25000000 → "25 MB", 512000 → "512 KB", 2500000 → "2.5 MB" (decimal units,
/// as file managers show them).
pub fn human_bytes(n: u64) -> String {
    let (value, unit) = if n >= 1_000_000 {
        (n as f64 / 1_000_000.0, "MB")
    } else if n >= 1_000 {
        (n as f64 / 1_000.0, "KB")
    } else {
        return format!("{n} bytes");
    };
    let text = format!("{value:.1}");
    format!("{} {unit}", text.trim_end_matches(".0"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn limits_read_as_people_write_them() {
        assert_eq!(super::human_bytes(25_000_000), "25 MB");
        assert_eq!(super::human_bytes(2_500_000), "2.5 MB");
        assert_eq!(super::human_bytes(512_000), "512 KB");
        assert_eq!(super::human_bytes(999), "999 bytes");
        assert_eq!(
            super::Error::TooLarge(300_000).to_string(),
            "The upload is larger than the 300 KB limit: send a smaller file."
        );
    }
}
