import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { openDataJson } from '../utils/open-data.server';

/**
 * Any other path under /api/v1: the API's own JSON 404 (`{ "error": "…" }`, open CORS, not cached, docs/api.md),
 * not the site's HTML 404 page, whatever the method.
 */
const unknownEndpoint = (request: Request) =>
  openDataJson(
    request,
    { error: 'No API endpoint at this path. The endpoints are listed at /api/v1/openapi.json.' },
    404,
  );

export const loader = ({ request }: LoaderFunctionArgs) => unknownEndpoint(request);
export const action = ({ request }: ActionFunctionArgs) => unknownEndpoint(request);
