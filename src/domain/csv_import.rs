//! Reading a team's member list from a CSV file as real spreadsheets write
//! it: UTF-8 with or without BOM, CRLF or LF, `,` `;` or tab separators,
//! quoted fields, blank lines, header names in any case or spelling.
//! Every problem is reported with its line and column; nothing is partial.

use super::{DueDate, Email, PersonName};
use jiff::civil::Date;
use std::collections::HashMap;

/// The most rows one file may hold.
pub const MAX_ROWS: usize = 20_000;

/// The downloadable template.
pub const TEMPLATE: &str =
    "first_name,last_name,email,due_date\r\nAna,Silva,ana.silva@example.com,\r\n";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub line: u64,
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub email: Email,
    pub due_date: DueDate,
    /// How many headshots this line asks for (the `headshots` column; 1
    /// when absent). A person may also appear on several lines: each line
    /// is its own headshot(s), and the preview says who gets several.
    pub headshots: u32,
    /// The address probably meant, when `email` looks like a typo of a
    /// common mail domain the team has not confirmed.
    pub suggestion: Option<String>,
    /// Answers to the team's questions, from columns named after them
    /// (`job_title`, or the question's label "Job title").
    pub answers: std::collections::BTreeMap<String, String>,
    /// The `department` column's cell, as typed (empty: none); the caller
    /// matches it against the team's departments.
    pub department: String,
}

/// The most headshots one line may ask for.
pub const MAX_HEADSHOTS_PER_LINE: u32 = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    pub line: u64,
    /// The column's name in the template, when the problem is one cell.
    pub column: Option<&'static str>,
    pub message: String,
    /// The value probably meant, when the problem is a likely typo.
    pub suggestion: Option<String>,
}

fn problem(line: u64, column: Option<&'static str>, message: impl Into<String>) -> LineProblem {
    LineProblem {
        line,
        column,
        message: message.into(),
        suggestion: None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    First,
    Last,
    Email,
    Due,
    Headshots,
    Department,
}

impl Column {
    fn name(self) -> &'static str {
        match self {
            Self::First => "first_name",
            Self::Last => "last_name",
            Self::Email => "email",
            Self::Due => "due_date",
            Self::Headshots => "headshots",
            Self::Department => "department",
        }
    }

    /// "First Name", "first_name", "FIRSTNAME", "E-mail address"… all match.
    fn recognise(header: &str) -> Option<Self> {
        let key: String = header
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        match key.as_str() {
            "firstname" | "first" | "givenname" | "forename" => Some(Self::First),
            "lastname" | "last" | "surname" | "familyname" => Some(Self::Last),
            "email" | "emailaddress" | "mail" => Some(Self::Email),
            "duedate" | "due" | "deadline" => Some(Self::Due),
            "headshots" | "headshotcount" | "numberofheadshots" => Some(Self::Headshots),
            "department" | "dept" | "departmentname" => Some(Self::Department),
            _ => None,
        }
    }
}

/// The separator used in the header line (outside quotes).
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in header.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if *d == c {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map(|(d, _)| *d)
        .unwrap_or(b',')
}

/// The line of a quote that is opened and never closed (doubled quotes
/// inside a quoted cell are escapes and stay balanced).
fn unclosed_quote(text: &str) -> Option<u64> {
    let mut line = 1;
    let mut opened_at = None;
    for c in text.chars() {
        match c {
            '"' => {
                opened_at = if opened_at.is_some() {
                    None
                } else {
                    Some(line)
                }
            }
            '\n' => line += 1,
            _ => {}
        }
    }
    opened_at
}

/// Line numbers for the records' byte offsets. The reader reports the offset
/// where it began a record, before any line breaks and blank lines it
/// skipped; offsets only grow, so counting resumes where it stopped (linear
/// in the file, whatever its length).
struct Lines<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    fn at(&mut self, offset: u64) -> u64 {
        let mut start = (offset as usize).min(self.bytes.len());
        while start < self.bytes.len() && matches!(self.bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start >= self.pos {
            self.line += self.bytes[self.pos..start]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            self.pos = start;
        }
        self.line
    }
}

/// Reads and validates the whole file. `default_due` applies to rows that
/// leave the due date empty; every due date is at least `min_days` after
/// `today`. `typo_of` gives the address probably meant for a likely typo;
/// when the file has other problems, those lines are listed with them, so
/// one pass fixes everything.
pub fn read(
    bytes: &[u8],
    today: Date,
    min_days: i64,
    default_due: Date,
    questions: &[super::intake::IntakeField],
    typo_of: impl Fn(&Email) -> Option<String>,
) -> Result<Vec<ImportRow>, Vec<LineProblem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| {
        vec![problem(1, None, "The file is not UTF-8 text. In Excel choose Save As → \"CSV UTF-8\"; in Numbers or Google Sheets export as CSV.")]
    })?;
    if let Some(line) = unclosed_quote(text) {
        return Err(vec![problem(
            line,
            None,
            "This line opens a quote (\") that is never closed: fix the quotes, then upload again.",
        )]);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());

    let mut lines = Lines::new(text);
    let mut problems = Vec::new();
    let mut columns: Option<HashMap<Column, usize>> = None;
    // The columns holding answers: (question's key, column).
    let mut answer_columns: Vec<(String, usize)> = Vec::new();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| lines.at(p.byte())).unwrap_or(0);
                problems.push(problem(
                    line,
                    None,
                    "This line cannot be read: check for an unclosed quote (\").",
                ));
                break;
            }
        };
        // The reader's own line count drifts after blank lines; its byte
        // offsets do not, so lines are counted from those.
        let line = record.position().map(|p| lines.at(p.byte())).unwrap_or(0);
        if record.iter().all(str::is_empty) {
            continue; // blank line, or only separators
        }
        if record.iter().any(|c| c.contains(['\n', '\r'])) {
            problems.push(problem(
                line,
                None,
                "This line has a quote (\") that is never closed, or a line break inside a cell: fix the quotes.",
            ));
            break;
        }
        let Some(cols) = &columns else {
            let mut found = HashMap::new();
            for (i, h) in record.iter().enumerate() {
                let column = Column::recognise(h);
                if let Some(c) = column {
                    found.entry(c).or_insert(i);
                }
                // A question may be named like the department column: the
                // cell then answers it too.
                if column.is_none_or(|c| c == Column::Department)
                    && let Some(q) = questions.iter().find(|q| {
                        let named = super::intake::key_of(h);
                        named == q.key || named == super::intake::key_of(&q.label)
                    })
                    && !answer_columns.iter().any(|(k, _)| k == &q.key)
                {
                    answer_columns.push((q.key.clone(), i));
                }
            }
            let missing: Vec<&str> = [Column::First, Column::Last, Column::Email]
                .into_iter()
                .filter(|c| !found.contains_key(c))
                .map(Column::name)
                .collect();
            if !missing.is_empty() {
                return Err(vec![problem(
                    line,
                    None,
                    format!(
                        "The first line must name the columns; missing: {}. Start from the template (first_name, last_name, email, due_date).",
                        missing.join(", ")
                    ),
                )]);
            }
            columns = Some(found);
            continue;
        };
        if rows.len() + problems.len() >= MAX_ROWS {
            problems.push(problem(
                line,
                None,
                format!("A file may hold at most {MAX_ROWS} members; split it."),
            ));
            break;
        }
        let cell = |c: Column| cols.get(&c).and_then(|i| record.get(*i)).unwrap_or("");
        let first = PersonName::parse(cell(Column::First), "first name");
        let last = PersonName::parse(cell(Column::Last), "last name");
        let email = Email::parse(cell(Column::Email));
        let due = match cell(Column::Due) {
            "" => DueDate::new(default_due, today, min_days),
            text => DueDate::parse(text, today, min_days),
        };
        let count = match cell(Column::Headshots) {
            "" => Ok(1),
            text => text
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=MAX_HEADSHOTS_PER_LINE).contains(n))
                .ok_or_else(|| {
                    format!(
                        "\"{text}\" is not a number of headshots: write how many this person needs, from 1 to {MAX_HEADSHOTS_PER_LINE} (or leave it empty for one)."
                    )
                }),
        };
        let typed: std::collections::BTreeMap<String, String> = answer_columns
            .iter()
            .map(|(k, i)| (k.clone(), record.get(*i).unwrap_or("").to_string()))
            .collect();
        let answers = super::intake::check_values(questions, &typed, false);
        let before = problems.len();
        if let Err(errors) = &answers {
            problems.extend(
                errors
                    .iter()
                    .map(|e| problem(line, None, e.message.clone())),
            );
        }
        for (column, r) in [
            (Column::First, first.as_ref().err()),
            (Column::Last, last.as_ref().err()),
            (Column::Email, email.as_ref().err()),
            (Column::Due, due.as_ref().err()),
            (Column::Headshots, count.as_ref().err()),
        ] {
            if let Some(message) = r {
                problems.push(problem(line, Some(column.name()), message.clone()));
            }
        }
        if problems.len() > before {
            continue;
        }
        let (first, last, email, due, headshots) = (
            first.unwrap(),
            last.unwrap(),
            email.unwrap(),
            due.unwrap(),
            count.unwrap(),
        );
        let suggestion = typo_of(&email);
        rows.push(ImportRow {
            line,
            first_name: first,
            last_name: last,
            email,
            due_date: due,
            headshots,
            suggestion,
            answers: answers.unwrap_or_default(),
            department: cell(Column::Department).to_string(),
        });
    }
    if columns.is_none() {
        return Err(vec![problem(
            1,
            None,
            "The file is empty: fill in the template with one member per line.",
        )]);
    }
    if !problems.is_empty() {
        problems.extend(rows.iter().filter_map(|r| {
            let meant = r.suggestion.as_ref()?;
            Some(LineProblem {
                suggestion: Some(meant.clone()),
                ..problem(
                    r.line,
                    Some(Column::Email.name()),
                    super::email_typos::line_message(meant),
                )
            })
        }));
        problems.sort_by_key(|p| p.line);
        return Err(problems);
    }
    let headshots: u64 = rows.iter().map(|r| u64::from(r.headshots)).sum();
    if headshots > MAX_ROWS as u64 {
        return Err(vec![problem(
            1,
            Some(Column::Headshots.name()),
            format!(
                "The file asks for {headshots} headshots; one file may create at most {MAX_ROWS}: split it."
            ),
        )]);
    }
    if rows.is_empty() {
        return Err(vec![problem(
            2,
            None,
            "The file has a header line but no members.",
        )]);
    }
    Ok(rows)
}

#[cfg(test)]
#[path = "csv_import_tests.rs"]
mod tests;
