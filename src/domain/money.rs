//! Amounts of money: whole cents, never floating point. One parser for what
//! people type and one formatter for pages and emails.

use std::fmt;

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
    /// Reads what people type: `20`, `19.5`, `19.50`, `$1,250.00`. No
    /// negative amounts, at most two decimals.
    pub fn parse(text: &str) -> Result<Self, NotAnAmount> {
        let bad = || NotAnAmount(text.to_string());
        let t = text.trim().trim_start_matches('$').replace(',', "");
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
}

/// `$1,250.00`, `-$5.00`: the one way pages and emails show money.
impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let c = self.0.unsigned_abs();
        let whole = (c / 100).to_string();
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (i, ch) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        write!(f, "{sign}${grouped}.{:02}", c % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::Cents;

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
        assert_eq!(Cents(2000).to_string(), "$20.00");
        assert_eq!(Cents(125_000).to_string(), "$1,250.00");
        assert_eq!(Cents(123_456_789).to_string(), "$1,234,567.89");
        assert_eq!(Cents(-505).to_string(), "-$5.05");
        assert_eq!(Cents(5).to_string(), "$0.05");
        assert_eq!(Cents(1950).plain(), "19.50");
        assert_eq!(Cents(2000).plain(), "20");
        assert_eq!(Cents(5).plain(), "0.05");
    }
}
