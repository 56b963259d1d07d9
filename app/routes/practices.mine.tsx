import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { FormMessage } from '../components/field';
import { PracticeFormNotice } from '../components/practice-form';
import type { MessageKey } from '../i18n';
import { requireActor, throwFailure } from '../utils/auth.server';
import { readForm } from '../utils/form.server';
import { useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.ourGoodPractices');

/* The organization's own practices (every status) and the Q6 answers a practice can be drafted from. */

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const [mine, answers] = await Promise.all([
    context.services.practices.mine(actor),
    context.services.practices.q6Answers(actor),
  ]);
  if (!mine.ok) throwFailure(mine);
  if (!answers.ok) throwFailure(answers);
  const rounds = await context.services.practices.openRounds(actor);
  return {
    practices: mine.value.map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
      mandates: p.mandates.map((m) => m.number),
      updatedAt: p.updatedAt.toISOString(),
    })),
    answers: answers.value.map((a) => ({
      id: a.id,
      mandate: a.mandate,
      summary: a.summary.slice(0, 160),
      practiceId: a.practiceId,
    })),
    rounds: rounds.map((r) => ({ id: r.id, name: r.name, closesAt: r.closesAt.toISOString() })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const form = await readForm(request);
  const result = await context.services.practices.draftFromAnswer(actor, String(form.get('answerId') ?? ''));
  if (result.ok) return redirect(`/practices/${result.value.id}/edit?saved=1`);
  return { message: result.message };
}

export default function MyPractices() {
  const t = useT();
  const { practices, answers, rounds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <h1>{t('pr.mine.title')}</h1>
      <p>{t('pr.mine.intro')}</p>
      <PracticeFormNotice />
      {result ? <FormMessage tone="error">{result.message}</FormMessage> : null}
      <p>
        <Link to="/practices/new">{t('pr.mine.new')}</Link> · <Link to="/practices">{t('nav.practices')}</Link>
      </p>
      {rounds.length ? (
        <>
          <h2>{t('pr.mine.openRounds')}</h2>
          <ul>
            {rounds.map((r) => (
              <li key={r.id}>
                <Link to={`/practices/review/${r.id}`}>{r.name}</Link> —{' '}
                {t('pr.review.closes', { date: r.closesAt.slice(0, 16).replace('T', ' ') })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('nav.myPractices')}</h2>
      {practices.length === 0 ? (
        <p className="empty">{t('pr.mine.empty')}</p>
      ) : (
        <ul className="practice-list">
          {practices.map((p) => (
            <li key={p.id}>
              <Link
                to={
                  p.status === 'draft' || p.status === 'submitted' || p.status === 'in_review'
                    ? `/practices/${p.id}/edit`
                    : `/practices/${p.id}`
                }
              >
                {p.title}
              </Link>{' '}
              — {t(`pr.status.${p.status}` as MessageKey)}
              {p.mandates.length ? ` · ${p.mandates.map((n) => t('pr.mandateN', { n })).join(', ')}` : ''}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('pr.mine.fromAnswers')}</h2>
      <p>{t('pr.mine.fromAnswersIntro')}</p>
      {answers.length === 0 ? (
        <p className="empty">{t('pr.mine.noAnswers')}</p>
      ) : (
        <ul>
          {answers.map((a) => (
            <li key={a.id}>
              {t('pr.mine.mandateAnswer', { n: a.mandate, summary: a.summary })}{' '}
              {a.practiceId ? (
                <Link to={`/practices/${a.practiceId}/edit`}>{t('pr.mine.alreadyDrafted')}</Link>
              ) : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="answerId" value={a.id} />
                  <button
                    type="submit"
                    className="secondary"
                    aria-label={`${t('pr.mine.draftFrom')}: ${t('pr.mandateN', { n: a.mandate })}`}
                  >
                    {t('pr.mine.draftFrom')}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
