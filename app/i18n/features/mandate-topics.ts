/**
 * Strings of one feature, kept in their own module so that features can grow without touching one shared file.
 * en.ts and es.ts spread them; the parity test covers them like every other key.
 *
 * Mandate topics (issue 13, item 8; decision 013): short summaries in our own words shown while a mandate's official
 * text is not imported, always labelled as a summary with the research's confidence.
 */
export const mandateTopicsEn = {
  'mandates.topicLabel': 'Summary, not the official text · confidence: {confidence}',
  'mandates.topicConfidence.verified': 'verified',
  'mandates.topicConfidence.inferred': 'inferred',
  'mandates.topicExplain':
    'The summary is a short topic in our own words, written from published sources while the official text is not imported; it is not the wording of the Commitment. Confidence “verified”: the paragraph was seen with this number in a copy of the official text. “Inferred”: the number was deduced from a numbered citation or from the order between known paragraphs. When the official text is imported, it replaces the summary.',
  'mandates.topicSources': 'Sources of the summary and of the section (research, not the official text)',
  'mandates.unplacedHeading': 'Also found for this section, paragraph number not established',
  'mandates.unplacedHeadingNoSection': 'Found with neither a section nor a paragraph number',
  'mandates.unplacedLabel': 'Summary, not the official text · paragraph number not established',
  'mandates.unplacedBasis': 'Why this section (as the research says it)',
  'mandates.coverageTopics':
    '{n} mandates without verified official text show a summary (not the official text) meanwhile.',
  'catalogue.topicsHint':
    'Topics (summaries, not the official text) are written from the file like every field: a file with the official text and no topics removes the topics of its mandates and the topics without a number. Where a mandate’s official text is verified, the pages show the text and not the summary.',
} as const;

export const mandateTopicsEs: Record<keyof typeof mandateTopicsEn, string> = {
  'mandates.topicLabel': 'Resumen, no es el texto oficial · confianza: {confidence}',
  'mandates.topicConfidence.verified': 'verificada',
  'mandates.topicConfidence.inferred': 'inferida',
  'mandates.topicExplain':
    'El resumen es un tema breve redactado por nosotros a partir de fuentes publicadas mientras el texto oficial no está importado; no es la redacción del Compromiso. Confianza «verificada»: el párrafo se vio con este número en una copia del texto oficial. «Inferida»: el número se dedujo de una cita numerada o del orden entre párrafos conocidos. Cuando se importe el texto oficial, reemplazará al resumen.',
  'mandates.topicSources': 'Fuentes del resumen y de la sección (investigación, no el texto oficial)',
  'mandates.unplacedHeading': 'También hallado para esta sección, sin número de párrafo establecido',
  'mandates.unplacedHeadingNoSection': 'Hallado sin sección ni número de párrafo',
  'mandates.unplacedLabel': 'Resumen, no es el texto oficial · número de párrafo no establecido',
  'mandates.unplacedBasis': 'Por qué esta sección (según la investigación, en inglés)',
  'mandates.coverageTopics':
    '{n} mandatos sin texto oficial verificado muestran mientras tanto un resumen (no el texto oficial).',
  'catalogue.topicsHint':
    'Los temas (resúmenes, no el texto oficial) se escriben desde el archivo como cualquier campo: un archivo con el texto oficial y sin temas quita los temas de sus mandatos y los temas sin número. Donde el texto oficial de un mandato está verificado, las páginas muestran el texto y no el resumen.',
};
