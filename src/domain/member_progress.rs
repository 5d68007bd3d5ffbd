//! Where a member stands, as the member's page shows it: six steps from the
//! invitation to approval, which one they are at, and what happens next in
//! plain words.

use super::HeadshotStatus;
use crate::i18n::Tr;

/// The steps, in order: their message ids in `locales/`.
pub const STEPS: [&str; 6] = [
    "step-invited",
    "step-photo",
    "step-check",
    "step-retouching",
    "step-review",
    "step-approved",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Done,
    Current,
    ToDo,
}

impl StepState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Current => "current",
            Self::ToDo => "todo",
        }
    }
}

/// The step a headshot in `status` is at (an index into [`STEPS`]).
pub fn current_step(status: HeadshotStatus) -> usize {
    use HeadshotStatus::*;
    match status {
        Invited | EmailOpened | TutorialStarted | NewPhotoRequested => 1,
        InQualityCheck => 2,
        InRetouching | ReEditRequested => 3,
        Delivered => 4,
        Approved => 5,
    }
}

/// Every step with its state; once approved, all are done.
pub fn steps(status: HeadshotStatus) -> Vec<(&'static str, StepState)> {
    let at = current_step(status);
    STEPS
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let state = if i < at || status == HeadshotStatus::Approved {
                StepState::Done
            } else if i == at {
                StepState::Current
            } else {
                StepState::ToDo
            };
            (*label, state)
        })
        .collect()
}

/// What happens next, in the member's words and language. `photo_due` is
/// the day the photo is due ("Mon 16 Mar (in 3 days)"), `late` whether it
/// has passed; `retouch_due` when the retouched headshot is due, once known.
pub fn next_step(
    tr: &Tr,
    status: HeadshotStatus,
    photo_due: &str,
    late: bool,
    retouch_due: Option<&str>,
) -> String {
    use HeadshotStatus::*;
    let by_photo = if late {
        tr.t1("due-late", "date", photo_due)
    } else {
        tr.t1("due-by", "date", photo_due)
    };
    // With the retouching's due date when it is known, without otherwise.
    let dated = |key: &str| match retouch_due {
        Some(d) => tr.t1(key, "date", d),
        None => tr.t(format!("{key}-undated")),
    };
    match status {
        Invited | EmailOpened | TutorialStarted => tr.t1("next-upload", "by", by_photo),
        NewPhotoRequested => tr.t1("next-new-photo", "by", by_photo),
        InQualityCheck => dated("next-check"),
        InRetouching => dated("next-retouching"),
        ReEditRequested => dated("next-re-edit"),
        Delivered => tr.t("next-delivered"),
        Approved => tr.t("next-approved"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use HeadshotStatus::*;

    #[test]
    fn every_status_has_its_step_and_the_steps_run_in_order() {
        let order = [
            Invited,
            TutorialStarted,
            InQualityCheck,
            InRetouching,
            Delivered,
            Approved,
        ];
        let steps_at: Vec<usize> = order.iter().map(|s| current_step(*s)).collect();
        assert!(steps_at.windows(2).all(|w| w[0] <= w[1]), "{steps_at:?}");
        assert_eq!(current_step(NewPhotoRequested), 1, "back to the photo");
        assert_eq!(current_step(ReEditRequested), 3, "back to retouching");
        let s = steps(InRetouching);
        assert_eq!(s[2].1, StepState::Done);
        assert_eq!(s[3].1, StepState::Current);
        assert_eq!(s[4].1, StepState::ToDo);
        assert!(steps(Approved).iter().all(|(_, st)| *st == StepState::Done));
    }

    #[test]
    fn the_due_wording_fits_the_status() {
        let tr = Tr::new(crate::domain::Lang::En, Default::default());
        let next_step = |s, due: &str, late, retouch| next_step(&tr, s, due, late, retouch);
        let wait = next_step(Invited, "Mon 16 Mar (in 3 days)", false, None);
        assert!(wait.contains("upload it by Mon 16 Mar"), "{wait}");
        let late = next_step(NewPhotoRequested, "Mon 16 Mar", true, None);
        assert!(late.contains("as soon as you can"), "{late}");
        let retouch = next_step(InRetouching, "Mon 16 Mar", true, Some("Thu 5 Mar"));
        assert!(retouch.contains("by Thu 5 Mar"), "{retouch}");
        assert!(
            !retouch.contains("Mon 16 Mar"),
            "no photo due date once sent"
        );
        for s in [Delivered, Approved] {
            let n = next_step(s, "Mon 16 Mar", false, None);
            assert!(!n.contains("upload"), "{s:?}: {n}");
        }
    }
}
