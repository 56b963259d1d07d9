import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { mailOutbox, notifications, organizations, users } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createOrganization, createUser } from '../../tests/factories';
import { createAccountsService } from '../accounts/accounts.server';
import { createSessionStore } from '../accounts/sessions.server';
import type { Actor } from '../actor';
import { DomainEventBus } from '../events';
import { createNotificationsService, mailFor, notifyOrganization, type Notice } from './notifications.server';

let handle: DatabaseHandle;
const now = () => new Date('2027-02-01T12:00:00Z');

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const accounts = () =>
  createAccountsService({
    db: handle.db,
    sessions: createSessionStore(handle.db, now),
    events: new DomainEventBus(),
    now,
  });
const localeOf = async (userId: string) =>
  (await handle.db.select({ locale: users.locale }).from(users).where(eq(users.id, userId)))[0].locale;

const opened: Notice = {
  kind: 'roundtable.opened',
  link: '/roundtables/5b0c6d1e-0000-4000-8000-000000000001',
  subject: 'Roundtable opened: Judicial integrity exchange',
  body: 'The Summits Secretariat opened the roundtable "Judicial integrity exchange". Join it from Minka.',
  data: { title: 'Judicial integrity exchange' },
};

describe('e-mails in the recipient’s language', () => {
  it('writes each recipient’s e-mail in their account’s language; the in-app notice is the same for both', async () => {
    const org = await createOrganization(handle.db, 'state');
    const english = await createUser(handle.db, { organizationId: org.id, role: 'national_coordinator' });
    const spanish = await createUser(handle.db, { organizationId: org.id, role: 'deputy_focal_point' });
    await handle.db.update(users).set({ locale: 'es' }).where(eq(users.id, spanish.user.id));

    expect(await notifyOrganization(handle.db, org.id, opened)).toBe(2);

    const mailTo = async (address: string) =>
      (await handle.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, address)))[0];
    expect(await mailTo(english.email)).toMatchObject({
      subject: '[Minka] Roundtable opened: Judicial integrity exchange',
      body: `The Summits Secretariat opened the roundtable "Judicial integrity exchange". Join it from Minka.\n\nOpen in Minka: ${opened.link}`,
      // The path is kept apart too: the mailer writes it under PUBLIC_URL when it sends.
      link: opened.link,
    });
    expect(await mailTo(spanish.email)).toMatchObject({
      subject: '[Minka] Mesa redonda abierta: Judicial integrity exchange',
      body: `La Secretaría de Cumbres abrió la mesa redonda «Judicial integrity exchange». Únase desde Minka.\n\nAbrir en Minka: ${opened.link}`,
    });
    const inApp = await handle.db.select().from(notifications).where(eq(notifications.kind, 'roundtable.opened'));
    expect(inApp.map((n) => n.data)).toEqual([opened.data, opened.data]);
  });

  it('adds a person’s note as written, under a label in the recipient’s language', () => {
    const declined: Notice = {
      kind: 'match.declined',
      link: '/matches/m1',
      subject: 'A match was declined',
      body: 'The other side declined the match for "Asset recovery training".',
      note: 'Our budget year has closed.',
    };
    expect(mailFor(declined, 'es')).toEqual({
      subject: '[Minka] Se rechazó un emparejamiento',
      body: 'La otra parte rechazó el emparejamiento para «Asset recovery training».\n\nNota: Our budget year has closed.\n\nAbrir en Minka: /matches/m1',
      link: '/matches/m1',
    });
    expect(mailFor(declined, 'en').body).toBe(
      'The other side declined the match for "Asset recovery training".\n\nNote: Our budget year has closed.\n\nOpen in Minka: /matches/m1',
    );
  });

  it('writes organization names in Spanish in a Spanish e-mail, and leaves other values as written', async () => {
    const peru = await createOrganization(handle.db, 'state');
    await handle.db.update(organizations).set({ nameEn: 'Peru', nameEs: 'Perú' }).where(eq(organizations.id, peru.id));
    const cso = await createOrganization(handle.db, 'civil_society');
    const reader = await createUser(handle.db, { organizationId: cso.id, role: 'civil_society_member' });
    await handle.db.update(users).set({ locale: 'es' }).where(eq(users.id, reader.user.id));
    const accepted: Notice = {
      kind: 'contribution.accepted',
      link: '/contribute',
      subject: 'Peru accepted your contribution',
      body: 'Peru decided on your contribution to its questionnaire (mandate answer Q1).',
    };
    expect(await notifyOrganization(handle.db, cso.id, accepted, ['civil_society_member'])).toBe(1);
    const [mail] = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, reader.email));
    expect(mail.subject).toBe('[Minka] Perú aceptó su contribución');
    expect(mail.body).toMatch(/^Perú /);
    // The catalog's whole texts used as values are translated too; anything else is data and stays as written.
    expect(mailFor({ ...accepted, subject: 'A State accepted your contribution' }, 'es').subject).toBe(
      '[Minka] Un Estado aceptó su contribución',
    );
    expect(mailFor({ ...accepted, subject: 'Peru accepted your contribution' }, 'es').subject).toBe(
      '[Minka] Peru aceptó su contribución',
    );
    expect(mailFor(accepted, 'en').subject).toBe('[Minka] Peru accepted your contribution');
  });

  it('sends a text it has no Spanish for in English rather than not at all', () => {
    expect(
      mailFor(
        { kind: 'x', link: '/x', subject: 'Something new happened', body: 'A text nobody translated yet.' },
        'es',
      ),
    ).toEqual({
      subject: '[Minka] Something new happened',
      body: 'A text nobody translated yet.\n\nAbrir en Minka: /x',
      link: '/x',
    });
  });
});

describe('the account’s language', () => {
  it('follows the language the person logs in with, and the language switch', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { user, email, password } = await createUser(handle.db, {
      organizationId: org.id,
      role: 'national_coordinator',
    });
    expect(await localeOf(user.id)).toBe('en');

    const login = await accounts().login({ email, password }, { ip: '203.0.113.9', locale: 'es' });
    if (!login.ok) throw new Error(login.message);
    expect(await localeOf(user.id)).toBe('es');
    // A login without a language (an API client, say) leaves it as it is.
    expect((await accounts().login({ email, password }, { ip: '203.0.113.9' })).ok).toBe(true);
    expect(await localeOf(user.id)).toBe('es');

    const actor: Actor = login.value.actor;
    expect(await accounts().setLocale(actor, 'en')).toEqual({ ok: true, value: { locale: 'en' } });
    expect(await localeOf(user.id)).toBe('en');
    expect(await accounts().setLocale(actor, 'pt')).toMatchObject({
      ok: false,
      kind: 'invalid',
      message: 'The language is English (en) or Spanish (es).',
    });
    expect(await localeOf(user.id)).toBe('en');
  });

  it('does not change on a failed login', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { user, email } = await createUser(handle.db, { organizationId: org.id, role: 'national_coordinator' });
    expect(
      await accounts().login({ email, password: 'not the password at all' }, { ip: '203.0.113.10', locale: 'es' }),
    ).toMatchObject({ ok: false });
    expect(await localeOf(user.id)).toBe('en');
  });
});

describe('marking notices read', () => {
  it('answers an id that cannot be a notification as not found, in the reader’s terms, not as a server error', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { email } = await createUser(handle.db, { organizationId: org.id, role: 'delegate' });
    const [person] = await handle.db.select().from(users).where(eq(users.email, email));
    const actor = { userId: person.id } as Actor;
    const service = createNotificationsService(handle.db, now);
    for (const id of ['zzz', '1', "1' or '1'='1", '00000000-0000-4000-8000-00000000000g'])
      expect(await service.markRead(actor, id), id).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await service.markRead(actor, 'all')).toMatchObject({ ok: true, value: { updated: 0 } });
  });
});
