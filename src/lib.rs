//! Teamshot: a team-headshot platform for headshot studios.

pub mod billing;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod email;
pub mod http;
pub mod i18n;
pub mod imaging;
pub mod jobs;
pub mod outbound;
pub mod photo_push;
pub mod queue;
pub mod services;
pub mod startup;
pub mod storage;
pub mod telemetry;
pub mod tls;
