/**
 * Room extras (issue 15 item 11, decision 031): the live mention notice and the @-autocomplete of the composer.
 */
export const roomExtrasEn = {
  'rooms.notice.mentioned': '{author} mentioned you in “{title}”.',
  'rooms.notice.open': 'Read the message',
  'rooms.notice.dismiss': 'Dismiss',
  'rooms.mention.listLabel': 'Members of this room to mention',
  'rooms.mention.count': '{n} member(s) match. Up and down arrows choose, Enter inserts, Escape closes.',
} as const;

export const roomExtrasEs: Record<keyof typeof roomExtrasEn, string> = {
  'rooms.notice.mentioned': '{author} le mencionó en «{title}».',
  'rooms.notice.open': 'Leer el mensaje',
  'rooms.notice.dismiss': 'Cerrar aviso',
  'rooms.mention.listLabel': 'Miembros de esta sala para mencionar',
  'rooms.mention.count': '{n} miembro(s) coinciden. Las flechas arriba y abajo eligen, Intro inserta, Escape cierra.',
};
