/**
 * Spanish for the messages services return (failures and field errors) and for the e-mails they queue. Services
 * speak English; the HTTP boundary localizes what they return for the reader (see localize.ts and decision 011), and
 * services/notifications writes each e-mail in its recipient's language. Keys are the English text itself,
 * gettext-style, with `{}` where the service interpolates a value; the values keep the same `{}` in the same order.
 * A test scans the service sources and fails when a sentence has no Spanish here.
 */
export const servicesEs: Record<string, string> = {
  'A State cannot be matched with itself.': 'Un Estado no puede emparejarse consigo mismo.',
  'A State is identified by its ISO 3166-1 alpha-2 code, e.g. PE.':
    'Un Estado se identifica por su código ISO 3166-1 alfa-2, por ejemplo PE.',
  'A message cannot be empty.': 'Un mensaje no puede estar vacío.',
  'A message has at most {} characters.': 'Un mensaje tiene como máximo {} caracteres.',
  'A moderator muted you until {} UTC.': 'Un moderador le silenció hasta las {} UTC.',
  'A room is open for your confirmed match "{}".': 'Hay una sala abierta para su emparejamiento confirmado «{}».',
  'Accept or decline.': 'Acepte o rechace.',
  'An account with this e-mail already exists.': 'Ya existe una cuenta con este correo electrónico.',
  'An account with {} already exists.': 'Ya existe una cuenta con {}.',
  'An organization would change kind; nothing was imported.': 'Una organización cambiaría de tipo; no se importó nada.',
  'An update cycle starts from a previous cycle: choose it.':
    'Un ciclo de actualización parte de un ciclo anterior: elíjalo.',
  'Assistance types belong to Q4 and Q5.': 'Los tipos de asistencia corresponden a P4 y P5.',
  'Both sides accepted the match for "{}".': 'Ambas partes aceptaron el emparejamiento para «{}».',
  'Capacity above 100 States at once is not credible; check the number.':
    'Una capacidad de más de 100 Estados a la vez no es creíble; revise el número.',
  'Capacity cannot be below zero.': 'La capacidad no puede ser menor que cero.',
  'Capacity is a whole number of States.': 'La capacidad es un número entero de Estados.',
  'Check the highlighted fields.': 'Revise los campos señalados.',
  'Check the highlighted fields. Nothing was saved.': 'Revise los campos señalados. No se guardó nada.',
  'Choose A, B, C or D.': 'Elija A, B, C o D.',
  'Choose a candidate.': 'Elija un candidato.',
  'Choose a kind.': 'Elija un tipo.',
  'Choose a mandate.': 'Elija un mandato.',
  'Choose a request.': 'Elija una solicitud.',
  'Choose a role.': 'Elija un rol.',
  'Choose an organization.': 'Elija una organización.',
  'Choose another candidate.': 'Elija otro candidato.',
  'Choose at least one mandate.': 'Elija al menos un mandato.',
  'Choose at least one type of assistance.': 'Elija al menos un tipo de asistencia.',
  'Choose at least one working language.': 'Elija al menos un idioma de trabajo.',
  'Choose how the work can happen.': 'Elija cómo puede realizarse el trabajo.',
  'Choose registration or update.': 'Elija registro o actualización.',
  'Choose the field (summary or full answer).': 'Elija el campo (resumen o respuesta completa).',
  'Choose the mandate.': 'Elija el mandato.',
  'Choose the question.': 'Elija la pregunta.',
  'Choose what to withhold.': 'Elija qué reservar.',
  'Code {} appears twice (first at {}).': 'El código {} aparece dos veces (primero en {}).',
  'Describe it in at least 30 characters: what, for whom, and what result is expected.':
    'Descríbalo en al menos 30 caracteres: qué, para quién y qué resultado se espera.',
  'Enter a valid e-mail address.': 'Escriba una dirección de correo electrónico válida.',
  'Enter your current password.': 'Escriba su contraseña actual.',
  'Enter your name.': 'Escriba su nombre.',
  'Enter your password.': 'Escriba su contraseña.',
  'Give a short title (at least 5 characters).': 'Dé un título breve (al menos 5 caracteres).',
  'Give an http(s) link.': 'Dé un enlace http(s).',
  'Give the closing date and time.': 'Indique la fecha y hora de cierre.',
  'Give the item a title.': 'Dé un título al punto.',
  'Give the opening date and time.': 'Indique la fecha y hora de apertura.',
  'Give the publication date and time.': 'Indique la fecha y hora de publicación.',
  'Give the reason (at least 10 characters), e.g. the Chair’s agreement.':
    'Indique el motivo (al menos 10 caracteres), por ejemplo el acuerdo de la Presidencia.',
  'Give the reference of the letter to the Chair.': 'Indique la referencia de la carta a la Presidencia.',
  'Give the roundtable a title (at least 5 characters).': 'Dé un título a la mesa redonda (al menos 5 caracteres).',
  'Granted or refused.': 'Concedida o denegada.',
  'Import a commitment catalogue first.': 'Importe primero un catálogo de compromisos.',
  'Invalid message.': 'Mensaje no válido.',
  'Invite at least one organization.': 'Invite al menos a una organización.',
  'Keep the description under {} characters.': 'La descripción debe tener menos de {} caracteres.',
  'The full answer has at most 20,000 characters.': 'La respuesta completa tiene como máximo 20.000 caracteres.',
  'Keep the funding note under 500 characters.': 'La nota sobre financiación debe tener menos de 500 caracteres.',
  'Keep the item under {} characters.': 'El punto debe tener menos de {} caracteres.',
  'React with one of: {}.': 'Reaccione con una de estas: {}.',
  'Choose whether to receive the daily digest: on or off.':
    'Elija si desea recibir el resumen diario: activado o desactivado.',
  'Log in to change your settings.': 'Inicie sesión para cambiar su configuración.',
  'Keep the note under 2,000 characters.': 'La nota debe tener menos de 2.000 caracteres.',
  'Keep the reason under 2,000 characters.': 'El motivo debe tener menos de 2.000 caracteres.',
  'The summary has at most 2,000 characters.': 'El resumen tiene como máximo 2.000 caracteres.',
  'Keep the title under 200 characters.': 'El título debe tener menos de 200 caracteres.',
  'Log in to join a roundtable.': 'Inicie sesión para unirse a una mesa redonda.',
  'Mandate {} is not in this commitment.': 'El mandato {} no está en este compromiso.',
  'Mandates are numbers from 1.': 'Los mandatos son números a partir de 1.',
  'Mandates are numbers.': 'Los mandatos son números.',
  'Mute for 0 to 1440 minutes (0 lifts the mute).': 'Silencie de 0 a 1440 minutos (0 retira el silencio).',
  'Name the cycle, e.g. “2027 registration”.': 'Dé un nombre al ciclo, por ejemplo «Registro 2027».',
  'No Secretariat member to convene this roundtable.':
    'No hay ningún miembro de la Secretaría para convocar esta mesa redonda.',
  'Not found.': 'No encontrado.',
  'No commitment has been imported yet.': 'Todavía no se ha importado ningún compromiso.',
  'No commitment with code {}.': 'No hay ningún compromiso con el código {}.',
  'Only JSWG organizations and States can offer cooperation.':
    'Solo las organizaciones del GTCC y los Estados pueden ofrecer cooperación.',
  'Only Q1 has a progress level.': 'Solo la P1 tiene nivel de avance.',
  'Only Q4 and Q5 take assistance types.': 'Solo P4 y P5 llevan tipos de asistencia.',
  'Only States and JSWG organizations answer the questionnaire.':
    'Solo los Estados y las organizaciones del GTCC responden el cuestionario.',
  'Only States have a subregion.': 'Solo los Estados tienen subregión.',
  'Only a Secretariat administrator can import the commitment catalogue.':
    'Solo un administrador de la Secretaría puede importar el catálogo de compromisos.',
  'Only a State’s or JSWG organization’s focal points and delegates answer the questionnaire.':
    'Solo los puntos focales y delegados de un Estado o de una organización del GTCC responden el cuestionario.',
  'Only a confirmed match opens a roundtable.': 'Solo un emparejamiento confirmado abre una mesa redonda.',
  'Only a focal point of one of the two sides can accept or decline this match.':
    'Solo un punto focal de una de las dos partes puede aceptar o rechazar este emparejamiento.',
  'Only a focal point of the offering organization can publish this offer.':
    'Solo un punto focal de la organización oferente puede publicar esta oferta.',
  'Only a proposed match can be withdrawn; this one is not (any more).':
    'Solo se puede retirar un emparejamiento propuesto; este no lo es (ya).',
  'Only members of a State can post assistance requests.':
    'Solo los miembros de un Estado pueden publicar solicitudes de asistencia.',
  'Only members of the requesting State can change this request.':
    'Solo los miembros del Estado solicitante pueden cambiar esta solicitud.',
  'Only moderators change the agenda.': 'Solo los moderadores cambian la agenda.',
  'Only moderators mute participants.': 'Solo los moderadores silencian a los participantes.',
  'Only moderators pin messages.': 'Solo los moderadores fijan mensajes.',
  'Only moderators remove participants.': 'Solo los moderadores retiran a los participantes.',
  'Mandates are numbers, such as 2 or 12.': 'Los mandatos son números, como 2 o 12.',
  'Mandates are whole numbers, such as 2 or 12.': 'Los mandatos son números enteros, como 2 o 12.',
  'Mandates are numbers from 1, such as 2 or 12.': 'Los mandatos son números desde 1, como 2 o 12.',
  'Only moderators add people back.': 'Solo los moderadores pueden volver a añadir a alguien.',
  'Only the National Coordinator (or the JSWG focal point) submits the questionnaire.':
    'Solo el Coordinador Nacional (o el punto focal del GTCC) envía el cuestionario.',
  'Only the National Coordinator or the deputy focal point can publish a request.':
    'Solo el Coordinador Nacional o el punto focal adjunto pueden publicar una solicitud.',
  'Only the National Coordinator or the deputy focal point requests non-disclosure for their State.':
    'Solo el Coordinador Nacional o el punto focal adjunto solicitan la no divulgación para su Estado.',
  'Only the State’s focal points or the Secretariat can withdraw this request.':
    'Solo los puntos focales del Estado o la Secretaría pueden retirar esta solicitud.',
  'Only the Summits Secretariat brokers matches.': 'Solo la Secretaría de Cumbres gestiona los emparejamientos.',
  'Only the Summits Secretariat can read the mail outbox.':
    'Solo la Secretaría de Cumbres puede leer la bandeja de salida del correo.',
  'Only the Summits Secretariat closes or archives roundtables.':
    'Solo la Secretaría de Cumbres cierra o archiva mesas redondas.',
  'Only the Summits Secretariat convenes roundtables.': 'Solo la Secretaría de Cumbres convoca mesas redondas.',
  'Only the Summits Secretariat creates reporting cycles.': 'Solo la Secretaría de Cumbres crea ciclos de reporte.',
  'Only the Summits Secretariat invites organizations to a roundtable.':
    'Solo la Secretaría de Cumbres invita organizaciones a una mesa redonda.',
  'Only the Summits Secretariat names moderators.': 'Solo la Secretaría de Cumbres nombra moderadores.',
  'Only the Summits Secretariat proposes matches.': 'Solo la Secretaría de Cumbres propone emparejamientos.',
  'Only the Summits Secretariat records the decision on a non-disclosure request.':
    'Solo la Secretaría de Cumbres registra la decisión sobre una solicitud de no divulgación.',
  'Only the Summits Secretariat reopens a questionnaire.': 'Solo la Secretaría de Cumbres reabre un cuestionario.',
  'Only the Summits Secretariat sees every organization’s status.':
    'Solo la Secretaría de Cumbres ve el estado de todas las organizaciones.',
  'Only the Summits Secretariat withdraws a proposed match.':
    'Solo la Secretaría de Cumbres retira un emparejamiento propuesto.',
  'Only the offering organization can change this offer.': 'Solo la organización oferente puede cambiar esta oferta.',
  'Only the offering organization’s focal point or the Secretariat can withdraw this offer.':
    'Solo el punto focal de la organización oferente o la Secretaría pueden retirar esta oferta.',
  'Progress is A, B, C or D.': 'El avance es A, B, C o D.',
  'Publication comes after the cycle closes.': 'La publicación es posterior al cierre del ciclo.',
  'Q1 needs a progress level.': 'La P1 necesita un nivel de avance.',
  'Say briefly why (at least 5 characters).': 'Diga brevemente por qué (al menos 5 caracteres).',
  'Say briefly why you decline (at least 5 characters).': 'Diga brevemente por qué rechaza (al menos 5 caracteres).',
  'Say how many States it can support at once.': 'Indique a cuántos Estados puede apoyar a la vez.',
  'Send every agenda item id exactly once, in the new order.':
    'Envíe cada identificador de punto de la agenda exactamente una vez, en el nuevo orden.',
  'Some organization codes appear twice; nothing was imported.':
    'Algunos códigos de organización aparecen dos veces; no se importó nada.',
  'Some organization records are invalid; nothing was imported.':
    'Algunos registros de organizaciones no son válidos; no se importó nada.',
  'Someone saved this answer after you opened it. Both versions are shown: keep yours, theirs, or merge them, then save again.':
    'Otra persona guardó esta respuesta después de que usted la abriera. Se muestran ambas versiones: conserve la suya, la otra o combínelas, y vuelva a guardar.',
  'Start your questionnaire first: there is nothing to withhold yet.':
    'Empiece primero su cuestionario: todavía no hay nada que reservar.',
  'Status is open, closed or archived.': 'El estado es abierta, cerrada o archivada.',
  'Status is pending, in_discussion or done.': 'El estado es pendiente, en discusión o hecho.',
  'That message is not in this roundtable.': 'Ese mensaje no está en esta mesa redonda.',
  'The Summits Secretariat opened the roundtable "{}". Join it from Minka.':
    'La Secretaría de Cumbres abrió la mesa redonda «{}». Únase desde Minka.',
  'The Summits Secretariat organization is missing: start the server once (it loads the reference data), then retry.':
    'Falta la organización de la Secretaría de Cumbres: inicie el servidor una vez (carga los datos de referencia) y vuelva a intentarlo.',
  'The Summits Secretariat proposes a match for the request "{}". Open it to accept or decline.':
    'La Secretaría de Cumbres propone un emparejamiento para la solicitud «{}». Ábrala para aceptar o rechazar.',
  'The current password is not correct.': 'La contraseña actual no es correcta.',
  'The cycle is closed.': 'El ciclo está cerrado.',
  'The cycle is closed: answers are read-only until the Secretariat reopens your questionnaire.':
    'El ciclo está cerrado: las respuestas son de solo lectura hasta que la Secretaría reabra su cuestionario.',
  'The cycle must close after it opens.': 'El ciclo debe cerrar después de abrir.',
  'The language is English (en) or Spanish (es).': 'El idioma es inglés (en) o español (es).',
  'The e-mail or password is not correct, or the account is disabled.':
    'El correo electrónico o la contraseña no son correctos, o la cuenta está desactivada.',
  'The end date is before the start date.': 'La fecha de fin es anterior a la de inicio.',
  'The file has {}; nothing was imported. Fix {} and import the file again.':
    'El archivo tiene {}; no se importó nada. Corrija {} e importe el archivo de nuevo.',
  'The message could not be stored; send it again.': 'No se pudo guardar el mensaje; envíelo de nuevo.',
  'The message you reply to is not in this roundtable.': 'El mensaje al que responde no está en esta mesa redonda.',
  'The role is moderator or participant.': 'El rol es moderador o participante.',
  'The two new passwords differ.': 'Las dos contraseñas nuevas no coinciden.',
  'The two passwords differ.': 'Las dos contraseñas no coinciden.',
  'This agenda item does not exist.': 'Este punto de la agenda no existe.',
  'Move an agenda item up or down.': 'Mueva un punto de la agenda hacia arriba o hacia abajo.',
  'This answer does not exist.': 'Esta respuesta no existe.',
  'This cycle is already published, not due yet, or does not exist.':
    'Este ciclo ya está publicado, aún no corresponde publicarlo o no existe.',
  'This invitation link has already been used. Log in with the account it created.':
    'Este enlace de invitación ya se usó. Inicie sesión con la cuenta que creó.',
  'This invitation link has expired. Ask the person who invited you for a new one.':
    'Este enlace de invitación ha caducado. Pida uno nuevo a la persona que le invitó.',
  'This invitation link is not valid. Check that you copied the whole link.':
    'Este enlace de invitación no es válido. Compruebe que copió el enlace completo.',
  'This invitation was withdrawn. Ask the person who invited you.':
    'Esta invitación fue retirada. Consulte a la persona que le invitó.',
  'This match does not exist.': 'Este emparejamiento no existe.',
  'This match is already proposed or confirmed.': 'Este emparejamiento ya está propuesto o confirmado.',
  'This match is already confirmed; nothing was changed.': 'Este emparejamiento ya está confirmado; no se cambió nada.',
  'This match was already declined; nothing was changed.': 'Este emparejamiento ya fue rechazado; no se cambió nada.',
  'This match was already withdrawn; nothing was changed.': 'Este emparejamiento ya fue retirado; no se cambió nada.',
  'This message does not exist.': 'Este mensaje no existe.',
  'This message was deleted.': 'Este mensaje fue borrado.',
  'This notification does not exist or is already read.': 'Esta notificación no existe o ya se leyó.',
  'This offer does not exist or is not published.': 'Esta oferta no existe o no está publicada.',
  'This draft is not complete yet. Fill in what is marked, save, then publish.':
    'Este borrador aún no está completo. Complete lo señalado, guárdelo y luego publíquelo.',
  'This offer does not exist.': 'Esta oferta no existe.',
  'This offer has no capacity left: every place is taken by a proposed or confirmed match or an initiative under way.':
    'Esta oferta no tiene capacidad disponible: todas las plazas están ocupadas por emparejamientos propuestos o confirmados o por una iniciativa en curso.',
  'This offer is already withdrawn.': 'Esta oferta ya está retirada.',
  'This offer is already published.': 'Esta oferta ya está publicada.',
  'This offer was withdrawn; it can no longer be edited.': 'Esta oferta fue retirada; ya no se puede editar.',
  'This organization does not exist.': 'Esta organización no existe.',
  'This page belongs to another organization.': 'Esta página pertenece a otra organización.',
  'This peer State does not exist.': 'Este Estado par no existe.',
  'This person is not a member of the roundtable.': 'Esta persona no es miembro de la mesa redonda.',
  'This person was not removed from the roundtable.': 'Esta persona no fue retirada de la mesa redonda.',
  'This questionnaire belongs to another organization.': 'Este cuestionario pertenece a otra organización.',
  'This questionnaire does not exist.': 'Este cuestionario no existe.',
  'This questionnaire is already submitted.': 'Este cuestionario ya se envió.',
  'This reporting cycle does not exist.': 'Este ciclo de reporte no existe.',
  'This reporting cycle is not published.': 'Este ciclo de reporte no está publicado.',
  'This request does not exist or is not published.': 'Esta solicitud no existe o no está publicada.',
  'This request does not exist or was already decided.': 'Esta solicitud no existe o ya se decidió.',
  'This request does not exist.': 'Esta solicitud no existe.',
  'This request is already being brokered or is closed; it can no longer be edited.':
    'Esta solicitud ya está en gestión o cerrada; ya no se puede editar.',
  'This request is already published.': 'Esta solicitud ya está publicada.',
  'This request is already fulfilled.': 'Esta solicitud ya está cumplida.',
  'This request is not published or not open for matching.':
    'Esta solicitud no está publicada o no está abierta a emparejamiento.',
  'This request is {}; it cannot get a new match.':
    'Esta solicitud está en estado {}; no puede recibir un nuevo emparejamiento.',
  'This request was withdrawn.': 'Esta solicitud fue retirada.',
  'This role does not exist in that kind of organization.': 'Este rol no existe en ese tipo de organización.',
  'This roundtable does not exist.': 'Esta mesa redonda no existe.',
  'This roundtable is closed: it is read-only.': 'Esta mesa redonda está cerrada: es de solo lectura.',
  'This user does not exist.': 'Este usuario no existe.',
  'Too many failed attempts. Try again later.': 'Demasiados intentos fallidos. Vuelva a intentarlo más tarde.',
  'Too many mandates.': 'Demasiados mandatos.',
  'Unknown assistance type.': 'Tipo de asistencia desconocido.',
  'Unknown commitment.': 'Compromiso desconocido.',
  'Unknown cycle.': 'Ciclo desconocido.',
  'Unknown language.': 'Idioma desconocido.',
  'Unknown mandate number(s): {}.': 'Número(s) de mandato desconocido(s): {}.',
  'Unknown mandate.': 'Mandato desconocido.',
  'Unknown message.': 'Mensaje desconocido.',
  'Unknown or unpublished offer.': 'Oferta desconocida o no publicada.',
  'Unknown peer State.': 'Estado par desconocido.',
  'Unknown question.': 'Pregunta desconocida.',
  'Use a date like 2027-03-31.': 'Use una fecha como 2027-03-31.',
  'Use an IANA time zone such as America/Lima.': 'Use una zona horaria IANA como America/Lima.',
  'Use at least 10 characters.': 'Use al menos 10 caracteres.',
  'Use at most 256 characters.': 'Use como máximo 256 caracteres.',
  'You are not a member of this roundtable.': 'Usted no es miembro de esta mesa redonda.',
  'You are not allowed to do this.': 'No tiene permiso para hacer esto.',
  'You are sending too fast. Wait {} s.': 'Está enviando demasiado rápido. Espere {} s.',
  'You cannot invite this role to this organization.': 'No puede invitar a este rol en esta organización.',
  'You cannot remove yourself; ask another moderator.': 'No puede retirarse a sí mismo; pídalo a otro moderador.',
  'Your account no longer exists.': 'Su cuenta ya no existe.',
  'Choose a time zone from the list.': 'Elija una zona horaria de la lista.',
  'Your organization was invited to the roundtable "{}".': 'Su organización fue invitada a la mesa redonda «{}».',
  'Your questionnaire was submitted: it is locked until the Secretariat reopens it.':
    'Su cuestionario fue enviado: está bloqueado hasta que la Secretaría lo reabra.',
  'Your side has already decided on this match; nothing was changed.':
    'Su parte ya decidió sobre este emparejamiento; no se cambió nada.',
  '{} has no mandate {} in the catalogue.': '{} no tiene el mandato {} en el catálogo.',
  '{} is a {} in the database; its kind cannot change to {}.':
    '{} es de tipo {} en la base de datos; su tipo no puede cambiar a {}.',
  '{} is not asked of your organization.': 'La {} no se pregunta a su organización.',
  // Attachments, indicators and publication
  'Only a State’s or JSWG organization’s focal points and delegates attach documents to answers.':
    'Solo los puntos focales y delegados de un Estado o de una organización del GTCC adjuntan documentos a las respuestas.',
  'The cycle is closed: answers and their documents are read-only until the Secretariat reopens your questionnaire.':
    'El ciclo está cerrado: las respuestas y sus documentos son de solo lectura hasta que la Secretaría reabra su cuestionario.',
  'Save this answer first, then attach documents to it.':
    'Guarde primero esta respuesta y después adjúntele documentos.',
  'This document does not exist.': 'Este documento no existe.',
  'This document does not exist or is not public.': 'Este documento no existe o no es público.',
  'Choose the attached document to withhold.': 'Elija el documento adjunto que desea reservar.',
  'Too many actions at once. Wait a moment and try again.':
    'Demasiadas acciones a la vez. Espere un momento y vuelva a intentarlo.',
  'Choose one of your attached documents in this cycle.': 'Elija uno de sus documentos adjuntos en este ciclo.',
  'Your organization is not asked this question, so it has no answer to withhold.':
    'A su organización no se le hace esta pregunta, así que no tiene respuesta que reservar.',
  'Only the Summits Secretariat publishes a cycle.': 'Solo la Secretaría de Cumbres publica un ciclo.',
  'This cycle is already published.': 'Este ciclo ya está publicado.',
  'Unknown mandate or indicator: this mandate is not in the cycle’s commitment.':
    'Mandato o indicador desconocido: este mandato no está en el compromiso del ciclo.',
  'Mandate {} is answered per indicator: choose one of {}.':
    'El mandato {} se responde por indicador: elija uno de {}.',
  'Mandate {} has no indicators: answer for the mandate itself.':
    'El mandato {} no tiene indicadores: responda para el mandato mismo.',
  'Choose a file to attach.': 'Elija un archivo para adjuntar.',
  'The file is larger than {}, the limit for an attached document. Attach a smaller file (for example a PDF saved at a lower resolution), or split it into parts.':
    'El archivo supera {}, el límite para un documento adjunto. Adjunte un archivo más pequeño (por ejemplo, un PDF guardado con menor resolución) o divídalo en partes.',
  'The file is empty. Choose the document again.': 'El archivo está vacío. Elija el documento de nuevo.',
  'This file is a program, not a document, whatever its name says. Attach a {} file.':
    'Este archivo es un programa, no un documento, diga lo que diga su nombre. Adjunte un archivo {}.',
  'This type of file is not accepted. Attach a {} file.': 'Este tipo de archivo no se acepta. Adjunte un archivo {}.',
  // Civil-society contributions, results pages
  'Choose a civil-society organization.': 'Elija una organización de la sociedad civil.',
  'This question is not asked of States.': 'Esta pregunta no se hace a los Estados.',
  'Write your contribution.': 'Escriba su contribución.',
  'Keep the contribution under {} characters.': 'La contribución debe tener menos de {} caracteres.',
  'The questionnaire is submitted or its cycle is closed: contributions can no longer be made or decided.':
    'El cuestionario está enviado o su ciclo está cerrado: ya no se pueden hacer ni decidir contribuciones.',
  'Only members of a civil-society organization contribute to a State’s draft.':
    'Solo los miembros de una organización de la sociedad civil contribuyen al borrador de un Estado.',
  'Your organization is not invited to contribute to this questionnaire.':
    'Su organización no está invitada a contribuir a este cuestionario.',
  'The State revoked its invitation: you can no longer read or contribute to this questionnaire.':
    'El Estado revocó su invitación: ya no puede leer este cuestionario ni contribuir a él.',
  'This questionnaire is submitted or its cycle is closed: it is no longer open to contributions.':
    'Este cuestionario está enviado o su ciclo está cerrado: ya no admite contribuciones.',
  '{} decided on your contribution to its questionnaire (mandate answer {}).':
    '{} decidió sobre su contribución a su cuestionario (respuesta del mandato {}).',
  'Only the National Coordinator and the deputy focal point invite civil society.':
    'Solo el Coordinador Nacional y el punto focal adjunto invitan a la sociedad civil.',
  'Only a State’s focal points and delegates manage civil-society contributions.':
    'Solo los puntos focales y delegados de un Estado gestionan las contribuciones de la sociedad civil.',
  'Check the highlighted fields. Nobody was invited.': 'Revise los campos señalados. No se invitó a nadie.',
  '{} is already invited.': '{} ya está invitada.',
  'Only the National Coordinator and the deputy focal point revoke an invitation.':
    'Solo el Coordinador Nacional y el punto focal adjunto revocan una invitación.',
  'This invitation does not exist.': 'Esta invitación no existe.',
  'This invitation does not exist or is already revoked.': 'Esta invitación no existe o ya fue revocada.',
  'Only the National Coordinator and the deputy focal point state whether civil society contributed.':
    'Solo el Coordinador Nacional y el punto focal adjunto indican si la sociedad civil contribuyó.',
  'Say yes or no.': 'Responda sí o no.',
  'The questionnaire is submitted or its cycle is closed: it cannot be changed.':
    'El cuestionario está enviado o su ciclo está cerrado: no se puede cambiar.',
  'The questionnaire is submitted: it cannot be changed.': 'El cuestionario está enviado: no se puede cambiar.',
  'Check the highlighted fields. Nothing was sent.': 'Revise los campos señalados. No se envió nada.',
  '{} proposed a contribution to mandate {}, {}, of your questionnaire for {}. Accept it or leave it out.':
    '{} propuso una contribución al mandato {}, {}, de su cuestionario para {}. Acéptela o déjela fuera.',
  'This contribution does not exist.': 'Esta contribución no existe.',
  'This contribution does not exist or the State already decided on it.':
    'Esta contribución no existe o el Estado ya decidió sobre ella.',
  'Only a State’s focal points and delegates review civil-society contributions.':
    'Solo los puntos focales y delegados de un Estado revisan las contribuciones de la sociedad civil.',
  'This contribution was already decided.': 'Ya se decidió sobre esta contribución.',
  'Give Q1 its progress level (A, B, C or D) before accepting a contribution to it.':
    'Dé a la P1 su nivel de avance (A, B, C o D) antes de aceptar una contribución a ella.',
  'With this contribution the full answer would pass {} characters: shorten the answer first.':
    'Con esta contribución la respuesta completa superaría {} caracteres: acorte primero la respuesta.',
  'The answer kept changing while the contribution was being added. Nothing was lost: try again.':
    'La respuesta cambió varias veces mientras se añadía la contribución. No se perdió nada: vuelva a intentarlo.',
  'Only the Summits Secretariat sees this summary.': 'Solo la Secretaría de Cumbres ve este resumen.',
  'Only a State’s focal points and delegates decide on civil-society contributions.':
    'Solo los puntos focales y delegados de un Estado deciden sobre las contribuciones de la sociedad civil.',
  'This contribution is not one of your questionnaire’s.': 'Esta contribución no pertenece a su cuestionario.',
  'Only the Summits Secretariat opens another organization’s questionnaire.':
    'Solo la Secretaría de Cumbres abre el cuestionario de otra organización.',
  'This reporting cycle or mandate does not exist.': 'Este ciclo de reporte o mandato no existe.',
  'There is no such page.': 'Esa página no existe.',
  'Only a moderator or the person who shared this document can remove it.':
    'Solo un moderador o la persona que compartió este documento puede quitarlo.',
  // Socket acknowledgements (realtime/): the same catalog, applied per socket in the reader's language.
  'A message is text.': 'Un mensaje es texto.',
  'A moderator removed you from this roundtable.': 'Un moderador lo retiró de esta mesa redonda.',
  'Invalid payload.': 'Datos no válidos.',
  'Join the room first (room:join).': 'Únase primero a la sala (room:join).',
  "Only moderators lower someone else's hand.": 'Solo los moderadores bajan la mano de otra persona.',
  'Something went wrong on our side. Try again in a moment.':
    'Algo falló de nuestro lado. Inténtelo de nuevo en un momento.',
  '{} expects one object as its payload.': '{} espera un objeto como datos.',
  // E-mail subjects and bodies of notices (services/notifications): written per recipient in their language.
  'A cooperation match is proposed': 'Se propone un emparejamiento de cooperación',
  'A cooperation match is confirmed': 'Se confirmó un emparejamiento de cooperación',
  'A match was accepted': 'Se aceptó un emparejamiento',
  'A match was declined': 'Se rechazó un emparejamiento',
  'The other side accepted the match for "{}".': 'La otra parte aceptó el emparejamiento para «{}».',
  'The other side declined the match for "{}".': 'La otra parte rechazó el emparejamiento para «{}».',
  'Roundtable opened: {}': 'Mesa redonda abierta: {}',
  'Roundtable: {}': 'Mesa redonda: {}',
  '{} accepted your contribution': '{} aceptó su contribución',
  '{} did not include your contribution': '{} no incluyó su contribución',
  '{} invites you to contribute to its questionnaire': '{} le invita a contribuir a su cuestionario',
  '{} invites {} to contribute to its questionnaire for {}.': '{} invita a {} a contribuir a su cuestionario para {}.',
  '{} proposed a contribution': '{} propuso una contribución',
  // Subjects name the organization; these stand in when its name is missing.
  'A State': 'Un Estado',
  'A civil-society organization': 'Una organización de la sociedad civil',
  // Civil-society recommendations (services/recommendations)
  'Give your recommendation a title.': 'Dé un título a su recomendación.',
  'Keep the title under {} characters.': 'El título debe tener menos de {} caracteres.',
  'Write your recommendation.': 'Escriba su recomendación.',
  'Keep the recommendation under {} characters.': 'La recomendación debe tener menos de {} caracteres.',
  'Choose the language the recommendation is written in.': 'Elija el idioma en que está escrita la recomendación.',
  'Choose a published reporting cycle.': 'Elija un ciclo de informes publicado.',
  'Choose a mandate, a published reporting cycle, or both.':
    'Elija un mandato, un ciclo de informes publicado, o ambos.',
  'Give the organization the reason.': 'Indique el motivo a la organización.',
  'Keep the reason under {} characters.': 'El motivo debe tener menos de {} caracteres.',
  'Only the Summits Secretariat moderates recommendations.':
    'Solo la Secretaría de Cumbres modera las recomendaciones.',
  'This recommendation does not exist.': 'Esta recomendación no existe.',
  'This recommendation was already decided or withdrawn.': 'Ya se decidió sobre esta recomendación o fue retirada.',
  'Only members of a registered civil-society organization submit recommendations.':
    'Solo los miembros de una organización de la sociedad civil registrada presentan recomendaciones.',
  'Choose the commitment of the mandate.': 'Elija el compromiso del mandato.',
  '{} submitted a recommendation': '{} presentó una recomendación',
  '{} submitted a recommendation for publication. Publish it as written or decline it with a reason.':
    '{} presentó una recomendación para su publicación. Publíquela tal como está escrita o recházela indicando el motivo.',
  'Only members of a civil-society organization have recommendations.':
    'Solo los miembros de una organización de la sociedad civil tienen recomendaciones.',
  'The Summits Secretariat published your recommendation': 'La Secretaría de Cumbres publicó su recomendación',
  'Your recommendation “{}” is now public on Minka, as you wrote it.':
    'Su recomendación «{}» ya es pública en Minka, tal como la escribió.',
  'The Summits Secretariat did not publish your recommendation': 'La Secretaría de Cumbres no publicó su recomendación',
  'The Summits Secretariat declined your recommendation “{}”. Its reason is below.':
    'La Secretaría de Cumbres rechazó su recomendación «{}». El motivo figura abajo.',
  'Only the organization that submitted a recommendation may withdraw it.':
    'Solo la organización que presentó una recomendación puede retirarla.',
  'This recommendation does not exist, is not your organization’s, or is no longer pending.':
    'Esta recomendación no existe, no es de su organización o ya no está pendiente.',
  // Publication over the window and late updates (issue 13, decision 015).
  'Nothing to publish: the questionnaire is not submitted or its cycle is not published yet.':
    'Nada que publicar: el cuestionario no está enviado o su ciclo aún no está publicado.',
  'This submission is already published.': 'Este envío ya está publicado.',
  'This organization has no published questionnaire in this cycle.':
    'Esta organización no tiene un cuestionario publicado en este ciclo.',
  // Requests and offers drafted from answers, and withheld answers (issue 13, decision 014).
  'The answer this comes from is withheld at your request. Write what may be shown, in your own words, then publish.':
    'La respuesta de la que proviene está reservada a su pedido. Escriba lo que puede mostrarse, con sus propias palabras, y luego publique.',
  'This repeats text you asked to withhold. Write what may be shown instead.':
    'Esto repite un texto que usted pidió reservar. Escriba en su lugar lo que puede mostrarse.',
  'Only a focal point of the organization decides on an update from its answer.':
    'Solo un punto focal de la organización decide sobre una actualización que viene de su respuesta.',
  'There is no update from the answer to confirm.': 'No hay ninguna actualización de la respuesta que confirmar.',
  'This item is being brokered or is closed; its text can no longer change.':
    'Este elemento está en intermediación o cerrado; su texto ya no puede cambiar.',
  'The answer this came from no longer exists.': 'La respuesta de la que proviene ya no existe.',
  'Too little of the answer may be shown to update the text: edit it in your own words.':
    'Se puede mostrar muy poco de la respuesta para actualizar el texto: edítelo con sus propias palabras.',
  'An assistance request was unpublished': 'Se retiró de la publicación una solicitud de asistencia',
  'A cooperation offer was unpublished': 'Se retiró de la publicación una oferta de cooperación',
  'Your assistance request on mandate {} was made from an answer you asked to withhold, so it is no longer published. Write what may be shown and publish it again.':
    'Su solicitud de asistencia sobre el mandato {} se hizo a partir de una respuesta que usted pidió reservar, por lo que ya no está publicada. Escriba lo que puede mostrarse y vuelva a publicarla.',
  'Your cooperation offer on mandate {} was made from an answer withheld at your request, so it is no longer published. Write what may be shown and publish it again.':
    'Su oferta de cooperación sobre el mandato {} se hizo a partir de una respuesta reservada a su pedido, por lo que ya no está publicada. Escriba lo que puede mostrarse y vuelva a publicarla.',
  // The Summits Chair's decision on non-disclosure (issue 13 item 4, decision 015).
  'Give the reference of the Chair’s written reply.':
    'Indique la referencia de la respuesta escrita de la Presidencia.',
  'Only the National Coordinator or the deputy focal point withdraws content for their State.':
    'Solo el Coordinador Nacional o el punto focal adjunto retira contenido de su Estado.',
  'Only content the Chair refused to withhold can be withdrawn, and only before its amendment period ends.':
    'Solo puede retirarse el contenido cuya reserva denegó la Presidencia, y solo antes de que termine su plazo de modificación.',
  'This is already withheld, or a request to withhold it is waiting for the Chair’s decision: there is nothing to request again.':
    'Esto ya está reservado, o una solicitud para reservarlo espera la decisión de la Presidencia: no hay nada que volver a solicitar.',
  'The Summits Chair refused a non-disclosure request': 'La Presidencia de las Cumbres denegó una solicitud de reserva',
  'The Summits Chair refused your request to withhold information (letter {}). Until {} it stays unpublished: amend the content in your questionnaire, or withdraw it on the non-disclosure page. After that date it is published.':
    'La Presidencia de las Cumbres denegó su solicitud de reservar información (nota {}). Hasta el {} no se publica: modifique el contenido en su cuestionario o retírelo en la página de reserva. Después de esa fecha se publica.',
  'You can edit your message for 15 minutes after sending it.':
    'Puede editar su mensaje durante 15 minutos después de enviarlo.',
  'You can delete your message for 15 minutes after sending it.':
    'Puede borrar su mensaje durante 15 minutos después de enviarlo.',
  'Only the author can edit a message. A moderator may hide it instead.':
    'Solo el autor puede editar un mensaje. Un moderador puede ocultarlo.',
  'Only the author can delete a message. A moderator may hide it instead.':
    'Solo el autor puede borrar un mensaje. Un moderador puede ocultarlo.',
  'A moderator hid this message.': 'Un moderador ocultó este mensaje.',
  'Only moderators hide messages.': 'Solo los moderadores ocultan mensajes.',
  'Say why you hide this message.': 'Diga por qué oculta este mensaje.',
  'Say why you hide this message (at least 3 characters).': 'Diga por qué oculta este mensaje (al menos 3 caracteres).',
  // Videoconferences (issue 18)
  'Log in to see the meetings of a roundtable.': 'Inicie sesión para ver las reuniones de una mesa redonda.',
  'Log in to see this meeting.': 'Inicie sesión para ver esta reunión.',
  'This meeting does not exist.': 'Esta reunión no existe.',
  'You are not invited to this meeting.': 'No está invitado a esta reunión.',
  'Videoconference cancelled: {}': 'Videoconferencia cancelada: {}',
  'Videoconference invitation: {}': 'Invitación a videoconferencia: {}',
  'Videoconference moved: {}': 'Videoconferencia cambiada de hora: {}',
  'The videoconference "{}" of the roundtable "{}", planned for {} (organizer’s time: {}), is cancelled. The calendar file that removes it: {}{}.':
    'La videoconferencia «{}» de la mesa redonda «{}», prevista para el {} (hora del organizador: {}), queda cancelada. El archivo de calendario que la elimina: {}{}.',
  'The videoconference "{}" of the roundtable "{}" is on {} (organizer’s time: {}) and lasts {} minutes. Join it from its page in Minka. The calendar file: {}{}.':
    'La videoconferencia «{}» de la mesa redonda «{}» es el {} (hora del organizador: {}) y dura {} minutos. Únase desde su página en Minka. El archivo de calendario: {}{}.',
  'Give the meeting a title (at least 3 characters).': 'Dé un título a la reunión (al menos 3 caracteres).',
  'A title has at most 200 characters.': 'Un título tiene como máximo 200 caracteres.',
  'Give the date and time of the start.': 'Indique la fecha y la hora de inicio.',
  'Give the duration in minutes.': 'Indique la duración en minutos.',
  'Give the duration in whole minutes.': 'Indique la duración en minutos enteros.',
  'A meeting lasts at least 5 minutes.': 'Una reunión dura al menos 5 minutos.',
  'A meeting lasts at most 600 minutes.': 'Una reunión dura como máximo 600 minutos.',
  'The agenda has at most 5000 characters.': 'El orden del día tiene como máximo 5000 caracteres.',
  'Only the Summits Secretariat and the roundtable’s moderators schedule videoconferences.':
    'Solo la Secretaría de Cumbres y los moderadores de la mesa redonda programan videoconferencias.',
  'Give the date and time as 2027-01-05T10:00.': 'Indique la fecha y la hora como 2027-01-05T10:00.',
  'That time does not exist in {}: the clocks move forward then. Choose another time.':
    'Esa hora no existe en {}: ese día se adelantan los relojes. Elija otra hora.',
  'The meeting must start in the future.': 'La reunión debe empezar en el futuro.',
  'Someone you added is not a Minka user.': 'Alguien que añadió no es usuario de Minka.',
  'You organize the meeting: you cannot leave yourself out.': 'Usted organiza la reunión: no puede excluirse.',
  'Only the Summits Secretariat and the roundtable’s moderators reschedule videoconferences.':
    'Solo la Secretaría de Cumbres y los moderadores de la mesa redonda cambian la hora de las videoconferencias.',
  'Only a meeting that has not started or been cancelled can be moved.':
    'Solo se puede mover una reunión que no ha empezado ni se ha cancelado.',
  'Only the Summits Secretariat and the roundtable’s moderators cancel videoconferences.':
    'Solo la Secretaría de Cumbres y los moderadores de la mesa redonda cancelan videoconferencias.',
  'Only a meeting that has not started or been cancelled can be cancelled.':
    'Solo se puede cancelar una reunión que no ha empezado ni se ha cancelado.',
  'This meeting was cancelled.': 'Esta reunión fue cancelada.',
  'This meeting has ended.': 'Esta reunión ha terminado.',
  'You can join from 15 minutes before the start.': 'Puede unirse desde 15 minutos antes del inicio.',
  'The video service is not configured on this Minka server. Ask the Secretariat.':
    'El servicio de video no está configurado en este servidor de Minka. Consulte a la Secretaría.',
  'The video service did not answer. Try again in a moment.':
    'El servicio de video no respondió. Inténtelo de nuevo en un momento.',
  'Only the Summits Secretariat and the roundtable’s moderators manage the call.':
    'Solo la Secretaría de Cumbres y los moderadores de la mesa redonda gestionan la llamada.',
  'This person is not in the call.': 'Esta persona no está en la llamada.',
  'The video service is not configured on this Minka server.':
    'El servicio de video no está configurado en este servidor de Minka.',
  'The webhook signature does not hold.': 'La firma del webhook no es válida.',
  'Only the Summits Secretariat marks attendance by hand.':
    'Solo la Secretaría de Cumbres registra la asistencia a mano.',
  'Choose someone invited to the meeting.': 'Elija a alguien invitado a la reunión.',
  'Tomorrow: {}': 'Mañana: {}',
  'In 15 minutes: {}': 'En 15 minutos: {}',
  'Reminder: the videoconference "{}" of the roundtable "{}" starts on {} (organizer’s time: {}). To join, open the meeting’s page in Minka and press "Join the call" (it opens 15 minutes before the start).':
    'Recordatorio: la videoconferencia «{}» de la mesa redonda «{}» empieza el {} (hora del organizador: {}). Para unirse, abra la página de la reunión en Minka y pulse «Unirse a la llamada» (se abre 15 minutos antes del inicio).',
  'This calendar address does not exist or was revoked.': 'Esta dirección de calendario no existe o fue revocada.',
  'Only the Summits Secretariat and the roundtable’s moderators read the attendance.':
    'Solo la Secretaría de Cumbres y los moderadores de la mesa redonda consultan la asistencia.',
  // Cooperation initiatives and their outcomes (issue 19, decision 019).
  'Choose the part not to publish: an outcome, a document or funding.':
    'Elija la parte que no debe publicarse: un resultado, un documento o un financiamiento.',
  'Choose the part not to publish.': 'Elija la parte que no debe publicarse.',
  'Only the Summits Secretariat manages initiatives.': 'Solo la Secretaría de Cumbres gestiona las iniciativas.',
  'Say why this part should not be published.': 'Explique por qué esta parte no debe publicarse.',
  'Say why this part should not be published (at least 10 characters).':
    'Explique por qué esta parte no debe publicarse (al menos 10 caracteres).',
  'Grant or refuse the request.': 'Acepte o rechace la solicitud.',
  'Only a focal point of a participant organization asks that a part not be published.':
    'Solo un punto focal de una organización participante pide que una parte no se publique.',
  'This part is not in this initiative.': 'Esta parte no pertenece a esta iniciativa.',
  'An offer of this initiative has no place left: every place is taken by a match or another planned or in-progress initiative. Nothing was changed.':
    'Una oferta de esta iniciativa no tiene plazas disponibles: todas están ocupadas por un emparejamiento u otra iniciativa planificada o en curso. No se cambió nada.',
  'A participant asked that part of a cooperation initiative not be published':
    'Un participante pidió que una parte de una iniciativa de cooperación no se publique',
  'A participant asked that part of the initiative "{}" not be published. It is withheld until you decide.':
    'Un participante pidió que una parte de la iniciativa "{}" no se publique. Queda reservada hasta que usted decida.',
  'This part is already withheld or waiting for a decision.': 'Esta parte ya está reservada o espera una decisión.',
  'Only the Summits Secretariat decides whether a part is published.':
    'Solo la Secretaría de Cumbres decide si una parte se publica.',
  'The Secretariat agreed not to publish part of a cooperation initiative':
    'La Secretaría aceptó no publicar una parte de una iniciativa de cooperación',
  'The Secretariat refused to withhold part of a cooperation initiative':
    'La Secretaría rechazó reservar una parte de una iniciativa de cooperación',
  'The part of the initiative you asked about will not be published.':
    'La parte de la iniciativa sobre la que preguntó no se publicará.',
  'The part of the initiative you asked about can be published. Read the Secretariat’s note on the initiative’s page.':
    'La parte de la iniciativa sobre la que preguntó puede publicarse. Lea la nota de la Secretaría en la página de la iniciativa.',
  'This request was already decided.': 'Esta solicitud ya fue decidida.',
  'A figure is a number.': 'Una cifra es un número.',
  'A figure is not negative.': 'Una cifra no es negativa.',
  'A participant proposed an outcome of a cooperation initiative':
    'Un participante propuso un resultado de una iniciativa de cooperación',
  'A participant proposed an outcome of the initiative "{}". Publish it once every participant agrees, or decline it.':
    'Un participante propuso un resultado de la iniciativa "{}". Publíquelo cuando todos los participantes estén de acuerdo, o rechácelo.',
  'A participant proposed an update to a cooperation initiative':
    'Un participante propuso una actualización de una iniciativa de cooperación',
  'A participant proposed an update to the initiative "{}". Accept or decline it.':
    'Un participante propuso una actualización de la iniciativa "{}". Acéptela o recházela.',
  'The initiative cannot move to this status from its current one.':
    'La iniciativa no puede pasar a este estado desde el actual.',
  'An outcome of a cooperation initiative waits for your agreement':
    'Un resultado de una iniciativa de cooperación espera su acuerdo',
  'An outcome of the initiative "{}" was recorded. It is published only when every participant has agreed to it.':
    'Se registró un resultado de la iniciativa "{}". Solo se publica cuando todos los participantes están de acuerdo.',
  'Choose at least one form of cooperation.': 'Elija al menos una forma de cooperación.',
  'Choose the participant’s role.': 'Elija el papel del participante.',
  'Each organization takes part once.': 'Cada organización participa una sola vez.',
  'Every participant agreed to an outcome of the initiative "{}". It can be published.':
    'Todos los participantes están de acuerdo con un resultado de la iniciativa "{}". Puede publicarse.',
  'Every participant agreed to an outcome': 'Todos los participantes están de acuerdo con un resultado',
  'Funding of a cooperation initiative waits for your agreement':
    'El financiamiento de una iniciativa de cooperación espera su acuerdo',
  'Give an amount above zero.': 'Indique un monto mayor que cero.',
  'Give at most 20 figures.': 'Indique como máximo 20 cifras.',
  'Give the amount as a number.': 'Indique el monto como un número.',
  'Give the currency as its three-letter code, like USD.': 'Indique la moneda con su código de tres letras, como USD.',
  'Give the currency.': 'Indique la moneda.',
  'Give the initiative a title (at least 5 characters).': 'Dé un título a la iniciativa (al menos 5 caracteres).',
  'Give the initiative a title.': 'Dé un título a la iniciativa.',
  'Give the reason.': 'Indique el motivo.',
  'Keep the figure’s name under {} characters.': 'El nombre de la cifra debe tener menos de {} caracteres.',
  'Keep the note under {} characters.': 'La nota debe tener menos de {} caracteres.',
  'Keep the outcome under {} characters.': 'El resultado debe tener menos de {} caracteres.',
  'Keep the source under {} characters.': 'La fuente debe tener menos de {} caracteres.',
  'Keep the summary under {} characters.': 'El resumen debe tener menos de {} caracteres.',
  'Link published offers only.': 'Vincule solo ofertas publicadas.',
  'Link published requests only.': 'Vincule solo solicitudes publicadas.',
  'Log in to see your organization’s initiatives.': 'Inicie sesión para ver las iniciativas de su organización.',
  'Name at least one participant.': 'Indique al menos un participante.',
  'Name the figure.': 'Nombre la cifra.',
  'Name the source of the funding.': 'Indique la fuente del financiamiento.',
  'Only a confirmed match becomes an initiative.': 'Solo una emparejamiento confirmado se convierte en iniciativa.',
  'Only a focal point of a participant organization agrees to an outcome.':
    'Solo un punto focal de una organización participante da su acuerdo a un resultado.',
  'Only a focal point of a participant organization agrees to publishing the funding.':
    'Solo un punto focal de una organización participante da su acuerdo a publicar el financiamiento.',
  'Only a focal point of a participant organization proposes outcomes.':
    'Solo un punto focal de una organización participante propone resultados.',
  'Only a focal point of a participant organization proposes updates.':
    'Solo un punto focal de una organización participante propone actualizaciones.',
  'Only an outcome every participant agreed to can be published.':
    'Solo puede publicarse un resultado con el acuerdo de todos los participantes.',
  'Only an outcome that is not published can be declined.': 'Solo puede rechazarse un resultado que no esté publicado.',
  'Only the Secretariat or a participant’s focal point corrects an outcome.':
    'Solo la Secretaría o un punto focal de un participante corrige un resultado.',
  'Only the Summits Secretariat accepts or declines proposed updates.':
    'Solo la Secretaría de Cumbres acepta o rechaza las actualizaciones propuestas.',
  'Only the Summits Secretariat changes an initiative; participants propose updates.':
    'Solo la Secretaría de Cumbres modifica una iniciativa; los participantes proponen actualizaciones.',
  'Only the Summits Secretariat declines outcomes.': 'Solo la Secretaría de Cumbres rechaza resultados.',
  'Only the Summits Secretariat logs outcomes; participants propose them.':
    'Solo la Secretaría de Cumbres registra resultados; los participantes los proponen.',
  'Only the Summits Secretariat publishes initiatives.': 'Solo la Secretaría de Cumbres publica iniciativas.',
  'Only the Summits Secretariat publishes outcomes.': 'Solo la Secretaría de Cumbres publica resultados.',
  'Only the Summits Secretariat records funding.': 'Solo la Secretaría de Cumbres registra el financiamiento.',
  'Only the Summits Secretariat registers cooperation initiatives.':
    'Solo la Secretaría de Cumbres registra iniciativas de cooperación.',
  'Participants are States and JSWG organizations registered in Minka.':
    'Los participantes son Estados y organizaciones del GTCC registrados en Minka.',
  'Propose at least one change.': 'Proponga al menos un cambio.',
  'Say what changed (at least 10 characters).': 'Diga qué cambió (al menos 10 caracteres).',
  'Say what changed.': 'Diga qué cambió.',
  'Someone corrected this outcome at the same time; reload and try again.':
    'Alguien corrigió este resultado al mismo tiempo; recargue e intente de nuevo.',
  'Summarize the initiative in at least 20 characters.': 'Resuma la iniciativa en al menos 20 caracteres.',
  'Summarize the initiative.': 'Resuma la iniciativa.',
  'The Secretariat accepted your proposed update': 'La Secretaría aceptó la actualización que usted propuso',
  'The Secretariat declined your proposed update': 'La Secretaría rechazó la actualización que usted propuso',
  'The Summits Secretariat recorded external funding for the initiative "{}". It is published only when every participant has agreed.':
    'La Secretaría de Cumbres registró financiamiento externo para la iniciativa "{}". Solo se publica cuando todos los participantes están de acuerdo.',
  'The Summits Secretariat registered the cooperation initiative "{}" with your organization as a participant. You can propose updates and outcomes.':
    'La Secretaría de Cumbres registró la iniciativa de cooperación "{}" con su organización como participante. Puede proponer actualizaciones y resultados.',
  'The initiative changed meanwhile; nothing was changed. Reload and try again.':
    'La iniciativa cambió mientras tanto; no se modificó nada. Recargue e intente de nuevo.',
  'This amount is too large.': 'Este monto es demasiado grande.',
  'This figure is too large.': 'Esta cifra es demasiado grande.',
  'This funding does not exist.': 'Este financiamiento no existe.',
  'This initiative does not exist.': 'Esta iniciativa no existe.',
  'This initiative is already published.': 'Esta iniciativa ya está publicada.',
  'This initiative is not published.': 'Esta iniciativa no está publicada.',
  'This match is already an initiative.': 'Este emparejamiento ya es una iniciativa.',
  'This organization already takes part in the initiative.': 'Esta organización ya participa en la iniciativa.',
  'This outcome does not exist.': 'Este resultado no existe.',
  'This outcome no longer waits for agreement; nothing was changed.':
    'Este resultado ya no espera acuerdo; no se modificó nada.',
  'This proposed update does not exist.': 'Esta actualización propuesta no existe.',
  'This update was already decided.': 'Ya se decidió sobre esta actualización.',
  'Too many participants.': 'Demasiados participantes.',
  'Unknown form of cooperation.': 'Forma de cooperación desconocida.',
  'Unknown offer.': 'Oferta desconocida.',
  'Unknown request.': 'Solicitud desconocida.',
  'Unknown roundtable.': 'Mesa de trabajo desconocida.',
  'Unknown status.': 'Estado desconocido.',
  'Your organization has already agreed to publishing this funding.':
    'Su organización ya dio su acuerdo a publicar este financiamiento.',
  'Your organization has already agreed to this outcome.': 'Su organización ya dio su acuerdo a este resultado.',
  'Your organization takes part in a new cooperation initiative':
    'Su organización participa en una nueva iniciativa de cooperación',
  'Your proposed update to the initiative "{}" was accepted.':
    'Se aceptó la actualización que usted propuso para la iniciativa "{}".',
  'Your proposed update to the initiative "{}" was declined.':
    'Se rechazó la actualización que usted propuso para la iniciativa "{}".',
  '{} Decline this update.': '{} Rechace esta actualización.',
  'Only the Secretariat or a participant’s focal point attaches documents to an outcome.':
    'Solo la Secretaría o un punto focal de un participante adjunta documentos a un resultado.',
  'Documents are attached while the outcome waits for agreement; correct it with a new version instead.':
    'Los documentos se adjuntan mientras el resultado espera acuerdo; en su lugar, corríjalo con una nueva versión.',
  // Good practices (services/practices, issue 17)
  'This field has at most 10,000 characters.': 'Este campo tiene como máximo 10.000 caracteres.',
  'Give the practice a title.': 'Dé un título a la práctica.',
  'Keep the contact name under 200 characters.': 'El nombre del contacto debe tener menos de 200 caracteres.',
  'Give a valid e-mail address for the contact point.':
    'Indique un correo electrónico válido para el punto de contacto.',
  'Choose subjects from the list.': 'Elija materias de la lista.',
  'Choose assistance types from the list.': 'Elija tipos de asistencia de la lista.',
  'Choose languages from the list.': 'Elija idiomas de la lista.',
  'Give a short description.': 'Dé una descripción breve.',
  'Describe the situation that required amending or improving.':
    'Describa la situación que requería ser modificada o mejorada.',
  'Describe what was done.': 'Describa lo que se hizo.',
  'Describe the results.': 'Describa los resultados.',
  'Describe the lessons learnt.': 'Describa las lecciones aprendidas.',
  'Describe the conditions for transfer to another State.': 'Describa las condiciones para transferirla a otro Estado.',
  'Name a contact point.': 'Indique un punto de contacto.',
  'Give the contact point’s e-mail address.': 'Indique el correo electrónico del punto de contacto.',
  'Choose at least one language.': 'Elija al menos un idioma.',
  'Write a comment.': 'Escriba un comentario.',
  'Keep a comment under {} characters.': 'Un comentario debe tener menos de {} caracteres.',
  'This comment does not exist.': 'Este comentario no existe.',
  'Name the review round.': 'Dé un nombre a la ronda de revisión.',
  'Keep the name under 200 characters.': 'El nombre debe tener menos de 200 caracteres.',
  'Choose submitted practices.': 'Elija prácticas presentadas.',
  'Choose at least one submitted practice.': 'Elija al menos una práctica presentada.',
  'Give the length in days.': 'Indique la duración en días.',
  'Give the length in whole days.': 'Indique la duración en días enteros.',
  'A round lasts at least one day.': 'Una ronda dura al menos un día.',
  'A round lasts at most 90 days.': 'Una ronda dura como máximo 90 días.',
  'Keep each tag under 60 characters.': 'Cada etiqueta debe tener menos de 60 caracteres.',
  'At most 20 tags.': 'Como máximo 20 etiquetas.',
  'The Q6 answer this practice comes from is withheld at your request, and the highlighted fields repeat it. Describe the practice in words that may be published.':
    'La respuesta P6 de la que proviene esta práctica está reservada a su solicitud, y los campos señalados la repiten. Describa la práctica con palabras que puedan publicarse.',
  'Only a State or JSWG organization drafts and revises its good practices.':
    'Solo un Estado o una organización del GTCC redacta y revisa sus buenas prácticas.',
  'This practice does not exist.': 'Esta práctica no existe.',
  'Only the Summits Secretariat consolidates the base of good practices.':
    'Solo la Secretaría de Cumbres consolida la base de buenas prácticas.',
  'A good practice is drafted from a Q6 answer (good practices).':
    'Una buena práctica se redacta a partir de una respuesta P6 (buenas prácticas).',
  'This practice can no longer be changed: it was reviewed, published, merged or withdrawn.':
    'Esta práctica ya no puede modificarse: fue revisada, publicada, fusionada o retirada.',
  'The review round has closed: the practice can no longer be changed.':
    'La ronda de revisión se cerró: la práctica ya no puede modificarse.',
  'Someone saved this practice since you opened it. Reload it and make your changes again.':
    'Alguien guardó esta práctica después de que usted la abriera. Vuelva a cargarla y repita sus cambios.',
  'A submitted practice keeps its form complete. Fill in the highlighted fields.':
    'Una práctica presentada mantiene su formulario completo. Complete los campos señalados.',
  'Only the organization’s focal points submit a good practice.':
    'Solo los puntos focales de la organización presentan una buena práctica.',
  'This practice was already submitted.': 'Esta práctica ya fue presentada.',
  'Only a complete form is submitted. Fill in the highlighted fields.':
    'Solo se presenta un formulario completo. Complete los campos señalados.',
  'Only the organization’s focal points withdraw a good practice.':
    'Solo los puntos focales de la organización retiran una buena práctica.',
  'A practice cannot duplicate itself.': 'Una práctica no puede ser duplicado de sí misma.',
  'Choose at least two practices to merge.': 'Elija al menos dos prácticas para fusionar.',
  'Only practices of the same organization are merged; mark the others as duplicates.':
    'Solo se fusionan prácticas de la misma organización; marque las demás como duplicadas.',
  'Only submitted practices, or practices in an open round, are merged.':
    'Solo se fusionan prácticas presentadas o prácticas en una ronda abierta.',
  'Only practices in the same round are merged.': 'Solo se fusionan prácticas de la misma ronda.',
  'Only submitted practices not already in a round can be put in a review round.':
    'Solo las prácticas presentadas que aún no están en una ronda pueden incluirse en una ronda de revisión.',
  'The review of the good-practice base is open': 'La revisión de la base de buenas prácticas está abierta',
  'The Summits Secretariat opened the review “{}”. Read the consolidated base and comment on any entry before {}.':
    'La Secretaría de Cumbres abrió la revisión «{}». Lea la base consolidada y comente cualquier entrada antes del {}.',
  'This review round does not exist.': 'Esta ronda de revisión no existe.',
  'Only participants of the review round comment on its entries.':
    'Solo los participantes de la ronda de revisión comentan sus entradas.',
  'The review round is closed: comments are no longer taken.':
    'La ronda de revisión está cerrada: ya no se reciben comentarios.',
  'A comment on your good practice': 'Un comentario sobre su buena práctica',
  'A participant of the review round commented on your good practice. Read it and revise the entry while the round is open.':
    'Un participante de la ronda de revisión comentó su buena práctica. Léalo y revise la entrada mientras la ronda esté abierta.',
  'Only the practice’s organization or the Secretariat resolves comments.':
    'Solo la organización de la práctica o la Secretaría resuelven los comentarios.',
  'Only the Summits Secretariat publishes the base of good practices.':
    'Solo la Secretaría de Cumbres publica la base de buenas prácticas.',
  'The review round is still open: the base is published after it closes.':
    'La ronda de revisión sigue abierta: la base se publica después de su cierre.',
  'This review round was already published.': 'Esta ronda de revisión ya fue publicada.',
  'A good practice was not published': 'Una buena práctica no fue publicada',
  'One of your good practices repeats a Q6 answer you asked to withhold, so it was not published. It is kept for the next round.':
    'Una de sus buenas prácticas repite una respuesta P6 que usted pidió reservar, por lo que no se publicó. Se conserva para la próxima ronda.',
  'Published by the Summits of the Americas Secretariat under the Lima Commitment follow-up mechanism; reuse with attribution.':
    'Publicado por la Secretaría de Cumbres de las Américas en el marco del mecanismo de seguimiento del Compromiso de Lima; reutilización con atribución.',
  // Report on challenges (services/reports, issue 17)
  'Keep each text under {} characters.': 'Cada texto debe tener menos de {} caracteres.',
  'This report does not exist.': 'Este informe no existe.',
  'Only the Summits Secretariat prepares the report on challenges.':
    'Solo la Secretaría de Cumbres prepara el informe sobre los desafíos.',
  'Give the closing date and time (UTC).': 'Indique la fecha y hora de cierre (UTC).',
  'The round closes in the future, within 90 days.': 'La ronda cierra en el futuro, dentro de 90 días.',
  'Too many requests. Try again later.': 'Demasiadas solicitudes. Inténtelo más tarde.',
  'Reset your password': 'Restablezca su contraseña',
  'Someone asked to reset the password of your Minka account. If it was you, open this link within an hour to choose a new password; it works once. If it was not you, ignore this e-mail: your password stays as it is.':
    'Alguien pidió restablecer la contraseña de su cuenta de Minka. Si fue usted, abra este enlace dentro de una hora para elegir una contraseña nueva; funciona una sola vez. Si no fue usted, ignore este correo: su contraseña no cambia.',
  'This reset link has expired. Ask for a new one.': 'Este enlace de restablecimiento ha caducado. Pida uno nuevo.',
  'This reset link was already used or replaced by a newer one. Ask for a new one if you still need it.':
    'Este enlace de restablecimiento ya se usó o fue sustituido por uno más reciente. Pida uno nuevo si aún lo necesita.',
  'This reset link is not valid. Check that you copied the whole link, or ask for a new one.':
    'Este enlace de restablecimiento no es válido. Compruebe que copió el enlace completo o pida uno nuevo.',
  'Search for at least 2 characters.': 'Busque al menos 2 caracteres.',
  'Search for at most 100 characters.': 'Busque como máximo 100 caracteres.',
  // Convening a room, sharing a link, scheduling a meeting: each check in words, never zod's raw "Too big".
  'A roundtable’s title has at most {} characters.': 'El título de una mesa redonda tiene como máximo {} caracteres.',
  'Write the description as text.': 'Escriba la descripción como texto.',
  'The description has at most {} characters.': 'La descripción tiene como máximo {} caracteres.',
  'Choose the organizations from the list.': 'Elija las organizaciones de la lista.',
  'Choose the moderators among the people invited.': 'Elija a los moderadores entre las personas invitadas.',
  'Give the link a title (at least 2 characters).': 'Dé un título al enlace (al menos 2 caracteres).',
  'A link’s title has at most {} characters.': 'El título de un enlace tiene como máximo {} caracteres.',
  'Write the agenda as text.': 'Escriba el orden del día como texto.',
  'Choose people among the roundtable’s members.': 'Elija a las personas entre los miembros de la mesa redonda.',
};
