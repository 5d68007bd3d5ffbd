//! Who among the studio's staff must sign in with a second factor.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Who must sign in with a second factor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TwoFactorPolicy {
    /// Anyone may turn it on; nobody must.
    #[default]
    Off,
    /// Admins must.
    Admins,
    /// Every staff member must.
    Staff,
}

impl TwoFactorPolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Admins => "admins",
            Self::Staff => "staff",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "off" => Some(Self::Off),
            "admins" => Some(Self::Admins),
            "staff" => Some(Self::Staff),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Security {
    #[serde(default)]
    pub two_factor: TwoFactorPolicy,
}
