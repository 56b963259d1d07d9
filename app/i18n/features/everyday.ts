/**
 * Everyday use of rooms, answers and accounts (issue 15, decision 021): hiding messages, mute, account recovery,
 * notifications and the phone header.
 */
export const everydayEn = {
  'rooms.hide': 'Hide',
  'rooms.hideReason': 'Why do you hide this message? The room reads it.',
  'rooms.hideHint':
    'The message is replaced for everyone by your name and this reason; its words stay in the audit trail.',
  'rooms.hideConfirm': 'Hide the message',
  'rooms.hiddenBy': 'Hidden by {name}: {reason}',
  'rooms.mutedTitle': 'A moderator muted you.',
  'rooms.mutedUntilPrefix': 'You can write again at',
  'rooms.mutedWhat':
    'Until then you cannot send or edit messages, share links or files, or raise your hand. You can still read the room.',
  'rooms.mutedNoDocuments': 'You are muted: you can share links and files again when the mute ends.',
  'reset.forgot': 'Forgot your password?',
  'reset.title': 'Forgot your password',
  'reset.intro':
    'Write the e-mail address of your Minka account. We will send a link to choose a new password; it works once, for an hour.',
  'reset.send': 'Send the link',
  'reset.sent':
    'If an account uses this address, we sent it a link to choose a new password. Check your inbox (and the spam folder); the link works for an hour.',
  'reset.throttled': 'Too many requests. Wait {minutes} minute(s) and try again.',
  'reset.backToLogin': 'Back to log in',
  'reset.newTitle': 'Choose a new password',
  'reset.newIntro':
    'When you save it, every session of your account ends, on every device: log in again with the new password.',
  'reset.save': 'Save the new password',
  'reset.askAgain': 'Ask for a new link',
  'reset.state.expired': 'This link has expired: links work for an hour. Ask for a new one.',
  'reset.state.used': 'This link was already used, or a newer one replaced it.',
  'reset.state.unknown': 'This link is not valid. Check that you copied the whole link.',
  'reset.done': 'Your password was changed and every session of your account ended. Log in with the new password.',
  'coop.notification.disclosure.refused':
    'The Summits Chair refused a non-disclosure request (letter {letterReference}): amend the content or withdraw it before {amendUntil}, or it is published',
  'coop.notification.request.held':
    'Your assistance request on mandate {mandate} is no longer published: it came from an answer you asked to withhold. Write what may be shown and publish it again',
  'coop.notification.offer.held':
    'Your cooperation offer on mandate {mandate} is no longer published: it came from an answer withheld at your request. Write what may be shown and publish it again',
  'q.autosave.saving': 'Saving…',
  'q.autosave.unsaved': 'Unsaved changes: saving when you pause typing.',
  'q.autosave.savedAt': 'Saved at',
  'q.autosave.failed': 'Not saved: {message}',
  'q.autosave.unsentNetwork':
    'Not saved: the connection or the server failed. Your text is still here; it is saved when you type again, press Save, or the connection comes back.',
  'q.autosave.unsentSessionShort': 'Not saved: your session has ended. Your text is still here.',
  'q.autosave.unsentSession':
    'Your session has ended, so this answer was not saved. Your text is still here: log in again in a new tab, then come back and press Save.',
  'q.autosave.logInNewTab': 'Log in in a new tab',
  // A long navigation form (a good practice, a cooperation offer or request) whose submission did not arrive.
  'form.unsent.network':
    'Not saved: the connection or the server failed. Everything you wrote is still here; send it again in a moment.',
  'form.unsent.session':
    'Your session has ended, so nothing was saved. Everything you wrote is still here: log in again in a new tab, then send the form again.',
  'q.autosave.saveAll': 'Save all answers of this mandate now',
  'q.autosave.hint':
    'Answers also save by themselves two seconds after you stop typing. Leaving the page with unsaved text asks you first.',
  'nd.row.mandate': 'mandate {n}',
  'csv.column.organization': 'Organization',
  'csv.column.organization_name': 'Organization name',
  'csv.column.mandate': 'Mandate',
  'csv.column.indicator': 'Indicator',
  'csv.column.question': 'Question',
  'csv.column.progress': 'Progress',
  'csv.column.summary': 'Summary',
  'csv.column.full': 'Full answer',
  'csv.column.assistance_types': 'Types of assistance',
  'csv.column.attachments': 'Attached documents',
  'nav.menu': 'Menu',
  'print.link': 'Printable version (for review and signature)',
  'print.button': 'Print or save as PDF',
  'print.hint':
    'Your browser prints this page, or saves it as a PDF (choose “Save as PDF” as the printer). The site’s menus are left out.',
  'print.title': 'Questionnaire of {organization}: {cycle}',
  'print.state': 'Status: {status}. {answered} of {total} answers given.',
  'print.status.drafting': 'being drafted, not submitted',
  'print.status.submitted': 'submitted',
  'print.printedAt': 'Answers as saved on {date} UTC.',
  'print.mandate': 'Mandate {n}',
  'print.signature': 'Internal review',
  'print.reviewedBy': 'Reviewed by:',
  'print.role': 'Position:',
  'print.date': 'Date:',
  'print.signed': 'Signature:',
  'nd.carriedOver': 'Carried over from the previous cycle.',
  'rooms.search.heading': 'Search this room',
  'rooms.search.label': 'Words to find in the messages',
  'rooms.search.submit': 'Search',
  'rooms.search.count': '{n} message(s) with “{query}” (newest first, at most 50).',
  'picker.search': 'Find a mandate by number or topic',
  'picker.searchHint':
    'Type a number (7) or words of its topic, in English or Spanish; accents and capitals do not matter.',
  'picker.shown': '{n} of {total} mandates shown; chosen ones always stay visible.',
  'picker.none': 'No mandate matches “{query}”. Try another word or a number.',
  'picker.unsectioned': 'Section not established',
  'picker.noText': 'no text in the catalogue yet',
  'coop.notComplete': 'Not complete yet',
} as const;

export const everydayEs: Record<keyof typeof everydayEn, string> = {
  'rooms.hide': 'Ocultar',
  'rooms.hideReason': '¿Por qué oculta este mensaje? La sala lo leerá.',
  'rooms.hideHint':
    'Para todos, el mensaje se sustituye por su nombre y este motivo; sus palabras quedan en el registro de auditoría.',
  'rooms.hideConfirm': 'Ocultar el mensaje',
  'rooms.hiddenBy': 'Ocultado por {name}: {reason}',
  'rooms.mutedTitle': 'Un moderador le silenció.',
  'rooms.mutedUntilPrefix': 'Podrá escribir de nuevo a las',
  'rooms.mutedWhat':
    'Hasta entonces no puede enviar ni editar mensajes, compartir enlaces o archivos, ni levantar la mano. Puede seguir leyendo la sala.',
  'rooms.mutedNoDocuments': 'Está silenciado: podrá compartir enlaces y archivos de nuevo cuando termine el silencio.',
  'reset.forgot': '¿Olvidó su contraseña?',
  'reset.title': 'Olvidó su contraseña',
  'reset.intro':
    'Escriba la dirección de correo de su cuenta de Minka. Le enviaremos un enlace para elegir una contraseña nueva; funciona una vez, durante una hora.',
  'reset.send': 'Enviar el enlace',
  'reset.sent':
    'Si una cuenta usa esta dirección, le enviamos un enlace para elegir una contraseña nueva. Revise su bandeja de entrada (y la de correo no deseado); el enlace funciona durante una hora.',
  'reset.throttled': 'Demasiadas solicitudes. Espere {minutes} minuto(s) y vuelva a intentarlo.',
  'reset.backToLogin': 'Volver a iniciar sesión',
  'reset.newTitle': 'Elija una contraseña nueva',
  'reset.newIntro':
    'Al guardarla terminan todas las sesiones de su cuenta, en todos los dispositivos: vuelva a iniciar sesión con la contraseña nueva.',
  'reset.save': 'Guardar la contraseña nueva',
  'reset.askAgain': 'Pedir un enlace nuevo',
  'reset.state.expired': 'Este enlace ha caducado: los enlaces funcionan durante una hora. Pida uno nuevo.',
  'reset.state.used': 'Este enlace ya se usó, o uno más reciente lo sustituyó.',
  'reset.state.unknown': 'Este enlace no es válido. Compruebe que copió el enlace completo.',
  'reset.done':
    'Su contraseña se cambió y terminaron todas las sesiones de su cuenta. Inicie sesión con la contraseña nueva.',
  'coop.notification.disclosure.refused':
    'La Presidencia de las Cumbres denegó una solicitud de reserva (nota {letterReference}): modifique o retire el contenido antes del {amendUntil}, o se publicará',
  'coop.notification.request.held':
    'Su solicitud de asistencia sobre el mandato {mandate} ya no está publicada: procede de una respuesta que pidió reservar. Escriba lo que puede mostrarse y publíquela de nuevo',
  'coop.notification.offer.held':
    'Su oferta de cooperación sobre el mandato {mandate} ya no está publicada: procede de una respuesta reservada a su pedido. Escriba lo que puede mostrarse y publíquela de nuevo',
  'q.autosave.saving': 'Guardando…',
  'q.autosave.unsaved': 'Cambios sin guardar: se guardan cuando deja de escribir.',
  'q.autosave.savedAt': 'Guardado a las',
  'q.autosave.failed': 'No se guardó: {message}',
  'q.autosave.unsentNetwork':
    'No se guardó: falló la conexión o el servidor. Su texto sigue aquí; se guarda cuando vuelva a escribir, pulse Guardar o vuelva la conexión.',
  'q.autosave.unsentSessionShort': 'No se guardó: su sesión terminó. Su texto sigue aquí.',
  'q.autosave.unsentSession':
    'Su sesión terminó, así que esta respuesta no se guardó. Su texto sigue aquí: inicie sesión de nuevo en otra pestaña, vuelva y pulse Guardar.',
  'q.autosave.logInNewTab': 'Iniciar sesión en otra pestaña',
  'form.unsent.network':
    'No se guardó: falló la conexión o el servidor. Todo lo que escribió sigue aquí; envíelo de nuevo en un momento.',
  'form.unsent.session':
    'Su sesión terminó, así que no se guardó nada. Todo lo que escribió sigue aquí: inicie sesión de nuevo en otra pestaña y luego envíe el formulario otra vez.',
  'q.autosave.saveAll': 'Guardar ahora todas las respuestas de este mandato',
  'q.autosave.hint':
    'Las respuestas también se guardan solas dos segundos después de dejar de escribir. Si sale de la página con texto sin guardar, se le pregunta antes.',
  'nd.row.mandate': 'mandato {n}',
  'csv.column.organization': 'Organización',
  'csv.column.organization_name': 'Nombre de la organización',
  'csv.column.mandate': 'Mandato',
  'csv.column.indicator': 'Indicador',
  'csv.column.question': 'Pregunta',
  'csv.column.progress': 'Avance',
  'csv.column.summary': 'Resumen',
  'csv.column.full': 'Respuesta completa',
  'csv.column.assistance_types': 'Tipos de asistencia',
  'csv.column.attachments': 'Documentos adjuntos',
  'nav.menu': 'Menú',
  'print.link': 'Versión para imprimir (para revisión y firma)',
  'print.button': 'Imprimir o guardar como PDF',
  'print.hint':
    'Su navegador imprime esta página o la guarda como PDF (elija «Guardar como PDF» como impresora). Los menús del sitio no se incluyen.',
  'print.title': 'Cuestionario de {organization}: {cycle}',
  'print.state': 'Estado: {status}. {answered} de {total} respuestas dadas.',
  'print.status.drafting': 'en redacción, no enviado',
  'print.status.submitted': 'enviado',
  'print.printedAt': 'Respuestas tal como estaban guardadas el {date} UTC.',
  'print.mandate': 'Mandato {n}',
  'print.signature': 'Revisión interna',
  'print.reviewedBy': 'Revisado por:',
  'print.role': 'Cargo:',
  'print.date': 'Fecha:',
  'print.signed': 'Firma:',
  'nd.carriedOver': 'Trasladada del ciclo anterior.',
  'rooms.search.heading': 'Buscar en esta sala',
  'rooms.search.label': 'Palabras que buscar en los mensajes',
  'rooms.search.submit': 'Buscar',
  'rooms.search.count': '{n} mensaje(s) con «{query}» (los más recientes primero, como máximo 50).',
  'picker.search': 'Buscar un mandato por número o tema',
  'picker.searchHint':
    'Escriba un número (7) o palabras de su tema, en español o en inglés; no importan las tildes ni las mayúsculas.',
  'picker.shown': 'Se muestran {n} de {total} mandatos; los elegidos siguen siempre a la vista.',
  'picker.none': 'Ningún mandato coincide con «{query}». Pruebe otra palabra o un número.',
  'picker.unsectioned': 'Sección no establecida',
  'picker.noText': 'aún sin texto en el catálogo',
  'coop.notComplete': 'Aún incompleto',
};
