import { eq } from 'drizzle-orm';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorPageText } from '../../app/error-page';
import { translate } from '../../app/i18n';
import { loader as initiativeAdmin } from '../../app/routes/admin.initiatives.$id';
import { loader as scheduleMeeting } from '../../app/routes/meetings.schedule.$roomId';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext, type Lang } from './language';

/*
 * Outside tester: two 403 reasons came in English on Spanish pages, because the routes wrote the sentence
 * themselves instead of returning the service's refusal (which the load context localizes).
 */
let handle: DatabaseHandle;
let services: Services;
let peru: Actor;
let roomId: string;

async function refusal(
  load: (args: LoaderFunctionArgs) => unknown,
  path: string,
  params: Record<string, string>,
  lang: Lang,
) {
  let thrown: unknown;
  try {
    await load({
      request: new Request(`http://localhost${path}`),
      params,
      context: routeContext(services, peru, lang),
    });
  } catch (error) {
    thrown = error;
  }
  if (!(thrown instanceof Response)) throw new Error(`${path} did not refuse`);
  expect(thrown.status).toBe(403);
  return errorPageText({ status: thrown.status, data: await thrown.text() }, (key, vars) => translate(lang, key, vars))
    .reason;
}

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  const secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  const room = await services.roundtables.create(secretariat, {
    title: 'Judicial integrity exchange',
    kind: 'working_roundtable',
    organizationIds: [await orgId('PE'), await orgId('OAS')],
  });
  if (!room.ok) throw new Error(room.message);
  roomId = room.value.id;
});
afterAll(() => handle.close());

describe('403 reasons of route guards, in the reader’s language', () => {
  it('a National Coordinator on /meetings/schedule/<room>', async () => {
    const path = `/meetings/schedule/${roomId}`;
    expect(await refusal(scheduleMeeting, path, { roomId }, 'es')).toBe(
      'Motivo: Solo la Secretaría de Cumbres y los moderadores de la mesa redonda programan videoconferencias.',
    );
    expect(await refusal(scheduleMeeting, path, { roomId }, 'en')).toBe(
      'Reason: Only the Summits Secretariat and the roundtable’s moderators schedule videoconferences.',
    );
  });

  it('a State’s member on /admin/initiatives/<id>', async () => {
    const id = '00000000-0000-4000-8000-000000000099';
    expect(await refusal(initiativeAdmin, `/admin/initiatives/${id}`, { id }, 'es')).toBe(
      'Motivo: Solo la Secretaría de Cumbres gestiona las iniciativas.',
    );
    expect(await refusal(initiativeAdmin, `/admin/initiatives/${id}`, { id }, 'en')).toBe(
      'Reason: Only the Summits Secretariat manages initiatives.',
    );
  });
});
