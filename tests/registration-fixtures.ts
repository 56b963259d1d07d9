import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import {
  answers,
  commitments,
  disclosureRequests,
  mandates,
  organizations,
  questionnaires,
  reportingCycles,
} from '../db/schema';
import type { QuestionCode } from '../db/schema/registration';
import { createPublicationService } from '../services/registration/publication.server';
import { questionsFor } from '../services/registration/questions';

const LEVELS = ['A', 'B', 'C', 'D'] as const;

export interface Withholding {
  organizationCode: string;
  scope: 'questionnaire' | 'mandate' | 'question' | 'field';
  mandate?: number;
  question?: QuestionCode;
  field?: 'summary' | 'full';
  decision: 'pending' | 'granted' | 'refused';
}

export interface PublishedCycleOptions {
  name: string;
  /** Codes of the organizations (States and JSWG members) that answer; each answers every applicable question. */
  organizationCodes: readonly string[];
  /** Mandate numbers answered; every mandate of the commitment when omitted. */
  mandateNumbers?: readonly number[];
  commitmentCode?: string;
  withholdings?: readonly Withholding[];
  /** Text of an answer; what the benchmark and the tests look for (or must never find). */
  text?: (a: {
    organizationCode: string;
    mandate: number;
    question: QuestionCode;
    field: 'summary' | 'full';
  }) => string;
  /** The level an organization reports on a mandate (Q1); a fixed spread by default. */
  level?: (organizationIndex: number, mandate: number) => (typeof LEVELS)[number];
  /** Leave the cycle submitted but not published. */
  unpublished?: boolean;
}

/**
 * A cycle answered by many organizations, written with bulk inserts (the questionnaire's own save path costs a
 * few statements per answer, far too slow for 47 × 57 × 6), then published through the real publication service,
 * non-disclosure filtering included. For the benchmark and for tests of the public read side only.
 */
export async function seedPublishedCycle(
  db: Database,
  options: PublishedCycleOptions,
): Promise<{ cycleId: string; answers: number; published: number }> {
  const [commitment] = await db
    .select()
    .from(commitments)
    .where(eq(commitments.code, options.commitmentCode ?? 'lima-2018'));
  if (!commitment) throw new Error('seedPublishedCycle: load the reference data (catalogue) first');
  const mandateRows = await db
    .select({ id: mandates.id, number: mandates.number })
    .from(mandates)
    .where(eq(mandates.commitmentId, commitment.id));
  const wanted = options.mandateNumbers ? new Set(options.mandateNumbers) : null;
  const chosen = mandateRows.filter((m) => !wanted || wanted.has(m.number)).sort((a, b) => a.number - b.number);
  const mandateId = new Map(mandateRows.map((m) => [m.number, m.id]));
  const orgs = await db
    .select()
    .from(organizations)
    .where(inArray(organizations.code, [...options.organizationCodes]));
  if (orgs.length !== options.organizationCodes.length)
    throw new Error('seedPublishedCycle: unknown organization code');
  orgs.sort((a, b) => options.organizationCodes.indexOf(a.code) - options.organizationCodes.indexOf(b.code));

  const day = 86_400_000;
  const publishesAt = new Date(Date.now() - day);
  const [cycle] = await db
    .insert(reportingCycles)
    .values({
      commitmentId: commitment.id,
      name: options.name,
      kind: 'registration',
      opensAt: new Date(Date.now() - 120 * day),
      closesAt: new Date(Date.now() - 2 * day),
      publishesAt,
      timeZone: 'America/Lima',
    })
    .returning();
  const qs = await db
    .insert(questionnaires)
    .values(
      orgs.map((o) => ({
        cycleId: cycle.id,
        organizationId: o.id,
        status: 'submitted' as const,
        submittedAt: new Date(Date.now() - 3 * day),
      })),
    )
    .returning();
  const questionnaireOf = new Map(qs.map((q) => [q.organizationId, q.id]));

  const text =
    options.text ??
    (({ organizationCode, mandate, question, field }) =>
      `${organizationCode}, mandate ${mandate}, ${question} (${field})`);
  const level = options.level ?? ((i, m) => LEVELS[(i * 7 + m * 3) % 4]);
  const rows: Array<typeof answers.$inferInsert> = [];
  orgs.forEach((o, i) => {
    for (const m of chosen) {
      for (const question of questionsFor(o.kind)) {
        const t = (field: 'summary' | 'full') => text({ organizationCode: o.code, mandate: m.number, question, field });
        rows.push({
          questionnaireId: questionnaireOf.get(o.id)!,
          mandateId: m.id,
          question,
          progress: question === 'Q1' ? level(i, m.number) : null,
          summary: question === 'Q1' ? '' : t('summary'),
          full: question === 'Q1' ? '' : t('full'),
          assistanceTypes: question === 'Q4' || question === 'Q5' ? ['legislative'] : [],
        });
      }
    }
  });
  // About 10 parameters a row: 1,000 rows stay far below PostgreSQL's 65,535 bind parameters.
  for (let i = 0; i < rows.length; i += 1000) await db.insert(answers).values(rows.slice(i, i + 1000));

  const byCode = new Map(orgs.map((o) => [o.code, o]));
  const requests = (options.withholdings ?? []).map((w) => {
    const org = byCode.get(w.organizationCode);
    if (!org) throw new Error(`seedPublishedCycle: ${w.organizationCode} does not answer this cycle`);
    return {
      questionnaireId: questionnaireOf.get(org.id)!,
      scope: w.scope,
      mandateId: w.mandate ? mandateId.get(w.mandate)! : null,
      question: w.question ?? null,
      field: w.field ?? null,
      letterReference: `Fixture letter ${w.organizationCode}`,
      decision: w.decision,
      decidedAt: w.decision === 'pending' ? null : new Date(),
    };
  });
  if (requests.length) await db.insert(disclosureRequests).values(requests);

  if (options.unpublished) return { cycleId: cycle.id, answers: rows.length, published: 0 };
  const published = await createPublicationService({ db, now: () => new Date() }).publishCycle(cycle.id);
  if (!published.ok) throw new Error(`seedPublishedCycle: ${published.message}`);
  return { cycleId: cycle.id, answers: rows.length, published: published.value.published };
}
