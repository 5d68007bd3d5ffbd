//! Where a member stands, as the member's page shows it: six steps from the
//! invitation to approval, which one they are at, and what happens next in
//! plain words.

use super::HeadshotStatus;

/// The steps, in order.
pub const STEPS: [&str; 6] = [
    "Invited",
    "Your photo",
    "Quality check",
    "Retouching",
    "Ready to review",
    "Approved",
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

/// What happens next, in the member's words. `photo_due` is the day the
/// photo is due ("Mon 16 Mar (in 3 days)"), `late` whether it has passed;
/// `retouch_due` when the retouched headshot is due, once known.
pub fn next_step(
    status: HeadshotStatus,
    photo_due: &str,
    late: bool,
    retouch_due: Option<&str>,
) -> String {
    use HeadshotStatus::*;
    let by_photo = if late {
        format!("as soon as you can (it was due {photo_due})")
    } else {
        format!("by {photo_due}")
    };
    let by_retouch = retouch_due.map(|d| format!(" by {d}")).unwrap_or_default();
    match status {
        Invited | EmailOpened | TutorialStarted => {
            format!("Next: take or choose a photo and upload it {by_photo}.")
        }
        NewPhotoRequested => format!(
            "Next: upload a new photo {by_photo} — what to change is just below."
        ),
        InQualityCheck => format!(
            "Next: our quality check team looks at your photo; once it passes, your retouched headshot is due{by_retouch}."
        ),
        InRetouching => format!(
            "Next: a retoucher finishes your headshot{by_retouch}. We will email you when it is ready."
        ),
        ReEditRequested => format!(
            "Next: a retoucher makes the changes you asked for{by_retouch}. We will email you when they are done."
        ),
        Delivered => {
            "Next: look at your headshot below, then approve it to download your files — or ask for changes.".into()
        }
        Approved => "All done: your files are below.".into(),
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
