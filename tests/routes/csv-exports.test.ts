import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader as initiativesCsv } from '../../app/routes/initiatives.export[.]csv';
import { loader as practicesCsv } from '../../app/routes/practices.export[.]csv';
import { loader as recommendationsCsv } from '../../app/routes/recommendations.export[.]csv';
import type { DatabaseHandle } from '../../db/client';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { routeContext } from './language';

let handle: DatabaseHandle;
let services: Services;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
}, 180_000);
afterAll(() => handle.close());

type CsvLoader = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;

async function download(loader: CsvLoader, path: string) {
  const response = (await loader({
    request: new Request(`http://localhost${path}`),
    params: {},
    context: routeContext(services, null, 'es'),
  })) as Response;
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe('every public CSV download (issue 15, item 5)', () => {
  const exports: Array<[string, CsvLoader, string]> = [
    ['initiatives', initiativesCsv as unknown as CsvLoader, '/initiatives/export.csv'],
    ['recommendations', recommendationsCsv as unknown as CsvLoader, '/recommendations/export.csv'],
    ['good practices', practicesCsv as unknown as CsvLoader, '/practices/export.csv'],
  ];
  it.each(exports)(
    '%s: a byte-order mark for spreadsheets; ?headers=machine gives the same bytes without it',
    async (_name, loader, path) => {
      const people = await download(loader, path);
      expect(people.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(people.response.headers.get('content-disposition')).toMatch(/^attachment; filename="minka-.+\.csv"$/);
      expect([...people.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const machine = await download(loader, `${path}?headers=machine`);
      expect(machine.bytes[0]).not.toBe(0xef);
      expect([...machine.bytes]).toEqual([...people.bytes.slice(3)]);
      // A header row in either case: the mark is the only difference.
      expect(new TextDecoder().decode(machine.bytes).split('\r\n')[0].length).toBeGreaterThan(0);
    },
  );
});
