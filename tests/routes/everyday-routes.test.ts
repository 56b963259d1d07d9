import { and, desc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action as forgotAction } from '../../app/routes/password-reset._index';
import { action as resetAction, loader as resetLoader } from '../../app/routes/password-reset.$token';
import { action as roomAction, loader as roomLoader } from '../../app/routes/roundtables.$id';
import type { DatabaseHandle } from '../../db/client';
import { mailOutbox, meetings, notifications, organizations, roundtableDocuments } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor, createOrganization, createUser } from '../factories';
import { routeContext, type Lang } from './language';

/* Issue 15's pages called as Remix calls them: the reset pages and the room page for a muted member. */
let handle: DatabaseHandle;
let services: Services;
const people = {} as Record<'secretariat' | 'peru', Actor>;
let roomId: string;

type Reply = { status: number; body: Record<string, unknown> };
const unwrap = (value: unknown): Reply =>
  value instanceof Response
    ? { status: value.status, body: { location: value.headers.get('Location') } }
    : value && typeof value === 'object' && 'init' in value && 'data' in value
      ? {
          status: (value as { init: { status: number } }).init?.status ?? 200,
          body: (value as { data: Record<string, unknown> }).data,
        }
      : { status: 200, body: value as Record<string, unknown> };
const form = (path: string, fields: Record<string, string>) =>
  new Request(`http://localhost${path}`, { method: 'POST', body: new URLSearchParams(fields) });
const forgot = async (email: string, lang: Lang = 'en') =>
  unwrap(
    await forgotAction({
      request: form('/password-reset', { email }),
      params: {},
      context: routeContext(services, null, lang),
    }).catch((r: unknown) => r),
  );

async function orgId(code: string) {
  return (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0]
    .id;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  const room = await services.roundtables.create(people.secretariat, {
    title: 'Route room for mutes',
    kind: 'working_roundtable',
    organizationIds: [await orgId('PE')],
  });
  if (!room.ok) throw new Error(room.message);
  roomId = room.value.id;
});
afterAll(() => handle.close());

describe('password reset pages (issue 15)', () => {
  it('answers the same sentence for a known and an unknown address, in the reader’s language; a bad address is a field error', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { email } = await createUser(handle.db, { organizationId: org.id, role: 'delegate' });
    const known = await forgot(email);
    const unknown = await forgot('nobody-at-all@example.org');
    expect(known).toEqual({
      status: 200,
      body: expect.objectContaining({ sent: true, message: expect.stringMatching(/^If an account uses this address/) }),
    });
    expect(unknown).toEqual(known);
    expect((await forgot('nadie@example.org', 'es')).body.message).toMatch(/^Si una cuenta usa esta dirección/);
    expect(await forgot('not an address', 'es')).toMatchObject({
      status: 400,
      body: { fieldErrors: { email: ['Escriba una dirección de correo electrónico válida.'] } },
    });
  });

  it('the link page: a valid link asks for the password, sets it once and sends to the log-in page; a spent or unknown link is gone', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { email } = await createUser(handle.db, { organizationId: org.id, role: 'delegate' });
    await forgot(email);
    const [mail] = await handle.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, email))
      .orderBy(desc(mailOutbox.createdAt))
      .limit(1);
    const token = mail.link!.split('/').pop()!;
    const page = (t: string) =>
      resetLoader({
        request: new Request(`http://localhost/password-reset/${t}`),
        params: { token: t },
        context: routeContext(services, null),
      });
    expect(unwrap(await page(token))).toEqual({ status: 200, body: { state: 'valid' } });
    expect(unwrap(await page('nonsense'))).toEqual({ status: 404, body: { state: 'unknown' } });
    const submit = async (t: string, password: string, confirmPassword = password) =>
      unwrap(
        await resetAction({
          request: form(`/password-reset/${t}`, { password, confirmPassword }),
          params: { token: t },
          context: routeContext(services, null),
        }).catch((r: unknown) => r),
      );
    expect(await submit(token, 'short')).toMatchObject({
      status: 400,
      body: { fieldErrors: { password: ['Use at least 10 characters.'] } },
    });
    expect(await submit(token, 'a long new password')).toEqual({
      status: 302,
      body: { location: '/login?reset=done' },
    });
    expect(unwrap(await page(token))).toEqual({ status: 410, body: { state: 'used' } });
    expect(await submit(token, 'another long password')).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/already used/) },
    });
  });
});

describe('the room page for a muted member (issue 15)', () => {
  it('tells the page until when the viewer is muted, and refuses a shared link from them', async () => {
    expect((await services.roundtables.mute(people.secretariat, roomId, people.peru.userId, 20)).ok).toBe(true);
    const page = await roomLoader({
      request: new Request(`http://localhost/roundtables/${roomId}`),
      params: { id: roomId },
      context: routeContext(services, people.peru),
    });
    expect(Date.parse(page.me.mutedUntil!) - Date.now()).toBeGreaterThan(19 * 60_000);
    const moderatorPage = await roomLoader({
      request: new Request(`http://localhost/roundtables/${roomId}`),
      params: { id: roomId },
      context: routeContext(services, people.secretariat),
    });
    expect(moderatorPage.me.mutedUntil).toBeNull();
    const shared = unwrap(
      await roomAction({
        request: form(`/roundtables/${roomId}`, { intent: 'document', title: 'A link', url: 'https://example.org/a' }),
        params: { id: roomId },
        context: routeContext(services, people.peru, 'es'),
      }).catch((r: unknown) => r),
    );
    expect(shared).toMatchObject({
      status: 403,
      body: { message: expect.stringMatching(/^Un moderador le silenció hasta las \d\d:\d\d UTC\.$/) },
    });
    expect(
      await handle.db.select().from(roundtableDocuments).where(eq(roundtableDocuments.roundtableId, roomId)),
    ).toEqual([]);
  });
});

describe('notifications (issue 15, item 8)', () => {
  it('the navigation counts unread notices on Notifications, and nothing when all are read', async () => {
    const { loader: rootLoader } = await import('../../app/root');
    const { notifyOrganization } = await import('../../services/notifications/notifications.server');
    await notifyOrganization(handle.db, await orgId('PE'), {
      kind: 'request.held',
      link: '/cooperation',
      subject: 's',
      body: 'b',
      data: { mandate: 12 },
    });
    await notifyOrganization(handle.db, await orgId('PE'), {
      kind: 'offer.held',
      link: '/cooperation',
      subject: 's',
      body: 'b',
      data: { mandate: 3 },
    });
    const unread = await services.notifications.unreadCount(people.peru);
    expect(unread).toBeGreaterThanOrEqual(2);
    const root = async () =>
      (
        await rootLoader({
          request: new Request('http://localhost/'),
          params: {},
          context: routeContext(services, people.peru),
        })
      ).nav.find((item) => item.to === '/notifications');
    expect(await root()).toMatchObject({ badge: unread });
    await services.notifications.markRead(people.peru, 'all');
    expect((await root())?.badge).toBeUndefined();
  });

  it('names in both languages every kind the non-disclosure and held-back notices use (they showed raw kinds)', async () => {
    const { KNOWN_KINDS } = await import('../../app/routes/notifications');
    const { translate } = await import('../../app/i18n');
    expect(KNOWN_KINDS).toEqual(expect.arrayContaining(['disclosure.refused', 'request.held', 'offer.held']));
    for (const kind of KNOWN_KINDS) {
      for (const lang of ['en', 'es'] as const)
        expect(
          translate(lang, `coop.notification.${kind}` as never, {
            mandate: 12,
            letterReference: 'L-1',
            amendUntil: '2027-02-01',
            author: 'Ana Pérez',
            when: '2027-01-05 10:00 Lima (UTC−5)',
          }),
        ).not.toMatch(/^coop\.notification|\{/);
    }
    expect(translate('es', 'coop.notification.request.held' as never, { mandate: 12 })).toContain('mandato 12');
    expect(
      translate('en', 'coop.notification.disclosure.refused' as never, {
        letterReference: 'L-7',
        amendUntil: '2027-02-01',
      }),
    ).toContain('letter L-7');
  });
});

describe('meeting notices on the notifications page (issue 18)', () => {
  it('every kind the videoconferences service stores (invitation, move, cancellation, both reminders) has its own text in both languages, naming the time', async () => {
    const { KNOWN_KINDS } = await import('../../app/routes/notifications');
    const { translate } = await import('../../app/i18n');
    const wall = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 16);
    const vc = services.videoconferences;
    const first = await vc.schedule(people.secretariat, roomId, {
      title: 'Notice kinds call',
      start: wall(3 * 24 * 3600_000),
      timeZone: 'UTC',
      durationMinutes: 30,
    });
    if (!first.ok) throw new Error(first.message);
    expect(
      (
        await vc.reschedule(people.secretariat, first.value.id, {
          start: wall(4 * 24 * 3600_000),
          timeZone: 'UTC',
          durationMinutes: 30,
        })
      ).ok,
    ).toBe(true);
    expect((await vc.cancel(people.secretariat, first.value.id)).ok).toBe(true);
    // A meeting ten minutes ahead, scheduled two days ago (reminders are only sent for meetings known before their time).
    const soon = await vc.schedule(people.secretariat, roomId, {
      title: 'Reminded call',
      start: wall(10 * 60_000),
      timeZone: 'UTC',
      durationMinutes: 30,
    });
    if (!soon.ok) throw new Error(soon.message);
    await handle.db
      .update(meetings)
      .set({ updatedAt: new Date(Date.now() - 2 * 24 * 3600_000) })
      .where(eq(meetings.id, soon.value.id));
    expect(await vc.sendDueReminders()).toBeGreaterThan(0);
    const stored = await handle.db
      .select({ kind: notifications.kind, data: notifications.data })
      .from(notifications)
      .where(and(eq(notifications.userId, people.peru.userId), like(notifications.kind, 'videoconference.%')));
    const kinds = [...new Set(stored.map((n) => n.kind))].sort();
    expect(kinds).toEqual([
      'videoconference.cancelled',
      'videoconference.reminder_15m',
      'videoconference.reminder_24h',
      'videoconference.rescheduled',
      'videoconference.scheduled',
    ]);
    expect(KNOWN_KINDS).toEqual(expect.arrayContaining(kinds));
    for (const notice of stored) {
      const params = Object.fromEntries(
        Object.entries(notice.data ?? {}).filter(([, v]) => typeof v === 'string' || typeof v === 'number'),
      ) as Record<string, string | number>;
      const en = translate('en', `coop.notification.${notice.kind}` as never, params);
      const es = translate('es', `coop.notification.${notice.kind}` as never, params);
      expect(en).not.toMatch(/^coop\.notification|\{/);
      expect(es).not.toMatch(/^coop\.notification|\{/);
      expect(es).not.toBe(en);
      expect(en).toContain(String(params.when));
    }
  });
});

describe('the mandate answers page (issue 15, item 2)', () => {
  it('never echoes more than the form accepts when an over-long answer is refused, and a save says its version and time', async () => {
    const clockServices = createServices({ db: handle.db, now: () => new Date('2027-02-01T12:00:00Z') });
    const secretariat = await createActor(handle.db, 'secretariat', 'secretariat_admin');
    const cycle = await clockServices.registration.createCycle(secretariat, {
      name: 'Echo cycle',
      kind: 'registration',
      opensAt: '2027-01-01T00:00:00Z',
      closesAt: '2027-04-30T00:00:00Z',
      publishesAt: '2027-05-15T00:00:00Z',
      timeZone: 'UTC',
    });
    if (!cycle.ok) throw new Error(cycle.message);
    const { action: mandateAction } = await import('../../app/routes/questionnaire.$cycleId.$mandate');
    const post = async (fields: Record<string, string>) =>
      unwrap(
        await mandateAction({
          request: form(`/questionnaire/${cycle.value.id}/2`, {
            intent: 'save',
            question: 'Q2',
            indicator: '',
            baseVersion: '0',
            ...fields,
          }),
          params: { cycleId: cycle.value.id, mandate: '2' },
          context: routeContext(clockServices, people.peru),
        }).catch((r: unknown) => r),
      );
    const refused = await post({ summary: 's'.repeat(2_500), full: 'f'.repeat(25_000) });
    expect(refused.status).toBe(400);
    const values = refused.body.values as { summary: string; full: string };
    expect(values.full).toHaveLength(20_000);
    expect(values.summary).toHaveLength(2_000);
    expect(JSON.stringify(refused.body).length).toBeLessThan(25_000);
    const saved = await post({ summary: 'A short answer', full: 'A full answer' });
    expect(saved).toMatchObject({
      status: 200,
      body: { kind: 'saved', version: 1, savedAt: expect.any(String), message: 'Q2 saved (version 1).' },
    });
  });
});

describe('the non-disclosure list (issue 15, item 4)', () => {
  it('names the mandate of every request, with its question and field', async () => {
    const clockServices = createServices({ db: handle.db, now: () => new Date('2027-02-01T12:00:00Z') });
    const secretariat = await createActor(handle.db, 'secretariat', 'secretariat_admin');
    const cycle = await clockServices.registration.createCycle(secretariat, {
      name: 'Disclosure list cycle',
      kind: 'registration',
      opensAt: '2027-01-01T00:00:00Z',
      closesAt: '2027-04-30T00:00:00Z',
      publishesAt: '2027-05-15T00:00:00Z',
      timeZone: 'UTC',
    });
    if (!cycle.ok) throw new Error(cycle.message);
    await clockServices.registration.questionnaire(people.peru, cycle.value.id);
    const asked = await clockServices.publication.requestNonDisclosure(people.peru, cycle.value.id, {
      scope: 'field',
      mandate: 12,
      question: 'Q2',
      field: 'full',
      letterReference: 'Note 15 to the Chair',
    });
    if (!asked.ok) throw new Error(asked.message);
    const { loader: disclosureLoader } = await import('../../app/routes/disclosure.$cycleId');
    const page = await disclosureLoader({
      request: new Request(`http://localhost/disclosure/${cycle.value.id}`),
      params: { cycleId: cycle.value.id },
      context: routeContext(clockServices, people.peru),
    });
    const body = unwrap(page).body as unknown as {
      requests: Array<{ scope: string; mandate: number | null; question: string | null; field: string | null }>;
    };
    expect(body.requests).toEqual([
      expect.objectContaining({ scope: 'field', mandate: 12, question: 'Q2', field: 'full' }),
    ]);
  });
});

describe('the results CSV (issue 15, item 5)', () => {
  it('starts with a byte-order mark and headers in the reader’s language; ?headers=machine keeps the stable header row', async () => {
    const { seedPublishedCycle } = await import('../registration-fixtures');
    const { loader: csvLoader } = await import('../../app/routes/results.$cycleId.export[.]csv');
    const { cycleId } = await seedPublishedCycle(handle.db, {
      name: 'CSV cycle',
      organizationCodes: ['PE'],
      mandateNumbers: [2],
      text: () => 'Perú informa',
    });
    const respond = async (query: string, lang: Lang) =>
      (await csvLoader({
        request: new Request(`http://localhost/results/${cycleId}/export.csv${query}`),
        params: { cycleId },
        context: routeContext(services, null, lang),
      })) as Response;
    const csv = async (query: string, lang: Lang) => new Uint8Array(await (await respond(query, lang)).arrayBuffer());
    // One address, two languages: a shared cache must keep them apart.
    const spanishResponse = await respond('', 'es');
    expect(spanishResponse.headers.get('Vary')).toContain('Accept-Language');
    expect(spanishResponse.headers.get('Content-Language')).toBe('es');
    const spanish = await csv('', 'es');
    expect([...spanish.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(spanish.slice(3));
    expect(text.split('\r\n')[0]).toBe(
      'Organización,Nombre de la organización,Mandato,Indicador,Pregunta,Avance,Resumen,Respuesta completa,Tipos de asistencia,Documentos adjuntos',
    );
    expect(text).toContain('Perú informa');
    const english = new TextDecoder().decode((await csv('', 'en')).slice(3));
    expect(english.split('\r\n')[0]).toBe(
      'Organization,Organization name,Mandate,Indicator,Question,Progress,Summary,Full answer,Types of assistance,Attached documents',
    );
    const machine = await csv('?headers=machine', 'es');
    expect(machine[0]).not.toBe(0xef);
    const machineText = new TextDecoder().decode(machine);
    expect(machineText.split('\r\n')[0]).toBe(
      'organization,organization_name,mandate,indicator,question,progress,summary,full,assistance_types,attachments',
    );
    // The same rows either way: only the header row and the mark differ.
    expect(machineText.split('\r\n').slice(1)).toEqual(text.split('\r\n').slice(1));
  });
});

describe('the printable questionnaire (issue 15, item 12)', () => {
  it('lists every mandate and question with the organization’s saved answers, and only for the organization', async () => {
    const clockServices = createServices({ db: handle.db, now: () => new Date('2027-02-01T12:00:00Z') });
    const secretariat = await createActor(handle.db, 'secretariat', 'secretariat_admin');
    const cycle = await clockServices.registration.createCycle(secretariat, {
      name: 'Print cycle',
      kind: 'registration',
      opensAt: '2027-01-01T00:00:00Z',
      closesAt: '2027-04-30T00:00:00Z',
      publishesAt: '2027-05-15T00:00:00Z',
      timeZone: 'UTC',
    });
    if (!cycle.ok) throw new Error(cycle.message);
    const saved = await clockServices.registration.saveAnswer(people.peru, cycle.value.id, {
      mandate: 2,
      question: 'Q2',
      summary: 'Peru adopted a policy',
      full: 'By supreme decree.',
      baseVersion: 0,
    });
    if (!saved.ok) throw new Error('not saved');
    const { loader: printLoader } = await import('../../app/routes/questionnaire.$cycleId_.print');
    const page = await printLoader({
      request: new Request(`http://localhost/questionnaire/${cycle.value.id}/print`),
      params: { cycleId: cycle.value.id },
      context: routeContext(clockServices, people.peru, 'es'),
    });
    expect(page.organization).toBe('Perú');
    expect(page.mandates.length).toBeGreaterThan(50);
    const two = page.mandates.find((m) => m.number === 2)!;
    const q2 = two.units[0].questions.find((q) => q.question === 'Q2');
    expect(q2?.answer).toMatchObject({ summary: 'Peru adopted a policy', full: 'By supreme decree.' });
    expect(two.units[0].questions.map((q) => q.question)).not.toContain('Q7');
    const chile = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
    const theirs = await printLoader({
      request: new Request('http://localhost/'),
      params: { cycleId: cycle.value.id },
      context: routeContext(clockServices, chile),
    });
    expect(JSON.stringify(theirs)).not.toContain('Peru adopted a policy');
  });
});

describe('searching a room from its page (issue 15, item 11)', () => {
  it('answers ?q= with the matching messages, a too-short search with its reason in the reader’s language, and outsiders with 403', async () => {
    const sent = await services.roundtables.send(people.secretariat, roomId, {
      clientId: `search-${Date.now()}`,
      body: 'The calendar of trainings is attached',
    });
    if (!sent.ok) throw new Error(sent.message);
    const page = (q: string, actor: Actor, lang: Lang = 'en') =>
      roomLoader({
        request: new Request(`http://localhost/roundtables/${roomId}?q=${encodeURIComponent(q)}`),
        params: { id: roomId },
        context: routeContext(services, actor, lang),
      });
    const found = await page('calendar', people.peru);
    expect(found.search).toEqual({
      query: 'calendar',
      error: null,
      messages: [expect.objectContaining({ id: sent.value.message.id, body: 'The calendar of trainings is attached' })],
    });
    expect((await page('c', people.peru, 'es')).search).toMatchObject({
      messages: [],
      error: 'Busque al menos 2 caracteres.',
    });
    const noSearch = await roomLoader({
      request: new Request(`http://localhost/roundtables/${roomId}`),
      params: { id: roomId },
      context: routeContext(services, people.peru),
    });
    expect(noSearch.search).toBeNull();
    const outsider = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
    const refused = await page('calendar', outsider).catch((r: unknown) => r);
    expect((refused as Response).status).toBe(403);
  });
});
