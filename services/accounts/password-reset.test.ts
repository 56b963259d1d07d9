import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditLog, mailOutbox, passwordResets, sessions, users } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createOrganization, createUser } from '../../tests/factories';
import { DomainEventBus, type DomainEvents } from '../events';
import { createServices } from '../index.server';
import { createAccountsService } from './accounts.server';
import { createPasswordResetService, RESET_LIFETIME_MS } from './password-reset.server';
import { createSessionStore } from './sessions.server';

let handle: DatabaseHandle;
let clock: Date;
const now = () => clock;
const events = new DomainEventBus();
const revoked: Array<DomainEvents['sessions.revoked']> = [];
events.on('sessions.revoked', (e) => revoked.push(e));
const ip = '198.51.100.4';

const build = () => {
  const store = createSessionStore(handle.db, now);
  const accounts = createAccountsService({ db: handle.db, sessions: store, events, now });
  return {
    accounts,
    // Wired as services/index.server.ts wires them: a completed reset ends the account's log-in lock.
    reset: createPasswordResetService({ db: handle.db, sessions: store, events, now, loginLock: accounts }),
  };
};

/** The token of the newest reset e-mail to this address, read from the outbox as the person would read it. */
async function linkTo(email: string): Promise<string> {
  const [mail] = await handle.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, email))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1);
  const match = mail?.link?.match(/^\/password-reset\/([a-z0-9]+)$/);
  if (!match) throw new Error('no reset e-mail');
  return match[1];
}
const mailsTo = async (email: string) => handle.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());
beforeEach(() => {
  clock = new Date(Date.UTC(2026, 3, 1, 12) + Math.floor(Math.random() * 1e9));
  revoked.length = 0;
});

describe('password reset by e-mail (issue 15)', () => {
  it('answers the same for an address with and without an account, and mails only the account, in its language', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { email, user } = await createUser(handle.db, { organizationId: org.id, role: 'national_coordinator' });
    await handle.db.update(users).set({ locale: 'es' }).where(eq(users.id, user.id));
    const { reset } = build();
    const known = await reset.request({ email: email.toUpperCase() }, { ip });
    const unknown = await reset.request({ email: 'nobody-here@example.org' }, { ip: '198.51.100.5' });
    expect(known).toEqual({ ok: true, value: { sent: true } });
    expect(unknown).toEqual(known);
    expect(await mailsTo('nobody-here@example.org')).toEqual([]);
    const [mail] = await mailsTo(email);
    expect(mail.subject).toBe('[Minka] Restablezca su contraseña');
    expect(mail.body).toContain('funciona una sola vez');
    // Only the hash is stored: the token in the link is nowhere in the table.
    const token = await linkTo(email);
    const [row] = await handle.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - clock.getTime()).toBe(RESET_LIFETIME_MS);
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'auth.password_reset_requested'));
    expect(audit.map((a) => a.data)).toEqual(expect.arrayContaining([{ sent: true }, { sent: false }]));
    expect(await reset.request({ email: 'not an address' }, { ip })).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { email: ['Enter a valid e-mail address.'] },
    });
  });

  it('sets the new password once through the link, ends every session, and audits it', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { email, password, user } = await createUser(handle.db, {
      organizationId: org.id,
      role: 'national_coordinator',
    });
    const { accounts, reset } = build();
    const thief = await accounts.login({ email, password }, { ip: '192.0.2.66' });
    const owner = await accounts.login({ email, password }, { ip });
    if (!thief.ok || !owner.ok) throw new Error('login failed');
    await reset.request({ email }, { ip: '198.51.100.20' });
    const token = await linkTo(email);
    expect(await reset.inspect(token)).toBe('valid');
    expect(await reset.reset(token, { password: 'short', confirmPassword: 'short' }, { ip })).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { password: ['Use at least 10 characters.'] },
    });
    expect(
      await reset.reset(token, { password: 'a new long password', confirmPassword: 'another one' }, { ip }),
    ).toMatchObject({ ok: false, fieldErrors: { confirmPassword: ['The two passwords differ.'] } });
    // A refused form does not spend the link.
    expect(await reset.inspect(token)).toBe('valid');
    expect(
      await reset.reset(token, { password: 'a new long password', confirmPassword: 'a new long password' }, { ip }),
    ).toEqual({ ok: true, value: { endedSessions: 2 } });
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    expect(revoked).toContainEqual({ userId: user.id, sessionIds: 'all', reason: 'password_changed' });
    expect(await accounts.validateSession(thief.value.token)).toBeNull();
    expect((await accounts.login({ email, password }, { ip })).ok).toBe(false);
    expect((await accounts.login({ email, password: 'a new long password' }, { ip })).ok).toBe(true);
    // Single use.
    expect(await reset.inspect(token)).toBe('used');
    expect(
      await reset.reset(token, { password: 'a third long password', confirmPassword: 'a third long password' }, { ip }),
    ).toMatchObject({ ok: false, kind: 'invalid', message: expect.stringMatching(/already used/) });
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.password_reset'), eq(auditLog.actorUserId, user.id)));
    expect(audit).toMatchObject({ subjectId: user.id, data: { endedSessions: 2 }, ip });
  });

  it('expires after an hour; a newer link voids the older; unknown and disabled accounts get nothing', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { email, user } = await createUser(handle.db, { organizationId: org.id, role: 'delegate' });
    const { reset } = build();
    await reset.request({ email }, { ip: '198.51.100.30' });
    const first = await linkTo(email);
    clock = new Date(clock.getTime() + 1000);
    await reset.request({ email }, { ip: '198.51.100.30' });
    const second = await linkTo(email);
    expect(second).not.toBe(first);
    expect(await reset.inspect(first)).toBe('used');
    expect(await reset.inspect('not-a-token')).toBe('unknown');
    expect(
      await reset.reset(
        'not-a-token',
        { password: 'a new long password', confirmPassword: 'a new long password' },
        { ip },
      ),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/not valid/) });
    clock = new Date(clock.getTime() + RESET_LIFETIME_MS + 1);
    expect(await reset.inspect(second)).toBe('expired');
    expect(
      await reset.reset(second, { password: 'a new long password', confirmPassword: 'a new long password' }, { ip }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/expired/) });

    await handle.db.update(users).set({ disabledAt: clock }).where(eq(users.id, user.id));
    const before = (await mailsTo(email)).length;
    expect(await reset.request({ email }, { ip: '198.51.100.31' })).toEqual({ ok: true, value: { sent: true } });
    expect((await mailsTo(email)).length).toBe(before);
  });

  it('ends the lock of five wrong passwords: the new password works at once, the old one still fails', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { email, password, user } = await createUser(handle.db, { organizationId: org.id, role: 'delegate' });
    const { accounts, reset } = build();
    for (let i = 0; i < 5; i++)
      expect((await accounts.login({ email, password: 'wrong guess' }, { ip: `192.0.2.${i}` })).ok).toBe(false);
    // Locked: even the right password waits out the 15 minutes.
    expect(await accounts.login({ email, password }, { ip })).toMatchObject({ ok: false, kind: 'rate_limited' });

    expect((await reset.request({ email }, { ip })).ok).toBe(true);
    const fresh = 'a brand new long password';
    expect((await reset.reset(await linkTo(email), { password: fresh, confirmPassword: fresh }, { ip })).ok).toBe(true);
    expect(await accounts.login({ email, password: fresh }, { ip })).toMatchObject({
      ok: true,
      value: { actor: { userId: user.id } },
    });
    const old = await accounts.login({ email, password }, { ip });
    expect(old.ok).toBe(false);
    expect(old).not.toMatchObject({ kind: 'rate_limited' });
    const [unlocked] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.login_unlocked'), eq(auditLog.subjectId, user.id)));
    expect(unlocked).toMatchObject({ actorUserId: user.id, ip, data: { by: 'password_reset' } });
  });

  it('is wired so in the services the app uses (createServices)', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { email, password } = await createUser(handle.db, { organizationId: org.id, role: 'delegate' });
    const services = createServices({ db: handle.db, now });
    for (let i = 0; i < 5; i++) await services.accounts.login({ email, password: 'wrong guess' }, { ip });
    expect(await services.accounts.login({ email, password }, { ip })).toMatchObject({ kind: 'rate_limited' });
    expect((await services.passwordReset.request({ email }, { ip })).ok).toBe(true);
    const fresh = 'a brand new long password';
    const token = await linkTo(email);
    expect((await services.passwordReset.reset(token, { password: fresh, confirmPassword: fresh }, { ip })).ok).toBe(
      true,
    );
    expect((await services.accounts.login({ email, password: fresh }, { ip })).ok).toBe(true);
  });

  it('records no unlocking when the account was not locked', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { email, user } = await createUser(handle.db, { organizationId: org.id, role: 'delegate' });
    const { reset } = build();
    expect((await reset.request({ email }, { ip })).ok).toBe(true);
    const fresh = 'a brand new long password';
    expect((await reset.reset(await linkTo(email), { password: fresh, confirmPassword: fresh }, { ip })).ok).toBe(true);
    expect(
      await handle.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'auth.login_unlocked'), eq(auditLog.subjectId, user.id))),
    ).toEqual([]);
  });

  it('throttles by address and by IP, the same whether or not the address has an account', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { email } = await createUser(handle.db, { organizationId: org.id, role: 'delegate' });
    const { reset } = build();
    for (const address of [email, 'ghost@example.org']) {
      for (let i = 0; i < 3; i++)
        expect((await reset.request({ email: address }, { ip: `198.51.100.${40 + i}` })).ok).toBe(true);
      expect(await reset.request({ email: address }, { ip: '198.51.100.50' })).toMatchObject({
        ok: false,
        kind: 'rate_limited',
        retryAfterSeconds: expect.any(Number),
      });
    }
    expect((await mailsTo(email)).length).toBe(3);
    const sameIp = '198.51.100.60';
    for (let i = 0; i < 10; i++)
      expect((await reset.request({ email: `someone${i}@example.org` }, { ip: sameIp })).ok).toBe(true);
    expect(await reset.request({ email: 'someone-else@example.org' }, { ip: sameIp })).toMatchObject({
      ok: false,
      kind: 'rate_limited',
    });
  });
});
