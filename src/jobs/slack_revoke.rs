//! Revokes a Slack token Teamshot no longer keeps (`auth.revoke`), retried
//! until Slack answers: a token forgotten here stays forgotten at Slack.

use super::{Job, JobContext, Outcome};
use crate::photo_push::{self, slack};
use crate::queue::SlackRevokeJob;
use crate::services::Services;
use crate::services::slack_photo::TOKEN_PURPOSE;

pub struct SlackRevoke;

impl Job for SlackRevoke {
    type Payload = SlackRevokeJob;

    async fn run(svc: &Services, _: &JobContext, p: SlackRevokeJob) -> anyhow::Result<Outcome> {
        let Some(token) = svc.keys.open(TOKEN_PURPOSE, &p.context, &p.token_sealed) else {
            // Sealed with a key this server no longer has: nothing to send.
            return Ok(Outcome::Skipped("the token cannot be read"));
        };
        let http = photo_push::client()?;
        slack::revoke(&http, &svc.settings.slack, &token).await?;
        Ok(Outcome::Done)
    }
}
