//! The studio's *Get started* page: whether it is open, and which email
//! domains may not sign up on their own (throwaway mail services, and the
//! studio's own block-list).

use super::FieldError;
use super::email::Email;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::LazyLock;
use utoipa::ToSchema;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SelfService {
    /// The public *Get started* page is open (off by default: teams are
    /// created by the studio).
    #[serde(default)]
    pub enabled: bool,
    /// Domains refused besides the throwaway mail services (`example.com`;
    /// their subdomains too).
    #[serde(default)]
    pub blocked_domains: Vec<String>,
}

/// Domains of throwaway mail services (`data/disposable_domains.txt`).
static DISPOSABLE: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/disposable_domains.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Most block-list entries a studio keeps.
const MAX_BLOCKED: usize = 1000;

impl SelfService {
    /// Lower-cases and de-duplicates the block-list; adds every problem to
    /// `errors`.
    pub fn check(&mut self, errors: &mut Vec<FieldError>) {
        let mut seen = HashSet::new();
        let mut kept = Vec::new();
        for d in &self.blocked_domains {
            let d = d.trim().trim_start_matches('@').to_lowercase();
            if d.is_empty() || !seen.insert(d.clone()) {
                continue;
            }
            let valid = d.len() <= 253
                && d.contains('.')
                && d.split('.').all(|label| {
                    !label.is_empty()
                        && label.len() <= 63
                        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                });
            if !valid {
                errors.push(FieldError::new(
                    "self_service.blocked_domains",
                    format!("\"{d}\" is not a domain: write one per line, like example.com."),
                ));
            }
            kept.push(d);
        }
        if kept.len() > MAX_BLOCKED {
            errors.push(FieldError::new(
                "self_service.blocked_domains",
                format!("Block at most {MAX_BLOCKED} domains."),
            ));
        }
        self.blocked_domains = kept;
    }

    /// Why an address may not sign up on its own, if it may not.
    pub fn refusal(&self, email: &Email) -> Option<&'static str> {
        let domain = email.as_str().rsplit('@').next().unwrap_or_default();
        // The domain and each parent: `a.mailinator.com` is Mailinator's.
        let mut suffixes = std::iter::successors(Some(domain), |d| d.split_once('.').map(|x| x.1))
            .filter(|d| d.contains('.'));
        let blocked: HashSet<&str> = self.blocked_domains.iter().map(String::as_str).collect();
        suffixes.find_map(|d| {
            if blocked.contains(d) {
                Some("This studio does not open accounts for this email domain on this page; please contact the studio.")
            } else if DISPOSABLE.contains(d) {
                Some("Use your work email address: addresses of throwaway mail services cannot open an account.")
            } else {
                None
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(s: &str) -> Email {
        Email::parse(s).unwrap()
    }

    #[test]
    fn throwaway_and_blocked_domains_are_refused_with_their_subdomains() {
        let mut s = SelfService {
            enabled: true,
            blocked_domains: vec![" Rival.EXAMPLE ".into(), "@rival.example".into()],
        };
        let mut errors = Vec::new();
        s.check(&mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(s.blocked_domains, ["rival.example"]);
        assert!(s.refusal(&email("ann@mailinator.com")).is_some());
        assert!(s.refusal(&email("ann@x.mailinator.com")).is_some());
        assert!(s.refusal(&email("bob@rival.example")).is_some());
        assert!(s.refusal(&email("bob@eu.rival.example")).is_some());
        assert_eq!(s.refusal(&email("ann@acme.example")), None);
        assert_eq!(s.refusal(&email("ann@gmail.com")), None);
        // "com" alone is never a blocked domain.
        assert!(DISPOSABLE.len() > 1000);
    }

    #[test]
    fn a_block_list_entry_that_is_not_a_domain_is_named() {
        let mut s = SelfService {
            enabled: true,
            blocked_domains: vec!["not a domain".into(), "ok.example".into()],
        };
        let mut errors = Vec::new();
        s.check(&mut errors);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("not a domain"), "{errors:?}");
    }
}
