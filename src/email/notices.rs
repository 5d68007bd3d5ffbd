//! The emails a team leader chose to receive: a new photo requested, credits
//! running low, the digest. Each ends with its one-click unsubscribe.

use super::OutgoingMail;
use super::templates::Common;
use crate::domain::notices::{DigestList, DigestReport};
use askama::Template;

/// The footer of every notice.
pub struct Footer<'a> {
    /// The one-click unsubscribe address of this kind of notice.
    pub unsubscribe: &'a str,
    /// The leader's notices page.
    pub choose: &'a str,
    /// "the digest of your team's headshots".
    pub what: &'a str,
}

#[derive(Template)]
#[template(path = "email/notice_new_photo.txt")]
struct NewPhotoText<'a> {
    c: &'a Common<'a>,
    f: &'a Footer<'a>,
    member: &'a str,
    reasons: &'a [String],
}

#[derive(Template)]
#[template(path = "email/notice_new_photo.html")]
struct NewPhotoHtml<'a> {
    c: &'a Common<'a>,
    f: &'a Footer<'a>,
    member: &'a str,
    reasons: &'a [String],
}

/// The quality check asked `member` for a new photo.
pub fn new_photo(
    to: &str,
    c: &Common<'_>,
    f: &Footer<'_>,
    member: &str,
    reasons: &[String],
) -> anyhow::Result<OutgoingMail> {
    Ok(OutgoingMail {
        to: to.into(),
        subject: format!("{member} needs to send a new photo"),
        text: NewPhotoText {
            c,
            f,
            member,
            reasons,
        }
        .render()?,
        html: NewPhotoHtml {
            c,
            f,
            member,
            reasons,
        }
        .render()?,
        unsubscribe: Some(f.unsubscribe.into()),
    })
}

#[derive(Template)]
#[template(path = "email/notice_credits_low.txt")]
struct CreditsText<'a> {
    c: &'a Common<'a>,
    f: &'a Footer<'a>,
    credits: i64,
}

#[derive(Template)]
#[template(path = "email/notice_credits_low.html")]
struct CreditsHtml<'a> {
    c: &'a Common<'a>,
    f: &'a Footer<'a>,
    credits: i64,
}

/// The team has `credits` left, fewer than the low mark.
pub fn credits_low(
    to: &str,
    c: &Common<'_>,
    f: &Footer<'_>,
    credits: i64,
) -> anyhow::Result<OutgoingMail> {
    let plural = if credits == 1 { "credit" } else { "credits" };
    Ok(OutgoingMail {
        to: to.into(),
        subject: format!("{}: {credits} {plural} left", c.team),
        text: CreditsText { c, f, credits }.render()?,
        html: CreditsHtml { c, f, credits }.render()?,
        unsubscribe: Some(f.unsubscribe.into()),
    })
}

/// One titled list of a digest.
pub struct DigestSection<'a> {
    pub title: &'static str,
    pub list: &'a DigestList,
}

#[derive(Template)]
#[template(path = "email/digest.txt")]
struct DigestText<'a> {
    c: &'a Common<'a>,
    f: &'a Footer<'a>,
    sections: &'a [DigestSection<'a>],
    credits: i64,
}

#[derive(Template)]
#[template(path = "email/digest.html")]
struct DigestHtml<'a> {
    c: &'a Common<'a>,
    f: &'a Footer<'a>,
    sections: &'a [DigestSection<'a>],
    credits: i64,
}

/// The daily or weekly digest (`period`: "daily" or "weekly"); lists with
/// nobody in them are left out.
pub fn digest(
    to: &str,
    c: &Common<'_>,
    f: &Footer<'_>,
    period: &str,
    r: &DigestReport,
) -> anyhow::Result<OutgoingMail> {
    let sections: Vec<DigestSection<'_>> = [
        ("Overdue: no photo yet", &r.overdue),
        ("Asked for a new photo", &r.new_photo),
        ("Delivered, waiting for approval", &r.delivered),
        ("Approved", &r.approved),
    ]
    .into_iter()
    .filter(|(_, list)| list.total > 0)
    .map(|(title, list)| DigestSection { title, list })
    .collect();
    let credits = r.credits_available;
    Ok(OutgoingMail {
        to: to.into(),
        subject: format!("{}: your {period} headshot digest", c.team),
        text: DigestText {
            c,
            f,
            sections: &sections,
            credits,
        }
        .render()?,
        html: DigestHtml {
            c,
            f,
            sections: &sections,
            credits,
        }
        .render()?,
        unsubscribe: Some(f.unsubscribe.into()),
    })
}

#[derive(Template)]
#[template(path = "email/notice_spend_request.txt")]
struct SpendText<'a> {
    c: &'a Common<'a>,
    f: &'a Footer<'a>,
    member: &'a str,
    what: &'a str,
    amount: &'a str,
    notes: &'a str,
}

#[derive(Template)]
#[template(path = "email/notice_spend_request.html")]
struct SpendHtml<'a> {
    c: &'a Common<'a>,
    f: &'a Footer<'a>,
    member: &'a str,
    what: &'a str,
    amount: &'a str,
    notes: &'a str,
}

/// A member asks the team to pay for `what` ("a re-edit of a delivered
/// headshot"); the link leads to the approval.
pub fn spend_request(
    to: &str,
    c: &Common<'_>,
    f: &Footer<'_>,
    member: &str,
    what: &str,
    amount: &str,
    notes: &str,
) -> anyhow::Result<OutgoingMail> {
    Ok(OutgoingMail {
        to: to.into(),
        subject: format!("{member} asks the team to pay for {what} ({amount})"),
        text: SpendText {
            c,
            f,
            member,
            what,
            amount,
            notes,
        }
        .render()?,
        html: SpendHtml {
            c,
            f,
            member,
            what,
            amount,
            notes,
        }
        .render()?,
        unsubscribe: Some(f.unsubscribe.into()),
    })
}
