//! Tests of the studio settings' defaults and validation.

use super::*;

use crate::domain::style::Ratio;

fn defaults() -> StudioSettings {
    let dir = tempfile::tempdir().unwrap();
    let config = crate::config::Settings::for_data_dir(dir.path()).unwrap();
    StudioSettings::defaults(&config)
}

#[test]
fn defaults_are_valid_and_follow_the_product() {
    let s = defaults().validate().unwrap();
    assert_eq!(s.fees.re_edit, 2000);
    assert_eq!(s.fees.redo, 6000);
    assert_eq!(s.fees.custom_background, 25_000);
    assert_eq!(s.fees.resize_per_file, 500);
    assert_eq!(s.turnaround.standard_days, 3);
    assert_eq!(s.checks.min_photo_side, 1200);
    assert!(s.qc_reason("other").is_some());
}

#[test]
fn every_bad_field_is_named_and_other_is_kept() {
    let mut s = defaults();
    s.branding.studio_name = " ".into();
    s.branding.logo_url = Some("javascript:alert(1)".into());
    s.fees.redo = -1;
    s.turnaround.expedited_days = 9;
    s.reminder_schedule = vec![-99];
    s.qc_reasons = vec![QcReason {
        code: "No Hats".into(),
        label: "No hats".into(),
    }];
    s.standard_sizes = vec![50];
    s.standard_ratios = vec![];
    let fields: Vec<String> = s
        .validate()
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(
        fields,
        [
            "studio_name",
            "logo_url",
            "fees.redo",
            "turnaround.expedited_days",
            "reminder_schedule",
            "qc_reasons",
            "standard_sizes",
            "standard_ratios"
        ]
    );
    let mut s = defaults();
    s.qc_reasons.retain(|r| r.code != "other");
    s.standard_sizes = vec![400, 1600, 400];
    s.standard_ratios = vec![Ratio::ThreeByFour, Ratio::Square, Ratio::ThreeByFour];
    let s = s.validate().unwrap();
    assert!(s.qc_reason("other").is_some(), "other is always there");
    assert_eq!(s.standard_sizes, [1600, 400]);
    assert_eq!(s.standard_ratios, [Ratio::Square, Ratio::ThreeByFour]);
}
