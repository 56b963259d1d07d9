/**
 * The lengths the initiatives services accept, one source for their schemas and, through `textLimits` on the
 * services (passed by the loaders), for the pages' `maxLength`: a field never cuts what the service would accept,
 * nor lets through what it refuses.
 */
export const INITIATIVE_TEXT_LIMITS = {
  title: 200,
  summary: 5_000,
  outcome: 10_000,
  /** A note with a proposed update, a reason to decline an outcome. */
  note: 2_000,
  fundingSource: 300,
  /** ISO 4217 codes. */
  currency: 3,
  figureLabel: 120,
  documentTitle: 200,
  /** A request not to publish a part, and the Secretariat's note on it. */
  withholdingReason: 2_000,
} as const;
