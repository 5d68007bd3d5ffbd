use super::*;
use crate::domain::Currency;
use jiff::Timestamp;
use jiff::civil::date;
use jiff::tz::TimeZone;

fn tr(lang: Lang) -> Tr {
    Tr::new(lang, Currency::Eur)
}

#[test]
fn every_language_holds_every_english_message_and_nothing_else() {
    let english = ids_in(Lang::En);
    assert!(english.len() > 150, "{} messages", english.len());
    let en_ids: Vec<&String> = english.iter().map(|(k, _)| k).collect();
    for lang in Lang::ALL {
        let messages = ids_in(lang);
        let ids: Vec<&String> = messages.iter().map(|(k, _)| k).collect();
        let missing: Vec<_> = en_ids.iter().filter(|k| !ids.contains(k)).collect();
        let extra: Vec<_> = ids.iter().filter(|k| !en_ids.contains(k)).collect();
        assert!(missing.is_empty(), "{}: missing {missing:?}", lang.code());
        assert!(
            extra.is_empty(),
            "{}: not in English {extra:?}",
            lang.code()
        );
        // The same arguments: a translation that drops `{ $date }` would
        // silently say less.
        for (key, args) in &messages {
            let en_args = &english.iter().find(|(k, _)| k == key).unwrap().1;
            assert_eq!(args, en_args, "{}: {key}", lang.code());
        }
        // The whole file parses: a syntax error would silently drop the
        // messages after it (and fall back to English).
        let path = format!("{}/locales/{}.ftl", env!("CARGO_MANIFEST_DIR"), lang.code());
        let text = std::fs::read_to_string(path).unwrap();
        let parsed = fluent_templates::fluent_bundle::FluentResource::try_new(text);
        assert!(
            parsed.is_ok(),
            "{}: {:?}",
            lang.code(),
            parsed.err().map(|e| e.1)
        );
    }
}

#[test]
fn days_and_times_read_the_way_each_language_writes_them() {
    let paris = TimeZone::get("Europe/Paris").unwrap();
    let today = date(2026, 12, 1);
    let t: Timestamp = "2026-12-04T16:00:00Z".parse().unwrap();
    let en = tr(Lang::En);
    assert_eq!(en.instant(t, &paris, today), "Fri 4 Dec, 17:00");
    assert_eq!(
        en.instant(t, &paris, date(2025, 12, 1)),
        "Fri 4 Dec 2026, 17:00"
    );
    assert_eq!(en.day(date(2027, 3, 16), today), "Tue 16 Mar 2027");
    assert_eq!(en.day(date(2026, 3, 16), date(2026, 3, 2)), "Mon 16 Mar");
    assert_eq!(en.relative(today, today), "today");
    assert_eq!(en.relative(date(2026, 12, 2), today), "tomorrow");
    assert_eq!(en.relative(date(2026, 12, 4), today), "in 3 days");
    assert_eq!(en.relative(date(2026, 11, 28), today), "3 days ago");
    // The end of a working day is a day, not a minute.
    let end: Timestamp = "2026-12-04T22:59:59Z".parse().unwrap();
    assert_eq!(en.due(end, &paris, today), "Fri 4 Dec");
    assert_eq!(en.due(t, &paris, today), "Fri 4 Dec, 17:00");

    assert_eq!(tr(Lang::De).day(date(2026, 3, 16), today), "Mo., 16. März");
    assert_eq!(
        tr(Lang::De).relative(date(2026, 12, 4), today),
        "in 3 Tagen"
    );
    assert_eq!(
        tr(Lang::Fr).instant(t, &paris, today),
        "ven. 4 déc. à 17:00"
    );
    assert_eq!(tr(Lang::Es).day(date(2026, 12, 4), today), "vie., 4 dic.");
    assert_eq!(tr(Lang::Es).relative(date(2026, 11, 30), today), "ayer");
}

#[test]
fn arguments_and_plurals_are_filled_in() {
    let en = tr(Lang::En);
    assert_eq!(en.t1("member-hello", "name", "Ana"), "Hello Ana");
    assert_eq!(
        en.t1("files-to-come", "count", 1_usize),
        "Approving gives you one file without a watermark"
    );
    assert_eq!(
        en.t1("files-to-come", "count", 6_usize),
        "Approving gives you 6 files without a watermark"
    );
    let de = tr(Lang::De);
    assert!(de.t1("member-hello", "name", "Ana").contains("Ana"));
    assert_ne!(de.t("upload-button"), en.t("upload-button"));
    // Amounts in the studio's currency, the reader's way.
    assert_eq!(de.money(6000), "60,00\u{a0}€");
    assert_eq!(en.money(6000), "€60.00");
    assert_eq!(
        en.money_in(6000, "USD"),
        "$60.00",
        "a payment keeps its own"
    );
    // No isolation marks around arguments in mail and pages.
    assert!(!en.t1("member-hello", "name", "Ana").contains('\u{2068}'));
}

#[test]
fn the_default_reasons_are_translated_and_a_studios_own_words_kept() {
    use crate::domain::qc_reasons::{QcReason, find};
    let de = tr(Lang::De);
    let default = find("face_camera").unwrap();
    assert_eq!(de.qc_reason(&default), "Schauen Sie in die Kamera");
    assert_eq!(tr(Lang::En).qc_reason(&default), default.label);
    let own = QcReason {
        code: "face_camera".into(),
        label: "Bitte direkt in die Kamera sehen".into(),
    };
    assert_eq!(de.qc_reason(&own), own.label, "the studio's own wording");
    let unknown = QcReason {
        code: "tie".into(),
        label: "Wear a tie".into(),
    };
    assert_eq!(de.qc_reason(&unknown), "Wear a tie");
}
