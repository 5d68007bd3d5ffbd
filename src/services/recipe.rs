//! From a headshot's style snapshot to the render engine's recipe: the look
//! and the pictures behind the subject (library colours and gradients, the
//! generated office, the team's own uploads).

use super::{Result, Services};
use crate::db::{self, styles::BackgroundRow};
use crate::domain::style::{Ratio, StyleSpec, rgb};
use crate::imaging::compose::{Fill, Look};
use crate::imaging::render::{Backdrop, Recipe};

/// Background pictures are decoded at most this large before being cropped
/// and scaled to each size (a library photo needs no more for 1600 px).
const BACKDROP_MAX_PIXELS: u64 = 100_000_000;

impl Services {
    /// The recipe for a style snapshot (`None`: the studio default).
    pub(crate) async fn recipe_for(&self, snapshot: Option<&str>) -> Result<Recipe> {
        let spec = snapshot
            .and_then(|s| serde_json::from_str::<StyleSpec>(s).ok())
            .unwrap_or_else(StyleSpec::studio_default);
        let settings = self.studio_settings().await?;
        let (sizes, ratios) = (
            settings.standard_sizes.clone(),
            settings.standard_ratios.clone(),
        );
        self.recipe_of(&spec, sizes, ratios).await
    }

    /// The recipe for `spec` at `sizes` and `ratios` (backgrounds prepared
    /// for the largest).
    pub(crate) async fn recipe_of(
        &self,
        spec: &StyleSpec,
        sizes: Vec<u32>,
        ratios: Vec<Ratio>,
    ) -> Result<Recipe> {
        let largest = sizes.iter().copied().max().unwrap_or(1600);
        let look = Look {
            shape: spec.shape,
            background_color: rgb(&spec.background_color).unwrap_or([255, 255, 255]),
            outline_color: rgb(&spec.outline_color).unwrap_or([255, 255, 255]),
            outline_width: spec.outline_width.clamp(0, 1000) as u32,
        };
        let mut backdrops = Vec::new();
        let ids = std::iter::once(&spec.background_id).chain(&spec.extra_background_ids);
        for id in ids {
            let Some(row) = db::styles::background(&self.db.pool, id).await? else {
                // Removed from the library since the snapshot: the style's colour.
                tracing::warn!(background.id = %id, "background of a style no longer exists");
                backdrops.push(Backdrop {
                    background_id: id.clone(),
                    fill: Fill::Colors(vec![look.background_color]),
                });
                continue;
            };
            let fill = self.fill_of(&row, largest).await?;
            backdrops.push(Backdrop {
                background_id: row.id,
                fill,
            });
        }
        Ok(Recipe {
            look,
            framing: spec.framing,
            backdrops,
            sizes,
            ratios,
        })
    }

    async fn fill_of(&self, b: &BackgroundRow, largest: u32) -> Result<Fill> {
        let spec: serde_json::Value = serde_json::from_str(&b.spec).unwrap_or_default();
        if let Some(key) = &b.storage_key {
            let data = self.storage.get(key).await?;
            let img = self
                .imaging
                .run(move || {
                    let format = crate::imaging::decode::sniff(&data)?;
                    crate::imaging::decode::decode_bounded(&data, format, BACKDROP_MAX_PIXELS)
                        .ok()
                        .map(|i| i.to_rgb8())
                })
                .await?
                .ok_or_else(|| anyhow::anyhow!("background {} is not readable", b.id))?;
            return Ok(Fill::Image(img));
        }
        if spec["generated"] == "office" {
            let img = self
                .imaging
                .run(move || crate::imaging::office::office(largest, largest))
                .await?;
            return Ok(Fill::Image(img));
        }
        let colors = spec["colors"]
            .as_array()
            .map(|a| a.iter().filter_map(|c| c.as_str().and_then(rgb)).collect())
            .unwrap_or_default();
        Ok(Fill::Colors(colors))
    }
}
