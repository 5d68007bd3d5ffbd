//! What members read and every member and leader email, in the reader's
//! language: one Fluent file per language in `locales/` (`en.ftl` is the
//! reference; the others hold the same messages), compiled into the binary.
//! Templates ask a [`Tr`] for a message by its id; dates and money are
//! written the language's way here too (see `dates.rs`).

mod dates;

use crate::domain::{Cents, Currency, Lang};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: names and dates go
        // into HTML and plain-text mail, where the marks show as noise.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static IDS: LazyLock<[LanguageIdentifier; 4]> =
    LazyLock::new(|| Lang::ALL.map(|l| l.code().parse().expect("a valid language identifier")));

fn id(lang: Lang) -> &'static LanguageIdentifier {
    let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    &IDS[i]
}

/// A message argument: text, or a number (which chooses plural forms).
pub trait Arg {
    fn fluent(&self) -> FluentValue<'static>;
}

impl Arg for str {
    fn fluent(&self) -> FluentValue<'static> {
        FluentValue::from(self.to_string())
    }
}
impl Arg for String {
    fn fluent(&self) -> FluentValue<'static> {
        FluentValue::from(self.clone())
    }
}
impl<T: Arg + ?Sized> Arg for &T {
    fn fluent(&self) -> FluentValue<'static> {
        (**self).fluent()
    }
}
macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn fluent(&self) -> FluentValue<'static> {
                FluentValue::from(*self)
            }
        }
    )*};
}
number_arg!(i64, i32, u32, u64, usize);

/// An amount in cents, however a template holds it (`x`, `&x`, `&&x`).
pub trait Amount {
    fn cents(&self) -> i64;
}
impl Amount for i64 {
    fn cents(&self) -> i64 {
        *self
    }
}
impl<T: Amount + ?Sized> Amount for &T {
    fn cents(&self) -> i64 {
        (**self).cents()
    }
}

/// The messages of one language, with the studio's currency for amounts.
/// Cheap to copy: templates and emails take it by value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    pub lang: Lang,
    pub currency: Currency,
}

impl Tr {
    pub fn new(lang: Lang, currency: Currency) -> Self {
        Self { lang, currency }
    }

    /// `<html lang="…">`.
    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    fn lookup(&self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
            .collect();
        let found = LOCALES.try_lookup_complete(id(self.lang), key, Some(&map));
        // A missing message is a defect the parity test catches; should one
        // slip through, the key is shown rather than an empty line.
        found.unwrap_or_else(|| {
            tracing::warn!(key, lang = self.lang.code(), "message missing");
            key.to_string()
        })
    }

    /// A message without arguments.
    pub fn t(&self, key: impl AsRef<str>) -> String {
        self.lookup(key.as_ref(), &[])
    }

    pub fn t1(&self, key: impl AsRef<str>, n1: &'static str, v1: impl Arg) -> String {
        self.lookup(key.as_ref(), &[(n1, v1.fluent())])
    }

    pub fn t2(
        &self,
        key: impl AsRef<str>,
        n1: &'static str,
        v1: impl Arg,
        n2: &'static str,
        v2: impl Arg,
    ) -> String {
        self.lookup(key.as_ref(), &[(n1, v1.fluent()), (n2, v2.fluent())])
    }

    /// A message with any number of arguments.
    pub fn ta<A: Arg>(&self, key: &str, args: impl AsRef<[(&'static str, A)]>) -> String {
        let args: Vec<_> = args
            .as_ref()
            .iter()
            .map(|(k, v)| (*k, v.fluent()))
            .collect();
        self.lookup(key, &args)
    }

    /// A photo check's verdict in this language (the API keeps the English
    /// `message`).
    pub fn check_failure(&self, f: &crate::imaging::checks::CheckFailure) -> String {
        let key = format!("check-{}", f.check);
        self.ta(&key, &f.args)
    }

    /// A quality-check reason: the default catalogue's in this language, a
    /// studio's own wording as the studio wrote it.
    pub fn qc_reason(&self, r: &crate::domain::qc_reasons::QcReason) -> String {
        match crate::domain::qc_reasons::find(&r.code) {
            Some(default) if default.label == r.label => self.t(format!("qc-reason-{}", r.code)),
            _ => r.label.clone(),
        }
    }

    /// An amount in cents, in the studio's currency, written the language's
    /// way: `$60.00`, `60,00 €`.
    pub fn money(&self, cents: impl Amount) -> String {
        Cents(cents.cents()).show(self.currency, self.lang)
    }

    /// An amount in the currency a payment was made in (`USD`), whatever
    /// the studio uses today.
    pub fn money_in(&self, cents: impl Amount, code: &str) -> String {
        Cents(cents.cents()).show(Currency::parse(code).unwrap_or(self.currency), self.lang)
    }
}

/// Every message of a language's file with the arguments it uses, for the
/// parity test: (id, sorted argument names).
#[cfg(test)]
fn ids_in(lang: Lang) -> Vec<(String, Vec<String>)> {
    let path = format!("{}/locales/{}.ftl", env!("CARGO_MANIFEST_DIR"), lang.code());
    let text = std::fs::read_to_string(&path).expect("the language file");
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        if line.starts_with(|c: char| c.is_ascii_lowercase())
            && let Some((k, _)) = line.split_once(" =")
        {
            out.push((k.trim().to_string(), Vec::new()));
        }
        // Arguments on the message's line and its indented variants.
        if let Some((_, args)) = out.last_mut().filter(|_| !line.starts_with('#')) {
            for piece in line.split('$').skip(1) {
                let name: String = piece
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !args.contains(&name) {
                    args.push(name);
                }
            }
            args.sort();
        }
    }
    out
}

#[cfg(test)]
mod tests;
