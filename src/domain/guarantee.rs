//! The 30-Day Happiness Guarantee: within 30 days of delivery and before
//! approval, re-edits and re-dos are free; otherwise they are paid.

use jiff::{SignedDuration, Timestamp};

pub const GUARANTEE_DAYS: i64 = 30;

/// Whether a change asked for at `now` is free. "Within 30 days" includes
/// the whole thirtieth day after delivery (to the same time of day).
pub fn covered(delivered_at: Option<Timestamp>, approved: bool, now: Timestamp) -> bool {
    match delivered_at {
        Some(d) if !approved => now <= d + SignedDuration::from_hours(24 * GUARANTEE_DAYS),
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
        assert!(covered(delivered, false, at(29)));
        assert!(covered(delivered, false, at(30)));
        assert!(!covered(
            delivered,
            false,
            at(30) + SignedDuration::from_secs(1)
        ));
        assert!(!covered(delivered, false, at(31)));
        assert!(!covered(delivered, true, at(1)), "approved: paid");
        assert!(!covered(None, false, at(1)), "never delivered");
    }
}
