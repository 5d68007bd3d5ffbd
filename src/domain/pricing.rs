//! Credit price tiers by team headcount (all credits ever bought).

/// Default tier table: (highest headcount in the tier, price per credit in cents).
pub const DEFAULT_TIERS: [(i64, i64); 5] = [
    (50, 6000),
    (100, 5500),
    (250, 5000),
    (500, 4500),
    (1000, 4000),
];

/// Price per credit for a team whose total headcount (credits ever bought,
/// the purchase included) is `headcount`; `None` above the last tier, where
/// the studio quotes a rate.
pub fn unit_price_cents(headcount: i64, tiers: &[(i64, i64)]) -> Option<i64> {
    tiers
        .iter()
        .find(|(max, _)| headcount.max(1) <= *max)
        .map(|(_, cents)| *cents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tier_boundaries() {
        let p = |n| unit_price_cents(n, &DEFAULT_TIERS);
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
    }
}
