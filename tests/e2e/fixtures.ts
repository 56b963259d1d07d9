// Playwright fixtures that make each spec's own data through the services, against the database the server under
// test uses (tests/e2e/database.mjs, docs/decisions/029): people invited into an organization and signed up the way
// an invitation is accepted, roundtables convened by the Secretariat, assistance requests and cooperation offers
// posted by their organizations' people, matches the Secretariat proposes, and registration cycles. Names are unique
// per test, so specs run in parallel on several workers and in any order; what a test made is closed, withdrawn or
// disabled after it.
//
// The server keeps its matching rankings in memory and hears only the changes made through it: a request or offer
// made here is not on its brokering board until it rebuilds them. A spec that reads the board posts through the pages.
import { randomBytes } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';
import { and, eq, inArray } from 'drizzle-orm';
import { createDatabase, type DatabaseHandle } from '../../db/client';
import { initiativeLinks, meetings, organizations, users } from '../../db/schema';
import type { AssistanceTypeValue, Role } from '../../db/schema';
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

/** A request or an offer a test posted through the services. */
export interface Item {
  id: string;
  url: string;
  title: string;
  by: Person;
}

export interface ItemOptions {
  title?: string;
  description?: string;
  mandates?: number[];
  types?: AssistanceTypeValue[];
  languages?: Array<'en' | 'es' | 'fr' | 'pt'>;
  modality?: 'in_person' | 'virtual' | 'either';
  /** Published (the default) or left a draft. */
  publish?: boolean;
}

export interface Match {
  id: string;
  url: string;
  request: Item;
  offer: Item;
}

export interface Cycle {
  id: string;
  name: string;
}

/** A cooperation initiative a test created from one of its confirmed matches. */
export interface Initiative {
  id: string;
  /** Its page (the public story once published; the record for the Secretariat and the participants' people). */
  url: string;
  title: string;
  match: Match;
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
  /** An assistance request of `by`'s State (a focal point publishes; anyone of the State may draft). */
  request(by: Person, options?: ItemOptions): Promise<Item>;
  /** A cooperation offer of `by`'s organization, with `capacity` places (2 by default). */
  offer(by: Person, options?: ItemOptions & { capacity?: number }): Promise<Item>;
  /** A match of a published request and offer, proposed by the Secretariat staff member of this test. */
  match(request: Item, offer: Item, options?: { note?: string }): Promise<Match>;
  /**
   * A reporting cycle created by the Secretariat staff member of this test, open now unless said otherwise. A cycle
   * is every organization's, so its name carries the tag; the services cannot delete one, so it stays.
   */
  cycle(options?: {
    name?: string;
    kind?: 'registration' | 'update';
    previousCycleId?: string;
    opensAt?: Date;
    closesAt?: Date;
    publishesAt?: Date;
  }): Promise<Cycle>;
  /**
   * Both sides accept the match, through the request's and the offer's posters (focal points), so it is confirmed;
   * its roundtable is open when this returns (convened by the Secretariat staff member who proposed the match).
   */
  confirm(match: Match): Promise<Room>;
  /**
   * An initiative the Secretariat staff member of this test creates from a confirmed match in one click, published
   * unless said otherwise. Afterwards every initiative grown from this test's matches is unpublished.
   */
  initiative(match: Match, options?: { publish?: boolean }): Promise<Initiative>;
  /** External funding the Secretariat records on an initiative; the focal points in `agreedBy` agree to publish it. */
  funding(
    initiative: Initiative,
    options: { source: string; amount?: number; currency?: string; agreedBy?: Person[] },
  ): Promise<{ id: string }>;
  /**
   * An outcome the Secretariat logs; the focal points in `agreedBy` agree to it, and it is published when `publish`
   * is set (which needs every participant's agreement).
   */
  outcome(
    initiative: Initiative,
    options: { text: string; figures?: string; agreedBy?: Person[]; publish?: boolean },
  ): Promise<{ id: string; seriesId: string }>;
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

  // Every page of a test's own context reports Content-Security-Policy violations (decision 037), across
  // navigations; a test that ends with any fails, so each spec also checks that its pages run under the policy.
  // A test that provokes one on purpose does it in a context of its own (tests/e2e/csp.spec.ts).
  context: async ({ context }, use) => {
    const violations: string[] = [];
    await context.exposeBinding('__minkaCspViolation', (_source, text: string) => void violations.push(text));
    await context.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { __minkaCspViolation(text: string): void }).__minkaCspViolation(
          `${event.violatedDirective} ${event.blockedURI || '(inline)'} on ${location.pathname}`,
        ),
      ),
    );
    await use(context);
    expect(violations, 'Content-Security-Policy violations in this test’s pages').toEqual([]);
  },

  make: async ({ world }, use) => {
    const { services, admin } = world;
    const tag = unique();
    const people: Person[] = [];
    const rooms: Room[] = [];
    const requests: Item[] = [];
    const offers: Item[] = [];
    const matches: Match[] = [];
    const matchRooms: Room[] = [];
    let count = 0;
    let convener: Person | undefined;
    const secretariat = async () => (convener ??= await make.person('SUMMITS-SECRETARIAT', 'secretariat_staff'));
    const actorOf = async (person: Person) => {
      const actor = await loadActor(world.db, person.userId);
      if (!actor) throw new Error(`${person.email} cannot act.`);
      return actor;
    };
    const fields = (kind: string, options: ItemOptions) => ({
      title: options.title ?? `E2E ${kind} ${tag}-${requests.length + offers.length + 1}`,
      description:
        options.description ??
        `An end-to-end test's ${kind} (${tag}): legislative assistance on the protection of whistleblowers.`,
      mandates: options.mandates ?? [12],
      types: options.types ?? ['legislative'],
      languages: options.languages ?? ['es', 'en'],
      modality: options.modality ?? 'either',
    });
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
        const by = options.convener ?? (await secretariat());
        const actor = await actorOf(by);
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
      async request(by, options = {}) {
        const input = fields('request', options);
        const view = must(
          await services.requests.create(await actorOf(by), input, { publish: options.publish ?? true }),
          'post the request',
        );
        const item = { id: view.id, url: `/cooperation/requests/${view.id}`, title: input.title, by };
        requests.push(item);
        return item;
      },
      async offer(by, options = {}) {
        const input = { ...fields('offer', options), capacity: options.capacity ?? 2 };
        const view = must(
          await services.offers.create(await actorOf(by), input, { publish: options.publish ?? true }),
          'post the offer',
        );
        const item = { id: view.id, url: `/cooperation/offers/${view.id}`, title: input.title, by };
        offers.push(item);
        return item;
      },
      async match(request, offer, options = {}) {
        // This worker's rankings have not heard of what the server wrote since they were built.
        await services.matching.recomputeAll();
        const view = must(
          await services.brokering.propose(await actorOf(await secretariat()), {
            requestId: request.id,
            candidateId: offer.id,
            note: options.note,
          }),
          'propose the match',
        );
        const match = { id: view.id, url: `/matches/${view.id}`, request, offer };
        matches.push(match);
        return match;
      },
      async cycle(options = {}) {
        const hour = 60 * 60 * 1000;
        const opensAt = options.opensAt ?? new Date(Date.now() - hour);
        const closesAt = options.closesAt ?? new Date(opensAt.getTime() + 30 * 24 * hour);
        const name = options.name ?? `E2E cycle ${tag}`;
        const row = must(
          await services.registration.createCycle(await actorOf(await secretariat()), {
            name,
            kind: options.kind ?? 'registration',
            previousCycleId: options.previousCycleId,
            opensAt,
            closesAt,
            publishesAt: options.publishesAt ?? new Date(closesAt.getTime() + 24 * hour),
            timeZone: 'America/Lima',
          }),
          'create the cycle',
        );
        return { id: row.id, name };
      },
      async confirm(match) {
        for (const side of [match.request.by, match.offer.by])
          must(
            await services.brokering.decide(await actorOf(side), match.id, { decision: 'accepted' }),
            'accept the match',
          );
        // The confirmation opens the room in the background (services/subscriptions.ts); this waits for it (a room
        // already opened is returned as it is).
        const row = must(await services.roundtables.openForMatch(match.id), 'open the roundtable of the match');
        const room = { id: row.id, url: `/roundtables/${row.id}`, title: row.title, convener: await secretariat() };
        rooms.push(room);
        matchRooms.push(room);
        return room;
      },
      async initiative(match, options = {}) {
        const actor = await actorOf(await secretariat());
        const view = must(await services.initiatives.createFromMatch(actor, match.id), 'create the initiative');
        if (options.publish ?? true) must(await services.initiatives.setPublished(actor, view.id, true), 'publish it');
        return { id: view.id, url: `/initiatives/${view.id}`, title: view.title, match };
      },
      async funding(initiative, options) {
        const view = must(
          await services.initiatives.addFunding(await actorOf(await secretariat()), initiative.id, {
            source: options.source,
            amount: options.amount ?? 1000,
            currency: options.currency ?? 'USD',
          }),
          'record the funding',
        );
        const funding = view.funding.find((f) => f.source === options.source)!;
        for (const person of options.agreedBy ?? [])
          must(await services.initiatives.agreeFunding(await actorOf(person), funding.id), 'agree to the funding');
        return { id: funding.id };
      },
      async outcome(initiative, options) {
        const secretariatActor = await actorOf(await secretariat());
        const row = must(
          await services.initiatives.logOutcome(secretariatActor, initiative.id, {
            text: options.text,
            figures: options.figures ?? '',
          }),
          'log the outcome',
        );
        for (const person of options.agreedBy ?? [])
          must(await services.initiatives.agreeOutcome(await actorOf(person), row.id), 'agree to the outcome');
        if (options.publish)
          must(await services.initiatives.publishOutcome(secretariatActor, row.id), 'publish the outcome');
        return { id: row.id, seriesId: row.seriesId };
      },
      async logIn(page, person) {
        await logIn(page, person.email, person.password);
      },
    };
    await use(make);
    // Clean up what this test made: the initiatives grown from its matches are unpublished (whether made here or
    // through the pages), the meetings scheduled in its matches' rooms cancelled, its matches, requests and offers
    // withdrawn (those the test has not settled itself; a confirmed match stays), its rooms archived, and its people
    // can no longer sign in.
    const grown = matches.length
      ? await world.db
          .selectDistinct({ id: initiativeLinks.initiativeId })
          .from(initiativeLinks)
          .where(
            inArray(
              initiativeLinks.matchId,
              matches.map((m) => m.id),
            ),
          )
      : [];
    for (const { id } of grown) await services.initiatives.setPublished(admin, id, false);
    const scheduled = matchRooms.length
      ? await world.db
          .select({ id: meetings.id })
          .from(meetings)
          .where(
            and(
              inArray(
                meetings.roundtableId,
                matchRooms.map((r) => r.id),
              ),
              eq(meetings.status, 'scheduled'),
            ),
          )
      : [];
    for (const { id } of scheduled) await services.videoconferences.cancel(admin, id);
    for (const match of matches) await services.brokering.withdraw(admin, match.id, `End of the e2e test ${tag}.`);
    for (const item of requests) await services.requests.withdraw(admin, item.id);
    for (const item of offers) await services.offers.withdraw(admin, item.id);
    for (const room of rooms) await services.roundtables.setStatus(admin, room.id, 'archived');
    for (const person of people) await services.accounts.setUserDisabled(admin, person.userId, true);
  },
});
