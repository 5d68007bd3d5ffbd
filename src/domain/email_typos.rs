//! Likely typos of the mail domains most people use (`gmial.com`,
//! `outlok.com`, `yahoo.con`): an invitation to one is held back with the
//! address probably meant, unless the leader confirms it as typed.

use super::Email;

/// Widely used mailbox providers. A company's own domain is never "near"
/// one of these in a way that matters: the leader confirms it once.
const COMMON: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.co.uk",
    "yahoo.fr",
    "yahoo.de",
    "hotmail.com",
    "hotmail.co.uk",
    "hotmail.fr",
    "outlook.com",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "protonmail.com",
    "proton.me",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "t-online.de",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "comcast.net",
    "verizon.net",
    "att.net",
    "mail.com",
    "zoho.com",
    "yandex.com",
];

/// The address probably meant when `email`'s domain is a near miss of a
/// common mail domain (one edit away, two for longer names; a swap of two
/// neighbouring letters is one edit) and not itself one of them.
pub fn suggestion(email: &Email) -> Option<String> {
    let (local, domain) = email.as_str().rsplit_once('@')?;
    if COMMON.contains(&domain) {
        return None;
    }
    let allowed = if domain.len() >= 9 { 2 } else { 1 };
    COMMON
        .iter()
        .map(|c| (strsim::osa_distance(domain, c), *c))
        .filter(|(d, _)| *d <= allowed)
        .min()
        .map(|(_, c)| format!("{local}@{c}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meant(address: &str) -> Option<String> {
        suggestion(&Email::parse(address).unwrap())
    }

    #[test]
    fn common_slips_are_caught_with_the_address_meant() {
        for (typed, expected) in [
            ("ana@gmial.com", "ana@gmail.com"),
            ("ana@gmail.con", "ana@gmail.com"),
            ("ana@gmai.com", "ana@gmail.com"),
            ("bo@outlok.com", "bo@outlook.com"),
            ("bo@hotmial.com", "bo@hotmail.com"),
            ("cy@yaho.com", "cy@yahoo.com"),
            ("cy@yahoo.cm", "cy@yahoo.com"),
            ("di@icloud.co", "di@icloud.com"),
        ] {
            assert_eq!(meant(typed).as_deref(), Some(expected), "{typed}");
        }
    }

    #[test]
    fn real_domains_and_company_domains_pass() {
        for ok in [
            "ana@gmail.com",
            "ana@gmx.de",
            "ana@me.com",
            "ana@acme.com",
            "ana@acme.test",
            "ana@example.com",
            "ana@globex.co.uk",
            "ana@mailchimp.com",
        ] {
            assert_eq!(meant(ok), None, "{ok}");
        }
    }
}
