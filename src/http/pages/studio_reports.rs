//! `/studio/reports`: what the business earned and how the teams are doing,
//! with a chart of revenue by month and each table as a CSV download.

use super::chart::{Bar, bars};
use super::studio::staff;
use super::{Brand, Chrome, PageResult, render};
use crate::http::extract::{CsrfToken, MaybeSession};
use crate::services::report_csv::ReportTable;
use crate::services::reports::{KINDS, Report, ReportRange};
use crate::services::{Error, Services};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::IntoResponse;

#[derive(Template)]
#[template(path = "studio_reports.html")]
struct ReportsPage {
    tr: crate::i18n::Tr,
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    report: Option<Report>,
    /// The range as typed (kept when refused).
    from: String,
    to: String,
    /// The chart of the first currency's monthly totals, as SVG.
    chart: String,
    kinds: [(&'static str, &'static str); 7],
    /// `?from=…&to=…` for the CSV links.
    query: String,
}

/// "Mar 2026" for `2026-03`.
fn month_label(month: &str) -> String {
    format!("{month}-01")
        .parse::<jiff::civil::Date>()
        .map(|d| d.strftime("%b %Y").to_string())
        .unwrap_or_else(|_| month.to_string())
}

/// The chart of one currency's monthly totals: the studio's own, or the
/// first sold in.
fn chart(report: &Report, tr: &crate::i18n::Tr, studio_currency: &str) -> String {
    let months = &report.revenue_by_month;
    let Some(currency) = months
        .iter()
        .find(|m| m.currency == studio_currency)
        .or(months.first())
        .map(|m| m.currency.clone())
    else {
        return String::new();
    };
    let points: Vec<Bar> = report
        .revenue_by_month
        .iter()
        .filter(|m| m.currency == currency)
        .map(|m| Bar {
            label: month_label(&m.month),
            value: m.total_cents,
            spoken: format!(
                "{}: {}",
                month_label(&m.month),
                tr.money_in(m.total_cents, &currency)
            ),
        })
        .collect();
    bars(
        &format!("Revenue by month ({currency})"),
        &format!(
            "Bars for each month from {} to {}: everything invoiced or paid by card.",
            report.from, report.to
        ),
        &points,
    )
}

pub async fn show(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Query(range): Query<ReportRange>,
) -> PageResult {
    let (p, _) = staff(s)?;
    let c = Chrome::new(&svc, &csrf).await;
    let (report, c) = match svc.report(&p, &range).await {
        Ok(r) => (Some(r), c),
        Err(e @ Error::Invalid(_)) => (None, c.with_error(&e)),
        Err(e) => return Err(e.into()),
    };
    let (from, to) = match &report {
        Some(r) => (r.from.clone(), r.to.clone()),
        None => (
            range.from.clone().unwrap_or_default(),
            range.to.clone().unwrap_or_default(),
        ),
    };
    render(&ReportsPage {
        chart: report
            .as_ref()
            .map(|r| chart(r, &c.tr, svc.studio_cached().currency.code()))
            .unwrap_or_default(),
        query: format!("?from={from}&to={to}"),
        tr: c.tr,
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        report,
        from,
        to,
        kinds: KINDS,
    })
}

/// `/studio/reports/{table}.csv?from=…&to=…`.
pub async fn csv(
    State(svc): State<Services>,
    MaybeSession(s): MaybeSession,
    Path(file): Path<String>,
    Query(range): Query<ReportRange>,
) -> PageResult {
    let (p, _) = staff(s)?;
    let table = ReportTable::from_file_name(&file).ok_or(Error::NotFound("report"))?;
    let body = svc.report_csv(&p, &range, table).await?;
    Ok(csv_download(table, body))
}

/// A CSV answer that downloads as the table's file name.
pub fn csv_download(table: ReportTable, body: Vec<u8>) -> axum::response::Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", table.file_name()),
            ),
        ],
        body,
    )
        .into_response()
}
