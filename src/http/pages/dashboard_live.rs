//! `{base}/live`: the dashboard's live updates, as server-sent events. The
//! server watches the team's change token and sends it when it moves; the
//! page fetches its sections only then (`static/dashboard.js`). Each check
//! also reads the caller's access again from the request it came with: a
//! revoked session or share link ends the stream at the next check.

use super::PageError;
use super::dashboard::LeaderPage;
use crate::services::Services;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::Stream;
use std::convert::Infallible;
use std::time::{Duration, Instant};

/// How often the server looks for changes.
const CHECK_EVERY: Duration = Duration::from_secs(2);
/// A stream ends after this long and the browser reconnects: no response
/// stays open for ever.
const LIFETIME: Duration = Duration::from_secs(300);

struct Watch {
    svc: Services,
    /// The request's head (path, cookies), to check access again.
    parts: Parts,
    last: String,
    started: Instant,
    sent_first: bool,
}

/// The caller's team's change token, with access checked as for any page.
async fn version(svc: &Services, parts: &Parts) -> Result<String, PageError> {
    let lp = LeaderPage::from_request_parts(&mut parts.clone(), svc).await?;
    Ok(svc.team_version(&lp.p).await?)
}

pub async fn events(
    State(svc): State<Services>,
    request: Request,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, PageError> {
    let (parts, _) = request.into_parts();
    // Checked before the stream starts: no access, no stream.
    let last = version(&svc, &parts).await?;
    let watch = Watch {
        svc,
        parts,
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
            match version(&w.svc, &w.parts).await {
                Ok(v) if v != w.last => {
                    w.last = v;
                    let event = Event::default().event("version").data(&w.last);
                    return Some((Ok(event), w));
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::debug!(error = %e.0, "live dashboard updates stopped");
                    return None;
                }
            }
        }
        None
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}
