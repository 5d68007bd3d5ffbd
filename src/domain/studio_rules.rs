//! The numbers of the studio's rules, each a setting with the product's
//! default: credit price tiers, notice before a due date, the happiness
//! guarantee, reminders, extra backgrounds, and what happens to an
//! expedite paid for a headshot deleted before retouching.

use super::FieldError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One price tier: teams whose headcount (every credit ever bought, the
/// purchase included) is at most `up_to` pay `unit_price_cents` per credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Tier {
    pub up_to: i64,
    pub unit_price_cents: i64,
}

/// How an expedite fee comes back when its headshot is deleted before
/// retouching began.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExpediteRefund {
    /// One credit more on the team's balance.
    #[default]
    Credit,
    /// The fee itself, recorded as money returned (paid back outside
    /// Teamshot, or by Stripe's dashboard).
    Money,
}

impl ExpediteRefund {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Credit => "credit",
            Self::Money => "money",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "credit" => Some(Self::Credit),
            "money" => Some(Self::Money),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Rules {
    /// Price tiers, smallest headcount first; above the last tier the
    /// studio quotes each team's rate.
    #[serde(default = "default_tiers")]
    pub tiers: Vec<Tier>,
    /// The least notice, in days, between an invitation and its due date.
    #[serde(default = "default_min_due_days")]
    pub min_due_days: i64,
    /// Days after delivery during which re-edits and re-dos are free.
    #[serde(default = "default_guarantee_days")]
    pub guarantee_days: i64,
    /// Reminders sent without an upload before a headshot needs attention.
    #[serde(default = "default_reminders_before_attention")]
    pub reminders_before_attention: i64,
    /// Additional backgrounds a style may offer besides its main one.
    #[serde(default = "default_extra_backgrounds")]
    pub extra_backgrounds: usize,
    /// The least time, in hours, between two reminders to the same member.
    #[serde(default = "default_reminder_gap_hours")]
    pub reminder_gap_hours: i64,
    /// An expedite fee for a headshot deleted before retouching comes back
    /// as a credit or as money.
    #[serde(default)]
    pub expedite_refund: ExpediteRefund,
    /// Days after approval at which a headshot's original photos and
    /// automatic drafts are deleted (the finals stay); `None` keeps them.
    #[serde(default)]
    pub retention_days: Option<i64>,
}

/// The longest retention a studio may set: ten years.
pub const MAX_RETENTION_DAYS: i64 = 3_650;

pub const DEFAULT_TIERS: [Tier; 5] = [
    Tier {
        up_to: 50,
        unit_price_cents: 6000,
    },
    Tier {
        up_to: 100,
        unit_price_cents: 5500,
    },
    Tier {
        up_to: 250,
        unit_price_cents: 5000,
    },
    Tier {
        up_to: 500,
        unit_price_cents: 4500,
    },
    Tier {
        up_to: 1000,
        unit_price_cents: 4000,
    },
];

fn default_tiers() -> Vec<Tier> {
    DEFAULT_TIERS.to_vec()
}
fn default_min_due_days() -> i64 {
    5
}
fn default_guarantee_days() -> i64 {
    30
}
fn default_reminders_before_attention() -> i64 {
    3
}
fn default_extra_backgrounds() -> usize {
    2
}
fn default_reminder_gap_hours() -> i64 {
    24
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            tiers: default_tiers(),
            min_due_days: default_min_due_days(),
            guarantee_days: default_guarantee_days(),
            reminders_before_attention: default_reminders_before_attention(),
            extra_backgrounds: default_extra_backgrounds(),
            reminder_gap_hours: default_reminder_gap_hours(),
            expedite_refund: ExpediteRefund::default(),
            retention_days: None,
        }
    }
}

impl Rules {
    /// Every problem, by field (`rules.…`).
    pub fn check(&self, errors: &mut Vec<FieldError>) {
        let mut bad = |field: &str, msg: &str| errors.push(FieldError::new(field, msg));
        if self.tiers.is_empty() || self.tiers.len() > 12 {
            bad("rules.tiers", "List one to twelve price tiers.");
        }
        let mut last = 0;
        for t in &self.tiers {
            if t.up_to <= last || t.up_to > 1_000_000 {
                bad(
                    "rules.tiers",
                    "Each tier ends at a larger headcount than the one before (at most 1,000,000).",
                );
                break;
            }
            if !(1..=10_000_000).contains(&t.unit_price_cents) {
                bad(
                    "rules.tiers",
                    "A credit costs more than nothing and at most 100,000.",
                );
                break;
            }
            last = t.up_to;
        }
        if !(0..=365).contains(&self.min_due_days) {
            bad("rules.min_due_days", "The least notice is 0 to 365 days.");
        }
        if !(0..=365).contains(&self.guarantee_days) {
            bad(
                "rules.guarantee_days",
                "The guarantee lasts 0 (none) to 365 days.",
            );
        }
        if !(1..=50).contains(&self.reminders_before_attention) {
            bad(
                "rules.reminders_before_attention",
                "A headshot needs attention after 1 to 50 reminders.",
            );
        }
        if self.extra_backgrounds > 10 {
            bad(
                "rules.extra_backgrounds",
                "A style offers 0 to 10 additional backgrounds.",
            );
        }
        if self
            .retention_days
            .is_some_and(|d| !(1..=MAX_RETENTION_DAYS).contains(&d))
        {
            bad(
                "rules.retention_days",
                "Delete original photos 1 to 3,650 days after approval, or leave the field empty to keep them.",
            );
        }
        if !(1..=24 * 30).contains(&self.reminder_gap_hours) {
            bad(
                "rules.reminder_gap_hours",
                "Reminders are 1 hour to 30 days apart.",
            );
        }
    }

    /// Price per credit for a team whose headcount (credits ever bought,
    /// the purchase included) is `headcount`; `None` above the last tier,
    /// where the studio quotes a rate.
    pub fn unit_price_cents(&self, headcount: i64) -> Option<i64> {
        self.tiers
            .iter()
            .find(|t| headcount.max(1) <= t.up_to)
            .map(|t| t.unit_price_cents)
    }

    /// The tiers as people read them: (first headcount, last, cents).
    pub fn tier_ranges(&self) -> Vec<(i64, i64, i64)> {
        let mut from = 1;
        self.tiers
            .iter()
            .map(|t| {
                let range = (from, t.up_to, t.unit_price_cents);
                from = t.up_to + 1;
                range
            })
            .collect()
    }

    /// The headcount above which the studio quotes a rate.
    pub fn quote_above(&self) -> i64 {
        self.tiers.last().map_or(0, |t| t.up_to)
    }

    pub fn reminder_gap_ms(&self) -> i64 {
        self.reminder_gap_hours * 3_600_000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_tier_boundaries() {
        let r = Rules::default();
        let p = |n| r.unit_price_cents(n);
        assert_eq!(p(0), Some(6000));
        assert_eq!(p(1), Some(6000));
        assert_eq!(p(50), Some(6000));
        assert_eq!(p(51), Some(5500));
        assert_eq!(p(100), Some(5500));
        assert_eq!(p(101), Some(5000));
        assert_eq!(p(250), Some(5000));
        assert_eq!(p(251), Some(4500));
        assert_eq!(p(500), Some(4500));
        assert_eq!(p(501), Some(4000));
        assert_eq!(p(1000), Some(4000));
        assert_eq!(p(1001), None);
        assert_eq!(r.quote_above(), 1000);
        assert_eq!(r.tier_ranges()[1], (51, 100, 5500));
    }

    #[test]
    fn tiers_must_grow_and_cost_something() {
        let mut r = Rules::default();
        let mut errors = Vec::new();
        r.check(&mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        r.tiers = vec![
            Tier {
                up_to: 100,
                unit_price_cents: 5000,
            },
            Tier {
                up_to: 100,
                unit_price_cents: 4000,
            },
        ];
        r.min_due_days = -1;
        r.reminder_gap_hours = 0;
        r.check(&mut errors);
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "rules.tiers",
                "rules.min_due_days",
                "rules.reminder_gap_hours"
            ]
        );
    }
}
