import { Form } from '@remix-run/react';
import { Fragment, useEffect, useRef, useState } from 'react';
import type { AgendaItemView, MessageView, PresenceEntry } from '../../realtime/events';
import { useLang, useT } from '../utils/i18n';
import { connectRoom, type RoomConnection } from '../utils/room-socket.client';
import { firstOfEachDay, LocalDay, useReaderTimeZone } from './local-time';
import { excerpt, RoomMessage, type MessageAction, type RoomTextLimits } from './room-message';
import { MutedNotice } from './room-mute';
import { insertMention, mentionAt, suggestMembers } from './room-mention';

interface Props {
  roomId: string;
  me: { userId: string; displayName: string };
  initialMessages: MessageView[];
  /** The server's clock when the page read the messages: the live connection asks for the changes since. */
  syncedAt: string;
  hasOlder: boolean;
  open: boolean;
  moderator: boolean;
  /** Authors may edit or delete their own messages for this long (the service decides; this only shows buttons). */
  editWindowMs: number;
  formClientId: string;
  /** Until when the reader is muted (now or later), or null: the composer, edits and the hand are disabled. */
  mutedUntil: string | null;
  onMuted(mutedUntil: string | null): void;
  onAgenda(agenda: AgendaItemView[]): void;
  onRoomChanged(): void;
  /** The reactions members may give (the service's fixed set), in order. */
  reactionSet: ReadonlyArray<{ reaction: string; emoji: string }>;
  /** The lengths the service accepts, for the composer and the message forms (sent by the loader). */
  textLimits: RoomTextLimits;
  /** The room's members, for the composer's @-autocomplete (the service decides who a mention tells). */
  members: ReadonlyArray<{ userId: string; displayName: string }>;
}

/**
 * The message list and composer. Server-rendered with the latest messages and a plain form (works without
 * JavaScript); once hydrated it joins the room over Socket.IO: new messages arrive live, the composer sends with a
 * client-generated id and waits for the stored id, and a reconnect replays what was missed.
 */
export function RoomLive({
  roomId,
  me,
  initialMessages,
  syncedAt,
  hasOlder: initialHasOlder,
  open,
  moderator,
  editWindowMs,
  formClientId,
  mutedUntil,
  onMuted,
  onAgenda,
  onRoomChanged,
  reactionSet,
  textLimits,
  members,
}: Props) {
  const t = useT();
  const lang = useLang();
  const zone = useReaderTimeZone();
  const [messages, setMessages] = useState<MessageView[]>(initialMessages);
  const [hasOlder, setHasOlder] = useState(initialHasOlder);
  const [present, setPresent] = useState<PresenceEntry[]>([]);
  const [typing, setTyping] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [live, setLive] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [replyTo, setReplyTo] = useState<MessageView | null>(null);
  const [handError, setHandError] = useState<string | null>(null);
  const connection = useRef<RoomConnection | null>(null);
  const listEnd = useRef<HTMLLIElement>(null);
  const composer = useRef<HTMLTextAreaElement>(null);
  // The @-autocomplete (decision 031): the name being typed at the caret, the member highlighted, and the @ whose
  // list the reader closed with Escape (it stays closed until another @).
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const suggestions = mention && mention.start !== dismissedAt ? suggestMembers(mention.query, members, me.userId) : [];
  const listOpen = open && !mutedUntil && suggestions.length > 0;
  const activeMember = listOpen ? suggestions[Math.min(active, suggestions.length - 1)] : null;

  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const mergeRef = useRef<(incoming: MessageView[]) => void>(() => {});
  const callbacks = useRef({ onAgenda, onRoomChanged, onMuted });
  callbacks.current = { onAgenda, onRoomChanged, onMuted };

  // One connection per room: handlers read the latest state through refs and setters, so they need no re-subscribe.
  useEffect(() => {
    const merge = (incoming: MessageView[]) =>
      setMessages((current) => {
        const byId = new Map(current.map((m) => [m.id, m]));
        for (const m of incoming) byId.set(m.id, m);
        return [...byId.values()].sort((a, b) => a.seq - b.seq);
      });
    mergeRef.current = merge;
    // The server-rendered page holds every message up to its highest seq, and every change up to syncedAt.
    const conn = connectRoom(
      roomId,
      { seq: Math.max(0, ...messagesRef.current.map((m) => m.seq)), syncedAt },
      {
        onMessages: (incoming, { live: isLive }) => {
          merge(incoming);
          const fromOthers = incoming.filter((m) => m.authorId !== me.userId && !m.deleted);
          if (isLive && fromOthers.length)
            setAnnouncement(t('rooms.newMessage', { name: fromOthers[fromOthers.length - 1].authorName }));
        },
        onReset: (latest, older) => {
          setMessages(latest);
          setHasOlder(older);
        },
        onPresence: setPresent,
        onTyping: setTyping,
        onAgenda: (agenda) => callbacks.current.onAgenda(agenda),
        onRoomChanged: () => callbacks.current.onRoomChanged(),
        onMuted: (until) => callbacks.current.onMuted(until),
        onStatus: (connected) => setLive(connected),
        onError: setError,
      },
      { noAnswer: t('rooms.noAnswer'), notSent: t('rooms.notSent'), removed: t('rooms.removed') },
    );
    connection.current = conn;
    return () => conn.close();
  }, [roomId]);

  useEffect(() => {
    listEnd.current?.scrollIntoView({ block: 'nearest' });
    const last = messages.at(-1);
    if (last && live) connection.current?.markRead(last.id);
  }, [messages, live]);

  /** Follows the caret: opens, narrows or closes the list of members. */
  function trackMention(text: string, caret: number | null) {
    const found = caret === null ? null : mentionAt(text, caret);
    if (found?.query !== mention?.query || found?.start !== mention?.start) setActive(0);
    setMention(found);
    if (!found || found.start !== dismissedAt) setDismissedAt(null);
  }

  function chooseMember(member: { displayName: string }) {
    const field = composer.current;
    if (!mention || !field) return;
    const inserted = insertMention(draft, mention.start, field.selectionStart ?? draft.length, member.displayName);
    setDraft(inserted.text);
    setMention(null);
    requestAnimationFrame(() => {
      field.focus();
      field.setSelectionRange(inserted.caret, inserted.caret);
    });
  }

  // Screen readers hear how many members match once the list opens or narrows, and how to use it.
  useEffect(() => {
    if (listOpen) setAnnouncement(t('rooms.mention.count', { n: suggestions.length }));
  }, [listOpen, suggestions.length]);

  async function send(event: React.FormEvent<HTMLFormElement>) {
    if (!connection.current || !live) return; // no socket: the form posts to the server instead
    event.preventDefault();
    const body = draft.trim();
    if (!body) return;
    setError(null);
    const result = await connection.current.send(body, replyTo?.id);
    if (result.ok) {
      setDraft('');
      setReplyTo(null);
      mergeRef.current([result.message]);
    } else setError(result.message);
  }

  /** Edit, delete or pin one message: the stored message comes back and replaces the shown one. */
  const act: MessageAction = async (messageId, change) => {
    const conn = connection.current;
    if (!conn) return t('rooms.noAnswer');
    const result =
      'edit' in change
        ? await conn.edit(messageId, change.edit)
        : 'remove' in change
          ? await conn.remove(messageId)
          : 'hide' in change
            ? await conn.hide(messageId, change.hide)
            : 'react' in change
              ? await conn.react(messageId, change.react)
              : await conn.pin(messageId, change.pin);
    if (!result.ok) return result.message;
    mergeRef.current([result.message]);
    return null;
  };

  async function hand(raised: boolean, userId?: string) {
    setHandError(null);
    const result = await connection.current?.hand(raised, userId);
    if (result && !result.ok) setHandError(result.message);
  }

  const byId = new Map(messages.map((m) => [m.id, m]));
  const dayStarts = firstOfEachDay(messages, zone);
  const pinned = messages.filter((m) => m.pinned && !m.deleted);
  const myHand = present.find((p) => p.userId === me.userId)?.handRaisedAt ?? null;
  const hands = present.filter((p) => p.handRaisedAt).sort((a, b) => a.handRaisedAt!.localeCompare(b.handRaisedAt!));
  // Only authors change their words (issue 15); moderators hide instead (see RoomMessage).
  // A muted person edits nothing either (the service refuses it too).
  const mayChange = (m: MessageView) =>
    !mutedUntil && m.authorId === me.userId && Date.now() - Date.parse(m.createdAt) <= editWindowMs;

  async function loadOlder() {
    const older = await connection.current?.older(messages[0]?.seq);
    if (older) {
      setMessages((current) => [...older.messages.filter((m) => !current.some((c) => c.id === m.id)), ...current]);
      setHasOlder(older.hasOlder);
    }
  }

  return (
    <section aria-labelledby="messages-heading">
      <h2 id="messages-heading">{t('rooms.messages')}</h2>
      <p className="muted" aria-live="polite">
        {live ? t('rooms.live') : t('rooms.offline')}
        {present.length
          ? ` · ${t('rooms.present', { names: present.map((p) => (p.handRaisedAt ? `${p.displayName} ✋` : p.displayName)).join(', ') })}`
          : ''}
      </p>
      {live && open ? (
        <div className="hands">
          {/* The label says what a press does; aria-pressed on top of a changing label would be read twice. */}
          <button
            type="button"
            className="secondary small"
            onClick={() => hand(myHand === null)}
            disabled={!!mutedUntil && !myHand}
          >
            {myHand ? (
              t('rooms.lowerHand')
            ) : (
              <>
                <span aria-hidden="true">✋ </span>
                {t('rooms.raiseHand')}
              </>
            )}
          </button>
          {hands.length ? (
            <span className="muted"> {t('rooms.handsUp', { names: hands.map((p) => p.displayName).join(', ') })}</span>
          ) : null}
          {moderator
            ? hands
                .filter((p) => p.userId !== me.userId)
                .map((p) => (
                  <button key={p.userId} type="button" className="link-button" onClick={() => hand(false, p.userId)}>
                    {t('rooms.lowerHandOf', { name: p.displayName })}
                  </button>
                ))
            : null}
          {handError ? (
            <p role="alert" className="field-errors">
              {handError}
            </p>
          ) : null}
        </div>
      ) : null}
      {pinned.length ? (
        <details className="pinned" open>
          <summary>
            {t('rooms.pinnedMessages')} ({pinned.length})
          </summary>
          <ul>
            {pinned.map((m) => (
              <li key={m.id}>
                <a href={`#message-${m.id}`}>
                  {m.authorName}: {excerpt(m.body)}
                </a>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {hasOlder && live ? (
        <button type="button" className="link-button" onClick={loadOlder}>
          {t('rooms.older')}
        </button>
      ) : null}
      <ol className="messages" aria-label={t('rooms.messages')}>
        {messages.length === 0 ? <li className="muted">{t('rooms.noMessages')}</li> : null}
        {messages.map((m) => (
          <Fragment key={m.id}>
            {/* A room runs for weeks: each day starts with its date, in the reader's time zone. */}
            {dayStarts.has(m.id) ? (
              <li className="day-divider">
                <LocalDay value={m.createdAt} lang={lang} zone={zone} />
              </li>
            ) : null}
            <RoomMessage
              message={m}
              original={m.replyToId ? byId.get(m.replyToId) : undefined}
              mine={m.authorId === me.userId}
              actionable={live && open}
              mayChange={mayChange(m)}
              moderator={moderator}
              onReply={(message) => {
                setReplyTo(message);
                composer.current?.focus();
              }}
              act={act}
              viewerId={me.userId}
              reactionSet={reactionSet}
              textLimits={textLimits}
              reactable={open}
            />
          </Fragment>
        ))}
        <li ref={listEnd} aria-hidden="true" className="end" />
      </ol>
      {/* Screen readers hear new messages from others once, without re-reading the list. */}
      <p className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </p>
      {typing.length ? <p className="muted">{t('rooms.typing', { names: typing.join(', ') })}</p> : null}
      {error ? (
        <p role="alert" className="field-errors">
          {error}
        </p>
      ) : null}
      {open && mutedUntil ? <MutedNotice until={mutedUntil} /> : null}
      {open ? (
        <Form method="post" onSubmit={send} className="composer">
          <input type="hidden" name="intent" value="send" />
          <input type="hidden" name="clientId" value={formClientId} />
          <label htmlFor="composer">{t('rooms.write')}</label>
          {replyTo ? (
            <p className="replying" id="replying-to">
              {t('rooms.replyingTo', { name: replyTo.authorName, excerpt: excerpt(replyTo.body, 60) })}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => (setReplyTo(null), composer.current?.focus())}
              >
                {t('rooms.cancel')}
              </button>
            </p>
          ) : null}
          <textarea
            ref={composer}
            id="composer"
            name="body"
            rows={3}
            maxLength={textLimits.message}
            value={draft}
            disabled={!!mutedUntil}
            aria-autocomplete="list"
            aria-controls={listOpen ? 'mention-list' : undefined}
            aria-activedescendant={activeMember ? `mention-${activeMember.userId}` : undefined}
            onChange={(e) => {
              setDraft(e.target.value);
              trackMention(e.target.value, e.target.selectionStart);
              connection.current?.typing(e.target.value.length > 0);
            }}
            onSelect={(e) => trackMention(e.currentTarget.value, e.currentTarget.selectionStart)}
            onBlur={() => setMention(null)}
            onKeyDown={(e) => {
              if (listOpen && activeMember) {
                const n = suggestions.length;
                const handled: Record<string, () => void> = {
                  ArrowDown: () => setActive((i) => (Math.min(i, n - 1) + 1) % n),
                  ArrowUp: () => setActive((i) => (Math.min(i, n - 1) - 1 + n) % n),
                  Enter: () => chooseMember(activeMember),
                  Escape: () => setDismissedAt(mention?.start ?? null),
                };
                if (handled[e.key]) {
                  e.preventDefault();
                  handled[e.key]();
                  return;
                }
              }
              if (e.key === 'Escape' && replyTo) setReplyTo(null);
              else if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            aria-describedby={replyTo ? 'replying-to composer-hint' : 'composer-hint'}
          />
          {listOpen ? (
            <ul
              id="mention-list"
              role="listbox"
              aria-label={t('rooms.mention.listLabel')}
              className="mention-list"
              style={{ listStyle: 'none', margin: 0, padding: '0.25rem', border: '1px solid', maxWidth: '24rem' }}
            >
              {suggestions.map((member) => (
                <li
                  key={member.userId}
                  id={`mention-${member.userId}`}
                  role="option"
                  aria-selected={member === activeMember}
                  // Keeps the focus in the composer (a click would blur it and close the list first).
                  onMouseDown={(e) => {
                    e.preventDefault();
                    chooseMember(member);
                  }}
                  style={{
                    padding: '0.2rem 0.4rem',
                    cursor: 'pointer',
                    ...(member === activeMember ? { background: '#1d4e89', color: '#fff' } : {}),
                  }}
                >
                  {member.displayName}
                </li>
              ))}
            </ul>
          ) : null}
          <p id="composer-hint" className="hint">
            {t('rooms.composerHint')} {t('rooms.mentionHint')}
          </p>
          <button type="submit" disabled={!!mutedUntil}>
            {t('rooms.send')}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
