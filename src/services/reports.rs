//! The studio's reports: revenue by month and by kind, invoices still
//! open, credits sold and used, and each team's progress and turnaround,
//! for a range of days in the studio's time zone. Admins only.

use super::{Error, Principal, Result, Services};
use crate::db;
use crate::domain::{FieldError, StaffRole};
use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

/// `?from=YYYY-MM-DD&to=YYYY-MM-DD`, both days included; by default the
/// last twelve months to today.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
pub struct ReportRange {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// The kinds of sale, in the order reports show them.
pub const KINDS: [(&str, &str); 7] = [
    ("credits", "Credits"),
    ("expedite", "Expedites"),
    ("re_edit", "Re-edits"),
    ("redo", "Re-dos"),
    ("resize", "Resizes"),
    ("custom_background", "Custom backgrounds"),
    ("background", "Paid backgrounds"),
];

/// How a report names a kind of sale (`re_edit` → "Re-edits").
pub fn kind_label(kind: &str) -> &str {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(kind, |(_, label)| label)
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MonthRevenue {
    /// `YYYY-MM`.
    pub month: String,
    pub currency: String,
    /// Cents by kind (`credits`, `expedite`, `re_edit`, `redo`, `resize`,
    /// `custom_background`, `background`), every kind present.
    pub by_kind: std::collections::BTreeMap<String, i64>,
    /// Everything sold.
    pub total_cents: i64,
    /// Money paid back in the month (recorded refunds, expedites refunded
    /// as money).
    pub refunds_cents: i64,
    /// `total_cents - refunds_cents`.
    pub net_cents: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct KindRevenue {
    pub kind: String,
    pub currency: String,
    /// How many payments.
    pub count: i64,
    pub amount_cents: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OutstandingInvoice {
    pub payment_id: String,
    pub invoice_number: i64,
    pub team_id: String,
    pub team: String,
    pub amount_cents: i64,
    pub currency: String,
    /// `YYYY-MM-DD`, in the studio's time zone.
    pub issued_on: String,
    pub age_days: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CreditsReport {
    /// Bought in the range.
    pub sold: i64,
    /// Spent on invitations in the range.
    pub used: i64,
    /// Given back (deleted or cancelled headshots, refunded expedites).
    pub returned: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TeamReport {
    pub team_id: String,
    pub name: String,
    /// Headshots invited in the range.
    pub invited: i64,
    /// Delivered in the range (the latest delivery of each).
    pub delivered: i64,
    /// Approved in the range.
    pub approved: i64,
    /// Owing a photo after the due date, today.
    pub overdue: i64,
    /// Deliveries in the range that had a promised time, and how many of
    /// them met it.
    pub delivered_with_promise: i64,
    pub delivered_on_time: i64,
    /// `delivered_on_time / delivered_with_promise`, 0–1; null without
    /// deliveries.
    pub on_time_share: Option<f64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Report {
    /// The range, both days included (`YYYY-MM-DD`, studio time zone).
    pub from: String,
    pub to: String,
    /// Every month of the range, oldest first, in each currency sold in
    /// (the studio's current one when nothing was sold).
    pub revenue_by_month: Vec<MonthRevenue>,
    pub revenue_by_kind: Vec<KindRevenue>,
    pub outstanding_invoices: Vec<OutstandingInvoice>,
    pub credits: CreditsReport,
    pub teams: Vec<TeamReport>,
}

/// The longest range a report covers.
const MAX_DAYS: i64 = 366 * 5;

fn read_day(field: &str, text: Option<&str>, default: Date, errors: &mut Vec<FieldError>) -> Date {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => default,
        Some(t) => {
            match t.parse::<Date>() {
                Ok(d) if (2000..=2100).contains(&d.year()) => d,
                _ => {
                    errors.push(FieldError::new(
                    field,
                    format!("\"{t}\" is not a date from 2000 to 2100: use YYYY-MM-DD, e.g. 2026-03-01."),
                ));
                    default
                }
            }
        }
    }
}

/// Each `YYYY-MM` from `from`'s month to `to`'s.
fn months(from: Date, to: Date) -> Vec<String> {
    let mut out = Vec::new();
    let mut m = from.first_of_month();
    while m <= to {
        out.push(m.strftime("%Y-%m").to_string());
        m = m.checked_add(1.month()).expect("months near today");
    }
    out
}

impl Services {
    pub async fn report(&self, p: &Principal, range: &ReportRange) -> Result<Report> {
        p.require_staff(StaffRole::Admin)?;
        let tz = self.studio_zone();
        let now = self.now().to_zoned(tz.clone());
        let today = now.date();
        let year_ago = today
            .first_of_month()
            .checked_sub(11.months())
            .map_err(anyhow::Error::from)?;
        let mut errors = Vec::new();
        let from = read_day("from", range.from.as_deref(), year_ago, &mut errors);
        let to = read_day("to", range.to.as_deref(), today, &mut errors);
        if errors.is_empty() && from > to {
            errors.push(FieldError::new("from", "The range starts after it ends."));
        }
        if errors.is_empty() && (to - from).get_days() as i64 > MAX_DAYS {
            errors.push(FieldError::new(
                "to",
                "A report covers at most five years: choose a shorter range.",
            ));
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let ms = |d: Date| -> Result<i64> {
            Ok(d.to_zoned(tz.clone())
                .map_err(anyhow::Error::from)?
                .timestamp()
                .as_millisecond())
        };
        let (start, end) = (ms(from)?, ms(to.tomorrow().map_err(anyhow::Error::from)?)?);
        let pool = &self.db.pool;
        let sales = db::reports::sales(pool, start, end).await?;
        let refunds = db::reports::refunds(pool, start, end).await?;
        let currency = self.studio_settings().await?.currency.code().to_string();
        // A refund recorded before currencies were kept was in dollars.
        let refunds: Vec<(i64, i64, String)> = refunds
            .into_iter()
            .map(|(at, cents, c)| (at, cents, c.unwrap_or_else(|| "USD".into())))
            .collect();
        let mut currencies: Vec<String> = sales
            .iter()
            .map(|s| s.currency.clone())
            .chain(refunds.iter().map(|r| r.2.clone()))
            .collect();
        currencies.sort();
        currencies.dedup();
        if currencies.is_empty() {
            currencies.push(currency);
        }
        let month_of = |ms: i64| {
            jiff::Timestamp::from_millisecond(ms)
                .map(|t| t.to_zoned(tz.clone()).strftime("%Y-%m").to_string())
                .unwrap_or_default()
        };
        // One pass over the sales and refunds: cents by (month, currency,
        // kind), and refunds by (month, currency).
        let mut sold: HashMap<(String, &str, &str), i64> = HashMap::new();
        for s in &sales {
            let key = (
                month_of(s.granted_at),
                s.currency.as_str(),
                s.purpose.as_str(),
            );
            *sold.entry(key).or_default() += s.amount_cents;
        }
        let mut paid_back: HashMap<(String, &str), i64> = HashMap::new();
        for (at, cents, c) in &refunds {
            *paid_back.entry((month_of(*at), c.as_str())).or_default() += cents;
        }
        let mut revenue_by_month = Vec::new();
        for month in months(from, to) {
            for c in &currencies {
                let by_kind: std::collections::BTreeMap<String, i64> = KINDS
                    .iter()
                    .map(|(k, _)| {
                        let cents = sold.get(&(month.clone(), c.as_str(), *k));
                        (k.to_string(), cents.copied().unwrap_or(0))
                    })
                    .collect();
                let total_cents: i64 = by_kind.values().sum();
                let refunds_cents = paid_back
                    .get(&(month.clone(), c.as_str()))
                    .copied()
                    .unwrap_or(0);
                revenue_by_month.push(MonthRevenue {
                    month: month.clone(),
                    currency: c.clone(),
                    total_cents,
                    refunds_cents,
                    net_cents: total_cents - refunds_cents,
                    by_kind,
                });
            }
        }
        let mut revenue_by_kind = Vec::new();
        for c in &currencies {
            for (kind, _) in KINDS {
                let of_kind: Vec<_> = sales
                    .iter()
                    .filter(|s| &s.currency == c && s.purpose == kind)
                    .collect();
                revenue_by_kind.push(KindRevenue {
                    kind: kind.into(),
                    currency: c.clone(),
                    count: of_kind.len() as i64,
                    amount_cents: of_kind.iter().map(|s| s.amount_cents).sum(),
                });
            }
        }
        let outstanding_invoices = db::reports::open_invoices(pool)
            .await?
            .into_iter()
            .map(|i| {
                let issued = jiff::Timestamp::from_millisecond(i.issued_at)
                    .map(|t| t.to_zoned(tz.clone()).date())
                    .unwrap_or(today);
                OutstandingInvoice {
                    payment_id: i.id,
                    invoice_number: i.invoice_number,
                    team_id: i.team_id,
                    team: i.team_name,
                    amount_cents: i.amount_cents,
                    currency: i.currency,
                    issued_on: issued.to_string(),
                    age_days: (today - issued).get_days() as i64,
                }
            })
            .collect();
        let (sold, used, returned) = db::reports::credits(pool, start, end).await?;
        let teams = db::reports::team_progress(pool, start, end, &today.to_string())
            .await?
            .into_iter()
            .map(|t| TeamReport {
                on_time_share: (t.promised > 0).then(|| t.on_time as f64 / t.promised as f64),
                team_id: t.team_id,
                name: t.name,
                invited: t.invited,
                delivered: t.delivered,
                approved: t.approved,
                overdue: t.overdue,
                delivered_with_promise: t.promised,
                delivered_on_time: t.on_time,
            })
            .collect();
        Ok(Report {
            from: from.to_string(),
            to: to.to_string(),
            revenue_by_month,
            revenue_by_kind,
            outstanding_invoices,
            credits: CreditsReport {
                sold,
                used,
                returned,
            },
            teams,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn months_cover_the_range_across_a_new_year() {
        assert_eq!(
            months(date(2025, 11, 30), date(2026, 2, 1)),
            ["2025-11", "2025-12", "2026-01", "2026-02"]
        );
        assert_eq!(months(date(2026, 3, 5), date(2026, 3, 9)), ["2026-03"]);
    }
}
