import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { DocumentLink } from '../components/attachments';
import { UtcTime } from '../components/utc-time';
import { notFoundResponse, throwFailure } from '../utils/auth.server';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.publishedAnswers');

/**
 * Public: one organization's published answers, by mandate (and indicator), with their published documents.
 * Withheld items were never published, and the service filters again against today's decisions.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const result = await context.services.publication.publicAnswers(params.cycleId ?? '', params.org ?? '');
  if (!result.ok) throwFailure(result);
  if (!result.value.answers.length) throw notFoundResponse();
  const first = result.value.answers[0];
  const byMandate = new Map<number, typeof result.value.answers>();
  for (const a of result.value.answers) byMandate.set(a.mandate, [...(byMandate.get(a.mandate) ?? []), a]);
  // Late updates agreed with the Chair are published as new versions: the latest date and the list (decision 015).
  const history = await context.services.publication.publicationHistory(result.value.cycle.id, first.organizationCode);
  return {
    versions: history.ok
      ? history.value.map((v) => ({ version: v.version, publishedAt: v.publishedAt.toISOString(), answers: v.answers }))
      : [],
    cycle: { id: result.value.cycle.id, name: result.value.cycle.name },
    organization: { code: first.organizationCode, nameEn: first.organizationNameEn, nameEs: first.organizationNameEs },
    mandates: [...byMandate.entries()].map(([mandate, answers]) => ({ mandate, answers })),
    // A yes/no only; contributions themselves are never published.
    civilSocietyContributed: await context.services.contributions.publicFlag(
      result.value.cycle.id,
      first.organizationCode,
    ),
  };
}

export default function OrganizationResults() {
  const t = useT();
  const lang = useLang();
  const { cycle, organization, mandates, civilSocietyContributed, versions } = useLoaderData<typeof loader>();
  return (
    <section>
      <p>
        <Link to={`/results/${cycle.id}`}>← {cycle.name}</Link>
      </p>
      <h1>{lang === 'es' ? organization.nameEs : organization.nameEn}</h1>
      <p className="muted">{cycle.name}</p>
      {versions.length ? (
        <p data-testid="latest-update">
          {t(versions.length > 1 ? 'pub.updatedOn' : 'pub.publishedOn')} <UtcTime value={versions[0].publishedAt} />
        </p>
      ) : null}
      {versions.length > 1 ? (
        <details className="card" data-testid="published-versions">
          <summary>{t('pub.history', { n: versions.length })}</summary>
          <ol reversed>
            {versions.map((v) => (
              <li key={v.version}>
                {t('pub.version', { n: v.version, count: v.answers })} <UtcTime value={v.publishedAt} />
              </li>
            ))}
          </ol>
          <p className="muted">{t('pub.historyNote')}</p>
        </details>
      ) : null}
      {civilSocietyContributed ? <p data-testid="civil-society-contributed">{t('cs.public.contributed')}</p> : null}
      {mandates.map(({ mandate, answers }) => (
        <section key={mandate} aria-labelledby={`m-${mandate}`} className="card">
          <h2 id={`m-${mandate}`}>{t('mandates.mandate', { n: mandate })}</h2>
          <p>
            <Link to={`/results/${cycle.id}/mandates/${mandate}`}>{t('resultsMandate.orgLink', { n: mandate })}</Link>
          </p>
          <dl>
            {answers.map((a) => (
              <div key={`${a.indicator}|${a.question}`}>
                <dt>
                  {a.indicator ? (
                    <span className="badge">
                      {t('ind.label')} {a.indicator}
                    </span>
                  ) : null}{' '}
                  <strong>{a.question}</strong> {t(`results.question.${a.question}`)}
                </dt>
                <dd>
                  {a.progress ? (
                    <p>
                      {a.progress}: {t(`results.level.${a.progress}`)}
                    </p>
                  ) : null}
                  {a.summary ? <p>{a.summary}</p> : null}
                  {a.full ? <p className="muted">{a.full}</p> : null}
                  {a.attachments.length ? (
                    <div className="published-documents">
                      <p>
                        <strong>{t('att.publicTitle')}</strong>
                      </p>
                      <ul>
                        {a.attachments.map((f) => (
                          <li key={f.id}>
                            <DocumentLink file={f} label={t('att.download', { name: f.fileName })} />
                          </li>
                        ))}
                      </ul>
                    </div>
                  ) : null}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </section>
  );
}
