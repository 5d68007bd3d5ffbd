//! Credit price tiers by team headcount (all credits ever bought).

/// Default tier table: (highest headcount in the tier, price per credit in cents).
pub const DEFAULT_TIERS: [(i64, i64); 5] = [
    (50, 6000),
    (100, 5500),
    (250, 5000),
    (500, 4500),
    (1000, 4000),
];

/// The default tiers as people read them: (first headcount, last
/// headcount, price per credit in cents).
pub fn tier_ranges() -> Vec<(i64, i64, i64)> {
    let mut from = 1;
    DEFAULT_TIERS
        .iter()
        .map(|&(to, cents)| {
            let range = (from, to, cents);
            from = to + 1;
            range
        })
        .collect()
}

/// The headcount above which the studio quotes a rate.
pub fn quote_above() -> i64 {
    DEFAULT_TIERS.last().map_or(0, |t| t.0)
}

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

/// Flat prices of paid services, in cents (PRODUCT defaults).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Fees {
    pub expedite: i64,
    pub re_edit: i64,
    pub redo: i64,
    pub resize_per_file: i64,
    pub custom_background: i64,
}

impl Default for Fees {
    fn default() -> Self {
        Self {
            expedite: 2000,
            re_edit: 2000,
            redo: 6000,
            resize_per_file: 500,
            custom_background: 25_000,
        }
    }
}

/// A priced purchase of credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    pub quantity: i64,
    pub unit_price_cents: i64,
    pub total_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuoteError {
    #[error("Buy between 1 and 10000 credits at a time.")]
    BadQuantity,
    #[error("A team of {headcount} is priced by quote: ask the studio for your rate, then buy.")]
    NeedsQuote { headcount: i64 },
}

/// The price of `quantity` more credits for a team that bought `bought`
/// so far: the tier of the new total headcount applies to the whole
/// purchase; a rate the studio set for the team wins over the tiers.
pub fn quote(
    bought: i64,
    quantity: i64,
    team_rate: Option<i64>,
    tiers: &[(i64, i64)],
) -> Result<Quote, QuoteError> {
    if !(1..=10_000).contains(&quantity) {
        return Err(QuoteError::BadQuantity);
    }
    let headcount = bought + quantity;
    let unit = match team_rate {
        Some(rate) => rate,
        None => unit_price_cents(headcount, tiers).ok_or(QuoteError::NeedsQuote { headcount })?,
    };
    Ok(Quote {
        quantity,
        unit_price_cents: unit,
        total_cents: unit * quantity,
    })
}

#[cfg(test)]
mod quote_tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_new_headcount_prices_the_whole_purchase() {
        let q = |bought, n| quote(bought, n, None, &DEFAULT_TIERS);
        assert_eq!(q(0, 50).unwrap().unit_price_cents, 6000);
        assert_eq!(q(0, 51).unwrap().unit_price_cents, 5500);
        assert_eq!(q(50, 1).unwrap().total_cents, 5500);
        assert_eq!(q(0, 100).unwrap().total_cents, 550_000);
        assert_eq!(q(100, 1).unwrap().unit_price_cents, 5000);
        assert_eq!(q(250, 1).unwrap().unit_price_cents, 4500);
        assert_eq!(q(500, 1).unwrap().unit_price_cents, 4000);
        assert_eq!(q(999, 1).unwrap().unit_price_cents, 4000);
        assert_eq!(q(1000, 1), Err(QuoteError::NeedsQuote { headcount: 1001 }));
        assert_eq!(
            quote(1000, 1, Some(3500), &DEFAULT_TIERS)
                .unwrap()
                .total_cents,
            3500
        );
        assert_eq!(q(0, 0), Err(QuoteError::BadQuantity));
    }

    proptest! {
        #[test]
        fn total_is_unit_times_quantity_and_units_never_rise_with_size(bought in 0i64..900, n in 1i64..100) {
            let a = quote(bought, n, None, &DEFAULT_TIERS).unwrap();
            prop_assert_eq!(a.total_cents, a.unit_price_cents * n);
            if let Ok(b) = quote(bought, n + 1, None, &DEFAULT_TIERS) {
                prop_assert!(b.unit_price_cents <= a.unit_price_cents);
            }
        }
    }
}
