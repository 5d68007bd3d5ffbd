//! Studio staff roles and what each may do.

use super::wire::wire_names;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    Admin,
    Qc,
    Retoucher,
    Success,
}

wire_names!(StaffRole {
    Admin => "admin",
    Qc => "qc",
    Retoucher => "retoucher",
    Success => "success",
});

/// Who an account belongs to: a client team's leader or the studio's staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserKind {
    Leader,
    Staff,
}

wire_names!(UserKind {
    Leader => "leader",
    Staff => "staff",
});

impl StaffRole {
    /// The role as people say it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Qc => "quality check",
            Self::Retoucher => "retoucher",
            Self::Success => "customer success",
        }
    }

    /// `admin` may do everything a narrower role may.
    pub fn allows(self, needed: StaffRole) -> bool {
        self == Self::Admin || self == needed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_includes_every_role_and_others_only_their_own() {
        let all = [
            StaffRole::Admin,
            StaffRole::Qc,
            StaffRole::Retoucher,
            StaffRole::Success,
        ];
        for needed in all {
            assert!(StaffRole::Admin.allows(needed));
            for have in all.into_iter().filter(|r| *r != StaffRole::Admin) {
                assert_eq!(have.allows(needed), have == needed);
            }
        }
        for r in all {
            assert_eq!(StaffRole::parse(r.as_str()), Some(r));
        }
        assert_eq!(StaffRole::parse("boss"), None);
    }
}
