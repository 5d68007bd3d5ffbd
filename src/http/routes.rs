//! A router that remembers the paths it was given, so tests can enumerate
//! every route (the authorization matrix checks each one against every kind
//! of caller; a route added without an entry there fails it). Methods are
//! found by asking the router: an unrouted method answers 405.

use crate::services::Services;
use axum::Router;
use axum::handler::Handler;
use axum::routing::MethodRouter;

#[derive(Default)]
pub struct Routes {
    router: Router<Services>,
    paths: Vec<String>,
}

impl Routes {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn route(mut self, path: &str, method_router: MethodRouter<Services>) -> Self {
        self.paths.push(path.to_string());
        self.router = self.router.route(path, method_router);
        self
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.paths.extend(other.paths);
        self.router = self.router.merge(other.router);
        self
    }

    pub fn nest(mut self, prefix: &str, other: Routes) -> Self {
        self.paths
            .extend(other.paths.into_iter().map(|p| format!("{prefix}{p}")));
        self.router = self.router.nest(prefix, other.router);
        self
    }

    pub fn fallback<H, T>(mut self, handler: H) -> Self
    where
        H: Handler<T, Services>,
        T: 'static,
    {
        self.router = self.router.fallback(handler);
        self
    }

    pub fn method_not_allowed_fallback<H, T>(mut self, handler: H) -> Self
    where
        H: Handler<T, Services>,
        T: 'static,
    {
        self.router = self.router.method_not_allowed_fallback(handler);
        self
    }

    /// Every path, as written in the router (`/api/v1/headshots/{id}`).
    pub fn paths(&self) -> &[String] {
        &self.paths
    }

    pub fn into_router(self) -> Router<Services> {
        self.router
    }
}
