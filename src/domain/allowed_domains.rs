//! The address domains an open invite link accepts: `acme.com` lets in
//! `ana@acme.com`, not `ana@mail.acme.com` nor `ana@acme.com.evil.io`
//! (a company that uses subdomains lists them).

use super::Email;

/// At most this many domains on one link.
pub const MAX_DOMAINS: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedDomains(Vec<String>);

impl AllowedDomains {
    /// Accepts domains as typed (`acme.com`, `@acme.com`, `ACME.com`),
    /// separated by commas, spaces or new lines; duplicates are dropped.
    pub fn parse<'a>(inputs: impl IntoIterator<Item = &'a str>) -> Result<Self, String> {
        let mut out: Vec<String> = Vec::new();
        for raw in inputs
            .into_iter()
            .flat_map(|s| s.split(|c: char| c == ',' || c == ';' || c.is_whitespace()))
        {
            let d = raw.trim().trim_start_matches('@').to_lowercase();
            if d.is_empty() {
                continue;
            }
            // A domain is valid here when an address at it is.
            if Email::parse(&format!("x@{d}")).is_err() {
                return Err(format!(
                    "\"{raw}\" is not a mail domain: write it as it appears after the @, for example acme.com."
                ));
            }
            if !out.contains(&d) {
                out.push(d);
            }
        }
        if out.is_empty() {
            return Err(
                "Name at least one mail domain (acme.com): only addresses there may join.".into(),
            );
        }
        if out.len() > MAX_DOMAINS {
            return Err(format!(
                "A link takes at most {MAX_DOMAINS} domains: make a second link for the others."
            ));
        }
        Ok(Self(out))
    }

    /// As stored: the domains separated by single spaces.
    pub fn from_stored(s: &str) -> Self {
        Self(s.split_whitespace().map(str::to_string).collect())
    }

    pub fn stored(&self) -> String {
        self.0.join(" ")
    }

    pub fn list(&self) -> &[String] {
        &self.0
    }

    /// Whether `email` is at one of the domains, exactly.
    pub fn admits(&self, email: &Email) -> bool {
        let domain = super::email_typos::domain_of(email);
        self.0.iter().any(|d| d == domain)
    }

    /// "acme.com" or "acme.com, acme.de or acme.fr", for messages.
    pub fn spoken(&self) -> String {
        match self.0.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} or {last}", init.join(", ")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(s: &str) -> Email {
        Email::parse(s).unwrap()
    }

    #[test]
    fn parses_what_people_type() {
        let d = AllowedDomains::parse(["@ACME.com, acme.de", "acme.com\nacme.fr "]).unwrap();
        assert_eq!(d.list(), ["acme.com", "acme.de", "acme.fr"]);
        assert_eq!(d.stored(), "acme.com acme.de acme.fr");
        assert_eq!(AllowedDomains::from_stored(&d.stored()), d);
        assert_eq!(d.spoken(), "acme.com, acme.de or acme.fr");
    }

    #[test]
    fn refuses_nothing_and_nonsense() {
        assert!(
            AllowedDomains::parse([" , "])
                .unwrap_err()
                .contains("at least one")
        );
        assert!(
            AllowedDomains::parse(["acme"])
                .unwrap_err()
                .contains("\"acme\"")
        );
        assert!(AllowedDomains::parse(["ana@acme.com"]).is_err());
        let many: Vec<String> = (0..=MAX_DOMAINS).map(|i| format!("d{i}.com")).collect();
        assert!(AllowedDomains::parse(many.iter().map(String::as_str)).is_err());
    }

    #[test]
    fn admits_only_the_exact_domain() {
        let d = AllowedDomains::parse(["acme.com"]).unwrap();
        assert!(d.admits(&email("Ana@Acme.com")));
        assert!(!d.admits(&email("ana@mail.acme.com")));
        assert!(!d.admits(&email("ana@acme.com.evil.io")));
        assert!(!d.admits(&email("ana@notacme.com")));
    }
}
