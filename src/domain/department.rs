//! A department's name and allowance, checked before they are stored.

/// A department's name: trimmed, 1–60 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentName(String);

impl DepartmentName {
    pub const MAX_CHARS: usize = 60;

    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim();
        if s.is_empty() {
            return Err("Enter the department's name, e.g. Marketing.".into());
        }
        if s.chars().count() > Self::MAX_CHARS {
            return Err(format!(
                "The name is too long ({} characters at most).",
                Self::MAX_CHARS
            ));
        }
        if s.chars().any(char::is_control) {
            return Err("The name contains invisible control characters; retype it.".into());
        }
        Ok(Self(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What two names are compared by: "Sales" and "sales " are one.
    pub fn key(&self) -> String {
        key_of(&self.0)
    }
}

/// The comparison key of a typed name (a CSV cell, a form field).
pub fn key_of(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The most an allowance may be: far above any real department, low enough
/// that sums stay exact.
pub const MAX_ALLOWANCE: i64 = 1_000_000;

/// An allowance as typed: empty is "no limit", else a whole number of
/// credits from 0 to `MAX_ALLOWANCE`.
pub fn parse_allowance(input: &str) -> Result<Option<i64>, String> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<i64>() {
        Ok(n) if (0..=MAX_ALLOWANCE).contains(&n) => Ok(Some(n)),
        _ => Err(format!(
            "Enter a whole number of credits from 0 to {MAX_ALLOWANCE}, or leave it empty for no limit."
        )),
    }
}

/// Checks an allowance given as a number (the API).
pub fn check_allowance(n: Option<i64>) -> Result<Option<i64>, String> {
    match n {
        Some(n) => parse_allowance(&n.to_string()),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_compared_without_case() {
        let n = DepartmentName::parse("  Sales ").unwrap();
        assert_eq!(n.as_str(), "Sales");
        assert_eq!(n.key(), key_of("SALES"));
        assert!(DepartmentName::parse(" ").is_err());
        assert!(DepartmentName::parse(&"x".repeat(61)).is_err());
        assert!(DepartmentName::parse("a\u{7}b").is_err());
        assert!(DepartmentName::parse(&"é".repeat(60)).is_ok());
    }

    #[test]
    fn allowances_are_empty_or_whole_numbers_in_range() {
        assert_eq!(parse_allowance(""), Ok(None));
        assert_eq!(parse_allowance(" 12 "), Ok(Some(12)));
        assert_eq!(parse_allowance("0"), Ok(Some(0)));
        for bad in ["-1", "1.5", "ten", "1000001"] {
            assert!(parse_allowance(bad).is_err(), "{bad}");
        }
        assert_eq!(check_allowance(Some(5)), Ok(Some(5)));
        assert!(check_allowance(Some(-5)).is_err());
    }
}
