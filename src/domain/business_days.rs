//! Retouching turnaround in business days on the studio calendar.
//!
//! Standard: the end of the third business day after the upload. Expedited:
//! the end of the next business day after the upload. "End of day" is 23:59:59
//! in the studio's time zone, so daylight-saving changes cannot shift it.

use jiff::{Timestamp, ToSpan, Zoned, civil::Date, civil::Weekday, tz::TimeZone};

pub const STANDARD_DAYS: i64 = 3;
pub const EXPEDITED_DAYS: i64 = 1;

pub fn is_business_day(d: Date, holidays: &[Date]) -> bool {
    !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) && !holidays.contains(&d)
}

/// The `n`th business day strictly after `from`.
pub fn add_business_days(from: Date, n: i64, holidays: &[Date]) -> Date {
    let mut d = from;
    let mut left = n;
    while left > 0 {
        d = d
            .checked_add(1.day())
            .expect("calendar dates stay in range");
        if is_business_day(d, holidays) {
            left -= 1;
        }
    }
    d
}

/// The end of the `n`th business day after `uploaded` (studio time zone):
/// when retouching is due.
pub fn retouch_due(uploaded: Timestamp, tz: &TimeZone, n: i64, holidays: &[Date]) -> Timestamp {
    let day = uploaded.to_zoned(tz.clone()).date();
    let due = add_business_days(day, n, holidays);
    let end = due.at(23, 59, 59, 0);
    end.to_zoned(tz.clone())
        .map(|z: Zoned| z.timestamp())
        .expect("end of a civil day exists in every time zone")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    #[test]
    fn friday_upload_is_due_wednesday_and_expedited_monday() {
        let tz = TimeZone::get("America/New_York").unwrap();
        let fri = date(2026, 3, 6)
            .at(23, 59, 0, 0)
            .to_zoned(tz.clone())
            .unwrap()
            .timestamp();
        let due = retouch_due(fri, &tz, STANDARD_DAYS, &[]).to_zoned(tz.clone());
        assert_eq!(due.date(), date(2026, 3, 11));
        let exp = retouch_due(fri, &tz, EXPEDITED_DAYS, &[]).to_zoned(tz.clone());
        assert_eq!(exp.date(), date(2026, 3, 9));
        assert_eq!((exp.hour(), exp.minute()), (23, 59));
    }

    #[test]
    fn holidays_next_to_weekends_are_skipped() {
        // Friday 2026-12-25 is a holiday, Monday 12-28 too.
        let hol = [date(2026, 12, 25), date(2026, 12, 28)];
        assert_eq!(
            add_business_days(date(2026, 12, 24), 1, &hol),
            date(2026, 12, 29)
        );
    }

    proptest! {
        #[test]
        fn result_is_a_business_day_after_the_start(y in 2020i16..2040, doy in 0i64..365, n in 1i64..10) {
            let from = date(y, 1, 1).checked_add(doy.days()).unwrap();
            let d = add_business_days(from, n, &[]);
            prop_assert!(d > from);
            prop_assert!(is_business_day(d, &[]));
            // n business days never take more than n + 2 * (n / 5 + 1) calendar days
            let span = from.until(d).unwrap().get_days() as i64;
            prop_assert!(span <= n + 2 * (n / 5 + 1));
        }
    }
}
