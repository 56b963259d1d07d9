import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { requireActor, throwFailure } from '../utils/auth.server';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'title.questionnaire', args.data && `${args.data.organization} · ${args.data.cycle.name}`);

/*
 * One organization's questionnaire as a document (issue 15, item 12): every mandate and question with the answers
 * as saved now, for internal review and signature before submitting. The browser prints it, or saves it as PDF,
 * through the print stylesheet (app/styles.css hides the site's header, menu and footer). Outside the parent
 * questionnaire layout (`$cycleId_`), so it is the whole page. Only the organization (and the Secretariat) see it:
 * the registration service decides.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.registration.questionnaire(actor, params.cycleId ?? '');
  if (!result.ok) throwFailure(result);
  const { cycle, questionnaire, questions, indicators, answers, completeness } = result.value;
  const byKey = new Map(answers.map((a) => [`${a.mandate}|${a.indicatorCode}|${a.question}`, a]));
  const org = (await context.services.accounts.listOrganizations()).find((o) => o.id === questionnaire.organizationId);
  return {
    organization: org ? (context.lang === 'es' ? org.nameEs || org.nameEn : org.nameEn) : actor.organizationCode,
    cycle: { id: cycle.id, name: cycle.name },
    status: questionnaire.status,
    completeness: { answered: completeness.answered, total: completeness.total },
    printedAt: new Date().toISOString(),
    mandates: completeness.perMandate.map((m) => ({
      number: m.mandate,
      units: (indicators[m.mandate]?.length ? indicators[m.mandate] : ['']).map((indicator) => ({
        indicator,
        questions: questions.map((q) => {
          const a = byKey.get(`${m.mandate}|${indicator}|${q}`);
          return {
            question: q,
            answer: a
              ? {
                  progress: a.progress,
                  summary: a.summary,
                  full: a.full,
                  assistanceTypes: a.assistanceTypes,
                  version: a.version,
                }
              : null,
          };
        }),
      })),
    })),
  };
}

export default function PrintableQuestionnaire() {
  const t = useT();
  const lang = useLang();
  const { organization, cycle, status, completeness, printedAt, mandates } = useLoaderData<typeof loader>();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const date = new Intl.DateTimeFormat(lang === 'es' ? 'es' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(printedAt));
  return (
    <article className="printable">
      <p className="no-print">
        <Link to={`/questionnaire/${cycle.id}`}>{t('q.backToQuestionnaire')}</Link>
        {hydrated ? (
          <>
            {' '}
            <button type="button" onClick={() => window.print()}>
              {t('print.button')}
            </button>
          </>
        ) : null}
      </p>
      <p className="no-print hint">{t('print.hint')}</p>
      <h1>{t('print.title', { organization, cycle: cycle.name })}</h1>
      <p>
        {t('print.state', {
          status: t(`print.status.${status}`),
          answered: completeness.answered,
          total: completeness.total,
        })}{' '}
        {t('print.printedAt', { date })}
      </p>
      {mandates.map((m) => (
        <section key={m.number} className="print-mandate" aria-labelledby={`print-m-${m.number}`}>
          <h2 id={`print-m-${m.number}`}>{t('print.mandate', { n: m.number })}</h2>
          {m.units.map((unit) => (
            <div key={unit.indicator}>
              {unit.indicator ? <h3>{t('ind.heading', { code: unit.indicator })}</h3> : null}
              <dl className="facts">
                {unit.questions.map(({ question, answer }) => (
                  <div key={question} className="print-answer">
                    <dt>{t(`q.question.${question as 'Q1'}`)}</dt>
                    <dd>
                      {!answer ? (
                        <em>{t('q.notAnswered')}</em>
                      ) : (
                        <>
                          {answer.progress ? (
                            <p>{`${answer.progress}. ${t(`q.level.${answer.progress as 'A'}`)}`}</p>
                          ) : null}
                          <p>{answer.summary || t('q.empty')}</p>
                          {answer.full ? <p className="description">{answer.full}</p> : null}
                          {answer.assistanceTypes.length ? (
                            <p>{answer.assistanceTypes.map((type) => t(`coop.type.${type as 'other'}`)).join('; ')}</p>
                          ) : null}
                        </>
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            </div>
          ))}
        </section>
      ))}
      <section className="signature" aria-labelledby="print-signature">
        <h2 id="print-signature">{t('print.signature')}</h2>
        <p>{t('print.reviewedBy')} ____________________________</p>
        <p>{t('print.role')} ____________________________</p>
        <p>{t('print.date')} ____________________________</p>
        <p>{t('print.signed')} ____________________________</p>
      </section>
    </article>
  );
}
