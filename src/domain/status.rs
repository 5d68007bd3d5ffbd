//! Headshot statuses and the dashboard sections that group them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HeadshotStatus {
    Invited,
    EmailOpened,
    TutorialStarted,
    InQualityCheck,
    InRetouching,
    ReEditRequested,
    NewPhotoRequested,
    Delivered,
    Approved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    TeamMembers,
    InRetouching,
    NewPhotoRequested,
    Completed,
}

impl HeadshotStatus {
    pub const ALL: [HeadshotStatus; 9] = [
        Self::Invited,
        Self::EmailOpened,
        Self::TutorialStarted,
        Self::InQualityCheck,
        Self::InRetouching,
        Self::ReEditRequested,
        Self::NewPhotoRequested,
        Self::Delivered,
        Self::Approved,
    ];

    /// The wire name, as in the API contract and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invited => "invited",
            Self::EmailOpened => "email_opened",
            Self::TutorialStarted => "tutorial_started",
            Self::InQualityCheck => "in_quality_check",
            Self::InRetouching => "in_retouching",
            Self::ReEditRequested => "re_edit_requested",
            Self::NewPhotoRequested => "new_photo_requested",
            Self::Delivered => "delivered",
            Self::Approved => "approved",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The words people see on the dashboard (the help center's names).
    pub fn label(self) -> &'static str {
        match self {
            Self::Invited => "Invited",
            Self::EmailOpened => "Email Opened",
            Self::TutorialStarted => "Tutorial Started",
            Self::InQualityCheck => "In Quality Check",
            Self::InRetouching => "In Retouching",
            Self::ReEditRequested => "Re-edit Requested",
            Self::NewPhotoRequested => "New Photo Requested",
            Self::Delivered => "Delivered (Awaiting Approval)",
            Self::Approved => "Approved",
        }
    }

    pub fn section(self) -> Section {
        match self {
            Self::Invited | Self::EmailOpened | Self::TutorialStarted => Section::TeamMembers,
            Self::InQualityCheck | Self::InRetouching | Self::ReEditRequested => {
                Section::InRetouching
            }
            Self::NewPhotoRequested => Section::NewPhotoRequested,
            Self::Delivered | Self::Approved => Section::Completed,
        }
    }

    /// True once a photo has been uploaded for this headshot (it can no longer
    /// be deleted for a refund).
    pub fn has_photo(self) -> bool {
        !matches!(
            self,
            Self::Invited | Self::EmailOpened | Self::TutorialStarted
        )
    }
}

impl Section {
    pub const ALL: [Section; 4] = [
        Self::TeamMembers,
        Self::InRetouching,
        Self::NewPhotoRequested,
        Self::Completed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::TeamMembers => "team_members",
            Self::InRetouching => "in_retouching",
            Self::NewPhotoRequested => "new_photo_requested",
            Self::Completed => "completed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|se| se.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::TeamMembers => "Team Members",
            Self::InRetouching => "Headshots in Retouching",
            Self::NewPhotoRequested => "New Photo Requested",
            Self::Completed => "Completed Headshots",
        }
    }

    pub fn statuses(self) -> impl Iterator<Item = HeadshotStatus> {
        HeadshotStatus::ALL
            .into_iter()
            .filter(move |s| s.section() == self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip_and_match_serde() {
        for s in HeadshotStatus::ALL {
            assert_eq!(HeadshotStatus::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::Value::String(s.as_str().into())
            );
        }
        for s in Section::ALL {
            assert_eq!(Section::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::Value::String(s.as_str().into())
            );
        }
    }

    #[test]
    fn every_status_sits_in_the_documented_section() {
        use HeadshotStatus::*;
        let team: Vec<_> = Section::TeamMembers.statuses().collect();
        assert_eq!(team, vec![Invited, EmailOpened, TutorialStarted]);
        let retouch: Vec<_> = Section::InRetouching.statuses().collect();
        assert_eq!(retouch, vec![InQualityCheck, InRetouching, ReEditRequested]);
        let done: Vec<_> = Section::Completed.statuses().collect();
        assert_eq!(done, vec![Delivered, Approved]);
    }
}
