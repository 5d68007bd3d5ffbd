//! The languages members' pages and every member and leader email speak,
//! and how one is chosen: the team's setting, else the browser's
//! `Accept-Language`, else English.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A language the product speaks. Its messages live in `locales/{code}.ftl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    De,
    Fr,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::De, Lang::Fr, Lang::Es];

    /// The BCP 47 code: `en`, `de`, `fr`, `es` (also `<html lang>`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Es => "es",
        }
    }

    /// The language's name in itself, as a language menu shows it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
            Lang::Fr => "Français",
            Lang::Es => "Español",
        }
    }

    /// `de`, `de-CH`, `DE_at`: the language, whatever the region.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language a browser prefers among ours, by its `q` weights
    /// (`fr-CH, fr;q=0.9, en;q=0.8`); `None` when it names none of ours.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, usize, Lang)> = None;
        for (i, part) in header.split(',').enumerate() {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(Lang::parse) else {
                continue;
            };
            let q = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            // `q=0` refuses the language (and NaN weighs nothing).
            if q.is_nan() || q <= 0.0 {
                continue;
            }
            // Equal weights: the first named wins, as the browser listed them.
            let better = match best {
                None => true,
                Some((bq, bi, _)) => q > bq || (q == bq && i < bi),
            };
            if better {
                best = Some((q, i, lang));
            }
        }
        best.map(|(_, _, l)| l)
    }
}

/// A team's choice: one language for its members' pages and emails, or each
/// member's browser language (`auto`, the default; emails, which have no
/// browser, are then in English).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TeamLanguage {
    #[default]
    Auto,
    En,
    De,
    Fr,
    Es,
}

impl TeamLanguage {
    pub fn fixed(self) -> Option<Lang> {
        match self {
            TeamLanguage::Auto => None,
            TeamLanguage::En => Some(Lang::En),
            TeamLanguage::De => Some(Lang::De),
            TeamLanguage::Fr => Some(Lang::Fr),
            TeamLanguage::Es => Some(Lang::Es),
        }
    }

    pub const ALL: [TeamLanguage; 5] = [
        TeamLanguage::Auto,
        TeamLanguage::En,
        TeamLanguage::De,
        TeamLanguage::Fr,
        TeamLanguage::Es,
    ];

    /// `auto`, `en`, `de`, `fr`, `es`: as the API and forms write it.
    pub fn code(self) -> &'static str {
        self.fixed().map_or("auto", Lang::code)
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code.trim())
    }

    /// How a language menu names the choice.
    pub fn label(self) -> &'static str {
        self.fixed().map_or(
            "Each member's browser language (emails in English)",
            Lang::name,
        )
    }

    /// As stored in `teams.language` (NULL for `auto`).
    pub fn stored(self) -> Option<&'static str> {
        self.fixed().map(Lang::code)
    }

    pub fn from_stored(code: Option<&str>) -> Self {
        match code.and_then(Lang::parse) {
            None => TeamLanguage::Auto,
            Some(Lang::En) => TeamLanguage::En,
            Some(Lang::De) => TeamLanguage::De,
            Some(Lang::Fr) => TeamLanguage::Fr,
            Some(Lang::Es) => TeamLanguage::Es,
        }
    }

    /// The language of a page: the team's, else the browser's, else English.
    pub fn for_page(self, accept_language: Option<&str>) -> Lang {
        self.fixed()
            .or_else(|| accept_language.and_then(Lang::from_accept_language))
            .unwrap_or_default()
    }

    /// The language of an email (no browser to ask).
    pub fn for_email(self) -> Lang {
        self.fixed().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_language_is_read_with_its_weights() {
        let pick = Lang::from_accept_language;
        assert_eq!(pick("de-CH,de;q=0.9,en;q=0.8"), Some(Lang::De));
        assert_eq!(pick("en-US;q=0.5, fr;q=0.9"), Some(Lang::Fr));
        assert_eq!(pick("ja, es-MX;q=0.3"), Some(Lang::Es), "skips unknown");
        assert_eq!(pick("fr;q=0, de;q=0.1"), Some(Lang::De), "q=0 is a refusal");
        assert_eq!(pick("es, fr"), Some(Lang::Es), "equal weights: the first");
        assert_eq!(pick("ja, zh"), None);
        assert_eq!(pick(""), None);
        assert_eq!(pick("*"), None);
    }

    #[test]
    fn the_team_setting_wins_over_the_browser() {
        assert_eq!(TeamLanguage::Fr.for_page(Some("de")), Lang::Fr);
        assert_eq!(TeamLanguage::Auto.for_page(Some("de")), Lang::De);
        assert_eq!(TeamLanguage::Auto.for_page(None), Lang::En);
        assert_eq!(TeamLanguage::Auto.for_email(), Lang::En);
        assert_eq!(TeamLanguage::Es.for_email(), Lang::Es);
        for t in [TeamLanguage::Auto, TeamLanguage::De] {
            assert_eq!(TeamLanguage::from_stored(t.stored()), t);
        }
    }
}
