import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useId } from 'react';
import { UtcTime } from '../components/utc-time';
import { FormMessage } from '../components/field';
import type { MessageKey } from '../i18n';
import { translate } from '../i18n';
import { requireActor, throwFailure } from '../utils/auth.server';
import { useLang, useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { statusFor } from '../../services/outcome';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.civilSocietyContributions');

/*
 * The State reviews civil-society contributions beside the current answer and accepts (the text enters the answer
 * as a new, attributed version) or leaves out each one. The service decides who may and refuses deciding twice.
 */

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.contributions.forState(actor, params.cycleId ?? '');
  if (!result.ok) throwFailure(result);
  return result.value;
}

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readForm(request);
  const intent = form.get('intent');
  const id = text(form, 'contributionId');
  const cycleId = params.cycleId ?? '';
  const { contributions } = context.services;
  if (intent === 'accept') {
    const result = await contributions.accept(actor, cycleId, id, text(form, 'note'), { lang: context.lang });
    if (result.ok)
      return {
        ok: true as const,
        id,
        message: translate(context.lang, 'cs.review.accepted', { v: result.value.version }),
      };
    return data({ ok: false as const, id, message: result.message }, { status: statusFor(result) });
  }
  if (intent === 'leave-out') {
    const result = await contributions.leaveOut(actor, cycleId, id, text(form, 'note'));
    if (result.ok) return { ok: true as const, id, message: translate(context.lang, 'cs.review.leftOut') };
    return data({ ok: false as const, id, message: result.message }, { status: statusFor(result) });
  }
  throw new Response('Unknown action', { status: 400 });
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>['contributions'][number];

function Target({ item }: { item: Item }) {
  const t = useT();
  return <>{t('cs.target', { n: item.mandate, q: t(`q.short.${item.question}` as MessageKey) })}</>;
}

function CurrentAnswer({ item }: { item: Item }) {
  const t = useT();
  if (!item.answer) return <p className="muted">{t('cs.review.noAnswer')}</p>;
  return (
    <div className="current-answer">
      <h4>{t('cs.review.currentAnswer', { v: item.answer.version })}</h4>
      {item.answer.progress ? (
        <p>
          {t('cs.review.level', {
            level: `${item.answer.progress} (${t(`q.level.${item.answer.progress}` as MessageKey)})`,
          })}
        </p>
      ) : null}
      {item.answer.summary ? (
        <>
          <h5>{t('cs.review.summary')}</h5>
          <p>{item.answer.summary}</p>
        </>
      ) : null}
      {item.answer.full ? (
        <>
          <h5>{t('cs.review.full')}</h5>
          <p className="description">{item.answer.full}</p>
        </>
      ) : null}
      <p>
        <Link to={`/questionnaire/answers/${item.answer.id}/history`}>{t('cs.review.history')}</Link>
      </p>
    </div>
  );
}

function Decide({ item, name }: { item: Item; name: string }) {
  const t = useT();
  const id = useId();
  return (
    <Form
      method="post"
      aria-label={t('cs.review.decideLabel', { name, target: t('cs.target', { n: item.mandate, q: item.question }) })}
    >
      <input type="hidden" name="contributionId" value={item.id} />
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('cs.review.note')}</label>
        <textarea id={`${id}-note`} name="note" rows={2} maxLength={2000} />
      </div>
      <div className="form-actions">
        <button type="submit" name="intent" value="accept">
          {t('cs.review.accept')}
        </button>
        <button type="submit" name="intent" value="leave-out" className="secondary">
          {t('cs.review.leaveOut')}
        </button>
      </div>
    </Form>
  );
}

export default function ContributionsReview() {
  const t = useT();
  const lang = useLang();
  const { cycle, editable, contributions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const name = (c: Item) => (lang === 'es' ? c.csoNameEs : c.csoNameEn) || c.csoNameEn;
  const waiting = contributions.filter((c) => c.status === 'proposed');
  const decided = contributions.filter((c) => c.status !== 'proposed');
  return (
    <section>
      <p>
        <Link to={`/questionnaire/${cycle.id}`}>{t('cs.review.back')}</Link>
      </p>
      <h1>{t('cs.review.title', { cycle: cycle.name })}</h1>
      <p>{t('cs.review.intro')}</p>
      {result ? <FormMessage tone={result.ok ? 'success' : 'error'}>{result.message}</FormMessage> : null}
      {!editable ? <FormMessage tone="info">{t('cs.review.locked')}</FormMessage> : null}

      <h2>{t('cs.review.waiting')}</h2>
      {waiting.length === 0 ? <p className="muted">{t('cs.review.emptyWaiting')}</p> : null}
      {waiting.map((c) => (
        <article key={c.id} className="card contribution" data-contribution={c.id} aria-labelledby={`c-${c.id}`}>
          <h3 id={`c-${c.id}`}>
            <Target item={c} /> — {t('cs.review.from', { name: name(c) })}
          </h3>
          {/* Side by side where there is room (no shared stylesheet change for one page). */}
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(18rem, 1fr))', gap: '1rem' }}>
            <div>
              <h4>{t('cs.review.proposedText')}</h4>
              <blockquote className="description">{c.text}</blockquote>
              <p className="muted">
                <UtcTime value={c.createdAt} />
              </p>
            </div>
            <CurrentAnswer item={c} />
          </div>
          {editable ? <Decide item={c} name={name(c)} /> : null}
        </article>
      ))}

      <h2>{t('cs.review.decided')}</h2>
      {decided.length === 0 ? (
        <p className="muted">{t('cs.review.emptyDecided')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('cs.col.answer')}</th>
              <th scope="col">{t('field.organization')}</th>
              <th scope="col">{t('cs.col.text')}</th>
              <th scope="col">{t('field.status')}</th>
            </tr>
          </thead>
          <tbody>
            {decided.map((c) => (
              <tr key={c.id} data-contribution={c.id}>
                <th scope="row">
                  <Target item={c} />
                </th>
                <td>{name(c)}</td>
                <td className="description">{c.text}</td>
                <td>
                  <span className={`badge contribution-${c.status}`}>{t(`cs.status.${c.status}`)}</span>
                  {c.acceptedIntoVersion ? <div>{t('cs.review.intoVersion', { v: c.acceptedIntoVersion })}</div> : null}
                  {c.status === 'accepted' && c.answer ? (
                    <div>
                      <Link to={`/questionnaire/answers/${c.answer.id}/history`}>{t('cs.review.history')}</Link>
                    </div>
                  ) : null}
                  {c.decisionNote ? (
                    <div className="muted">{t('cs.review.decisionNote', { note: c.decisionNote })}</div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
