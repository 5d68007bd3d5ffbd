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

impl ProviderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invoice => "invoice",
            Self::Stripe => "stripe",
        }
    }
}
