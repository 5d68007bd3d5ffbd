//! Flat prices of the paid services (the credit tiers are in
//! `studio_rules`).

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
    rules: &super::studio_rules::Rules,
) -> Result<Quote, QuoteError> {
    if !(1..=10_000).contains(&quantity) {
        return Err(QuoteError::BadQuantity);
    }
    let headcount = bought + quantity;
    let unit = match team_rate {
        Some(rate) => rate,
        None => rules
            .unit_price_cents(headcount)
            .ok_or(QuoteError::NeedsQuote { headcount })?,
    };
    Ok(Quote {
        quantity,
        unit_price_cents: unit,
        total_cents: unit * quantity,
    })
}

#[cfg(test)]
mod quote_tests {
    use super::super::studio_rules::Rules;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_new_headcount_prices_the_whole_purchase() {
        let q = |bought, n| quote(bought, n, None, &Rules::default());
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
            quote(1000, 1, Some(3500), &Rules::default())
                .unwrap()
                .total_cents,
            3500
        );
        assert_eq!(q(0, 0), Err(QuoteError::BadQuantity));
    }

    proptest! {
        #[test]
        fn total_is_unit_times_quantity_and_units_never_rise_with_size(bought in 0i64..900, n in 1i64..100) {
            let a = quote(bought, n, None, &Rules::default()).unwrap();
            prop_assert_eq!(a.total_cents, a.unit_price_cents * n);
            if let Ok(b) = quote(bought, n + 1, None, &Rules::default()) {
                prop_assert!(b.unit_price_cents <= a.unit_price_cents);
            }
        }
    }
}
