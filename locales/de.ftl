# Teamshot — German messages (Deutsch): the same ids as en.ftl, the reference
# file, in the same order. Members' pages and every member and leader email.
# Arguments are written { $name }; numbers choose plural forms.

## Dates and times (see src/i18n/dates.rs)

weekday-short = { $day ->
    [1] Mo.
    [2] Di.
    [3] Mi.
    [4] Do.
    [5] Fr.
    [6] Sa.
   *[7] So.
}
month-short = { $month ->
    [1] Jan.
    [2] Feb.
    [3] März
    [4] Apr.
    [5] Mai
    [6] Juni
    [7] Juli
    [8] Aug.
    [9] Sept.
    [10] Okt.
    [11] Nov.
   *[12] Dez.
}
date-short = { $weekday }, { $day }. { $month }
date-short-year = { $weekday }, { $day }. { $month } { $year }
date-time = { $date }, { $time }
days-ahead = { $days ->
    [0] heute
    [1] morgen
   *[other] in { $days } Tagen
}
days-ago = { $days ->
    [1] gestern
   *[other] vor { $days } Tagen
}

## The page frame

skip-to-content = Zum Inhalt springen
please-fix = Bitte korrigieren Sie Folgendes:

## Headshot statuses

status-invited = Eingeladen
status-email_opened = E-Mail geöffnet
status-tutorial_started = Anleitung begonnen
status-in_quality_check = In der Qualitätsprüfung
status-in_retouching = In der Retusche
status-re_edit_requested = Nachbearbeitung angefragt
status-new_photo_requested = Neues Foto angefordert
status-delivered = Geliefert (wartet auf Freigabe)
status-approved = Freigegeben

## The member's page

member-title = Ihr Porträt
member-hello = Hallo { $name }
member-for-team = Ihr Porträt für { $team }.
member-on-behalf = Sie sehen die Seite dieses Mitglieds als Teamleitung: Was Sie hier tun, wird unter Ihrem Namen festgehalten und zählt nicht so, als hätte das Mitglied seine E-Mail geöffnet.
progress-label = Fortschritt Ihres Porträts
step-done = Erledigt:
step-now = Jetzt:
step-later = Später:
step-invited = Eingeladen
step-photo = Ihr Foto
step-check = Qualitätsprüfung
step-retouching = Retusche
step-review = Bereit zur Ansicht
step-approved = Freigegeben
status-line = Status:
photo-due = { $date } ({ $relative })
due-by = bis { $date }
due-late = so bald wie möglich (fällig war es am { $date })
next-upload = Als Nächstes: Machen oder wählen Sie ein Foto und laden Sie es hoch – { $by }.
next-new-photo = Als Nächstes: Laden Sie ein neues Foto hoch – { $by }. Was Sie ändern sollten, steht direkt darunter.
next-check = Als Nächstes: Unser Team für die Qualitätsprüfung sieht sich Ihr Foto an; sobald es die Prüfung besteht, ist Ihr retuschiertes Porträt bis { $date } fertig.
next-check-undated = Als Nächstes: Unser Team für die Qualitätsprüfung sieht sich Ihr Foto an; sobald es die Prüfung besteht, stellt unser Retusche-Team Ihr Porträt fertig.
next-retouching = Als Nächstes: Unser Retusche-Team stellt Ihr Porträt bis { $date } fertig. Wir schicken Ihnen eine E-Mail, sobald es bereit ist.
next-retouching-undated = Als Nächstes: Unser Retusche-Team stellt Ihr Porträt fertig. Wir schicken Ihnen eine E-Mail, sobald es bereit ist.
next-re-edit = Als Nächstes: Unser Retusche-Team nimmt die gewünschten Änderungen bis { $date } vor. Wir schicken Ihnen eine E-Mail, sobald sie erledigt sind.
next-re-edit-undated = Als Nächstes: Unser Retusche-Team nimmt die gewünschten Änderungen vor. Wir schicken Ihnen eine E-Mail, sobald sie erledigt sind.
next-delivered = Als Nächstes: Sehen Sie sich Ihr Porträt unten an und geben Sie es frei, um Ihre Dateien herunterzuladen – oder bitten Sie um Änderungen.
next-approved = Alles erledigt: Ihre Dateien finden Sie unten.
sent-photo = Das Foto, das Sie gesendet haben
before-start = Bevor Sie beginnen
before-start-text = Eine kurze Anleitung hilft Ihnen, ein Foto aufzunehmen, aus dem unser Retusche-Team ein großartiges Porträt machen kann. Das dauert zwei Minuten.
start-tutorial = Anleitung starten
needs-new-photo = Unser Team für die Qualitätsprüfung benötigt ein neues Foto:
qc-note = Hinweis: { $note }
photo-received = Wir haben Ihr Foto erhalten; unser Team für die Qualitätsprüfung sieht es sich bald an. Sie können es noch ersetzen.
upload-label = Foto aufnehmen oder auswählen
upload-hint = (JPEG, PNG, WebP oder HEIC, mindestens { $kb } KB, kürzere Seite mindestens { $side } px)
upload-how = Auf dem Smartphone können Sie hier die Kamera oder Ihre Fotomediathek wählen: Ein aktuelles Foto, das Ihnen gefällt, eignet sich genauso gut wie ein neues.
upload-button = Mein Foto hochladen
upload-busy = Ihr Foto wird gesendet und geprüft…
upload-thanks = Vielen Dank! Ihr Foto hat die automatischen Prüfungen bestanden und liegt jetzt bei unserem Team für die Qualitätsprüfung.
error-too-large = Die Datei ist größer als die Grenze von { $limit }: Senden Sie eine kleinere Kopie des Fotos.
error-unreadable = Das Gesendete konnte nicht gelesen werden. Bitte wählen Sie das Foto erneut und senden Sie es noch einmal.
error-re-edit-notes = Schreiben Sie, was geändert werden soll (bis zu 2000 Zeichen), z. B. „den Schatten links weicher machen“.
being-retouched = Ihr Foto hat die Qualitätsprüfung bestanden und wird gerade retuschiert.
files-preparing = Ihr Porträt ist geliefert und die Dateien werden vorbereitet – das dauert ein paar Sekunden. Diese Seite lädt sich von selbst neu; oder
reload-now = jetzt neu laden
ready-to-approve = Ihr Porträt ist fertig. Geben Sie es frei, um die Dateien in voller Auflösung herunterzuladen.
watermarked-alt = Vorschau Ihres Porträts mit Wasserzeichen
files-to-come = { $count ->
    [one] Mit der Freigabe erhalten Sie eine Datei ohne Wasserzeichen
   *[other] Mit der Freigabe erhalten Sie { $count } Dateien ohne Wasserzeichen
}
file-kind = { $shape } · { $size } { $format }
file-kind-background = Hintergrund { $background } · { $shape } · { $size } { $format }
shape-square = quadratisch
shape-rounded = abgerundete Ecken
shape-circle = rund
approve-button = Mein Porträt freigeben
approved-thanks = Freigegeben – vielen Dank! Ihre Dateien:
final-alt = Ihr Porträt
download-zip = Alle Dateien herunterladen (ZIP)
download-file = { $size } { $format } herunterladen

## The tutorial

tutorial-light = Licht.
tutorial-light-text = Wenden Sie sich einem Fenster oder einer Lampe zu, damit Ihr Gesicht gleichmäßig beleuchtet ist. Kein helles Licht hinter Ihnen, keine grelle Sonne und kein Blitz.
tutorial-distance = Abstand.
tutorial-distance-text = Halten Sie das Smartphone mit ausgestrecktem Arm auf Augenhöhe, oder bitten Sie jemanden aus Ihrem Team, das Foto aus etwa 1,5 m Entfernung aufzunehmen.
tutorial-framing = Bildausschnitt.
tutorial-framing-text = Kopf und Schultern, das Gesicht in der oberen Bildmitte, etwas Platz über dem Kopf. Halten Sie das Smartphone hochkant.
tutorial-background = Hintergrund.
tutorial-background-text = Eine schlichte Wand eignet sich am besten. Nur Sie sind auf dem Bild.
tutorial-attire = Kleidung.
tutorial-attire-text = Das, was Sie zu einem wichtigen Termin tragen würden. Keine Kopfbedeckung und keine Sonnenbrille.
team-asks-for = { $team } wünscht sich:
checks-explained = Ihr Foto wird geprüft, sobald Sie es senden: ein Gesicht, groß genug und im Bild, aufrecht, scharf, gut beleuchtet und ein echtes Foto (kein Screenshot). Stimmt etwas nicht, sehen Sie sofort, was Sie ändern sollten.

## The instant photo checks (codes as the API reports them)

check-file_too_small = Die Datei hat { $size } KB; Fotos müssen mindestens { $min } KB groß sein. Senden Sie das Originalfoto aus Ihrer Kamera oder von Ihrem Smartphone – kein Vorschaubild, keinen Screenshot und keine von einer Messenger-App verkleinerte Kopie.
check-unsupported_format = Diese Datei ist kein Foto im Format JPEG, PNG, WebP oder HEIC. Nehmen Sie das Foto mit der Kamera Ihres Smartphones auf oder exportieren Sie es als JPEG.
check-too_many_pixels = Das Foto hat { $width }×{ $height } Pixel ({ $megapixels } Megapixel), mehr als die { $max } Megapixel, die wir annehmen. Laden Sie eine kleinere Version davon hoch.
check-resolution_too_low = Das Foto hat { $width }×{ $height } Pixel; die kürzere Seite muss mindestens { $min } Pixel lang sein. Verwenden Sie das Originalfoto statt einer verkleinerten Kopie.
check-unreadable = Das Foto konnte nicht gelesen werden: Die Datei ist beschädigt oder unvollständig. Laden Sie die Originaldatei erneut hoch.
check-screenshot = Das sieht nach einem Screenshot oder einer Grafik aus, nicht nach einem Foto. Nehmen Sie stattdessen ein Foto mit der Kamera Ihres Smartphones auf.
check-no_face = Wir konnten kein Gesicht finden. Schauen Sie aus etwa einer Armlänge Abstand in die Kamera, mit vollständig sichtbarem Gesicht und bei gutem Licht, und nehmen Sie das Foto erneut auf.
check-several_faces = Wir haben mehr als ein Gesicht gefunden. Auf dem Foto sollten nur Sie zu sehen sein: Bitten Sie andere, aus dem Bild zu gehen.
check-face_too_small = Ihr Gesicht ist im Bild zu klein. Gehen Sie näher heran (etwa eine Armlänge), sodass Kopf und Schultern das Bild ausfüllen.
check-face_cut_off = Ein Teil Ihres Kopfes ist abgeschnitten. Lassen Sie etwas Platz über dem Kopf und an beiden Seiten.
check-face_off_centre = Ihr Gesicht sollte in der oberen Bildmitte sein. Halten Sie die Kamera gerade vor sich auf Augenhöhe.
check-tilted = Das Foto liegt quer oder Ihr Kopf ist geneigt. Halten Sie das Smartphone hochkant und schauen Sie direkt darauf.
check-blurry = Das Foto ist unscharf (oder aus einem kleinen Bild vergrößert). Halten Sie das Smartphone ruhig, tippen Sie zum Scharfstellen auf Ihr Gesicht und senden Sie das Originalfoto.
check-too_dark = Das Foto ist zu dunkel. Wenden Sie sich einem Fenster oder einer Lampe zu, damit Ihr Gesicht gleichmäßig beleuchtet ist.
check-too_bright = Das Foto ist zu hell. Vermeiden Sie direktes Sonnenlicht oder Blitz auf Ihrem Gesicht; weiches Tageslicht eignet sich am besten.

## The instant preview

draft-alt = Vorschau Ihres Porträts im Stil Ihres Teams, mit Wasserzeichen
draft-caption = Ein erster Eindruck, automatisch aus Ihrem Foto erstellt. Unser Retusche-Team perfektioniert es noch, bevor Sie es erhalten.
draft-preparing = Ihre Vorschau wird vorbereitet – das dauert ein paar Sekunden.
draft-progress = Ihre Vorschau wird vorbereitet

## Re-edits, re-dos and paid requests

spend-what-re_edit = eine Nachbearbeitung
spend-what-redo = eine Wiederholung mit neuem Foto
spend-what-other = eine kostenpflichtige Änderung
spend-waiting = Ihre Anfrage für { $what } ({ $amount }) wartet auf die Freigabe durch Ihre Teamleitung (angefragt: { $when }). Wir beginnen, sobald sie zustimmt.
spend-approved = Ihre Teamleitung hat die Kosten von { $amount } für { $what } freigegeben ({ $when }). Wir beginnen, sobald die Zahlung eingegangen ist.
spend-declined = Ihre Teamleitung hat die Kosten von { $amount } für { $what } abgelehnt ({ $when }). Sie können mit ihr sprechen und erneut anfragen.
spend-asked = Danke: Ihre Teamleitung wurde gebeten, die Kosten von { $amount } freizugeben. Wir beginnen, sobald sie zustimmt, und diese Seite zeigt es dann an.
re-edit-summary = Änderungen anfragen (Nachbearbeitung)
re-edit-label = Was soll unser Retusche-Team ändern?
re-edit-placeholder = z. B. den Schatten unter dem linken Auge abmildern
free-until = Kostenlos im Rahmen unserer Zufriedenheitsgarantie bis { $date }.
re-edit-cost = Eine Nachbearbeitung kostet { $price }.
re-edit-cost-leader = Eine Nachbearbeitung kostet { $price } und wird von Ihrem Team bezahlt: Ihre Teamleitung gibt die Kosten zuerst frei.
re-edit-button = Nachbearbeitung anfragen
re-edit-free-thanks = Danke: Unser Retusche-Team nimmt Ihre Änderungen vor (kostenlos im Rahmen der Zufriedenheitsgarantie).
re-edit-paid-thanks = Danke: Unser Retusche-Team nimmt Ihre Änderungen vor (Rechnung Nr. { $invoice }).
ask-leader-button = Meine Teamleitung fragen
sending = Wird gesendet…
redo-summary = Stattdessen ein neues Foto senden (Wiederholung)
redo-label = Neues Foto aufnehmen oder auswählen
redo-hint = (wird sofort geprüft, wie das erste)
redo-cost = Eine Wiederholung kostet { $price }.
redo-cost-leader = Eine Wiederholung kostet { $price } und wird von Ihrem Team bezahlt: Ihre Teamleitung gibt die Kosten zuerst frei.
redo-button = Neues Foto senden
redo-busy = Ihr Foto wird geprüft…
redo-thanks = Vielen Dank! Ihr neues Foto hat die automatischen Prüfungen bestanden und liegt jetzt bei unserem Team für die Qualitätsprüfung.

## Emails to members

mail-hello = Hallo { $name },
mail-thanks = Vielen Dank
mail-personal-link = Hier geht es los (dieser Link gilt nur für Sie):
mail-personal-footer = Dieser Link gilt nur für Sie: Bitte leiten Sie ihn nicht weiter.
welcome-subject = { $studio }: Ihr Porträt für { $team }
welcome-subject-refresh = { $studio }: Zeit für ein neues Porträt für { $team }
welcome-intro = { $team } hat { $studio } beauftragt, Ihr professionelles Porträt zu erstellen.
welcome-intro-refresh = { $team } erneuert seine Porträts und hat { $studio } beauftragt, ein neues von Ihnen zu erstellen. Ihr aktuelles Porträt bleibt in Gebrauch, bis Sie das neue freigeben.
welcome-photo-sent = Wir haben Ihr Foto erhalten. Dies ist Ihr persönlicher Link zu Ihrem Porträt: Dort sehen Sie den aktuellen Stand und können es ansehen und freigeben, sobald es fertig ist.
welcome-steps = Es dauert nur wenige Minuten: eine kurze Schritt-für-Schritt-Anleitung, dann ein Foto mit Ihrem Smartphone. Bitte laden Sie es bis { $date } hoch.
welcome-button = Mein Porträt starten
welcome-address = Oder öffnen Sie diese Adresse:
reminder-subject = Erinnerung: Ihr Porträt für { $team } ist am { $date } fällig
reminder-new-photo-subject = Erinnerung: { $team } benötigt noch ein neues Foto von Ihnen
reminder-text = Eine freundliche Erinnerung: { $team } wartet auf Ihr Foto für Ihr professionelles Porträt. Bitte laden Sie es bis { $date } hoch; mit Ihrem Smartphone dauert das nur wenige Minuten.
reminder-new-photo-text = Eine freundliche Erinnerung: Unser Team für die Qualitätsprüfung hat Sie um ein neues Foto für Ihr professionelles Porträt mit { $team } gebeten, und wir haben es noch nicht erhalten. Auf Ihrer Seite steht, was Sie ändern sollten; mit Ihrem Smartphone dauert das nur wenige Minuten.
reminder-button = Mein Foto aufnehmen
new-photo-subject = { $studio }: Bitte senden Sie ein neues Foto
new-photo-text = Unser Team für die Qualitätsprüfung hat sich Ihr Foto angesehen und benötigt ein neues:
new-photo-note = Hinweis vom Studio:
new-photo-button = Neues Foto hochladen
new-photo-here = Laden Sie hier ein neues Foto hoch:
delivered-subject = { $studio }: Ihr Porträt ist bereit zur Ansicht
delivered-text = Ihr Porträt für { $team } ist fertig. Sehen Sie es sich an und geben Sie es frei, um die Dateien in voller Auflösung herunterzuladen, oder bitten Sie um Änderungen.
delivered-button = Mein Porträt ansehen

## Emails to team leaders

notice-footer = Sie erhalten diese E-Mail als Teamleitung von { $team }.
notice-unsubscribe = Abbestellen: { $what }
notice-choose = E-Mail-Benachrichtigungen auswählen
notice-what-digest = Übersicht zu den Porträts Ihres Teams
notice-what-new_photo = E-Mails zu angeforderten neuen Fotos
notice-what-credits_low = E-Mails bei wenigen verbleibenden Credits
notice-what-spend_request = E-Mails zu kostenpflichtigen Anfragen von Mitgliedern
notice-new-photo-subject = { $member } muss ein neues Foto senden
notice-new-photo-text = Unsere Qualitätsprüfung hat { $member } um ein neues Foto für das Porträt mit { $team } gebeten.
notice-new-photo-what = Was geändert werden soll:
notice-new-photo-help = Wir haben { $member } per E-Mail erklärt, was zu tun ist. Ein kurzes Wort von Ihnen hilft vielleicht, dass das Foto bald kommt.
notice-new-photo-button = Porträt öffnen
credits-low-subject = { $team }: { $credits ->
    [one] noch 1 Credit
   *[other] noch { $credits } Credits
}
credits-low-text = { $team } hat noch { $credits ->
    [one] 1 Credit
   *[other] { $credits } Credits
}. Jede Einladung verbraucht einen; laden Sie also Credits auf, bevor Sie weitere Personen einladen.
credits-low-button = Credits aufladen
spend-request-subject = { $member } bittet das Team, { $what } zu bezahlen ({ $amount })
spend-request-text = { $member } bittet { $team }, { $what } ({ $amount }) zu bezahlen: Die Zufriedenheitsgarantie für das Porträt ist abgelaufen.
spend-request-notes = Gewünschte Änderungen:
spend-request-nothing-yet = Es wird nichts berechnet, bevor Sie zustimmen.
spend-request-button = Freigeben oder ablehnen
digest-subject-daily = { $team }: Ihre tägliche Porträt-Übersicht
digest-subject-weekly = { $team }: Ihre wöchentliche Porträt-Übersicht
digest-intro = So ist der Stand der Porträts von { $team }.
digest-overdue = Überfällig: noch kein Foto
digest-new_photo = Um ein neues Foto gebeten
digest-delivered = Geliefert, wartet auf Freigabe
digest-approved = Freigegeben
digest-more = und { $count } weitere
digest-asked = angefragt am { $date }
digest-was-due = war fällig am { $date }
digest-delivered-on = geliefert am { $date }
digest-approved-on = freigegeben am { $date }
digest-credits = Verbleibende Credits:
digest-button = Dashboard öffnen
digest-your-dashboard = Ihr Dashboard:

## Anmeldelinks und Antworten des Studios (an Teamleiter)

signin-subject = Ihr Anmeldelink für { $studio }
signin-subject-invited = Sie sind eingeladen, die Porträts von { $team } zu verwalten
signin-invited = { $inviter } hat Sie eingeladen, die Porträts von { $team } bei { $studio } zu verwalten.
signin-asked = Hier ist der Anmeldelink, den Sie angefordert haben.
signin-button = Anmelden
signin-once = Der Link funktioniert einmal und ist { $valid } gültig.
signin-ignore = Wenn Sie diese E-Mail nicht erwartet haben, können Sie sie ignorieren.
signin-subject-team = Die Porträts von { $team } bei { $studio } sind für Sie bereit
signin-team-created = { $studio } hat das Porträt-Konto von { $team } mit Ihnen als Teamleitung eröffnet: Melden Sie sich an, um Credits zu kaufen, Ihren Stil zu wählen und Ihre Kolleginnen und Kollegen einzuladen.
signin-also-leads = { $team } steht jetzt neben Ihren anderen Teams im selben Konto: Wechseln Sie oben auf Ihrem Dashboard zwischen ihnen.
signin-accept-invite = { $team } kommt zu Ihrem Konto, sobald Sie annehmen: Melden Sie sich an und antworten Sie auf Ihrem Dashboard.
signin-subject-staff = Ihre Einladung zu { $studio }
signin-staff-invited = { $inviter } hat Sie als { $role } zu { $studio } eingeladen. Melden Sie sich mit diesem Link an und wählen Sie dann Ihr Passwort.
signup-subject = Bestätigen Sie Ihre E-Mail, um das Porträtkonto von { $team } bei { $studio } zu eröffnen
signup-lead = Sie möchten das Porträtkonto von { $team } bei { $studio } eröffnen. Bestätigen Sie Ihre E-Mail-Adresse, um es anzulegen: Sie werden seine Leitung.
signup-button = E-Mail bestätigen
join-subject = Bestätigen Sie Ihre E-Mail für Ihr Porträt mit { $team }
join-lead = Sie möchten beim Porträt-Shooting von { $team } mit { $studio } mitmachen. Bestätigen Sie Ihre E-Mail-Adresse, um zu beginnen: Sie gelangen direkt zur Foto-Anleitung.
valid-days = { $days ->
    [one] 1 Tag
   *[other] { $days } Tage
}
valid-minutes = { $minutes ->
    [one] 1 Minute
   *[other] { $minutes } Minuten
}
answer-subject = { $studio }: eine Antwort auf Ihre Anfrage ({ $kind })
answer-intro = { $studio } hat auf die Anfrage von { $team } geantwortet ({ $kind }):
answer-your-request = Ihre Anfrage:
answer-see-all = Alle Anfragen und Antworten ansehen
support-kind-background_correction = Hintergrundkorrektur
support-kind-resize = Größenänderung
support-kind-custom_background = Eigener Hintergrund
support-kind-other = Etwas anderes

## Die Standardgründe der Qualitätsprüfung (eigene Formulierungen des Studios bleiben, wie sie sind)

qc-reason-business_attire = Bitte tragen Sie Geschäftskleidung
qc-reason-face_camera = Schauen Sie in die Kamera
qc-reason-no_sunglasses_or_hats = Keine Sonnenbrille, keine Kopfbedeckung
qc-reason-no_other_people = Keine anderen Personen auf dem Foto
qc-reason-even_lighting = Sorgen Sie für gleichmäßiges Licht auf Ihrem Gesicht
qc-reason-shoulders_visible = Achten Sie darauf, dass Ihre Schultern zu sehen sind
qc-reason-in_focus = Das Foto ist unscharf: Halten Sie das Telefon ruhig
qc-reason-plain_background = Stellen Sie sich vor einen schlichten Hintergrund
qc-reason-other = Anderes (siehe Hinweis)

## Personal data
data-title = Ihre Daten
data-intro = Laden Sie alles herunter, was für dieses Team über Sie gespeichert ist (Ihre Angaben, Fotos, Porträts und deren Verlauf), oder lassen Sie alles löschen.
data-download = Meine Daten herunterladen (ZIP)
data-erase-summary = Meine Daten löschen
data-erase-warning = Damit werden Ihre Fotos und Porträts, Ihr Name und Ihre Adresse endgültig gelöscht. Das lässt sich nicht rückgängig machen, und das für Ihr Porträt verwendete Guthaben wird nicht erstattet.
data-erase-confirm = Ich verstehe: meine Daten löschen
data-erase-button = Alles löschen
data-erase-unconfirmed = Bestätigen Sie die Löschung mit dem Kästchen: Es wurde nichts gelöscht.
data-erased-title = Ihre Daten sind gelöscht
data-erased-text = Ihre Fotos, Porträts, Ihr Name und Ihre Adresse sind gelöscht. Dieser persönliche Link öffnet nichts mehr.

## Intake questions
intake-title = Über Sie
intake-first = Ihr Team bittet vor dem Foto um diese Angaben; sie gehören zu Ihrem Porträt.
intake-change = Ihre Antworten auf die Fragen Ihres Teams. Ändern Sie sie hier bei Bedarf.
intake-optional = (optional)
intake-save = Antworten speichern
intake-saved = Danke: Ihre Antworten sind gespeichert.
slack-title = Ihr Slack-Foto
slack-intro = Ihr Team nutzt den Slack-Workspace { $workspace }. Melden Sie sich bei Slack an und erlauben Sie es einmal: Ihr freigegebenes Porträt wird Ihr Slack-Profilfoto. Sonst ändert sich in Slack nichts.
slack-button = Mein Porträt in Slack verwenden
slack-again = Erneut in Slack setzen
slack-at-approval = Erlaubt: Ihr Porträt wird Ihr Slack-Foto, sobald es freigegeben ist.
slack-on-its-way = Ihr Slack-Foto wird gesetzt …
slack-pushed = Ihr Porträt ist Ihr Slack-Foto in { $workspace } ✓
slack-failed = Ihr Slack-Foto konnte nicht gesetzt werden. Erlauben Sie es erneut, um es noch einmal zu versuchen.
slack-expired = Diese Slack-Erlaubnis ist abgelaufen oder wurde schon verwendet: Nutzen Sie die Schaltfläche erneut.
slack-not-granted = Slack hat die Erlaubnis nicht erteilt, es hat sich nichts geändert. Sie können es erneut versuchen.
slack-other-workspace = Das war nicht der Workspace { $workspace }: Melden Sie sich beim Slack Ihres Unternehmens an und versuchen Sie es erneut.
slack-other-person = Dieses Slack-Konto ist { $account }, nicht die Adresse, an die Ihr Porträt ging. Melden Sie sich mit Ihrem eigenen Konto bei Slack an oder bitten Sie Ihre Teamleitung, Ihre Adresse zu korrigieren.
