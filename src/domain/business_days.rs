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
        /// In a zone with daylight-saving changes, the due instant is always
        /// 23:59:59 local time on a business day, whatever the upload time
        /// (23:59 uploads included) and however the clocks moved in between.
        #[test]
        fn due_is_the_end_of_a_local_business_day(
            doy in 0i64..730,
            minute in 0i64..1440,
            expedited in any::<bool>(),
            zone in prop::sample::select(vec!["America/New_York", "Europe/Berlin", "Australia/Sydney", "UTC"]),
        ) {
            let tz = TimeZone::get(zone).unwrap();
            let day = date(2026, 1, 1).checked_add(doy.days()).unwrap();
            let local = day.at((minute / 60) as i8, (minute % 60) as i8, 0, 0);
            let Ok(uploaded) = local.to_zoned(tz.clone()) else { return Ok(()) };
            let n = if expedited { EXPEDITED_DAYS } else { STANDARD_DAYS };
            let due = retouch_due(uploaded.timestamp(), &tz, n, &[]).to_zoned(tz.clone());
            prop_assert_eq!((due.hour(), due.minute(), due.second()), (23, 59, 59));
            prop_assert!(is_business_day(due.date(), &[]));
            prop_assert!(due.date() > uploaded.date());
        }

        /// Holidays only ever push the due date later, never onto a holiday.
        #[test]
        fn holidays_push_later_and_are_skipped(doy in 0i64..365, n in 1i64..6, offsets in prop::collection::vec(0i64..14, 0..5)) {
            let from = date(2026, 1, 1).checked_add(doy.days()).unwrap();
            let holidays: Vec<Date> = offsets.iter().map(|o| from.checked_add(o.days()).unwrap()).collect();
            let plain = add_business_days(from, n, &[]);
            let with = add_business_days(from, n, &holidays);
            prop_assert!(with >= plain);
            prop_assert!(!holidays.contains(&with));
        }

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
