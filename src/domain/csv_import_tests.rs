//! Reading member lists as spreadsheets write them.

use super::*;
use crate::domain::email_typos;
use jiff::civil::date;
use proptest::prelude::*;

const TODAY: Date = date(2026, 3, 2);
const DEFAULT: Date = date(2026, 3, 16);

fn ok(text: &str) -> Vec<ImportRow> {
    read(
        text.as_bytes(),
        TODAY,
        5,
        DEFAULT,
        &[],
        email_typos::suggestion,
    )
    .unwrap()
}

fn errs(text: &str) -> Vec<LineProblem> {
    read(
        text.as_bytes(),
        TODAY,
        5,
        DEFAULT,
        &[],
        email_typos::suggestion,
    )
    .unwrap_err()
}

#[test]
fn excel_style_file_with_bom_crlf_semicolons_quotes_and_blank_lines() {
    let file = "\u{feff}First Name;LAST NAME;E-mail;Due Date\r\n\r\n\"Ana Maria\";\"Silva; Jr.\";Ana@Example.com;2026-03-20\r\n;;;\r\nBo;Chen;bo@example.com;\r\n";
    let rows = ok(file);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].first_name.as_str(), "Ana Maria");
    assert_eq!(rows[0].last_name.as_str(), "Silva; Jr.");
    assert_eq!(rows[0].email.as_str(), "ana@example.com");
    assert_eq!(rows[0].line, 3);
    assert_eq!(rows[1].due_date.date(), DEFAULT);
    assert_eq!(rows[1].line, 5);
}

#[test]
fn commas_inside_quotes_and_tabs_work() {
    let rows = ok("first_name,last_name,email\n\"Lee, Jr\",Park,lee@x.io\n");
    assert_eq!(rows[0].first_name.as_str(), "Lee, Jr");
    let rows = ok("first_name\tlast_name\temail\nA\tB\ta@b.co\n");
    assert_eq!(rows[0].last_name.as_str(), "B");
}

#[test]
fn every_bad_cell_is_reported_with_line_and_column() {
    let p = errs(
        "first_name,last_name,email,due_date\nAna,,ana@,2026-03-03\nBo,Chen,bo@x.io,\n,X,x@x.io,tomorrow\n",
    );
    let got: Vec<(u64, Option<&str>)> = p.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(
        got,
        vec![
            (2, Some("last_name")),
            (2, Some("email")),
            (2, Some("due_date")),
            (4, Some("first_name")),
            (4, Some("due_date"))
        ]
    );
}

#[test]
fn several_headshots_per_person_come_from_a_count_or_a_repeated_line() {
    // A repeated line is another headshot for the same person.
    let rows =
        ok("first_name,last_name,email\nAna,Silva,ana@x.io\nBo,Chen,bo@x.io\nana,SILVA,ANA@x.io\n");
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.headshots == 1));
    // A `headshots` column says how many; empty means one.
    let rows = ok("first_name,last_name,email,Headshots\nAna,Silva,ana@x.io,3\nBo,Chen,bo@x.io,\n");
    assert_eq!(rows.iter().map(|r| r.headshots).collect::<Vec<_>>(), [3, 1]);
    let p = errs(
        "first_name,last_name,email,headshots\nAna,Silva,ana@x.io,0\nBo,Chen,bo@x.io,two\nCy,Doe,c@x.io,11\n",
    );
    assert_eq!(
        p.iter().map(|p| (p.line, p.column)).collect::<Vec<_>>(),
        [
            (2, Some("headshots")),
            (3, Some("headshots")),
            (4, Some("headshots"))
        ]
    );
    assert!(p[1].message.contains("from 1 to 10"), "{}", p[1].message);
}

#[test]
fn missing_headers_empty_files_and_non_utf8_are_explained() {
    assert!(
        errs("name,email\nAna,a@x.io\n")[0]
            .message
            .contains("first_name, last_name")
    );
    assert!(errs("")[0].message.contains("empty"));
    assert!(
        errs("first_name,last_name,email\n\n")[0]
            .message
            .contains("no members")
    );
    let latin1 = b"first_name,last_name,email\nJos\xe9,X,j@x.io\n";
    assert!(
        read(latin1, TODAY, 5, DEFAULT, &[], email_typos::suggestion).unwrap_err()[0]
            .message
            .contains("UTF-8")
    );
    assert!(
        errs("first_name,last_name,email\n\"Ana,Silva,a@x.io\n")[0]
            .message
            .contains("quote")
    );
}

proptest! {
    /// Any table of valid members survives writing as CSV (any separator,
    /// line ending, quoting) and reading back.
    #[test]
    fn written_tables_read_back(
        people in prop::collection::vec(("[A-Za-z][A-Za-z ,;'-]{0,12}[A-Za-z]", "[a-z]{1,8}"), 1..20),
        sep in prop::sample::select(vec![b',', b';', b'\t']),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let mut w = csv::WriterBuilder::new()
            .delimiter(sep)
            .terminator(if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(Vec::new());
        w.write_record(["First Name", "Last Name", "Email"]).unwrap();
        for (i, (name, user)) in people.iter().enumerate() {
            w.write_record([name.as_str(), "Doe", &format!("{user}{i}@example.com")]).unwrap();
        }
        let mut bytes = w.into_inner().unwrap();
        if bom {
            bytes.splice(0..0, *b"\xEF\xBB\xBF");
        }
        let rows = read(&bytes, TODAY, 5, DEFAULT, &[], email_typos::suggestion).unwrap();
        prop_assert_eq!(rows.len(), people.len());
        for (row, (name, _)) in rows.iter().zip(&people) {
            prop_assert_eq!(row.first_name.as_str(), name.trim());
        }
    }
}

#[test]
fn likely_typos_are_kept_on_their_rows_and_listed_with_other_problems() {
    let rows = ok("first_name,last_name,email\nAna,Silva,ana@gmial.com\nBo,Chen,bo@acme.com\n");
    assert_eq!(rows[0].suggestion.as_deref(), Some("ana@gmail.com"));
    assert_eq!(rows[1].suggestion, None);

    let problems = errs(
        "first_name,last_name,email\nAna,Silva,ana@gmial.com\n,Chen,bo@acme.com\nCy,Li,cy@outlok.com\n",
    );
    let lines: Vec<(u64, Option<&str>)> = problems
        .iter()
        .map(|p| (p.line, p.suggestion.as_deref()))
        .collect();
    assert_eq!(
        lines,
        [
            (2, Some("ana@gmail.com")),
            (3, None),
            (4, Some("cy@outlook.com"))
        ]
    );
    assert!(problems[0].message.contains("Did you mean ana@gmail.com?"));
    assert_eq!(problems[2].column, Some("email"));
}
