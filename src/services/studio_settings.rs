//! Reading and saving the studio's settings. Every process keeps a copy for
//! a few seconds, so a change made in one process reaches the others within
//! [`FRESH_FOR`] without a database read on every page.

use super::{Error, Principal, Result, Services};
use crate::db;
use crate::domain::StaffRole;
use crate::domain::studio_settings::StudioSettings;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

pub const FRESH_FOR: Duration = Duration::from_secs(5);

#[derive(Default)]
pub struct Cache {
    copy: RwLock<Option<(Instant, Arc<StudioSettings>)>>,
}

impl Services {
    /// The settings in force (saved ones, or the defaults).
    pub async fn studio_settings(&self) -> Result<Arc<StudioSettings>> {
        if let Some((at, s)) = self.studio.copy.read().expect("not poisoned").as_ref()
            && at.elapsed() < FRESH_FOR
        {
            return Ok(s.clone());
        }
        let saved = db::studio_settings::get(&self.db.pool).await?;
        let settings = match saved.and_then(|json| serde_json::from_str(&json).ok()) {
            Some(s) => s,
            None => StudioSettings::defaults(&self.settings),
        };
        let settings = Arc::new(settings);
        *self.studio.copy.write().expect("not poisoned") = Some((Instant::now(), settings.clone()));
        Ok(settings)
    }

    /// The last settings this process read (the defaults before any read),
    /// for code that cannot wait on the database, such as labels in views.
    pub fn studio_cached(&self) -> Arc<StudioSettings> {
        match self.studio.copy.read().expect("not poisoned").as_ref() {
            Some((_, s)) => s.clone(),
            None => Arc::new(StudioSettings::defaults(&self.settings)),
        }
    }

    /// For admins: the settings as they stand.
    pub async fn studio_settings_for(&self, p: &Principal) -> Result<Arc<StudioSettings>> {
        p.require_staff(StaffRole::Admin)?;
        self.studio_settings().await
    }

    /// Admins save the whole document; every problem is reported by field.
    pub async fn save_studio_settings(
        &self,
        p: &Principal,
        input: StudioSettings,
    ) -> Result<Arc<StudioSettings>> {
        p.require_staff(StaffRole::Admin)?;
        let valid = input.validate().map_err(Error::Invalid)?;
        let mut tx = self.db.begin().await?;
        self.save_studio_settings_in(&mut tx, &valid, &p.audit_name())
            .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(self.remember_studio_settings(valid))
    }

    /// Saves validated settings inside `tx`, auditing what changed.
    pub(crate) async fn save_studio_settings_in(
        &self,
        tx: &mut db::Tx,
        valid: &StudioSettings,
        by: &str,
    ) -> Result<()> {
        let before =
            serde_json::to_value(&*self.studio_settings().await?).map_err(anyhow::Error::from)?;
        let after = serde_json::to_value(valid).map_err(anyhow::Error::from)?;
        let json = serde_json::to_string(valid).map_err(anyhow::Error::from)?;
        db::studio_settings::save(&mut **tx, &json, self.now_ms(), by).await?;
        let changes = changed_fields(&before, &after);
        if !changes.is_empty() {
            self.studio_audit(
                tx,
                by,
                &format!("changed the settings: {}", changes.join("; ")),
            )
            .await?;
        }
        Ok(())
    }

    /// After a commit: this process uses the saved settings at once.
    pub(crate) fn remember_studio_settings(&self, valid: StudioSettings) -> Arc<StudioSettings> {
        let valid = Arc::new(valid);
        *self.studio.copy.write().expect("not poisoned") = Some((Instant::now(), valid.clone()));
        valid
    }

    /// The studio's time zone: its setting, else the process's
    /// `--studio-timezone`.
    pub fn studio_zone(&self) -> jiff::tz::TimeZone {
        self.studio_cached().zone(&self.settings.studio_timezone)
    }

    /// The upload limits in force: the process's byte and pixel bounds with
    /// the studio's check thresholds.
    pub async fn photo_limits(&self) -> Result<crate::config::PhotoLimits> {
        let studio = self.studio_settings().await?;
        let mut limits = self.settings.photo.clone();
        limits.min_photo_bytes = studio.checks.min_photo_bytes;
        limits.min_photo_side = studio.checks.min_photo_side;
        limits.min_face_share = studio.checks.min_face_percent as f32 / 100.0;
        limits.min_sharpness = studio.checks.min_sharpness as f32;
        limits.min_brightness = studio.checks.min_brightness as f32;
        limits.max_brightness = studio.checks.max_brightness as f32;
        Ok(limits)
    }

    /// The studio's name for page chrome; the defaults if the database is
    /// unreachable (the page itself will report that).
    pub async fn studio_name(&self) -> String {
        match self.studio_settings().await {
            Ok(s) => s.branding.studio_name.clone(),
            Err(_) => self.settings.studio_name.clone(),
        }
    }
}

/// "prices.expedite_cents: 2900 → 3900" for every leaf that differs (lists
/// compared whole), so the audit trail says what changed, not only that
/// something did.
fn changed_fields(before: &serde_json::Value, after: &serde_json::Value) -> Vec<String> {
    fn walk(path: &str, a: &serde_json::Value, b: &serde_json::Value, out: &mut Vec<String>) {
        match (a, b) {
            (serde_json::Value::Object(x), serde_json::Value::Object(y)) => {
                let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
                keys.sort();
                keys.dedup();
                let null = serde_json::Value::Null;
                for k in keys {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(
                        &p,
                        x.get(k).unwrap_or(&null),
                        y.get(k).unwrap_or(&null),
                        out,
                    );
                }
            }
            _ if a != b => out.push(format!("{path}: {a} → {b}")),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk("", before, after, &mut out);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn changes_name_each_leaf() {
        let a = serde_json::json!({"prices": {"expedite_cents": 2900, "redo_cents": 1000}, "name": "A"});
        let b = serde_json::json!({"prices": {"expedite_cents": 3900, "redo_cents": 1000}, "name": "A"});
        assert_eq!(
            super::changed_fields(&a, &b),
            vec!["prices.expedite_cents: 2900 → 3900"]
        );
        assert!(super::changed_fields(&a, &a).is_empty());
    }
}
