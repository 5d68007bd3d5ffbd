//! The two migration folders describe one schema: every file exists in both
//! and they are identical apart from comments, except the statements listed
//! in `DIALECT` (SQL the two databases spell differently). A migration
//! changed in one folder only fails here, before it reaches a database.

/// `(file, SQLite statement, PostgreSQL statement)`: the only lines allowed
/// to differ. Applied migrations are never edited (sqlx checks their
/// checksums), so a difference is fixed by the next migration, not here.
const DIALECT: &[(&str, &str, &str)] = &[(
    "0010_access.sql",
    "UPDATE api_tokens SET id = lower(hex(randomblob(16))) WHERE id IS NULL;",
    "UPDATE api_tokens SET id = replace(gen_random_uuid()::text, '-', '') WHERE id IS NULL;",
)];

/// The file's lines without comments and blank lines.
fn statements(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| match l.find("--") {
            Some(i) => &l[..i],
            None => l,
        })
        .map(|l| l.trim_end().to_string())
        .filter(|l| !l.trim().is_empty())
        .collect()
}

fn folder(name: &str) -> std::collections::BTreeMap<String, String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(name);
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            (file, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

/// What differs between the twins, as readable lines (empty: nothing).
fn differences(
    sqlite: &std::collections::BTreeMap<String, String>,
    postgres: &std::collections::BTreeMap<String, String>,
) -> Vec<String> {
    let mut out = Vec::new();
    for file in sqlite.keys().chain(postgres.keys()) {
        let (Some(a), Some(b)) = (sqlite.get(file), postgres.get(file)) else {
            out.push(format!("{file} exists in one folder only"));
            continue;
        };
        let (a, b) = (statements(a), statements(b));
        if a.len() != b.len() {
            out.push(format!(
                "{file}: {} lines in sqlite, {} in postgres",
                a.len(),
                b.len()
            ));
            continue;
        }
        for (x, y) in a.iter().zip(&b) {
            let allowed = DIALECT
                .iter()
                .any(|(f, s, p)| *f == file && *s == x.trim() && *p == y.trim());
            if x != y && !allowed {
                out.push(format!("{file}:\n  sqlite:   {x}\n  postgres: {y}"));
            }
        }
    }
    out.dedup();
    out
}

#[test]
fn the_sqlite_and_postgres_migrations_stay_twins() {
    let found = differences(&folder("sqlite"), &folder("postgres"));
    assert!(
        found.is_empty(),
        "the migration folders differ (write the change in both, or list a dialect difference):\n{}",
        found.join("\n")
    );
}

#[test]
fn a_change_in_one_folder_only_is_found() {
    let sqlite = folder("sqlite");
    let mut postgres = folder("postgres");
    let (file, text) = postgres.iter_mut().next().unwrap();
    let file = file.clone();
    text.push_str("\nALTER TABLE teams ADD COLUMN motto TEXT;\n");
    let found = differences(&sqlite, &postgres);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with(&file), "{found:?}");
    postgres.remove(&file);
    assert!(differences(&sqlite, &postgres)[0].contains("one folder only"));
}
