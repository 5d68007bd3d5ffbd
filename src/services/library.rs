//! The studio's background library, run by admins: colours, gradients and
//! pictures, named and ordered, free for every team or paid (a team unlocks
//! a paid one once, through the checkout).

use super::billing::{Item, Payment};
use super::styles::Background;
use super::{Error, Principal, Result, Services};
use crate::db::{self, Tx, new_id, styles::BackgroundRow};
use crate::domain::TeamId;
use crate::domain::style::parse_color;
use crate::domain::{FieldError, StaffRole};
use crate::storage::StorageKey;
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A library entry as admins see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LibraryBackground {
    #[serde(flatten)]
    pub background: Background,
    pub position: i64,
    pub free: bool,
    pub price_cents: i64,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct LibraryChange {
    pub name: String,
    pub position: i64,
    pub free: bool,
    /// What a team pays to unlock it (paid backgrounds only).
    #[serde(default)]
    pub price_cents: i64,
}

/// A new entry: colours (one, or several for a top-to-bottom gradient), or
/// a picture.
pub struct NewLibraryBackground {
    pub change: LibraryChange,
    pub colors: Vec<String>,
    pub image: Option<Bytes>,
}

fn check_change(c: &LibraryChange) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let name = c.name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        errors.push(FieldError::new("name", "Name it (at most 80 characters)."));
    }
    if !(0..=10_000).contains(&c.position) {
        errors.push(FieldError::new("position", "The position is 0 to 10000."));
    }
    if !c.free && !(100..=1_000_000).contains(&c.price_cents) {
        errors.push(FieldError::new(
            "price_cents",
            "A paid background costs between 1 and 10,000 in the studio's currency.",
        ));
    }
    errors
}

impl Services {
    pub async fn library(&self, p: &Principal) -> Result<Vec<LibraryBackground>> {
        p.require_staff(StaffRole::Admin)?;
        Ok(db::styles::library(&self.db.pool)
            .await?
            .iter()
            .map(|b| LibraryBackground {
                background: self.background_view(b, &[]),
                position: b.position,
                free: b.free != 0,
                price_cents: b.price_cents,
            })
            .collect())
    }

    pub async fn add_library_background(
        &self,
        p: &Principal,
        input: NewLibraryBackground,
    ) -> Result<Background> {
        p.require_staff(StaffRole::Admin)?;
        let mut errors = check_change(&input.change);
        let mut colors = Vec::new();
        for c in input.colors.iter().filter(|c| !c.trim().is_empty()) {
            match parse_color(c) {
                Ok(c) => colors.push(c),
                Err(m) => errors.push(FieldError::new("colors", m)),
            }
        }
        let given = input.colors.iter().any(|c| !c.trim().is_empty());
        if input.image.is_none() && !given {
            errors.push(FieldError::new(
                "colors",
                "Give a colour (two or more for a gradient) or upload a picture.",
            ));
        }
        if colors.len() > 4 {
            errors.push(FieldError::new(
                "colors",
                "A gradient has at most 4 colours.",
            ));
        }
        let mut picture = None;
        if let Some(data) = &input.image {
            match self.check_picture("image", data, 1200).await {
                Ok(pic) => picture = Some(pic.data),
                Err(Error::Invalid(e)) => errors.extend(e),
                Err(e) => return Err(e),
            }
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let id = new_id();
        let (kind, spec, key) = match picture {
            Some(data) => {
                let key = StorageKey::Library {
                    background_id: id.clone(),
                };
                self.storage.put(&key, data).await?;
                ("image", "{}".to_string(), Some(key))
            }
            None => (
                if colors.len() == 1 {
                    "color"
                } else {
                    "gradient"
                },
                serde_json::json!({ "colors": colors }).to_string(),
                None,
            ),
        };
        let c = &input.change;
        let row = BackgroundRow {
            id,
            team_id: None,
            name: c.name.trim().into(),
            kind: kind.into(),
            spec,
            storage_key: key.as_ref().map(StorageKey::path),
            free: i64::from(c.free),
            position: c.position,
            created_at: self.now_ms(),
            price_cents: if c.free { 0 } else { c.price_cents },
        };
        if let Err(e) = db::styles::insert_background(&self.db.pool, &row).await {
            if let Some(key) = &key {
                self.storage.delete(key).await;
            }
            return Err(e.into());
        }
        Ok(self.background_view(&row, &[]))
    }

    pub async fn update_library_background(
        &self,
        p: &Principal,
        id: &str,
        c: LibraryChange,
    ) -> Result<Vec<LibraryBackground>> {
        p.require_staff(StaffRole::Admin)?;
        let errors = check_change(&c);
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let price = if c.free { 0 } else { c.price_cents };
        if !db::styles::update_library(&self.db.pool, id, c.name.trim(), c.position, c.free, price)
            .await?
        {
            return Err(Error::NotFound("library background"));
        }
        self.library(p).await
    }

    /// A team buys a paid library background for its styles.
    pub async fn unlock_background(&self, p: &Principal, id: &str) -> Result<Payment> {
        let team_id = p.leader_team()?.to_string();
        let b = self
            .backgrounds(p)
            .await?
            .into_iter()
            .find(|b| b.id == id)
            .ok_or(Error::NotFound("background"))?;
        let Some(price) = b.price_cents.filter(|_| b.locked) else {
            return Err(Error::Conflict(format!(
                "\"{}\" is already yours to use.",
                b.name
            )));
        };
        let team = db::teams::get(&self.db.pool, &TeamId::of(&team_id))
            .await?
            .ok_or(Error::NotFound("team"))?;
        let item = Item::Background {
            background_id: b.id,
            fee_cents: price,
        };
        self.checkout(p, &team, item, price).await
    }

    pub(crate) async fn grant_background(
        &self,
        tx: &mut Tx,
        payment: &db::payments::PaymentRow,
        background_id: &str,
        now: i64,
    ) -> Result<()> {
        db::styles::unlock(&mut **tx, &payment.team_id, background_id, &payment.id, now).await?;
        Ok(())
    }
}
