import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { UtcTime } from '../components/utc-time';
import { FormMessage } from '../components/field';
import type { MessageKey } from '../i18n';
import { translate } from '../i18n';
import { requireActor, throwFailure } from '../utils/auth.server';
import { useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { statusFor } from '../../services/outcome';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.ourRecommendations');

/* A civil-society member's view of their organization's recommendations, every status, with the Secretariat's reasons. */

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.recommendations.mine(actor);
  if (!result.ok) throwFailure(result);
  return { recommendations: result.value, submitted: new URL(request.url).searchParams.get('submitted') === '1' };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const form = await readForm(request);
  if (form.get('intent') !== 'withdraw') throw new Response('Unknown action', { status: 400 });
  const id = form.get('id');
  const result = await context.services.recommendations.withdraw(actor, typeof id === 'string' ? id : '');
  if (result.ok) return { ok: true as const, message: translate(context.lang, 'rec.mine.withdrawn') };
  return data({ ok: false as const, message: result.message }, { status: statusFor(result) });
}

export default function MyRecommendations() {
  const t = useT();
  const { recommendations, submitted } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <h1>{t('rec.mine.title')}</h1>
      <p>{t('rec.mine.intro')}</p>
      <p>
        <Link to="/recommendations/new">{t('rec.new.link')}</Link> ·{' '}
        <Link to="/recommendations">{t('rec.public.link')}</Link>
      </p>
      {result ? (
        <FormMessage tone={result.ok ? 'success' : 'error'}>{result.message}</FormMessage>
      ) : submitted ? (
        <FormMessage tone="success">{t('rec.mine.submitted')}</FormMessage>
      ) : null}
      {recommendations.length === 0 ? (
        <p className="empty">{t('rec.mine.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('rec.col.recommendation')}</th>
              <th scope="col">{t('rec.col.about')}</th>
              <th scope="col">{t('rec.col.submitted')}</th>
              <th scope="col">{t('field.status')}</th>
              <th scope="col">{t('table.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {recommendations.map((r) => (
              <tr key={r.id} data-recommendation={r.id}>
                <th scope="row">
                  <span lang={r.language}>{r.title}</span>
                  <div className="description muted" lang={r.language}>
                    {r.text}
                  </div>
                </th>
                <td>
                  {r.mandate !== null ? <div>{t('rec.target.mandate', { n: r.mandate })}</div> : null}
                  {r.cycleName ? <div>{t('rec.target.cycle', { cycle: r.cycleName })}</div> : null}
                  <div className="muted">
                    {t('rec.writtenIn', { language: t(`rec.lang.${r.language}` as MessageKey) })}
                  </div>
                </td>
                <td>
                  <UtcTime value={r.createdAt} />
                </td>
                <td>
                  <span className={`badge recommendation-${r.status}`}>{t(`rec.status.${r.status}`)}</span>
                  {r.decidedAt ? (
                    <div className="muted">
                      <UtcTime value={r.decidedAt} />
                    </div>
                  ) : null}
                  {r.status === 'declined' && r.declineReason ? (
                    <div className="description">{t('rec.mine.reason', { reason: r.declineReason })}</div>
                  ) : null}
                </td>
                <td>
                  {r.status === 'pending' ? (
                    <Form method="post" className="inline-form compact">
                      <input type="hidden" name="id" value={r.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="withdraw"
                        className="secondary"
                        aria-label={t('rec.mine.withdrawLabel', { title: r.title })}
                      >
                        {t('rec.mine.withdraw')}
                      </button>
                    </Form>
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
