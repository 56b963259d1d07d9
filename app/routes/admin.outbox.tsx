import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { UtcTime } from '../components/utc-time';
import { forbiddenResponse, requireActor } from '../utils/auth.server';
import { useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.mailOutbox');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.notifications.outbox(actor, 200);
  if (!result.ok) throw forbiddenResponse(result.message);
  const mails = result.value;
  return { mails };
}

export default function Outbox() {
  const t = useT();
  const { mails } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t('coop.outbox.title')}</h1>
      <p className="lead">{t('coop.outbox.intro')}</p>
      {mails.length === 0 ? (
        <p className="empty">{t('coop.outbox.empty')}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t('coop.outbox.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('coop.outbox.created')}</th>
              <th scope="col">{t('coop.outbox.to')}</th>
              <th scope="col">{t('coop.outbox.subject')}</th>
              <th scope="col">{t('field.status')}</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((m) => (
              <tr key={m.id}>
                <td>
                  <UtcTime value={m.createdAt} />
                </td>
                <td>{m.toAddress}</td>
                <td>
                  <details>
                    <summary>{m.subject}</summary>
                    <pre className="mail-body">{m.body}</pre>
                  </details>
                </td>
                <td>
                  {m.sentAt ? (
                    <>
                      {t('coop.outbox.sent')} <UtcTime value={m.sentAt} />
                    </>
                  ) : m.error ? (
                    `${t('coop.outbox.failed')}: ${m.error}`
                  ) : (
                    t('coop.outbox.queued')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
