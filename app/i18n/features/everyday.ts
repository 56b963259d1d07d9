/**
 * Everyday use of rooms, answers and accounts (issue 15, decision 021): hiding messages, mute, account recovery,
 * notifications and the phone header.
 */
export const everydayEn = {
  'rooms.hide': 'Hide',
  'rooms.hideReason': 'Why do you hide this message? The room reads it.',
  'rooms.hideHint': 'The message is replaced for everyone by your name and this reason; its words stay in the audit trail.',
  'rooms.hideConfirm': 'Hide the message',
  'rooms.hiddenBy': 'Hidden by {name}: {reason}',
} as const;

export const everydayEs: Record<keyof typeof everydayEn, string> = {
  'rooms.hide': 'Ocultar',
  'rooms.hideReason': '¿Por qué oculta este mensaje? La sala lo leerá.',
  'rooms.hideHint': 'Para todos, el mensaje se sustituye por su nombre y este motivo; sus palabras quedan en el registro de auditoría.',
  'rooms.hideConfirm': 'Ocultar el mensaje',
  'rooms.hiddenBy': 'Ocultado por {name}: {reason}',
};
