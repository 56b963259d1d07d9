import { eq } from 'drizzle-orm';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader as homeLoader } from '../../app/routes/_index';
import { loader as adminInitiatives } from '../../app/routes/admin.initiatives._index';
import { loader as adminMatching } from '../../app/routes/admin.matching';
import { loader as cooperation } from '../../app/routes/cooperation._index';
import { loader as directory } from '../../app/routes/directory';
import { loader as initiatives } from '../../app/routes/initiatives._index';
import { loader as mandates } from '../../app/routes/mandates._index';
import { loader as meetings } from '../../app/routes/meetings._index';
import { loader as practices } from '../../app/routes/practices._index';
import { loader as practicesMine } from '../../app/routes/practices.mine';
import { loader as questionnaire } from '../../app/routes/questionnaire._index';
import { loader as recommendations } from '../../app/routes/recommendations._index';
import { loader as results } from '../../app/routes/results._index';
import { loader as roundtables } from '../../app/routes/roundtables._index';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext } from './language';

/*
 * The home page links each reader only to pages they can open (an outside probe found every role linked to 403s):
 * every link it gives a role kind is followed here through that page's own loader, and every capability it names
 * without a link is one that page refuses.
 */
let handle: DatabaseHandle;
let services: Services;
const people = {} as Record<'state' | 'jswg' | 'civilSociety' | 'secretariat', Actor>;

const pages: Record<string, (args: LoaderFunctionArgs) => unknown> = {
  '/questionnaire': questionnaire,
  '/cooperation': cooperation,
  '/roundtables': roundtables,
  '/meetings': meetings,
  '/practices/mine': practicesMine,
  '/admin/matching': adminMatching,
  '/admin/initiatives': adminInitiatives,
  '/results': results,
  '/directory': directory,
  '/mandates': mandates,
  '/recommendations': recommendations,
  '/practices': practices,
  '/initiatives': initiatives,
};

async function orgId(code: string) {
  return (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0]
    .id;
}

async function home(actor: Actor | null) {
  const { audiences } = homeLoader({
    request: new Request('http://localhost/'),
    params: {},
    context: routeContext(services, actor),
  }) as Awaited<ReturnType<typeof homeLoader>>;
  const features = audiences.flatMap((a) => a.features);
  return {
    linked: [...new Set(features.flatMap((f) => (f.to ? [f.to] : [])))].sort(),
    unlinked: [...new Set(features.flatMap((f) => (f.to ? [] : [f.label])))].sort(),
  };
}

/** The status the page answers this reader with: 200, or the status of the Response it throws. */
async function statusOf(path: string, actor: Actor | null) {
  const load = pages[path];
  if (!load) throw new Error(`no loader listed for ${path}`);
  try {
    await load({ request: new Request(`http://localhost${path}`), params: {}, context: routeContext(services, actor) });
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  people.state = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.jswg = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
  people.civilSociety = await createActor(handle.db, 'civil_society', 'civil_society_member');
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
});
afterAll(() => handle.close());

describe('the home page’s links, per role kind', () => {
  const expected = {
    state: { refused: ['/admin/initiatives', '/admin/matching'] },
    jswg: { refused: ['/admin/initiatives', '/admin/matching'] },
    civilSociety: { refused: ['/admin/initiatives', '/admin/matching', '/cooperation', '/practices/mine'] },
    secretariat: { refused: ['/practices/mine'] },
  } as const;

  for (const kind of Object.keys(expected) as Array<keyof typeof expected>) {
    it(`links ${kind} only to pages that open for it, and names the others without a link`, async () => {
      const actor = people[kind];
      const { linked, unlinked } = await home(actor);
      for (const path of linked) expect([path, await statusOf(path, actor)]).toEqual([path, 200]);
      for (const path of expected[kind].refused) {
        expect(linked).not.toContain(path);
        expect([path, await statusOf(path, actor)]).toEqual([path, 403]);
      }
      expect(unlinked.length).toBeGreaterThan(0);
    });
  }

  it('keeps every link for anonymous readers: the public pages open, the others ask them to log in', async () => {
    const { linked, unlinked } = await home(null);
    expect(unlinked).toEqual([]);
    expect(linked).toEqual(Object.keys(pages).sort());
    for (const path of linked) {
      const status = await statusOf(path, null);
      expect([path, status]).toEqual([path, expect.toSatisfy((s: number) => s === 200 || s === 302)]);
    }
  });
});
