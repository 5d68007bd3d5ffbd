//! The reports' tables as CSV files (safe to open in a spreadsheet):
//! amounts as plain decimals beside their currency, for sums and pivots.

use super::reports::{KINDS, Report};
use super::team_actions::spreadsheet_safe;
use super::{Error, Principal, Result, Services};
use crate::domain::money::Cents;

/// One table of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportTable {
    RevenueByMonth,
    RevenueByKind,
    OutstandingInvoices,
    Credits,
    Teams,
}

impl ReportTable {
    pub const ALL: [ReportTable; 5] = [
        Self::RevenueByMonth,
        Self::RevenueByKind,
        Self::OutstandingInvoices,
        Self::Credits,
        Self::Teams,
    ];

    /// The download's file name.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::RevenueByMonth => "revenue-by-month.csv",
            Self::RevenueByKind => "revenue-by-kind.csv",
            Self::OutstandingInvoices => "outstanding-invoices.csv",
            Self::Credits => "credits.csv",
            Self::Teams => "teams.csv",
        }
    }

    pub fn from_file_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.file_name() == name)
    }
}

fn amount(cents: i64) -> String {
    Cents(cents).plain_fixed()
}

fn rows(report: &Report, table: ReportTable) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    match table {
        ReportTable::RevenueByMonth => {
            let mut head = vec!["month".to_string(), "currency".into()];
            head.extend(KINDS.iter().map(|(k, _)| k.to_string()));
            head.extend(["total".into(), "refunds".into(), "net".into()]);
            out.push(head);
            for m in &report.revenue_by_month {
                let mut row = vec![m.month.clone(), m.currency.clone()];
                row.extend(
                    KINDS
                        .iter()
                        .map(|(k, _)| amount(m.by_kind.get(*k).copied().unwrap_or(0))),
                );
                row.extend([
                    amount(m.total_cents),
                    amount(m.refunds_cents),
                    amount(m.net_cents),
                ]);
                out.push(row);
            }
        }
        ReportTable::RevenueByKind => {
            out.push(vec![
                "kind".into(),
                "currency".into(),
                "payments".into(),
                "amount".into(),
            ]);
            for k in &report.revenue_by_kind {
                out.push(vec![
                    k.kind.clone(),
                    k.currency.clone(),
                    k.count.to_string(),
                    amount(k.amount_cents),
                ]);
            }
        }
        ReportTable::OutstandingInvoices => {
            out.push(
                [
                    "invoice",
                    "team",
                    "issued_on",
                    "age_days",
                    "currency",
                    "amount",
                ]
                .map(String::from)
                .to_vec(),
            );
            for i in &report.outstanding_invoices {
                out.push(vec![
                    i.invoice_number.to_string(),
                    i.team.clone(),
                    i.issued_on.clone(),
                    i.age_days.to_string(),
                    i.currency.clone(),
                    amount(i.amount_cents),
                ]);
            }
        }
        ReportTable::Credits => {
            out.push(
                ["from", "to", "sold", "used", "returned"]
                    .map(String::from)
                    .to_vec(),
            );
            let c = &report.credits;
            out.push(vec![
                report.from.clone(),
                report.to.clone(),
                c.sold.to_string(),
                c.used.to_string(),
                c.returned.to_string(),
            ]);
        }
        ReportTable::Teams => {
            out.push(
                [
                    "team",
                    "invited",
                    "delivered",
                    "approved",
                    "overdue",
                    "delivered_with_promise",
                    "delivered_on_time",
                    "on_time_percent",
                ]
                .map(String::from)
                .to_vec(),
            );
            for t in &report.teams {
                out.push(vec![
                    t.name.clone(),
                    t.invited.to_string(),
                    t.delivered.to_string(),
                    t.approved.to_string(),
                    t.overdue.to_string(),
                    t.delivered_with_promise.to_string(),
                    t.delivered_on_time.to_string(),
                    t.on_time_share
                        .map(|s| format!("{:.0}", s * 100.0))
                        .unwrap_or_default(),
                ]);
            }
        }
    }
    out
}

impl Services {
    /// One table of the report for `range`, as CSV.
    pub async fn report_csv(
        &self,
        p: &Principal,
        range: &super::reports::ReportRange,
        table: ReportTable,
    ) -> Result<Vec<u8>> {
        let report = self.report(p, range).await?;
        let mut w = csv::Writer::from_writer(Vec::new());
        for row in rows(&report, table) {
            w.write_record(row.iter().map(|c| spreadsheet_safe(c)))
                .map_err(|e| Error::Internal(e.into()))?;
        }
        w.into_inner()
            .map_err(|e| Error::Internal(anyhow::anyhow!("{e}")))
    }
}
