import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ASSISTANCE_TYPES } from '../components/assistance-vocabulary';
import { MandateText } from '../components/mandate';
import { Pagination } from '../components/pagination';
import { throwFailure } from '../utils/auth.server';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction<typeof loader> = (args) =>
  args.data
    ? pageTitle(args, 'title.mandateInCycle', { n: args.data.mandate.number, cycle: args.data.cycle.name })
    : pageTitle(args, 'title.publishedProgress');

const LEVELS = ['A', 'B', 'C', 'D'] as const;

/**
 * Public: one mandate in one published cycle. The chart counts answers per progress level A–D and names nobody;
 * the organizations are listed alphabetically, never by progress (the Mechanism forbids ranking States). The same
 * data is at `…/mandates/N.json`. Withheld items are left out by the service, at every read.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const page = new URL(request.url).searchParams.get('page');
  const result = await context.services.results.mandateResults({
    cycleId: params.cycleId ?? '',
    number: params.number ?? '',
    page,
    lang: context.lang,
  });
  if (!result.ok) throwFailure(result);
  return result.value;
}

function DistributionChart({ mandate, counts }: { mandate: number; counts: Record<(typeof LEVELS)[number], number> }) {
  const t = useT();
  const max = Math.max(1, ...LEVELS.map((l) => counts[l]));
  const total = LEVELS.reduce((sum, l) => sum + counts[l], 0);
  const rowHeight = 28;
  return (
    <figure className="level-chart">
      {/* The picture for sighted readers; its label and the table below say the same in words and numbers. */}
      <svg
        viewBox={`0 0 320 ${rowHeight * LEVELS.length}`}
        width="320"
        height={rowHeight * LEVELS.length}
        role="img"
        aria-label={t('resultsMandate.chartLabel', { n: mandate, ...counts })}
      >
        {LEVELS.map((level, i) => (
          <g key={level} transform={`translate(0 ${i * rowHeight})`}>
            <text x="0" y="18" className="level-letter">
              {level}
            </text>
            <rect
              x="24"
              y="4"
              height="18"
              width={Math.max(counts[level] ? 2 : 0, (counts[level] / max) * 250)}
              className={`bar level-${level}`}
            />
            <text x={30 + (counts[level] / max) * 250} y="18">
              {counts[level]}
            </text>
          </g>
        ))}
      </svg>
      <table className="level-table">
        <caption className="visually-hidden">{t('resultsMandate.chartTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('resultsMandate.level')}</th>
            <th scope="col">{t('resultsMandate.meaning')}</th>
            <th scope="col">{t('resultsMandate.count')}</th>
          </tr>
        </thead>
        <tbody>
          {LEVELS.map((level) => (
            <tr key={level}>
              <th scope="row">{level}</th>
              <td>{t(`results.level.${level}`)}</td>
              <td>{counts[level]}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              {t('resultsMandate.total')}
            </th>
            <td>{total}</td>
          </tr>
        </tfoot>
      </table>
    </figure>
  );
}

const knownTypes = new Set<string>(ASSISTANCE_TYPES);

export default function MandateResultsPage() {
  const t = useT();
  const lang = useLang();
  const { cycle, commitment, mandate, counts, organizations, answers } = useLoaderData<typeof loader>();
  const name = (o: { nameEn: string; nameEs: string }) => (lang === 'es' ? o.nameEs : o.nameEn);
  const total = LEVELS.reduce((sum, l) => sum + counts[l], 0);
  const base = `/results/${cycle.id}`;
  return (
    <section>
      <p>
        <Link to={base}>← {cycle.name}</Link>
      </p>
      <h1>{t('mandates.mandate', { n: mandate.number })}</h1>
      <p className="muted">{t('resultsMandate.subtitle', { cycle: cycle.name })}</p>
      <MandateText mandate={mandate} />
      <p>
        <Link to={`/mandates/${commitment.code}/${mandate.number}`}>{t('resultsMandate.catalogue')}</Link> ·{' '}
        <a href={`${base}/mandates/${mandate.number}.json${answers.page > 1 ? `?page=${answers.page}` : ''}`}>
          {t('resultsMandate.asJson')}
        </a>
      </p>
      <p>{t('results.noRanking')}</p>

      <h2>{t('resultsMandate.chartTitle')}</h2>
      {total === 0 ? (
        <p className="muted">{t('resultsMandate.noLevels')}</p>
      ) : (
        <DistributionChart mandate={mandate.number} counts={counts} />
      )}

      {organizations.length === 0 ? (
        <p className="muted">{t('resultsMandate.empty')}</p>
      ) : (
        <>
          <h2>{t('resultsMandate.answering', { n: organizations.length })}</h2>
          <ul className="columns">
            {organizations.map((o) => (
              <li key={o.code}>
                <Link to={`${base}/${encodeURIComponent(o.code)}`}>{name(o)}</Link>
              </li>
            ))}
          </ul>

          <h2>{t('resultsMandate.answers')}</h2>
          {answers.items.map(({ organization, answers: list }) => (
            <section key={organization.code} aria-labelledby={`org-${organization.code}`} className="card">
              <h3 id={`org-${organization.code}`}>{name(organization)}</h3>
              <dl>
                {list.map((a) => (
                  <div key={`${a.question}-${a.indicatorCode}`}>
                    <dt>
                      <strong>{a.question}</strong> {t(`results.question.${a.question}`)}
                      {a.indicatorCode ? ` · ${t('resultsMandate.indicator', { code: a.indicatorCode })}` : null}
                    </dt>
                    <dd>
                      {a.progress ? (
                        <p>
                          {a.progress}: {t(`results.level.${a.progress}`)}
                        </p>
                      ) : null}
                      {a.summary ? <p>{a.summary}</p> : null}
                      {a.full ? <p className="muted">{a.full}</p> : null}
                      {a.assistanceTypes.length ? (
                        <p>
                          {t('resultsMandate.assistance')}:{' '}
                          {a.assistanceTypes
                            .map((type) =>
                              knownTypes.has(type) ? t(`coop.type.${type as (typeof ASSISTANCE_TYPES)[number]}`) : type,
                            )
                            .join(', ')}
                        </p>
                      ) : null}
                    </dd>
                  </div>
                ))}
              </dl>
              <p>
                <Link to={`${base}/${encodeURIComponent(organization.code)}`}>
                  {t('resultsMandate.allOfOrganization')}
                </Link>
              </p>
            </section>
          ))}
          <Pagination page={answers.page} pageCount={answers.pageCount} />
        </>
      )}
    </section>
  );
}
