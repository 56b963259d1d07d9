/**
 * The good-practice form's closed vocabularies. Pure data, so the service validates against them and the routes
 * label them (app/i18n/features/practices.ts has the English and Spanish labels, keyed by these codes).
 *
 * IACC subjects: the "Subjects covered by the Inter-American Convention against Corruption" listed on the MESICIC's
 * best-practices page (shared/reference/good_practice_form.md, section 2), used by MESICIC to group practices.
 */
export const IACC_SUBJECTS = [
  'government_hiring',
  'conflict_of_interest',
  'ethical_rules',
  'remuneration_probity',
  'asset_disclosure',
  'duty_to_report',
  'whistleblower_protection',
  'public_resources',
  'procurement',
  'tax_treatment',
  'bribery_prevention',
  'civil_society_participation',
  'criminalization',
  'transnational_bribery',
  'illicit_enrichment',
  'mutual_assistance',
  'extradition',
] as const;
export type IaccSubject = (typeof IACC_SUBJECTS)[number];

/** The OAS's four official languages: those a practice and its documents can be available in. */
export const PRACTICE_LANGUAGES = ['en', 'es', 'fr', 'pt'] as const;
export type PracticeLanguage = (typeof PRACTICE_LANGUAGES)[number];

/** Days a review round stays open unless the Secretariat says otherwise (the Mechanism's "two-week review period"). */
export const DEFAULT_REVIEW_DAYS = 14;
