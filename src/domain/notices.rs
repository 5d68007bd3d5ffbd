//! A team leader's email notices: which ones they want, and on which days a
//! digest goes out.

use super::wire::wire_names;
use jiff::civil::{Date, Weekday};

/// How often a leader hears what happened in their team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digest {
    Off,
    Daily,
    Weekly,
}

wire_names!(Digest {
    Off => "off",
    Daily => "daily",
    Weekly => "weekly",
});

impl Digest {
    /// Whether a digest goes out on `day` in the team's zone: daily every
    /// day, weekly on Mondays (the week's plan starts with it).
    pub fn due_on(self, day: Date) -> bool {
        match self {
            Self::Off => false,
            Self::Daily => true,
            Self::Weekly => day.weekday() == Weekday::Monday,
        }
    }

    /// How far back a leader's first digest looks.
    pub fn period_ms(self) -> i64 {
        const DAY_MS: i64 = 86_400_000;
        match self {
            Self::Off | Self::Daily => DAY_MS,
            Self::Weekly => 7 * DAY_MS,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Off => "No digest",
            Self::Daily => "Every morning",
            Self::Weekly => "Every Monday morning",
        }
    }
}

/// One kind of email a leader can turn off with one click.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Digest,
    NewPhoto,
    CreditsLow,
    SpendRequest,
}

wire_names!(NoticeKind {
    Digest => "digest",
    NewPhoto => "new_photo",
    CreditsLow => "credits_low",
    SpendRequest => "spend_request",
});

impl NoticeKind {
    /// The emails this kind stands for, as a sentence part ("You will no
    /// longer receive …").
    pub fn describe(self) -> &'static str {
        match self {
            Self::Digest => "the digest of your team's headshots",
            Self::NewPhoto => "an email each time a member is asked for a new photo",
            Self::CreditsLow => "an email when your team is running out of credits",
            Self::SpendRequest => {
                "an email when a member asks the team to pay for a re-edit or re-do"
            }
        }
    }
}

/// The notices one leader has chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoticePrefs {
    pub digest: Digest,
    pub new_photo: bool,
    pub credits_low: bool,
    pub spend_request: bool,
}

impl Default for NoticePrefs {
    /// What a leader gets before choosing: a weekly digest (one email a
    /// week that saves checking the dashboard) and a warning before credits
    /// run out (an invite would fail); not an email per new-photo request,
    /// which the digest lists anyway and which large teams would find noisy.
    fn default() -> Self {
        Self {
            digest: Digest::Weekly,
            new_photo: false,
            credits_low: true,
            spend_request: true,
        }
    }
}

impl NoticePrefs {
    /// Whether the leader wants `kind`.
    pub fn wants(&self, kind: NoticeKind) -> bool {
        match kind {
            NoticeKind::Digest => self.digest != Digest::Off,
            NoticeKind::NewPhoto => self.new_photo,
            NoticeKind::CreditsLow => self.credits_low,
            NoticeKind::SpendRequest => self.spend_request,
        }
    }

    /// The same choice with `kind` turned off (the unsubscribe link).
    pub fn without(self, kind: NoticeKind) -> Self {
        match kind {
            NoticeKind::Digest => Self {
                digest: Digest::Off,
                ..self
            },
            NoticeKind::NewPhoto => Self {
                new_photo: false,
                ..self
            },
            NoticeKind::CreditsLow => Self {
                credits_low: false,
                ..self
            },
            NoticeKind::SpendRequest => Self {
                spend_request: false,
                ..self
            },
        }
    }
}

/// At most this many names per list in a digest; the rest are counted.
pub const DIGEST_NAMES: usize = 20;

/// One person in a digest list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestLine {
    pub name: String,
    /// "due Fri 4 Dec", "delivered Mon 7 Dec".
    pub detail: String,
}

/// One list of a digest: the first names and how many in all.
#[derive(Debug, Clone, Default)]
pub struct DigestList {
    pub lines: Vec<DigestLine>,
    pub total: usize,
}

impl DigestList {
    pub fn push(&mut self, line: DigestLine) {
        if self.lines.len() < DIGEST_NAMES {
            self.lines.push(line);
        }
        self.total += 1;
    }

    /// How many are counted but not named.
    pub fn more(&self) -> usize {
        self.total - self.lines.len()
    }
}

/// What a digest reports about one team.
#[derive(Debug, Clone, Default)]
pub struct DigestReport {
    pub overdue: DigestList,
    pub new_photo: DigestList,
    pub delivered: DigestList,
    pub approved: DigestList,
    pub credits_available: i64,
}

impl DigestReport {
    /// Nothing worth an email.
    pub fn is_empty(&self) -> bool {
        self.overdue.total + self.new_photo.total + self.delivered.total + self.approved.total == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weekly_digests_go_on_mondays_and_daily_ones_every_day() {
        // 2026-12-07 is a Monday.
        assert!(Digest::Weekly.due_on(date(2026, 12, 7)));
        assert!(!Digest::Weekly.due_on(date(2026, 12, 8)));
        assert!(Digest::Daily.due_on(date(2026, 12, 8)));
        assert!(!Digest::Off.due_on(date(2026, 12, 7)));
    }

    #[test]
    fn turning_one_notice_off_keeps_the_others() {
        let p = NoticePrefs {
            digest: Digest::Daily,
            new_photo: true,
            credits_low: true,
            spend_request: true,
        };
        let q = p.without(NoticeKind::NewPhoto);
        assert!(!q.wants(NoticeKind::NewPhoto));
        assert!(q.wants(NoticeKind::Digest) && q.wants(NoticeKind::CreditsLow));
        assert!(!p.without(NoticeKind::Digest).wants(NoticeKind::Digest));
        for k in NoticeKind::ALL {
            assert_eq!(NoticeKind::parse(k.as_str()), Some(k));
        }
    }
}
