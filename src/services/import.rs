//! Bulk invitations from a CSV file: validated whole first, then imported in
//! one transaction (all members, all credits, all welcome emails) or not at all.

use super::invite::{Hold, NewMember};
use super::views::{Headshot, team_tz};
use super::{Error, Principal, Result, Services};
use crate::db::{self, departments::DepartmentRow};
use crate::domain::DueDate;
use crate::domain::csv_import::{self, ImportRow, LineProblem};
use crate::domain::email_typos;
use jiff::ToSpan;
use serde::Serialize;
use utoipa::ToSchema;

/// Rows without a due date get this many days.
pub const DEFAULT_DUE_DAYS: i64 = 14;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportPreview {
    pub line: u64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub due_date: String,
    /// Headshots this line creates.
    pub headshots: u32,
    /// The department it joins, by name (`null`: the team at large).
    pub department: Option<String>,
}

/// Someone the file gives more than one headshot (a count or repeated lines).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SeveralHeadshots {
    pub name: String,
    pub email: String,
    pub headshots: u32,
    pub lines: Vec<u64>,
}

/// How an import runs.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions {
    /// Check and preview only: nothing is made.
    pub dry_run: bool,
    /// Addresses that look like typos of common mail domains are right as
    /// typed.
    pub confirm_addresses: bool,
    /// Send the welcome emails now, or hold them for a leader to send.
    pub hold: Hold,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            dry_run: false,
            confirm_addresses: false,
            hold: Hold::Send,
        }
    }
}

/// An address that looks like a typo of a common mail domain.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AddressTypo {
    pub line: u64,
    pub email: String,
    /// The address probably meant.
    pub suggested: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(untagged)]
pub enum ImportItems {
    /// A dry run: what would be created.
    Preview(Vec<ImportPreview>),
    Created(Vec<Headshot>),
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportResult {
    pub dry_run: bool,
    /// Headshots created (0 on a dry run).
    pub created: usize,
    /// Headshots the file holds.
    pub rows: usize,
    /// People the file gives more than one headshot, for the preview.
    pub several: Vec<SeveralHeadshots>,
    /// Likely typos of common mail domains: the import refuses them unless
    /// `confirm_addresses=true` says they are right as typed.
    pub typos: Vec<AddressTypo>,
    pub credits_available: i64,
    pub items: ImportItems,
}

impl Services {
    pub async fn import_members(
        &self,
        p: &Principal,
        csv: &[u8],
        options: ImportOptions,
    ) -> Result<ImportResult> {
        let ImportOptions {
            dry_run,
            confirm_addresses,
            ..
        } = options;
        let (team_id, _) = p.leader_scope()?;
        let team = db::teams::get(&self.db.pool, team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        let tz = team_tz(&team.timezone);
        let today = self.now().to_zoned(tz.clone()).date();
        let min_days = self.studio_settings().await?.rules.min_due_days;
        let default_due = today
            .checked_add(DEFAULT_DUE_DAYS.max(min_days).days())
            .map_err(anyhow::Error::from)?;
        // Parsing a large file is CPU work: off the async threads.
        let owned = csv.to_vec();
        let check = self.address_check(&team.id).await?;
        let reading = check.clone();
        let questions = super::intake::team_fields(&team);
        let rows = tokio::task::spawn_blocking(move || {
            csv_import::read(&owned, today, min_days, default_due, &questions, |e| {
                reading.suggestion(e)
            })
        })
        .await
        .map_err(anyhow::Error::from)?
        .map_err(Error::InvalidLines)?;
        let all_departments = db::departments::of_team(&self.db.pool, &team.id).await?;
        let departments = self.line_departments(p, &rows, &all_departments)?;
        let needed: i64 = rows.iter().map(|r| i64::from(r.headshots)).sum();
        let several = several_headshots(&rows);
        let typos: Vec<AddressTypo> = rows
            .iter()
            .filter_map(|r| {
                Some(AddressTypo {
                    line: r.line,
                    email: r.email.as_str().into(),
                    suggested: r.suggestion.clone()?,
                })
            })
            .collect();
        if !dry_run && !confirm_addresses && !typos.is_empty() {
            return Err(Error::InvalidLines(
                typos
                    .iter()
                    .map(|t| LineProblem {
                        line: t.line,
                        column: Some("email"),
                        message: email_typos::line_message(&t.suggested),
                        suggestion: Some(t.suggested.clone()),
                    })
                    .collect(),
            ));
        }
        if needed > team.credits_available {
            return Err(Error::NotEnoughCredits {
                needed,
                available: team.credits_available,
            });
        }
        if dry_run {
            // The preview says what the import would refuse.
            for (d, n) in per_department(&rows, &departments) {
                self.allowance_left(d, n).await?;
            }
            return Ok(ImportResult {
                dry_run,
                created: 0,
                rows: needed as usize,
                several,
                typos,
                credits_available: team.credits_available,
                items: ImportItems::Preview(
                    rows.iter()
                        .zip(&departments)
                        .map(|(r, d)| preview(r, *d))
                        .collect(),
                ),
            });
        }
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        let spends = per_department(&rows, &departments);
        if !spends.is_empty() {
            db::teams::lock(&mut *tx, &team.id).await?;
        }
        for (d, n) in spends {
            self.spend_allowance(&mut tx, d, n).await?;
        }
        if !db::teams::take_credits(&mut *tx, &team.id, needed).await? {
            let fresh = db::teams::get(&self.db.pool, &team.id)
                .await?
                .map(|t| t.credits_available)
                .unwrap_or(0);
            return Err(Error::NotEnoughCredits {
                needed,
                available: fresh,
            });
        }
        self.credits_taken(&mut tx, &team.id, needed, now).await?;
        self.remember_confirmed_domains(
            &mut tx,
            &team.id,
            &check,
            rows.iter().map(|r| &r.email),
            &p.audit_name(),
            now,
        )
        .await?;
        // Each line's answers, as stored (none: nothing to store).
        let answers: Vec<Option<String>> = rows
            .iter()
            .map(|r| {
                (!r.answers.is_empty())
                    .then(|| serde_json::to_string(&r.answers))
                    .transpose()
            })
            .collect::<std::result::Result<_, _>>()
            .map_err(anyhow::Error::from)?;
        let members: Vec<NewMember<'_>> = rows
            .iter()
            .zip(&answers)
            .zip(&departments)
            .flat_map(|((r, a), d)| {
                (0..r.headshots).map(move |_| NewMember {
                    first: &r.first_name,
                    last: &r.last_name,
                    email: &r.email,
                    due: r.due_date,
                    answers: a.as_deref(),
                    department: d.map(|d| d.id.as_str()),
                })
            })
            .collect();
        let ids = self
            .create_headshots(
                &mut tx,
                &p.audit_name(),
                &team.id,
                &members,
                options.hold,
                now,
            )
            .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        self.audit_team(
            &team.id,
            p,
            &format!("imported {} members from a CSV file", ids.len()),
        )
        .await?;
        tracing::info!(team.id = %team.id, count = ids.len(), "members imported");
        // One query for the new rows rather than one per row.
        let wanted: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
        let items: Vec<Headshot> =
            db::headshots::list_for_team(&self.db.pool, &team.id, &Default::default())
                .await?
                .iter()
                .filter(|r| wanted.contains(r.id.as_str()))
                .map(|r| self.headshot_view(r, &tz))
                .collect();
        Ok(ImportResult {
            dry_run,
            created: ids.len(),
            rows: ids.len(),
            several,
            typos,
            credits_available: team.credits_available - needed,
            items: ImportItems::Created(items),
        })
    }
}

/// Headshots per department, in id order (so two imports take the
/// departments' rows in the same order).
fn per_department<'a>(
    rows: &[ImportRow],
    departments: &[Option<&'a DepartmentRow>],
) -> Vec<(&'a DepartmentRow, i64)> {
    let mut sums: std::collections::BTreeMap<&str, (&DepartmentRow, i64)> = Default::default();
    for (r, d) in rows.iter().zip(departments) {
        if let Some(d) = d {
            sums.entry(d.id.as_str()).or_insert((d, 0)).1 += i64::from(r.headshots);
        }
    }
    sums.into_values().collect()
}

impl Services {
    /// Each line's department from its `department` cell: a department's
    /// leader imports into theirs (an empty cell, or its name); a whole-team
    /// leader names any of the team's (empty: none). Every unknown name is
    /// a line problem listing the names there are.
    fn line_departments<'a>(
        &self,
        p: &Principal,
        rows: &[ImportRow],
        all: &'a [DepartmentRow],
    ) -> Result<Vec<Option<&'a DepartmentRow>>> {
        let own = p
            .department()
            .and_then(|id| all.iter().find(|d| d.id == *id));
        let names = all
            .iter()
            .map(|d| d.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let mut problems = Vec::new();
        let mut found = Vec::with_capacity(rows.len());
        for r in rows {
            let cell = r.department.trim();
            let named = (!cell.is_empty()).then(|| super::departments::by_name(all, cell));
            let d = match (own, named) {
                (Some(own), None) => Some(own),
                (Some(own), Some(Some(d))) if d.id == own.id => Some(own),
                (Some(own), Some(_)) => {
                    problems.push(line_problem(
                        r.line,
                        format!(
                            "You lead the {} department: leave the department empty or write {}.",
                            own.name, own.name
                        ),
                    ));
                    None
                }
                (None, None) => None,
                (None, Some(Some(d))) => Some(d),
                // A team without departments reads the column as before:
                // a question's answer, or nothing.
                (None, Some(None)) if all.is_empty() => None,
                (None, Some(None)) => {
                    problems.push(line_problem(
                        r.line,
                        format!("\"{cell}\" is not one of the team's departments ({names}): fix the name, or add the department first."),
                    ));
                    None
                }
            };
            found.push(d);
        }
        if problems.is_empty() {
            Ok(found)
        } else {
            Err(Error::InvalidLines(problems))
        }
    }
}

fn line_problem(line: u64, message: String) -> LineProblem {
    LineProblem {
        line,
        column: Some("department"),
        message,
        suggestion: None,
    }
}

fn preview(r: &ImportRow, d: Option<&DepartmentRow>) -> ImportPreview {
    ImportPreview {
        line: r.line,
        first_name: r.first_name.as_str().into(),
        last_name: r.last_name.as_str().into(),
        email: r.email.as_str().into(),
        due_date: DueDate::date(r.due_date).to_string(),
        headshots: r.headshots,
        department: d.map(|d| d.name.clone()),
    }
}

/// People (same name and email, in any case) with more than one headshot
/// in the file, in the order they first appear.
fn several_headshots(rows: &[ImportRow]) -> Vec<SeveralHeadshots> {
    let mut at: std::collections::HashMap<(String, String, &str), usize> =
        std::collections::HashMap::new();
    let mut people: Vec<SeveralHeadshots> = Vec::new();
    for r in rows {
        let key = (
            r.first_name.as_str().to_lowercase(),
            r.last_name.as_str().to_lowercase(),
            r.email.as_str(),
        );
        match at.get(&key) {
            Some(&i) => {
                people[i].headshots += r.headshots;
                people[i].lines.push(r.line);
            }
            None => {
                at.insert(key, people.len());
                people.push(SeveralHeadshots {
                    name: format!("{} {}", r.first_name.as_str(), r.last_name.as_str()),
                    email: r.email.as_str().into(),
                    headshots: r.headshots,
                    lines: vec![r.line],
                });
            }
        }
    }
    people.retain(|p| p.headshots > 1);
    people
}
