/**
 * Strings of one feature, kept in their own module so that features can grow without touching one shared file.
 * en.ts and es.ts spread them; the parity test covers them like every other key.
 */
export const attachmentsEn = {
  'att.title': 'Attached documents',
  'att.none': 'No document attached yet.',
  'att.fileLabel': 'Attach a document to {q}',
  'att.hint':
    'PDF, Word, Excel, OpenDocument, CSV, PNG, JPEG, GIF or WebP, up to {max}. The type is checked from the file’s content, not its name.',
  'att.upload': 'Attach the document',
  'att.uploading': 'Attaching…',
  'att.remove': 'Remove',
  'att.removeLabel': 'Remove the document {name}',
  'att.download': 'Download {name}',
  'att.saveFirst': 'Save this answer first, then attach documents to it.',
  'att.attached': '“{name}” was attached.',
  'att.removed': '“{name}” was removed.',
  'att.failed': 'The document was not attached: {message} Your answer is unchanged.',
  'att.locked': 'Documents can no longer be added or removed.',
  'att.publicTitle': 'Documents',
  'att.letterFile': 'Letter to the Chair (file, optional)',
  'att.letterHint':
    'A copy of the signed letter: PDF, Word or an image, up to {max}. Only your State and the Secretariat can read it.',
  'att.letterLink': 'Letter: {name}',
  'att.document': 'Attached document to withhold',
  'att.documentHint': 'Only for “One attached document”.',
  'att.documentOption': 'Mandate {mandate}, {q}: {name}',
  'att.alreadyRequested':
    'Already withheld or waiting for the Chair’s decision, so not offered again (see the requests above):',
  'att.allRequested': 'Every attached document is already withheld or waiting for the Chair’s decision.',
  'att.publishNeedConfirm': 'Tick the confirmation to publish the cycle now.',
  'att.published': 'The cycle was published: {n} answers are now public.',
  'att.alreadyPublished': 'This cycle is published.',
} as const;

export const attachmentsEs: Record<keyof typeof attachmentsEn, string> = {
  'att.title': 'Documentos adjuntos',
  'att.none': 'Aún no hay documentos adjuntos.',
  'att.fileLabel': 'Adjuntar un documento a {q}',
  'att.hint':
    'PDF, Word, Excel, OpenDocument, CSV, PNG, JPEG, GIF o WebP, hasta {max}. El tipo se comprueba por el contenido del archivo, no por su nombre.',
  'att.upload': 'Adjuntar el documento',
  'att.uploading': 'Adjuntando…',
  'att.remove': 'Quitar',
  'att.removeLabel': 'Quitar el documento {name}',
  'att.download': 'Descargar {name}',
  'att.saveFirst': 'Guarde primero esta respuesta y luego adjunte documentos.',
  'att.attached': 'Se adjuntó «{name}».',
  'att.removed': 'Se quitó «{name}».',
  'att.failed': 'No se adjuntó el documento: {message} Su respuesta no cambió.',
  'att.locked': 'Ya no se pueden añadir ni quitar documentos.',
  'att.publicTitle': 'Documentos',
  'att.letterFile': 'Carta a la Presidencia (archivo, opcional)',
  'att.letterHint':
    'Una copia de la carta firmada: PDF, Word o una imagen, hasta {max}. Solo su Estado y la Secretaría pueden leerla.',
  'att.letterLink': 'Carta: {name}',
  'att.document': 'Documento adjunto que se reserva',
  'att.documentHint': 'Solo para «Un documento adjunto».',
  'att.documentOption': 'Mandato {mandate}, {q}: {name}',
  'att.alreadyRequested':
    'Ya reservados o a la espera de la decisión de la Presidencia, por eso no se ofrecen de nuevo (vea las solicitudes arriba):',
  'att.allRequested':
    'Todos los documentos adjuntos ya están reservados o a la espera de la decisión de la Presidencia.',
  'att.publishNeedConfirm': 'Marque la confirmación para publicar el ciclo ahora.',
  'att.published': 'Se publicó el ciclo: {n} respuestas son ahora públicas.',
  'att.alreadyPublished': 'Este ciclo está publicado.',
};
