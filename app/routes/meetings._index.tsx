import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { FormMessage } from '../components/field';
import { translate, type MessageKey } from '../i18n';
import { requireActor } from '../utils/auth.server';
import { readForm } from '../utils/form.server';
import { useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.myMeetings');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const [mine, feed] = await Promise.all([
    context.services.videoconferences.mine(actor),
    context.services.videoconferences.feedStatus(actor),
  ]);
  // Say where the zone comes from, as the service computes it: the zone chosen on the account page, or UTC.
  const zoneNote =
    mine.zone === 'UTC'
      ? translate(context.lang, 'vc.zoneNote.utc')
      : translate(context.lang, 'vc.zoneNote', { zone: mine.zone });
  return { ...mine, feed, zoneNote };
}

/** The private calendar feed: a new address (shown once, the old one revoked) or no address at all. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  if (intent === 'feed-create') {
    const created = await context.services.videoconferences.createFeedToken(actor);
    // Under the public address, as the calendar files' links are, not the request's Host.
    return { intent, address: `${context.publicUrl}${created.path}`, message: null };
  }
  if (intent === 'feed-revoke') {
    await context.services.videoconferences.revokeFeedToken(actor);
    return { intent, address: null, message: translate(context.lang, 'vc.feed.revoked') };
  }
  throw new Response('Unknown action', { status: 400 });
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>['upcoming'][number];

function MeetingList({ items }: { items: Item[] }) {
  const t = useT();
  if (!items.length) return <p className="empty">{t('vc.empty')}</p>;
  return (
    <ul className="meetings">
      {items.map((m) => (
        <li key={m.id}>
          <Link to={`/meetings/${m.id}`}>{m.title}</Link> · {m.roundtableTitle} ·{' '}
          <strong>{t(`vc.status.${m.status}` as MessageKey)}</strong>
          <br />
          <span>{m.viewerTime}</span>
          {m.viewerTime !== m.organizerTime ? (
            <span className="muted">
              {' '}
              · {t('vc.organizerTime')}: {m.organizerTime}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export default function MyMeetings() {
  const t = useT();
  const { upcoming, past, zoneNote, feed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <h1>{t('vc.mine.title')}</h1>
      <p className="muted">
        {zoneNote} <Link to="/account#time-zone">{t('vc.zoneNote.change')}</Link>
      </p>
      <h2>{t('vc.upcoming')}</h2>
      <MeetingList items={upcoming} />
      <h2>{t('vc.past')}</h2>
      <MeetingList items={past} />

      <h2>{t('vc.feed.title')}</h2>
      <p>{t('vc.feed.intro')}</p>
      {result?.message ? <FormMessage tone="success">{result.message}</FormMessage> : null}
      {result?.address ? (
        <div>
          <label htmlFor="feed-address">{t('vc.feed.created')}</label>
          <input id="feed-address" readOnly value={result.address} size={80} />
        </div>
      ) : feed.active && feed.createdAt ? (
        <p>{t('vc.feed.active', { date: feed.createdAt.slice(0, 16).replace('T', ' ') })}</p>
      ) : (
        <p>{t('vc.feed.none')}</p>
      )}
      <Form method="post" className="inline-form">
        <button type="submit" name="intent" value="feed-create" className="secondary">
          {t('vc.feed.create')}
        </button>{' '}
        {feed.active || result?.address ? (
          <button type="submit" name="intent" value="feed-revoke" className="secondary">
            {t('vc.feed.revoke')}
          </button>
        ) : null}
      </Form>
    </section>
  );
}
