# Teamshot — English messages: the reference every other language's file
# holds the same ids of. Members' pages and every member and leader email.
# Arguments are written { $name }; numbers choose plural forms.

## Dates and times (see src/i18n/dates.rs)

weekday-short = { $day ->
    [1] Mon
    [2] Tue
    [3] Wed
    [4] Thu
    [5] Fri
    [6] Sat
   *[7] Sun
}
month-short = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
}
date-short = { $weekday } { $day } { $month }
date-short-year = { $weekday } { $day } { $month } { $year }
date-time = { $date }, { $time }
days-ahead = { $days ->
    [0] today
    [1] tomorrow
   *[other] in { $days } days
}
days-ago = { $days ->
    [1] yesterday
   *[other] { $days } days ago
}

## The page frame

skip-to-content = Skip to content
please-fix = Please fix the following:

## Headshot statuses

status-invited = Invited
status-email_opened = Email Opened
status-tutorial_started = Tutorial Started
status-in_quality_check = In Quality Check
status-in_retouching = In Retouching
status-re_edit_requested = Re-edit Requested
status-new_photo_requested = New Photo Requested
status-delivered = Delivered (Awaiting Approval)
status-approved = Approved

## The member's page

member-title = Your headshot
member-hello = Hello { $name }
member-for-team = Your headshot for { $team }.
member-on-behalf = You are on this member's page as a leader of the team: what you do here is recorded under your name, and it does not count as the member opening their email.
progress-label = Your headshot's progress
step-done = Done:
step-now = Now:
step-later = Later:
step-invited = Invited
step-photo = Your photo
step-check = Quality check
step-retouching = Retouching
step-review = Ready to review
step-approved = Approved
status-line = Status:
photo-due = { $date } ({ $relative })
due-by = by { $date }
due-late = as soon as you can (it was due { $date })
next-upload = Next: take or choose a photo and upload it { $by }.
next-new-photo = Next: upload a new photo { $by } — what to change is just below.
next-check = Next: our quality check team looks at your photo; once it passes, your retouched headshot is due by { $date }.
next-check-undated = Next: our quality check team looks at your photo; once it passes, a retoucher finishes your headshot.
next-retouching = Next: a retoucher finishes your headshot by { $date }. We will email you when it is ready.
next-retouching-undated = Next: a retoucher finishes your headshot. We will email you when it is ready.
next-re-edit = Next: a retoucher makes the changes you asked for by { $date }. We will email you when they are done.
next-re-edit-undated = Next: a retoucher makes the changes you asked for. We will email you when they are done.
next-delivered = Next: look at your headshot below, then approve it to download your files — or ask for changes.
next-approved = All done: your files are below.
sent-photo = The photo you sent
before-start = Before you start
before-start-text = A short tutorial helps you take a photo our retouchers can turn into a great headshot. It takes two minutes.
start-tutorial = Start the tutorial
needs-new-photo = Our quality check team needs a new photo:
qc-note = Note: { $note }
photo-received = We have your photo; our quality check team will look at it soon. You can still replace it.
upload-label = Take or choose a photo
upload-hint = (JPEG, PNG, WebP or HEIC, at least { $kb } KB, shorter side at least { $side } px)
upload-how = On a phone, this offers the camera and your photo library: a recent photo you like works as well as a new one.
upload-button = Upload my photo
upload-busy = Sending and checking your photo…
upload-thanks = Thank you! Your photo passed the automatic checks and is with our quality check team.
error-too-large = The file is larger than the { $limit } limit: send a smaller copy of the photo.
error-unreadable = What was sent could not be read. Please choose the photo again and send it once more.
error-re-edit-notes = Say what to change (up to 2000 characters), e.g. “soften the shadow on the left”.
being-retouched = Your photo passed the quality check and is being retouched.
files-preparing = Your headshot is delivered and its files are being prepared — this takes a few seconds. This page reloads by itself; or
reload-now = reload it now
ready-to-approve = Your headshot is ready. Approve it to download the full-resolution files.
watermarked-alt = Watermarked preview of your headshot
files-to-come = { $count ->
    [one] Approving gives you one file without a watermark
   *[other] Approving gives you { $count } files without a watermark
}
file-kind = { $shape } · { $size } { $format }
file-kind-background = { $background } background · { $shape } · { $size } { $format }
shape-square = square
shape-rounded = rounded corners
shape-circle = circle
approve-button = Approve my headshot
approved-thanks = Approved — thank you! Your files:
final-alt = Your headshot
download-zip = Download all files (ZIP)
download-file = Download { $size } { $format }

## The tutorial

tutorial-light = Light.
tutorial-light-text = Face a window or a lamp so your face is evenly lit. No bright light behind you, no harsh sun or flash.
tutorial-distance = Distance.
tutorial-distance-text = Hold the phone at arm's length at eye level, or ask a colleague to take it from about 1.5 m.
tutorial-framing = Framing.
tutorial-framing-text = Head and shoulders, face in the upper middle, some space above your head. Keep the phone upright.
tutorial-background = Background.
tutorial-background-text = A plain wall works best. Only you in the picture.
tutorial-attire = Attire.
tutorial-attire-text = What you would wear to an important meeting. No hats or sunglasses.
team-asks-for = { $team } asks for:
checks-explained = Your photo is checked the moment you send it: one face, large enough and in the frame, upright, sharp, well lit, and a real photo (not a screenshot). If something is off you will see what to change right away.

## The instant photo checks (codes as the API reports them)

check-file_too_small = The file is { $size } KB; photos must be at least { $min } KB. Send the original photo from your camera or phone, not a thumbnail, a screenshot or a copy shrunk by a messaging app.
check-unsupported_format = This file is not a JPEG, PNG, WebP or HEIC photo. Take the photo with your phone's camera, or export it as JPEG.
check-too_many_pixels = The photo is { $width }×{ $height } pixels ({ $megapixels } megapixels), more than the { $max } megapixels we accept. Upload a smaller version of it.
check-resolution_too_low = The photo is { $width }×{ $height } pixels; its shorter side must be at least { $min } pixels. Use the original photo rather than a resized copy.
check-unreadable = The photo could not be read: the file is damaged or incomplete. Upload the original file again.
check-screenshot = This looks like a screenshot or a graphic, not a photo. Take a photo with your phone's camera instead.
check-no_face = We could not find a face. Face the camera from about an arm's length away, with your whole face visible and in good light, and take the photo again.
check-several_faces = We found more than one face. The photo should show only you: ask others to step out of the picture.
check-face_too_small = Your face is too small in the picture. Move closer (about an arm's length) so your head and shoulders fill the frame.
check-face_cut_off = Part of your head is cut off. Leave some space above your head and on both sides.
check-face_off_centre = Your face should be in the upper middle of the picture. Hold the camera straight in front of you at eye level.
check-tilted = The photo is sideways or your head is tilted. Hold the phone upright and look straight at it.
check-blurry = The photo is blurry (or enlarged from a small picture). Hold the phone still, tap your face to focus, and send the original photo.
check-too_dark = The photo is too dark. Face a window or a lamp so your face is evenly lit.
check-too_bright = The photo is too bright. Avoid direct sunlight or flash on your face; soft daylight works best.

## The instant preview

draft-alt = Preview of your headshot in your team's style, watermarked
draft-caption = A first look, made automatically from your photo. A retoucher will still perfect it before you receive it.
draft-preparing = Your preview is being prepared — this takes a few seconds.
draft-progress = Preparing your preview

## Re-edits, re-dos and paid requests

spend-what-re_edit = a re-edit
spend-what-redo = a re-do with a new photo
spend-what-other = a paid change
spend-waiting = Your request for { $what } ({ $amount }) is waiting for your team leader's approval (asked { $when }). We start as soon as they approve.
spend-approved = Your team leader approved the { $amount } charge for { $what } ({ $when }). We start as soon as the payment is through.
spend-declined = Your team leader declined the { $amount } charge for { $what } ({ $when }). You can talk to them and ask again.
spend-asked = Thanks: your team leader has been asked to approve the { $amount } charge. We start as soon as they do, and this page will say so.
re-edit-summary = Ask for changes (re-edit)
re-edit-label = What should the retoucher change?
re-edit-placeholder = e.g. soften the shadow under the left eye
free-until = Free under our Happiness Guarantee until { $date }.
re-edit-cost = A re-edit costs { $price }.
re-edit-cost-leader = A re-edit costs { $price }, paid by your team: your team leader approves the charge first.
re-edit-button = Ask for a re-edit
re-edit-free-thanks = Thanks: the retoucher will make your changes (free under the Happiness Guarantee).
re-edit-paid-thanks = Thanks: the retoucher will make your changes (invoice #{ $invoice }).
ask-leader-button = Ask my team leader
sending = Sending…
redo-summary = Send a new photo instead (re-do)
redo-label = Take or choose a new photo
redo-hint = (checked at once, like the first one)
redo-cost = A re-do costs { $price }.
redo-cost-leader = A re-do costs { $price }, paid by your team: your team leader approves the charge first.
redo-button = Send the new photo
redo-busy = Checking your photo…
redo-thanks = Thank you! Your new photo passed the automatic checks and is with our quality check team.

## Emails to members

mail-hello = Hello { $name },
mail-thanks = Thank you,
mail-personal-link = Start here (this link is personal to you):
mail-personal-footer = This link is personal to you: please do not forward it.
welcome-subject = { $studio }: your headshot for { $team }
welcome-subject-refresh = { $studio }: time for a new headshot for { $team }
welcome-intro = { $team } has asked { $studio } to create your professional headshot.
welcome-intro-refresh = { $team } is refreshing its headshots and has asked { $studio } to create a new one of you. Your current headshot stays in use until you approve the new one.
welcome-photo-sent = We have your photo. This is your personal link to your headshot: it shows where it stands, and lets you review and approve it once it is ready.
welcome-steps = It takes a few minutes: a short guided tutorial, then one photo taken with your phone. Please upload it by { $date }.
welcome-button = Start my headshot
welcome-address = Or open this address:
reminder-subject = Reminder: your headshot for { $team } is due { $date }
reminder-new-photo-subject = Reminder: { $team } still needs a new photo from you
reminder-text = A friendly reminder: { $team } is waiting for your photo for your professional headshot. Please upload it by { $date }; it takes a few minutes with your phone.
reminder-new-photo-text = A friendly reminder: our quality check team asked you for a new photo for your professional headshot with { $team }, and we have not received it yet. Your page says what to change; it takes a few minutes with your phone.
reminder-button = Take my photo
new-photo-subject = { $studio }: please send a new photo
new-photo-text = Our quality check team looked at your photo and needs a new one:
new-photo-note = Note from the studio:
new-photo-button = Upload a new photo
new-photo-here = Upload a new photo here:
delivered-subject = { $studio }: your headshot is ready for review
delivered-text = Your headshot for { $team } is ready. Review it, then approve it to download the full-resolution files, or ask for changes.
delivered-button = See my headshot

## Emails to team leaders

notice-footer = You receive this as a leader of { $team }.
notice-unsubscribe = Unsubscribe from { $what }
notice-choose = Choose your email notices
notice-what-digest = the digest of your team's headshots
notice-what-new_photo = an email each time a member is asked for a new photo
notice-what-credits_low = an email when your team is running out of credits
notice-what-spend_request = an email when a member asks the team to pay for a re-edit or re-do
notice-new-photo-subject = { $member } needs to send a new photo
notice-new-photo-text = Our quality check asked { $member } for a new photo for their headshot with { $team }.
notice-new-photo-what = What to change:
notice-new-photo-help = We have emailed { $member } what to do. A word from you may help them send it soon.
notice-new-photo-button = Open their headshot
credits-low-subject = { $team }: { $credits ->
    [one] 1 credit left
   *[other] { $credits } credits left
}
credits-low-text = { $team } has { $credits ->
    [one] 1 credit
   *[other] { $credits } credits
} left. Each invitation uses one, so add credits before you invite more people.
credits-low-button = Add credits
spend-request-subject = { $member } asks the team to pay for { $what } ({ $amount })
spend-request-text = { $member } asks { $team } to pay for { $what } ({ $amount }): the Happiness Guarantee has ended for their headshot.
spend-request-notes = What they would like changed:
spend-request-nothing-yet = Nothing is charged until you approve.
spend-request-button = Approve or decline
digest-subject-daily = { $team }: your daily headshot digest
digest-subject-weekly = { $team }: your weekly headshot digest
digest-intro = Here is where { $team }'s headshots stand.
digest-overdue = Overdue: no photo yet
digest-new_photo = Asked for a new photo
digest-delivered = Delivered, waiting for approval
digest-approved = Approved
digest-more = and { $count } more
digest-asked = asked { $date }
digest-was-due = was due { $date }
digest-delivered-on = delivered { $date }
digest-approved-on = approved { $date }
digest-credits = Credits left:
digest-button = Open the dashboard
digest-your-dashboard = Your dashboard:

## Sign-in links and the studio's answers (to leaders)

signin-subject = Your sign-in link for { $studio }
signin-subject-invited = You are invited to manage { $team }'s headshots
signin-invited = { $inviter } invited you to manage { $team }'s headshots with { $studio }.
signin-asked = Here is the sign-in link you asked for.
signin-button = Sign in
signin-once = The link works once, for { $valid }.
signin-ignore = If you did not expect this email, you can ignore it.
signin-subject-team = { $team }'s headshots with { $studio } are ready for you
signin-team-created = { $studio } has opened { $team }'s headshot account with you as its leader: sign in to buy credits, choose your style and invite your colleagues.
signin-also-leads = { $team } now sits beside your other teams in the same account: switch between them from the menu at the top of your dashboard.
signin-accept-invite = { $team } joins your account once you accept: sign in, then answer on your dashboard.
signin-subject-staff = You are invited to join { $studio }
signin-staff-invited = { $inviter } invited you to join { $studio } as { $role }. Sign in with this link, then choose your password.
signup-subject = Confirm your email to open { $team }'s headshot account with { $studio }
signup-lead = You asked to open { $team }'s headshot account with { $studio }. Confirm your email address to create it: you will be its leader.
signup-button = Confirm my email
join-subject = Confirm your email to get your headshot with { $team }
join-lead = You asked to join { $team }'s headshots with { $studio }. Confirm your email address to start: you will go straight to your photo tutorial.
valid-days = { $days ->
    [one] 1 day
   *[other] { $days } days
}
valid-minutes = { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
answer-subject = { $studio }: an answer to your request ({ $kind })
answer-intro = { $studio } answered { $team }'s request ({ $kind }):
answer-your-request = Your request:
answer-see-all = See every request and answer
support-kind-background_correction = Background correction
support-kind-resize = Resize
support-kind-custom_background = Custom background
support-kind-other = Something else

## The quality check's default reasons (a studio's own wording is shown as written)

qc-reason-business_attire = Please wear business attire
qc-reason-face_camera = Face the camera
qc-reason-no_sunglasses_or_hats = No sunglasses or hats
qc-reason-no_other_people = No other people in the photo
qc-reason-even_lighting = Use even lighting on your face
qc-reason-shoulders_visible = Make sure your shoulders are visible
qc-reason-in_focus = The photo is blurry: hold the phone still
qc-reason-plain_background = Stand in front of a plain background
qc-reason-other = Other (see the note)

## Personal data
data-title = Your data
data-intro = Download everything held about you for this team (your details, photos, headshots and their history), or have it all erased.
data-download = Download my data (ZIP)
data-erase-summary = Erase my data
data-erase-warning = This deletes your photos and headshots, your name and your address, for good. It cannot be undone, and the credit used for your headshot is not returned.
data-erase-confirm = I understand: erase my data
data-erase-button = Erase everything
data-erase-unconfirmed = Tick the box to confirm the erasure: nothing was erased.
data-erased-title = Your data is erased
data-erased-text = Your photos, headshots, name and address are deleted. This personal link no longer opens anything.

## Intake questions
intake-title = About you
intake-first = Your team asks for these details before your photo; they go with your headshot.
intake-change = Your answers to your team's questions. Change them here if needed.
intake-optional = (optional)
intake-save = Save my answers
intake-saved = Thank you: your answers are saved.
slack-title = Your Slack photo
slack-intro = Your team uses the Slack workspace { $workspace }. Sign in to Slack and allow it once: your approved headshot becomes your Slack profile photo. Nothing else in Slack changes.
slack-button = Use my headshot on Slack
slack-again = Set it on Slack again
slack-at-approval = Allowed: your headshot becomes your Slack photo as soon as it is approved.
slack-on-its-way = Your Slack photo is being set…
slack-pushed = Your headshot is your Slack photo in { $workspace } ✓
slack-failed = Your Slack photo could not be set. Allow it again to try once more.
slack-expired = This Slack permission expired or was already used: use the button again.
slack-not-granted = Slack did not give the permission, so nothing changed. You can try again.
slack-other-workspace = That was not the { $workspace } workspace: sign in to your company's Slack and try again.
slack-other-person = That Slack account is { $account }, not the address your headshot was sent to. Sign in to Slack as yourself, or ask your team leader to correct your address.
