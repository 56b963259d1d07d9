import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireActor, throwFailure } from '../utils/auth.server';
import { useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.auditLog');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const url = new URL(request.url);
  const before = Number(url.searchParams.get('before')) || undefined;
  const action = url.searchParams.get('action')?.trim() || undefined;
  const result = await context.services.audit.list(actor, { before, action });
  if (!result.ok) throwFailure(result);
  return result.value;
}

export default function AuditLog() {
  const t = useT();
  const { entries, nextBefore } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const action = params.get('action') ?? '';
  return (
    <section>
      <h1>{t('nav.audit')}</h1>
      <Form method="get" className="inline-form">
        <label htmlFor="audit-action">{t('audit.filterAction')}</label>
        <input id="audit-action" name="action" defaultValue={action} placeholder="auth.login" />
        <button type="submit">{t('search.submit')}</button>
      </Form>
      {entries.length === 0 ? (
        <p>{t('audit.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.who')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.subject')}</th>
              <th scope="col">{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <time dateTime={new Date(entry.at).toISOString()}>
                    {new Date(entry.at).toISOString().replace('T', ' ').slice(0, 19)} UTC
                  </time>
                </td>
                <td>{entry.actorEmail ?? t('audit.system')}</td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td>{entry.subjectType ? `${entry.subjectType}: ${entry.subjectId}` : ''}</td>
                <td>
                  <code>{Object.keys(entry.data).length ? JSON.stringify(entry.data) : ''}</code>{' '}
                  {entry.ip ? <span className="muted">({entry.ip})</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextBefore ? (
        <p>
          <Link to={`?${new URLSearchParams({ ...(action ? { action } : {}), before: String(nextBefore) })}`}>
            {t('pagination.older')}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
