//! Where a custom-background request stands.

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

impl CustomBackgroundStatus {
    pub const ALL: [CustomBackgroundStatus; 5] = [
        Self::AwaitingPayment,
        Self::Cancelled,
        Self::InDesign,
        Self::MockupsReady,
        Self::Approved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AwaitingPayment => "awaiting_payment",
            Self::Cancelled => "cancelled",
            Self::InDesign => "in_design",
            Self::MockupsReady => "mockups_ready",
            Self::Approved => "approved",
        }
    }

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

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for CustomBackgroundStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::CustomBackgroundStatus;

    #[test]
    fn names_round_trip_and_match_serde() {
        for s in CustomBackgroundStatus::ALL {
            assert_eq!(CustomBackgroundStatus::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
    }
}
