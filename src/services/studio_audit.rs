//! The studio's audit trail: who did what, when and from where — sign-ins,
//! settings and prices, credit grants, invoices marked paid, tokens, staff.

use super::request_context::client_address;
use super::views::rfc3339;
use super::{Principal, Result, Services};
use crate::db;
use crate::domain::StaffRole;
use serde::Serialize;
use utoipa::ToSchema;

/// The newest entries shown.
pub const STUDIO_AUDIT_LIMIT: i64 = 1000;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StudioAuditEntry {
    pub at: String,
    /// Who: a masked staff email and role, "operator" for the command line.
    pub actor: String,
    /// The client address of the request; null for the command line and jobs.
    pub address: Option<String>,
    pub action: String,
}

impl Services {
    /// Admins only.
    pub async fn studio_audit_log(&self, p: &Principal) -> Result<Vec<StudioAuditEntry>> {
        p.require_staff(StaffRole::Admin)?;
        Ok(db::studio_events::newest(&self.db.pool, STUDIO_AUDIT_LIMIT)
            .await?
            .into_iter()
            .map(|r| StudioAuditEntry {
                at: rfc3339(r.at),
                actor: r.actor,
                address: r.address,
                action: r.action,
            })
            .collect())
    }

    /// Records a studio-side action in `tx` (with the request's address).
    pub(crate) async fn studio_audit(
        &self,
        tx: &mut db::Tx,
        actor: &str,
        action: &str,
    ) -> Result<()> {
        db::studio_events::insert(
            &mut **tx,
            self.now_ms(),
            actor,
            client_address().as_deref(),
            action,
        )
        .await?;
        Ok(())
    }

    /// The same, outside a transaction (sign-ins).
    pub(crate) async fn studio_audit_now(&self, actor: &str, action: &str) -> Result<()> {
        db::studio_events::insert(
            &self.db.pool,
            self.now_ms(),
            actor,
            client_address().as_deref(),
            action,
        )
        .await?;
        Ok(())
    }
}
