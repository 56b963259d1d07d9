import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import { auditLog, invitations, sessions, users } from '../../db/schema';
import { createOrganization, createUser } from '../../tests/factories';
import { createTestDatabase } from '../../tests/db';
import type { Actor } from '../actor';
import { DomainEventBus, type DomainEvents } from '../events';
import { createAccountsService, INVITATION_LIFETIME_MS } from './accounts.server';
import { createSessionStore, SESSION_LIFETIME_MS } from './sessions.server';

let handle: DatabaseHandle;
let clock: Date;
const now = () => clock;
const events = new DomainEventBus();
const revoked: Array<DomainEvents['sessions.revoked']> = [];
events.on('sessions.revoked', (e) => revoked.push(e));
const ip = '203.0.113.7';

function service() {
  return createAccountsService({ db: handle.db, sessions: createSessionStore(handle.db, now), events, now });
}

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});
beforeEach(() => {
  clock = new Date('2026-03-01T12:00:00Z');
  revoked.length = 0;
});

async function loginAs(accounts: ReturnType<typeof service>, email: string, password: string, from = ip) {
  const result = await accounts.login({ email, password }, { ip: from });
  if (!result.ok) throw new Error(`login failed: ${result.message}`);
  return result.value;
}

describe('login and sessions', () => {
  it('logs in with the right password, stores only a hash of the token, and validates the cookie', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { email, password, user } = await createUser(handle.db, {
      organizationId: org.id,
      role: 'national_coordinator',
    });
    const accounts = service();
    const { token, actor } = await loginAs(accounts, email.toUpperCase(), password);
    expect(actor).toMatchObject({ userId: user.id, role: 'national_coordinator', organizationId: org.id });

    const [id, secret] = token.split('.');
    const [stored] = await handle.db.select().from(sessions).where(eq(sessions.id, id));
    expect(stored.secretHash).not.toContain(secret);
    expect(stored.secretHash).toMatch(/^[0-9a-f]{64}$/);

    const validated = await accounts.validateSession(token);
    expect(validated?.actor.userId).toBe(user.id);
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.actorUserId, user.id));
    expect(audit.map((a) => a.action)).toContain('auth.login');
  });

  it('treats forged, malformed and tampered tokens as no session', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { email, password } = await createUser(handle.db, { organizationId: org.id, role: 'delegate' });
    const accounts = service();
    const { token } = await loginAs(accounts, email, password);
    const [id] = token.split('.');
    for (const forged of [
      '',
      'garbage',
      `${id}.wrongsecret`,
      `${id}`,
      `${token}.extra`,
      'x'.repeat(500),
      `${id}.${'a'.repeat(24)}`,
    ]) {
      expect(await accounts.validateSession(forged)).toBeNull();
    }
  });

  it('gives one message for a wrong password and an unknown e-mail, and audits the failure', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { email } = await createUser(handle.db, { organizationId: org.id, role: 'delegate' });
    const accounts = service();
    const wrong = await accounts.login({ email, password: 'not the password' }, { ip: '198.51.100.1' });
    const unknown = await accounts.login(
      { email: 'nobody@example.test', password: 'whatever it is' },
      { ip: '198.51.100.1' },
    );
    expect(wrong.ok).toBe(false);
    expect(unknown.ok).toBe(false);
    expect(!wrong.ok && !unknown.ok && wrong.message === unknown.message).toBe(true);
    const failures = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'auth.login_failed'));
    expect(failures.map((f) => f.data.reason)).toEqual(expect.arrayContaining(['wrong_password', 'unknown_email']));
  });

  it('returns field errors for a malformed form', async () => {
    const result = await service().login({ email: 'not-an-email', password: '' }, { ip });
    expect(result.ok).toBe(false);
    if (!result.ok && result.kind === 'invalid') {
      expect(Object.keys(result.fieldErrors ?? {})).toEqual(expect.arrayContaining(['email', 'password']));
    } else throw new Error('expected invalid');
  });

  it('throttles an account after 5 failures, even with the right password, until the window passes', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { email, password } = await createUser(handle.db, { organizationId: org.id, role: 'delegate' });
    const accounts = service();
    for (let i = 0; i < 5; i++) await accounts.login({ email, password: 'bad password' }, { ip: `192.0.2.${i}` });
    const blocked = await accounts.login({ email, password }, { ip: '192.0.2.99' });
    expect(blocked).toMatchObject({ ok: false, kind: 'rate_limited' });
    expect(!blocked.ok && blocked.kind === 'rate_limited' && blocked.retryAfterSeconds).toBeGreaterThan(0);
    clock = new Date(clock.getTime() + 16 * 60_000);
    expect((await accounts.login({ email, password }, { ip: '192.0.2.99' })).ok).toBe(true);
  });

  it('holds the account limit under 30 parallel wrong passwords: at most 5 are checked (issue 12)', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { email } = await createUser(handle.db, { organizationId: org.id, role: 'delegate' });
    const accounts = service();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        accounts.login({ email, password: `wrong password ${i}` }, { ip: `198.51.100.${i}` }),
      ),
    );
    const checked = results.filter((r) => !r.ok && r.kind === 'invalid').length;
    const limited = results.filter((r) => !r.ok && r.kind === 'rate_limited').length;
    expect(checked).toBe(5);
    expect(limited).toBe(25);
  });

  it('throttles an IP that sprays many accounts', async () => {
    const accounts = service();
    const sprayer = '198.51.100.200';
    for (let i = 0; i < 20; i++)
      await accounts.login({ email: `victim${i}@example.test`, password: 'guess guess' }, { ip: sprayer });
    expect(
      await accounts.login({ email: 'another@example.test', password: 'guess guess' }, { ip: sprayer }),
    ).toMatchObject({ kind: 'rate_limited' });
    expect(
      await accounts.login({ email: 'another@example.test', password: 'guess guess' }, { ip: '198.51.100.201' }),
    ).toMatchObject({ kind: 'invalid' });
  });

  it('slides the expiry on use and rejects an expired session', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { email, password } = await createUser(handle.db, { organizationId: org.id, role: 'delegate' });
    const accounts = service();
    const { token, expiresAt } = await loginAs(accounts, email, password);
    clock = new Date(clock.getTime() + 2 * 24 * 3600_000);
    const later = await accounts.validateSession(token);
    expect(later?.refreshed).toBe(true);
    expect(later!.expiresAt.getTime()).toBeGreaterThan(expiresAt.getTime());
    clock = new Date(later!.expiresAt.getTime() + 1000);
    expect(await accounts.validateSession(token)).toBeNull();
    expect(SESSION_LIFETIME_MS).toBeGreaterThan(0);
  });

  it('refuses a disabled user and ends their sessions', async () => {
    const secretariat = await createOrganization(handle.db, 'secretariat');
    const admin = await createUser(handle.db, { organizationId: secretariat.id, role: 'secretariat_admin' });
    const state = await createOrganization(handle.db, 'state');
    const target = await createUser(handle.db, { organizationId: state.id, role: 'delegate' });
    const accounts = service();
    const adminLogin = await loginAs(accounts, admin.email, admin.password);
    const { token } = await loginAs(accounts, target.email, target.password);
    const result = await accounts.setUserDisabled(adminLogin.actor, target.user.id, true);
    expect(result.ok).toBe(true);
    expect(await accounts.validateSession(token)).toBeNull();
    expect(revoked).toContainEqual({ userId: target.user.id, sessionIds: 'all', reason: 'user_disabled' });
    expect(
      await accounts.login({ email: target.email, password: target.password }, { ip: '192.0.2.50' }),
    ).toMatchObject({ ok: false, kind: 'invalid' });
  });
});

describe('logout and passwords', () => {
  it('logs out one session, or all of them', async () => {
    const org = await createOrganization(handle.db, 'jswg');
    const { email, password, user } = await createUser(handle.db, { organizationId: org.id, role: 'jswg_focal_point' });
    const accounts = service();
    const first = await loginAs(accounts, email, password);
    const second = await loginAs(accounts, email, password);
    const third = await loginAs(accounts, email, password);
    await accounts.logout(first.actor);
    expect(await accounts.validateSession(first.token)).toBeNull();
    expect(await accounts.validateSession(second.token)).not.toBeNull();
    await accounts.logout(second.actor, { everywhere: true });
    expect(await accounts.validateSession(third.token)).toBeNull();
    expect(revoked).toContainEqual({ userId: user.id, sessionIds: 'all', reason: 'logout_everywhere' });
  });

  it('changes the password only with the current one, and ends the other sessions', async () => {
    const org = await createOrganization(handle.db, 'state');
    const { email, password } = await createUser(handle.db, { organizationId: org.id, role: 'deputy_focal_point' });
    const accounts = service();
    const here = await loginAs(accounts, email, password);
    const elsewhere = await loginAs(accounts, email, password);
    const refused = await accounts.changePassword(here.actor, {
      currentPassword: 'wrong one!',
      newPassword: 'a new long password',
      confirmPassword: 'a new long password',
    });
    expect(refused).toMatchObject({ ok: false, kind: 'invalid', fieldErrors: { currentPassword: expect.any(Array) } });
    const short = await accounts.changePassword(here.actor, {
      currentPassword: password,
      newPassword: 'short',
      confirmPassword: 'short',
    });
    expect(short).toMatchObject({ ok: false, fieldErrors: { newPassword: expect.any(Array) } });
    const changed = await accounts.changePassword(here.actor, {
      currentPassword: password,
      newPassword: 'a new long password',
      confirmPassword: 'a new long password',
    });
    expect(changed).toEqual({ ok: true, value: { endedOtherSessions: 1 } });
    expect(await accounts.validateSession(here.token)).not.toBeNull();
    expect(await accounts.validateSession(elsewhere.token)).toBeNull();
    expect((await accounts.login({ email, password }, { ip: '192.0.2.77' })).ok).toBe(false);
    expect((await accounts.login({ email, password: 'a new long password' }, { ip: '192.0.2.77' })).ok).toBe(true);
  });
});

describe('invitations', () => {
  let admin: Actor;
  let peru: { id: string };
  let chile: { id: string };

  beforeAll(async () => {
    const secretariat = await createOrganization(handle.db, 'secretariat');
    const created = await createUser(handle.db, { organizationId: secretariat.id, role: 'secretariat_admin' });
    peru = await createOrganization(handle.db, 'state');
    chile = await createOrganization(handle.db, 'state');
    const login = await service().login({ email: created.email, password: created.password }, { ip: '192.0.2.10' });
    if (!login.ok) throw new Error('admin login failed');
    admin = login.value.actor;
  });

  it('lets the Secretariat invite a National Coordinator, who then invites a delegate of their own State only', async () => {
    const accounts = service();
    const invited = await accounts.invite(admin, {
      email: 'coordinator@peru.test',
      organizationId: peru.id,
      role: 'national_coordinator',
    });
    if (!invited.ok) throw new Error(invited.message);
    expect(await accounts.inspectInvitation(invited.value.token)).toMatchObject({
      state: 'valid',
      email: 'coordinator@peru.test',
      role: 'national_coordinator',
    });

    const accepted = await accounts.acceptInvitation(
      invited.value.token,
      { displayName: 'Coordinator', password: 'a long enough password', confirmPassword: 'a long enough password' },
      { ip, locale: 'es' },
    );
    if (!accepted.ok) throw new Error(accepted.message);
    const coordinator = accepted.value.actor;
    expect(coordinator).toMatchObject({ role: 'national_coordinator', organizationId: peru.id });
    // The new account reads Minka, and gets its e-mails, in the language the invitation was accepted in.
    expect(
      (await handle.db.select({ locale: users.locale }).from(users).where(eq(users.id, coordinator.userId)))[0].locale,
    ).toBe('es');

    const ownDelegate = await accounts.invite(coordinator, {
      email: 'delegate@peru.test',
      organizationId: peru.id,
      role: 'delegate',
    });
    expect(ownDelegate.ok).toBe(true);
    const foreignDelegate = await accounts.invite(coordinator, {
      email: 'delegate@chile.test',
      organizationId: chile.id,
      role: 'delegate',
    });
    expect(foreignDelegate).toMatchObject({ ok: false, kind: 'forbidden' });
    const promotion = await accounts.invite(coordinator, {
      email: 'deputy@peru.test',
      organizationId: peru.id,
      role: 'deputy_focal_point',
    });
    expect(promotion).toMatchObject({ ok: false, kind: 'forbidden' });
  });

  it('refuses a used invitation link the second time', async () => {
    const accounts = service();
    const invited = await accounts.invite(admin, {
      email: 'once@peru.test',
      organizationId: peru.id,
      role: 'deputy_focal_point',
    });
    if (!invited.ok) throw new Error(invited.message);
    const form = {
      displayName: 'Deputy',
      password: 'a long enough password',
      confirmPassword: 'a long enough password',
    };
    expect((await accounts.acceptInvitation(invited.value.token, form, { ip })).ok).toBe(true);
    const again = await accounts.acceptInvitation(invited.value.token, form, { ip });
    expect(again).toMatchObject({ ok: false, kind: 'conflict', message: expect.stringMatching(/already been used/) });
    expect((await accounts.inspectInvitation(invited.value.token)).state).toBe('used');
  });

  it('refuses an expired invitation link and an unknown one', async () => {
    const accounts = service();
    const invited = await accounts.invite(admin, {
      email: 'late@peru.test',
      organizationId: peru.id,
      role: 'delegate',
    });
    if (!invited.ok) throw new Error(invited.message);
    clock = new Date(clock.getTime() + INVITATION_LIFETIME_MS + 1);
    const form = { displayName: 'Late', password: 'a long enough password', confirmPassword: 'a long enough password' };
    expect(await accounts.acceptInvitation(invited.value.token, form, { ip })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/expired/),
    });
    expect(await accounts.acceptInvitation('not-a-real-token', form, { ip })).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    const [row] = await handle.db.select().from(invitations).where(eq(invitations.id, invited.value.invitationId));
    expect(row.acceptedAt).toBeNull();
  });

  it('keeps a bad acceptance form from consuming the link', async () => {
    const accounts = service();
    const invited = await accounts.invite(admin, {
      email: 'typo@peru.test',
      organizationId: peru.id,
      role: 'delegate',
    });
    if (!invited.ok) throw new Error(invited.message);
    const bad = await accounts.acceptInvitation(
      invited.value.token,
      { displayName: 'T', password: 'short', confirmPassword: 'other' },
      { ip },
    );
    expect(bad).toMatchObject({ ok: false, kind: 'invalid' });
    expect((await accounts.inspectInvitation(invited.value.token)).state).toBe('valid');
  });

  it('refuses a role that does not fit the organization, and a duplicate e-mail', async () => {
    const accounts = service();
    expect(
      await accounts.invite(admin, { email: 'x@peru.test', organizationId: peru.id, role: 'jswg_focal_point' }),
    ).toMatchObject({ ok: false, kind: 'invalid', fieldErrors: { role: expect.any(Array) } });
    expect(
      await accounts.invite(admin, { email: admin.email, organizationId: peru.id, role: 'delegate' }),
    ).toMatchObject({ ok: false, kind: 'invalid', fieldErrors: { email: expect.any(Array) } });
  });

  it('checks that the actor may invite anyone before validating the form (outside probe)', async () => {
    const accounts = service();
    const delegate = await createUser(handle.db, { organizationId: peru.id, role: 'delegate' });
    const delegateActor: Actor = {
      userId: delegate.user.id,
      email: delegate.email,
      displayName: 'D',
      role: 'delegate',
      organizationId: peru.id,
      organizationKind: 'state',
      organizationCode: 'PE',
    };
    for (const input of [{}, { email: 'not an e-mail', organizationId: 'x', role: 'king' }]) {
      expect(await accounts.invite(delegateActor, input)).toMatchObject({ ok: false, kind: 'forbidden' });
      expect(await accounts.invite(null, input)).toMatchObject({ ok: false, kind: 'forbidden' });
    }
    // Whoever may invite someone still gets the form's rules, then the fine-grained refusal.
    expect(await accounts.invite(admin, {})).toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('refuses changeRole and setUserDisabled to whoever may manage nobody, whatever the id (no probing)', async () => {
    const accounts = service();
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const { user: existing } = await createUser(handle.db, { organizationId: chile.id, role: 'delegate' });
    const delegate = await createUser(handle.db, { organizationId: peru.id, role: 'delegate' });
    const coordinator = await createUser(handle.db, { organizationId: peru.id, role: 'national_coordinator' });
    const as = (u: typeof delegate, role: Actor['role']): Actor => ({
      userId: u.user.id,
      email: u.email,
      displayName: 'X',
      role,
      organizationId: peru.id,
      organizationKind: 'state',
      organizationCode: 'PE',
    });
    const delegateActor = as(delegate, 'delegate');
    const coordinatorActor = as(coordinator, 'national_coordinator');
    for (const id of [unknownId, existing.id]) {
      expect(await accounts.setUserDisabled(delegateActor, id, true)).toMatchObject({ ok: false, kind: 'forbidden' });
      expect(await accounts.setUserDisabled(null, id, true)).toMatchObject({ ok: false, kind: 'forbidden' });
      expect(await accounts.changeRole(coordinatorActor, id, 'deputy_focal_point')).toMatchObject({
        ok: false,
        kind: 'forbidden',
      });
      expect(await accounts.changeRole(delegateActor, id, 'nonsense')).toMatchObject({ ok: false, kind: 'forbidden' });
    }
    // Those who may manage someone still learn that an id names nobody.
    expect(await accounts.setUserDisabled(coordinatorActor, unknownId, true)).toMatchObject({ kind: 'not_found' });
    expect(await accounts.changeRole(admin, unknownId, 'delegate')).toMatchObject({ kind: 'not_found' });
  });

  it('records role changes in the audit log, for the administrator only', async () => {
    const accounts = service();
    const { user } = await createUser(handle.db, { organizationId: peru.id, role: 'delegate' });
    const coordinator = await createUser(handle.db, { organizationId: peru.id, role: 'national_coordinator' });
    const coordinatorActor: Actor = {
      userId: coordinator.user.id,
      email: coordinator.email,
      displayName: 'C',
      role: 'national_coordinator',
      organizationId: peru.id,
      organizationKind: 'state',
      organizationCode: 'PE',
    };
    expect(await accounts.changeRole(coordinatorActor, user.id, 'deputy_focal_point')).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await accounts.changeRole(admin, user.id, 'deputy_focal_point')).toEqual({
      ok: true,
      value: { userId: user.id, role: 'deputy_focal_point' },
    });
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'membership.role_changed'));
    expect(entry.data).toEqual({ from: 'delegate', to: 'deputy_focal_point' });
    expect(entry.actorUserId).toBe(admin.userId);
  });
});
