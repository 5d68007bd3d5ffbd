//! Where a custom-background request stands.

use super::wire::wire_names;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CustomBackgroundStatus {
    /// Asked for; the design fee is not paid yet.
    AwaitingPayment,
    /// Withdrawn before payment.
    Cancelled,
    /// Paid: the studio is designing it.
    InDesign,
    /// Mockups are up for the team to choose from.
    MockupsReady,
    /// The team chose a mockup: it is one of their backgrounds.
    Approved,
}

wire_names!(CustomBackgroundStatus {
    AwaitingPayment => "awaiting_payment",
    Cancelled => "cancelled",
    InDesign => "in_design",
    MockupsReady => "mockups_ready",
    Approved => "approved",
});

impl CustomBackgroundStatus {
    /// In words, for pages.
    pub fn label(self) -> &'static str {
        match self {
            Self::AwaitingPayment => "awaiting payment",
            Self::Cancelled => "cancelled",
            Self::InDesign => "in design",
            Self::MockupsReady => "mock-ups ready",
            Self::Approved => "approved",
        }
    }
}
