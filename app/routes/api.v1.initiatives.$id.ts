import { type LoaderFunctionArgs } from '@remix-run/node';
import { openDataJson, readOnlyApiAction } from '../utils/open-data.server';

/** GET /api/v1/initiatives/:id: one published initiative; 404 (JSON) for anything else, unpublished included. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const item = await context.services.initiativesPublic.apiItem(params.id ?? '');
  if (!item) return openDataJson(request, { error: 'No published initiative has this id.' }, 404);
  return openDataJson(request, item);
}

/** Read-only: any other method is the API's JSON 405. */
export const action = readOnlyApiAction;
