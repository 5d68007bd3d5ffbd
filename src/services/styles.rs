//! Headshot Styles: the team picks from the studio's free background library
//! (or its own uploaded backgrounds), a shape, colours and an outline; several
//! named styles, one default. A headshot keeps the style it had when it
//! entered production (a snapshot taken then).

use super::{Error, Principal, Result, Services};
use crate::db::{
    self, Tx, new_id,
    styles::{BackgroundRow, StyleRow},
};
use crate::domain::FieldError;
use crate::domain::style::{StyleInput, StyleSpec};
use crate::domain::{HeadshotId, TeamId};
use crate::storage::StorageKey;
use bytes::Bytes;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Background {
    pub id: String,
    pub name: String,
    /// `color`, `gradient` or `image`.
    pub kind: String,
    /// The colours of a colour or gradient background.
    pub colors: Vec<String>,
    /// A picture of it.
    pub preview_url: String,
    /// Uploaded by this team (not the studio's library).
    pub own: bool,
    /// A paid library background's price (null when free or the team's own).
    pub price_cents: Option<i64>,
    /// Paid and not bought by this team yet: unlock it before using it.
    pub locked: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Style {
    pub id: String,
    #[serde(flatten)]
    pub spec: StyleSpec,
    pub is_default: bool,
}

/// The long side of a locked background's preview, in pixels.
pub const LOCKED_PREVIEW_SIDE: u32 = 480;

impl Services {
    pub(crate) fn background_view(&self, b: &BackgroundRow, unlocked: &[String]) -> Background {
        let spec: serde_json::Value = serde_json::from_str(&b.spec).unwrap_or_default();
        let colors = spec["colors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|c| c.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let locked = b.team_id.is_none() && b.free == 0 && !unlocked.contains(&b.id);
        let preview_url = match &b.storage_key {
            // Until the team pays, only a small watermarked preview: no link
            // to the full picture is ever made for it.
            Some(_) if locked => self.hourly_link(
                "background-locked-link",
                &b.id,
                &format!("/backgrounds/{}/locked-preview.jpg", b.id),
            ),
            Some(_) => self.hourly_link(
                "background-link",
                &b.id,
                &format!("/backgrounds/{}/image", b.id),
            ),
            None if b.kind == "image" => self.url(&format!("/backgrounds/{}/preview.jpg", b.id)),
            None => self.url(&format!("/backgrounds/{}/preview.svg", b.id)),
        };
        Background {
            id: b.id.clone(),
            name: b.name.clone(),
            kind: b.kind.clone(),
            colors,
            preview_url,
            own: b.team_id.is_some(),
            price_cents: (b.team_id.is_none() && b.free == 0).then_some(b.price_cents),
            locked,
        }
    }

    pub async fn backgrounds(&self, p: &Principal) -> Result<Vec<Background>> {
        let team_id = p.leader_team()?;
        let unlocked = db::styles::unlocked_by(&self.db.pool, team_id).await?;
        Ok(db::styles::backgrounds_for(&self.db.pool, team_id)
            .await?
            .iter()
            .map(|b| self.background_view(b, &unlocked))
            .collect())
    }

    /// The team uploads its own background (JPEG or PNG, at least 1200 px).
    pub async fn upload_background(
        &self,
        p: &Principal,
        name: &str,
        data: Bytes,
    ) -> Result<Background> {
        let team_id = p.leader_team()?.to_string();
        let data = self.check_picture("file", &data, 1200).await?.data;
        let id = new_id();
        let key = StorageKey::Background {
            team_id: TeamId::of(&team_id),
            background_id: id.clone(),
        };
        self.storage.put(&key, data).await?;
        let row = BackgroundRow {
            id,
            team_id: Some(team_id.clone()),
            name: if name.trim().is_empty() {
                "Our background".into()
            } else {
                name.trim().chars().take(80).collect()
            },
            kind: "image".into(),
            spec: "{}".into(),
            storage_key: Some(key.path()),
            free: 0,
            position: 0,
            created_at: self.now_ms(),
            price_cents: 0,
        };
        if let Err(e) = db::styles::insert_background(&self.db.pool, &row).await {
            self.storage.delete(&key).await;
            return Err(e.into());
        }
        self.audit_team(
            &team_id,
            p,
            &format!("uploaded the background \"{}\"", row.name),
        )
        .await?;
        Ok(self.background_view(&row, &[]))
    }

    pub async fn styles(&self, p: &Principal) -> Result<Vec<Style>> {
        let team_id = p.leader_team()?;
        let team = db::teams::get(&self.db.pool, team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        let rows = db::styles::styles_of(&self.db.pool, team_id).await?;
        Ok(rows
            .iter()
            .filter_map(|r| style_view(r, team.default_style_id.as_deref()))
            .collect())
    }

    /// Adds a style; the team's first style becomes its default.
    pub async fn create_style(&self, p: &Principal, input: StyleInput) -> Result<Style> {
        let team_id = p.leader_team()?.to_string();
        let mut errors = Vec::new();
        let max_extra = self.studio_settings().await?.rules.extra_backgrounds;
        let spec = StyleSpec::parse(&input, max_extra)
            .map_err(|e| errors.extend(e))
            .ok();
        let library = self.backgrounds(p).await?;
        for b in library.iter().filter(|b| b.locked) {
            if input.background_id == b.id || input.extra_background_ids.contains(&b.id) {
                errors.push(FieldError::new(
                    "background_id",
                    format!(
                        "\"{}\" is a paid background: unlock it first (POST /backgrounds/{}/unlock, or the button on the style page).",
                        b.name, b.id
                    ),
                ));
            }
        }
        let allowed: Vec<String> = library.into_iter().map(|b| b.id).collect();
        if !allowed.contains(&input.background_id) {
            errors.push(FieldError::new(
                "background_id",
                "Choose a background from the library (GET /backgrounds).",
            ));
        }
        for extra in &input.extra_background_ids {
            if !allowed.contains(extra) {
                errors.push(FieldError::new(
                    "extra_background_ids",
                    format!("\"{extra}\" is not in the background library."),
                ));
            }
        }
        let Some(spec) = spec.filter(|_| errors.is_empty()) else {
            return Err(Error::Invalid(errors));
        };
        let team = db::teams::get(&self.db.pool, &TeamId::of(&team_id))
            .await?
            .ok_or(Error::NotFound("team"))?;
        let row = StyleRow {
            id: new_id(),
            team_id: team_id.clone(),
            name: spec.name.clone(),
            spec: serde_json::to_string(&spec).map_err(anyhow::Error::from)?,
            created_at: self.now_ms(),
        };
        let mut tx = self.db.begin().await?;
        db::styles::insert_style(&mut *tx, &row).await?;
        let make_default = team.default_style_id.is_none();
        if make_default {
            db::styles::set_default_style(&mut *tx, &team_id, &row.id).await?;
        }
        db::events::insert_team(
            &mut *tx,
            &team_id,
            row.created_at,
            &p.audit_name(),
            &format!("added the style \"{}\"", row.name),
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(Style {
            id: row.id,
            spec,
            is_default: make_default,
        })
    }

    /// The style new headshots get from now on (those in production keep theirs).
    pub async fn set_default_style(
        &self,
        p: &Principal,
        style_id: &str,
    ) -> Result<super::views::Team> {
        let team_id = p.leader_team()?.to_string();
        let style = db::styles::style(&self.db.pool, style_id)
            .await?
            .filter(|s| s.team_id == team_id)
            .ok_or(Error::NotFound("style"))?;
        db::styles::set_default_style(&self.db.pool, &team_id, &style.id).await?;
        self.audit_team(
            &team_id,
            p,
            &format!("made \"{}\" the default style", style.name),
        )
        .await?;
        self.team(p).await
    }

    /// Inside the transaction that moves a headshot into production: the
    /// team's default style (or the studio's) is copied onto the headshot.
    pub(crate) async fn snapshot_style(
        &self,
        tx: &mut Tx,
        headshot_id: &str,
        team_id: &str,
    ) -> Result<()> {
        let team = db::teams::get(&mut **tx, &TeamId::of(team_id))
            .await?
            .ok_or(Error::NotFound("team"))?;
        let department = db::headshots::get(&mut **tx, &HeadshotId::of(headshot_id))
            .await?
            .and_then(|h| h.department_id);
        let style = self.style_for(tx, &team, department.as_ref()).await?;
        let (id, spec) = match style {
            Some(s) => (Some(s.id), s.spec),
            None => (
                None,
                serde_json::to_string(&StyleSpec::studio_default()).map_err(anyhow::Error::from)?,
            ),
        };
        db::styles::snapshot(&mut **tx, headshot_id, id.as_deref(), &spec).await?;
        Ok(())
    }

    /// A library background's picture (colours and gradients as SVG).
    pub async fn background_svg(&self, id: &str) -> Result<String> {
        let b = db::styles::background(&self.db.pool, id)
            .await?
            .filter(|b| b.team_id.is_none())
            .ok_or(Error::NotFound("background"))?;
        let view = self.background_view(&b, &[]);
        Ok(crate::imaging::backgrounds::svg(&view.colors))
    }

    /// A picture of a background the render engine draws (the office).
    pub async fn background_generated_preview(&self, id: &str) -> Result<Vec<u8>> {
        let b = db::styles::background(&self.db.pool, id)
            .await?
            .filter(|b| b.team_id.is_none() && b.storage_key.is_none() && b.kind == "image")
            .ok_or(Error::NotFound("background"))?;
        let spec: serde_json::Value = serde_json::from_str(&b.spec).unwrap_or_default();
        if spec["generated"] != "office" {
            return Err(Error::NotFound("background"));
        }
        Ok(self
            .imaging
            .run(|| {
                let img = crate::imaging::office::office(300, 400);
                let mut out = Vec::new();
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
                    .encode_image(&img)
                    .map(|_| out)
            })
            .await?
            .map_err(anyhow::Error::from)?)
    }

    /// A paid library picture as a team sees it before unlocking it: at most
    /// `LOCKED_PREVIEW_SIDE` pixels on its long side, watermarked.
    pub async fn background_locked_preview(
        &self,
        id: &str,
        exp: i64,
        sig: &str,
    ) -> Result<Vec<u8>> {
        if !self.link_is_valid("background-locked-link", id, exp, sig) {
            return Err(Error::NotFound("background"));
        }
        let b = db::styles::background(&self.db.pool, id)
            .await?
            .ok_or(Error::NotFound("background"))?;
        let key = b.storage_key.ok_or(Error::NotFound("background"))?;
        let data = self.storage.get(&key).await?;
        let max = self.settings.photo.max_photo_pixels;
        self.imaging
            .run(move || {
                let format = crate::imaging::decode::sniff(&data)?;
                let img = crate::imaging::decode::decode_bounded(&data, format, max).ok()?;
                let mut small = crate::imaging::encode::fit(&img.to_rgb8(), LOCKED_PREVIEW_SIDE);
                crate::imaging::watermark::apply(&mut small);
                Some(crate::imaging::encode::jpeg(&small, 85).0)
            })
            .await?
            .ok_or_else(|| Error::Internal(anyhow::anyhow!("a library picture could not be read")))
    }

    pub async fn background_image(&self, id: &str, exp: i64, sig: &str) -> Result<Bytes> {
        if !self.link_is_valid("background-link", id, exp, sig) {
            return Err(Error::NotFound("background"));
        }
        let b = db::styles::background(&self.db.pool, id)
            .await?
            .ok_or(Error::NotFound("background"))?;
        let key = b.storage_key.ok_or(Error::NotFound("background"))?;
        Ok(self.storage.get(&key).await?)
    }
}

fn style_view(r: &StyleRow, default: Option<&str>) -> Option<Style> {
    let spec: StyleSpec = serde_json::from_str(&r.spec).ok()?;
    Some(Style {
        id: r.id.clone(),
        spec,
        is_default: default == Some(r.id.as_str()),
    })
}
