//! A member's first or last name; the name on an account.

use super::FieldError;

/// The name on an account (a leader, a staff member, the first admin):
/// trimmed, 1 to 120 characters. `whose` says whose in the message ("the
/// leader's", "your"); a problem is added to `errors`.
pub fn account_name(raw: &str, field: &str, whose: &str, errors: &mut Vec<FieldError>) -> String {
    let name = raw.trim().to_string();
    if name.is_empty() || name.chars().count() > 120 {
        errors.push(FieldError::new(
            field,
            format!("Enter {whose} name (at most 120 characters)."),
        ));
    }
    name
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_CHARS: usize = 100;

    /// Trims; refuses empty names, control characters and names over 100
    /// characters. `what` names the field in messages ("first name").
    pub fn parse(input: &str, what: &str) -> Result<Self, String> {
        let s = input.trim();
        if s.is_empty() {
            return Err(format!("Enter the member's {what}."));
        }
        if s.chars().count() > Self::MAX_CHARS {
            return Err(format!(
                "The {what} is too long ({} characters at most).",
                Self::MAX_CHARS
            ));
        }
        if s.chars().any(char::is_control) {
            return Err(format!(
                "The {what} contains invisible control characters; retype it."
            ));
        }
        Ok(Self(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_refuses_bad_names() {
        assert_eq!(
            PersonName::parse("  Ana ", "first name").unwrap().as_str(),
            "Ana"
        );
        assert!(
            PersonName::parse("   ", "first name")
                .unwrap_err()
                .contains("first name")
        );
        assert!(PersonName::parse(&"x".repeat(101), "last name").is_err());
        assert!(PersonName::parse("a\u{7}b", "last name").is_err());
        assert!(PersonName::parse("Zoë O'Brien-Łukasz", "last name").is_ok());
    }
}
