//! Likely typos of the mail domains most people use (`gmial.com`,
//! `outlok.com`, `gmail.con`): an invitation to one is held back with the
//! address probably meant, unless the leader confirms it as typed.
//!
//! A domain is read as its first label (the provider's name) and the rest
//! (its ending). Only two kinds of slip are caught, because a false alarm
//! on a real domain costs a leader more than a missed typo (which bounces
//! and is then marked): a provider's exact name with a mistyped ending
//! (`gmail.con`), and a name one slip from a provider's (two for long
//! names), starting with the same letter, with one of that provider's
//! endings (`gmial.com`, `hotmial.co.uk`). Short provider names (`me`,
//! `aol`, `gmx`) are never matched approximately: too many real company
//! domains lie one letter away (`ge.com`, `aon.com`, `ms.com`).

use super::Email;

/// Mailbox providers by name, each with the endings it really uses.
const PROVIDERS: &[(&str, &[&str])] = &[
    ("gmail", &["com"]),
    ("googlemail", &["com"]),
    (
        "yahoo",
        &[
            "com", "co.uk", "fr", "de", "es", "it", "ca", "co.jp", "co.in", "com.au", "com.br",
            "com.mx", "ie", "nl", "se",
        ],
    ),
    ("ymail", &["com"]),
    (
        "hotmail",
        &[
            "com", "co.uk", "fr", "de", "es", "it", "nl", "be", "ca", "com.au", "com.br",
        ],
    ),
    (
        "outlook",
        &["com", "fr", "de", "es", "it", "co.uk", "com.au", "jp"],
    ),
    ("live", &["com", "co.uk", "fr", "de", "nl", "ca"]),
    ("msn", &["com"]),
    ("icloud", &["com"]),
    ("me", &["com"]),
    ("mac", &["com"]),
    ("aol", &["com", "co.uk", "fr", "de"]),
    ("protonmail", &["com", "ch"]),
    ("proton", &["me"]),
    ("gmx", &["com", "de", "net", "at", "ch", "fr"]),
    ("web", &["de"]),
    ("t-online", &["de"]),
    ("orange", &["fr"]),
    ("free", &["fr"]),
    ("laposte", &["net"]),
    ("wanadoo", &["fr"]),
    ("comcast", &["net"]),
    ("verizon", &["net"]),
    ("att", &["net"]),
    ("zoho", &["com"]),
    ("yandex", &["com", "ru"]),
    ("mail", &["com", "ru"]),
    ("fastmail", &["com", "fm"]),
];

/// Endings typed for `com` or `net` by a slipped finger.
const ENDING_SLIPS: &[(&str, &str)] = &[
    ("con", "com"),
    ("cm", "com"),
    ("om", "com"),
    ("co", "com"),
    ("cpm", "com"),
    ("vom", "com"),
    ("xom", "com"),
    ("ocm", "com"),
    ("cmo", "com"),
    ("cim", "com"),
    ("comm", "com"),
    ("coom", "com"),
    ("ccom", "com"),
    ("c0m", "com"),
    ("nte", "net"),
    ("nt", "net"),
    ("ne", "net"),
    ("met", "net"),
    ("bet", "net"),
    ("nett", "net"),
    ("co.k", "co.uk"),
    ("co.u", "co.uk"),
    ("co.ukk", "co.uk"),
];

/// The ending a provider uses for `typed`: the same one, or the one a known
/// slip stands for.
fn ending_for(typed: &str, endings: &'static [&'static str]) -> Option<&'static str> {
    if let Some(e) = endings.iter().find(|e| **e == typed) {
        return Some(e);
    }
    ENDING_SLIPS
        .iter()
        .find(|(slip, meant)| *slip == typed && endings.contains(meant))
        .map(|(_, meant)| *meant)
}

/// The domain probably meant when `domain` is a likely typo of a common
/// mail domain, or `None` when it is one, or not near one.
pub fn domain_meant(domain: &str) -> Option<String> {
    let (name, ending) = domain.split_once('.')?;
    if let Some((_, endings)) = PROVIDERS.iter().find(|(n, _)| *n == name) {
        if endings.contains(&ending) {
            return None;
        }
        // `gmail.net`, `hotmail.org`: no such mailboxes at these
        // providers (short names are left alone: `me.net` may be a
        // company's).
        if name.len() >= 5 && matches!(ending, "net" | "org") && endings.contains(&"com") {
            return Some(format!("{name}.com"));
        }
        return ending_for(ending, endings)
            .filter(|fixed| *fixed != ending)
            .map(|fixed| format!("{name}.{fixed}"));
    }
    let first = name.chars().next()?;
    PROVIDERS
        .iter()
        .filter(|(n, _)| n.len() >= 5 && n.starts_with(first))
        .filter_map(|(n, endings)| {
            let allowed = if n.len() >= 8 { 2 } else { 1 };
            let distance = strsim::osa_distance(name, n);
            let fixed = ending_for(ending, endings)?;
            (distance <= allowed).then_some((distance, format!("{n}.{fixed}")))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, meant)| meant)
}

/// The address probably meant when `email`'s domain is a likely typo.
pub fn suggestion(email: &Email) -> Option<String> {
    let (local, domain) = email.as_str().rsplit_once('@')?;
    domain_meant(domain).map(|d| format!("{local}@{d}"))
}

/// Whether `offered` (the address on a *Use …* button) is the one
/// suggested for `typed`: a button left from an earlier attempt never
/// overwrites an address typed since.
pub fn is_offer_for(typed: &str, offered: &str) -> bool {
    Email::parse(typed)
        .ok()
        .and_then(|e| suggestion(&e))
        .is_some_and(|meant| meant == offered)
}

/// What a leader reads about a likely typo in a form or an API call.
pub fn field_message(typed: &Email, meant: &str) -> String {
    format!("Did you mean {meant}? Correct the address, or confirm that {typed} is right as typed.")
}

/// What a leader reads about a likely typo on a line of a member list.
pub fn line_message(meant: &str) -> String {
    format!(
        "Did you mean {meant}? Correct the file, or confirm that the addresses are right as typed."
    )
}

/// The domain of an address, as the team confirms it once.
pub fn domain_of(email: &Email) -> &str {
    email
        .as_str()
        .rsplit_once('@')
        .map(|(_, d)| d)
        .unwrap_or_default()
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
            ("ana@gmaill.com", "ana@gmail.com"),
            ("ana@gmal.con", "ana@gmail.com"),
            ("bo@outlok.com", "bo@outlook.com"),
            ("bo@outlook.cm", "bo@outlook.com"),
            ("bo@hotmial.com", "bo@hotmail.com"),
            ("bo@hotmial.co.uk", "bo@hotmail.co.uk"),
            ("bo@hotmail.co.k", "bo@hotmail.co.uk"),
            ("cy@yaho.com", "cy@yahoo.com"),
            ("cy@yahoo.cm", "cy@yahoo.com"),
            ("cy@yahooo.fr", "cy@yahoo.fr"),
            ("di@icloud.co", "di@icloud.com"),
            ("di@iclod.com", "di@icloud.com"),
            ("ed@googlemial.com", "ed@googlemail.com"),
            ("ed@protonmial.ch", "ed@protonmail.ch"),
            ("fi@comcast.nte", "fi@comcast.net"),
            ("fi@me.con", "fi@me.com"),
            ("gi@gmail.net", "gi@gmail.com"),
            ("gi@hotmail.org", "gi@hotmail.com"),
            ("gi@icloud.net", "gi@icloud.com"),
        ] {
            assert_eq!(meant(typed).as_deref(), Some(expected), "{typed}");
        }
    }

    #[test]
    fn providers_real_domains_and_company_domains_pass() {
        for ok in [
            // Providers as they are, in their other countries too.
            "ana@gmail.com",
            "ana@ymail.com",
            "ana@hotmail.de",
            "ana@yahoo.co.jp",
            "ana@protonmail.ch",
            "ana@proton.me",
            "ana@gmx.de",
            "ana@me.com",
            "ana@t-online.de",
            "ana@gmx.net",
            "ana@comcast.net",
            "ana@me.net",
            // Short company names one letter from a short provider's.
            "ana@ge.com",
            "ana@ms.com",
            "ana@aon.com",
            "ana@mat.net",
            "ana@wen.de",
            // Real domains near a provider's name but not its first letter,
            // or not its ending.
            "ana@cloud.com",
            "ana@email.com",
            "ana@photon.com",
            "ana@orange.com",
            // Companies.
            "ana@acme.com",
            "ana@acme.test",
            "ana@example.com",
            "ana@globex.co.uk",
            "ana@mailchimp.com",
            "ana@mail.acme.com",
            "ana@gmail.acme.com",
            "ana@yahooinc.com",
        ] {
            assert_eq!(meant(ok), None, "{ok}");
        }
    }

    #[test]
    fn a_use_button_counts_only_for_the_address_it_was_offered_for() {
        assert!(is_offer_for("ana@gmial.com", "ana@gmail.com"));
        assert!(!is_offer_for("bo@gmial.com", "ana@gmail.com"));
        assert!(!is_offer_for("ana@acme.com", "ana@gmail.com"));
    }

    #[test]
    fn the_domain_is_what_a_team_confirms() {
        assert_eq!(
            domain_of(&Email::parse("Ana@GMIAL.com").unwrap()),
            "gmial.com"
        );
    }
}
