import { type LoaderFunctionArgs } from '@remix-run/node';
import type { ApiCycle } from '../../services/initiatives/api';
import { openDataPage } from '../utils/open-data-page.server';
import { openDataJson, readOnlyApiAction } from '../utils/open-data.server';

/** GET /api/v1/results: the published reporting cycles, each with the path of its results (docs/api.md). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const cycles = await context.services.publication.publishedCycles();
  const items: ApiCycle[] = cycles.map((c) => ({
    id: c.id,
    name: c.name,
    published_at: c.publishedAt!.toISOString(),
    results: `/api/v1/results/${c.id}`,
  }));
  return openDataJson(request, openDataPage(request, items));
}

/** Read-only: any other method is the API's JSON 405. */
export const action = readOnlyApiAction;
