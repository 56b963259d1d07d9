import { type LoaderFunctionArgs } from '@remix-run/node';
import type { ApiMandate } from '../../services/initiatives/api';
import { openDataPage } from '../utils/open-data-page.server';
import { openDataJson, readOnlyApiAction } from '../utils/open-data.server';

/** GET /api/v1/mandates: the mandates of a commitment (the public catalogue, as /mandates shows it), 20 a page (docs/api.md). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const commitment = new URL(request.url).searchParams.get('commitment') || undefined;
  const result = await context.services.catalogue.getCatalogue(commitment);
  if (!result.ok) return openDataJson(request, { error: 'No commitment has this code.' }, 404);
  const code = result.value.commitment.code;
  const items: ApiMandate[] = [...result.value.mandates]
    .sort((a, b) => a.number - b.number)
    .map((m) => ({
      commitment: code,
      number: m.number,
      section: m.sectionCode,
      section_certainty: m.sectionCertainty,
      text_en: m.textEn,
      text_es: m.textEs,
      text_status_en: m.textStatusEn,
      text_status_es: m.textStatusEs,
      note_en: m.note,
      note_es: m.noteEs,
      sources: [...m.sources],
    }));
  return openDataJson(request, openDataPage(request, items, ['commitment']));
}

/** Read-only: any other method is the API's JSON 405. */
export const action = readOnlyApiAction;
