//! Intake fields: up to ten questions a team asks each member before the
//! upload (job title, office, pronouns…), as free text or a choice, required
//! or not; the values a member gives; and the file-name template of the
//! team's ZIP (`{last_name}_{first_name}_{job_title}`).

use super::FieldError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

pub const MAX_FIELDS: usize = 10;
pub const MAX_LABEL_CHARS: usize = 60;
pub const MAX_VALUE_CHARS: usize = 120;
pub const MAX_CHOICES: usize = 30;
const MAX_TEMPLATE_CHARS: usize = 200;
/// What a template may always name, besides the team's fields.
const BUILT_IN: [&str; 3] = ["first_name", "last_name", "id"];
/// Keys a field may not take: the member's own columns, and the pages'
/// form token.
const RESERVED: [&str; 7] = [
    "first_name",
    "last_name",
    "email",
    "id",
    "status",
    "due_date",
    "csrf",
];

/// Free text, or one of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    #[default]
    Text,
    Choice,
}

impl FieldKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Choice => "choice",
        }
    }
}

/// One question of the team's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct IntakeField {
    /// The name in the API, the CSV and the file-name template
    /// (`job_title`): lower-case letters, digits and `_`.
    pub key: String,
    /// What the member reads ("Job title").
    pub label: String,
    #[serde(default)]
    pub kind: FieldKind,
    /// For a choice: the answers offered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
    #[serde(default)]
    pub required: bool,
}

/// A field as a leader writes it: the key may be left out (made from the
/// label).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct FieldInput {
    pub label: String,
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub kind: FieldKind,
    #[serde(default)]
    pub choices: Vec<String>,
    #[serde(default)]
    pub required: bool,
}

/// `Job title` → `job_title`: lower-case ASCII letters and digits joined by
/// single `_`.
pub fn key_of(text: &str) -> String {
    let mut key = String::new();
    for c in text.trim().chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
        } else if !key.ends_with('_') {
            key.push('_');
        }
    }
    key.trim_matches('_').chars().take(40).collect()
}

fn plain(s: &str) -> bool {
    !s.chars().any(char::is_control)
}

/// The team's fields from what a leader wrote; every problem at once,
/// named `fields[i].label`, `fields[i].choices`…
pub fn parse_fields(input: &[FieldInput]) -> Result<Vec<IntakeField>, Vec<FieldError>> {
    let mut errors = Vec::new();
    if input.len() > MAX_FIELDS {
        errors.push(FieldError::new(
            "fields",
            format!("A team asks {MAX_FIELDS} questions at most; remove some."),
        ));
    }
    let mut fields: Vec<IntakeField> = Vec::new();
    for (i, f) in input.iter().enumerate() {
        let at = |what: &str| format!("fields[{i}].{what}");
        let label = f.label.trim().to_string();
        if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS || !plain(&label) {
            errors.push(FieldError::new(
                at("label"),
                format!("Give each question a name of 1 to {MAX_LABEL_CHARS} characters (\"Job title\")."),
            ));
            continue;
        }
        let key = key_of(f.key.as_deref().unwrap_or(&label));
        if key.is_empty() || !key.starts_with(|c: char| c.is_ascii_lowercase()) {
            errors.push(FieldError::new(
                at("key"),
                format!("\"{label}\" needs a key starting with a letter (like job_title)."),
            ));
            continue;
        }
        if RESERVED.contains(&key.as_str()) {
            errors.push(FieldError::new(
                at("key"),
                format!(
                    "\"{key}\" is the member's own detail already; name the question differently."
                ),
            ));
            continue;
        }
        if fields.iter().any(|o| o.key == key) {
            errors.push(FieldError::new(
                at("key"),
                format!("Two questions are both \"{key}\"; give each its own name."),
            ));
            continue;
        }
        let mut choices: Vec<String> = Vec::new();
        for c in f.choices.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
            if !choices.iter().any(|o| o.eq_ignore_ascii_case(c)) {
                choices.push(c.to_string());
            }
        }
        match f.kind {
            FieldKind::Choice
                if choices.len() < 2
                    || choices.len() > MAX_CHOICES
                    || choices
                        .iter()
                        .any(|c| c.chars().count() > MAX_VALUE_CHARS || !plain(c)) =>
            {
                errors.push(FieldError::new(
                    at("choices"),
                    format!("\"{label}\" offers 2 to {MAX_CHOICES} answers of up to {MAX_VALUE_CHARS} characters, one a line."),
                ));
                continue;
            }
            FieldKind::Text => choices.clear(),
            FieldKind::Choice => {}
        }
        fields.push(IntakeField {
            key,
            label,
            kind: f.kind,
            choices,
            required: f.required,
        });
    }
    if errors.is_empty() {
        Ok(fields)
    } else {
        Err(errors)
    }
}

/// A member's answers, checked against the team's fields: trimmed, empty
/// ones dropped, a choice written as offered. With `complete`, required
/// questions must be answered.
pub fn check_values(
    fields: &[IntakeField],
    values: &BTreeMap<String, String>,
    complete: bool,
) -> Result<BTreeMap<String, String>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut out = BTreeMap::new();
    for key in values.keys() {
        if !fields.iter().any(|f| &f.key == key) {
            let known: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
            errors.push(FieldError::new(
                format!("values.{key}"),
                format!(
                    "\"{key}\" is not one of the team's questions ({}).",
                    if known.is_empty() {
                        "it has none".to_string()
                    } else {
                        known.join(", ")
                    }
                ),
            ));
        }
    }
    for f in fields {
        let value = values.get(&f.key).map(|v| v.trim()).unwrap_or("");
        if value.is_empty() {
            if complete && f.required {
                errors.push(FieldError::new(
                    format!("values.{}", f.key),
                    format!("{}: please answer (the team needs it).", f.label),
                ));
            }
            continue;
        }
        let checked = match f.kind {
            FieldKind::Text if value.chars().count() <= MAX_VALUE_CHARS && plain(value) => {
                Some(value.to_string())
            }
            FieldKind::Text => None,
            FieldKind::Choice => f
                .choices
                .iter()
                .find(|c| c.eq_ignore_ascii_case(value))
                .cloned(),
        };
        match checked {
            Some(v) => {
                out.insert(f.key.clone(), v);
            }
            None if f.kind == FieldKind::Choice => errors.push(FieldError::new(
                format!("values.{}", f.key),
                format!("{}: choose one of {}.", f.label, f.choices.join(", ")),
            )),
            None => errors.push(FieldError::new(
                format!("values.{}", f.key),
                format!(
                    "{}: at most {MAX_VALUE_CHARS} characters on one line.",
                    f.label
                ),
            )),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The required questions not answered yet.
pub fn missing<'a>(
    fields: &'a [IntakeField],
    values: &BTreeMap<String, String>,
) -> Vec<&'a IntakeField> {
    fields
        .iter()
        .filter(|f| f.required && values.get(&f.key).is_none_or(|v| v.trim().is_empty()))
        .collect()
}

/// How the team's ZIP names each member's files, e.g.
/// `{last_name}_{first_name}_{job_title}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameTemplate(String);

impl NameTemplate {
    pub fn parse(text: &str, fields: &[IntakeField]) -> Result<Self, String> {
        let text = text.trim();
        let allowed = || {
            BUILT_IN
                .iter()
                .map(|k| format!("{{{k}}}"))
                .chain(fields.iter().map(|f| format!("{{{}}}", f.key)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if text.chars().count() > MAX_TEMPLATE_CHARS || !plain(text) {
            return Err(format!(
                "A file-name template is one line of {MAX_TEMPLATE_CHARS} characters at most."
            ));
        }
        let mut names = 0;
        let mut rest = text;
        while let Some(open) = rest.find(['{', '}']) {
            if rest[open..].starts_with('}') {
                return Err(format!("\"}}\" without its \"{{\": use {}.", allowed()));
            }
            let Some(len) = rest[open + 1..].find('}') else {
                return Err(format!("\"{{\" without its \"}}\": use {}.", allowed()));
            };
            let name = &rest[open + 1..open + 1 + len];
            if !BUILT_IN.contains(&name) && !fields.iter().any(|f| f.key == name) {
                return Err(format!(
                    "{{{name}}} is not something a file can be named by: use {}.",
                    allowed()
                ));
            }
            names += 1;
            rest = &rest[open + 2 + len..];
        }
        if names == 0 {
            return Err(format!("Name the files by at least one of {}.", allowed()));
        }
        Ok(Self(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name for one member (not yet made safe for a file system): an
    /// unanswered question leaves its place empty.
    pub fn render(
        &self,
        first: &str,
        last: &str,
        id: &str,
        values: &BTreeMap<String, String>,
    ) -> String {
        let mut out = String::new();
        let mut rest = self.0.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let len = rest[open + 1..].find('}').unwrap_or(0);
            let name = &rest[open + 1..open + 1 + len];
            out.push_str(match name {
                "first_name" => first,
                "last_name" => last,
                "id" => &id[id.len().saturating_sub(8)..],
                key => values.get(key).map_or("", String::as_str),
            });
            rest = &rest[open + 2 + len..];
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
#[path = "intake_tests.rs"]
mod tests;
