//! Times as people read them, in the team's time zone and the reader's
//! language: "Fri 4 Dec, 17:00", "Fr., 4. Dez., 17:00", "in 3 days" — never
//! `2026-12-04T23:59:59Z`. The names of days and months and the order of the
//! parts are messages of each language's file.

use super::Tr;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

impl Tr {
    /// "Mon 16 Mar"; the year is added when it is not `today`'s.
    pub fn day(&self, d: Date, today: Date) -> String {
        let weekday = self.t1(
            "weekday-short",
            "day",
            i64::from(d.weekday().to_monday_one_offset()),
        );
        let month = self.t1("month-short", "month", i64::from(d.month()));
        let key = if d.year() == today.year() {
            "date-short"
        } else {
            "date-short-year"
        };
        self.lookup(
            key,
            &[
                ("weekday", weekday.into()),
                ("day", i64::from(d.day()).into()),
                ("month", month.into()),
                ("year", i64::from(d.year()).into()),
            ],
        )
    }

    /// "Fri 4 Dec, 17:00" in `tz`; the year is added when it is not
    /// `today`'s.
    pub fn instant(&self, t: Timestamp, tz: &TimeZone, today: Date) -> String {
        let z = t.to_zoned(tz.clone());
        self.t2(
            "date-time",
            "date",
            self.day(z.date(), today),
            "time",
            z.strftime("%H:%M").to_string(),
        )
    }

    /// "today", "tomorrow", "in 3 days", "yesterday", "3 days ago".
    pub fn relative(&self, d: Date, today: Date) -> String {
        let days = i64::from((d - today).get_days());
        if days >= 0 {
            self.t1("days-ahead", "days", days)
        } else {
            self.t1("days-ago", "days", -days)
        }
    }

    /// A due instant as a member reads it: "Fri 4 Dec, 17:00", or for the
    /// end of a day (23:59) just the day, "Fri 4 Dec".
    pub fn due(&self, t: Timestamp, tz: &TimeZone, today: Date) -> String {
        let z = t.to_zoned(tz.clone());
        if z.hour() == 23 && z.minute() == 59 {
            self.day(z.date(), today)
        } else {
            self.instant(t, tz, today)
        }
    }
}
