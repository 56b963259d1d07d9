/**
 * Strings of one feature, kept in their own module so that features can grow without touching one shared file.
 * en.ts and es.ts spread them; the parity test covers them like every other key.
 */
export const indicatorsEn = {
  'ind.heading': 'Indicator {code}',
  'ind.intro': 'This mandate is followed through {n} indicator(s): answer the questions for each one.',
  'ind.textMissing': 'The text of this indicator is not in the catalogue yet.',
  'ind.label': 'Indicator',
  'ind.progress': 'Indicator {code}: {answered} of {of} answered',
} as const;

export const indicatorsEs: Record<keyof typeof indicatorsEn, string> = {
  'ind.heading': 'Indicador {code}',
  'ind.intro': 'Este mandato se sigue mediante {n} indicador(es): responda las preguntas para cada uno.',
  'ind.textMissing': 'El texto de este indicador aún no está en el catálogo.',
  'ind.label': 'Indicador',
  'ind.progress': 'Indicador {code}: {answered} de {of} respondidas',
};
