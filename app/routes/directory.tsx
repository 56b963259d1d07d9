import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { ASSISTANCE_TYPES, MANDATE_NUMBERS } from '../components/assistance-vocabulary';
import { Pagination } from '../components/pagination';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.regionalCapacities');

/** Public: published offers of JSWG organizations and peer States. Drafts never reach the directory's index. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const params = url.searchParams;
  const mandate = Number(params.get('mandate')) || undefined;
  const kind = params.get('kind');
  const result = await context.services.directory.search({
    q: params.get('q') ?? undefined,
    mandate,
    type: (ASSISTANCE_TYPES as readonly string[]).includes(params.get('type') ?? '') ? params.get('type')! : undefined,
    organization: params.get('organization') || undefined,
    kind: kind === 'jswg' || kind === 'peer_state' ? kind : undefined,
    page: Number(params.get('page')) || 1,
  });
  return {
    ...result,
    entries: result.entries.map(({ offer, relevance }) => ({
      id: offer.id,
      title: offer.title,
      description: offer.description.length > 400 ? `${offer.description.slice(0, 400)}…` : offer.description,
      kind: offer.kind,
      organizationCode: offer.organizationCode,
      organizationNameEn: offer.organizationNameEn,
      organizationNameEs: offer.organizationNameEs,
      mandates: offer.mandates,
      types: offer.types,
      languages: offer.languages,
      modality: offer.modality,
      capacity: offer.capacity,
      funding: offer.funding,
      validTo: offer.validTo,
      relevance,
    })),
  };
}

export default function Directory() {
  const t = useT();
  const lang = useLang();
  const { entries, total, page, pageCount, organizations } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const filtered = ['q', 'mandate', 'type', 'organization', 'kind'].some((k) => params.get(k));
  return (
    <section>
      <h1>{t('directory.title')}</h1>
      <p>{t('directory.intro')}</p>
      <Form method="get" role="search" className="directory-filters">
        <div className="field">
          <label htmlFor="directory-q">{t('directory.search')}</label>
          <input
            id="directory-q"
            name="q"
            type="search"
            defaultValue={params.get('q') ?? ''}
            aria-describedby="directory-q-hint"
          />
          <p id="directory-q-hint" className="hint">
            {t('directory.searchHint')}
          </p>
        </div>
        <div className="inline-form">
          <label htmlFor="directory-mandate">{t('directory.mandate')}</label>
          <select id="directory-mandate" name="mandate" defaultValue={params.get('mandate') ?? ''}>
            <option value="">{t('form.all')}</option>
            {MANDATE_NUMBERS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <label htmlFor="directory-type">{t('directory.type')}</label>
          <select id="directory-type" name="type" defaultValue={params.get('type') ?? ''}>
            <option value="">{t('form.all')}</option>
            {ASSISTANCE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`coop.type.${type}`)}
              </option>
            ))}
          </select>
          <label htmlFor="directory-org">{t('field.organization')}</label>
          <select id="directory-org" name="organization" defaultValue={params.get('organization') ?? ''}>
            <option value="">{t('form.all')}</option>
            {organizations.map((o) => (
              <option key={o.code} value={o.code}>
                {lang === 'es' ? o.nameEs : o.nameEn}
              </option>
            ))}
          </select>
          <label htmlFor="directory-kind">{t('directory.kind')}</label>
          <select id="directory-kind" name="kind" defaultValue={params.get('kind') ?? ''}>
            <option value="">{t('form.all')}</option>
            <option value="jswg">{t('directory.kind.jswg')}</option>
            <option value="peer_state">{t('directory.kind.peer_state')}</option>
          </select>
          <button type="submit">{t('search.submit')}</button>
          {filtered ? <Link to="/directory">{t('mandates.clear')}</Link> : null}
        </div>
      </Form>
      <p role="status">
        {total ? t('directory.count', { n: total }) : filtered ? t('directory.noResults') : t('directory.empty')}
      </p>
      <ul className="directory-list">
        {entries.map((entry) => (
          <li key={entry.id} className="card">
            <h2>
              <Link to={`/cooperation/offers/${entry.id}`}>{entry.title}</Link>
            </h2>
            <p className="muted">
              {lang === 'es' ? entry.organizationNameEs : entry.organizationNameEn} ·{' '}
              {t(`directory.kind.${entry.kind}`)}
            </p>
            <p>{entry.description}</p>
            <dl className="facts">
              <dt>{t('directory.mandates')}</dt>
              <dd>{entry.mandates.join(', ')}</dd>
              <dt>{t('directory.type')}</dt>
              <dd>{entry.types.map((type) => t(`coop.type.${type}`)).join(' · ')}</dd>
              <dt>{t('directory.languages')}</dt>
              <dd>{entry.languages.map((l) => t(`coop.lang.${l as 'en' | 'es' | 'fr' | 'pt'}`)).join(', ')}</dd>
              <dt>{t('directory.modality')}</dt>
              <dd>{t(`coop.modality.${entry.modality}`)}</dd>
              <dt>{t('directory.capacity')}</dt>
              <dd>{t('directory.capacityValue', { n: entry.capacity })}</dd>
              {entry.funding ? (
                <>
                  <dt>{t('directory.funding')}</dt>
                  <dd>{entry.funding}</dd>
                </>
              ) : null}
              {entry.validTo ? (
                <>
                  <dt>{t('directory.validTo')}</dt>
                  <dd>{entry.validTo}</dd>
                </>
              ) : null}
            </dl>
          </li>
        ))}
      </ul>
      <Pagination page={page} pageCount={pageCount} />
    </section>
  );
}
