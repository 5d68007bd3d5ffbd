//! Delivers the draft of an Express team's headshot. Safe to run twice or
//! at once with a retoucher: the delivery is a status move from In
//! Retouching, which only one of them makes.

use super::{Job, JobContext, Outcome};
use crate::domain::HeadshotId;
use crate::queue::ExpressJob;
use crate::services::Services;
use crate::services::express::Express as Decision;

pub struct Express;

impl Job for Express {
    type Payload = ExpressJob;

    async fn run(svc: &Services, _ctx: &JobContext, j: ExpressJob) -> anyhow::Result<Outcome> {
        Ok(
            match svc.express_deliver(&HeadshotId::of(&j.headshot_id)).await? {
                Decision::Delivered => Outcome::Done,
                Decision::NotNow(why) => Outcome::Skipped(why),
            },
        )
    }
}
