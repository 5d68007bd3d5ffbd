//! Why credits or money moved: each line of a team's ledger has a kind.

use super::wire::wire_names;
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

wire_names!(LedgerKind {
    Purchase => "purchase",
    Invite => "invite",
    Refund => "refund",
    Grant => "grant",
    Adjustment => "adjustment",
    MoneyRefund => "money_refund",
    FeeExpedite => "fee_expedite",
    FeeCustomBackground => "fee_custom_background",
    FeeResize => "fee_resize",
    FeeBackground => "fee_background",
    FeeRedo => "fee_redo",
    FeeReEdit => "fee_re_edit",
});

impl LedgerKind {
    /// What a line of the credit history says happened, for people: the
    /// member's name where there is one (`member`), the credits moved.
    pub fn describe(self, credits: i64, member: Option<&str>) -> String {
        let who = |fallback: &str| {
            member
                .map(str::to_string)
                .unwrap_or_else(|| fallback.into())
        };
        let plural = |n: i64| if n.abs() == 1 { "" } else { "s" };
        match self {
            Self::Purchase => format!("Bought {credits} credit{}", plural(credits)),
            Self::Invite => format!("Invited {}", who("a member")),
            Self::Refund => format!(
                "Credit returned: {} deleted before the photo",
                who("an invitation")
            ),
            Self::Grant => format!("Granted by the studio: {credits}"),
            Self::Adjustment => format!("Taken back by the studio: {}", -credits),
            Self::MoneyRefund => "Refunded by the studio".into(),
            Self::FeeExpedite => format!("Expedited {}", who("a headshot")),
            Self::FeeCustomBackground => "Custom background".into(),
            Self::FeeResize => format!("Resized files of {}", who("a headshot")),
            Self::FeeBackground => "Background from the studio's library".into(),
            Self::FeeRedo => format!("Re-do for {}", who("a member")),
            Self::FeeReEdit => format!("Re-edit for {}", who("a member")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LedgerKind;

    #[test]
    fn history_lines_say_what_happened() {
        assert_eq!(
            LedgerKind::Invite.describe(-1, Some("Ana Silva")),
            "Invited Ana Silva"
        );
        assert_eq!(
            LedgerKind::Grant.describe(12, None),
            "Granted by the studio: 12"
        );
        assert_eq!(LedgerKind::Purchase.describe(1, None), "Bought 1 credit");
        assert_eq!(
            LedgerKind::Adjustment.describe(-3, None),
            "Taken back by the studio: 3"
        );
        assert_eq!(
            LedgerKind::Refund.describe(1, None),
            "Credit returned: an invitation deleted before the photo"
        );
    }
}
