import { Form } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import type { AgendaItemView, MessageView, PresenceEntry } from '../../realtime/events';
import { useT } from '../utils/i18n';
import { LocalTime } from './local-time';
import { connectRoom, type RoomConnection } from '../utils/room-socket.client';

interface Props {
  roomId: string;
  me: { userId: string; displayName: string };
  initialMessages: MessageView[];
  hasOlder: boolean;
  open: boolean;
  moderator: boolean;
  formClientId: string;
  onAgenda(agenda: AgendaItemView[]): void;
  onRoomChanged(): void;
}

/**
 * The message list and composer. Server-rendered with the latest messages and a plain form (works without
 * JavaScript); once hydrated it joins the room over Socket.IO: new messages arrive live, the composer sends with a
 * client-generated id and waits for the stored id, and a reconnect replays what was missed.
 */
export function RoomLive({ roomId, me, initialMessages, hasOlder: initialHasOlder, open, formClientId, onAgenda, onRoomChanged }: Props) {
  const t = useT();
  const [messages, setMessages] = useState<MessageView[]>(initialMessages);
  const [hasOlder, setHasOlder] = useState(initialHasOlder);
  const [present, setPresent] = useState<PresenceEntry[]>([]);
  const [typing, setTyping] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [live, setLive] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const connection = useRef<RoomConnection | null>(null);
  const listEnd = useRef<HTMLLIElement>(null);

  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const mergeRef = useRef<(incoming: MessageView[]) => void>(() => {});
  const callbacks = useRef({ onAgenda, onRoomChanged });
  callbacks.current = { onAgenda, onRoomChanged };

  // One connection per room: handlers read the latest state through refs and setters, so they need no re-subscribe.
  useEffect(() => {
    const merge = (incoming: MessageView[]) =>
      setMessages((current) => {
        const byId = new Map(current.map((m) => [m.id, m]));
        for (const m of incoming) byId.set(m.id, m);
        return [...byId.values()].sort((a, b) => a.seq - b.seq);
      });
    mergeRef.current = merge;
    // The server-rendered page holds every message up to its highest seq.
    const conn = connectRoom(roomId, Math.max(0, ...messagesRef.current.map((m) => m.seq)), {
      onMessages: (incoming, { live: isLive }) => {
        merge(incoming);
        const fromOthers = incoming.filter((m) => m.authorId !== me.userId && !m.deleted);
        if (isLive && fromOthers.length) setAnnouncement(t('rooms.newMessage', { name: fromOthers[fromOthers.length - 1].authorName }));
      },
      onReset: (latest, older) => {
        setMessages(latest);
        setHasOlder(older);
      },
      onPresence: setPresent,
      onTyping: setTyping,
      onAgenda: (agenda) => callbacks.current.onAgenda(agenda),
      onRoomChanged: () => callbacks.current.onRoomChanged(),
      onStatus: (connected) => setLive(connected),
      onError: setError,
    }, { noAnswer: t('rooms.noAnswer'), notSent: t('rooms.notSent'), removed: t('rooms.removed') });
    connection.current = conn;
    return () => conn.close();
  }, [roomId]);

  useEffect(() => {
    listEnd.current?.scrollIntoView({ block: 'nearest' });
    const last = messages.at(-1);
    if (last && live) connection.current?.markRead(last.id);
  }, [messages, live]);

  async function send(event: React.FormEvent<HTMLFormElement>) {
    if (!connection.current || !live) return; // no socket: the form posts to the server instead
    event.preventDefault();
    const body = draft.trim();
    if (!body) return;
    setError(null);
    const result = await connection.current.send(body);
    if (result.ok) {
      setDraft('');
      mergeRef.current([result.message]);
    } else setError(result.message);
  }

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
        {present.length ? ` · ${t('rooms.present', { names: present.map((p) => (p.handRaisedAt ? `${p.displayName} ✋` : p.displayName)).join(', ') })}` : ''}
      </p>
      {hasOlder && live ? (
        <button type="button" className="link-button" onClick={loadOlder}>
          {t('rooms.older')}
        </button>
      ) : null}
      <ol className="messages" aria-label={t('rooms.messages')}>
        {messages.length === 0 ? <li className="muted">{t('rooms.noMessages')}</li> : null}
        {messages.map((m) => (
          <li key={m.id} id={`message-${m.id}`} className={m.authorId === me.userId ? 'mine' : undefined} data-message-id={m.id}>
            <span className="author">{m.authorName}</span> <LocalTime value={m.createdAt} />
            {m.pinned ? <span className="badge">{t('rooms.pinned')}</span> : null}
            {m.replyToId ? <span className="muted"> {t('rooms.replyTo', { id: m.replyToId })}</span> : null}
            <p className="body">{m.deleted ? <em className="muted">{t('rooms.deleted')}</em> : m.body}</p>
            {m.editedAt && !m.deleted ? <span className="muted">{t('rooms.edited')}</span> : null}
          </li>
        ))}
        <li ref={listEnd} aria-hidden="true" className="end" />
      </ol>
      {/* Screen readers hear new messages from others once, without re-reading the list. */}
      <p className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </p>
      {typing.length ? <p className="muted">{t('rooms.typing', { names: typing.join(', ') })}</p> : null}
      {error ? <p role="alert" className="field-errors">{error}</p> : null}
      {open ? (
        <Form method="post" onSubmit={send} className="composer">
          <input type="hidden" name="intent" value="send" />
          <input type="hidden" name="clientId" value={formClientId} />
          <label htmlFor="composer">{t('rooms.write')}</label>
          <textarea
            id="composer"
            name="body"
            rows={3}
            maxLength={4000}
            value={draft}
            onChange={(e) => {
              setDraft(e.target.value);
              connection.current?.typing(e.target.value.length > 0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            aria-describedby="composer-hint"
          />
          <p id="composer-hint" className="hint">
            {t('rooms.composerHint')}
          </p>
          <button type="submit">{t('rooms.send')}</button>
        </Form>
      ) : null}
    </section>
  );
}
