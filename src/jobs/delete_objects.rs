//! Deletes a headshot's stored objects once the rows pointing at them are
//! gone (retention after approval, or an erasure). Queued in the
//! transaction that changed the rows, so a crash cannot leave the objects
//! behind: the job is retried until storage answers.

use super::{Job, JobContext, Outcome};
use crate::domain::{HeadshotId, TeamId};
use crate::queue::DeleteObjects;
use crate::services::Services;
use crate::storage::{HeadshotObjects, headshot_folder};

pub struct Delete;

impl Job for Delete {
    type Payload = DeleteObjects;

    async fn run(svc: &Services, _: &JobContext, p: DeleteObjects) -> anyhow::Result<Outcome> {
        let (team, headshot) = (TeamId::of(&p.team_id), HeadshotId::of(&p.headshot_id));
        let deleted = match &p.objects {
            HeadshotObjects::Keys(keys) => {
                for key in keys {
                    svc.storage.delete_path(key).await?;
                }
                keys.len()
            }
            HeadshotObjects::All => {
                svc.storage
                    .delete_under(&headshot_folder(&team, &headshot))
                    .await?
            }
        };
        tracing::info!(headshot.id = %p.headshot_id, deleted, "stored objects deleted");
        Ok(Outcome::Done)
    }
}
