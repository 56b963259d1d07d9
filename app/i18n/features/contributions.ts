/**
 * Strings of one feature, kept in their own module so that features can grow without touching one shared file.
 * en.ts and es.ts spread them; the parity test covers them like every other key.
 */
export const contributionsEn = {} as const;

export const contributionsEs: Record<keyof typeof contributionsEn, string> = {};
