//! A syntactically valid email address, normalised to lower case.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain.tld` with no spaces, one `@`, a dotted domain and
    /// at most 254 characters; trims surrounding space and lower-cases.
    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim().to_lowercase();
        if s.is_empty() {
            return Err("Enter an email address.".into());
        }
        if s.len() > 254 {
            return Err("This email address is too long (254 characters at most).".into());
        }
        let Some((local, domain)) = s.split_once('@') else {
            return Err(format!("\"{s}\" is not an email address: it has no @."));
        };
        let bad = |c: char| c.is_whitespace() || c.is_control() || "<>()[],;:\\\"@".contains(c);
        if local.is_empty() || local.len() > 64 || local.chars().any(bad) {
            return Err(format!(
                "\"{s}\" is not a valid email address: check the part before the @."
            ));
        }
        let labels: Vec<&str> = domain.split('.').collect();
        let label_ok = |l: &&str| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        };
        if labels.len() < 2 || !labels.iter().all(label_ok) {
            return Err(format!(
                "\"{s}\" is not a valid email address: check the part after the @ (for example name@company.com)."
            ));
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For logs: `j***@example.com`. No personal data in logs.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }
}

/// Mask any address-like string for logging.
pub fn mask(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => {
            let first = local.chars().next().unwrap_or('*');
            format!("{first}***@{domain}")
        }
        None => "***".into(),
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_ordinary_addresses_and_normalises() {
        assert_eq!(
            Email::parse("  Jane.Doe+hs@Example.COM ").unwrap().as_str(),
            "jane.doe+hs@example.com"
        );
        assert!(Email::parse("a@b.co").is_ok());
    }

    #[test]
    fn refuses_with_a_reason() {
        for bad in [
            "",
            "jane",
            "jane@",
            "@example.com",
            "jane@example",
            "jane doe@example.com",
            "jane@@example.com",
            "jane@exa mple.com",
            "jane@-example.com",
            "jane@example..com",
        ] {
            let err = Email::parse(bad).unwrap_err();
            assert!(!err.is_empty(), "{bad}");
        }
    }

    #[test]
    fn masks_for_logs() {
        assert_eq!(Email::parse("jane@x.io").unwrap().masked(), "j***@x.io");
    }

    proptest! {
        #[test]
        fn generated_valid_addresses_parse(local in "[a-z0-9._%+-]{1,20}", dom in "[a-z0-9]{1,10}", tld in "[a-z]{2,6}") {
            let s = format!("{local}@{dom}.{tld}");
            let parsed = Email::parse(&s).unwrap();
            prop_assert_eq!(parsed.as_str(), s.as_str());
        }

        #[test]
        fn parse_never_panics_and_output_has_one_at(s in ".{0,80}") {
            if let Ok(e) = Email::parse(&s) {
                prop_assert_eq!(e.as_str().matches('@').count(), 1);
                prop_assert!(!e.as_str().contains(char::is_whitespace));
            }
        }
    }
}
