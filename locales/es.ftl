# Teamshot — Spanish messages (español): the same ids as en.ftl, the reference
# file, in the same order. Members' pages and every member and leader email.
# Arguments are written { $name }; numbers choose plural forms.

## Dates and times (see src/i18n/dates.rs)

weekday-short = { $day ->
    [1] lun.
    [2] mar.
    [3] mié.
    [4] jue.
    [5] vie.
    [6] sáb.
   *[7] dom.
}
month-short = { $month ->
    [1] ene.
    [2] feb.
    [3] mar.
    [4] abr.
    [5] may.
    [6] jun.
    [7] jul.
    [8] ago.
    [9] sept.
    [10] oct.
    [11] nov.
   *[12] dic.
}
date-short = { $weekday }, { $day } { $month }
date-short-year = { $weekday }, { $day } { $month } { $year }
date-time = { $date }, { $time }
days-ahead = { $days ->
    [0] hoy
    [1] mañana
   *[other] dentro de { $days } días
}
days-ago = { $days ->
    [1] ayer
   *[other] hace { $days } días
}

## The page frame

skip-to-content = Saltar al contenido
please-fix = Corrige lo siguiente:

## Headshot statuses

status-invited = Invitado
status-email_opened = Correo abierto
status-tutorial_started = Tutorial iniciado
status-in_quality_check = En control de calidad
status-in_retouching = En retoque
status-re_edit_requested = Retoque solicitado
status-new_photo_requested = Foto nueva solicitada
status-delivered = Entregado (pendiente de aprobación)
status-approved = Aprobado

## The member's page

member-title = Tu retrato
member-hello = Hola, { $name }
member-for-team = Tu retrato para { $team }.
member-on-behalf = Estás en la página de este miembro como responsable del equipo: lo que hagas aquí queda registrado a tu nombre y no cuenta como si el miembro hubiera abierto su correo.
progress-label = Progreso de tu retrato
step-done = Hecho:
step-now = Ahora:
step-later = Después:
step-invited = Invitación
step-photo = Tu foto
step-check = Control de calidad
step-retouching = Retoque
step-review = Listo para revisar
step-approved = Aprobado
status-line = Estado:
photo-due = { $date } ({ $relative })
due-by = a más tardar el { $date }
due-late = lo antes posible (la fecha límite era el { $date })
next-upload = Siguiente paso: haz o elige una foto y súbela { $by }.
next-new-photo = Siguiente paso: sube una foto nueva { $by } — justo debajo verás qué cambiar.
next-check = Siguiente paso: nuestro equipo de control de calidad revisa tu foto; cuando la apruebe, tu retrato retocado estará listo a más tardar el { $date }.
next-check-undated = Siguiente paso: nuestro equipo de control de calidad revisa tu foto; cuando la apruebe, un retocador terminará tu retrato.
next-retouching = Siguiente paso: un retocador termina tu retrato a más tardar el { $date }. Te enviaremos un correo cuando esté listo.
next-retouching-undated = Siguiente paso: un retocador termina tu retrato. Te enviaremos un correo cuando esté listo.
next-re-edit = Siguiente paso: un retocador hace los cambios que pediste a más tardar el { $date }. Te enviaremos un correo cuando estén hechos.
next-re-edit-undated = Siguiente paso: un retocador hace los cambios que pediste. Te enviaremos un correo cuando estén hechos.
next-delivered = Siguiente paso: mira tu retrato aquí abajo y apruébalo para descargar tus archivos, o pide cambios.
next-approved = Todo listo: tus archivos están aquí abajo.
sent-photo = La foto que enviaste
before-start = Antes de empezar
before-start-text = Un breve tutorial te ayuda a hacer una foto que nuestros retocadores puedan convertir en un gran retrato. Solo lleva dos minutos.
start-tutorial = Empezar el tutorial
needs-new-photo = Nuestro equipo de control de calidad necesita una foto nueva:
qc-note = Nota: { $note }
photo-received = Ya tenemos tu foto; nuestro equipo de control de calidad la revisará pronto. Todavía puedes reemplazarla.
upload-label = Haz o elige una foto
upload-hint = (JPEG, PNG, WebP o HEIC, al menos { $kb } KB, lado más corto de al menos { $side } px)
upload-how = En el móvil, aquí puedes usar la cámara o tu galería de fotos: una foto reciente que te guste sirve igual que una nueva.
upload-button = Subir mi foto
upload-busy = Enviando y comprobando tu foto…
upload-thanks = ¡Gracias! Tu foto ha superado las comprobaciones automáticas y está en manos de nuestro equipo de control de calidad.
error-too-large = El archivo supera el límite de { $limit }: envía una copia más pequeña de la foto.
error-unreadable = No se pudo leer lo que enviaste. Elige la foto de nuevo y envíala otra vez.
error-re-edit-notes = Di qué hay que cambiar (hasta 2000 caracteres), por ejemplo «suavizar la sombra de la izquierda».
being-retouched = Tu foto ha superado el control de calidad y se está retocando.
files-preparing = Tu retrato está entregado y estamos preparando sus archivos; esto tarda unos segundos. Esta página se recargará sola; o
reload-now = recárgala ahora
ready-to-approve = Tu retrato está listo. Apruébalo para descargar los archivos en resolución completa.
watermarked-alt = Vista previa de tu retrato con marca de agua
files-to-come = { $count ->
    [one] Al aprobarlo recibes un archivo sin marca de agua
   *[other] Al aprobarlo recibes { $count } archivos sin marca de agua
}
file-kind = { $shape } · { $size } { $format }
file-kind-background = fondo { $background } · { $shape } · { $size } { $format }
shape-square = cuadrado
shape-rounded = esquinas redondeadas
shape-circle = círculo
approve-button = Aprobar mi retrato
approved-thanks = Aprobado, ¡gracias! Tus archivos:
final-alt = Tu retrato
download-zip = Descargar todos los archivos (ZIP)
download-file = Descargar { $size } { $format }

## The tutorial

tutorial-light = Luz.
tutorial-light-text = Ponte de cara a una ventana o una lámpara para que tu cara quede iluminada de forma uniforme. Nada de luz intensa detrás de ti, ni sol fuerte ni flash.
tutorial-distance = Distancia.
tutorial-distance-text = Sostén el móvil con el brazo extendido, a la altura de los ojos, o pide a un compañero que te haga la foto desde 1,5 m aproximadamente.
tutorial-framing = Encuadre.
tutorial-framing-text = Cabeza y hombros, la cara en la parte central superior y algo de espacio por encima de la cabeza. Mantén el móvil en vertical.
tutorial-background = Fondo.
tutorial-background-text = Lo mejor es una pared lisa. Solo tú en la foto.
tutorial-attire = Ropa.
tutorial-attire-text = Lo que te pondrías para una reunión importante. Sin gorros ni gafas de sol.
team-asks-for = { $team } pide:
checks-explained = Tu foto se comprueba en cuanto la envías: una sola cara, lo bastante grande y dentro del encuadre, recta, nítida, bien iluminada y una foto real (no una captura de pantalla). Si algo falla, verás al instante qué cambiar.

## The instant photo checks (codes as the API reports them)

check-file_too_small = El archivo pesa { $size } KB; las fotos deben tener al menos { $min } KB. Envía la foto original de tu cámara o tu móvil, no una miniatura, una captura de pantalla ni una copia reducida por una app de mensajería.
check-unsupported_format = Este archivo no es una foto JPEG, PNG, WebP o HEIC. Haz la foto con la cámara de tu móvil o expórtala como JPEG.
check-too_many_pixels = La foto mide { $width }×{ $height } píxeles ({ $megapixels } megapíxeles), más de los { $max } megapíxeles que aceptamos. Sube una versión más pequeña.
check-resolution_too_low = La foto mide { $width }×{ $height } píxeles; su lado más corto debe tener al menos { $min } píxeles. Usa la foto original en lugar de una copia redimensionada.
check-unreadable = No se ha podido leer la foto: el archivo está dañado o incompleto. Vuelve a subir el archivo original.
check-screenshot = Parece una captura de pantalla o un gráfico, no una foto. Haz una foto con la cámara de tu móvil.
check-no_face = No hemos encontrado ninguna cara. Mira a la cámara a un brazo de distancia aproximadamente, con toda la cara visible y buena luz, y vuelve a hacer la foto.
check-several_faces = Hemos encontrado más de una cara. En la foto solo debes aparecer tú: pide a los demás que salgan del encuadre.
check-face_too_small = Tu cara se ve demasiado pequeña en la foto. Acércate (a un brazo de distancia aproximadamente) para que la cabeza y los hombros llenen el encuadre.
check-face_cut_off = Parte de tu cabeza queda cortada. Deja algo de espacio por encima de la cabeza y a ambos lados.
check-face_off_centre = Tu cara debe estar en la parte central superior de la imagen. Sostén la cámara recta delante de ti, a la altura de los ojos.
check-tilted = La foto está de lado o tienes la cabeza inclinada. Mantén el móvil en vertical y míralo de frente.
check-blurry = La foto está borrosa (o ampliada a partir de una imagen pequeña). Sujeta el móvil sin moverlo, toca tu cara en la pantalla para enfocar y envía la foto original.
check-too_dark = La foto está demasiado oscura. Ponte de cara a una ventana o una lámpara para que tu cara quede iluminada de forma uniforme.
check-too_bright = La foto está demasiado clara. Evita la luz directa del sol o el flash en la cara; lo mejor es una luz natural suave.

## The instant preview

draft-alt = Vista previa de tu retrato con el estilo de tu equipo, con marca de agua
draft-caption = Un primer vistazo, creado automáticamente a partir de tu foto. Un retocador lo perfeccionará antes de que lo recibas.
draft-preparing = Estamos preparando tu vista previa; esto tarda unos segundos.
draft-progress = Preparando tu vista previa

## Re-edits, re-dos and paid requests

spend-what-re_edit = un retoque
spend-what-redo = una repetición con una foto nueva
spend-what-other = un cambio de pago
spend-waiting = Tu solicitud de { $what } ({ $amount }) está pendiente de que la apruebe tu responsable de equipo (solicitada: { $when }). Empezaremos en cuanto la apruebe.
spend-approved = Tu responsable de equipo aprobó el cargo de { $amount } por { $what } ({ $when }). Empezaremos en cuanto se complete el pago.
spend-declined = Tu responsable de equipo rechazó el cargo de { $amount } por { $what } ({ $when }). Puedes hablarlo con esa persona y volver a pedirlo.
spend-asked = Gracias: hemos pedido a tu responsable de equipo que apruebe el cargo de { $amount }. Empezaremos en cuanto lo haga, y esta página lo indicará.
re-edit-summary = Pedir cambios (retoque)
re-edit-label = ¿Qué debe cambiar el retocador?
re-edit-placeholder = p. ej., suavizar la sombra bajo el ojo izquierdo
free-until = Gratis con nuestra garantía de satisfacción hasta el { $date }.
re-edit-cost = Un retoque cuesta { $price }.
re-edit-cost-leader = Un retoque cuesta { $price } y lo paga tu equipo: primero, tu responsable de equipo debe aprobar el cargo.
re-edit-button = Pedir un retoque
re-edit-free-thanks = Gracias: el retocador hará tus cambios (gratis con la garantía de satisfacción).
re-edit-paid-thanks = Gracias: el retocador hará tus cambios (factura n.º { $invoice }).
ask-leader-button = Preguntar a mi responsable de equipo
sending = Enviando…
redo-summary = Enviar una foto nueva en su lugar (repetición)
redo-label = Haz o elige una foto nueva
redo-hint = (se comprueba al instante, como la primera)
redo-cost = Una repetición cuesta { $price }.
redo-cost-leader = Una repetición cuesta { $price } y la paga tu equipo: primero, tu responsable de equipo debe aprobar el cargo.
redo-button = Enviar la foto nueva
redo-busy = Comprobando tu foto…
redo-thanks = ¡Gracias! Tu foto nueva ha superado las comprobaciones automáticas y está en manos de nuestro equipo de control de calidad.

## Emails to members

mail-hello = Hola, { $name }:
mail-thanks = Gracias,
mail-personal-link = Empieza aquí (este enlace es solo para ti):
mail-personal-footer = Este enlace es solo para ti: por favor, no lo reenvíes.
welcome-subject = { $studio }: tu retrato para { $team }
welcome-subject-refresh = { $studio }: un nuevo retrato para { $team }
welcome-intro = { $team } ha pedido a { $studio } que cree tu retrato profesional.
welcome-intro-refresh = { $team } está renovando sus retratos y ha pedido a { $studio } que cree uno nuevo de ti. Tu retrato actual se sigue usando hasta que apruebes el nuevo.
welcome-photo-sent = Ya tenemos tu foto. Este es tu enlace personal a tu retrato: muestra en qué punto está y te permite revisarlo y aprobarlo cuando esté listo.
welcome-steps = Solo lleva unos minutos: un breve tutorial guiado y luego una foto hecha con tu móvil. Súbela a más tardar el { $date }.
welcome-button = Empezar mi retrato
welcome-address = O abre esta dirección:
reminder-subject = Recordatorio: la fecha límite de tu retrato para { $team } es el { $date }
reminder-new-photo-subject = Recordatorio: { $team } todavía necesita una foto nueva tuya
reminder-text = Un recordatorio amistoso: { $team } está esperando tu foto para tu retrato profesional. Súbela a más tardar el { $date }; con tu móvil solo lleva unos minutos.
reminder-new-photo-text = Un recordatorio amistoso: nuestro equipo de control de calidad te pidió una foto nueva para tu retrato profesional con { $team } y todavía no la hemos recibido. Tu página indica qué cambiar; con tu móvil solo lleva unos minutos.
reminder-button = Hacer mi foto
new-photo-subject = { $studio }: envía una foto nueva, por favor
new-photo-text = Nuestro equipo de control de calidad ha revisado tu foto y necesita una nueva:
new-photo-note = Nota del estudio:
new-photo-button = Subir una foto nueva
new-photo-here = Sube una foto nueva aquí:
delivered-subject = { $studio }: tu retrato está listo para revisar
delivered-text = Tu retrato para { $team } está listo. Revísalo y apruébalo para descargar los archivos en resolución completa, o pide cambios.
delivered-button = Ver mi retrato

## Emails to team leaders

notice-footer = Recibes este correo como responsable de { $team }.
notice-unsubscribe = Cancelar suscripción: { $what }
notice-choose = Elige tus avisos por correo
notice-what-digest = resumen de los retratos de tu equipo
notice-what-new_photo = correos sobre fotos nuevas solicitadas
notice-what-credits_low = correos cuando quedan pocos créditos
notice-what-spend_request = correos sobre solicitudes de pago de los miembros
notice-new-photo-subject = { $member } tiene que enviar una foto nueva
notice-new-photo-text = Nuestro control de calidad ha pedido a { $member } una foto nueva para su retrato con { $team }.
notice-new-photo-what = Qué cambiar:
notice-new-photo-help = Hemos enviado a { $member } un correo con lo que tiene que hacer. Unas palabras tuyas pueden ayudar a que la envíe pronto.
notice-new-photo-button = Abrir su retrato
credits-low-subject = { $team }: { $credits ->
    [one] queda 1 crédito
   *[other] quedan { $credits } créditos
}
credits-low-text = A { $team } { $credits ->
    [one] le queda 1 crédito
   *[other] le quedan { $credits } créditos
}. Cada invitación usa uno, así que añade créditos antes de invitar a más personas.
credits-low-button = Añadir créditos
spend-request-subject = { $member } pide al equipo que pague { $what } ({ $amount })
spend-request-text = { $member } pide a { $team } que pague { $what } ({ $amount }): la garantía de satisfacción de su retrato ha terminado.
spend-request-notes = Qué le gustaría cambiar:
spend-request-nothing-yet = No se cobra nada hasta que lo apruebes.
spend-request-button = Aprobar o rechazar
digest-subject-daily = { $team }: tu resumen diario de retratos
digest-subject-weekly = { $team }: tu resumen semanal de retratos
digest-intro = Así van los retratos de { $team }.
digest-overdue = Con retraso: todavía sin foto
digest-new_photo = Se pidió una foto nueva
digest-delivered = Entregado, pendiente de aprobación
digest-approved = Aprobado
digest-more = y { $count } más
digest-asked = solicitada el { $date }
digest-was-due = vencía el { $date }
digest-delivered-on = entregado el { $date }
digest-approved-on = aprobado el { $date }
digest-credits = Créditos restantes:
digest-button = Abrir el panel
digest-your-dashboard = Tu panel:

## Enlaces de acceso y respuestas del estudio (a los responsables)

signin-subject = Tu enlace de acceso a { $studio }
signin-subject-invited = Te han invitado a gestionar los retratos de { $team }
signin-invited = { $inviter } te ha invitado a gestionar los retratos de { $team } con { $studio }.
signin-asked = Aquí tienes el enlace de acceso que pediste.
signin-button = Acceder
signin-once = El enlace funciona una sola vez, durante { $valid }.
signin-ignore = Si no esperabas este correo, puedes ignorarlo.
signin-subject-team = Los retratos de { $team } con { $studio } te esperan
signin-team-created = { $studio } ha abierto la cuenta de retratos de { $team } y te ha nombrado responsable: accede para comprar créditos, elegir tu estilo e invitar a tus compañeros.
signin-also-leads = { $team } se suma a tus otros equipos en la misma cuenta: cambia entre ellos desde el menú de la parte superior de tu panel.
signin-accept-invite = { $team } se suma a tu cuenta en cuanto aceptes: accede y responde desde tu panel.
signin-subject-staff = Te han invitado a unirte a { $studio }
signin-staff-invited = { $inviter } te ha invitado a unirte a { $studio } como { $role }. Accede con este enlace y elige tu contraseña.
signup-subject = Confirma tu correo para abrir la cuenta de retratos de { $team } con { $studio }
signup-lead = Has pedido abrir la cuenta de retratos de { $team } con { $studio }. Confirma tu dirección de correo para crearla: serás su responsable.
signup-button = Confirmar mi correo
join-subject = Confirma tu correo para conseguir tu retrato con { $team }
join-lead = Has pedido unirte a los retratos de { $team } con { $studio }. Confirma tu dirección de correo para empezar: irás directamente a la guía para tu foto.
valid-days = { $days ->
    [one] 1 día
   *[other] { $days } días
}
valid-minutes = { $minutes ->
    [one] 1 minuto
   *[other] { $minutes } minutos
}
answer-subject = { $studio }: una respuesta a tu solicitud ({ $kind })
answer-intro = { $studio } ha respondido a la solicitud de { $team } ({ $kind }):
answer-your-request = Tu solicitud:
answer-see-all = Ver todas las solicitudes y respuestas
support-kind-background_correction = Corrección del fondo
support-kind-resize = Cambio de tamaño
support-kind-custom_background = Fondo personalizado
support-kind-other = Otra cosa

## Los motivos predeterminados del control de calidad (la redacción propia del estudio se muestra tal cual)

qc-reason-business_attire = Usa ropa de trabajo formal
qc-reason-face_camera = Mira a la cámara
qc-reason-no_sunglasses_or_hats = Sin gafas de sol ni sombreros
qc-reason-no_other_people = Sin otras personas en la foto
qc-reason-even_lighting = Ilumina tu cara de forma uniforme
qc-reason-shoulders_visible = Asegúrate de que se vean tus hombros
qc-reason-in_focus = La foto está borrosa: sujeta el teléfono quieto
qc-reason-plain_background = Ponte delante de un fondo liso
qc-reason-other = Otro (ver la nota)

## Personal data
data-title = Tus datos
data-intro = Descarga todo lo que se guarda sobre ti para este equipo (tus datos, fotos, retratos y su historial), o haz que se borre todo.
data-download = Descargar mis datos (ZIP)
data-erase-summary = Borrar mis datos
data-erase-warning = Esto borra tus fotos y retratos, tu nombre y tu dirección para siempre. No se puede deshacer, y el crédito usado para tu retrato no se devuelve.
data-erase-confirm = Lo entiendo: borrar mis datos
data-erase-button = Borrarlo todo
data-erase-unconfirmed = Marca la casilla para confirmar el borrado: no se ha borrado nada.
data-erased-title = Tus datos están borrados
data-erased-text = Tus fotos, retratos, nombre y dirección están borrados. Este enlace personal ya no abre nada.

## Intake questions
intake-title = Sobre ti
intake-first = Tu equipo pide estos datos antes de tu foto; acompañan a tu retrato.
intake-change = Tus respuestas a las preguntas de tu equipo. Cámbialas aquí si hace falta.
intake-optional = (opcional)
intake-save = Guardar mis respuestas
intake-saved = Gracias: tus respuestas están guardadas.
slack-title = Tu foto de Slack
slack-intro = Tu equipo usa el espacio de Slack { $workspace }. Inicia sesión en Slack y permítelo una vez: tu retrato aprobado será tu foto de perfil de Slack. Nada más cambia en Slack.
slack-button = Usar mi retrato en Slack
slack-again = Volver a ponerlo en Slack
slack-at-approval = Permitido: tu retrato será tu foto de Slack en cuanto se apruebe.
slack-on-its-way = Estamos poniendo tu foto de Slack…
slack-pushed = Tu retrato es tu foto de Slack en { $workspace } ✓
slack-failed = No se pudo poner tu foto de Slack. Permítelo de nuevo para volver a intentarlo.
slack-expired = Este permiso de Slack caducó o ya se usó: usa el botón de nuevo.
slack-not-granted = Slack no dio el permiso, así que nada cambió. Puedes volver a intentarlo.
slack-other-workspace = Ese no era el espacio { $workspace }: inicia sesión en el Slack de tu empresa y vuelve a intentarlo.
slack-other-person = Esa cuenta de Slack es { $account }, no la dirección a la que se envió tu retrato. Inicia sesión en Slack con tu cuenta o pide a quien dirige tu equipo que corrija tu dirección.
