import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { UtcTime } from '../components/utc-time';
import { FormMessage } from '../components/field';
import type { MessageKey } from '../i18n';
import { translate } from '../i18n';
import { requireActor } from '../utils/auth.server';
import { useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { statusFor } from '../../services/outcome';
import { noticeDomain } from '../i18n/features/notice-domains';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.notifications');

export const KNOWN_KINDS = ['match.proposed', 'match.accepted', 'match.declined', 'match.confirmed'];
// Civil-society contributions (texts in app/i18n/features/contributions.ts).
KNOWN_KINDS.push('contribution.invited', 'contribution.proposed', 'contribution.accepted', 'contribution.left_out');
// Roundtables (texts in app/i18n/features/realtime.ts).
KNOWN_KINDS.push('roundtable.opened', 'roundtable.mentioned');
// Civil-society recommendations (texts in app/i18n/features/recommendations.ts).
KNOWN_KINDS.push('recommendation.submitted', 'recommendation.published', 'recommendation.declined');
// Non-disclosure refused, requests and offers held back from a withheld answer (texts in app/i18n/features/everyday.ts).
KNOWN_KINDS.push('disclosure.refused', 'request.held', 'offer.held');
// Videoconferences: invitation, move, cancellation, reminders (texts in app/i18n/features/videoconferences.ts; each
// names the meeting's time on the reader's clock, {when}, from the notice's data).
KNOWN_KINDS.push(
  'videoconference.scheduled',
  'videoconference.rescheduled',
  'videoconference.cancelled',
  'videoconference.reminder_24h',
  'videoconference.reminder_15m',
);
// Cooperation initiatives: participation, outcomes, funding, proposed updates, requests not to publish (texts in
// app/i18n/features/initiatives.ts; the initiative's title follows as the notice's subject).
KNOWN_KINDS.push(
  'initiative.created',
  'initiative.outcome',
  'initiative.funding',
  'initiative.update_proposed',
  'initiative.update_accepted',
  'initiative.update_declined',
  'initiative.withholding_requested',
  'initiative.withholding_decided',
);
// Good practices: a review round opened, a comment on the organization's practice, a practice held
// back because it repeats a withheld answer (texts in app/i18n/features/practices.ts).
KNOWN_KINDS.push('practice_round.opened', 'practice.commented', 'practice.held');

/** The values a notice's text names ({mandate}, {letterReference}, {amendUntil}, {when}), from what the service stored. */
function paramsOf(data: Record<string, unknown> | null | undefined): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(data ?? {}))
    if (typeof value === 'string' || typeof value === 'number') params[key] = value;
  return params;
}

/** What the notice is about, shown after its text: the request of a match, or the roundtable's title. */
function subjectOf(data: Record<string, unknown> | null | undefined): string | null {
  for (const key of ['requestTitle', 'title'])
    if (typeof data?.[key] === 'string' && data[key]) return data[key] as string;
  return null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const [items, unread] = await Promise.all([
    context.services.notifications.list(actor, { limit: 100 }),
    context.services.notifications.unreadCount(actor),
  ]);
  return {
    unread,
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      link: n.link,
      data: n.data,
      createdAt: n.createdAt,
      readAt: n.readAt,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readForm(request);
  const intent = form.get('intent');
  if (intent !== 'read' && intent !== 'readAll') throw new Response('Unknown action', { status: 400 });
  const result = await context.services.notifications.markRead(
    actor,
    intent === 'readAll' ? 'all' : String(form.get('id') ?? ''),
  );
  if (result.ok)
    return {
      ok: true as const,
      message: translate(context.lang, 'coop.notifications.marked', { n: result.value.updated }),
    };
  return data({ ok: false as const, message: result.message }, { status: statusFor(result) });
}

export default function Notifications() {
  const t = useT();
  const { items, unread } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <h1>{t('nav.notifications')}</h1>
      <p className="muted" role="status">
        {t('coop.notifications.unread', { n: unread })}
      </p>
      {result ? <FormMessage tone={result.ok ? 'success' : 'error'}>{result.message}</FormMessage> : null}
      {unread > 0 ? (
        <Form method="post">
          <button type="submit" name="intent" value="readAll" className="secondary">
            {t('coop.notifications.markAll')}
          </button>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <p className="empty">{t('coop.notifications.empty')}</p>
      ) : (
        <ul className="notifications">
          {items.map((n) => {
            const text = KNOWN_KINDS.includes(n.kind)
              ? t(`coop.notification.${n.kind}` as MessageKey, paramsOf(n.data))
              : t(`notice.domain.${noticeDomain(n.kind)}` as MessageKey);
            const title = subjectOf(n.data);
            return (
              <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
                <div>
                  {n.readAt ? null : <span className="badge unread-badge">{t('coop.notifications.new')}</span>}{' '}
                  {n.link ? <Link to={n.link}>{text}</Link> : text}
                  {title ? <span className="muted"> · {title}</span> : null}
                </div>
                <div className="muted small">
                  <UtcTime value={n.createdAt} />
                </div>
                {n.readAt ? null : (
                  <Form method="post">
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" name="intent" value="read" className="link-button">
                      {t('coop.notifications.markRead')}
                      <span className="visually-hidden"> {text}</span>
                    </button>
                  </Form>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
