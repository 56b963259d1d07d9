import { type LoaderFunctionArgs } from '@remix-run/node';
import type { ApiResult } from '../../services/initiatives/api';
import { openDataPage } from '../utils/open-data-page.server';
import { openDataJson, readOnlyApiAction } from '../utils/open-data.server';

/**
 * GET /api/v1/results/:cycleId: the published answers of a cycle exactly as the public pages read them (every
 * non-disclosure request applied again at read time), 20 a page; filters organization, mandate, question. JSON 404
 * for a cycle that is not published.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const organization = url.searchParams.get('organization') || undefined;
  const result = await context.services.publication.publicAnswers(params.cycleId ?? '', organization);
  if (!result.ok) return openDataJson(request, { error: 'No published reporting cycle has this id.' }, 404);
  const mandate = Number(url.searchParams.get('mandate') ?? '');
  const question = url.searchParams.get('question') || undefined;
  const items: ApiResult[] = result.value.answers
    .filter((a) => !Number.isInteger(mandate) || mandate < 1 || a.mandate === mandate)
    .filter((a) => !question || a.question === question)
    .map((a) => ({
      organization: a.organizationCode,
      organization_name_en: a.organizationNameEn,
      organization_name_es: a.organizationNameEs,
      organization_kind: a.organizationKind,
      mandate: a.mandate,
      indicator: a.indicator,
      question: a.question,
      progress: a.progress,
      summary: a.summary,
      full: a.full,
      assistance_types: [...a.assistanceTypes],
      attachments: a.attachments.map((f) => ({
        file_name: f.fileName,
        media_type: f.mediaType,
        size_bytes: f.sizeBytes,
        url: `/attachments/${f.id}`,
      })),
    }));
  return openDataJson(request, openDataPage(request, items, ['organization', 'mandate', 'question']));
}

/** Read-only: any other method is the API's JSON 405. */
export const action = readOnlyApiAction;
