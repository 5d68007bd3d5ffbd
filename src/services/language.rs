//! Which language and currency a reader gets: the team's language setting
//! (else the member's browser, else English) and the studio's currency.

use super::{Principal, Result, Services};
use crate::db;
use crate::db::teams::TeamRow;
use crate::domain::{Lang, TeamLanguage};
use crate::i18n::Tr;

impl Services {
    /// Messages in `lang`, amounts in the studio's currency.
    pub async fn tr(&self, lang: Lang) -> Tr {
        let currency = match self.studio_settings().await {
            Ok(s) => s.currency,
            // The page still renders; amounts fall back to the default.
            Err(e) => {
                tracing::warn!(error = %e, "studio settings unreadable; default currency");
                Default::default()
            }
        };
        Tr::new(lang, currency)
    }

    /// The studio's and the leaders' pages (English).
    pub async fn english(&self) -> Tr {
        self.tr(Lang::En).await
    }

    /// A page a member reads: the team's language, else the browser's.
    pub async fn member_tr(&self, team: &TeamRow, browser: Option<&str>) -> Tr {
        let choice = TeamLanguage::from_stored(team.language.as_deref());
        self.tr(choice.for_page(browser)).await
    }

    /// An email about `team`, to a member or a leader: the team's language
    /// (no browser to ask), else English.
    pub async fn email_tr(&self, team: &TeamRow) -> Tr {
        let choice = TeamLanguage::from_stored(team.language.as_deref());
        self.tr(choice.for_email()).await
    }

    /// A leader sets the language of the team's members' pages and emails
    /// (the share link may not).
    pub async fn set_team_language(&self, p: &Principal, choice: TeamLanguage) -> Result<()> {
        let team_id = p
            .accountable_leader_team("the language of the team's pages and emails")?
            .clone();
        db::teams::set_language(&self.db.pool, &team_id, choice.stored()).await?;
        let what = match choice.fixed() {
            Some(l) => format!("set the members' pages and emails to {}", l.name()),
            None => "let each member's browser choose the language of their page".into(),
        };
        self.audit_team(&team_id, p, &what).await
    }
}
