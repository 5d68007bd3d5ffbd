//! Amounts of money: whole cents, never floating point. One parser for what
//! people type and one formatter for pages and emails.

use super::lang::Lang;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An amount in cents of the studio's currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Cents(pub i64);

/// Why typed text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not an amount, e.g. 20 or 19.50")]
pub struct NotAnAmount(pub String);

/// The most an amount may be: a hundred million, far above any price.
const MAX_CENTS: i64 = 10_000_000_000;

impl Cents {
    /// Reads what people type: `20`, `19.5`, `19.50`, `$1,250.00`, `€20`. No
    /// negative amounts, at most two decimals.
    pub fn parse(text: &str) -> Result<Self, NotAnAmount> {
        let bad = || NotAnAmount(text.to_string());
        let t: String = text
            .trim()
            .trim_start_matches(['$', '€', '£'])
            .trim_end_matches(['€', '£'])
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        // `19,50` and `1.250,50`: a comma before the last one or two digits
        // is the decimal mark, as most of Europe writes it; otherwise commas
        // group thousands (`1,250.00`).
        let decimal_comma = t.rsplit_once(',').is_some_and(|(before, after)| {
            (1..=2).contains(&after.len())
                && after.bytes().all(|b| b.is_ascii_digit())
                && !after.contains('.')
                && !before.contains(',')
        });
        let t = if decimal_comma {
            t.replace('.', "").replace(',', ".")
        } else {
            t.replace(',', "")
        };
        let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        // `.5` is half a dollar; `.` and `5.x` are nothing.
        let whole_ok = digits(whole) || (whole.is_empty() && digits(frac));
        if !whole_ok {
            return Err(bad());
        }
        if frac.len() > 2 || (!frac.is_empty() && !digits(frac)) {
            return Err(bad());
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| bad())?
        };
        let frac: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().map_err(|_| bad())? * 10,
            _ => frac.parse().map_err(|_| bad())?,
        };
        let cents = whole
            .checked_mul(100)
            .and_then(|c| c.checked_add(frac))
            .filter(|c| *c <= MAX_CENTS)
            .ok_or_else(bad)?;
        Ok(Self(cents))
    }

    /// `19.50` or `20`: the amount as a form shows it for editing (whole
    /// amounts without their `.00`, as people type them).
    pub fn plain(self) -> String {
        let c = self.0.unsigned_abs();
        let sign = if self.0 < 0 { "-" } else { "" };
        match c % 100 {
            0 => format!("{sign}{}", c / 100),
            frac => format!("{sign}{}.{frac:02}", c / 100),
        }
    }

    /// `12.00`, `19.50`: always two decimals, for files other programs read.
    pub fn plain_fixed(self) -> String {
        let c = self.0.unsigned_abs();
        let sign = if self.0 < 0 { "-" } else { "" };
        format!("{sign}{}.{:02}", c / 100, c % 100)
    }
}

impl Cents {
    /// The one way pages, emails and invoices show money: in the studio's
    /// currency, written as the reader's language writes amounts —
    /// `$1,250.00`, `1.250,00 €`, `1 250,00 €`, `1250,00 €`, `-CHF 5.05`.
    pub fn show(self, currency: Currency, lang: Lang) -> String {
        let c = self.0.unsigned_abs();
        let whole = (c / 100).to_string();
        let (group, decimal) = match lang {
            Lang::En => (",", "."),
            Lang::De | Lang::Es => (".", ","),
            // French groups with a narrow no-break space.
            Lang::Fr => ("\u{202f}", ","),
        };
        // Spanish leaves four-digit amounts ungrouped (CLDR's minimum
        // grouping of two).
        let group_from = if lang == Lang::Es { 5 } else { 4 };
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (i, ch) in whole.chars().enumerate() {
            if i > 0 && whole.len() >= group_from && (whole.len() - i).is_multiple_of(3) {
                grouped.push_str(group);
            }
            grouped.push(ch);
        }
        let number = format!("{grouped}{decimal}{:02}", c % 100);
        let sign = if self.0 < 0 { "-" } else { "" };
        let symbol = currency.symbol();
        match lang {
            // Letters need a space before the number; signs do not.
            Lang::En if symbol.ends_with(|c: char| c.is_ascii_uppercase()) => {
                format!("{sign}{symbol}\u{a0}{number}")
            }
            Lang::En => format!("{sign}{symbol}{number}"),
            _ => format!("{sign}{number}\u{a0}{symbol}"),
        }
    }
}

/// The studio's currency (a studio setting): every price, invoice and Stripe
/// Checkout Session is in it. All have two decimals, so amounts stay cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    #[default]
    Usd,
    Eur,
    Gbp,
    Chf,
    Cad,
    Aud,
    Nzd,
    Sek,
    Nok,
    Dkk,
}

impl Currency {
    pub const ALL: [Currency; 10] = [
        Currency::Usd,
        Currency::Eur,
        Currency::Gbp,
        Currency::Chf,
        Currency::Cad,
        Currency::Aud,
        Currency::Nzd,
        Currency::Sek,
        Currency::Nok,
        Currency::Dkk,
    ];

    /// ISO 4217: `USD`, `EUR`.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
            Currency::Chf => "CHF",
            Currency::Cad => "CAD",
            Currency::Aud => "AUD",
            Currency::Nzd => "NZD",
            Currency::Sek => "SEK",
            Currency::Nok => "NOK",
            Currency::Dkk => "DKK",
        }
    }

    /// As Stripe writes it: `usd`.
    pub fn stripe_code(self) -> String {
        self.code().to_ascii_lowercase()
    }

    pub fn parse(code: &str) -> Option<Currency> {
        Currency::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code.trim()))
    }

    /// What an amount is written with: a sign where one is unambiguous
    /// among these currencies, else the code (`CHF`, `SEK`).
    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Usd => "$",
            Currency::Eur => "€",
            Currency::Gbp => "£",
            Currency::Cad => "CA$",
            Currency::Aud => "A$",
            Currency::Nzd => "NZ$",
            other => other.code(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Cents, Currency, Lang};

    #[test]
    fn typed_amounts_are_read_exactly() {
        for (text, cents) in [
            ("20", 2000),
            ("19.5", 1950),
            ("19.50", 1950),
            ("$1,250.00", 125_000),
            (" 0.29 ", 29),
            (".5", 50),
            ("0", 0),
        ] {
            assert_eq!(Cents::parse(text), Ok(Cents(cents)), "{text}");
        }
        // 0.29 is where floating point goes wrong (28.999…).
        assert_eq!(Cents::parse("1.13").unwrap().0, 113);
        for bad in ["", "-5", "1.234", "abc", "1.2.3", "1e3", "$", "99999999999"] {
            assert!(Cents::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Cents::parse("ten").unwrap_err().to_string(),
            "\"ten\" is not an amount, e.g. 20 or 19.50"
        );
    }

    #[test]
    fn amounts_are_shown_with_separators() {
        let usd = |c: i64| Cents(c).show(Currency::Usd, Lang::En);
        assert_eq!(usd(2000), "$20.00");
        assert_eq!(usd(125_000), "$1,250.00");
        assert_eq!(usd(123_456_789), "$1,234,567.89");
        assert_eq!(usd(-505), "-$5.05");
        assert_eq!(usd(5), "$0.05");
        assert_eq!(Cents(1950).plain(), "19.50");
        assert_eq!(Cents(2000).plain(), "20");
        assert_eq!(Cents(5).plain(), "0.05");
    }

    #[test]
    fn each_language_writes_amounts_its_own_way() {
        let eur = |c: i64, l: Lang| Cents(c).show(Currency::Eur, l);
        assert_eq!(eur(125_050, Lang::En), "€1,250.50");
        assert_eq!(eur(125_050, Lang::De), "1.250,50\u{a0}€");
        assert_eq!(eur(125_050, Lang::Fr), "1\u{202f}250,50\u{a0}€");
        assert_eq!(
            eur(125_050, Lang::Es),
            "1250,50\u{a0}€",
            "four digits: no group"
        );
        assert_eq!(eur(1_250_050, Lang::Es), "12.500,50\u{a0}€");
        assert_eq!(eur(-505, Lang::De), "-5,05\u{a0}€");
        assert_eq!(Cents(2000).show(Currency::Chf, Lang::En), "CHF\u{a0}20.00");
        assert_eq!(Cents(2000).show(Currency::Gbp, Lang::Fr), "20,00\u{a0}£");
        assert_eq!(Currency::parse("chf"), Some(Currency::Chf));
        assert_eq!(Currency::Eur.stripe_code(), "eur");
        assert_eq!(Cents::parse("€20"), Ok(Cents(2000)));
        assert_eq!(Cents::parse("20 €"), Ok(Cents(2000)));
        // The decimal comma, as an admin in Europe types it.
        assert_eq!(Cents::parse("19,50"), Ok(Cents(1950)));
        assert_eq!(Cents::parse("19,5"), Ok(Cents(1950)));
        assert_eq!(Cents::parse("1.250,50 €"), Ok(Cents(125_050)));
        assert_eq!(Cents::parse("1\u{202f}250,50"), Ok(Cents(125_050)));
        assert_eq!(
            Cents::parse("1,250"),
            Ok(Cents(125_000)),
            "a thousands comma"
        );
        assert!(Cents::parse("1.2,3.4").is_err());
    }
}
