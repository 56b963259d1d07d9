import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { SelectField } from '../components/field';
import { Pagination } from '../components/pagination';
import { PublishedRecommendation } from '../components/recommendations';
import { can } from '../../services/permissions';
import { useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.civilSocietyRecommendations');

/*
 * Public: the recommendations the Secretariat published, newest first, optionally those on one published cycle.
 * Nothing pending, declined or withdrawn ever reaches this page: the service reads published ones only.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const cycleId = url.searchParams.get('cycle') || null;
  const [list, cycles] = await Promise.all([
    context.services.recommendations.publicList({ cycleId, page: url.searchParams.get('page') }),
    context.services.recommendations.publishedCycles(),
  ]);
  return {
    ...list,
    cycles,
    cycleId: cycles.some((c) => c.id === cycleId) ? cycleId : null,
    isMember: can(context.actor, { action: 'recommendation.submit' }),
  };
}

export default function PublicRecommendations() {
  const t = useT();
  const { items, total, page, pages, cycles, cycleId, isMember } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t('rec.public.title')}</h1>
      <p>{t('rec.public.intro')}</p>
      {isMember ? (
        <p>
          <Link to="/recommendations/mine">{t('rec.mine.link')}</Link> ·{' '}
          <Link to="/recommendations/new">{t('rec.new.link')}</Link>
        </p>
      ) : null}
      <p>
        <a href="/recommendations/export.csv" download>
          {t('rec.csv')}
        </a>{' '}
        ·{' '}
        <a href="/recommendations/export.json" download>
          {t('rec.json')}
        </a>
      </p>
      {cycles.length ? (
        <Form method="get" className="inline-form">
          <SelectField
            label={t('rec.filter.cycle')}
            name="cycle"
            defaultValue={cycleId ?? ''}
            placeholder={t('rec.filter.all')}
            options={cycles.map((c) => ({ value: c.id, label: c.name }))}
          />
          <button type="submit" className="secondary">
            {t('rec.filter.show')}
          </button>
        </Form>
      ) : null}
      <p className="muted" role="status">
        {t('rec.public.count', { n: total })}
      </p>
      {items.length === 0 ? (
        <p className="empty">{t(cycleId ? 'rec.public.emptyCycle' : 'rec.public.empty')}</p>
      ) : (
        items.map((r) => <PublishedRecommendation key={r.id} recommendation={r} headingLevel={2} />)
      )}
      <Pagination page={page} pageCount={pages} />
    </section>
  );
}
