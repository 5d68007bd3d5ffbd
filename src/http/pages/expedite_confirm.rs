//! Expediting costs money: the pages show the price and ask before
//! charging (the API call itself charges, as integrations expect).

use super::dashboard::LeaderPage;
use super::{Brand, Chrome, PageResult, render};
use crate::billing::ProviderKind;
use crate::services::Services;
use askama::Template;

#[derive(Template)]
#[template(path = "expedite_confirm.html")]
struct ExpediteConfirm {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    /// Where the confirmation is posted.
    action: String,
    back: String,
    ids: Vec<String>,
    names: Vec<String>,
    fee: String,
    total: String,
    standard_days: i64,
    expedited_days: i64,
    /// Paid through the provider's checkout (else on invoice).
    checkout: bool,
}

/// The question before `ids` are expedited; `action` charges when posted
/// with `confirmed=yes`.
pub(super) async fn ask(
    svc: &Services,
    lp: &LeaderPage,
    ids: Vec<String>,
    action: String,
    back: String,
    c: Chrome,
) -> PageResult {
    let settings = svc.studio_settings().await?;
    let all = svc.list_headshots(&lp.p, &Default::default()).await?;
    // Only the caller's own headshots that can still be expedited are
    // named and priced (the charge itself applies the same rule).
    let (ids, names): (Vec<String>, Vec<String>) = crate::services::team_actions::unique(&ids)
        .iter()
        .filter_map(|id| all.iter().find(|h| h.id == *id))
        .filter(|h| !h.expedited && h.section != crate::domain::Section::Completed)
        .map(|h| {
            let name = format!("{} {}", h.member.first_name, h.member.last_name);
            (h.id.clone(), name)
        })
        .unzip();
    let fee = settings.fees.expedite;
    render(&ExpediteConfirm {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        action,
        back,
        total: c.tr.money(fee * names.len() as i64),
        fee: c.tr.money(fee),
        names,
        ids,
        standard_days: settings.turnaround.standard_days,
        expedited_days: settings.turnaround.expedited_days,
        checkout: svc.settings.billing.provider == ProviderKind::Stripe,
    })
}
