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
    /// The message id of what this unsubscribes from
    /// (`notice-what-digest`: "the digest of your team's headshots").
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
        subject: c.tr.t1("notice-new-photo-subject", "member", member),
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
    Ok(OutgoingMail {
        to: to.into(),
        subject: c
            .tr
            .t2("credits-low-subject", "team", c.team, "credits", credits),
        text: CreditsText { c, f, credits }.render()?,
        html: CreditsHtml { c, f, credits }.render()?,
        unsubscribe: Some(f.unsubscribe.into()),
    })
}

/// One titled list of a digest.
pub struct DigestSection<'a> {
    /// The title's message id.
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
        ("digest-overdue", &r.overdue),
        ("digest-new_photo", &r.new_photo),
        ("digest-delivered", &r.delivered),
        ("digest-approved", &r.approved),
    ]
    .into_iter()
    .filter(|(_, list)| list.total > 0)
    .map(|(title, list)| DigestSection { title, list })
    .collect();
    let credits = r.credits_available;
    Ok(OutgoingMail {
        to: to.into(),
        subject: match period {
            "daily" => c.tr.t1("digest-subject-daily", "team", c.team),
            _ => c.tr.t1("digest-subject-weekly", "team", c.team),
        },
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

/// A member's paid request, as the leader's email tells it.
pub struct Asked<'a> {
    pub member: &'a str,
    /// "a re-edit", in the email's language.
    pub what: &'a str,
    /// The amount, written the language's way.
    pub amount: &'a str,
    /// The member's notes for a re-edit.
    pub notes: &'a str,
}

#[derive(Template)]
#[template(path = "email/notice_spend_request.txt")]
struct SpendText<'a> {
    c: &'a Common<'a>,
    f: &'a Footer<'a>,
    text: &'a str,
    notes: &'a str,
}

#[derive(Template)]
#[template(path = "email/notice_spend_request.html")]
struct SpendHtml<'a> {
    c: &'a Common<'a>,
    f: &'a Footer<'a>,
    text: &'a str,
    notes: &'a str,
}

/// A member asks the team to pay; the link leads to the approval.
pub fn spend_request(
    to: &str,
    c: &Common<'_>,
    f: &Footer<'_>,
    a: Asked<'_>,
) -> anyhow::Result<OutgoingMail> {
    let text = c.tr.ta(
        "spend-request-text",
        [
            ("member", &a.member),
            ("team", &c.team),
            ("what", &a.what),
            ("amount", &a.amount),
        ],
    );
    let subject = c.tr.ta(
        "spend-request-subject",
        [
            ("member", &a.member),
            ("what", &a.what),
            ("amount", &a.amount),
        ],
    );
    Ok(OutgoingMail {
        to: to.into(),
        subject,
        text: SpendText {
            c,
            f,
            text: &text,
            notes: a.notes,
        }
        .render()?,
        html: SpendHtml {
            c,
            f,
            text: &text,
            notes: a.notes,
        }
        .render()?,
        unsubscribe: Some(f.unsubscribe.into()),
    })
}
