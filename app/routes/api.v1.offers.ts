import { type LoaderFunctionArgs } from '@remix-run/node';
import type { ApiOffer } from '../../services/initiatives/api';
import { openDataJson, readOnlyApiAction } from '../utils/open-data.server';

const KEEP = ['mandate', 'type', 'organization', 'kind'] as const;

/**
 * GET /api/v1/offers: published cooperation offers as the public directory reads them (an offer whose source answer
 * became withheld is not there, decision 014), by organization name then title, 20 a page; the directory's filters.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = (k: string) => url.searchParams.get(k) || undefined;
  const mandate = Number(q('mandate'));
  const asked = Number(q('page') ?? '1');
  const kind = q('kind');
  const found = await context.services.directory.search({
    mandate: Number.isInteger(mandate) && mandate > 0 ? mandate : undefined,
    type: q('type'),
    organization: q('organization'),
    kind: kind === 'jswg' || kind === 'peer_state' ? kind : undefined,
    page: Number.isInteger(asked) && asked >= 1 ? asked : 1,
  });
  const link = (n: number) => {
    const params = new URLSearchParams();
    for (const k of KEEP) if (q(k)) params.set(k, q(k)!);
    params.set('page', String(n));
    return `/api/v1/offers?${params}`;
  };
  const data: ApiOffer[] = found.entries.map(({ offer: o }) => ({
    id: o.id,
    title: o.title,
    description: o.description,
    organization: o.organizationCode,
    organization_name_en: o.organizationNameEn,
    organization_name_es: o.organizationNameEs,
    kind: o.kind,
    mandates: o.mandates,
    types: [...o.types],
    languages: [...o.languages],
    modality: o.modality,
    capacity: o.capacity,
    funding: o.funding,
    valid_from: o.validFrom,
    valid_to: o.validTo,
    published_at: o.publishedAt?.toISOString() ?? null,
  }));
  return openDataJson(request, {
    data,
    meta: { page: found.page, pages: found.pageCount, per_page: 20, total: found.total },
    links: {
      self: link(found.page),
      next: found.page < found.pageCount ? link(found.page + 1) : null,
      prev: found.page > 1 ? link(found.page - 1) : null,
    },
  });
}

/** Read-only: any other method is the API's JSON 405. */
export const action = readOnlyApiAction;
