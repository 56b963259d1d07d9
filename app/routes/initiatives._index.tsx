import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { Field, SelectField } from '../components/field';
import { InitiativeChart } from '../components/initiative-chart';
import {
  formKey,
  INITIATIVE_FORMS,
  INITIATIVE_STATUSES,
  InitiativeStatusBadge,
  MANDATE_CHOICES,
  ParticipantList,
  statusKey,
} from '../components/initiative-parts';
import { Pagination } from '../components/pagination';
import { can } from '../../services/permissions';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.cooperationInitiatives');

export const links = () => [
  {
    rel: 'alternate',
    type: 'application/atom+xml',
    href: '/initiatives.atom',
    title: 'Minka: cooperation initiatives and outcomes',
  },
];

/*
 * Public registry of cooperation initiatives (issue 19): "All cooperation initiatives and their outcomes will be
 * registered on the Eighth Summit of the Americas web page" (Mechanism, Phase 3). Published initiatives only; the
 * service never reads anything else for this page.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = (name: string) => url.searchParams.get(name) ?? undefined;
  const [registry, organizations] = await Promise.all([
    context.services.initiativesPublic.registry({
      mandate: q('mandate'),
      organization: q('organization'),
      form: q('form'),
      status: q('status'),
      year: q('year'),
      page: q('page'),
    }),
    context.services.initiativesPublic.organizationChoices(),
  ]);
  return {
    ...registry,
    organizations,
    canManage: can(context.actor, { action: 'initiative.record' }),
    // The yearly summary of the year filtered on, else of this year.
    summaryYear: registry.filters.year ?? new Date().getUTCFullYear(),
  };
}

export default function InitiativesRegistry() {
  const t = useT();
  const lang = useLang();
  const { items, total, page, pages, filters, counts, organizations, canManage, summaryYear } =
    useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t('ini.public.title')}</h1>
      <p>{t('ini.public.intro')}</p>
      {canManage ? (
        <p>
          <Link to="/admin/initiatives">{t('ini.manage.link')}</Link>
        </p>
      ) : null}
      <p>
        <a href="/initiatives/export.csv" download>
          {t('ini.csv')}
        </a>{' '}
        ·{' '}
        <a href="/initiatives/export.json" download>
          {t('ini.json')}
        </a>{' '}
        · <a href="/initiatives.atom">{t('ini.feed.link')}</a> ·{' '}
        <Link to={`/initiatives/summary/${summaryYear}`}>{t('ini.summary.link')}</Link>
      </p>
      <Form method="get" className="inline-form filters" aria-label={t('ini.filter.label')}>
        <SelectField
          label={t('ini.filter.mandate')}
          name="mandate"
          defaultValue={filters.mandate ? String(filters.mandate) : ''}
          placeholder={t('ini.filter.all')}
          options={MANDATE_CHOICES.map((n) => ({ value: String(n), label: String(n) }))}
        />
        <SelectField
          label={t('ini.filter.organization')}
          name="organization"
          defaultValue={filters.organization ?? ''}
          placeholder={t('ini.filter.all')}
          options={organizations.map((o) => ({
            value: o.code,
            label: (lang === 'es' ? o.nameEs : o.nameEn) || o.nameEn,
          }))}
        />
        <SelectField
          label={t('ini.filter.form')}
          name="form"
          defaultValue={filters.form ?? ''}
          placeholder={t('ini.filter.all')}
          options={INITIATIVE_FORMS.map((f) => ({ value: f, label: t(formKey(f)) }))}
        />
        <SelectField
          label={t('ini.filter.status')}
          name="status"
          defaultValue={filters.status ?? ''}
          placeholder={t('ini.filter.all')}
          options={INITIATIVE_STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }))}
        />
        <Field
          label={t('ini.filter.year')}
          name="year"
          type="number"
          min={1990}
          max={2200}
          defaultValue={filters.year ? String(filters.year) : ''}
        />
        <button type="submit" className="secondary">
          {t('ini.filter.show')}
        </button>
      </Form>
      <p className="muted" role="status">
        {t('ini.public.count', { n: total })}
      </p>
      {total > 0 ? (
        <div className="charts">
          <InitiativeChart
            title={t('ini.chart.byStatus')}
            labelHeading={t('ini.field.status')}
            bars={counts.byStatus.map((s) => ({ label: t(statusKey(s.status)), n: s.n }))}
          />
          <InitiativeChart
            title={t('ini.chart.byForm')}
            labelHeading={t('ini.filter.form')}
            bars={counts.byForm.map((f) => ({ label: t(formKey(f.form)), n: f.n }))}
          />
          {counts.bySection.length ? (
            <InitiativeChart
              title={t('ini.chart.bySection')}
              labelHeading={t('ini.chart.section')}
              bars={counts.bySection.map((s) => ({
                label:
                  s.section === '—' ? t('ini.chart.noSection') : t('ini.chart.sectionLabel', { section: s.section }),
                n: s.n,
              }))}
            />
          ) : null}
        </div>
      ) : null}
      {items.length === 0 ? <p className="empty">{t('ini.public.empty')}</p> : null}
      {items.map((i) => (
        <article key={i.id} className="card initiative" aria-labelledby={`ini-${i.id}`}>
          <h2 id={`ini-${i.id}`}>
            <Link to={`/initiatives/${i.id}`}>{i.title}</Link>
          </h2>
          <p>
            <InitiativeStatusBadge status={i.status} /> {i.forms.map((f) => t(formKey(f))).join(', ')}
            {i.startsOn ? ` · ${t('ini.period', { from: i.startsOn, to: i.endsOn ?? '…' })}` : ''}
          </p>
          {i.mandates.length ? <p className="muted">{t('ini.mandates', { list: i.mandates.join(', ') })}</p> : null}
          <ParticipantList participants={i.participants} />
        </article>
      ))}
      <Pagination page={page} pageCount={pages} />
    </section>
  );
}
