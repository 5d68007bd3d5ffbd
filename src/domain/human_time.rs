//! Times as people read them, in the team's time zone: "Fri 4 Dec, 17:00",
//! "Mon 16 Mar", "in 3 days" — never `2026-12-04T23:59:59Z`.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// "Fri 4 Dec, 17:00" in `tz`; the year is added when it is not `today`'s.
pub fn instant(t: Timestamp, tz: &TimeZone, today: Date) -> String {
    let z = t.to_zoned(tz.clone());
    if z.year() == today.year() {
        z.strftime("%a %-d %b, %H:%M").to_string()
    } else {
        z.strftime("%a %-d %b %Y, %H:%M").to_string()
    }
}

/// "Mon 16 Mar"; the year is added when it is not `today`'s.
pub fn day(d: Date, today: Date) -> String {
    if d.year() == today.year() {
        d.strftime("%a %-d %b").to_string()
    } else {
        d.strftime("%a %-d %b %Y").to_string()
    }
}

/// "today", "tomorrow", "in 3 days", "yesterday", "3 days ago".
pub fn relative(d: Date, today: Date) -> String {
    let days = (d - today).get_days();
    match days {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        n if n > 1 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    }
}

/// A due instant as a member reads it: "Fri 4 Dec, 17:00", or for the end
/// of a day (23:59) just the day, "Fri 4 Dec".
pub fn due(t: Timestamp, tz: &TimeZone, today: Date) -> String {
    let z = t.to_zoned(tz.clone());
    if z.hour() == 23 && z.minute() == 59 {
        day(z.date(), today)
    } else {
        instant(t, tz, today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn instants_days_and_distances_read_like_people_say_them() {
        let paris = TimeZone::get("Europe/Paris").unwrap();
        let today = date(2026, 12, 1);
        let t: Timestamp = "2026-12-04T16:00:00Z".parse().unwrap();
        assert_eq!(instant(t, &paris, today), "Fri 4 Dec, 17:00");
        assert_eq!(
            instant(t, &paris, date(2025, 12, 1)),
            "Fri 4 Dec 2026, 17:00"
        );
        assert_eq!(day(date(2027, 3, 16), today), "Tue 16 Mar 2027");
        assert_eq!(day(date(2026, 3, 16), date(2026, 3, 2)), "Mon 16 Mar");
        assert_eq!(relative(today, today), "today");
        assert_eq!(relative(date(2026, 12, 2), today), "tomorrow");
        assert_eq!(relative(date(2026, 12, 4), today), "in 3 days");
        assert_eq!(relative(date(2026, 11, 28), today), "3 days ago");
        // The end of a working day is a day, not a minute.
        let end: Timestamp = "2026-12-04T22:59:59Z".parse().unwrap();
        assert_eq!(due(end, &paris, today), "Fri 4 Dec");
        assert_eq!(due(t, &paris, today), "Fri 4 Dec, 17:00");
    }
}
