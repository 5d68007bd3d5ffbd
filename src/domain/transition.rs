//! The headshot state machine: which moves are legal, from which status, by whom.
//!
//! Every status change in the product goes through [`transition`], so the web
//! pages, the API and the jobs cannot disagree about what is allowed.

use super::{HeadshotStatus, StaffRole};
use std::fmt;

/// Who asks for a move. Share-link holders and team API tokens act as leaders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Member,
    Leader,
    Staff(StaffRole),
    System,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The welcome email was opened (pixel) or its link followed.
    OpenEmail,
    /// The member began the guided tutorial.
    StartTutorial,
    /// A photo was uploaded by the member or by a leader on their behalf.
    UploadPhoto,
    QcPass,
    QcRequestNewPhoto,
    /// A leader goes ahead with a photo the QC team flagged.
    MoveForward,
    Deliver,
    /// The draft of a photo that passed the quality check delivers itself
    /// (Express teams). Never for a re-edit: those go to a human.
    ExpressDeliver,
    Approve,
    RequestReEdit,
    /// A new photo after delivery (re-do).
    Redo,
    Delete,
    /// Support staff end a headshot at any point before approval (a photo
    /// uploaded included), with a reason.
    Cancel,
}

impl Action {
    pub const ALL: [Action; 13] = [
        Self::OpenEmail,
        Self::StartTutorial,
        Self::UploadPhoto,
        Self::QcPass,
        Self::QcRequestNewPhoto,
        Self::MoveForward,
        Self::Deliver,
        Self::ExpressDeliver,
        Self::Approve,
        Self::RequestReEdit,
        Self::Redo,
        Self::Delete,
        Self::Cancel,
    ];

    fn describe(self) -> &'static str {
        match self {
            Self::OpenEmail => "mark the welcome email as opened",
            Self::StartTutorial => "start the tutorial",
            Self::UploadPhoto => "upload a photo",
            Self::QcPass => "pass the quality check",
            Self::QcRequestNewPhoto => "request a new photo",
            Self::MoveForward => "move forward with this photo",
            Self::Deliver => "deliver the headshot",
            Self::ExpressDeliver => "deliver the automatic cut-out without a retoucher",
            Self::Approve => "approve the headshot",
            Self::RequestReEdit => "request a re-edit",
            Self::Redo => "upload a new photo for a re-do",
            Self::Delete => "delete the headshot",
            Self::Cancel => "cancel the headshot",
        }
    }

    /// Whether `actor` may ever take this action, whatever the status.
    fn permitted(self, actor: Actor) -> bool {
        use Actor::*;
        match self {
            Self::OpenEmail | Self::StartTutorial => matches!(actor, Member | System),
            Self::UploadPhoto | Self::Approve | Self::RequestReEdit | Self::Redo => {
                matches!(actor, Member | Leader)
            }
            Self::MoveForward | Self::Delete => actor == Leader,
            Self::Cancel => matches!(actor, Staff(r) if r.allows(StaffRole::Success)),
            Self::QcPass | Self::QcRequestNewPhoto => {
                matches!(actor, Staff(r) if r.allows(StaffRole::Qc))
            }
            Self::Deliver => matches!(actor, Staff(r) if r.allows(StaffRole::Retoucher)),
            Self::ExpressDeliver => actor == System,
        }
    }

    /// What the move needs to have happened first, in words for the refusal.
    fn precondition(self) -> &'static str {
        match self {
            Self::OpenEmail | Self::StartTutorial => "before a photo is uploaded",
            Self::UploadPhoto => {
                "before the photo has passed the quality check, or when a new photo was requested"
            }
            Self::QcPass | Self::QcRequestNewPhoto => "while the headshot is in quality check",
            Self::MoveForward => "while a new photo is requested",
            Self::Deliver => "while the headshot is in retouching or a re-edit was requested",
            Self::ExpressDeliver => "while the headshot is in retouching (not for a re-edit)",
            Self::Approve => "once the headshot has been delivered and before it is approved",
            Self::RequestReEdit | Self::Redo => "once the headshot has been delivered",
            Self::Delete => {
                "until a photo has been uploaded (afterwards, ask the studio's support)"
            }
            Self::Cancel => "until the headshot is approved",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// The move exists but not from the current status (HTTP 409).
    #[error("Cannot {} now: the headshot is {}. This is possible only {}.", .action.describe(), .from.label(), .action.precondition())]
    NotNow {
        from: HeadshotStatus,
        action: Action,
    },
    /// This kind of user may never take this action (HTTP 403 or 404).
    #[error("You are not allowed to {}.", .action.describe())]
    NotPermitted { action: Action },
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::Member => f.write_str("member"),
            Actor::Leader => f.write_str("leader"),
            Actor::Staff(r) => write!(f, "staff ({})", r.as_str()),
            Actor::System => f.write_str("system"),
        }
    }
}

/// The status after `action`, or why it is refused.
///
/// Opening the email and starting the tutorial only ever move a headshot
/// forward: repeating them later (an old email opened again) leaves the status
/// as it is rather than failing.
pub fn transition(
    from: HeadshotStatus,
    action: Action,
    actor: Actor,
) -> Result<HeadshotStatus, TransitionError> {
    use HeadshotStatus::*;
    if !action.permitted(actor) {
        return Err(TransitionError::NotPermitted { action });
    }
    let to = match (action, from) {
        (Action::OpenEmail, Invited) => Some(EmailOpened),
        (Action::OpenEmail, _) => Some(from),
        (Action::StartTutorial, Invited | EmailOpened) => Some(TutorialStarted),
        (Action::StartTutorial, _) => Some(from),
        (
            Action::UploadPhoto,
            Invited | EmailOpened | TutorialStarted | NewPhotoRequested | InQualityCheck,
        ) => Some(InQualityCheck),
        (Action::QcPass, InQualityCheck) => Some(InRetouching),
        (Action::QcRequestNewPhoto, InQualityCheck) => Some(NewPhotoRequested),
        (Action::MoveForward, NewPhotoRequested) => Some(InRetouching),
        (Action::Deliver, InRetouching | ReEditRequested) => Some(Delivered),
        (Action::ExpressDeliver, InRetouching) => Some(Delivered),
        (Action::Approve, Delivered) => Some(Approved),
        (Action::RequestReEdit, Delivered | Approved) => Some(ReEditRequested),
        (Action::Redo, Delivered | Approved) => Some(InQualityCheck),
        (Action::Delete, Invited | EmailOpened | TutorialStarted) => Some(from),
        (Action::Cancel, s) if s != Approved => Some(from),
        _ => None,
    };
    to.ok_or(TransitionError::NotNow { from, action })
}

/// The statuses `actor` may take `action` from, in workflow order.
pub fn possible_from(action: Action, actor: Actor) -> Vec<HeadshotStatus> {
    HeadshotStatus::ALL
        .into_iter()
        .filter(|s| transition(*s, action, actor).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use HeadshotStatus::*;
    use proptest::prelude::*;

    fn any_status() -> impl Strategy<Value = HeadshotStatus> {
        prop::sample::select(HeadshotStatus::ALL.to_vec())
    }
    fn any_action() -> impl Strategy<Value = Action> {
        prop::sample::select(Action::ALL.to_vec())
    }
    fn any_actor() -> impl Strategy<Value = Actor> {
        prop::sample::select(vec![
            Actor::Member,
            Actor::Leader,
            Actor::System,
            Actor::Staff(StaffRole::Admin),
            Actor::Staff(StaffRole::Qc),
            Actor::Staff(StaffRole::Retoucher),
            Actor::Staff(StaffRole::Success),
        ])
    }

    #[test]
    fn the_happy_path_reaches_approved() {
        let qc = Actor::Staff(StaffRole::Qc);
        let ret = Actor::Staff(StaffRole::Retoucher);
        let steps = [
            (Action::OpenEmail, Actor::Member, EmailOpened),
            (Action::StartTutorial, Actor::Member, TutorialStarted),
            (Action::UploadPhoto, Actor::Member, InQualityCheck),
            (Action::QcRequestNewPhoto, qc, NewPhotoRequested),
            (Action::UploadPhoto, Actor::Member, InQualityCheck),
            (Action::QcPass, qc, InRetouching),
            (Action::Deliver, ret, Delivered),
            (Action::Approve, Actor::Member, Approved),
        ];
        let mut s = Invited;
        for (action, actor, want) in steps {
            s = transition(s, action, actor).unwrap();
            assert_eq!(s, want, "after {action:?}");
        }
    }

    #[test]
    fn illegal_moves_named_in_the_contract_are_refused() {
        let ret = Actor::Staff(StaffRole::Retoucher);
        assert!(matches!(
            transition(InRetouching, Action::Approve, Actor::Member),
            Err(TransitionError::NotNow { .. })
        ));
        assert!(matches!(
            transition(Approved, Action::UploadPhoto, Actor::Member),
            Err(TransitionError::NotNow { .. })
        ));
        assert!(matches!(
            transition(InQualityCheck, Action::Deliver, ret),
            Err(TransitionError::NotNow { .. })
        ));
        assert!(matches!(
            transition(InQualityCheck, Action::Delete, Actor::Leader),
            Err(TransitionError::NotNow { .. })
        ));
        assert!(matches!(
            transition(InRetouching, Action::MoveForward, Actor::Leader),
            Err(TransitionError::NotNow { .. })
        ));
    }

    #[test]
    fn refusals_explain_the_status_and_what_is_needed() {
        let err = transition(InRetouching, Action::Approve, Actor::Leader).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Cannot approve the headshot now: the headshot is In Retouching. \
             This is possible only once the headshot has been delivered and before it is approved."
        );
    }

    #[test]
    fn only_the_system_delivers_express_and_never_a_re_edit() {
        let ret = Actor::Staff(StaffRole::Retoucher);
        assert_eq!(
            transition(InRetouching, Action::ExpressDeliver, Actor::System),
            Ok(Delivered)
        );
        assert!(matches!(
            transition(ReEditRequested, Action::ExpressDeliver, Actor::System),
            Err(TransitionError::NotNow { .. })
        ));
        for actor in [
            ret,
            Actor::Staff(StaffRole::Admin),
            Actor::Leader,
            Actor::Member,
        ] {
            assert!(matches!(
                transition(InRetouching, Action::ExpressDeliver, actor),
                Err(TransitionError::NotPermitted { .. })
            ));
        }
    }

    #[test]
    fn roles_are_enforced() {
        let qc = Actor::Staff(StaffRole::Qc);
        let admin = Actor::Staff(StaffRole::Admin);
        let success = Actor::Staff(StaffRole::Success);
        assert_eq!(
            transition(InRetouching, Action::Deliver, qc),
            Err(TransitionError::NotPermitted {
                action: Action::Deliver
            })
        );
        assert_eq!(
            transition(InRetouching, Action::Deliver, admin),
            Ok(Delivered)
        );
        assert!(transition(InQualityCheck, Action::QcPass, success).is_err());
        assert!(transition(InQualityCheck, Action::QcPass, Actor::Leader).is_err());
        assert!(transition(NewPhotoRequested, Action::MoveForward, Actor::Member).is_err());
    }

    proptest! {
        /// Approval is reachable only from delivery, delivery only from
        /// retouching, retouching only after a photo: whatever the sequence.
        #[test]
        fn random_walks_respect_the_journey_order(
            moves in prop::collection::vec((any_action(), any_actor()), 0..60)
        ) {
            let mut s = Invited;
            let mut seen_upload = false;
            let mut seen_delivery = false;
            for (action, actor) in moves {
                let before = s;
                match transition(s, action, actor) {
                    Ok(next) => {
                        if next == Approved && before != Approved {
                            prop_assert_eq!(before, Delivered);
                        }
                        if next == Delivered && before != Delivered {
                            prop_assert!(matches!(before, InRetouching | ReEditRequested));
                            prop_assert!(seen_upload);
                            seen_delivery = true;
                        }
                        if next == InRetouching && before != InRetouching {
                            prop_assert!(seen_upload);
                        }
                        if next == InQualityCheck {
                            seen_upload = true;
                        }
                        if before.has_photo() {
                            prop_assert!(next.has_photo(), "a photo is never un-uploaded");
                        }
                        if next == Approved {
                            prop_assert!(seen_delivery);
                        }
                        s = next;
                    }
                    Err(_) => prop_assert_eq!(s, before),
                }
            }
        }

        /// Every action is either permitted for the actor in some status, and
        /// then refused only with NotNow, or refused everywhere with NotPermitted.
        #[test]
        fn permission_does_not_depend_on_status(
            action in any_action(), actor in any_actor(), a in any_status(), b in any_status()
        ) {
            let ra = transition(a, action, actor);
            let rb = transition(b, action, actor);
            let denied = |r: &Result<_, _>| matches!(r, Err(TransitionError::NotPermitted { .. }));
            prop_assert_eq!(denied(&ra), denied(&rb));
        }

        /// Delete is refused for every status once a photo exists.
        #[test]
        fn delete_only_before_upload(s in any_status()) {
            let r = transition(s, Action::Delete, Actor::Leader);
            prop_assert_eq!(r.is_ok(), !s.has_photo());
        }
    }
}
