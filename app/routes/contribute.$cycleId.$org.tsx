import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useId } from 'react';
import { FormMessage } from '../components/field';
import type { MessageKey } from '../i18n';
import { translate } from '../i18n';
import { requireActor, throwFailure } from '../utils/auth.server';
import { useLang, useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { statusFor } from '../../services/outcome';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.contributeToDraft');

/*
 * A civil-society member reads the inviting State's current draft, one mandate at a time (57 mandates stay
 * usable), and proposes a contribution to any answer. The service checks the invitation at every request: a
 * revoked invitation, a submitted questionnaire or a closed cycle closes this page at once.
 */

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.contributions.draftForContributor(
    actor,
    params.cycleId ?? '',
    params.org ?? '',
  );
  if (!result.ok) throwFailure(result);
  const draft = result.value;
  const answered = new Set(draft.answers.map((a) => a.mandate));
  const requested = Number(new URL(request.url).searchParams.get('mandate'));
  // Default to the first mandate the State answered: that is where a contribution is most useful.
  const mandate = draft.mandates.includes(requested)
    ? requested
    : (draft.mandates.find((m) => answered.has(m)) ?? draft.mandates[0] ?? 1);
  const index = draft.mandates.indexOf(mandate);
  return {
    cycle: { id: draft.cycle.id, name: draft.cycle.name },
    state: draft.state,
    note: draft.note,
    questions: draft.questions,
    mandates: draft.mandates.map((n) => ({ n, answered: answered.has(n) })),
    mandate,
    previous: index > 0 ? draft.mandates[index - 1] : null,
    next: index >= 0 && index < draft.mandates.length - 1 ? draft.mandates[index + 1] : null,
    answers: draft.answers.filter((a) => a.mandate === mandate && a.indicatorCode === ''),
    contributions: draft.contributions.filter((c) => c.mandate === mandate),
  };
}

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readForm(request);
  if (form.get('intent') !== 'propose') throw new Response('Unknown action', { status: 400 });
  const question = text(form, 'question');
  const result = await context.services.contributions.propose(actor, params.cycleId ?? '', params.org ?? '', {
    mandate: text(form, 'mandate'),
    question,
    text: text(form, 'text'),
  });
  if (result.ok)
    return {
      ok: true as const,
      question,
      message: translate(context.lang, 'cs.draft.sent'),
      errors: [] as string[],
      text: '',
    };
  if (result.kind === 'forbidden' || result.kind === 'not_found') throwFailure(result);
  const errors = result.kind === 'invalid' ? Object.values(result.fieldErrors ?? {}).flat() : [];
  return data(
    { ok: false as const, question, message: result.message, errors, text: text(form, 'text') },
    { status: statusFor(result) },
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function Question({
  code,
  data: loaded,
  result,
}: {
  code: string;
  data: Loaded;
  result: ReturnType<typeof useActionData<typeof action>>;
}) {
  const t = useT();
  const id = useId();
  const answer = loaded.answers.find((a) => a.question === code);
  const mine = loaded.contributions.filter((c) => c.question === code);
  const here = result && result.question === code ? result : undefined;
  return (
    <article className="card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t(`q.question.${code}` as MessageKey)}</h3>
      {answer ? (
        <dl className="answer-view">
          {answer.progress ? (
            <>
              <dt>{t('q.code.Q1')}</dt>
              <dd>
                {answer.progress} ({t(`q.level.${answer.progress}` as MessageKey)})
              </dd>
            </>
          ) : null}
          {answer.summary ? (
            <>
              <dt>{t('cs.review.summary')}</dt>
              <dd>{answer.summary}</dd>
            </>
          ) : null}
          {answer.full ? (
            <>
              <dt>{t('cs.review.full')}</dt>
              <dd>{answer.full}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="muted">{t('cs.draft.noAnswer')}</p>
      )}
      {mine.length ? (
        <>
          <h4>{t('cs.draft.yours')}</h4>
          <ul>
            {mine.map((c) => (
              <li key={c.id}>
                <span className={`badge contribution-${c.status}`}>{t(`cs.status.${c.status}`)}</span>{' '}
                <span className="description">{c.text}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {here ? <FormMessage tone={here.ok ? 'success' : 'error'}>{here.message}</FormMessage> : null}
      <Form method="post" key={here?.ok ? `sent-${mine.length}` : 'form'}>
        <input type="hidden" name="intent" value="propose" />
        <input type="hidden" name="mandate" value={loaded.mandate} />
        <input type="hidden" name="question" value={code} />
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('cs.draft.propose', { q: t(`q.short.${code}` as MessageKey) })}</label>
          <p id={`${id}-hint`} className="hint">
            {t('cs.draft.proposeHint')}
          </p>
          <textarea
            id={`${id}-text`}
            name="text"
            rows={4}
            required
            maxLength={5000}
            defaultValue={here && !here.ok ? here.text : ''}
            aria-invalid={here && !here.ok ? true : undefined}
            aria-describedby={[`${id}-hint`, here?.errors.length ? `${id}-err` : ''].filter(Boolean).join(' ')}
          />
          {here?.errors.length ? (
            <ul id={`${id}-err`} className="field-errors">
              {here.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <button type="submit">{t('cs.draft.send')}</button>
      </Form>
    </article>
  );
}

export default function ContributeToDraft() {
  const t = useT();
  const lang = useLang();
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { cycle, state, note, questions, mandates, mandate, previous, next } = loaded;
  const stateName = (lang === 'es' ? state.nameEs : state.nameEn) || state.nameEn;
  return (
    <section>
      <p>
        <Link to="/contribute">{t('cs.draft.back')}</Link>
      </p>
      <h1>{t('cs.draft.title', { state: stateName, cycle: cycle.name })}</h1>
      <p>{t('cs.draft.intro')}</p>
      {note ? <p className="note">{t('cs.mine.stateNote', { note })}</p> : null}

      <Form method="get" className="inline-form">
        <label htmlFor="mandate-picker">{t('cs.draft.mandate')}</label>
        <select id="mandate-picker" name="mandate" defaultValue={mandate} key={mandate}>
          {mandates.map((m) => (
            <option key={m.n} value={m.n}>
              {m.answered ? t('cs.draft.answered', { n: m.n }) : m.n}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary">
          {t('cs.draft.show')}
        </button>
      </Form>
      <nav aria-label={t('cs.draft.pages')} className="pagination">
        {previous ? <Link to={`?mandate=${previous}`}>{t('cs.draft.previous')}</Link> : null}
        {next ? <Link to={`?mandate=${next}`}>{t('cs.draft.next')}</Link> : null}
      </nav>

      <h2>{t('cs.draft.mandateHeading', { n: mandate })}</h2>
      {questions.map((q) => (
        <Question key={`${mandate}-${q}`} code={q} data={loaded} result={result} />
      ))}
    </section>
  );
}
