import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { UtcTime } from '../components/utc-time';
import { FormMessage } from '../components/field';
import type { MessageKey } from '../i18n';
import { translate } from '../i18n';
import { requireActor, throwFailure } from '../utils/auth.server';
import { useLang, useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { statusFor } from '../../services/outcome';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.contribute');

/* A civil-society member's invitations from States and the status of their organization's contributions. */

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.contributions.mine(actor);
  if (!result.ok) throwFailure(result);
  return result.value;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readForm(request);
  if (form.get('intent') !== 'withdraw') throw new Response('Unknown action', { status: 400 });
  const id = form.get('contributionId');
  const result = await context.services.contributions.withdraw(actor, typeof id === 'string' ? id : '');
  if (result.ok) return { ok: true as const, message: translate(context.lang, 'cs.mine.withdrawn') };
  return data({ ok: false as const, message: result.message }, { status: statusFor(result) });
}

export default function Contribute() {
  const t = useT();
  const lang = useLang();
  const { invitations, contributions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const stateName = (o: { stateNameEn: string; stateNameEs: string }) =>
    (lang === 'es' ? o.stateNameEs : o.stateNameEn) || o.stateNameEn;
  return (
    <section>
      <h1>{t('cs.mine.title')}</h1>
      <p>{t('cs.mine.intro')}</p>
      {result ? <FormMessage tone={result.ok ? 'success' : 'error'}>{result.message}</FormMessage> : null}

      <h2>{t('cs.mine.invitations')}</h2>
      {invitations.length === 0 ? (
        <p className="muted">{t('cs.mine.noInvitations')}</p>
      ) : (
        <ul>
          {invitations.map((i) => {
            const vars = { state: stateName(i), cycle: i.cycleName };
            return (
              <li key={i.id}>
                {i.revoked ? (
                  t('cs.mine.revoked', vars)
                ) : i.open ? (
                  <Link to={`/contribute/${i.cycleId}/${i.stateCode}`}>{t('cs.mine.open', vars)}</Link>
                ) : (
                  t('cs.mine.closed', vars)
                )}
                {i.note && !i.revoked ? <div className="muted">{t('cs.mine.stateNote', { note: i.note })}</div> : null}
              </li>
            );
          })}
        </ul>
      )}

      <h2>{t('cs.mine.contributions')}</h2>
      {contributions.length === 0 ? (
        <p className="muted">{t('cs.mine.noContributions')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('cs.col.state')}</th>
              <th scope="col">{t('cs.col.answer')}</th>
              <th scope="col">{t('cs.col.text')}</th>
              <th scope="col">{t('field.status')}</th>
              <th scope="col">{t('table.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {contributions.map((c) => {
              const target = t('cs.target', { n: c.mandate, q: t(`q.short.${c.question}` as MessageKey) });
              return (
                <tr key={c.id} data-contribution={c.id}>
                  <th scope="row">
                    {stateName(c)}
                    <div className="muted">{c.cycleName}</div>
                  </th>
                  <td>{target}</td>
                  <td className="description">{c.text}</td>
                  <td>
                    <span className={`badge contribution-${c.status}`}>{t(`cs.status.${c.status}`)}</span>
                    {c.decidedAt ? (
                      <div className="muted">
                        <UtcTime value={c.decidedAt} />
                      </div>
                    ) : null}
                    {c.decisionNote ? (
                      <div className="muted">{t('cs.review.decisionNote', { note: c.decisionNote })}</div>
                    ) : null}
                  </td>
                  <td>
                    {c.status === 'proposed' ? (
                      <Form method="post" className="inline-form compact">
                        <input type="hidden" name="contributionId" value={c.id} />
                        <button
                          type="submit"
                          name="intent"
                          value="withdraw"
                          className="secondary"
                          aria-label={t('cs.mine.withdrawLabel', { target })}
                        >
                          {t('cs.mine.withdraw')}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
