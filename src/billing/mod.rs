//! Payment providers: `invoice` (granted at once, paid later) and Stripe
//! Checkout (granted on a verified webhook).

pub mod stripe;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    Invoice,
    Stripe,
}

crate::domain::wire::wire_names!(ProviderKind {
    Invoice => "invoice",
    Stripe => "stripe",
});

/// Where a payment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Made, not yet paid (an open invoice or a checkout in progress).
    Pending,
    Paid,
    /// The provider could not start it.
    Failed,
}

crate::domain::wire::wire_names!(PaymentStatus {
    Pending => "pending",
    Paid => "paid",
    Failed => "failed",
});
