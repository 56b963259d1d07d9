import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { FormMessage, TextAreaField } from '../components/field';
import { PracticeReportChart, reportPrintLinks } from '../components/practice-report-chart';
import type { MessageKey } from '../i18n';
import { requireActor, throwFailure } from '../utils/auth.server';
import { readForm } from '../utils/form.server';
import { useLang, useT } from '../utils/i18n';
import { statusFor } from '../../services/outcome';
import { pageTitle } from '../utils/page-title';

// The bars and the print layout (decision 037: a linked stylesheet, no inline <style>).
export const links = reportPrintLinks;

export const meta: MetaFunction = (args) => pageTitle(args, 'title.challengesReport');

/*
 * The report on challenges of one cycle: HTML for the public once published, a printable layout (print stylesheet,
 * A4 and Letter), CSV and JSON. The Secretariat writes the introduction and notes and publishes it.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const found = await context.services.challenges.get(context.actor, params.cycleId ?? '');
  if (!found.ok) throwFailure(found);
  const r = found.value;
  return {
    ...r,
    cycle: { ...r.cycle, publishedAt: r.cycle.publishedAt?.toISOString() ?? null },
    publishedAt: r.publishedAt?.toISOString().slice(0, 10) ?? null,
    updatedAt: r.updatedAt?.toISOString() ?? null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const form = await readForm(request);
  const cycleId = params.cycleId ?? '';
  const result =
    String(form.get('intent')) === 'publish'
      ? await context.services.challenges.publish(actor, cycleId)
      : await context.services.challenges.saveTexts(actor, cycleId, {
          introduction: String(form.get('introduction') ?? ''),
          notes: String(form.get('notes') ?? ''),
        });
  if (result.ok) return redirect(`/practices/challenges/${cycleId}?saved=1`);
  return data({ message: result.message }, { status: statusFor(result) });
}

export default function ChallengesReportPage() {
  const t = useT();
  const lang = useLang();
  const r = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const org = (o: { organizationNameEn: string; organizationNameEs: string }) =>
    lang === 'es' ? o.organizationNameEs : o.organizationNameEn;
  return (
    <article className="challenges-report">
      <p className="no-print">
        <Link to="/practices/challenges">← {t('ch.list.title')}</Link>
      </p>
      <h1>{t('ch.title')}</h1>
      <p>
        {t('ch.cycle', { cycle: r.cycle.name })} ·{' '}
        {r.publishedAt ? t('ch.published', { date: r.publishedAt }) : t('ch.draft')}
      </p>
      <p className="no-print">
        {r.publishedAt ? (
          <>
            <a href={`/practices/challenges/${r.cycle.id}/export.csv`} download>
              {t('ch.csv')}
            </a>{' '}
            ·{' '}
            <a href={`/practices/challenges/${r.cycle.id}/export.json`} download>
              {t('ch.json')}
            </a>{' '}
            ·{' '}
          </>
        ) : null}
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('ch.print')}
        </button>
      </p>
      {result ? <FormMessage tone="error">{result.message}</FormMessage> : null}
      {!result && params.get('saved') ? <FormMessage tone="success">{t('ch.saved')}</FormMessage> : null}
      {r.introduction ? (
        <section>
          <h2>{t('ch.introduction')}</h2>
          <p className="prewrap">{r.introduction}</p>
        </section>
      ) : null}
      <p>{t('ch.states', { n: r.statesReporting })}</p>
      <PracticeReportChart title={t('ch.byMandate')} rows={r.byMandate} label={(k) => t('pr.mandateN', { n: k })} />
      <PracticeReportChart title={t('ch.bySection')} rows={r.bySection} label={(k) => t('pr.sectionN', { code: k })} />
      <PracticeReportChart
        title={t('ch.byType')}
        rows={r.byAssistanceType}
        label={(k) => t(`coop.type.${k}` as MessageKey)}
      />
      <section>
        <h2>{t('ch.challenges')}</h2>
        {r.challenges.length === 0 ? (
          <p className="empty">{t('ch.none')}</p>
        ) : (
          <ul>
            {r.challenges.map((c, i) => (
              <li key={i}>
                <strong>{t('pr.mandateN', { n: c.mandate })}</strong> — {org(c)}: {c.summary}
                {c.assistanceTypes.length
                  ? ` (${c.assistanceTypes.map((a) => t(`coop.type.${a}` as MessageKey)).join(', ')})`
                  : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>{t('ch.openRequests')}</h2>
        {r.openRequests.length === 0 ? (
          <p className="empty">{t('ch.noRequests')}</p>
        ) : (
          <ul>
            {r.openRequests.map((q) => (
              <li key={q.id}>
                <Link to={`/cooperation/requests/${q.id}`}>{q.title}</Link> — {org(q)} (
                {q.mandates.map((n) => t('pr.mandateN', { n })).join(', ')})
              </li>
            ))}
          </ul>
        )}
      </section>
      {r.notes ? (
        <section>
          <h2>{t('ch.notes')}</h2>
          <p className="prewrap">{r.notes}</p>
        </section>
      ) : null}
      {r.canEdit ? (
        <section className="no-print">
          <Form method="post" aria-label={t('ch.save')}>
            <TextAreaField
              label={t('ch.introduction')}
              name="introduction"
              defaultValue={r.introduction}
              rows={6}
              maxLength={20000}
            />
            <TextAreaField label={t('ch.notes')} name="notes" defaultValue={r.notes} rows={4} maxLength={20000} />
            <button type="submit" name="intent" value="save">
              {t('ch.save')}
            </button>
          </Form>
          {!r.publishedAt ? (
            <Form method="post">
              <button type="submit" name="intent" value="publish">
                {t('ch.publish')}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </article>
  );
}
