//! One subject / text / HTML triple per message, compiled by askama.

use super::OutgoingMail;
use askama::Template;

pub use super::sign_in::{SignInOccasion, SignInText, sign_in};

/// What every message shows: the studio's name and the member's context.
pub struct Common<'a> {
    pub studio: &'a str,
    /// The studio's logo (an https address), shown above the message.
    pub logo: Option<&'a str>,
    pub first_name: &'a str,
    pub team: &'a str,
    pub link: &'a str,
    /// The language the message is in (the team's), with the studio's
    /// currency.
    pub tr: crate::i18n::Tr,
}

#[derive(Template)]
#[template(path = "email/welcome.txt")]
struct WelcomeText<'a> {
    c: &'a Common<'a>,
    due_date: &'a str,
    photo_sent: bool,
    /// The first sentence's message id.
    intro: &'static str,
}

#[derive(Template)]
#[template(path = "email/welcome.html")]
struct WelcomeHtml<'a> {
    c: &'a Common<'a>,
    due_date: &'a str,
    pixel: &'a str,
    photo_sent: bool,
    /// The first sentence's message id.
    intro: &'static str,
}

/// Why a member receives their personal link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Welcome {
    /// A new member.
    New,
    /// The address was corrected after the photo arrived: nothing to upload.
    PhotoSent,
    /// The team's periodic refresh: a new headshot, the current one kept
    /// until it is approved.
    Refresh,
}

/// The personal link, to a new member, a corrected address or a refresh.
pub fn welcome(
    to: &str,
    c: &Common<'_>,
    due_date: &str,
    pixel: &str,
    why: Welcome,
) -> anyhow::Result<OutgoingMail> {
    let photo_sent = why == Welcome::PhotoSent;
    let (subject, intro) = match why {
        Welcome::Refresh => ("welcome-subject-refresh", "welcome-intro-refresh"),
        Welcome::New | Welcome::PhotoSent => ("welcome-subject", "welcome-intro"),
    };
    Ok(OutgoingMail {
        unsubscribe: None,
        to: to.into(),
        subject: c.tr.t2(subject, "studio", c.studio, "team", c.team),
        text: WelcomeText {
            c,
            due_date,
            photo_sent,
            intro,
        }
        .render()?,
        html: WelcomeHtml {
            c,
            due_date,
            pixel,
            photo_sent,
            intro,
        }
        .render()?,
    })
}

#[derive(Template)]
#[template(path = "email/reminder.txt")]
struct ReminderText<'a> {
    c: &'a Common<'a>,
    due_date: &'a str,
    new_photo: bool,
}

#[derive(Template)]
#[template(path = "email/reminder.html")]
struct ReminderHtml<'a> {
    c: &'a Common<'a>,
    due_date: &'a str,
    new_photo: bool,
}

/// A reminder to send a photo, or (`new_photo`) the new photo the quality
/// check asked for.
pub fn reminder(
    to: &str,
    c: &Common<'_>,
    due_date: &str,
    new_photo: bool,
) -> anyhow::Result<OutgoingMail> {
    let subject = if new_photo {
        c.tr.t1("reminder-new-photo-subject", "team", c.team)
    } else {
        c.tr.t2("reminder-subject", "team", c.team, "date", due_date)
    };
    Ok(OutgoingMail {
        unsubscribe: None,
        to: to.into(),
        subject,
        text: ReminderText {
            c,
            due_date,
            new_photo,
        }
        .render()?,
        html: ReminderHtml {
            c,
            due_date,
            new_photo,
        }
        .render()?,
    })
}

#[derive(Template)]
#[template(path = "email/new_photo.txt")]
struct NewPhotoText<'a> {
    c: &'a Common<'a>,
    reasons: &'a [String],
    note: &'a str,
}

#[derive(Template)]
#[template(path = "email/new_photo.html")]
struct NewPhotoHtml<'a> {
    c: &'a Common<'a>,
    reasons: &'a [String],
    note: &'a str,
}

pub fn new_photo_requested(
    to: &str,
    c: &Common<'_>,
    reasons: &[String],
    note: &str,
) -> anyhow::Result<OutgoingMail> {
    Ok(OutgoingMail {
        unsubscribe: None,
        to: to.into(),
        subject: c.tr.t1("new-photo-subject", "studio", c.studio),
        text: NewPhotoText { c, reasons, note }.render()?,
        html: NewPhotoHtml { c, reasons, note }.render()?,
    })
}

#[derive(Template)]
#[template(path = "email/delivered.txt")]
struct DeliveredText<'a> {
    c: &'a Common<'a>,
}

#[derive(Template)]
#[template(path = "email/delivered.html")]
struct DeliveredHtml<'a> {
    c: &'a Common<'a>,
}

pub fn delivered(to: &str, c: &Common<'_>) -> anyhow::Result<OutgoingMail> {
    Ok(OutgoingMail {
        unsubscribe: None,
        to: to.into(),
        subject: c.tr.t1("delivered-subject", "studio", c.studio),
        text: DeliveredText { c }.render()?,
        html: DeliveredHtml { c }.render()?,
    })
}

/// A help request, for the studio's staff.
#[derive(Template)]
#[template(path = "email/support_request.txt")]
pub struct SupportText<'a> {
    pub studio: &'a str,
    pub team: &'a str,
    pub kind: &'a str,
    pub from: &'a str,
    pub message: &'a str,
    pub inbox: &'a str,
}

#[derive(Template)]
#[template(path = "email/support_request.html")]
struct SupportHtml<'a> {
    studio: &'a str,
    team: &'a str,
    kind: &'a str,
    from: &'a str,
    message: &'a str,
    inbox: &'a str,
}

pub fn support_request(to: &str, s: &SupportText<'_>) -> anyhow::Result<OutgoingMail> {
    let html = SupportHtml {
        studio: s.studio,
        team: s.team,
        kind: s.kind,
        from: s.from,
        message: s.message,
        inbox: s.inbox,
    };
    Ok(OutgoingMail {
        unsubscribe: None,
        to: to.into(),
        subject: format!("Help request from {}: {}", s.team, s.kind),
        text: s.render()?,
        html: html.render()?,
    })
}

/// The studio's answer to a help request, for the team.
#[derive(Template)]
#[template(path = "email/support_answer.txt")]
pub struct AnswerText<'a> {
    pub studio: &'a str,
    pub team: &'a str,
    /// `background_correction`, `resize`, `custom_background`, `other`.
    pub kind: &'a str,
    pub question: &'a str,
    pub answer: &'a str,
    pub link: &'a str,
    /// The team's language.
    pub tr: crate::i18n::Tr,
}

impl AnswerText<'_> {
    /// The kind of request in the email's language (`kind` is its code).
    fn kind_label(&self) -> String {
        self.tr.t(format!("support-kind-{}", self.kind))
    }
}

#[derive(Template)]
#[template(path = "email/support_answer.html")]
struct AnswerHtml<'a> {
    a: &'a AnswerText<'a>,
}

pub fn support_answer(to: &str, a: &AnswerText<'_>) -> anyhow::Result<OutgoingMail> {
    Ok(OutgoingMail {
        unsubscribe: None,
        to: to.into(),
        subject: a
            .tr
            .t2("answer-subject", "studio", a.studio, "kind", a.kind_label()),
        text: a.render()?,
        html: AnswerHtml { a }.render()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn common() -> Common<'static> {
        Common {
            studio: "Bright Studio",
            logo: None,
            first_name: "Ana <b>",
            team: "Acme",
            link: "http://x/m/abc",
            tr: crate::i18n::Tr::new(crate::domain::Lang::En, Default::default()),
        }
    }

    #[test]
    fn welcome_carries_the_link_and_due_date_and_escapes_html() {
        let m = welcome(
            "ana@acme.io",
            &common(),
            "2026-12-10",
            "http://x/o/1.gif",
            Welcome::New,
        )
        .unwrap();
        assert!(m.text.contains("http://x/m/abc"));
        assert!(m.text.contains("2026-12-10"));
        assert!(m.html.contains("href=\"http://x/m/abc\""));
        assert!(m.html.contains("Ana &#60;b&#62;") || m.html.contains("Ana &lt;b&gt;"));
        assert!(m.html.contains("http://x/o/1.gif"));
    }

    #[test]
    fn new_photo_lists_every_reason() {
        let reasons = vec![
            "Face the camera".to_string(),
            "No sunglasses or hats".to_string(),
        ];
        let m = new_photo_requested("a@b.co", &common(), &reasons, "Too dark").unwrap();
        for r in &reasons {
            assert!(m.text.contains(r.as_str()));
            assert!(m.html.contains(r.as_str()));
        }
        assert!(m.text.contains("Too dark"));
    }
}
