//! Every email, as sent: subject, text and HTML, compared with the reviewed
//! copy in `src/email/snapshots/`. A template change shows up as a diff;
//! accept it with `INSTA_UPDATE=always cargo test --lib email::snapshots`
//! (or `cargo insta review`) after reading it.

use super::OutgoingMail;
use super::templates::*;

fn common() -> Common<'static> {
    Common {
        studio: "Bright Studio",
        logo: Some("https://bright.example/logo.png"),
        first_name: "Ana",
        team: "Acme",
        link: "https://headshots.bright.example/m/SECRET",
        tr: crate::i18n::Tr::new(crate::domain::Lang::En, crate::domain::Currency::Usd),
    }
}

fn shown(m: &OutgoingMail) -> String {
    format!(
        "To: {}\nSubject: {}\n\n--- text ---\n{}\n--- html ---\n{}",
        m.to, m.subject, m.text, m.html
    )
}

#[test]
fn welcome() {
    let m = super::templates::welcome(
        "ana@acme.example",
        &common(),
        "Thu 10 Dec",
        "https://headshots.bright.example/o/1/SIG.gif",
        super::templates::Welcome::New,
    )
    .unwrap();
    insta::assert_snapshot!(shown(&m));
}

/// After a corrected address, once the photo arrived: nothing to upload.
#[test]
fn welcome_after_the_photo() {
    let m = super::templates::welcome(
        "ana@acme.example",
        &common(),
        "Thu 10 Dec",
        "https://headshots.bright.example/o/1/SIG.gif",
        super::templates::Welcome::PhotoSent,
    )
    .unwrap();
    insta::assert_snapshot!(shown(&m));
}

/// The team's periodic refresh: why a new photo, and the current one kept.
#[test]
fn welcome_to_a_refresh() {
    let m = super::templates::welcome(
        "ana@acme.example",
        &common(),
        "Thu 10 Dec",
        "https://headshots.bright.example/o/1/SIG.gif",
        super::templates::Welcome::Refresh,
    )
    .unwrap();
    insta::assert_snapshot!(shown(&m));
}

#[test]
fn reminder() {
    let m = super::templates::reminder("ana@acme.example", &common(), "Thu 10 Dec", false).unwrap();
    insta::assert_snapshot!(shown(&m));
}

#[test]
fn reminder_of_a_new_photo() {
    let m = super::templates::reminder("ana@acme.example", &common(), "Thu 10 Dec", true).unwrap();
    insta::assert_snapshot!(shown(&m));
}

#[test]
fn new_photo_requested() {
    let reasons = [
        "Face the camera".to_string(),
        "No sunglasses or hats".to_string(),
    ];
    let m = super::templates::new_photo_requested(
        "ana@acme.example",
        &common(),
        &reasons,
        "The photo is too dark.",
    )
    .unwrap();
    insta::assert_snapshot!(shown(&m));
}

#[test]
fn delivered() {
    let m = super::templates::delivered("ana@acme.example", &common()).unwrap();
    insta::assert_snapshot!(shown(&m));
}

#[test]
fn sign_in_for_an_invited_leader() {
    let m = sign_in(
        "lee@acme.example",
        &SignInText {
            studio: "Bright Studio",
            name: "Lee",
            link: "https://headshots.bright.example/login/link/SECRET",
            occasion: SignInOccasion::LeaderInvited {
                inviter: "Kim",
                team: "Acme",
                to_accept: false,
            },
            valid_for: "7 days",
            tr: crate::i18n::Tr::new(crate::domain::Lang::En, crate::domain::Currency::Usd),
        },
    )
    .unwrap();
    insta::assert_snapshot!(shown(&m));
}

#[test]
fn sign_in_for_a_leader_of_other_teams_says_where_to_switch() {
    let text = |other_teams| {
        let m = sign_in(
            "lee@acme.example",
            &SignInText {
                studio: "Bright Studio",
                name: "Lee",
                link: "https://headshots.bright.example/login/link/SECRET",
                occasion: SignInOccasion::TeamCreated {
                    team: "Acme Labs",
                    other_teams,
                },
                valid_for: "7 days",
                tr: crate::i18n::Tr::new(crate::domain::Lang::En, crate::domain::Currency::Usd),
            },
        )
        .unwrap();
        shown(&m)
    };
    let switch = "Acme Labs now sits beside your other teams in the same account";
    assert!(text(true).contains(switch), "{}", text(true));
    assert!(!text(false).contains(switch));
}

#[test]
fn sign_in_asked_for() {
    let m = sign_in(
        "lee@acme.example",
        &SignInText {
            studio: "Bright Studio",
            name: "Lee",
            link: "https://headshots.bright.example/login/link/SECRET",
            occasion: SignInOccasion::Asked,
            valid_for: "30 minutes",
            tr: crate::i18n::Tr::new(crate::domain::Lang::En, crate::domain::Currency::Usd),
        },
    )
    .unwrap();
    insta::assert_snapshot!(shown(&m));
}

#[test]
fn support_request() {
    let m = super::templates::support_request(
        "success@bright.example",
        &SupportText {
            studio: "Bright Studio",
            team: "Acme",
            kind: "Background correction",
            from: "Lee Leader",
            message: "Could the background on Ana's headshot be a little lighter?",
            inbox: "https://headshots.bright.example/studio/support",
        },
    )
    .unwrap();
    insta::assert_snapshot!(shown(&m));
}

#[test]
fn support_answer() {
    let m = super::templates::support_answer(
        "lee@acme.example",
        &AnswerText {
            studio: "Bright Studio",
            team: "Acme",
            kind: "background_correction",
            question: "Could the background be a little lighter?",
            answer: "Done: the new files are on the dashboard.",
            link: "https://headshots.bright.example/team/help",
            tr: crate::i18n::Tr::new(crate::domain::Lang::En, crate::domain::Currency::Usd),
        },
    )
    .unwrap();
    insta::assert_snapshot!(shown(&m));
}

fn footer() -> super::notices::Footer<'static> {
    super::notices::Footer {
        unsubscribe: "https://headshots.bright.example/unsubscribe/U/new_photo/SIG",
        choose: "https://headshots.bright.example/team/notices",
        what: "notice-what-new_photo",
    }
}

fn leader() -> Common<'static> {
    Common {
        first_name: "Lee",
        link: "https://headshots.bright.example/team",
        ..common()
    }
}

#[test]
fn notice_of_a_new_photo_request() {
    let m = super::notices::new_photo(
        "lee@acme.example",
        &leader(),
        &footer(),
        "Ana Silva",
        &["The photo is blurry".into()],
    )
    .unwrap();
    assert_eq!(m.unsubscribe.as_deref(), Some(footer().unsubscribe));
    insta::assert_snapshot!(shown(&m));
}

#[test]
fn notice_of_credits_running_low() {
    let m = super::notices::credits_low("lee@acme.example", &leader(), &footer(), 2).unwrap();
    insta::assert_snapshot!(shown(&m));
}

#[test]
fn weekly_digest() {
    use crate::domain::notices::{DigestLine, DigestList, DigestReport};
    let line = |name: &str, detail: &str| DigestLine {
        name: name.into(),
        detail: detail.into(),
    };
    let report = DigestReport {
        overdue: DigestList {
            lines: vec![line("Ana Silva", "was due Mon 9 Mar")],
            total: 3,
        },
        approved: DigestList {
            lines: vec![line("Bo Berg", "approved Fri 13 Mar")],
            total: 1,
        },
        credits_available: 12,
        ..Default::default()
    };
    let f = super::notices::Footer {
        unsubscribe: "https://headshots.bright.example/unsubscribe/U/digest/SIG",
        what: "notice-what-digest",
        ..footer()
    };
    let m = super::notices::digest("lee@acme.example", &leader(), &f, "weekly", &report).unwrap();
    insta::assert_snapshot!(shown(&m));
}

#[test]
fn notice_of_a_members_paid_request() {
    let f = super::notices::Footer {
        unsubscribe: "https://headshots.bright.example/unsubscribe/U/spend_request/SIG",
        what: "notice-what-spend_request",
        ..footer()
    };
    let m = super::notices::spend_request(
        "lee@acme.example",
        &leader(),
        &f,
        super::notices::Asked {
            member: "Ana Silva",
            what: "a re-edit",
            amount: "$20.00",
            notes: "Soften the shadow on the left",
        },
    )
    .unwrap();
    insta::assert_snapshot!(shown(&m));
}

/// The same message in the team's language, with dates and amounts written
/// its way (the text only: the HTML is the same frame).
fn in_lang(lang: crate::domain::Lang) -> Common<'static> {
    Common {
        tr: crate::i18n::Tr::new(lang, crate::domain::Currency::Eur),
        ..common()
    }
}

#[test]
fn welcome_in_german() {
    let c = in_lang(crate::domain::Lang::De);
    let due = c.tr.day(
        jiff::civil::date(2026, 12, 10),
        jiff::civil::date(2026, 12, 1),
    );
    let m = super::templates::welcome(
        "ana@acme.example",
        &c,
        &due,
        "https://x/o.gif",
        super::templates::Welcome::New,
    )
    .unwrap();
    assert!(m.html.contains(r#"<html lang="de">"#));
    insta::assert_snapshot!(format!("Subject: {}\n\n{}", m.subject, m.text));
}

#[test]
fn reminder_in_french() {
    let c = in_lang(crate::domain::Lang::Fr);
    let due = c.tr.day(
        jiff::civil::date(2026, 12, 10),
        jiff::civil::date(2026, 12, 1),
    );
    let m = super::templates::reminder("ana@acme.example", &c, &due, false).unwrap();
    insta::assert_snapshot!(format!("Subject: {}\n\n{}", m.subject, m.text));
}

#[test]
fn paid_request_in_spanish() {
    let leader = Common {
        first_name: "Lee",
        link: "https://headshots.bright.example/team",
        ..in_lang(crate::domain::Lang::Es)
    };
    let f = super::notices::Footer {
        unsubscribe: "https://headshots.bright.example/unsubscribe/U/spend_request/SIG",
        what: "notice-what-spend_request",
        ..footer()
    };
    let what = leader.tr.t("spend-what-re_edit");
    let amount = leader.tr.money(2000);
    let m = super::notices::spend_request(
        "lee@acme.example",
        &leader,
        &f,
        super::notices::Asked {
            member: "Ana Silva",
            what: &what,
            amount: &amount,
            notes: "",
        },
    )
    .unwrap();
    assert!(m.text.contains("20,00\u{a0}€"), "{}", m.text);
    insta::assert_snapshot!(format!("Subject: {}\n\n{}", m.subject, m.text));
}
