import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { FormMessage } from '../components/field';
import { requireActor, throwFailure } from '../utils/auth.server';
import { useT } from '../utils/i18n';
import { statusFor } from '../../services/outcome';

export const meta: MetaFunction = () => [{ title: 'Call · Minka' }];

/** LiveKit Meet's page for a server and token of one's own (livekit-examples/meet, app/custom/page.tsx). */
const LIVEKIT_MEET = 'https://meet.livekit.io/custom';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.videoconferences.get(actor, params.id ?? '');
  if (!result.ok) throwFailure(result);
  return {
    meeting: { id: result.value.meeting.id, title: result.value.meeting.title },
    videoConfigured: result.value.videoConfigured,
  };
}

/**
 * The token is minted on POST only (never on a GET a link preview could fetch), after the service's own checks:
 * invited or the room's managers, around the meeting's time, for that meeting's room only.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const result = await context.services.videoconferences.join(actor, params.id ?? '');
  if (!result.ok) return data({ ok: false as const, message: result.message }, { status: statusFor(result) });
  const { token, url, expiresAt } = result.value;
  return {
    ok: true as const,
    url,
    token,
    expiresAt,
    meetUrl: `${LIVEKIT_MEET}?liveKitUrl=${encodeURIComponent(url)}&token=${encodeURIComponent(token)}`,
  };
}

export default function CallPage() {
  const t = useT();
  const { meeting } = useLoaderData<typeof loader>();
  const joined = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to={`/meetings/${meeting.id}`}>← {t('vc.back')}</Link>
      </p>
      <h1>{t('vc.call.title', { title: meeting.title })}</h1>
      {joined && !joined.ok ? <FormMessage tone="error">{joined.message}</FormMessage> : null}
      {joined?.ok ? (
        <>
          <p>{t('vc.call.honest', { time: joined.expiresAt.slice(0, 16).replace('T', ' ') })}</p>
          <p>
            <a className="button" href={joined.meetUrl} target="_blank" rel="noreferrer noopener">
              {t('vc.call.open')}
            </a>
          </p>
          <dl>
            <dt>{t('vc.call.server')}</dt>
            <dd>
              <code>{joined.url}</code>
            </dd>
            <dt>
              <label htmlFor="join-token">{t('vc.call.token')}</label>
            </dt>
            <dd>
              <textarea id="join-token" readOnly rows={4} cols={60} value={joined.token} data-testid="join-token" />
            </dd>
          </dl>
        </>
      ) : (
        <Form method="post">
          <button type="submit">{t('vc.join')}</button>
        </Form>
      )}
    </section>
  );
}
