//! The invite due date: at least the studio's least notice (five days by
//! default) after today in the team's time zone.

use jiff::{ToSpan, civil::Date};

/// The product's least notice between invitation and due date (a studio
/// setting: `Rules::min_due_days`).
#[cfg(test)]
const MIN_DAYS_AHEAD: i64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueDate(Date);

impl DueDate {
    /// `today` is the current date in the team's time zone; `min_days` the
    /// least notice.
    pub fn parse(input: &str, today: Date, min_days: i64) -> Result<Self, String> {
        let s = input.trim();
        let date: Date = s.parse().map_err(|_| {
            format!("\"{s}\" is not a date: use the form YYYY-MM-DD, for example 2026-03-31.")
        })?;
        Self::new(date, today, min_days)
    }

    pub fn new(date: Date, today: Date, min_days: i64) -> Result<Self, String> {
        let earliest = Self::earliest(today, min_days);
        if date < earliest {
            return Err(match min_days {
                0 => format!("The due date cannot be in the past: choose {earliest} or later."),
                1 => format!(
                    "The due date must be at least 1 day from today: choose {earliest} or later."
                ),
                n => format!(
                    "The due date must be at least {n} days from today: choose {earliest} or later."
                ),
            });
        }
        Ok(Self(date))
    }

    pub fn earliest(today: Date, min_days: i64) -> Date {
        today
            .checked_add(min_days.days())
            .expect("dates near today are far from jiff's limits")
    }

    pub fn date(self) -> Date {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    #[test]
    fn five_days_is_the_boundary() {
        let today = date(2026, 2, 25);
        assert!(DueDate::parse("2026-03-02", today, MIN_DAYS_AHEAD).is_ok());
        let err = DueDate::parse("2026-03-01", today, MIN_DAYS_AHEAD).unwrap_err();
        assert!(err.contains("2026-03-02"), "{err}");
        assert!(
            DueDate::parse("02/03/2026", today, MIN_DAYS_AHEAD)
                .unwrap_err()
                .contains("YYYY-MM-DD")
        );
    }

    proptest! {
        #[test]
        fn accepted_iff_at_least_five_days_ahead(offset in -400i64..400, y in 2000i16..2090, doy in 1i16..365) {
            let today = Date::new(y, 1, 1).unwrap().checked_add(((doy - 1) as i64).days()).unwrap();
            let d = today.checked_add(offset.days()).unwrap();
            prop_assert_eq!(DueDate::new(d, today, MIN_DAYS_AHEAD).is_ok(), offset >= MIN_DAYS_AHEAD);
        }
    }
}
