//! The sign-in email: a one-time link asked for on the sign-in page, or
//! sent with an invitation (to lead a team, to a new team, to the staff).

use super::OutgoingMail;
use askama::Template;

/// A one-time sign-in link: asked for on the sign-in page, or sent with an
/// invitation (to lead a team, to a new team, to the studio's staff).
pub struct SignInText<'a> {
    pub studio: &'a str,
    pub name: &'a str,
    pub link: &'a str,
    /// Why the link was sent: its subject and first sentence.
    pub occasion: SignInOccasion<'a>,
    /// "7 days", "30 minutes", in the email's language; empty when `link`
    /// is no sign-in link (an invitation's, to the dashboard).
    pub valid_for: &'a str,
    /// The language of the leader's team (English for staff).
    pub tr: crate::i18n::Tr,
}

/// Why a sign-in link goes out.
#[derive(Debug, Clone, Copy)]
pub enum SignInOccasion<'a> {
    /// The person asked for it.
    Asked,
    /// A leader added them to lead `team`.
    /// `to_accept`: the account leads other teams, and this one joins it
    /// when they accept.
    LeaderInvited {
        inviter: &'a str,
        team: &'a str,
        to_accept: bool,
    },
    /// The studio created `team` with them as its first leader.
    TeamCreated { team: &'a str, other_teams: bool },
    /// An admin invited them to the studio's staff as `role` (a label).
    StaffInvited { inviter: &'a str, role: &'a str },
    /// They asked on the Get started page for `team`: the link confirms
    /// the address (and signs them in once the team is made).
    ConfirmSignup { team: &'a str },
    /// They asked to join `team` through its open invite link: the link
    /// confirms the address and takes them to their headshot page.
    ConfirmJoin { team: &'a str },
}

impl SignInText<'_> {
    /// The link's label.
    fn button(&self) -> String {
        match self.occasion {
            SignInOccasion::ConfirmSignup { .. } | SignInOccasion::ConfirmJoin { .. } => {
                self.tr.t("signup-button")
            }
            _ => self.tr.t("signin-button"),
        }
    }

    /// The first sentence, and for a leader of other teams the message
    /// `then` about this team: joined the same account (where to switch),
    /// or joining it once accepted (where to answer).
    fn and_then(lead: String, tr: &crate::i18n::Tr, team: &str, then: Option<&str>) -> String {
        match then {
            Some(key) => format!("{lead} {}", tr.t1(key, "team", team)),
            None => lead,
        }
    }

    /// The email's subject and its first sentence.
    fn subject_and_lead(&self) -> (String, String) {
        let (tr, studio) = (&self.tr, self.studio);
        match self.occasion {
            SignInOccasion::Asked => (
                tr.t1("signin-subject", "studio", studio),
                tr.t("signin-asked"),
            ),
            SignInOccasion::LeaderInvited {
                inviter,
                team,
                to_accept,
            } => (
                tr.t1("signin-subject-invited", "team", team),
                Self::and_then(
                    tr.ta(
                        "signin-invited",
                        [("inviter", inviter), ("team", team), ("studio", studio)],
                    ),
                    tr,
                    team,
                    to_accept.then_some("signin-accept-invite"),
                ),
            ),
            SignInOccasion::TeamCreated { team, other_teams } => (
                tr.ta("signin-subject-team", [("team", team), ("studio", studio)]),
                Self::and_then(
                    tr.ta("signin-team-created", [("team", team), ("studio", studio)]),
                    tr,
                    team,
                    other_teams.then_some("signin-also-leads"),
                ),
            ),
            SignInOccasion::StaffInvited { inviter, role } => (
                tr.t1("signin-subject-staff", "studio", studio),
                tr.ta(
                    "signin-staff-invited",
                    [("inviter", inviter), ("role", role), ("studio", studio)],
                ),
            ),
            SignInOccasion::ConfirmSignup { team } => (
                tr.ta("signup-subject", [("team", team), ("studio", studio)]),
                tr.ta("signup-lead", [("team", team), ("studio", studio)]),
            ),
            SignInOccasion::ConfirmJoin { team } => (
                tr.t1("join-subject", "team", team),
                tr.ta("join-lead", [("team", team), ("studio", studio)]),
            ),
        }
    }
}

#[derive(Template)]
#[template(path = "email/sign_in.txt")]
struct SignInPlain<'a> {
    studio: &'a str,
    name: &'a str,
    link: &'a str,
    lead: &'a str,
    button: &'a str,
    valid_for: &'a str,
    tr: crate::i18n::Tr,
}

#[derive(Template)]
#[template(path = "email/sign_in.html")]
struct SignInHtml<'a> {
    studio: &'a str,
    name: &'a str,
    link: &'a str,
    lead: &'a str,
    button: &'a str,
    valid_for: &'a str,
    tr: crate::i18n::Tr,
}

pub fn sign_in(to: &str, s: &SignInText<'_>) -> anyhow::Result<OutgoingMail> {
    let (subject, lead) = s.subject_and_lead();
    let button = s.button();
    let text = SignInPlain {
        studio: s.studio,
        name: s.name,
        link: s.link,
        lead: &lead,
        button: &button,
        valid_for: s.valid_for,
        tr: s.tr,
    };
    let html = SignInHtml {
        studio: s.studio,
        name: s.name,
        link: s.link,
        lead: &lead,
        button: &button,
        valid_for: s.valid_for,
        tr: s.tr,
    };
    Ok(OutgoingMail {
        unsubscribe: None,
        to: to.into(),
        subject,
        text: text.render()?,
        html: html.render()?,
    })
}
