//! The studio's own settings, edited by admins at `/studio/settings` (and
//! `PUT /studio/settings`): prices, turnaround, holidays, reminders, QC
//! reasons, photo-check thresholds, standard sizes and branding. Until an
//! admin saves them, the defaults below (from the product description and
//! the process's configuration) apply.

use super::FieldError;
use super::pricing::Fees;
use super::qc_reasons::{QcReason, default_catalogue};
use super::studio_rules::Rules;
pub use super::two_factor_policy::{Security, TwoFactorPolicy};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Turnaround {
    /// Business days from upload to delivery.
    pub standard_days: i64,
    /// Business days when expedited (1: by the end of the next business day).
    pub expedited_days: i64,
    /// Business days from a re-edit request to the new delivery.
    pub re_edit_days: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CheckThresholds {
    /// Smallest accepted upload, in bytes.
    pub min_photo_bytes: u64,
    /// Shortest side of an accepted photo, in pixels.
    pub min_photo_side: u32,
    /// Smallest face, as a percentage of the photo's height.
    #[serde(default = "default_face_percent")]
    pub min_face_percent: u32,
    /// Least sharpness (variance of the Laplacian over the face, at 256 px).
    #[serde(default = "default_sharpness")]
    pub min_sharpness: u32,
    /// Mean brightness of the face, 0–255: darker or brighter is refused.
    #[serde(default = "default_min_brightness")]
    pub min_brightness: u32,
    #[serde(default = "default_max_brightness")]
    pub max_brightness: u32,
}

fn default_face_percent() -> u32 {
    15
}
fn default_sharpness() -> u32 {
    15
}
fn default_min_brightness() -> u32 {
    80
}
fn default_max_brightness() -> u32 {
    220
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Branding {
    pub studio_name: String,
    /// An https address of the studio's logo, shown on pages and emails.
    pub logo_url: Option<String>,
    /// Where teams can write to the studio.
    pub support_email: Option<String>,
    /// The sender of every email, e.g. `Studio <hello@studio.example>`.
    pub sender: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StudioSettings {
    /// Sign-in rules for staff (older documents: the defaults).
    #[serde(default)]
    pub security: Security,
    pub branding: Branding,
    /// Every price, invoice and Stripe Checkout Session is in this currency
    /// (ISO 4217: `USD`, `EUR`, `GBP`, `CHF`, …); a payment keeps the one it
    /// was made in.
    #[serde(default)]
    pub currency: super::Currency,
    /// The studio's time zone (IANA, e.g. `Europe/Berlin`): its working
    /// days and the studio pages' clocks. Unset: the server's
    /// `--studio-timezone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Flat prices in cents.
    pub fees: Fees,
    /// Price tiers and the other numbers of the studio's rules.
    #[serde(default)]
    pub rules: Rules,
    /// The studio's legal name, address, tax id and tax rate on invoices.
    #[serde(default)]
    pub invoicing: super::invoicing::InvoiceDetails,
    /// The public *Get started* page (off by default).
    #[serde(default)]
    pub self_service: super::self_service::SelfService,
    pub turnaround: Turnaround,
    /// Days the studio does not work (besides weekends), `YYYY-MM-DD`.
    #[schema(value_type = Vec<String>)]
    pub holidays: Vec<Date>,
    /// Days relative to the due date on which reminders go out.
    pub reminder_schedule: Vec<i64>,
    /// The hour (0–23, in each team's time zone) from which a reminder day's
    /// reminders go out: members hear from us in the morning, not at
    /// midnight.
    #[serde(default = "default_reminder_hour")]
    pub reminder_hour: u8,
    /// Reasons for requesting a new photo; always holds `other`.
    pub qc_reasons: Vec<QcReason>,
    pub checks: CheckThresholds,
    /// Heights, in pixels, every delivery is rendered at.
    pub standard_sizes: Vec<u32>,
    /// The shapes of rectangle each size is delivered in: `1:1` (square),
    /// and the portrait ratios `4:5` and `3:4`. Circle styles are square
    /// only.
    #[serde(default = "default_ratios")]
    pub standard_ratios: Vec<super::style::Ratio>,
}

fn default_reminder_hour() -> u8 {
    9
}

fn default_ratios() -> Vec<super::style::Ratio> {
    vec![super::style::Ratio::Square]
}

pub const DEFAULT_SIZES: [u32; 3] = [1600, 800, 400];
const MAX_SIZE: u32 = 4000;
const MIN_SIZE: u32 = 100;

impl StudioSettings {
    /// The product's defaults with the process's name, sender, reminder
    /// schedule and photo limits.
    pub fn defaults(config: &crate::config::Settings) -> Self {
        Self {
            security: Security::default(),
            branding: Branding {
                studio_name: config.studio_name.clone(),
                logo_url: None,
                support_email: None,
                sender: config.mail_from.to_string(),
            },
            currency: super::Currency::default(),
            timezone: None,
            fees: config.billing.fees.clone(),
            rules: Rules::default(),
            invoicing: super::invoicing::InvoiceDetails {
                address: config.billing.studio_address.clone(),
                ..Default::default()
            },
            self_service: Default::default(),
            turnaround: Turnaround {
                standard_days: super::business_days::STANDARD_DAYS,
                expedited_days: super::business_days::EXPEDITED_DAYS,
                re_edit_days: 2,
            },
            holidays: vec![],
            reminder_schedule: config.reminder_schedule.clone(),
            reminder_hour: default_reminder_hour(),
            qc_reasons: default_catalogue(),
            checks: CheckThresholds {
                min_photo_bytes: config.photo.min_photo_bytes,
                min_photo_side: config.photo.min_photo_side,
                min_face_percent: default_face_percent(),
                min_sharpness: default_sharpness(),
                min_brightness: default_min_brightness(),
                max_brightness: default_max_brightness(),
            },
            standard_sizes: DEFAULT_SIZES.to_vec(),
            standard_ratios: default_ratios(),
        }
    }

    /// Every problem, by field; normalises what it keeps (sorted holidays and
    /// sizes, trimmed names).
    pub fn validate(mut self) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut bad = |field: &str, msg: String| errors.push(FieldError::new(field, msg));
        let b = &mut self.branding;
        b.studio_name = b.studio_name.trim().to_string();
        if b.studio_name.is_empty() || b.studio_name.chars().count() > 80 {
            bad(
                "studio_name",
                "Give the studio a name (at most 80 characters).".into(),
            );
        }
        b.logo_url = b
            .logo_url
            .take()
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty());
        if let Some(u) = &b.logo_url
            && (!u.starts_with("https://") || u.len() > 500 || u.contains(['"', '<', '>', ' ']))
        {
            bad(
                "logo_url",
                "The logo must be an https:// address of an image.".into(),
            );
        }
        b.support_email = b
            .support_email
            .take()
            .map(|e| e.trim().to_string())
            .filter(|e| !e.is_empty());
        if let Some(e) = &b.support_email
            && super::email::Email::parse(e).is_err()
        {
            bad("support_email", format!("\"{e}\" is not an email address."));
        }
        b.sender = b.sender.trim().to_string();
        if b.sender.parse::<lettre::message::Mailbox>().is_err() {
            bad(
                "sender",
                "Write the sender as Studio <hello@studio.example>.".into(),
            );
        }
        self.timezone = self
            .timezone
            .take()
            .map(|z| z.trim().to_string())
            .filter(|z| !z.is_empty());
        if let Some(z) = &self.timezone
            && jiff::tz::TimeZone::get(z).is_err()
        {
            bad(
                "timezone",
                format!(
                    "\"{z}\" is not a known time zone: use an IANA name such as Europe/Berlin."
                ),
            );
        }
        let f = &self.fees;
        for (field, cents) in [
            ("fees.expedite", f.expedite),
            ("fees.re_edit", f.re_edit),
            ("fees.redo", f.redo),
            ("fees.resize_per_file", f.resize_per_file),
            ("fees.custom_background", f.custom_background),
        ] {
            if !(0..=10_000_000).contains(&cents) {
                bad(field, "A price is between $0 and $100,000.".into());
            }
        }
        let t = &self.turnaround;
        for (field, days) in [
            ("turnaround.standard_days", t.standard_days),
            ("turnaround.expedited_days", t.expedited_days),
            ("turnaround.re_edit_days", t.re_edit_days),
        ] {
            if !(1..=30).contains(&days) {
                bad(field, "Turnaround is 1 to 30 business days.".into());
            }
        }
        if (1..=30).contains(&t.standard_days) && t.expedited_days > t.standard_days {
            bad(
                "turnaround.expedited_days",
                "Expedited cannot take longer than the standard turnaround.".into(),
            );
        }
        self.holidays.sort();
        self.holidays.dedup();
        if self.holidays.len() > 400 {
            bad("holidays", "At most 400 holidays.".into());
        }
        self.reminder_schedule.sort();
        self.reminder_schedule.dedup();
        if self
            .reminder_schedule
            .iter()
            .any(|d| !(-60..=60).contains(d))
        {
            bad(
                "reminder_schedule",
                "Reminder days are between -60 and 60 (relative to the due date).".into(),
            );
        }
        if self.reminder_schedule.len() > 10 {
            bad("reminder_schedule", "At most 10 reminders.".into());
        }
        if self.reminder_hour > 23 {
            bad(
                "reminder_hour",
                "The reminder hour is a whole hour from 0 to 23, e.g. 9 for 09:00.".into(),
            );
        }
        let mut codes = Vec::new();
        for r in &mut self.qc_reasons {
            r.code = r.code.trim().to_string();
            r.label = r.label.trim().to_string();
            let code_ok = !r.code.is_empty()
                && r.code.len() <= 40
                && r.code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !code_ok {
                bad(
                    "qc_reasons",
                    format!(
                        "\"{}\": a code is lower-case letters, digits and _ (e.g. no_hats).",
                        r.code
                    ),
                );
            }
            if r.label.is_empty() || r.label.chars().count() > 120 {
                bad(
                    "qc_reasons",
                    format!(
                        "\"{}\" needs a label the member will read (at most 120 characters).",
                        r.code
                    ),
                );
            }
            if codes.contains(&r.code) {
                bad("qc_reasons", format!("\"{}\" is listed twice.", r.code));
            }
            codes.push(r.code.clone());
        }
        if !codes.iter().any(|c| c == "other") {
            self.qc_reasons.push(QcReason {
                code: "other".into(),
                label: "Other (see the note)".into(),
            });
        }
        let c = &self.checks;
        if !(1_000..=20_000_000).contains(&c.min_photo_bytes) {
            bad(
                "checks.min_photo_bytes",
                "The smallest photo is between 1 KB and 20 MB.".into(),
            );
        }
        if !(1..=80).contains(&c.min_face_percent) {
            bad(
                "checks.min_face_percent",
                "The smallest face is 1 to 80 percent of the photo's height.".into(),
            );
        }
        if c.min_sharpness > 1000 {
            bad(
                "checks.min_sharpness",
                "Sharpness is 0 (off) to 1000.".into(),
            );
        }
        if c.min_brightness >= c.max_brightness || c.max_brightness > 255 {
            bad(
                "checks.min_brightness",
                "Brightness limits are 0–255, the lower below the upper.".into(),
            );
        }
        if !(200..=8000).contains(&c.min_photo_side) {
            bad(
                "checks.min_photo_side",
                "The shortest side is between 200 and 8000 pixels.".into(),
            );
        }
        self.standard_sizes.sort_unstable_by(|a, b| b.cmp(a));
        self.standard_sizes.dedup();
        if self.standard_sizes.is_empty() || self.standard_sizes.len() > 6 {
            bad(
                "standard_sizes",
                "List one to six sizes, e.g. 1600, 800, 400.".into(),
            );
        }
        if self
            .standard_sizes
            .iter()
            .any(|s| !(MIN_SIZE..=MAX_SIZE).contains(s))
        {
            bad(
                "standard_sizes",
                format!("Sizes are between {MIN_SIZE} and {MAX_SIZE} pixels."),
            );
        }
        let mut ratios = Vec::new();
        for r in super::style::Ratio::ALL {
            if self.standard_ratios.contains(&r) {
                ratios.push(r);
            }
        }
        self.standard_ratios = ratios;
        if self.standard_ratios.is_empty() {
            bad(
                "standard_ratios",
                "Deliver at least one shape: 1:1 (square), 4:5 or 3:4.".into(),
            );
        }
        self.rules.check(&mut errors);
        self.invoicing.check(&mut errors);
        self.self_service.check(&mut errors);
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(errors)
        }
    }

    /// When retouching of a photo uploaded at `uploaded` is due, on the
    /// studio calendar (its time zone, weekends and holidays).
    pub fn retouch_due(
        &self,
        uploaded: jiff::Timestamp,
        tz: &jiff::tz::TimeZone,
        expedited: bool,
    ) -> jiff::Timestamp {
        let days = if expedited {
            self.turnaround.expedited_days
        } else {
            self.turnaround.standard_days
        };
        super::business_days::retouch_due(uploaded, tz, days, &self.holidays)
    }

    /// When a re-edit asked for at `asked` is due (its own turnaround).
    pub fn re_edit_due(&self, asked: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> jiff::Timestamp {
        super::business_days::retouch_due(asked, tz, self.turnaround.re_edit_days, &self.holidays)
    }

    /// The studio's time zone, else `fallback` (the server's).
    pub fn zone(&self, fallback: &jiff::tz::TimeZone) -> jiff::tz::TimeZone {
        self.timezone
            .as_deref()
            .and_then(|z| jiff::tz::TimeZone::get(z).ok())
            .unwrap_or_else(|| fallback.clone())
    }

    pub fn qc_reason(&self, code: &str) -> Option<&QcReason> {
        self.qc_reasons.iter().find(|r| r.code == code)
    }
}

#[cfg(test)]
#[path = "studio_settings_tests.rs"]
mod tests;
