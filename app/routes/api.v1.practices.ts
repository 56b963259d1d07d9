import { type LoaderFunctionArgs } from '@remix-run/node';
import type { ApiPractice } from '../../services/initiatives/api';
import { openDataPage } from '../utils/open-data-page.server';
import { openDataJson, readOnlyApiAction } from '../utils/open-data.server';

/**
 * GET /api/v1/practices: the published good practices exactly as their open-data export gives them
 * (docs/practices-export.md: the same records as /practices/export.json), 20 a page.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const exported = JSON.parse(await context.services.practices.exportPublished('json')) as { practices: ApiPractice[] };
  return openDataJson(request, openDataPage(request, exported.practices));
}

/** Read-only: any other method is the API's JSON 405. */
export const action = readOnlyApiAction;
