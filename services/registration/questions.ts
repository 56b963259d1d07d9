import type { OrganizationKind } from '../../db/schema';
import type { QuestionCode } from '../../db/schema/registration';

/**
 * The seven questions asked for every indicator (shared/reference/indicators.json, from the Mechanism):
 * Q4 and Q5 are asked of States only, Q7 of JSWG organizations only.
 */
export const QUESTIONS: ReadonlyArray<{ code: QuestionCode; appliesTo: ReadonlyArray<'state' | 'jswg'> }> = [
  { code: 'Q1', appliesTo: ['state', 'jswg'] },
  { code: 'Q2', appliesTo: ['state', 'jswg'] },
  { code: 'Q3', appliesTo: ['state', 'jswg'] },
  { code: 'Q4', appliesTo: ['state'] },
  { code: 'Q5', appliesTo: ['state'] },
  { code: 'Q6', appliesTo: ['state', 'jswg'] },
  { code: 'Q7', appliesTo: ['jswg'] },
];

export function questionsFor(kind: OrganizationKind): QuestionCode[] {
  if (kind !== 'state' && kind !== 'jswg') return [];
  return QUESTIONS.filter((q) => q.appliesTo.includes(kind)).map((q) => q.code);
}

/** An answer counts as given when the question's own content is there: the level for Q1, a summary otherwise. */
export function isAnswered(a: { question: QuestionCode; progress: string | null; summary: string }): boolean {
  return a.question === 'Q1' ? a.progress !== null : a.summary.trim().length > 0;
}
