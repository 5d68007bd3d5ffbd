//! The Happiness Guarantee: within its days of delivery (30 unless the
//! studio changed it) and before approval, re-edits and re-dos are free;
//! otherwise they are paid.

use jiff::{SignedDuration, Timestamp};

/// When the guarantee of a delivery made at `delivered` ends.
pub fn ends(delivered: Timestamp, days: i64) -> Timestamp {
    delivered + SignedDuration::from_hours(24 * days)
}

/// Whether a change asked for at `now` is free. "Within 30 days" includes
/// the whole thirtieth day after delivery (to the same time of day).
pub fn covered(delivered_at: Option<Timestamp>, approved: bool, now: Timestamp, days: i64) -> bool {
    match delivered_at {
        Some(d) if !approved => now <= ends(d, days),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(days: i64) -> Timestamp {
        "2026-03-02T09:00:00Z".parse::<Timestamp>().unwrap() + SignedDuration::from_hours(24 * days)
    }

    #[test]
    fn days_29_and_30_are_free_31_is_not_and_approval_ends_it() {
        let delivered = Some(at(0));
        assert!(covered(delivered, false, at(29), 30));
        assert!(covered(delivered, false, at(30), 30));
        assert!(!covered(
            delivered,
            false,
            at(30) + SignedDuration::from_secs(1),
            30
        ));
        assert!(covered(delivered, false, at(40), 45), "a longer guarantee");
        assert!(!covered(delivered, false, at(1), 0), "none at all");
        assert!(!covered(delivered, false, at(31), 30));
        assert!(!covered(delivered, true, at(1), 30), "approved: paid");
        assert!(!covered(None, false, at(1), 30), "never delivered");
    }
}
