//! Headshot statuses and the dashboard sections that group them.

use super::wire::wire_names;
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

wire_names!(HeadshotStatus {
    Invited => "invited",
    EmailOpened => "email_opened",
    TutorialStarted => "tutorial_started",
    InQualityCheck => "in_quality_check",
    InRetouching => "in_retouching",
    ReEditRequested => "re_edit_requested",
    NewPhotoRequested => "new_photo_requested",
    Delivered => "delivered",
    Approved => "approved",
});

wire_names!(Section {
    TeamMembers => "team_members",
    InRetouching => "in_retouching",
    NewPhotoRequested => "new_photo_requested",
    Completed => "completed",
});

impl HeadshotStatus {
    /// The id of the status's label in the language files (`status-approved`).
    pub fn message_id(self) -> String {
        format!("status-{}", self.as_str())
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

    /// The member owes a photo: none uploaded yet, or the quality check
    /// asked for a new one. Such headshots are reminded, and count as
    /// overdue and as needing attention.
    pub fn owes_photo(self) -> bool {
        !self.has_photo() || self == Self::NewPhotoRequested
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
