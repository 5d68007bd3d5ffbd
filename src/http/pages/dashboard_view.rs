//! What the team dashboard shows: the filter from the query string, the
//! progress bar, and the sections for one page of results.

use crate::domain::{HeadshotStatus, Section};
use crate::services::views::Headshot;
use serde::Deserialize;

/// Rows per page.
pub const PAGE_SIZE: usize = 50;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct DashboardQuery {
    #[serde(default)]
    pub q: String,
    /// A status name, or `overdue`, `attention`, `expedited`.
    #[serde(default)]
    pub status: String,
    /// A department's id, or `-` for members in none.
    #[serde(default)]
    pub department: String,
    pub page: Option<usize>,
}

pub struct Filter {
    pub q: String,
    pub status: String,
    pub department: String,
    pub active: bool,
}

impl Filter {
    pub fn new(q: &DashboardQuery) -> Self {
        let q_text = q.q.trim().to_string();
        let active = !q_text.is_empty() || !q.status.is_empty() || !q.department.is_empty();
        Self {
            q: q_text,
            status: q.status.clone(),
            department: q.department.clone(),
            active,
        }
    }

    fn keeps(&self, h: &Headshot) -> bool {
        let status_ok = match self.status.as_str() {
            "" => true,
            "overdue" => h.overdue,
            "attention" => h.needs_attention,
            "expedited" => h.expedited,
            "bounced" => h.member.email_bounced_at.is_some(),
            "not_sent" => h.invite_held,
            s => h.status.as_str() == s,
        };
        let q = self.q.to_lowercase();
        let text_ok = q.is_empty()
            || format!(
                "{} {} {}",
                h.member.first_name, h.member.last_name, h.member.email
            )
            .to_lowercase()
            .contains(&q);
        let department_ok = match self.department.as_str() {
            "" => true,
            crate::db::headshots::NO_DEPARTMENT => h.department_id.is_none(),
            d => h.department_id.as_deref() == Some(d),
        };
        status_ok && text_ok && department_ok
    }

    /// `?q=…&status=…` (empty when no filter), for links and live refresh.
    pub fn query(&self) -> String {
        self.query_with_page(0)
    }

    pub fn query_with_page(&self, page: usize) -> String {
        let mut pairs = url::form_urlencoded::Serializer::new(String::new());
        if !self.q.is_empty() {
            pairs.append_pair("q", &self.q);
        }
        if !self.status.is_empty() {
            pairs.append_pair("status", &self.status);
        }
        if !self.department.is_empty() {
            pairs.append_pair("department", &self.department);
        }
        if page > 0 {
            pairs.append_pair("page", &page.to_string());
        }
        let s = pairs.finish();
        if s.is_empty() { s } else { format!("?{s}") }
    }
}

pub struct Segment {
    pub key: &'static str,
    pub label: &'static str,
    pub count: usize,
    pub percent: String,
}

pub struct Progress {
    pub total: usize,
    pub segments: Vec<Segment>,
    pub approved_percent: usize,
    pub overdue: usize,
    pub attention: usize,
    /// Members whose email bounced: their addresses need correcting.
    pub bounced: usize,
    /// The bar in words, for screen readers.
    pub summary: String,
}

impl Progress {
    pub fn of(all: &[Headshot]) -> Self {
        let total = all.len();
        let pct = |n: usize| {
            if total == 0 {
                0.0
            } else {
                n as f64 * 100.0 / total as f64
            }
        };
        let segments: Vec<Segment> = Section::ALL
            .into_iter()
            .map(|s| {
                let count = all.iter().filter(|h| h.section == s).count();
                Segment {
                    key: s.as_str(),
                    label: s.label(),
                    count,
                    percent: format!("{:.2}", pct(count)),
                }
            })
            .collect();
        let approved = all
            .iter()
            .filter(|h| h.status == HeadshotStatus::Approved)
            .count();
        let summary = segments
            .iter()
            .map(|s| format!("{}: {}", s.label, s.count))
            .collect::<Vec<_>>()
            .join(", ");
        Self {
            total,
            approved_percent: pct(approved).floor() as usize,
            overdue: all.iter().filter(|h| h.overdue).count(),
            attention: all.iter().filter(|h| h.needs_attention).count(),
            bounced: all
                .iter()
                .filter(|h| h.member.email_bounced_at.is_some())
                .count(),
            segments,
            summary,
        }
    }
}

pub struct SectionView {
    pub key: &'static str,
    pub label: &'static str,
    /// Matches in this section across all pages.
    pub total: usize,
    pub items: Vec<Headshot>,
}

/// The sections for page `page` (1-based) of the filtered rows, and the page count.
pub fn sections(
    all: &[Headshot],
    filter: &Filter,
    page: usize,
    complete: impl Fn(&Headshot) -> Headshot,
) -> (Vec<SectionView>, usize) {
    let mut matching: Vec<&Headshot> = all.iter().filter(|h| filter.keeps(h)).collect();
    // Sections in dashboard order, rows in invitation order within each.
    matching.sort_by_key(|h| Section::ALL.iter().position(|s| *s == h.section));
    let pages = matching.len().div_ceil(PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let shown: Vec<&Headshot> = matching
        .iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .copied()
        .collect();
    let views = Section::ALL
        .into_iter()
        .map(|s| SectionView {
            key: s.as_str(),
            label: s.label(),
            total: matching.iter().filter(|h| h.section == s).count(),
            items: shown
                .iter()
                .filter(|h| h.section == s)
                .map(|h| complete(h))
                .collect(),
        })
        .collect();
    (views, pages)
}

/// Every headshot of `sections` (their keys) that the filter keeps, on
/// every page: "select all N matching" in the toolbar.
pub fn matching_ids(all: &[Headshot], filter: &Filter, sections: &[String]) -> Vec<String> {
    all.iter()
        .filter(|h| filter.keeps(h) && sections.iter().any(|s| s == h.section.as_str()))
        .map(|h| h.id.clone())
        .collect()
}

/// The name of headshot `h`'s department ("" for none).
pub fn department_name<'a>(
    all: &'a [crate::services::departments::Department],
    h: &Headshot,
) -> &'a str {
    h.department_id
        .as_deref()
        .and_then(|id| all.iter().find(|d| d.id == id))
        .map_or("", |d| d.name.as_str())
}

/// The choices of the status filter.
pub fn status_options() -> Vec<(&'static str, &'static str)> {
    HeadshotStatus::ALL
        .iter()
        .map(|s| (s.as_str(), s.label()))
        .collect()
}
