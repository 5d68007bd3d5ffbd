//! The team's credit ledger as leaders read it: every movement, with the
//! member it was for.

use super::views::{LedgerEntry, rfc3339};
use super::{Principal, Result, Services};
use crate::db::{self, ledger::LedgerRow};

impl Services {
    pub async fn ledger(&self, p: &Principal) -> Result<Vec<LedgerEntry>> {
        let team_id = p.leader_team()?;
        let rows = db::ledger::for_team(&self.db.pool, team_id).await?;
        // Members' names, deleted invitations included (their refunds).
        let names = db::headshot_members::names_for_team(&self.db.pool, team_id).await?;
        Ok(rows
            .iter()
            .map(|r| {
                let member = r
                    .headshot_id
                    .as_ref()
                    .and_then(|id| names.get(id))
                    .map(String::as_str);
                ledger_view(r, member)
            })
            .collect())
    }
}

pub(super) fn ledger_view(r: &LedgerRow, member: Option<&str>) -> LedgerEntry {
    LedgerEntry {
        at: rfc3339(r.at),
        kind: r.kind,
        description: r.kind.describe(r.credits, member),
        credits: r.credits,
        amount_cents: r.amount_cents,
        currency: r.currency.clone(),
        headshot_id: r.headshot_id.clone(),
        note: r.note.clone(),
    }
}
