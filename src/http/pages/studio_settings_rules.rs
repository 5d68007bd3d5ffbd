//! The settings page's *Rules* fields: credit tiers as text lines and the
//! other numbers, read into `Rules` (a missing field keeps the product's
//! default, so older forms still save).

use crate::domain::FieldError;
use crate::domain::money::Cents;
use crate::domain::studio_rules::{ExpediteRefund, Rules, Tier};

/// The fields as sent.
#[derive(Debug, Clone, Default)]
pub struct RuleFields<'a> {
    pub tiers: Option<&'a str>,
    pub min_due_days: Option<&'a str>,
    pub guarantee_days: Option<&'a str>,
    pub reminders_before_attention: Option<&'a str>,
    pub extra_backgrounds: Option<&'a str>,
    pub reminder_gap_hours: Option<&'a str>,
    pub expedite_refund: Option<&'a str>,
    /// Empty: keep originals.
    pub retention_days: Option<&'a str>,
}

/// The tiers as the form shows them: `50 | 60.00`, one per line.
pub fn tiers_text(rules: &Rules) -> String {
    rules
        .tiers
        .iter()
        .map(|t| format!("{} | {}", t.up_to, Cents(t.unit_price_cents).plain()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn read_tiers(text: &str, errors: &mut Vec<FieldError>) -> Vec<Tier> {
    let mut tiers = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let parsed = line.split_once('|').and_then(|(up_to, price)| {
            let up_to = up_to.trim().replace([',', ' '], "").parse().ok()?;
            let cents = Cents::parse(price.trim()).ok()?;
            Some(Tier {
                up_to,
                unit_price_cents: cents.0,
            })
        });
        match parsed {
            Some(t) => tiers.push(t),
            None => errors.push(FieldError::new(
                "rules.tiers",
                format!("\"{line}\": write each tier as its last headcount | price per credit, e.g. 50 | 60.00."),
            )),
        }
    }
    tiers
}

/// The rules the fields describe; every unreadable field is reported (the
/// ranges are checked by `Rules::check` when the settings are saved).
pub fn read_rules(f: &RuleFields<'_>, errors: &mut Vec<FieldError>) -> Rules {
    let defaults = Rules::default();
    let mut number = |field: &str, text: Option<&str>, default: i64| -> i64 {
        match text {
            None => default,
            Some(t) => t.trim().parse().unwrap_or_else(|_| {
                errors.push(FieldError::new(
                    field,
                    format!("\"{t}\" is not a whole number."),
                ));
                default
            }),
        }
    };
    let min_due_days = number("rules.min_due_days", f.min_due_days, defaults.min_due_days);
    let guarantee_days = number(
        "rules.guarantee_days",
        f.guarantee_days,
        defaults.guarantee_days,
    );
    let reminders_before_attention = number(
        "rules.reminders_before_attention",
        f.reminders_before_attention,
        defaults.reminders_before_attention,
    );
    let extra_backgrounds = number(
        "rules.extra_backgrounds",
        f.extra_backgrounds,
        defaults.extra_backgrounds as i64,
    );
    let reminder_gap_hours = number(
        "rules.reminder_gap_hours",
        f.reminder_gap_hours,
        defaults.reminder_gap_hours,
    );
    let expedite_refund = match f.expedite_refund {
        None => defaults.expedite_refund,
        Some(t) => ExpediteRefund::parse(t).unwrap_or_else(|| {
            errors.push(FieldError::new(
                "rules.expedite_refund",
                "Choose how an expedite is refunded: credit or money.",
            ));
            defaults.expedite_refund
        }),
    };
    let retention_days = match f.retention_days.map(str::trim) {
        None | Some("") => None,
        Some(t) => Some(t.parse().unwrap_or_else(|_| {
            errors.push(FieldError::new(
                "rules.retention_days",
                format!("\"{t}\" is not a whole number of days: leave it empty to keep originals."),
            ));
            0
        })),
    };
    let tiers = match f.tiers {
        None => defaults.tiers,
        Some(text) => read_tiers(text, errors),
    };
    Rules {
        tiers,
        min_due_days,
        guarantee_days,
        reminders_before_attention,
        extra_backgrounds: usize::try_from(extra_backgrounds).unwrap_or(usize::MAX),
        reminder_gap_hours,
        expedite_refund,
        retention_days,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_read_back_from_their_text_and_bad_lines_are_named() {
        let rules = Rules::default();
        let mut errors = Vec::new();
        let f = RuleFields {
            tiers: Some(&tiers_text(&rules)),
            ..RuleFields::default()
        };
        assert_eq!(read_rules(&f, &mut errors), rules);
        assert!(errors.is_empty());
        let f = RuleFields {
            tiers: Some("1,000 | 39,50\nten | 5"),
            min_due_days: Some("seven"),
            ..RuleFields::default()
        };
        let read = read_rules(&f, &mut errors);
        assert_eq!(
            read.tiers,
            [Tier {
                up_to: 1000,
                unit_price_cents: 3950
            }]
        );
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["rules.min_due_days", "rules.tiers"]);
        assert!(errors[1].message.contains("\"ten | 5\""));
    }

    #[test]
    fn retention_is_a_number_of_days_or_empty_to_keep_originals() {
        let read = |text: &str| {
            let mut errors = Vec::new();
            let f = RuleFields {
                retention_days: Some(text),
                ..RuleFields::default()
            };
            (read_rules(&f, &mut errors).retention_days, errors.len())
        };
        assert_eq!(read(""), (None, 0));
        assert_eq!(read(" 30 "), (Some(30), 0));
        assert_eq!(read("a month").1, 1);
        let mut rules = Rules {
            retention_days: Some(0),
            ..Rules::default()
        };
        let mut errors = Vec::new();
        rules.check(&mut errors);
        assert_eq!(errors[0].field, "rules.retention_days");
        rules.retention_days = Some(3650);
        errors.clear();
        rules.check(&mut errors);
        assert!(errors.is_empty());
    }
}
