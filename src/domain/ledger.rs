//! Why credits or money moved: each line of a team's ledger has a kind.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LedgerKind {
    /// Credits bought.
    Purchase,
    /// A credit spent on an invitation.
    Invite,
    /// A credit back for a headshot deleted before its photo.
    Refund,
    /// Credits the studio gave.
    Grant,
    /// Credits the studio took back.
    Adjustment,
    /// Money the studio paid back (with or without credits).
    MoneyRefund,
    FeeExpedite,
    FeeCustomBackground,
    FeeResize,
    FeeBackground,
    FeeRedo,
    FeeReEdit,
}

impl LedgerKind {
    pub const ALL: [LedgerKind; 12] = [
        Self::Purchase,
        Self::Invite,
        Self::Refund,
        Self::Grant,
        Self::Adjustment,
        Self::MoneyRefund,
        Self::FeeExpedite,
        Self::FeeCustomBackground,
        Self::FeeResize,
        Self::FeeBackground,
        Self::FeeRedo,
        Self::FeeReEdit,
    ];

    /// The wire name, as in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Purchase => "purchase",
            Self::Invite => "invite",
            Self::Refund => "refund",
            Self::Grant => "grant",
            Self::Adjustment => "adjustment",
            Self::MoneyRefund => "money_refund",
            Self::FeeExpedite => "fee_expedite",
            Self::FeeCustomBackground => "fee_custom_background",
            Self::FeeResize => "fee_resize",
            Self::FeeBackground => "fee_background",
            Self::FeeRedo => "fee_redo",
            Self::FeeReEdit => "fee_re_edit",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for LedgerKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::LedgerKind;

    #[test]
    fn names_round_trip_and_match_serde() {
        for k in LedgerKind::ALL {
            assert_eq!(LedgerKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
        assert_eq!(LedgerKind::parse("gift"), None);
    }
}
