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
