import { type LoaderFunctionArgs } from '@remix-run/node';
import { openDataJson, readOnlyApiAction } from '../utils/open-data.server';

/** GET /api/v1/initiatives: published initiatives, the registry's filters, 20 a page (docs/api.md). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = Object.fromEntries(
    ['mandate', 'organization', 'form', 'status', 'year', 'page'].map((k) => [k, url.searchParams.get(k) ?? undefined]),
  );
  return openDataJson(request, await context.services.initiativesPublic.apiList(query));
}

/** Read-only: any other method is the API's JSON 405. */
export const action = readOnlyApiAction;
