/*
 * The vocabularies of assistance requests and cooperation offers, as the pages offer them. They mirror the services'
 * validation (services/cooperation/common.server.ts, db/schema ASSISTANCE_TYPE_VALUES); the services stay the check.
 */
export const ASSISTANCE_TYPES = [
  'legislative',
  'institutions',
  'policy_design',
  'capacity_building',
  'data',
  'international_cooperation',
  'other',
] as const;
export const WORKING_LANGUAGES = ['en', 'es', 'fr', 'pt'] as const;
export const MODALITIES = ['in_person', 'virtual', 'either'] as const;
export const MANDATE_NUMBERS = Array.from({ length: 57 }, (_, i) => i + 1);
/** Mirrors services/cooperation/common.server.ts MAX_DESCRIPTION. */
export const MAX_DESCRIPTION = 5000;
