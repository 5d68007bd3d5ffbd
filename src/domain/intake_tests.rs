use super::*;

fn input(label: &str, kind: FieldKind, choices: &[&str], required: bool) -> FieldInput {
    FieldInput {
        label: label.into(),
        key: None,
        kind,
        choices: choices.iter().map(|c| c.to_string()).collect(),
        required,
    }
}

fn team_fields() -> Vec<IntakeField> {
    parse_fields(&[
        input("Job title", FieldKind::Text, &[], true),
        input(
            "Office",
            FieldKind::Choice,
            &["Paris", "Berlin", "paris"],
            false,
        ),
    ])
    .unwrap()
}

#[test]
fn keys_come_from_labels_and_clashes_are_named() {
    assert_eq!(key_of("  Job title / Rôle "), "job_title_r_le");
    let f = team_fields();
    assert_eq!(f[0].key, "job_title");
    assert_eq!(f[1].choices, ["Paris", "Berlin"], "duplicates dropped");
    let errors = parse_fields(&[
        input("Office", FieldKind::Text, &[], false),
        input("office", FieldKind::Text, &[], false),
        input("Email", FieldKind::Text, &[], false),
        input("", FieldKind::Text, &[], false),
        input("Team", FieldKind::Choice, &["Only one"], false),
        input("42", FieldKind::Text, &[], false),
    ])
    .unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "fields[1].key",
            "fields[2].key",
            "fields[3].label",
            "fields[4].choices",
            "fields[5].key"
        ]
    );
    let many: Vec<FieldInput> = (0..11)
        .map(|i| input(&format!("Q{i}"), FieldKind::Text, &[], false))
        .collect();
    assert_eq!(parse_fields(&many).unwrap_err()[0].field, "fields");
}

#[test]
fn answers_are_checked_against_the_questions() {
    let f = team_fields();
    let v = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let ok = check_values(
        &f,
        &v(&[("job_title", " Designer "), ("office", "berlin")]),
        true,
    )
    .unwrap();
    assert_eq!(ok, v(&[("job_title", "Designer"), ("office", "Berlin")]));
    // Required only when complete; an empty answer is no answer.
    assert!(
        check_values(&f, &v(&[("office", "")]), false)
            .unwrap()
            .is_empty()
    );
    let e = check_values(&f, &v(&[("office", "Rome"), ("shoe", "42")]), true).unwrap_err();
    let fields: Vec<&str> = e.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["values.shoe", "values.job_title", "values.office"]);
    assert!(e[2].message.contains("Paris, Berlin"));
    assert_eq!(missing(&f, &v(&[("office", "Paris")]))[0].key, "job_title");
    assert!(check_values(&f, &v(&[("job_title", &"x".repeat(121))]), false).is_err());
}

#[test]
fn file_name_templates_name_only_what_exists() {
    let f = team_fields();
    let t = NameTemplate::parse("{last_name}_{first_name}_{job_title}", &f).unwrap();
    let values: BTreeMap<String, String> =
        [("job_title".to_string(), "Designer".to_string())].into();
    assert_eq!(
        t.render("Ana", "Lima", "0190-abcdef12", &values),
        "Lima_Ana_Designer"
    );
    assert_eq!(
        t.render("Ana", "Lima", "0190-abcdef12", &BTreeMap::new()),
        "Lima_Ana_"
    );
    let id = NameTemplate::parse("{id}-{office}", &f).unwrap();
    assert_eq!(
        id.render("A", "B", "0190-abcdef12", &BTreeMap::new()),
        "abcdef12-"
    );
    assert!(
        NameTemplate::parse("{shoe_size}", &f)
            .unwrap_err()
            .contains("{job_title}")
    );
    assert!(NameTemplate::parse("{last_name", &f).is_err());
    assert!(NameTemplate::parse("last}", &f).is_err());
    assert!(NameTemplate::parse("photo", &f).is_err());
}
