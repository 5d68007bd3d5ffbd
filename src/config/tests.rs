//! Resolving the layers, and the fix-it messages of bad values.
use super::*;

fn resolve(a: SettingsArgs, f: FileSettings) -> anyhow::Result<Settings> {
    let dir = tempfile::tempdir().unwrap();
    let a = SettingsArgs {
        data_dir: a.data_dir.or(Some(dir.path().to_path_buf())),
        ..a
    };
    Settings::resolve(a, f, dir.path())
}

#[test]
fn defaults_derive_from_the_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let s = Settings::for_data_dir(dir.path()).unwrap();
    assert!(
        s.database_url
            .expose_secret()
            .contains(&dir.path().join("teamshot.db").display().to_string())
    );
    assert_eq!(s.storage_url.scheme(), "file");
    assert!(s.storage_url.path().ends_with("/objects"));
    assert!(dir.path().join("secret.key").exists());
    // The generated key is reused on the next start.
    let again = Settings::for_data_dir(dir.path()).unwrap();
    assert_eq!(
        s.secret_key.expose_secret(),
        again.secret_key.expose_secret()
    );
}

#[test]
fn flags_and_env_win_over_the_file() {
    let f = FileSettings {
        listen: Some("127.0.0.1:9000".into()),
        workers: Some(7),
        ..Default::default()
    };
    let a = SettingsArgs {
        listen: Some("127.0.0.1:9100".into()),
        ..Default::default()
    };
    let s = resolve(a, f).unwrap();
    assert_eq!(s.listen.port(), 9100);
    assert_eq!(s.workers, 7);
    assert_eq!(s.imaging_concurrency, None, "one per CPU unless set");
    assert_eq!(s.job_lease_ms, 300_000);
}

#[test]
fn scale_out_settings_are_bounded() {
    let a = SettingsArgs {
        imaging_concurrency: Some(0),
        job_lease_seconds: Some(1),
        ..Default::default()
    };
    let s = resolve(a, FileSettings::default()).unwrap();
    assert_eq!(s.imaging_concurrency, Some(1));
    assert_eq!(s.job_lease_ms, 15_000, "longer than a webhook attempt");
    let pg = SettingsArgs {
        database_url: Some("postgres://db.example/teamshot".into()),
        ..Default::default()
    };
    let err = resolve(pg, FileSettings::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("TEAMSHOT_SECRET_KEY"), "{err}");
}

#[test]
fn wrong_settings_say_how_to_fix_them() {
    let err = |a| resolve(a, FileSettings::default()).unwrap_err().to_string();
    assert!(
        err(SettingsArgs {
            listen: Some("localhost".into()),
            ..Default::default()
        })
        .contains("127.0.0.1:8080")
    );
    assert!(
        err(SettingsArgs {
            database_url: Some("mysql://x".into()),
            ..Default::default()
        })
        .contains("postgres://")
    );
    assert!(
        err(SettingsArgs {
            secret_key: Some("short".into()),
            ..Default::default()
        })
        .contains("openssl rand -hex 32")
    );
    assert!(
        err(SettingsArgs {
            studio_timezone: Some("Mars/Base".into()),
            ..Default::default()
        })
        .contains("IANA")
    );
    assert!(
        err(SettingsArgs {
            smtp_url: Some("http://x".into()),
            ..Default::default()
        })
        .contains("smtp://")
    );
}

#[test]
fn debug_output_hides_secrets() {
    let a = SettingsArgs {
        smtp_url: Some("smtps://user:hunter2@mail.example".into()),
        secret_key: Some("ab".repeat(32)),
        ..Default::default()
    };
    let s = resolve(a, FileSettings::default()).unwrap();
    let shown = format!("{s:?}");
    assert!(!shown.contains("hunter2"));
    assert!(!shown.contains(&"ab".repeat(32)));
}

#[test]
fn the_file_rejects_unknown_keys() {
    assert!(toml::from_str::<FileSettings>("listn = \"x\"").is_err());
}

#[test]
fn entra_needs_both_its_id_and_its_secret() {
    let s = resolve(SettingsArgs::default(), FileSettings::default()).unwrap();
    assert!(s.entra.app.is_none() && s.google.app.is_none());
    assert_eq!(s.google.api_base.as_str(), "https://admin.googleapis.com/");
    assert!(s.slack.app.is_none());
    assert_eq!(s.slack.base.as_str(), "https://slack.com/");
    assert_eq!(s.entra.graph_base.as_str(), "https://graph.microsoft.com/");
    let half = SettingsArgs {
        entra_client_id: Some("app".into()),
        ..Default::default()
    };
    let e = resolve(half, FileSettings::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("TEAMSHOT_ENTRA_CLIENT_SECRET"), "{e}");
    let f = FileSettings {
        entra_client_id: Some("app".into()),
        entra_client_secret: Some("secret".into()),
        entra_graph_base: Some("http://127.0.0.1:9/graph".into()),
        ..Default::default()
    };
    let s = resolve(SettingsArgs::default(), f).unwrap();
    assert_eq!(s.entra.app.unwrap().client_id, "app");
    assert_eq!(s.entra.graph_base.as_str(), "http://127.0.0.1:9/graph/");
}
