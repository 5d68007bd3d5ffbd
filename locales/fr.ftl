# Teamshot — French messages (français): the same ids as en.ftl, the reference
# file, in the same order. Members' pages and every member and leader email.
# Arguments are written { $name }; numbers choose plural forms.

## Dates and times (see src/i18n/dates.rs)

weekday-short = { $day ->
    [1] lun.
    [2] mar.
    [3] mer.
    [4] jeu.
    [5] ven.
    [6] sam.
   *[7] dim.
}
month-short = { $month ->
    [1] janv.
    [2] févr.
    [3] mars
    [4] avr.
    [5] mai
    [6] juin
    [7] juil.
    [8] août
    [9] sept.
    [10] oct.
    [11] nov.
   *[12] déc.
}
date-short = { $weekday } { $day } { $month }
date-short-year = { $weekday } { $day } { $month } { $year }
date-time = { $date } à { $time }
days-ahead = { $days ->
    [0] aujourd’hui
    [1] demain
   *[other] dans { $days } jours
}
days-ago = { $days ->
    [1] hier
   *[other] il y a { $days } jours
}

## The page frame

skip-to-content = Aller au contenu
please-fix = Veuillez corriger les points suivants :

## Headshot statuses

status-invited = Invité
status-email_opened = E-mail ouvert
status-tutorial_started = Tutoriel commencé
status-in_quality_check = En contrôle qualité
status-in_retouching = En retouche
status-re_edit_requested = Nouvelle retouche demandée
status-new_photo_requested = Nouvelle photo demandée
status-delivered = Livré (en attente de validation)
status-approved = Validé

## The member's page

member-title = Votre portrait
member-hello = Bonjour { $name }
member-for-team = Votre portrait pour { $team }.
member-on-behalf = Vous consultez la page de ce membre en tant que responsable de l’équipe : ce que vous faites ici est enregistré à votre nom et ne compte pas comme une ouverture de l’e-mail par le membre.
progress-label = Avancement de votre portrait
step-done = Terminé :
step-now = En cours :
step-later = Plus tard :
step-invited = Invitation
step-photo = Votre photo
step-check = Contrôle qualité
step-retouching = Retouche
step-review = Prêt à consulter
step-approved = Validé
status-line = Statut :
photo-due = { $date } ({ $relative })
due-by = au plus tard le { $date }
due-late = dès que possible (la date prévue était le { $date })
next-upload = Prochaine étape : prenez ou choisissez une photo et envoyez-la { $by }.
next-new-photo = Prochaine étape : envoyez une nouvelle photo { $by } — ce qu’il faut changer est indiqué juste en dessous.
next-check = Prochaine étape : notre équipe de contrôle qualité examine votre photo ; une fois celle-ci validée, votre portrait retouché sera prêt au plus tard le { $date }.
next-check-undated = Prochaine étape : notre équipe de contrôle qualité examine votre photo ; une fois celle-ci validée, un retoucheur finalise votre portrait.
next-retouching = Prochaine étape : un retoucheur finalise votre portrait au plus tard le { $date }. Nous vous enverrons un e-mail dès qu’il sera prêt.
next-retouching-undated = Prochaine étape : un retoucheur finalise votre portrait. Nous vous enverrons un e-mail dès qu’il sera prêt.
next-re-edit = Prochaine étape : un retoucheur apporte les modifications demandées au plus tard le { $date }. Nous vous enverrons un e-mail dès qu’elles seront faites.
next-re-edit-undated = Prochaine étape : un retoucheur apporte les modifications demandées. Nous vous enverrons un e-mail dès qu’elles seront faites.
next-delivered = Prochaine étape : regardez votre portrait ci-dessous, puis validez-le pour télécharger vos fichiers — ou demandez des modifications.
next-approved = C’est terminé : vos fichiers sont ci-dessous.
sent-photo = La photo que vous avez envoyée
before-start = Avant de commencer
before-start-text = Un court tutoriel vous aide à prendre une photo dont nos retoucheurs pourront tirer un excellent portrait. Cela prend deux minutes.
start-tutorial = Commencer le tutoriel
needs-new-photo = Notre équipe de contrôle qualité a besoin d’une nouvelle photo :
qc-note = Remarque : { $note }
photo-received = Nous avons bien reçu votre photo ; notre équipe de contrôle qualité va l’examiner prochainement. Vous pouvez encore la remplacer.
upload-label = Prendre ou choisir une photo
upload-hint = (JPEG, PNG, WebP ou HEIC, au moins { $kb } Ko, côté le plus court d’au moins { $side } px)
upload-how = Sur un téléphone, vous pouvez utiliser l’appareil photo ou votre photothèque : une photo récente qui vous plaît convient aussi bien qu’une nouvelle.
upload-button = Envoyer ma photo
upload-busy = Envoi et vérification de votre photo…
upload-thanks = Merci ! Votre photo a passé les vérifications automatiques et se trouve chez notre équipe de contrôle qualité.
error-too-large = Le fichier dépasse la limite de { $limit } : envoyez une copie plus légère de la photo.
error-unreadable = L’envoi n’a pas pu être lu. Choisissez de nouveau la photo et envoyez-la encore une fois.
error-re-edit-notes = Indiquez ce qu’il faut changer (2000 caractères au plus), par exemple « adoucir l’ombre à gauche ».
being-retouched = Votre photo a passé le contrôle qualité et est en cours de retouche.
files-preparing = Votre portrait est livré et ses fichiers sont en préparation — cela prend quelques secondes. Cette page se recharge d’elle-même ; ou
reload-now = rechargez-la maintenant
ready-to-approve = Votre portrait est prêt. Validez-le pour télécharger les fichiers en pleine résolution.
watermarked-alt = Aperçu filigrané de votre portrait
files-to-come = { $count ->
    [one] En validant, vous recevez { $count } fichier sans filigrane
   *[other] En validant, vous recevez { $count } fichiers sans filigrane
}
file-kind = { $shape } · { $size } { $format }
file-kind-background = fond { $background } · { $shape } · { $size } { $format }
shape-square = carré
shape-rounded = coins arrondis
shape-circle = rond
approve-button = Valider mon portrait
approved-thanks = Validé — merci ! Vos fichiers :
final-alt = Votre portrait
download-zip = Télécharger tous les fichiers (ZIP)
download-file = Télécharger { $size } { $format }

## The tutorial

tutorial-light = Lumière.
tutorial-light-text = Placez-vous face à une fenêtre ou à une lampe pour que votre visage soit éclairé uniformément. Pas de lumière vive derrière vous, pas de soleil direct ni de flash.
tutorial-distance = Distance.
tutorial-distance-text = Tenez le téléphone à bout de bras, à hauteur des yeux, ou demandez à un collègue de prendre la photo à environ 1,5 m.
tutorial-framing = Cadrage.
tutorial-framing-text = La tête et les épaules, le visage dans la partie supérieure centrale, un peu d’espace au-dessus de la tête. Tenez le téléphone à la verticale.
tutorial-background = Arrière-plan.
tutorial-background-text = Un mur uni est idéal. Personne d’autre que vous sur la photo.
tutorial-attire = Tenue.
tutorial-attire-text = Ce que vous porteriez pour une réunion importante. Ni chapeau ni lunettes de soleil.
team-asks-for = { $team } demande :
checks-explained = Votre photo est vérifiée dès son envoi : un seul visage, assez grand et dans le cadre, droit, net, bien éclairé, et une vraie photo (pas une capture d’écran). Si quelque chose ne va pas, vous verrez tout de suite quoi changer.

## The instant photo checks (codes as the API reports them)

check-file_too_small = Le fichier fait { $size } Ko ; les photos doivent faire au moins { $min } Ko. Envoyez la photo d’origine de votre appareil photo ou de votre téléphone, pas une miniature, une capture d’écran ou une copie réduite par une messagerie.
check-unsupported_format = Ce fichier n’est pas une photo JPEG, PNG, WebP ou HEIC. Prenez la photo avec l’appareil photo de votre téléphone, ou exportez-la en JPEG.
check-too_many_pixels = La photo fait { $width }×{ $height } pixels ({ $megapixels } mégapixels), plus que les { $max } mégapixels que nous acceptons. Envoyez-en une version plus petite.
check-resolution_too_low = La photo fait { $width }×{ $height } pixels ; son côté le plus court doit faire au moins { $min } pixels. Utilisez la photo d’origine plutôt qu’une copie redimensionnée.
check-unreadable = La photo n’a pas pu être lue : le fichier est endommagé ou incomplet. Envoyez à nouveau le fichier d’origine.
check-screenshot = Cela ressemble à une capture d’écran ou à un graphique, pas à une photo. Prenez plutôt une photo avec l’appareil photo de votre téléphone.
check-no_face = Nous n’avons pas trouvé de visage. Placez-vous face à l’appareil, à environ une longueur de bras, le visage entièrement visible et bien éclairé, puis reprenez la photo.
check-several_faces = Nous avons trouvé plus d’un visage. La photo ne doit montrer que vous : demandez aux autres personnes de sortir du cadre.
check-face_too_small = Votre visage est trop petit sur la photo. Rapprochez-vous (environ une longueur de bras) pour que votre tête et vos épaules remplissent le cadre.
check-face_cut_off = Une partie de votre tête est coupée. Laissez un peu d’espace au-dessus de votre tête et des deux côtés.
check-face_off_centre = Votre visage doit se trouver dans la partie supérieure centrale de l’image. Tenez l’appareil bien droit devant vous, à hauteur des yeux.
check-tilted = La photo est de travers ou votre tête est inclinée. Tenez le téléphone à la verticale et regardez-le bien en face.
check-blurry = La photo est floue (ou agrandie à partir d’une petite image). Tenez le téléphone immobile, touchez votre visage à l’écran pour faire la mise au point, et envoyez la photo d’origine.
check-too_dark = La photo est trop sombre. Placez-vous face à une fenêtre ou à une lampe pour que votre visage soit éclairé uniformément.
check-too_bright = La photo est trop claire. Évitez le soleil direct ou le flash sur votre visage ; une lumière du jour douce est idéale.

## The instant preview

draft-alt = Aperçu de votre portrait dans le style de votre équipe, avec filigrane
draft-caption = Un premier aperçu, créé automatiquement à partir de votre photo. Un retoucheur le peaufinera encore avant que vous le receviez.
draft-preparing = Votre aperçu est en préparation — cela prend quelques secondes.
draft-progress = Préparation de votre aperçu

## Re-edits, re-dos and paid requests

spend-what-re_edit = une nouvelle retouche
spend-what-redo = une reprise avec une nouvelle photo
spend-what-other = une modification payante
spend-waiting = Votre demande pour { $what } ({ $amount }) attend l’accord de votre responsable d’équipe (demande : { $when }). Nous commençons dès son accord.
spend-approved = Votre responsable d’équipe a accepté les frais de { $amount } pour { $what } ({ $when }). Nous commençons dès que le paiement est effectué.
spend-declined = Votre responsable d’équipe a refusé les frais de { $amount } pour { $what } ({ $when }). Vous pouvez en discuter ensemble et refaire la demande.
spend-asked = Merci : nous avons demandé à votre responsable d’équipe d’accepter les frais de { $amount }. Nous commençons dès son accord, et cette page l’indiquera.
re-edit-summary = Demander des modifications (nouvelle retouche)
re-edit-label = Que doit modifier le retoucheur ?
re-edit-placeholder = p. ex. adoucir l’ombre sous l’œil gauche
free-until = Gratuit jusqu’au { $date } grâce à notre garantie satisfaction.
re-edit-cost = Une nouvelle retouche coûte { $price }.
re-edit-cost-leader = Une nouvelle retouche coûte { $price }, à la charge de votre équipe : votre responsable d’équipe doit d’abord accepter les frais.
re-edit-button = Demander une nouvelle retouche
re-edit-free-thanks = Merci : le retoucheur va apporter vos modifications (gratuitement, grâce à la garantie satisfaction).
re-edit-paid-thanks = Merci : le retoucheur va apporter vos modifications (facture n° { $invoice }).
ask-leader-button = Demander à mon responsable d’équipe
sending = Envoi…
redo-summary = Envoyer plutôt une nouvelle photo (reprise)
redo-label = Prendre ou choisir une nouvelle photo
redo-hint = (vérifiée immédiatement, comme la première)
redo-cost = Une reprise coûte { $price }.
redo-cost-leader = Une reprise coûte { $price }, à la charge de votre équipe : votre responsable d’équipe doit d’abord accepter les frais.
redo-button = Envoyer la nouvelle photo
redo-busy = Vérification de votre photo…
redo-thanks = Merci ! Votre nouvelle photo a passé les vérifications automatiques et se trouve chez notre équipe de contrôle qualité.

## Emails to members

mail-hello = Bonjour { $name },
mail-thanks = Merci,
mail-personal-link = Commencez ici (ce lien vous est personnel) :
mail-personal-footer = Ce lien vous est personnel : merci de ne pas le transférer.
welcome-subject = { $studio } : votre portrait pour { $team }
welcome-subject-refresh = { $studio } : un nouveau portrait pour { $team }
welcome-intro = { $team } a demandé à { $studio } de réaliser votre portrait professionnel.
welcome-intro-refresh = { $team } renouvelle ses portraits et a demandé à { $studio } de réaliser un nouveau portrait de vous. Votre portrait actuel reste utilisé jusqu’à ce que vous approuviez le nouveau.
welcome-photo-sent = Nous avons bien reçu votre photo. Voici votre lien personnel vers votre portrait : il indique où il en est, et vous permet de le consulter et de le valider dès qu’il est prêt.
welcome-steps = Cela prend quelques minutes : un court tutoriel guidé, puis une photo prise avec votre téléphone. Merci de l’envoyer au plus tard le { $date }.
welcome-button = Commencer mon portrait
welcome-address = Ou ouvrez cette adresse :
reminder-subject = Rappel : votre portrait pour { $team } est attendu le { $date }
reminder-new-photo-subject = Rappel : { $team } attend toujours une nouvelle photo de votre part
reminder-text = Petit rappel : { $team } attend votre photo pour votre portrait professionnel. Merci de l’envoyer au plus tard le { $date } ; cela prend quelques minutes avec votre téléphone.
reminder-new-photo-text = Petit rappel : notre équipe de contrôle qualité vous a demandé une nouvelle photo pour votre portrait professionnel avec { $team }, et nous ne l’avons pas encore reçue. Votre page indique ce qu’il faut changer ; cela prend quelques minutes avec votre téléphone.
reminder-button = Prendre ma photo
new-photo-subject = { $studio } : merci d’envoyer une nouvelle photo
new-photo-text = Notre équipe de contrôle qualité a examiné votre photo et a besoin d’une nouvelle :
new-photo-note = Remarque du studio :
new-photo-button = Envoyer une nouvelle photo
new-photo-here = Envoyez une nouvelle photo ici :
delivered-subject = { $studio } : votre portrait est prêt à être consulté
delivered-text = Votre portrait pour { $team } est prêt. Consultez-le, puis validez-le pour télécharger les fichiers en pleine résolution, ou demandez des modifications.
delivered-button = Voir mon portrait

## Emails to team leaders

notice-footer = Vous recevez cet e-mail en tant que responsable de { $team }.
notice-unsubscribe = Se désabonner : { $what }
notice-choose = Choisir vos notifications par e-mail
notice-what-digest = récapitulatif des portraits de votre équipe
notice-what-new_photo = e-mails sur les nouvelles photos demandées
notice-what-credits_low = e-mails quand il reste peu de crédits
notice-what-spend_request = e-mails sur les demandes payantes des membres
notice-new-photo-subject = { $member } doit envoyer une nouvelle photo
notice-new-photo-text = Notre contrôle qualité a demandé à { $member } une nouvelle photo pour son portrait avec { $team }.
notice-new-photo-what = Ce qu’il faut changer :
notice-new-photo-help = Nous avons indiqué par e-mail à { $member } ce qu’il faut faire. Un mot de votre part peut l’aider à l’envoyer rapidement.
notice-new-photo-button = Ouvrir son portrait
credits-low-subject = { $team } : { $credits ->
    [one] { $credits } crédit restant
   *[other] { $credits } crédits restants
}
credits-low-text = Il reste { $credits ->
    [one] { $credits } crédit
   *[other] { $credits } crédits
} à { $team }. Chaque invitation en utilise un : ajoutez des crédits avant d’inviter d’autres personnes.
credits-low-button = Ajouter des crédits
spend-request-subject = { $member } demande à l’équipe de payer { $what } ({ $amount })
spend-request-text = { $member } demande à { $team } de payer { $what } ({ $amount }) : la garantie satisfaction de son portrait a pris fin.
spend-request-notes = Les modifications souhaitées :
spend-request-nothing-yet = Rien n’est facturé tant que vous n’avez pas donné votre accord.
spend-request-button = Accepter ou refuser
digest-subject-daily = { $team } : votre récapitulatif quotidien des portraits
digest-subject-weekly = { $team } : votre récapitulatif hebdomadaire des portraits
digest-intro = Voici où en sont les portraits de { $team }.
digest-overdue = En retard : pas encore de photo
digest-new_photo = Nouvelle photo demandée
digest-delivered = Livré, en attente de validation
digest-approved = Validé
digest-more = et { $count } autres
digest-asked = demandée le { $date }
digest-was-due = attendue le { $date }
digest-delivered-on = livré le { $date }
digest-approved-on = validé le { $date }
digest-credits = Crédits restants :
digest-button = Ouvrir le tableau de bord
digest-your-dashboard = Votre tableau de bord :

## Liens de connexion et réponses du studio (aux responsables)

signin-subject = Votre lien de connexion pour { $studio }
signin-subject-invited = Vous êtes invité à gérer les portraits de { $team }
signin-invited = { $inviter } vous a invité à gérer les portraits de { $team } avec { $studio }.
signin-asked = Voici le lien de connexion que vous avez demandé.
signin-button = Se connecter
signin-once = Le lien fonctionne une seule fois, pendant { $valid }.
signin-ignore = Si vous n’attendiez pas cet e-mail, vous pouvez l’ignorer.
signin-subject-team = Les portraits de { $team } avec { $studio } vous attendent
signin-team-created = { $studio } a ouvert le compte portraits de { $team } et vous en confie la gestion : connectez-vous pour acheter des crédits, choisir votre style et inviter vos collègues.
signin-also-leads = { $team } rejoint vos autres équipes dans le même compte : passez de l'une à l'autre depuis le menu en haut de votre tableau de bord.
signin-accept-invite = { $team } rejoint votre compte dès que vous acceptez : connectez-vous, puis répondez depuis votre tableau de bord.
signin-subject-staff = Vous êtes invité à rejoindre { $studio }
signin-staff-invited = { $inviter } vous invite à rejoindre { $studio } en tant que { $role }. Connectez-vous avec ce lien, puis choisissez votre mot de passe.
signup-subject = Confirmez votre adresse pour ouvrir le compte de portraits de { $team } chez { $studio }
signup-lead = Vous avez demandé l'ouverture du compte de portraits de { $team } chez { $studio }. Confirmez votre adresse e-mail pour le créer : vous en serez le responsable.
signup-button = Confirmer mon adresse
join-subject = Confirmez votre adresse pour obtenir votre portrait avec { $team }
join-lead = Vous avez demandé à rejoindre les portraits de { $team } avec { $studio }. Confirmez votre adresse e-mail pour commencer : vous arriverez directement au guide photo.
valid-days = { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}
valid-minutes = { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}
answer-subject = { $studio } : une réponse à votre demande ({ $kind })
answer-intro = { $studio } a répondu à la demande de { $team } ({ $kind }) :
answer-your-request = Votre demande :
answer-see-all = Voir toutes les demandes et réponses
support-kind-background_correction = Correction de l’arrière-plan
support-kind-resize = Redimensionnement
support-kind-custom_background = Arrière-plan personnalisé
support-kind-other = Autre chose

## Les motifs par défaut du contrôle qualité (la formulation propre du studio reste telle quelle)

qc-reason-business_attire = Portez une tenue professionnelle
qc-reason-face_camera = Regardez l’objectif
qc-reason-no_sunglasses_or_hats = Pas de lunettes de soleil ni de chapeau
qc-reason-no_other_people = Personne d’autre sur la photo
qc-reason-even_lighting = Éclairez votre visage de façon uniforme
qc-reason-shoulders_visible = Vos épaules doivent être visibles
qc-reason-in_focus = La photo est floue : tenez le téléphone immobile
qc-reason-plain_background = Placez-vous devant un fond uni
qc-reason-other = Autre (voir la note)

## Personal data
data-title = Vos données
data-intro = Téléchargez tout ce qui est conservé à votre sujet pour cette équipe (vos coordonnées, photos, portraits et leur historique), ou faites tout effacer.
data-download = Télécharger mes données (ZIP)
data-erase-summary = Effacer mes données
data-erase-warning = Vos photos et portraits, votre nom et votre adresse seront supprimés définitivement. C’est irréversible, et le crédit utilisé pour votre portrait n’est pas rendu.
data-erase-confirm = Je comprends : effacer mes données
data-erase-button = Tout effacer
data-erase-unconfirmed = Cochez la case pour confirmer l’effacement : rien n’a été effacé.
data-erased-title = Vos données sont effacées
data-erased-text = Vos photos, portraits, nom et adresse sont supprimés. Ce lien personnel n’ouvre plus rien.

## Intake questions
intake-title = À propos de vous
intake-first = Votre équipe demande ces informations avant votre photo ; elles accompagnent votre portrait.
intake-change = Vos réponses aux questions de votre équipe. Modifiez-les ici si besoin.
intake-optional = (facultatif)
intake-save = Enregistrer mes réponses
intake-saved = Merci : vos réponses sont enregistrées.
slack-title = Votre photo Slack
slack-intro = Votre équipe utilise l’espace Slack { $workspace }. Connectez-vous à Slack et autorisez-le une fois : votre portrait validé devient votre photo de profil Slack. Rien d’autre ne change dans Slack.
slack-button = Utiliser mon portrait sur Slack
slack-again = Le remettre sur Slack
slack-at-approval = Autorisé : votre portrait deviendra votre photo Slack dès qu’il sera validé.
slack-on-its-way = Votre photo Slack est en cours de mise à jour…
slack-pushed = Votre portrait est votre photo Slack dans { $workspace } ✓
slack-failed = Votre photo Slack n’a pas pu être mise à jour. Autorisez-le à nouveau pour réessayer.
slack-expired = Cette autorisation Slack a expiré ou a déjà servi : utilisez à nouveau le bouton.
slack-not-granted = Slack n’a pas donné l’autorisation : rien n’a changé. Vous pouvez réessayer.
slack-other-workspace = Ce n’était pas l’espace { $workspace } : connectez-vous au Slack de votre entreprise et réessayez.
slack-other-person = Ce compte Slack est { $account }, pas l’adresse à laquelle votre portrait a été envoyé. Connectez-vous à Slack avec votre compte, ou demandez au responsable de votre équipe de corriger votre adresse.
