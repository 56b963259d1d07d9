import { Form } from '@remix-run/react';
import { useRef, useState } from 'react';
import type { MessageView } from '../../realtime/events';
import type { MessageKey } from '../i18n';
import { useT } from '../utils/i18n';
import { LocalTime } from './local-time';

/** The first words of a message, for reply previews. */
export function excerpt(body: string, length = 80): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/** An action on a message; it answers null when done, or a sentence to show next to the message. */
export type MessageAction = (
  messageId: number,
  change: { edit: string } | { remove: true } | { pin: boolean } | { hide: string } | { react: string },
) => Promise<string | null>;

interface Props {
  message: MessageView;
  /** The message this one replies to, when it is on the page. */
  original?: MessageView;
  mine: boolean;
  /** The live connection is up and the room open: actions can be offered. */
  actionable: boolean;
  /** The author within the edit window (the service still decides); moderators hide, they do not edit. */
  mayChange: boolean;
  moderator: boolean;
  onReply(message: MessageView): void;
  act: MessageAction;
  /** The reader, to say which reactions are theirs. */
  viewerId: string;
  /** The room's set of reactions (the service's, sent by the loader), in order. */
  reactionSet: ReadonlyArray<{ reaction: string; emoji: string }>;
  /** The room is open: reactions can be given (over the socket when live, by a plain form post otherwise). */
  reactable: boolean;
  /** The lengths the service accepts (sent by the loader). */
  textLimits: RoomTextLimits;
}

/** The room service's text limits (services/roundtables/limits.ts), as the room page's loader sends them. */
export interface RoomTextLimits {
  message: number;
  agendaTitle: number;
  hideReason: number;
}

/**
 * The reactions of a message: in an open room, one toggle button per reaction of the set (pressed when the reader
 * gave it), its count beside it; in a closed one, only the reactions given, as text. Each says its name and count to
 * screen readers ("Agree: 2").
 *
 * The buttons are a plain form (issue 15, decision 031): without JavaScript, or while the live connection is down, a
 * press posts `intent=react` to the room page, which toggles the reaction and redirects back to `#message-<id>`.
 * With a live connection the press goes over the socket instead and the form is not sent.
 */
function Reactions({
  message: m,
  actionable,
  reactable,
  viewerId,
  reactionSet,
  onToggle,
}: {
  message: MessageView;
  actionable: boolean;
  reactable: boolean;
  viewerId: string;
  reactionSet: Props['reactionSet'];
  onToggle(reaction: string): void;
}) {
  const t = useT();
  const given = new Map((m.reactions ?? []).map((r) => [r.reaction as string, r.userIds]));
  if (!reactable && !given.size) return null;
  const Group = reactable ? Form : 'div';
  return (
    <Group
      className="reactions"
      role="group"
      aria-label={t('rooms.reactionsOf', { name: m.authorName })}
      {...(reactable ? { method: 'post' as const, action: `/roundtables/${m.roundtableId}` } : {})}
    >
      {reactable ? (
        <>
          <input type="hidden" name="intent" value="react" />
          <input type="hidden" name="messageId" value={m.id} />
        </>
      ) : null}
      {reactionSet.map(({ reaction, emoji }) => {
        const people = given.get(reaction) ?? [];
        const label = t('rooms.reactionCount', {
          reaction: t(`rooms.reaction.${reaction}` as MessageKey),
          count: people.length,
        });
        if (!reactable)
          return people.length ? (
            <span key={reaction} className="reaction" title={label}>
              <span aria-hidden="true">
                {emoji} {people.length}
              </span>
              <span className="visually-hidden">{label}</span>
            </span>
          ) : null;
        return (
          <button
            key={reaction}
            type="submit"
            name="reaction"
            value={reaction}
            className="reaction"
            aria-pressed={people.includes(viewerId)}
            aria-label={label}
            title={label}
            data-reaction={reaction}
            onClick={(event) => {
              if (!actionable) return; // no live connection: the form posts
              event.preventDefault();
              onToggle(reaction);
            }}
          >
            <span aria-hidden="true">
              {emoji}
              {people.length ? ` ${people.length}` : ''}
            </span>
          </button>
        );
      })}
    </Group>
  );
}

/**
 * One message of a room: its text or its editor, and the buttons the reader may use on it (reply; edit and delete
 * for its author within the edit window; pin and hide, with a reason the room reads, for moderators). Deleting asks
 * for a confirmation in place, hiding for the reason; a refusal from the server shows under the message.
 */
export function RoomMessage({
  message: m,
  original,
  mine,
  actionable,
  mayChange,
  moderator,
  onReply,
  act,
  viewerId,
  reactionSet,
  reactable,
  textLimits,
}: Props) {
  const t = useT();
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [hiding, setHiding] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const firstAction = useRef<HTMLButtonElement>(null);

  /** Back to the message's first button, so keyboard users keep their place. */
  const refocus = () => requestAnimationFrame(() => firstAction.current?.focus());

  async function run(change: Parameters<MessageAction>[1]): Promise<boolean> {
    setError(null);
    const refused = await act(m.id, change);
    setError(refused);
    return refused === null;
  }

  async function save() {
    if (editing !== null && (await run({ edit: editing }))) {
      setEditing(null);
      refocus();
    }
  }

  return (
    <li id={`message-${m.id}`} className={mine ? 'mine' : undefined} data-message-id={m.id}>
      <span className="author">{m.authorName}</span> <LocalTime value={m.createdAt} />
      {m.pinned ? <span className="badge">{t('rooms.pinned')}</span> : null}
      {m.replyToId ? (
        <a className="muted reply-ref" href={`#message-${m.replyToId}`}>
          {' '}
          {original && !original.deleted
            ? t('rooms.inReplyTo', { name: original.authorName, excerpt: excerpt(original.body, 60) })
            : t('rooms.replyTo', { id: m.replyToId })}
        </a>
      ) : null}
      {editing !== null ? (
        <form
          className="edit-message"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label htmlFor={`edit-${m.id}`} className="visually-hidden">
            {t('rooms.editLabel')}
          </label>
          <textarea
            id={`edit-${m.id}`}
            rows={3}
            maxLength={textLimits.message}
            autoFocus
            value={editing}
            aria-describedby={`edit-hint-${m.id}`}
            onChange={(e) => setEditing(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                setEditing(null);
                refocus();
              } else if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
          />
          <p id={`edit-hint-${m.id}`} className="hint">
            {t('rooms.editHint')}
          </p>
          <button type="submit" className="small">
            {t('rooms.save')}
          </button>{' '}
          <button type="button" className="secondary small" onClick={() => (setEditing(null), refocus())}>
            {t('rooms.cancel')}
          </button>
        </form>
      ) : (
        <p className="body">
          {m.deleted ? (
            <em className="muted">{t('rooms.deleted')}</em>
          ) : m.hidden ? (
            <em className="muted hidden-message">
              {t('rooms.hiddenBy', { name: m.hidden.byName, reason: m.hidden.reason })}
            </em>
          ) : (
            m.body
          )}
        </p>
      )}
      {m.editedAt && !m.deleted && !m.hidden ? <span className="muted">{t('rooms.edited')}</span> : null}
      {!m.deleted && !m.hidden ? (
        <Reactions
          message={m}
          actionable={actionable}
          reactable={reactable}
          viewerId={viewerId}
          reactionSet={reactionSet}
          onToggle={(reaction) => void run({ react: reaction })}
        />
      ) : null}
      {actionable && !m.deleted && !m.hidden && editing === null && hiding === null ? (
        <div className="message-actions" role="group" aria-label={t('rooms.actionsFor', { name: m.authorName })}>
          <button ref={firstAction} type="button" className="link-button" onClick={() => onReply(m)}>
            {t('rooms.reply')}
          </button>
          {mayChange ? (
            <>
              <button type="button" className="link-button" onClick={() => (setConfirming(false), setEditing(m.body))}>
                {t('rooms.edit')}
              </button>
              <button type="button" className="link-button" onClick={() => setConfirming(true)}>
                {t('rooms.delete')}
              </button>
            </>
          ) : null}
          {moderator ? (
            <>
              <button type="button" className="link-button" onClick={() => void run({ pin: !m.pinned })}>
                {m.pinned ? t('rooms.unpin') : t('rooms.pin')}
              </button>
              <button type="button" className="link-button" onClick={() => (setConfirming(false), setHiding(''))}>
                {t('rooms.hide')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {confirming && !m.deleted ? (
        <div className="confirm" role="group" aria-label={t('rooms.confirmDelete')}>
          <p>{t('rooms.confirmDelete')}</p>
          <button
            type="button"
            className="danger small"
            autoFocus
            onClick={async () => {
              if (await run({ remove: true })) setConfirming(false);
            }}
          >
            {t('rooms.confirmDeleteYes')}
          </button>{' '}
          <button type="button" className="secondary small" onClick={() => (setConfirming(false), refocus())}>
            {t('rooms.cancel')}
          </button>
        </div>
      ) : null}
      {hiding !== null && !m.hidden && !m.deleted ? (
        <form
          className="hide-message"
          onSubmit={async (event) => {
            event.preventDefault();
            if (await run({ hide: hiding })) setHiding(null);
          }}
        >
          <label htmlFor={`hide-${m.id}`}>{t('rooms.hideReason')}</label>
          <input
            id={`hide-${m.id}`}
            type="text"
            required
            minLength={3}
            maxLength={textLimits.hideReason}
            autoFocus
            value={hiding}
            aria-describedby={`hide-hint-${m.id}`}
            onChange={(e) => setHiding(e.target.value)}
          />
          <p id={`hide-hint-${m.id}`} className="hint">
            {t('rooms.hideHint')}
          </p>
          <button type="submit" className="danger small">
            {t('rooms.hideConfirm')}
          </button>{' '}
          <button type="button" className="secondary small" onClick={() => (setHiding(null), refocus())}>
            {t('rooms.cancel')}
          </button>
        </form>
      ) : null}
      {error ? (
        <p role="alert" className="field-errors">
          {error}
        </p>
      ) : null}
    </li>
  );
}
