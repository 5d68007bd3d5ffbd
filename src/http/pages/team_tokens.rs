//! A team's API tokens for signed-in leaders (`/team/tokens`): create one
//! (its secret shown once), see when each was last used, revoke. The share
//! link gets the services' refusal. The API calls the same services.

use super::Brand;
#[allow(unused_imports)]
use super::Readable;
use super::dashboard::LeaderPage;
use super::{Chrome, CsrfOnly, PageResult, PathId, render};
use crate::http::extract::{CsrfForm, CsrfToken};
use crate::services::tokens::{NewToken, TokenCreated, TokenView};
use crate::services::{Error, Services};
use askama::Template;
use axum::extract::State;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "tokens.html")]
pub struct TokensPage {
    pub studio: Brand,
    /// Times are shown in this zone (the team's, or the studio's).
    pub tz: super::PageZone,
    pub notice: String,
    pub errors: Vec<String>,
    pub csrf: String,
    /// Where the page lives (`/team` or `/studio`) and its form actions.
    pub base: String,
    pub back: String,
    pub tokens: Vec<TokenView>,
    /// Just created: the one time its secret is shown.
    pub created: Option<TokenCreated>,
    pub name: String,
    /// An admin sees every staff member's tokens.
    pub owners: Vec<(String, String)>,
}

impl TokensPage {
    /// The name of a token's staff owner, for an admin's list.
    pub fn owner_of(&self, t: &TokenView) -> String {
        t.user_id
            .as_ref()
            .and_then(|u| self.owners.iter().find(|(id, _)| id == u))
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    }
}

async fn page(
    svc: &Services,
    lp: &LeaderPage,
    c: Chrome,
    created: Option<TokenCreated>,
    name: String,
) -> PageResult {
    render(&TokensPage {
        studio: c.studio,
        tz: super::PageZone::new(svc.team_zone(&lp.p).await?, svc),
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        base: format!("{}/tokens", lp.base),
        back: lp.base.clone(),
        tokens: svc.team_tokens(&lp.p).await?,
        created,
        name,
        owners: vec![],
    })
}

pub async fn show(State(svc): State<Services>, csrf: CsrfToken, lp: LeaderPage) -> PageResult {
    page(
        &svc,
        &lp,
        Chrome::new(&svc, &csrf).await,
        None,
        String::new(),
    )
    .await
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
}

pub async fn create(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<TokenForm>,
) -> PageResult {
    let input = NewToken {
        name: f.name.clone(),
    };
    match svc.create_team_token(&lp.p, input).await {
        // Rendered, not redirected: the secret must appear once, here.
        Ok(t) => {
            page(
                &svc,
                &lp,
                Chrome::new(&svc, &csrf).await,
                Some(t),
                String::new(),
            )
            .await
        }
        Err(e @ Error::Invalid(_)) => {
            page(
                &svc,
                &lp,
                Chrome::new(&svc, &csrf).await.with_error(&e),
                None,
                f.name,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn revoke(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    PathId(id): PathId,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    svc.revoke_team_token(&lp.p, &id).await?;
    let mut c = Chrome::new(&svc, &csrf).await;
    c.notice = "Token revoked: anything still using it now gets 401.".into();
    page(&svc, &lp, c, None, String::new()).await
}
