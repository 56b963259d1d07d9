import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditLog, mailOutbox, notifications, organizations, recommendations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor, createOrganization } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';
import { QUEUE_PAGE_SIZE } from './recommendations.server';

let handle: DatabaseHandle;
let services: Services;
let clock = new Date('2027-02-01T12:00:00Z');
const people = {} as Record<
  | 'admin'
  | 'secretariat'
  | 'coordinator'
  | 'deputy'
  | 'delegate'
  | 'jswgFocal'
  | 'jswgDelegate'
  | 'cso'
  | 'csoColleague'
  | 'otherCso'
  | 'inactiveCso',
  Actor
>;
let publishedCycleId: string;
let openCycleId: string;
let csoId: string;

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};
const valid = (extra: Record<string, unknown> = {}) => ({
  title: 'Publish asset declarations',
  text: 'Asset declarations of judges should be public and searchable.',
  language: 'en',
  commitment: 'lima-2018',
  mandate: 2,
  ...extra,
});
const auditOf = async (id: string) =>
  (await handle.db.select().from(auditLog).where(eq(auditLog.subjectId, id))).map((a) => a.action).sort();

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock });
  const secretariat = await orgId('SUMMITS-SECRETARIAT');
  people.admin = await createActor(handle.db, 'secretariat', 'secretariat_admin', secretariat);
  people.secretariat = await createActor(handle.db, 'secretariat', 'secretariat_staff', secretariat);
  people.coordinator = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.deputy = await createActor(handle.db, 'state', 'deputy_focal_point', await orgId('PE'));
  people.delegate = await createActor(handle.db, 'state', 'delegate', await orgId('PE'));
  people.jswgFocal = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
  people.jswgDelegate = await createActor(handle.db, 'jswg', 'delegate', await orgId('OAS'));
  csoId = (await createOrganization(handle.db, 'civil_society', 'CSO-REC')).id;
  people.cso = await createActor(handle.db, 'civil_society', 'civil_society_member', csoId);
  people.csoColleague = await createActor(handle.db, 'civil_society', 'civil_society_member', csoId);
  people.otherCso = await createActor(handle.db, 'civil_society', 'civil_society_member');
  people.inactiveCso = await createActor(handle.db, 'civil_society', 'civil_society_member');
  await handle.db
    .update(organizations)
    .set({ active: false })
    .where(eq(organizations.id, people.inactiveCso.organizationId));
  publishedCycleId = must(
    await services.registration.createCycle(people.secretariat, {
      name: '2027 registration',
      kind: 'registration',
      opensAt: '2027-01-01T00:00:00Z',
      closesAt: '2027-04-30T23:59:00Z',
      publishesAt: '2027-05-15T12:00:00Z',
      timeZone: 'America/Lima',
    }),
  ).id;
  openCycleId = must(
    await services.registration.createCycle(people.secretariat, {
      name: '2028 update',
      kind: 'update',
      opensAt: '2028-01-01T00:00:00Z',
      closesAt: '2028-04-30T23:59:00Z',
      publishesAt: '2028-05-15T12:00:00Z',
      timeZone: 'America/Lima',
      previousCycleId: publishedCycleId,
    }),
  ).id;
  clock = new Date('2027-06-01T12:00:00Z');
  must(await services.publication.publishCycle(publishedCycleId));
});
afterAll(() => handle.close());

describe('submitting', () => {
  it('is refused to every role other than a civil-society member, and to an organization no longer registered', async () => {
    const r = services.recommendations;
    for (const who of [
      'admin',
      'secretariat',
      'coordinator',
      'deputy',
      'delegate',
      'jswgFocal',
      'jswgDelegate',
      'inactiveCso',
    ] as const) {
      expect(await r.submit(people[who], valid()), who).toMatchObject({ ok: false, kind: 'forbidden' });
    }
    expect(await r.submit(null, valid())).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await handle.db.select().from(recommendations)).toEqual([]);
  });

  it('validates title, text, language and target, saving nothing on a mistake', async () => {
    const r = services.recommendations;
    const fieldsOf = async (input: Record<string, unknown>) => {
      const result = await r.submit(people.cso, input);
      expect(result).toMatchObject({ ok: false, kind: 'invalid' });
      return !result.ok && result.kind === 'invalid' ? Object.keys(result.fieldErrors ?? {}) : [];
    };
    expect(await fieldsOf(valid({ title: '   ' }))).toEqual(['title']);
    expect(await fieldsOf(valid({ title: 'x'.repeat(201) }))).toEqual(['title']);
    expect(await fieldsOf(valid({ text: '' }))).toEqual(['text']);
    expect(await fieldsOf(valid({ text: 'x'.repeat(10_001) }))).toEqual(['text']);
    expect(await fieldsOf(valid({ language: 'de' }))).toEqual(['language']);
    expect(await fieldsOf(valid({ mandate: '', cycleId: '' }))).toEqual(['mandate']);
    expect(await fieldsOf(valid({ mandate: 99 }))).toEqual(['mandate']);
    expect(await fieldsOf(valid({ mandate: '99999999999999999999' }))).toEqual(['mandate']); // beyond PostgreSQL's integer range
    expect(await fieldsOf(valid({ mandate: '2.5' }))).toEqual(['mandate']);
    expect(await fieldsOf(valid({ commitment: 'nope' }))).toEqual(['commitment']);
    expect(await fieldsOf(valid({ cycleId: 'not-a-uuid' }))).toEqual(['cycleId']);
    // A cycle not yet published is not a public target: refused like one that does not exist.
    expect(await fieldsOf(valid({ cycleId: openCycleId }))).toEqual(['cycleId']);
    expect(await fieldsOf(valid({ cycleId: '00000000-0000-4000-8000-000000000000' }))).toEqual(['cycleId']);
    expect(await handle.db.select().from(recommendations)).toEqual([]);
  });

  it('accepts a mandate, a published cycle, or a mandate within one; pending, audited, the Secretariat told', async () => {
    const r = services.recommendations;
    const onMandate = must(await r.submit(people.cso, valid()));
    expect(onMandate).toMatchObject({
      status: 'pending',
      organizationId: csoId,
      cycleId: null,
      language: 'en',
      title: 'Publish asset declarations',
    });
    clock = new Date('2027-06-01T12:01:00Z'); // submission order is the queue's order
    const onCycle = must(
      await r.submit(people.csoColleague, {
        title: 'Más datos abiertos',
        text: 'Publicar los anexos.',
        language: 'es',
        cycleId: publishedCycleId,
      }),
    );
    expect(onCycle).toMatchObject({ mandateId: null, cycleId: publishedCycleId });
    // Within a cycle the mandate is the cycle's commitment's: no commitment field needed.
    clock = new Date('2027-06-01T12:02:00Z');
    const both = must(
      await r.submit(people.cso, {
        title: 'Judicial careers',
        text: 'Report the merit exams.',
        language: 'en',
        cycleId: publishedCycleId,
        mandate: 2,
      }),
    );
    expect(both.mandateId).not.toBeNull();
    expect(await auditOf(onMandate.id)).toEqual(['recommendation.submitted']);
    const told = await handle.db.select().from(notifications).where(eq(notifications.kind, 'recommendation.submitted'));
    expect(new Set(told.map((n) => n.userId))).toEqual(new Set([people.admin.userId, people.secretariat.userId]));
    expect(told.some((n) => n.userId === people.cso.userId || n.userId === people.coordinator.userId)).toBe(false);
  });
});

describe('who sees what', () => {
  it('an organization lists its own recommendations with their status, never another organization’s', async () => {
    const r = services.recommendations;
    clock = new Date('2027-06-01T12:03:00Z');
    must(await r.submit(people.otherCso, valid({ title: 'Other organization’s pending idea' })));
    const mine = must(await r.mine(people.cso));
    expect(mine.map((m) => m.title).sort()).toEqual([
      'Judicial careers',
      'Más datos abiertos',
      'Publish asset declarations',
    ]);
    expect(mine.every((m) => m.status === 'pending')).toBe(true);
    expect(mine.find((m) => m.title === 'Publish asset declarations')).toMatchObject({
      commitmentCode: 'lima-2018',
      mandate: 2,
      cycleName: null,
    });
    expect(JSON.stringify(mine)).not.toContain('Other organization’s');
    expect(must(await r.mine(people.otherCso)).map((m) => m.title)).toEqual(['Other organization’s pending idea']);
    for (const who of ['secretariat', 'coordinator', 'jswgFocal'] as const)
      expect(await r.mine(people[who])).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await r.mine(null)).toMatchObject({ ok: false, kind: 'forbidden' });
  });

  it('only the Secretariat reads the queue; anonymous visitors and exports see nothing pending', async () => {
    const r = services.recommendations;
    for (const who of ['cso', 'coordinator', 'delegate', 'jswgFocal'] as const)
      expect(await r.queue(people[who])).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await r.queue(null)).toMatchObject({ ok: false, kind: 'forbidden' });
    const queue = must(await r.queue(people.secretariat));
    expect(queue.total).toBe(4);
    expect(queue.items.map((i) => i.title)).toEqual([
      'Publish asset declarations',
      'Más datos abiertos',
      'Judicial careers',
      'Other organization’s pending idea',
    ]); // oldest first
    expect(queue.items[0]).toMatchObject({ organizationCode: 'CSO-REC', text: valid().text, mandate: 2 });
    expect(await r.publicForMandate('lima-2018', 2)).toEqual([]);
    expect((await r.publicList()).items).toEqual([]);
    expect(await r.exportPublished('csv')).toBe(
      'id,organization,organization_name_en,organization_name_es,commitment,mandate,cycle_id,cycle,language,published_at,title,text\r\n',
    );
    expect(JSON.parse(await r.exportPublished('json'))).toEqual({ recommendations: [] });
  });

  it('paginates the queue', async () => {
    const r = services.recommendations;
    const base = new Date('2027-06-02T00:00:00Z').getTime();
    await handle.db.insert(recommendations).values(
      Array.from({ length: QUEUE_PAGE_SIZE }, (_, i) => ({
        organizationId: people.otherCso.organizationId,
        mandateId: null,
        cycleId: publishedCycleId,
        title: `Bulk ${i}`,
        text: 'Bulk',
        language: 'en' as const,
        createdAt: new Date(base + i * 1000),
      })),
    );
    const first = must(await r.queue(people.secretariat, 1));
    expect(first).toMatchObject({ total: QUEUE_PAGE_SIZE + 4, page: 1, pages: 2 });
    expect(first.items).toHaveLength(QUEUE_PAGE_SIZE);
    const second = must(await r.queue(people.secretariat, '2'));
    expect(second.items.map((i) => i.title)).toEqual(['Bulk 16', 'Bulk 17', 'Bulk 18', 'Bulk 19']);
    expect(must(await r.queue(people.secretariat, 'junk')).page).toBe(1);
    expect(must(await r.queue(people.secretariat, 99)).page).toBe(2);
    await handle.db.delete(recommendations).where(eq(recommendations.text, 'Bulk'));
  });
});

describe('moderation', () => {
  const byTitle = async (title: string) =>
    (await handle.db.select().from(recommendations).where(eq(recommendations.title, title)))[0];

  it('publishes the text as written: public on the mandate page and in exports, with the organization’s name and date', async () => {
    const r = services.recommendations;
    const rec = await byTitle('Publish asset declarations');
    for (const who of ['cso', 'coordinator', 'jswgFocal'] as const)
      expect(await r.publish(people[who], rec.id)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await r.publish(null, rec.id)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await r.publish(people.secretariat, 'not-a-uuid')).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await r.publish(people.secretariat, '00000000-0000-4000-8000-000000000000')).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    clock = new Date('2027-06-03T09:00:00Z');
    const done = must(await r.publish(people.secretariat, rec.id));
    expect(done).toMatchObject({
      status: 'published',
      title: rec.title,
      text: rec.text,
      decidedBy: people.secretariat.userId,
    });
    expect(await r.publish(people.admin, rec.id)).toMatchObject({ ok: false, kind: 'conflict' });
    expect(await r.decline(people.admin, rec.id, 'Changed my mind')).toMatchObject({ ok: false, kind: 'conflict' });
    expect(await r.withdraw(people.cso, rec.id)).toMatchObject({ ok: false, kind: 'conflict' });

    const onMandate = await r.publicForMandate('lima-2018', 2);
    expect(onMandate).toEqual([
      expect.objectContaining({
        title: 'Publish asset declarations',
        text: rec.text,
        organizationCode: 'CSO-REC',
        organizationNameEn: 'CSO-REC (en)',
        organizationNameEs: 'CSO-REC (es)',
        mandate: 2,
        publishedAt: clock,
      }),
    ]);
    expect(await r.publicForMandate('lima-2018', 3)).toEqual([]);
    expect(await r.publicForMandate('lima-2018', 2 ** 40)).toEqual([]);
    expect((await r.publicList()).items.map((i) => i.title)).toEqual(['Publish asset declarations']);
    expect((await r.publicList({ cycleId: publishedCycleId })).items).toEqual([]);
    // Both members of the organization are told, nobody else.
    const told = await handle.db.select().from(notifications).where(eq(notifications.kind, 'recommendation.published'));
    expect(told.map((n) => n.userId).sort()).toEqual([people.cso.userId, people.csoColleague.userId].sort());
    expect(await auditOf(rec.id)).toEqual(['recommendation.published', 'recommendation.submitted']);
    expect(must(await r.queue(people.secretariat)).items.map((i) => i.title)).not.toContain(
      'Publish asset declarations',
    );
  });

  it('declines only with a reason, which the organization is told; a declined one stays private', async () => {
    const r = services.recommendations;
    const rec = await byTitle('Judicial careers');
    expect(await r.decline(people.coordinator, rec.id, 'No')).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await r.decline(people.secretariat, rec.id, '  ')).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { reason: expect.any(Array) },
    });
    expect(await r.decline(people.secretariat, rec.id, undefined)).toMatchObject({ ok: false, kind: 'invalid' });
    expect((await byTitle('Judicial careers')).status).toBe('pending');
    const reason = 'It names an individual judge; please resubmit without personal data.';
    const done = must(await r.decline(people.secretariat, rec.id, reason));
    expect(done).toMatchObject({ status: 'declined', declineReason: reason, text: rec.text, title: rec.title });
    const told = await handle.db.select().from(notifications).where(eq(notifications.kind, 'recommendation.declined'));
    expect(told.map((n) => n.userId).sort()).toEqual([people.cso.userId, people.csoColleague.userId].sort());
    const mail = await handle.db
      .select()
      .from(mailOutbox)
      .where(inArray(mailOutbox.toAddress, [people.cso.email]));
    expect(mail.some((m) => m.body.includes(reason) && m.body.includes('Judicial careers'))).toBe(true);
    expect(must(await r.mine(people.cso)).find((m) => m.id === rec.id)).toMatchObject({
      status: 'declined',
      declineReason: reason,
    });
    // Nobody else sees it: not the other organization, not the public, not the exports.
    expect(JSON.stringify(must(await r.mine(people.otherCso)))).not.toContain('Judicial careers');
    expect(JSON.stringify(await r.publicForMandate('lima-2018', 2))).not.toContain('Judicial careers');
    expect(JSON.stringify((await r.publicList()).items)).not.toContain('Judicial careers');
    expect(await r.exportPublished('csv')).not.toContain('Judicial careers');
    expect(await r.exportPublished('json')).not.toContain(reason);
    expect(await auditOf(rec.id)).toEqual(['recommendation.declined', 'recommendation.submitted']);
  });

  it('a pending one is withdrawn by its own organization only, and then leaves the queue', async () => {
    const r = services.recommendations;
    const rec = await byTitle('Más datos abiertos');
    expect(await r.withdraw(people.otherCso, rec.id)).toMatchObject({ ok: false, kind: 'conflict' });
    expect(await r.withdraw(people.secretariat, rec.id)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await r.withdraw(people.coordinator, rec.id)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect((await byTitle('Más datos abiertos')).status).toBe('pending');
    const done = must(await r.withdraw(people.cso, rec.id)); // a colleague of the author: the organization withdraws
    expect(done).toMatchObject({ status: 'withdrawn', withdrawnBy: people.cso.userId });
    expect(await r.withdraw(people.csoColleague, rec.id)).toMatchObject({ ok: false, kind: 'conflict' });
    expect(await r.publish(people.secretariat, rec.id)).toMatchObject({ ok: false, kind: 'conflict' });
    expect(must(await r.queue(people.secretariat)).items.map((i) => i.id)).not.toContain(rec.id);
    expect(await auditOf(rec.id)).toEqual(['recommendation.submitted', 'recommendation.withdrawn']);
  });

  it('a published recommendation on a cycle is listed under the cycle; exports neutralise formulas', async () => {
    const r = services.recommendations;
    clock = new Date('2027-06-04T09:00:00Z');
    const rec = must(
      await r.submit(people.cso, {
        title: '=HYPERLINK("http://evil.test")',
        text: '+1 more data',
        language: 'fr',
        cycleId: publishedCycleId,
        mandate: 5,
      }),
    );
    must(await r.publish(people.secretariat, rec.id));
    expect((await r.publicList({ cycleId: publishedCycleId })).items).toEqual([
      expect.objectContaining({ id: rec.id, cycleName: '2027 registration', mandate: 5, language: 'fr' }),
    ]);
    expect((await r.publicForMandate('lima-2018', 5)).map((i) => i.id)).toEqual([rec.id]);
    const csv = await r.exportPublished('csv');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
    expect(csv).toContain(`"'+1 more data"`);
    expect(csv.trim().split('\r\n')).toHaveLength(3);
    const json = JSON.parse(await r.exportPublished('json')) as { recommendations: Array<Record<string, unknown>> };
    expect(json.recommendations.map((x) => x.title)).toEqual([
      'Publish asset declarations',
      '=HYPERLINK("http://evil.test")',
    ]);
    expect(json.recommendations[1]).toMatchObject({
      organization: 'CSO-REC',
      cycle: '2027 registration',
      mandate: 5,
      commitment: 'lima-2018',
    });
    expect(Object.keys(json.recommendations[0])).not.toContain('decline_reason');
  });

  it('of two moderators deciding at once, one wins', async () => {
    const r = services.recommendations;
    const rec = must(await r.submit(people.cso, valid({ title: 'Race' })));
    const results = await Promise.all([
      r.publish(people.secretariat, rec.id),
      r.decline(people.admin, rec.id, 'Duplicate'),
    ]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    expect(results.filter((x) => !x.ok)).toMatchObject([{ kind: 'conflict' }]);
    const [row] = await handle.db.select().from(recommendations).where(eq(recommendations.id, rec.id));
    expect(['published', 'declined']).toContain(row.status);
  });
});
