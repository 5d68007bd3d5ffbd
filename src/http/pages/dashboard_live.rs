//! `{base}/live`: the dashboard's live updates, as server-sent events. The
//! server watches the team's change token and sends it when it moves; the
//! page fetches its sections only then (`static/dashboard.js`).

use super::PageError;
use super::dashboard::LeaderPage;
use crate::services::{Principal, Services};
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::Stream;
use std::convert::Infallible;
use std::time::{Duration, Instant};

/// How often the server looks for changes.
const CHECK_EVERY: Duration = Duration::from_secs(2);
/// A stream ends after this long; the browser reconnects at once, which
/// checks the caller's access again (a revoked session or link gets no
/// more updates).
const LIFETIME: Duration = Duration::from_secs(300);

struct Watch {
    svc: Services,
    p: Principal,
    last: String,
    started: Instant,
    sent_first: bool,
}

pub async fn events(
    State(svc): State<Services>,
    lp: LeaderPage,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, PageError> {
    // Checked before the stream starts: no access, no stream.
    let last = svc.team_version(&lp.p).await?;
    let watch = Watch {
        svc,
        p: lp.p,
        last,
        started: Instant::now(),
        sent_first: false,
    };
    let stream = futures::stream::unfold(watch, |mut w| async move {
        if !w.sent_first {
            // The current token first: a page that missed a change while
            // reconnecting sees it differ from its own.
            w.sent_first = true;
            let event = Event::default().event("version").data(&w.last);
            return Some((Ok(event), w));
        }
        while w.started.elapsed() < LIFETIME {
            tokio::time::sleep(CHECK_EVERY).await;
            match w.svc.team_version(&w.p).await {
                Ok(v) if v != w.last => {
                    w.last = v;
                    let event = Event::default().event("version").data(&w.last);
                    return Some((Ok(event), w));
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::debug!(error = %e, "live dashboard updates stopped");
                    return None;
                }
            }
        }
        None
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}
