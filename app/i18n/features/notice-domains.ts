/**
 * A notice whose kind has no text of its own is still told in words, by its domain (the part of the kind before
 * the first `.` or `_`): a new feature's notices never show a raw kind such as `videoconference.reminder_24h`.
 * `app/routes/notifications.kinds.test.ts` checks that every kind a service can send has its domain here.
 */
export const noticeDomainsEn = {
  'notice.domain.account': 'News about your account',
  'notice.domain.contribution': 'News about a civil-society contribution',
  'notice.domain.disclosure': 'News about a non-disclosure request',
  'notice.domain.initiative': 'News about a cooperation initiative',
  'notice.domain.match': 'News about a cooperation match',
  'notice.domain.offer': 'News about a cooperation offer',
  'notice.domain.practice': 'News about a good practice',
  'notice.domain.recommendation': 'News about a recommendation',
  'notice.domain.request': 'News about an assistance request',
  'notice.domain.roundtable': 'News about a roundtable',
  'notice.domain.videoconference': 'News about a videoconference',
  'notice.domain.other': 'A new notice',
} as const;

export const noticeDomainsEs: Record<keyof typeof noticeDomainsEn, string> = {
  'notice.domain.account': 'Novedades sobre su cuenta',
  'notice.domain.contribution': 'Novedades sobre un aporte de la sociedad civil',
  'notice.domain.disclosure': 'Novedades sobre una solicitud de reserva',
  'notice.domain.initiative': 'Novedades sobre una iniciativa de cooperación',
  'notice.domain.match': 'Novedades sobre una vinculación de cooperación',
  'notice.domain.offer': 'Novedades sobre una oferta de cooperación',
  'notice.domain.practice': 'Novedades sobre una buena práctica',
  'notice.domain.recommendation': 'Novedades sobre una recomendación',
  'notice.domain.request': 'Novedades sobre una solicitud de asistencia',
  'notice.domain.roundtable': 'Novedades sobre una mesa redonda',
  'notice.domain.videoconference': 'Novedades sobre una videoconferencia',
  'notice.domain.other': 'Un nuevo aviso',
};

export const NOTICE_DOMAINS = Object.keys(noticeDomainsEn).map((key) => key.slice('notice.domain.'.length));

/** The domain of a notice kind: `videoconference.reminder_24h` → `videoconference`, `practice_round.opened` → `practice`. */
export function noticeDomain(kind: string): string {
  const domain = kind.split(/[._]/)[0];
  return NOTICE_DOMAINS.includes(domain) ? domain : 'other';
}
