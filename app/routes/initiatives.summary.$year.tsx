import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Figures, formKey, statusKey } from '../components/initiative-parts';
import { CountBarChart } from '../components/count-bar-chart';
import { reportPrintLinks } from '../components/practice-report-chart';
import { notFoundResponse } from '../utils/auth.server';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

// The bars and the print layout (decision 037: a linked stylesheet, no inline <style>).
export const links = reportPrintLinks;

export const meta: MetaFunction<typeof loader> = (args) =>
  args.data
    ? pageTitle(args, 'title.initiativesInYear', { year: args.data.year })
    : pageTitle(args, 'title.yearlySummary');

/*
 * The yearly summary of cooperation initiatives and outcomes for the report to the Summit (issue 19): counts by
 * section of the commitment and by form of cooperation, drawn as the report on challenges draws its charts, with
 * the lists they count; printable (the same print stylesheet) and as CSV. Published data only: the service never
 * reads an unpublished initiative, an unpublished or withheld outcome.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const summary = await context.services.initiativesPublic.yearSummary(params.year ?? '');
  if (!summary) throw notFoundResponse('There is no summary for this year.');
  return summary;
}

export default function InitiativesYearSummary() {
  const t = useT();
  const lang = useLang();
  const s = useLoaderData<typeof loader>();
  const section = (key: string) =>
    key === '—' ? t('ini.chart.noSection') : t('ini.chart.sectionLabel', { section: key });
  const name = (p: { nameEn: string; nameEs: string }) => (lang === 'es' ? p.nameEs : p.nameEn) || p.nameEn;
  return (
    <article className="initiatives-summary">
      <p className="no-print">
        <Link to="/initiatives">← {t('ini.public.title')}</Link>
      </p>
      <h1>{t('ini.summary.title', { year: s.year })}</h1>
      <p>{t('ini.summary.intro')}</p>
      <p className="no-print">
        <a href={`/initiatives/summary/${s.year}/export.csv`} download>
          {t('ini.summary.csv')}
        </a>{' '}
        ·{' '}
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('ini.summary.print')}
        </button>
      </p>
      {s.otherYears.length ? (
        <nav className="no-print" aria-label={t('ini.summary.otherYears')}>
          {t('ini.summary.otherYears')}:{' '}
          {s.otherYears.map((y, i) => (
            <span key={y}>
              {i > 0 ? ' · ' : null}
              <Link to={`/initiatives/summary/${y}`}>{y}</Link>
            </span>
          ))}
        </nav>
      ) : null}
      <p>
        <strong>{t('ini.summary.totals', { initiatives: s.initiatives.total, outcomes: s.outcomes.total })}</strong>
      </p>

      <section aria-labelledby="summary-initiatives">
        <h2 id="summary-initiatives">{t('ini.summary.initiatives')}</h2>
        <CountBarChart
          headingLevel={3}
          id="chart-initiatives-section"
          title={t('ini.chart.bySection')}
          countHeading={t('ini.chart.count')}
          empty={t('ini.summary.none')}
          rows={s.initiatives.bySection.map((r) => ({ key: r.key, label: section(r.key), n: r.n }))}
        />
        <CountBarChart
          headingLevel={3}
          id="chart-initiatives-form"
          title={t('ini.chart.byForm')}
          countHeading={t('ini.chart.count')}
          empty={t('ini.summary.none')}
          rows={s.initiatives.byForm.map((r) => ({ key: r.key, label: t(formKey(r.key)), n: r.n }))}
        />
        <CountBarChart
          headingLevel={3}
          id="chart-initiatives-status"
          title={t('ini.chart.byStatus')}
          countHeading={t('ini.chart.count')}
          empty={t('ini.summary.none')}
          rows={s.initiatives.byStatus.map((r) => ({ key: r.key, label: t(statusKey(r.key)), n: r.n }))}
        />
        {s.initiatives.items.length === 0 ? (
          <p className="empty">{t('ini.summary.noInitiatives')}</p>
        ) : (
          <ul>
            {s.initiatives.items.map((i) => (
              <li key={i.id}>
                <Link to={`/initiatives/${i.id}`}>{i.title}</Link> — {t(statusKey(i.status))};{' '}
                {i.forms.map((f) => t(formKey(f))).join(', ')}
                {i.startsOn ? `; ${t('ini.period', { from: i.startsOn, to: i.endsOn ?? '…' })}` : ''}
                {i.mandates.length ? `; ${t('ini.mandates', { list: i.mandates.join(', ') })}` : ''}.{' '}
                <span className="muted">{i.participants.map(name).join(', ')}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="summary-outcomes">
        <h2 id="summary-outcomes">{t('ini.summary.outcomes')}</h2>
        <CountBarChart
          headingLevel={3}
          id="chart-outcomes-section"
          title={t('ini.summary.outcomesBySection')}
          countHeading={t('ini.summary.outcomeCount')}
          empty={t('ini.summary.none')}
          rows={s.outcomes.bySection.map((r) => ({ key: r.key, label: section(r.key), n: r.n }))}
        />
        <CountBarChart
          headingLevel={3}
          id="chart-outcomes-form"
          title={t('ini.summary.outcomesByForm')}
          countHeading={t('ini.summary.outcomeCount')}
          empty={t('ini.summary.none')}
          rows={s.outcomes.byForm.map((r) => ({ key: r.key, label: t(formKey(r.key)), n: r.n }))}
        />
        {s.outcomes.items.length === 0 ? (
          <p className="empty">{t('ini.summary.noOutcomes')}</p>
        ) : (
          <ul>
            {s.outcomes.items.map((o) => (
              <li key={o.id}>
                <Link to={`/initiatives/${o.initiativeId}`}>{o.initiativeTitle}</Link> ({o.on}):{' '}
                <span className="prewrap">{o.text}</span>
                <Figures figures={o.figures} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
