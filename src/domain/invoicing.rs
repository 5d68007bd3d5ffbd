//! What the studio's invoices carry besides the amounts: its legal name,
//! address and tax id, and the tax rate included in its prices (shown as
//! a line: prices are what the team pays, tax included).

use super::FieldError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct InvoiceDetails {
    /// The studio's legal name (default: its name).
    #[serde(default)]
    pub legal_name: Option<String>,
    /// The studio's postal address, one line per line.
    #[serde(default)]
    pub address: String,
    /// VAT number, EIN, ABN… as the studio's tax office writes it.
    #[serde(default)]
    pub tax_id: Option<String>,
    /// The tax included in every price, in hundredths of a percent (19 %:
    /// 1900; 7.7 %: 770); 0: no tax line.
    #[serde(default)]
    pub tax_rate_basis_points: u32,
}

impl InvoiceDetails {
    /// Trims what it keeps; adds every problem to `errors`.
    pub fn check(&mut self, errors: &mut Vec<FieldError>) {
        let trim = |o: &mut Option<String>| {
            *o = o
                .take()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty());
        };
        trim(&mut self.legal_name);
        trim(&mut self.tax_id);
        self.address = self
            .address
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        if self
            .legal_name
            .as_ref()
            .is_some_and(|n| n.chars().count() > 200)
        {
            errors.push(FieldError::new(
                "invoicing.legal_name",
                "The legal name is at most 200 characters.",
            ));
        }
        if self.address.chars().count() > 500 || self.address.lines().count() > 8 {
            errors.push(FieldError::new(
                "invoicing.address",
                "The address is at most 8 lines and 500 characters.",
            ));
        }
        if self.tax_id.as_ref().is_some_and(|t| t.chars().count() > 50) {
            errors.push(FieldError::new(
                "invoicing.tax_id",
                "The tax id is at most 50 characters.",
            ));
        }
        if self.tax_rate_basis_points > 5000 {
            errors.push(FieldError::new(
                "invoicing.tax_rate_basis_points",
                "The tax rate is 0 to 50 percent.",
            ));
        }
    }

    /// The tax included in `total` cents, rounded to the cent: total =
    /// net + tax.
    pub fn tax_included(&self, total: i64) -> i64 {
        let bp = i128::from(self.tax_rate_basis_points);
        if bp == 0 {
            return 0;
        }
        let t = i128::from(total);
        // Round half away from zero: tax = total × rate / (1 + rate).
        let num = t * bp * 2;
        let den = (10_000 + bp) * 2;
        ((num + den / 2 * t.signum()) / den) as i64
    }

    /// "19", "7.7": the rate as people write it.
    pub fn rate_text(&self) -> String {
        let bp = self.tax_rate_basis_points;
        let whole = bp / 100;
        match bp % 100 {
            0 => whole.to_string(),
            f if f % 10 == 0 => format!("{whole}.{}", f / 10),
            f => format!("{whole}.{f:02}"),
        }
    }

    /// Reads "19", "7.7" or "8.25" (percent) into basis points.
    pub fn parse_rate(text: &str) -> Option<u32> {
        let t = text.trim().trim_end_matches('%').trim().replace(',', ".");
        if t.is_empty() {
            return Some(0);
        }
        let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
        if frac.len() > 2 || !whole.chars().all(|c| c.is_ascii_digit()) || whole.is_empty() {
            return None;
        }
        if !frac.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let whole: u32 = whole.parse().ok()?;
        let frac: u32 = format!("{frac:0<2}").parse().ok()?;
        whole.checked_mul(100)?.checked_add(frac)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(bp: u32) -> InvoiceDetails {
        InvoiceDetails {
            tax_rate_basis_points: bp,
            ..InvoiceDetails::default()
        }
    }

    #[test]
    fn the_tax_included_in_a_price_is_rounded_to_the_cent() {
        assert_eq!(rate(1900).tax_included(11_900), 1_900);
        assert_eq!(rate(1900).tax_included(6_000), 958); // 957.98…
        assert_eq!(rate(770).tax_included(10_770), 770);
        assert_eq!(rate(0).tax_included(6_000), 0);
    }

    #[test]
    fn rates_read_and_write_as_percent() {
        assert_eq!(InvoiceDetails::parse_rate("19"), Some(1900));
        assert_eq!(InvoiceDetails::parse_rate("7,7 %"), Some(770));
        assert_eq!(InvoiceDetails::parse_rate("8.25"), Some(825));
        assert_eq!(InvoiceDetails::parse_rate(""), Some(0));
        assert_eq!(InvoiceDetails::parse_rate("8.255"), None);
        assert_eq!(InvoiceDetails::parse_rate("ten"), None);
        assert_eq!(rate(770).rate_text(), "7.7");
        assert_eq!(rate(825).rate_text(), "8.25");
        assert_eq!(rate(1900).rate_text(), "19");
    }
}
