//! Styles from one cut-out: before choosing a default, a team sees one of
//! its members in each of its styles, made from the draft cut-out of that
//! member's photo by the same render engine as the deliveries.

use super::files::Download;
use super::{Error, Principal, Result, Services};
use crate::db;
use crate::domain::style::{Ratio, StyleSpec};
use crate::imaging::render::render_preview_at;

/// A style sample's side in pixels.
pub const SAMPLE_SIZE: u32 = 360;
/// How many members the page offers to show the styles on.
const SUBJECTS: i64 = 20;

/// A member the styles can be shown on.
#[derive(Debug, Clone)]
pub struct SampleSubject {
    pub headshot_id: String,
    pub name: String,
}

impl Services {
    /// The team's members whose current photo has a draft, newest first.
    pub async fn style_sample_subjects(&self, p: &Principal) -> Result<Vec<SampleSubject>> {
        let team_id = p.leader_team()?;
        let rows = db::cutouts::samples_of_team(&self.db.pool, team_id.as_str(), SUBJECTS).await?;
        Ok(rows
            .into_iter()
            .map(|r| SampleSubject {
                headshot_id: r.headshot_id,
                name: format!("{} {}", r.first_name, r.last_name),
            })
            .collect())
    }

    /// The team's style `style_id` on a member's draft (`headshot_id`, or
    /// the newest draft), watermarked, as a JPEG.
    pub async fn style_sample(
        &self,
        p: &Principal,
        style_id: &str,
        headshot_id: Option<&str>,
    ) -> Result<Download> {
        let team_id = p.leader_team()?;
        let style = db::styles::style(&self.db.pool, style_id)
            .await?
            .filter(|s| s.team_id == team_id.as_str())
            .ok_or(Error::NotFound("style"))?;
        let spec: StyleSpec = serde_json::from_str(&style.spec).map_err(anyhow::Error::from)?;
        let subjects =
            db::cutouts::samples_of_team(&self.db.pool, team_id.as_str(), SUBJECTS).await?;
        let subject = match headshot_id {
            Some(id) => subjects.into_iter().find(|s| s.headshot_id == id),
            None => subjects.into_iter().next(),
        }
        .ok_or(Error::NotFound("cut-out to show the style on"))?;
        let data = self.storage.get(&subject.small_key).await?;
        let recipe = self
            .recipe_of(&spec, vec![SAMPLE_SIZE], vec![Ratio::Square])
            .await?;
        let jpeg = self
            .imaging
            .run(move || {
                let img = image::load_from_memory_with_format(&data, image::ImageFormat::Png)
                    .ok()?
                    .to_rgba8();
                render_preview_at(&img, &recipe, SAMPLE_SIZE)
            })
            .await?
            .ok_or_else(|| {
                anyhow::anyhow!("the draft of {} does not render", subject.headshot_id)
            })?;
        Ok(Download {
            data: jpeg.into(),
            content_type: "image/jpeg",
            file_name: format!("style-{style_id}.jpg"),
        })
    }
}
