// Playwright fixtures that make each spec's own data through the services, against the database the server under
// test uses (tests/e2e/database.mjs, docs/decisions/029): people invited into an organization and signed up the way
// an invitation is accepted, and roundtables convened by the Secretariat. Names are unique per test, so specs run in
// parallel on several workers and in any order; what a test made is closed or disabled after it.
import { randomBytes } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { createDatabase, type DatabaseHandle } from '../../db/client';
import { organizations, users } from '../../db/schema';
import type { Role } from '../../db/schema';
import { loadActor } from '../../services/accounts/actors.server';
import type { Actor } from '../../services/actor';
import { createServices } from '../../services/index.server';
import { e2eDatabase } from './database.mjs';
import { demo, logIn } from './helpers';

export { expect };

type Services = ReturnType<typeof createServices>;

interface World {
  db: DatabaseHandle['db'];
  services: Services;
  /** The demo Secretariat administrator, who invites people and convenes rooms for the specs. */
  admin: Actor;
  organizationId(code: string): Promise<string>;
}

export interface Person {
  userId: string;
  email: string;
  password: string;
  displayName: string;
  organizationCode: string;
  role: Role;
}

export interface Room {
  id: string;
  url: string;
  title: string;
  /** The Secretariat staff member who convened it (a moderator). */
  convener: Person;
}

export interface Make {
  /** A unique string for names in this test (letters and digits). */
  tag: string;
  /** A person of an existing organization (by code: 'PE', 'CO', 'JM', 'OAS', 'SUMMITS-SECRETARIAT'…). */
  person(organizationCode: string, role: Role, options?: { name?: string }): Promise<Person>;
  /**
   * A roundtable convened for these organizations (their people become members) by `convener`, by default a
   * Secretariat staff member made for this test, so no demo account gains a room.
   */
  room(options: {
    organizations: string[];
    title?: string;
    description?: string;
    mandates?: number[];
    /** Agenda items the convener adds, in this order. */
    agenda?: string[];
    convener?: Person;
  }): Promise<Room>;
  /** Signs the page in as this person. */
  logIn(page: Page, person: Person): Promise<void>;
}

function unique(): string {
  return randomBytes(4).toString('hex');
}

function must<T>(outcome: { ok: true; value: T } | { ok: false; kind: string; message: string }, what: string): T {
  if (!outcome.ok) throw new Error(`${what}: ${outcome.kind}: ${outcome.message}`);
  return outcome.value;
}

export const test = base.extend<{ make: Make }, { world: World }>({
  world: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const port = Number(process.env.E2E_PORT ?? 3107);
      let handle: DatabaseHandle | undefined;
      try {
        handle = await createDatabase({ databaseUrl: e2eDatabase(port).url, migrate: false });
        const db = handle.db;
        const services = createServices({ db });
        const [adminRow] = await db.select({ id: users.id }).from(users).where(eq(users.email, demo.admin)).limit(1);
        const admin = adminRow ? await loadActor(db, adminRow.id) : null;
        if (!admin) throw new Error(`The demo administrator ${demo.admin} is missing from the e2e database.`);
        const ids = new Map<string, string>();
        await use({
          db,
          services,
          admin,
          async organizationId(code) {
            if (!ids.has(code)) {
              const [row] = await db
                .select({ id: organizations.id })
                .from(organizations)
                .where(eq(organizations.code, code))
                .limit(1);
              if (!row) throw new Error(`No organization with code ${code}.`);
              ids.set(code, row.id);
            }
            return ids.get(code)!;
          },
        });
      } finally {
        await handle?.close();
      }
    },
    { scope: 'worker' },
  ],

  make: async ({ world }, use) => {
    const { services, admin } = world;
    const tag = unique();
    const people: Person[] = [];
    const rooms: Room[] = [];
    let count = 0;
    let convener: Person | undefined;
    const make: Make = {
      tag,
      async person(organizationCode, role, options = {}) {
        count += 1;
        const email = `e2e-${tag}-${count}@e2e.minka.test`;
        const password = `e2e-password-${tag}`;
        const displayName = options.name ?? `E2E ${role.replaceAll('_', ' ')} ${organizationCode} ${tag}-${count}`;
        const organizationId = await world.organizationId(organizationCode);
        const invitation = must(await services.accounts.invite(admin, { email, organizationId, role }), 'invite');
        const accepted = must(
          await services.accounts.acceptInvitation(
            invitation.token,
            { displayName, password, confirmPassword: password },
            { ip: '127.0.0.1' },
          ),
          'accept the invitation',
        );
        const person = { userId: accepted.actor.userId, email, password, displayName, organizationCode, role };
        people.push(person);
        return person;
      },
      async room(options) {
        const title = options.title ?? `E2E roundtable ${tag}-${rooms.length + 1}`;
        const organizationIds = await Promise.all(options.organizations.map((code) => world.organizationId(code)));
        const by = options.convener ?? (convener ??= await make.person('SUMMITS-SECRETARIAT', 'secretariat_staff'));
        const actor = await loadActor(world.db, by.userId);
        if (!actor) throw new Error(`The convener ${by.email} cannot act.`);
        const row = must(
          await services.roundtables.create(actor, {
            title,
            description: options.description,
            kind: 'working_roundtable',
            organizationIds,
            mandates: options.mandates ?? [],
          }),
          'convene the roundtable',
        );
        const room = { id: row.id, url: `/roundtables/${row.id}`, title, convener: by };
        rooms.push(room);
        for (const item of options.agenda ?? [])
          must(await services.roundtables.addAgendaItem(actor, row.id, item), 'add an agenda item');
        return room;
      },
      async logIn(page, person) {
        await logIn(page, person.email, person.password);
      },
    };
    await use(make);
    // Clean up what this test made: its rooms are archived and its people can no longer sign in.
    for (const room of rooms) await services.roundtables.setStatus(admin, room.id, 'archived');
    for (const person of people) await services.accounts.setUserDisabled(admin, person.userId, true);
  },
});
