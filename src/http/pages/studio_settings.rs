//! `/studio/settings`: the admin's form over the studio settings. Text
//! fields (lists, dollars, dates) are turned into the settings document here;
//! the rules themselves live in `domain::studio_settings`.

use super::Brand;
use super::studio::{StaffNav, staff};
use super::studio_settings_rules as rules;
use super::{Chrome, PageResult, render};
use crate::domain::invoicing::InvoiceDetails;
use crate::domain::qc_reasons::QcReason;
use crate::domain::studio_settings::{
    Branding, CheckThresholds, Security, StudioSettings, Turnaround, TwoFactorPolicy,
};
use crate::domain::style::Ratio;
use crate::domain::{Cents, FieldError};
use crate::http::extract::{CsrfForm, CsrfToken, MaybeSession};
use crate::services::{Error, Services};
use askama::Template;
use axum::extract::State;
use serde::Deserialize;

/// The form's fields, as text.
#[derive(Debug, Clone, Deserialize)]
pub struct SettingsForm {
    studio_name: String,
    logo_url: String,
    support_email: String,
    sender: String,
    /// ISO 4217 (`USD`); older forms without it keep the dollar.
    #[serde(default = "usd")]
    currency: String,
    /// IANA name; empty: the server's time zone.
    #[serde(default)]
    timezone: String,
    fee_expedite: String,
    fee_re_edit: String,
    fee_redo: String,
    fee_resize_per_file: String,
    fee_custom_background: String,
    standard_days: String,
    expedited_days: String,
    re_edit_days: String,
    holidays: String,
    reminder_schedule: String,
    #[serde(default)]
    reminder_hour: String,
    qc_reasons: String,
    min_photo_kb: String,
    min_photo_side: String,
    min_face_percent: String,
    min_sharpness: String,
    min_brightness: String,
    max_brightness: String,
    standard_sizes: String,
    /// Ticked ratios (`1:1`, `4:5`, `3:4`).
    #[serde(default)]
    standard_ratios: Vec<String>,
    /// `off`, `admins` or `staff`.
    #[serde(default = "policy_off")]
    two_factor: String,
    /// The rules' numbers (absent: the product's defaults).
    #[serde(default)]
    tiers: Option<String>,
    #[serde(default)]
    min_due_days: Option<String>,
    #[serde(default)]
    guarantee_days: Option<String>,
    #[serde(default)]
    reminders_before_attention: Option<String>,
    #[serde(default)]
    extra_backgrounds: Option<String>,
    #[serde(default)]
    reminder_gap_hours: Option<String>,
    #[serde(default)]
    expedite_refund: Option<String>,
    #[serde(default)]
    retention_days: Option<String>,
    /// The Get started page: `on` when open; the block-list, a domain a
    /// line.
    #[serde(default)]
    self_service: Option<String>,
    #[serde(default)]
    blocked_domains: String,
    /// The invoices' details (absent: none).
    #[serde(default)]
    legal_name: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    tax_id: String,
    /// Percent, e.g. `19` or `7.7`.
    #[serde(default)]
    tax_rate: String,
}

fn usd() -> String {
    crate::domain::Currency::Usd.code().into()
}

fn policy_off() -> String {
    TwoFactorPolicy::Off.as_str().into()
}

fn dollars(c: i64) -> String {
    Cents(c).plain()
}

fn join<T: ToString>(v: &[T], sep: &str) -> String {
    v.iter().map(T::to_string).collect::<Vec<_>>().join(sep)
}

impl SettingsForm {
    fn from_settings(s: &StudioSettings) -> Self {
        Self {
            studio_name: s.branding.studio_name.clone(),
            logo_url: s.branding.logo_url.clone().unwrap_or_default(),
            support_email: s.branding.support_email.clone().unwrap_or_default(),
            sender: s.branding.sender.clone(),
            currency: s.currency.code().into(),
            timezone: s.timezone.clone().unwrap_or_default(),
            fee_expedite: dollars(s.fees.expedite),
            fee_re_edit: dollars(s.fees.re_edit),
            fee_redo: dollars(s.fees.redo),
            fee_resize_per_file: dollars(s.fees.resize_per_file),
            fee_custom_background: dollars(s.fees.custom_background),
            standard_days: s.turnaround.standard_days.to_string(),
            expedited_days: s.turnaround.expedited_days.to_string(),
            re_edit_days: s.turnaround.re_edit_days.to_string(),
            holidays: join(&s.holidays, "\n"),
            reminder_schedule: join(&s.reminder_schedule, ", "),
            reminder_hour: s.reminder_hour.to_string(),
            qc_reasons: s
                .qc_reasons
                .iter()
                .map(|r| format!("{} | {}", r.code, r.label))
                .collect::<Vec<_>>()
                .join("\n"),
            min_photo_kb: (s.checks.min_photo_bytes / 1000).to_string(),
            min_photo_side: s.checks.min_photo_side.to_string(),
            min_face_percent: s.checks.min_face_percent.to_string(),
            min_sharpness: s.checks.min_sharpness.to_string(),
            min_brightness: s.checks.min_brightness.to_string(),
            max_brightness: s.checks.max_brightness.to_string(),
            standard_sizes: join(&s.standard_sizes, ", "),
            standard_ratios: s
                .standard_ratios
                .iter()
                .map(|r| r.as_str().to_string())
                .collect(),
            two_factor: s.security.two_factor.as_str().into(),
            tiers: Some(rules::tiers_text(&s.rules)),
            min_due_days: Some(s.rules.min_due_days.to_string()),
            guarantee_days: Some(s.rules.guarantee_days.to_string()),
            reminders_before_attention: Some(s.rules.reminders_before_attention.to_string()),
            extra_backgrounds: Some(s.rules.extra_backgrounds.to_string()),
            reminder_gap_hours: Some(s.rules.reminder_gap_hours.to_string()),
            expedite_refund: Some(s.rules.expedite_refund.as_str().into()),
            retention_days: Some(
                s.rules
                    .retention_days
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            legal_name: s.invoicing.legal_name.clone().unwrap_or_default(),
            address: s.invoicing.address.clone(),
            tax_id: s.invoicing.tax_id.clone().unwrap_or_default(),
            tax_rate: s.invoicing.rate_text(),
            self_service: s.self_service.enabled.then(|| "on".into()),
            blocked_domains: s.self_service.blocked_domains.join("\n"),
        }
    }

    /// The settings document, or every field that could not be read.
    fn to_settings(&self) -> Result<StudioSettings, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut cents = |field: &str, text: &str| match Cents::parse(text) {
            Ok(c) => c.0,
            Err(e) => {
                errors.push(FieldError::new(field, format!("{e}.")));
                0
            }
        };
        let fees = crate::domain::pricing::Fees {
            expedite: cents("fees.expedite", &self.fee_expedite),
            re_edit: cents("fees.re_edit", &self.fee_re_edit),
            redo: cents("fees.redo", &self.fee_redo),
            resize_per_file: cents("fees.resize_per_file", &self.fee_resize_per_file),
            custom_background: cents("fees.custom_background", &self.fee_custom_background),
        };
        let mut number = |field: &str, text: &str| -> i64 {
            text.trim().parse().unwrap_or_else(|_| {
                errors.push(FieldError::new(
                    field,
                    format!("\"{text}\" is not a whole number."),
                ));
                0
            })
        };
        let turnaround = Turnaround {
            standard_days: number("turnaround.standard_days", &self.standard_days),
            expedited_days: number("turnaround.expedited_days", &self.expedited_days),
            re_edit_days: number("turnaround.re_edit_days", &self.re_edit_days),
        };
        let reminder_hour =
            u8::try_from(number("reminder_hour", &self.reminder_hour)).unwrap_or(u8::MAX);
        let min_kb = number("checks.min_photo_bytes", &self.min_photo_kb);
        let min_side = number("checks.min_photo_side", &self.min_photo_side);
        let mut small_number = |field: &str, text: &str| -> u32 {
            u32::try_from(number(field, text)).unwrap_or(u32::MAX)
        };
        let face = small_number("checks.min_face_percent", &self.min_face_percent);
        let sharp = small_number("checks.min_sharpness", &self.min_sharpness);
        let dark = small_number("checks.min_brightness", &self.min_brightness);
        let bright = small_number("checks.max_brightness", &self.max_brightness);
        let list = |text: &str| -> Vec<String> {
            text.split([',', '\n', ';'])
                .map(|p| p.trim().trim_start_matches('+').to_string())
                .filter(|p| !p.is_empty())
                .collect()
        };
        let mut reminder_schedule = Vec::new();
        for d in list(&self.reminder_schedule) {
            match d.parse() {
                Ok(n) => reminder_schedule.push(n),
                Err(_) => errors.push(FieldError::new(
                    "reminder_schedule",
                    format!("\"{d}\" is not a number of days, e.g. -3, -1, 1."),
                )),
            }
        }
        let mut standard_sizes = Vec::new();
        for d in list(&self.standard_sizes) {
            match d.trim_end_matches("px").trim().parse() {
                Ok(n) => standard_sizes.push(n),
                Err(_) => errors.push(FieldError::new(
                    "standard_sizes",
                    format!("\"{d}\" is not a size in pixels, e.g. 1600."),
                )),
            }
        }
        let mut standard_ratios = Vec::new();
        for r in &self.standard_ratios {
            match Ratio::parse(r) {
                Some(r) => standard_ratios.push(r),
                None => errors.push(FieldError::new(
                    "standard_ratios",
                    format!("\"{r}\" is not a ratio: choose 1:1, 4:5 or 3:4."),
                )),
            }
        }
        let mut holidays = Vec::new();
        for d in list(&self.holidays) {
            match d.parse() {
                Ok(date) => holidays.push(date),
                Err(_) => errors.push(FieldError::new(
                    "holidays",
                    format!("\"{d}\" is not a date: write one per line as YYYY-MM-DD."),
                )),
            }
        }
        let mut qc_reasons = Vec::new();
        for line in self
            .qc_reasons
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            match line.split_once('|') {
                Some((code, label)) => qc_reasons.push(QcReason {
                    code: code.trim().into(),
                    label: label.trim().into(),
                }),
                None => errors.push(FieldError::new(
                    "qc_reasons",
                    format!("\"{line}\": write each reason as code | label."),
                )),
            }
        }
        let currency = crate::domain::Currency::parse(&self.currency).unwrap_or_else(|| {
            errors.push(FieldError::new(
                "currency",
                "Choose one of the listed currencies (USD, EUR, GBP, CHF, …).",
            ));
            crate::domain::Currency::Usd
        });
        let two_factor = TwoFactorPolicy::parse(&self.two_factor).unwrap_or_else(|| {
            errors.push(FieldError::new(
                "security.two_factor",
                "Choose who must use two-factor sign-in: nobody, admins, or all staff.",
            ));
            TwoFactorPolicy::Off
        });
        let rules = rules::read_rules(
            &rules::RuleFields {
                tiers: self.tiers.as_deref(),
                min_due_days: self.min_due_days.as_deref(),
                guarantee_days: self.guarantee_days.as_deref(),
                reminders_before_attention: self.reminders_before_attention.as_deref(),
                extra_backgrounds: self.extra_backgrounds.as_deref(),
                reminder_gap_hours: self.reminder_gap_hours.as_deref(),
                expedite_refund: self.expedite_refund.as_deref(),
                retention_days: self.retention_days.as_deref(),
            },
            &mut errors,
        );
        let tax_rate_basis_points =
            InvoiceDetails::parse_rate(&self.tax_rate).unwrap_or_else(|| {
                errors.push(FieldError::new(
                    "invoicing.tax_rate_basis_points",
                    format!(
                        "\"{}\" is not a rate: write the percent, e.g. 19 or 7.7.",
                        self.tax_rate
                    ),
                ));
                0
            });
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(StudioSettings {
            security: Security { two_factor },
            branding: Branding {
                studio_name: self.studio_name.clone(),
                logo_url: Some(self.logo_url.clone()),
                support_email: Some(self.support_email.clone()),
                sender: self.sender.clone(),
            },
            currency,
            timezone: Some(self.timezone.clone()),
            fees,
            rules,
            invoicing: InvoiceDetails {
                legal_name: Some(self.legal_name.clone()),
                address: self.address.clone(),
                tax_id: Some(self.tax_id.clone()),
                tax_rate_basis_points,
            },
            self_service: crate::domain::self_service::SelfService {
                enabled: self.self_service.is_some(),
                blocked_domains: self.blocked_domains.lines().map(str::to_string).collect(),
            },
            turnaround,
            holidays,
            reminder_schedule,
            reminder_hour,
            qc_reasons,
            checks: CheckThresholds {
                min_photo_bytes: (min_kb.max(0) as u64) * 1000,
                min_photo_side: min_side.clamp(0, u32::MAX as i64) as u32,
                min_face_percent: face,
                min_sharpness: sharp,
                min_brightness: dark,
                max_brightness: bright,
            },
            standard_sizes,
            standard_ratios,
        })
    }
}

#[derive(Template)]
#[template(path = "studio_settings.html")]
struct SettingsPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    nav: StaffNav,
    f: SettingsForm,
    /// Each ratio's value, label and whether it is ticked.
    ratios: Vec<(&'static str, &'static str, bool)>,
    /// The server's own time zone, used while the studio sets none.
    server_zone: String,
}

fn page(svc: &Services, c: Chrome, nav: StaffNav, f: SettingsForm) -> PageResult {
    let ratios = [
        ("1:1", "Square (1:1)"),
        ("4:5", "Portrait 4:5"),
        ("3:4", "Portrait 3:4"),
    ]
    .into_iter()
    .map(|(value, label)| (value, label, f.standard_ratios.iter().any(|r| r == value)))
    .collect();
    render(&SettingsPage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        nav,
        f,
        ratios,
        server_zone: svc
            .settings
            .studio_timezone
            .iana_name()
            .unwrap_or("UTC")
            .to_string(),
    })
}

pub async fn show(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
) -> PageResult {
    let (p, nav) = staff(s)?;
    let settings = svc.studio_settings_for(&p).await?;
    page(
        &svc,
        Chrome::new(&svc, &csrf).await,
        nav,
        SettingsForm::from_settings(&settings),
    )
}

pub async fn save(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    CsrfForm(f): CsrfForm<SettingsForm>,
) -> PageResult {
    let (p, nav) = staff(s)?;
    let saved = match f.to_settings() {
        Ok(settings) => svc.save_studio_settings(&p, settings).await,
        Err(errors) => {
            // An admin-only page: refuse others before showing errors.
            svc.studio_settings_for(&p).await?;
            Err(Error::Invalid(errors))
        }
    };
    match saved {
        Ok(s) => {
            let mut c = Chrome::new(&svc, &csrf).await;
            c.notice = "Settings saved. They apply from now on.".into();
            page(&svc, c, nav, SettingsForm::from_settings(&s))
        }
        Err(e @ Error::Invalid(_)) => {
            page(&svc, Chrome::new(&svc, &csrf).await.with_error(&e), nav, f)
        }
        Err(e) => Err(e.into()),
    }
}
