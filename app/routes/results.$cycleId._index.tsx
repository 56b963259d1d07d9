import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { throwFailure } from '../utils/auth.server';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'title.publishedProgress', args.data?.cycle.name);

const LEVELS = ['A', 'B', 'C', 'D'] as const;

/**
 * Public: per mandate, how many organizations reported each progress level. The Mechanism forbids comparing or
 * ranking States: the chart shows counts per level, names nobody, and organizations are listed alphabetically.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const distribution = await context.services.publication.distribution(params.cycleId ?? '');
  if (!distribution.ok) throwFailure(distribution);
  const { cycle, mandates, organizations } = distribution.value;
  return { cycle: { id: cycle.id, name: cycle.name }, mandates, organizations };
}

export default function CycleResults() {
  const t = useT();
  const lang = useLang();
  const { cycle, mandates, organizations } = useLoaderData<typeof loader>();
  const collator = new Intl.Collator(lang);
  const sorted = [...organizations].sort((a, b) =>
    collator.compare(lang === 'es' ? a.nameEs : a.nameEn, lang === 'es' ? b.nameEs : b.nameEn),
  );
  return (
    <section>
      <p>
        <Link to="/results">← {t('results.title')}</Link>
      </p>
      <h1>{cycle.name}</h1>
      <p>{t('results.noRanking')}</p>
      <p>
        <a href={`/results/${cycle.id}/export.csv`} download>
          {t('results.csv')}
        </a>{' '}
        ·{' '}
        <a href={`/results/${cycle.id}/export.json`} download>
          {t('results.json')}
        </a>
      </p>
      <h2>{t('results.distribution')}</h2>
      <p className="legend">
        {LEVELS.map((level) => (
          <span key={level} className={`swatch level-${level}`}>
            {level}: {t(`results.level.${level}`)}
          </span>
        ))}
      </p>
      {mandates.length === 0 ? <p className="muted">{t('results.noLevels')}</p> : null}
      <table className="distribution">
        <caption className="visually-hidden">{t('results.distribution')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.mandate')}</th>
            <th scope="col">{t('results.chart')}</th>
            {LEVELS.map((level) => (
              <th scope="col" key={level}>
                {level}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {mandates.map(({ mandate, counts }) => {
            const total = LEVELS.reduce((sum, l) => sum + counts[l], 0);
            return (
              <tr key={mandate}>
                <th scope="row">
                  <Link
                    to={`/results/${cycle.id}/mandates/${mandate}`}
                    aria-label={t('resultsMandate.link', { n: mandate })}
                  >
                    {mandate}
                  </Link>
                </th>
                <td>
                  <div
                    className="stacked"
                    role="img"
                    aria-label={t('results.barLabel', { mandate, A: counts.A, B: counts.B, C: counts.C, D: counts.D })}
                  >
                    {LEVELS.map((level) =>
                      counts[level] ? (
                        <span
                          key={level}
                          className={`level-${level}`}
                          style={{ width: `${(counts[level] / total) * 100}%` }}
                        />
                      ) : null,
                    )}
                  </div>
                </td>
                {LEVELS.map((level) => (
                  <td key={level}>{counts[level]}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>{t('results.organizations')}</h2>
      <ul className="columns">
        {sorted.map((o) => (
          <li key={o.code}>
            <Link to={`/results/${cycle.id}/${o.code}`}>{lang === 'es' ? o.nameEs : o.nameEn}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
