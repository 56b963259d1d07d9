import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { UtcTime } from '../components/utc-time';
import { FormMessage, TextAreaField } from '../components/field';
import { Pagination } from '../components/pagination';
import type { MessageKey } from '../i18n';
import { translate } from '../i18n';
import { requireActor, throwFailure } from '../utils/auth.server';
import { useLang, useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { statusFor } from '../../services/outcome';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.recommendationsToModerate');

/*
 * The Secretariat's moderation queue: pending recommendations, oldest first. Publish as written or decline with a
 * reason; there is deliberately no edit box (decision 016). The service refuses anyone else with a 403.
 */

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.recommendations.queue(actor, new URL(request.url).searchParams.get('page'));
  if (!result.ok) throwFailure(result);
  return result.value;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const form = await readForm(request);
  const intent = form.get('intent');
  const id = String(form.get('id') ?? '');
  if (intent === 'publish') {
    const result = await context.services.recommendations.publish(actor, id);
    if (result.ok) return { ok: true as const, id, message: translate(context.lang, 'rec.admin.published') };
    return data(
      { ok: false as const, id, message: result.message, fieldErrors: {} as Record<string, string[]> },
      { status: statusFor(result) },
    );
  }
  if (intent === 'decline') {
    const result = await context.services.recommendations.decline(actor, id, String(form.get('reason') ?? ''));
    if (result.ok) return { ok: true as const, id, message: translate(context.lang, 'rec.admin.declined') };
    return data(
      {
        ok: false as const,
        id,
        message: result.message,
        fieldErrors: (result.kind === 'invalid' ? result.fieldErrors : undefined) ?? {},
      },
      { status: statusFor(result) },
    );
  }
  throw new Response('Unknown action', { status: 400 });
}

export default function ModerateRecommendations() {
  const t = useT();
  const lang = useLang();
  const { items, total, page, pages } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <h1>{t('rec.admin.title')}</h1>
      <p>{t('rec.admin.intro')}</p>
      {result?.ok ? <FormMessage tone="success">{result.message}</FormMessage> : null}
      <p className="muted">{t('rec.admin.count', { n: total })}</p>
      {items.length === 0 ? <p className="empty">{t('rec.admin.empty')}</p> : null}
      {items.map((r) => {
        const organization = (lang === 'es' ? r.organizationNameEs : r.organizationNameEn) || r.organizationNameEn;
        const failed = result && !result.ok && result.id === r.id ? result : null;
        return (
          <article
            key={r.id}
            className="card recommendation"
            data-recommendation={r.id}
            aria-labelledby={`rec-${r.id}`}
          >
            <h2 id={`rec-${r.id}`} lang={r.language}>
              {r.title}
            </h2>
            <p className="muted">
              {t('rec.admin.from', { organization })} <UtcTime value={r.createdAt} />
            </p>
            <p className="muted">
              {[
                r.mandate !== null ? t('rec.target.mandate', { n: r.mandate }) : null,
                r.cycleName ? t('rec.target.cycle', { cycle: r.cycleName }) : null,
                t('rec.writtenIn', { language: t(`rec.lang.${r.language}` as MessageKey) }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
            <div className="description" lang={r.language}>
              {r.text}
            </div>
            {failed ? <FormMessage tone="error">{failed.message}</FormMessage> : null}
            <Form method="post" className="inline-form">
              <input type="hidden" name="id" value={r.id} />
              <button
                type="submit"
                name="intent"
                value="publish"
                aria-label={t('rec.admin.publishLabel', { title: r.title })}
              >
                {t('rec.admin.publish')}
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="id" value={r.id} />
              <TextAreaField
                label={t('rec.admin.reason')}
                name="reason"
                errors={failed?.fieldErrors.reason}
                rows={3}
                maxLength={2000}
              />
              <button
                type="submit"
                name="intent"
                value="decline"
                className="secondary"
                aria-label={t('rec.admin.declineLabel', { title: r.title })}
              >
                {t('rec.admin.decline')}
              </button>
            </Form>
          </article>
        );
      })}
      <Pagination page={page} pageCount={pages} />
    </section>
  );
}
