/**
 * Strings of one feature, kept in their own module so that features can grow without touching one shared file.
 * en.ts and es.ts spread them; the parity test covers them like every other key.
 */
export const realtimeEn = {
  'rooms.file.label': 'Share a file',
  'rooms.file.hint':
    'PDF, Word, Excel, OpenDocument, CSV, PNG, JPEG, GIF or WebP, up to {max}. The type is checked from the file’s content, not its name.',
  'rooms.file.input': 'File to share',
  'rooms.file.title': 'Title (optional; the file’s name otherwise)',
  'rooms.file.upload': 'Upload',
  'rooms.file.uploading': 'Uploading…',
  'rooms.file.shared': 'Shared {name}.',
  'rooms.file.sharedBy': 'shared by {name}',
  'rooms.file.download': 'Download {name}',
  'rooms.file.remove': 'Remove',
  'rooms.file.removeLabel': 'Remove {name}',
  'rooms.link.heading': 'Share a link',
  'rooms.noAnswer': 'The room did not answer. Retrying…',
  'rooms.notSent': 'The message could not be sent. Check your connection; your text is kept.',
  'rooms.removed': 'A moderator removed you from this roundtable.',
  'coop.notification.roundtable.opened': 'A roundtable is open for your organization',
} as const;

export const realtimeEs: Record<keyof typeof realtimeEn, string> = {
  'rooms.file.label': 'Compartir un archivo',
  'rooms.file.hint':
    'PDF, Word, Excel, OpenDocument, CSV, PNG, JPEG, GIF o WebP, hasta {max}. El tipo se comprueba por el contenido del archivo, no por su nombre.',
  'rooms.file.input': 'Archivo que compartir',
  'rooms.file.title': 'Título (opcional; si no, el nombre del archivo)',
  'rooms.file.upload': 'Subir',
  'rooms.file.uploading': 'Subiendo…',
  'rooms.file.shared': 'Se compartió {name}.',
  'rooms.file.sharedBy': 'compartido por {name}',
  'rooms.file.download': 'Descargar {name}',
  'rooms.file.remove': 'Quitar',
  'rooms.file.removeLabel': 'Quitar {name}',
  'rooms.link.heading': 'Compartir un enlace',
  'rooms.noAnswer': 'La sala no respondió. Reintentando…',
  'rooms.notSent': 'No se pudo enviar el mensaje. Revise su conexión; su texto se conserva.',
  'rooms.removed': 'Un moderador lo retiró de esta mesa redonda.',
  'coop.notification.roundtable.opened': 'Hay una mesa redonda abierta para su organización',
};
