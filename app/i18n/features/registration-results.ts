/**
 * Strings of one feature, kept in their own module so that features can grow without touching one shared file.
 * en.ts and es.ts spread them; the parity test covers them like every other key.
 */
export const registrationResultsEn = {
  'resultsMandate.subtitle': 'Published progress on this mandate, {cycle}',
  'resultsMandate.catalogue': 'This mandate in the commitment catalogue',
  'resultsMandate.asJson': 'The same data as JSON',
  'resultsMandate.chartTitle': 'Progress levels reported on this mandate',
  'resultsMandate.chartLabel':
    'Mandate {n}: {A} answers at A, {B} at B, {C} at C, {D} at D. Counts only; no State is named.',
  'resultsMandate.level': 'Level',
  'resultsMandate.meaning': 'Meaning',
  'resultsMandate.count': 'Answers',
  'resultsMandate.total': 'Total',
  'resultsMandate.noLevels': 'No progress level was published for this mandate in this cycle.',
  'resultsMandate.answering': 'Organizations that answered ({n}), in alphabetical order',
  'resultsMandate.answers': 'Published answers by organization',
  'resultsMandate.empty': 'No answer on this mandate was published in this cycle.',
  'resultsMandate.allOfOrganization': 'All published answers of this organization',
  'resultsMandate.indicator': 'Indicator {code}',
  'resultsMandate.assistance': 'Types of assistance',
  'resultsMandate.link': 'Results of mandate {n}',
  'resultsMandate.orgLink': 'Every organization’s answers on mandate {n}',
} as const;

export const registrationResultsEs: Record<keyof typeof registrationResultsEn, string> = {
  'resultsMandate.subtitle': 'Avances publicados sobre este mandato, {cycle}',
  'resultsMandate.catalogue': 'Este mandato en el catálogo del compromiso',
  'resultsMandate.asJson': 'Los mismos datos en JSON',
  'resultsMandate.chartTitle': 'Niveles de avance informados sobre este mandato',
  'resultsMandate.chartLabel':
    'Mandato {n}: {A} respuestas en A, {B} en B, {C} en C, {D} en D. Solo recuentos; no se nombra a ningún Estado.',
  'resultsMandate.level': 'Nivel',
  'resultsMandate.meaning': 'Significado',
  'resultsMandate.count': 'Respuestas',
  'resultsMandate.total': 'Total de respuestas',
  'resultsMandate.noLevels': 'No se publicó ningún nivel de avance para este mandato en este ciclo.',
  'resultsMandate.answering': 'Organizaciones que respondieron ({n}), en orden alfabético',
  'resultsMandate.answers': 'Respuestas publicadas por organización',
  'resultsMandate.empty': 'No se publicó ninguna respuesta sobre este mandato en este ciclo.',
  'resultsMandate.allOfOrganization': 'Todas las respuestas publicadas de esta organización',
  'resultsMandate.indicator': 'Indicador {code}',
  'resultsMandate.assistance': 'Tipos de asistencia',
  'resultsMandate.link': 'Resultados del mandato {n}',
  'resultsMandate.orgLink': 'Las respuestas de todas las organizaciones sobre el mandato {n}',
};
