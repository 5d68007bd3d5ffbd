//! Use-cases. The web pages, the JSON API and the jobs all call these, so
//! each rule lives once. Every method checks the caller's rights itself.

pub mod address_checks;
pub mod audit;
pub mod auth;
pub mod billing;
pub mod bounces;
pub mod cancel;
pub mod clock;
pub mod custom_background_mockups;
pub mod custom_backgrounds;
pub mod cutouts;
pub mod dead_jobs;
pub mod deliver;
mod delivery_files;
pub mod departments;
pub mod error;
pub mod express;
pub mod files;
pub mod grants;
pub mod headshot_changes;
pub mod headshots;
pub mod held_invites;
pub mod idempotency;
pub mod import;
pub mod intake;
pub mod invite;
pub mod invite_links;
pub mod invoice_document;
mod invoice_pdf;
pub mod invoicing;
pub mod joins;
pub mod language;
pub mod leader_invitations;
pub mod leaders;
pub mod ledger;
pub mod library;
pub mod live;
pub mod member_data;
pub mod notices;
pub mod oidc;
pub mod payment_view;
pub mod payments;
pub mod photo_push;
pub mod pictures;
pub mod preferences;
pub mod principal;
pub mod quality_check;
pub mod re_edit;
pub mod recipe;
pub mod refresh;
pub mod reminders;
pub mod report_csv;
pub mod reports;
pub mod request_context;
pub mod resizes;
pub mod retention;
pub mod secrets;
pub mod self_service;
pub mod setup;
pub mod share_link;
pub mod sign_in_limits;
pub mod slack_photo;
pub mod spend_requests;
pub mod sso;
pub mod sso_sign_in;
pub mod staff;
pub mod staff_invites;
pub mod studio_audit;
pub mod studio_queue;
pub mod studio_settings;
pub mod style_samples;
pub mod styles;
pub mod support;
pub mod support_replies;
pub mod team_actions;
pub mod team_switch;
pub mod teams;
pub mod tokens;
pub mod two_factor;
pub mod upload;
pub mod views;
pub mod webhooks;
pub mod zip;

pub use error::{Error, Result};
pub use principal::{LeaderVia, Principal, StudioActor};

use crate::config::Settings;
use crate::db::Db;
use crate::email::Mailer;
use crate::imaging::Imaging;
use crate::storage::Storage;
use clock::Clock;
use secrets::Keys;
use std::sync::Arc;
use tokio::sync::Notify;

/// Everything the use-cases need, cheap to clone.
#[derive(Clone)]
pub struct Services {
    pub db: Db,
    pub storage: Storage,
    pub mailer: Mailer,
    pub keys: Keys,
    pub settings: Arc<Settings>,
    pub clock: Arc<dyn Clock>,
    pub imaging: Imaging,
    /// Wakes local job runners when a job is enqueued (others poll).
    pub jobs_ready: Arc<Notify>,
    pub studio: Arc<studio_settings::Cache>,
}

impl Services {
    pub fn now(&self) -> jiff::Timestamp {
        self.clock.now()
    }

    pub fn now_ms(&self) -> i64 {
        self.clock.now().as_millisecond()
    }

    /// An absolute URL under the public base.
    pub fn url(&self, path: &str) -> String {
        format!(
            "{}{}",
            self.settings.public_url.as_str().trim_end_matches('/'),
            path
        )
    }
}
