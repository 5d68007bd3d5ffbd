//! Departments: a team's sub-teams, each with its own leaders (who see its
//! headshots only), its own default style and an optional allowance drawn
//! from the team's credits. Whole-team leaders manage them; a department's
//! leader reads their own.

use super::{Error, Principal, Result, Services};
use crate::db::{self, Tx, departments::DepartmentRow, departments::DepartmentStats};
use crate::domain::department::{DepartmentName, check_allowance, key_of};
use crate::domain::{DepartmentId, FieldError, TeamId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The most departments a team may have: enough for any company's
/// organisation chart, few enough for one select box.
pub const MAX_DEPARTMENTS: usize = 200;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Department {
    pub id: String,
    pub name: String,
    /// The style its new headshots get (one of the team's styles); `null`
    /// follows the team's default.
    pub style_id: Option<String>,
    /// The most credits its headshots may use, net of refunds; `null`: no
    /// limit but the team's credits.
    pub allowance: Option<i64>,
    /// Credits its headshots have used, net of refunds.
    pub used: i64,
    /// What is left of the allowance (`null` without one).
    pub left: Option<i64>,
    /// Headshots on its dashboard.
    pub members: i64,
    pub leaders: i64,
}

/// A department as created or replaced (`PUT` sends it whole).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct DepartmentInput {
    pub name: String,
    /// One of the team's styles; absent or `null`: the team's default.
    #[serde(default)]
    pub style_id: Option<String>,
    /// Whole credits, 0–1,000,000; absent or `null`: no limit.
    #[serde(default)]
    pub allowance: Option<i64>,
}

fn view(d: &DepartmentStats) -> Department {
    Department {
        id: d.id.to_string(),
        name: d.name.clone(),
        style_id: d.style_id.clone(),
        allowance: d.allowance,
        used: d.used,
        left: d.allowance.map(|a| (a - d.used).max(0)),
        members: d.members,
        leaders: d.leaders,
    }
}

impl Services {
    /// The team's departments with their counts; a department's leader
    /// sees their own alone.
    pub async fn departments(&self, p: &Principal) -> Result<Vec<Department>> {
        let (team_id, only) = p.leader_scope()?;
        let rows =
            db::departments::stats(&self.db.pool, team_id, only.map(DepartmentId::as_str)).await?;
        Ok(rows.iter().map(view).collect())
    }

    /// One department, as `departments` shows it.
    pub async fn department(&self, p: &Principal, id: &str) -> Result<Department> {
        self.departments(p)
            .await?
            .into_iter()
            .find(|d| d.id == id)
            .ok_or(Error::NotFound("department"))
    }

    /// Checks a department's fields against the team (all problems at once).
    async fn checked(
        &self,
        team_id: &TeamId,
        input: &DepartmentInput,
    ) -> Result<(DepartmentName, Option<String>, Option<i64>)> {
        let mut errors = Vec::new();
        let name = DepartmentName::parse(&input.name)
            .map_err(|m| errors.push(FieldError::new("name", m)))
            .ok();
        let allowance = check_allowance(input.allowance)
            .map_err(|m| errors.push(FieldError::new("allowance", m)))
            .ok()
            .flatten();
        let style_id = input.style_id.clone().filter(|s| !s.is_empty());
        if let Some(s) = &style_id {
            let ours = db::styles::style(&self.db.pool, s)
                .await?
                .is_some_and(|r| r.team_id == team_id.as_str());
            if !ours {
                errors.push(FieldError::new(
                    "style_id",
                    "Choose one of the team's styles (Team style, /team/style), or none to follow the team's default.",
                ));
            }
        }
        match name {
            Some(name) if errors.is_empty() => Ok((name, style_id, allowance)),
            _ => Err(Error::Invalid(errors)),
        }
    }

    pub async fn create_department(
        &self,
        p: &Principal,
        input: DepartmentInput,
    ) -> Result<Department> {
        let team_id = p.accountable_leader_team("departments")?;
        let (name, style_id, allowance) = self.checked(team_id, &input).await?;
        let mut tx = self.db.begin().await?;
        db::teams::lock(&mut *tx, team_id).await?;
        if db::departments::of_team(&mut *tx, team_id).await?.len() >= MAX_DEPARTMENTS {
            return Err(Error::invalid(
                "name",
                format!("A team has at most {MAX_DEPARTMENTS} departments: remove one first."),
            ));
        }
        let row = DepartmentRow {
            id: DepartmentId::new(),
            team_id: team_id.clone(),
            name: name.as_str().into(),
            style_id,
            allowance,
            created_at: self.now_ms(),
        };
        if !db::departments::insert(&mut *tx, &row, &name.key()).await? {
            return Err(name_taken(&name));
        }
        self.audit_departments(&mut tx, p, &format!("added the department {}", row.name))
            .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.department(p, &row.id).await
    }

    /// Replaces a department's name, style and allowance. An allowance
    /// below what it has used stops its new spending; nothing is taken back.
    pub async fn update_department(
        &self,
        p: &Principal,
        id: &str,
        input: DepartmentInput,
    ) -> Result<Department> {
        let team_id = p.accountable_leader_team("departments")?;
        let old = db::departments::get(&self.db.pool, team_id, id)
            .await?
            .ok_or(Error::NotFound("department"))?;
        let (name, style_id, allowance) = self.checked(team_id, &input).await?;
        let row = DepartmentRow {
            name: name.as_str().into(),
            style_id,
            allowance,
            ..old.clone()
        };
        let mut tx = self.db.begin().await?;
        match db::departments::update(&mut *tx, &row, &name.key()).await {
            Err(e) if db::is_unique_violation(&e) => return Err(name_taken(&name)),
            Ok(false) => return Err(Error::NotFound("department")),
            r => r?,
        };
        let limit = |a: Option<i64>| a.map_or("no limit".to_string(), |a| format!("{a} credits"));
        let what = format!(
            "changed the department {} (name {}, allowance {})",
            old.name,
            row.name,
            limit(row.allowance)
        );
        self.audit_departments(&mut tx, p, &what).await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.department(p, id).await
    }

    /// Removes a department: its headshots and leaders return to the team
    /// at large (its leaders then lead the whole team: say so first).
    pub async fn delete_department(&self, p: &Principal, id: &str) -> Result<()> {
        let team_id = p.accountable_leader_team("departments")?;
        let mut tx = self.db.begin().await?;
        // Leaders move between departments under this lock too: none can
        // slip in between the count and the removal.
        db::teams::lock(&mut *tx, team_id).await?;
        let d = db::departments::get(&mut *tx, team_id, id)
            .await?
            .ok_or(Error::NotFound("department"))?;
        // Leaders and invitations waiting to lead it: removing it would
        // make them leaders of the whole team.
        let leaders = db::departments::leader_departments(&mut *tx, team_id)
            .await?
            .iter()
            .filter(|(_, dep)| dep.as_deref() == Some(id))
            .count();
        if leaders > 0 {
            return Err(Error::Conflict(format!(
                "The {} department still has {leaders} leader(s): move them to another department \
                 or remove them (Leaders, /team/admin) first, so nobody gains the whole team by accident.",
                d.name
            )));
        }
        if !db::departments::delete(&mut tx, team_id, id).await? {
            return Err(Error::NotFound("department"));
        }
        self.audit_departments(&mut tx, p, &format!("removed the department {}", d.name))
            .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(())
    }

    /// Moves a headshot into one of the team's departments, or out of any
    /// (`None`). Whole-team leaders only.
    pub async fn set_headshot_department(
        &self,
        p: &Principal,
        headshot_id: &str,
        department_id: Option<&str>,
    ) -> Result<super::views::Headshot> {
        let team_id = p.accountable_leader_team("departments")?.clone();
        let (h, team) = self.load_visible(p, headshot_id).await?;
        let target = self.department_of_team(&team_id, department_id).await?;
        let mut tx = self.db.begin().await?;
        // What the headshot used moves with it: the new department's
        // allowance must hold it (in the same order of locks as invites).
        if let Some(d) = target
            .as_ref()
            .filter(|d| h.department_id.as_ref() != Some(&d.id))
        {
            db::teams::lock(&mut *tx, &team_id).await?;
            let n = db::departments::headshot_used(&mut *tx, &h.id).await?;
            self.spend_allowance(&mut tx, d, n).await?;
        }
        if !db::departments::set_headshot(&mut *tx, &h.id, target.as_ref().map(|d| d.id.as_str()))
            .await?
        {
            return Err(Error::NotFound("headshot"));
        }
        let what = match &target {
            Some(d) => format!("moved to the department {}", d.name),
            None => "moved out of its department".to_string(),
        };
        db::events::insert(
            &mut *tx,
            &h.id,
            &h.team_id,
            self.now_ms(),
            &p.audit_name(),
            &what,
            None,
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.view_of(p, &h.id, &team).await
    }

    /// Makes a leader of the team (or an invitation waiting) a leader of
    /// one department, or of the whole team (`None`). The team keeps at
    /// least one leader of the whole team. Takes effect on their next
    /// request.
    pub async fn set_leader_department(
        &self,
        p: &Principal,
        leader_id: &str,
        department_id: Option<&str>,
    ) -> Result<()> {
        let team_id = p.accountable_leader_team("leaders")?;
        let target = self.department_of_team(team_id, department_id).await?;
        let target_id = target.as_ref().map(|d| d.id.as_str());
        let mut tx = self.db.begin().await?;
        // Two such changes at once take turns: the count below stays true.
        db::teams::lock(&mut *tx, team_id).await?;
        let name = db::users::get(&mut *tx, &crate::domain::UserId::of(leader_id))
            .await?
            .map(|u| u.name)
            .ok_or(Error::NotFound("leader"))?;
        if db::team_leaders::leads(&mut *tx, team_id, leader_id).await? {
            let was_whole = db::departments::of_leader(&mut *tx, team_id, leader_id)
                .await?
                .is_none();
            if was_whole
                && target.is_some()
                && db::departments::whole_team_leaders(&mut *tx, team_id).await? <= 1
            {
                return Err(Error::Conflict(
                    "A team keeps at least one leader of the whole team: make another leader one first."
                        .into(),
                ));
            }
            db::departments::set_leader(&mut *tx, team_id, leader_id, target_id).await?;
        } else if db::leader_invitations::waiting(&mut *tx, team_id, leader_id).await? {
            db::departments::set_invitation(&mut *tx, team_id, leader_id, target_id).await?;
        } else {
            return Err(Error::NotFound("leader"));
        }
        let what = match &target {
            Some(d) => format!("made {name} a leader of the department {}", d.name),
            None => format!("made {name} a leader of the whole team"),
        };
        self.audit_departments(&mut tx, p, &what).await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(())
    }

    /// The team's department `id` (`None` for none); an unknown id is a
    /// field error naming `department_id`.
    pub(crate) async fn department_of_team(
        &self,
        team_id: &TeamId,
        id: Option<&str>,
    ) -> Result<Option<DepartmentRow>> {
        match id.filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(id) => db::departments::get(&self.db.pool, team_id, id)
                .await?
                .map(Some)
                .ok_or_else(|| {
                    Error::invalid(
                        "department_id",
                        "No such department in this team: choose one from GET /api/v1/departments.",
                    )
                }),
        }
    }

    /// The department new headshots go to: a department's leader always
    /// invites into theirs (naming another is refused); a whole-team
    /// leader into the one they chose, or none.
    pub(crate) async fn department_for_new(
        &self,
        p: &Principal,
        requested: Option<&str>,
    ) -> Result<Option<DepartmentRow>> {
        let (team_id, own) = p.leader_scope()?;
        let requested = requested.filter(|s| !s.is_empty());
        match own {
            Some(own) if requested.is_none_or(|r| r == own.as_str()) => {
                self.department_of_team(team_id, Some(own)).await
            }
            Some(_) => Err(Error::Forbidden(
                "You lead one department: members you invite join it.".into(),
            )),
            None => self.department_of_team(team_id, requested).await,
        }
    }

    /// Inside the transaction that spends `n` credits on headshots of `d`:
    /// takes the department's row (two spends at once take turns) and
    /// refuses what would overdraw its allowance. Callers take the team's
    /// row first (`db::teams::lock`), so every path locks team, then
    /// department.
    pub(crate) async fn spend_allowance(
        &self,
        tx: &mut Tx,
        d: &DepartmentRow,
        n: i64,
    ) -> Result<()> {
        db::departments::lock(&mut **tx, &d.id).await?;
        // Read again under the lock: a leader may just have set or changed
        // it, or removed the department.
        let Some(allowance) = db::departments::get(&mut **tx, &d.team_id, &d.id)
            .await?
            .ok_or_else(|| {
                Error::invalid(
                    "department_id",
                    "This department was just removed: reload the page.",
                )
            })?
            .allowance
        else {
            return Ok(());
        };
        let used = db::departments::used(&mut **tx, &d.id).await?;
        within_allowance(d, allowance, used, n)
    }

    /// Outside a transaction (a preview): whether `n` more credits fit in
    /// the allowance of `d` now.
    pub(crate) async fn allowance_left(&self, d: &DepartmentRow, n: i64) -> Result<()> {
        let Some(allowance) = d.allowance else {
            return Ok(());
        };
        let used = db::departments::used(&self.db.pool, &d.id).await?;
        within_allowance(d, allowance, used, n)
    }

    /// A department's style, else the team's default (`None`: the studio's).
    pub(crate) async fn style_for(
        &self,
        e: &mut sqlx::AnyConnection,
        team: &db::teams::TeamRow,
        department_id: Option<&DepartmentId>,
    ) -> Result<Option<db::styles::StyleRow>> {
        let own = match department_id {
            Some(d) => db::departments::get(&mut *e, &team.id, d)
                .await?
                .and_then(|d| d.style_id),
            None => None,
        };
        match own.or_else(|| team.default_style_id.clone()) {
            Some(id) => Ok(db::styles::style(&mut *e, &id).await?),
            None => Ok(None),
        }
    }

    async fn audit_departments(&self, tx: &mut Tx, p: &Principal, what: &str) -> Result<()> {
        let (team_id, _) = p.leader_scope()?;
        db::events::insert_team(&mut **tx, team_id, self.now_ms(), &p.audit_name(), what).await?;
        Ok(())
    }
}

/// Whether `n` more credits fit: `used` of `allowance` are spent.
fn within_allowance(d: &DepartmentRow, allowance: i64, used: i64, n: i64) -> Result<()> {
    if used + n > allowance {
        return Err(Error::AllowanceUsed {
            department: d.name.clone(),
            allowance,
            used,
            needed: n,
        });
    }
    Ok(())
}

fn name_taken(name: &DepartmentName) -> Error {
    Error::invalid(
        "name",
        format!("The team has a department named {} already.", name.as_str()),
    )
}

/// The department named `cell` (a CSV cell), compared without case.
pub(crate) fn by_name<'a>(all: &'a [DepartmentRow], cell: &str) -> Option<&'a DepartmentRow> {
    let key = key_of(cell);
    all.iter().find(|d| key_of(&d.name) == key)
}
