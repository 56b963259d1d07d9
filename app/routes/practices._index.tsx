import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { can } from '../../services/permissions';
import { Field, SelectField } from '../components/field';
import { Pagination } from '../components/pagination';
import { PracticeFormNotice } from '../components/practice-form';
import type { MessageKey } from '../i18n';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.goodPractices');

const FACETS = ['mandate', 'section', 'subject', 'organization', 'assistanceType'] as const;

/*
 * The public base of good practices: search tolerant of accents and typos, facets with counts, 20 per page. Only
 * published practices, as the public may read them (the service leaves out anything a State asked to withhold).
 * Ordered by relevance or alphabetically, never by State.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const get = (k: string) => url.searchParams.get(k);
  const result = await context.services.practices.search({
    q: get('q'),
    mandate: get('mandate'),
    section: get('section'),
    subject: get('subject'),
    organization: get('organization'),
    assistanceType: get('assistanceType'),
    page: get('page'),
  });
  const actor = context.actor;
  const drafts = !!actor && can(actor, { action: 'practice.draft', organizationId: actor.organizationId });
  return {
    ...result,
    items: result.items.map((p) => ({
      id: p.id,
      title: p.title,
      summary: p.texts.summary.slice(0, 400),
      organizationNameEn: p.organizationNameEn,
      organizationNameEs: p.organizationNameEs,
      mandates: p.mandates.map((m) => m.number),
      publishedAt: p.publishedAt?.toISOString().slice(0, 10) ?? '',
    })),
    drafts,
    isSecretariat: can(actor, { action: 'practice.consolidate' }),
  };
}

export default function PublicPractices() {
  const t = useT();
  const lang = useLang();
  const { q, order, total, page, pages, chosen, facets, organizations, items, drafts, isSecretariat } =
    useLoaderData<typeof loader>();
  const label = (facet: (typeof FACETS)[number], value: string) => {
    if (facet === 'mandate') return t('pr.mandateN', { n: value });
    if (facet === 'section') return t('pr.sectionN', { code: value });
    if (facet === 'subject') return t(`pr.subject.${value}` as MessageKey);
    if (facet === 'assistanceType') return t(`coop.type.${value}` as MessageKey);
    const org = organizations[value];
    return org ? (lang === 'es' ? org.es : org.en) : value;
  };
  const filtered = !!q || FACETS.some((f) => chosen[f]);
  return (
    <section>
      <h1>{t('pr.public.title')}</h1>
      <p>{t('pr.public.intro')}</p>
      <PracticeFormNotice />
      <p>
        {drafts ? (
          <>
            <Link to="/practices/mine">{t('pr.mine.title')}</Link> ·{' '}
          </>
        ) : null}
        {isSecretariat ? (
          <>
            <Link to="/admin/practices">{t('nav.consolidatePractices')}</Link> ·{' '}
          </>
        ) : null}
        <a href="/practices/export.csv" download>
          {t('pr.csv')}
        </a>{' '}
        ·{' '}
        <a href="/practices/export.json" download>
          {t('pr.json')}
        </a>
      </p>
      <p className="muted">{t('pr.exportNote')}</p>
      <p>
        <Link to="/practices/capacities">{t('pr.cap.link')}</Link> ·{' '}
        <Link to="/practices/challenges">{t('ch.list.title')}</Link>
      </p>
      <Form method="get" role="search" aria-label={t('pr.public.search')} className="facet-form">
        <Field
          label={t('pr.public.search')}
          name="q"
          type="search"
          defaultValue={q}
          hint={t('pr.public.searchHint')}
          maxLength={200}
        />
        {FACETS.map((f) => (
          <SelectField
            key={f}
            label={t(`pr.facet.${f}` as MessageKey)}
            name={f}
            defaultValue={chosen[f]}
            placeholder={t('pr.public.all')}
            options={facets[f].map((o) => ({ value: o.value, label: `${label(f, o.value)} (${o.count})` }))}
          />
        ))}
        <button type="submit">{t('pr.public.show')}</button>
      </Form>
      <p className="muted" role="status">
        {t('pr.public.count', { n: total })} ·{' '}
        {t(order === 'relevance' ? 'pr.public.orderRelevance' : 'pr.public.orderAlphabetical')}
      </p>
      {items.length === 0 ? (
        <p className="empty">{t(filtered ? 'pr.public.noResults' : 'pr.public.empty')}</p>
      ) : (
        <ul className="practice-list">
          {items.map((p) => (
            <li key={p.id}>
              <h2>
                <Link to={`/practices/${p.id}`}>{p.title}</Link>
              </h2>
              <p className="muted">
                {t('pr.by', { organization: lang === 'es' ? p.organizationNameEs : p.organizationNameEn })} ·{' '}
                {p.mandates.map((n) => t('pr.mandateN', { n })).join(', ')} ·{' '}
                {t('pr.publishedOn', { date: p.publishedAt })}
              </p>
              <p>{p.summary}</p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pages} />
    </section>
  );
}
