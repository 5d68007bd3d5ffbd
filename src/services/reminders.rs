//! Automatic reminders on the studio's schedule (days relative to the due
//! date; default 3 and 1 days before, and the day after) from the studio's
//! hour (default 09:00) in each team's time zone, never more than one a day
//! per headshot, to every member who owes a photo (none yet, or a new one
//! requested).

use super::views::team_tz;
use super::{Error, Result, Services};
use crate::db;
use jiff::ToSpan;
use std::collections::HashMap;

/// Default schedule: days relative to the due date.
pub const DEFAULT_SCHEDULE: [i64; 3] = [-3, -1, 1];

/// Parses "-3,-1,1" (days relative to the due date).
pub fn parse_schedule(text: &str) -> std::result::Result<Vec<i64>, String> {
    text.split(',')
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(|p| p.parse::<i64>().ok().filter(|d| (-60..=60).contains(d)).ok_or_else(|| p.to_string()))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|bad| format!("reminder_schedule: \"{bad}\" is not a whole number of days between -60 and 60; use a list like -3,-1,1"))
}

impl Services {
    /// Sends today's scheduled reminders; returns how many were sent. Safe to
    /// run from several processes at once: the once-a-day guard decides.
    pub async fn send_scheduled_reminders(&self) -> Result<usize> {
        let studio = self.studio_settings().await?;
        let schedule = &studio.reminder_schedule;
        if schedule.is_empty() {
            return Ok(0);
        }
        let rows = db::headshots::awaiting_photo(&self.db.pool).await?;
        let mut zones = HashMap::new();
        let mut sent = 0;
        for h in rows {
            if !zones.contains_key(&h.team_id) {
                let tz = db::teams::get(&self.db.pool, &h.team_id)
                    .await?
                    .map(|t| team_tz(&t.timezone))
                    .unwrap_or(jiff::tz::TimeZone::UTC);
                zones.insert(h.team_id.clone(), tz);
            }
            let local = self.now().to_zoned(zones[&h.team_id].clone());
            // Not before the studio's hour in the team's time zone: the
            // scheduler runs around the clock, members should hear from us
            // in the morning.
            if local.hour() < i8::try_from(studio.reminder_hour).unwrap_or(i8::MAX) {
                continue;
            }
            let today = local.date();
            let Ok(due) = h.due_date.parse::<jiff::civil::Date>() else {
                continue;
            };
            let is_reminder_day = schedule.iter().any(|d| {
                due.checked_add(d.days())
                    .map(|day| day == today)
                    .unwrap_or(false)
            });
            // Once a reminder day, whatever the studio's gap between a
            // leader's reminders (which may be shorter than a day).
            let reminded_today = h
                .last_reminded_at
                .and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok())
                .is_some_and(|t| t.to_zoned(local.time_zone().clone()).date() == today);
            if !is_reminder_day || reminded_today {
                continue;
            }
            match self.send_reminder(&h, "system (scheduled reminder)").await {
                Ok(()) => sent += 1,
                Err(Error::Conflict(_)) => {} // reminded today already, or just uploaded
                Err(e) => return Err(e),
            }
        }
        if sent > 0 {
            tracing::info!(sent, "scheduled reminders sent");
        }
        Ok(sent)
    }
}

#[cfg(test)]
mod tests {
    use super::parse_schedule;

    #[test]
    fn schedules_parse_and_bad_ones_are_explained() {
        assert_eq!(parse_schedule("-3, -1,1").unwrap(), vec![-3, -1, 1]);
        assert_eq!(parse_schedule("").unwrap(), Vec::<i64>::new());
        assert!(
            parse_schedule("-3,tomorrow")
                .unwrap_err()
                .contains("tomorrow")
        );
        assert!(parse_schedule("400").is_err());
    }
}
