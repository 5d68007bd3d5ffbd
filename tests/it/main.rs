//! One integration-test binary. Every test runs against a real server on a
//! real socket; `scripts/test` runs the suite on SQLite and on PostgreSQL.

mod fixtures;
mod helpers;

mod access;
mod authorization_matrix;
mod billing;
mod browser;
mod chromium;
mod cutout_browser;
mod cutout_burst;
mod cutouts;
mod dashboard;
mod deliveries;
mod end_to_end;
mod express;
mod extras;
mod hardening;
mod headshot_changes;
mod idempotency;
mod invites;
mod job_recovery;
mod journey;
mod leader_actions;
mod leader_pages_browser;
mod member_page;
mod notices;
mod page_journey;
mod page_matrix;
mod page_snapshots;
mod pages;
mod photo_checks;
mod photos_for_leaders;
mod processes;
mod re_edit;
mod reminders;
mod revocation;
mod scale_out;
mod state_rules;
mod studio;
mod studio_browser;
mod styles;
mod team_admin;
mod team_bulk;
mod two_factor;
mod webhooks;
