import { randomUUID } from 'node:crypto';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useFetcher, useLoaderData, useRevalidator } from '@remix-run/react';
import { FormMessage } from '../components/field';
import { RoomLive } from '../components/room-live';
import type { JoinAnswer } from '../components/video-call';
import { requireActor, throwFailure } from '../utils/auth.server';
import { readForm } from '../utils/form.server';
import { useT } from '../utils/i18n';
import { statusFor } from '../../services/outcome';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.call');

/** The call (and, when joining, livekit-client) is loaded on this page only, in the browser. */
const VideoCall = lazy(() => import('../components/video-call').then((m) => ({ default: m.VideoCall })));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.videoconferences.get(actor, params.id ?? '');
  if (!result.ok) throwFailure(result);
  const { meeting, videoConfigured, joinOpen } = result.value;
  // The room's chat beside the call, for the room's members and the Secretariat (the service decides).
  const room = await context.services.roundtables.snapshot(actor, meeting.roundtableId);
  return {
    meeting: { id: meeting.id, title: meeting.title, roundtableId: meeting.roundtableId, status: meeting.status },
    videoConfigured,
    joinOpen,
    chat: room.ok
      ? {
          roomId: room.value.room.id,
          open: room.value.room.status === 'open',
          moderator: room.value.moderator,
          messages: room.value.messages,
          syncedAt: room.value.syncedAt,
          hasOlder: room.value.hasOlder,
          editWindowMs: context.services.roundtables.editWindowMs,
          formClientId: randomUUID(),
          reactionSet: context.services.roundtables.reactionSet,
          textLimits: context.services.roundtables.textLimits,
          me: { userId: actor.userId, displayName: actor.displayName },
          // The composer's @-autocomplete offers the room's live members, as on the room page.
          members: room.value.members
            .filter((m) => !m.removedAt)
            .map((m) => ({ userId: m.userId, displayName: m.displayName })),
          mutedUntil:
            room.value.members.find((m) => m.userId === actor.userId && !m.removedAt)?.mutedUntil?.toISOString() ??
            null,
        }
      : null,
  };
}

/**
 * The token is minted on POST only (never on a GET a link preview could fetch), after the service's own checks:
 * invited or the room's managers, around the meeting's time, for that meeting's room only. The call component asks
 * for it with fetch and reads the JSON.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const form = await readForm(request);
  if (form.get('intent') === 'send') {
    // The chat's composer without a live socket posts here (as it does on the room page): the message goes to the room.
    const meeting = await context.services.videoconferences.get(actor, params.id ?? '');
    if (!meeting.ok) throwFailure(meeting);
    const posted = await context.services.roundtables.post(actor, meeting.value.meeting.roundtableId, {
      clientId: String(form.get('clientId') ?? ''),
      body: String(form.get('body') ?? ''),
    });
    if (!posted.ok) throwFailure(posted);
    return redirect(`/meetings/${meeting.value.meeting.id}/call`);
  }
  const result = await context.services.videoconferences.join(actor, params.id ?? '');
  if (!result.ok) return data<JoinAnswer>({ ok: false, message: result.message }, { status: statusFor(result) });
  const { token, url, expiresAt, moderator } = result.value;
  return data<JoinAnswer>({ ok: true, url, token, expiresAt, moderator }, { headers: { 'Cache-Control': 'no-store' } });
}

export default function CallPage() {
  const t = useT();
  const { meeting, videoConfigured, joinOpen, chat } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const [hydrated, setHydrated] = useState(false);
  const [mutedUntil, setMutedUntil] = useState(chat?.mutedUntil ?? null);
  useEffect(() => setHydrated(true), []);

  // The token request is a fetcher POST to this route's action; the call component awaits its answer.
  const fetcher = useFetcher<typeof action>();
  const waiting = useRef<((answer: JoinAnswer) => void) | null>(null);
  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data && waiting.current) {
      waiting.current(fetcher.data as JoinAnswer);
      waiting.current = null;
    }
  }, [fetcher.state, fetcher.data]);
  const requestJoin = useCallback(
    () =>
      new Promise<JoinAnswer>((resolve) => {
        waiting.current = resolve;
        fetcher.submit({ intent: 'join' }, { method: 'post' });
      }),
    [fetcher.submit],
  );

  const closed = meeting.status === 'cancelled' || meeting.status === 'ended';
  return (
    <section className="call-page">
      <p>
        <Link to={`/meetings/${meeting.id}`}>← {t('vc.back')}</Link>
      </p>
      <h1>{t('vc.call.title', { title: meeting.title })}</h1>
      {!videoConfigured ? <FormMessage tone="info">{t('vc.notConfigured')}</FormMessage> : null}
      {videoConfigured && !joinOpen && !closed ? <p className="muted">{t('vc.joinOpens')}</p> : null}
      <div className="call-layout">
        <div className="call-main">
          {hydrated ? (
            <Suspense fallback={null}>
              <VideoCall canJoin={videoConfigured && joinOpen && !closed} requestJoin={requestJoin} />
            </Suspense>
          ) : null}
        </div>
        <aside className="call-chat" aria-labelledby="call-chat-heading">
          <h2 id="call-chat-heading">{t('vc.call.chat')}</h2>
          {chat ? (
            <RoomLive
              reactionSet={chat.reactionSet}
              textLimits={chat.textLimits}
              roomId={chat.roomId}
              me={chat.me}
              members={chat.members}
              initialMessages={chat.messages}
              syncedAt={chat.syncedAt}
              hasOlder={chat.hasOlder}
              open={chat.open}
              moderator={chat.moderator}
              editWindowMs={chat.editWindowMs}
              formClientId={chat.formClientId}
              mutedUntil={mutedUntil}
              onMuted={setMutedUntil}
              onAgenda={() => undefined}
              onRoomChanged={() => revalidator.revalidate()}
            />
          ) : (
            <p className="muted">{t('vc.call.chatOutsider')}</p>
          )}
        </aside>
      </div>
    </section>
  );
}
