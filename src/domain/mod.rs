//! Pure business rules: no I/O, no clock (instants are passed in).

pub mod allowed_domains;
pub mod business_days;
pub mod csv_import;
pub mod custom_background;
pub mod department;
pub mod due_date;
pub mod email;
pub mod email_typos;
pub mod guarantee;
pub mod ids;
pub mod intake;
pub mod invoicing;
pub mod lang;
pub mod ledger;
pub mod member_progress;
pub mod money;
pub mod notices;
pub mod person;
pub mod pricing;
pub mod qc_reasons;
pub mod roles;
pub mod self_service;
pub mod status;
pub mod studio_rules;
pub mod studio_settings;
pub mod style;
pub mod transition;
pub mod two_factor_policy;
pub(crate) mod wire;

pub use custom_background::CustomBackgroundStatus;
pub use due_date::DueDate;
pub use email::Email;
pub use ids::{DepartmentId, HeadshotId, TeamId, UserId};
pub use lang::{Lang, TeamLanguage};
pub use ledger::LedgerKind;
pub use money::{Cents, Currency};
pub use person::PersonName;
pub use roles::{StaffRole, UserKind};
pub use status::{HeadshotStatus, Section};
pub use transition::{Action, Actor, TransitionError};

/// A field-level validation failure, reported back to the user as-is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
    /// The value probably meant, when the problem is a likely typo.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
            suggestion: None,
        }
    }

    pub fn with_suggestion(mut self, meant: impl Into<String>) -> Self {
        self.suggestion = Some(meant.into());
        self
    }
}
