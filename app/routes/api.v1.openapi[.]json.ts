import { type LoaderFunctionArgs } from '@remix-run/node';
import { openDataJson, readOnlyApiAction } from '../utils/open-data.server';

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document of the open-data API, generated from the response schemas. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return openDataJson(request, context.services.initiativesPublic.openApi());
}

/** Read-only: any other method is the API's JSON 405. */
export const action = readOnlyApiAction;
