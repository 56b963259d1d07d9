/**
 * The room's limits, in one place: the service checks them and the socket contract (realtime/events.ts) validates
 * payloads with the same numbers, so the two cannot disagree (issue 14 item 3). Pure: no database, no I/O.
 */

/** Characters in a roundtable's title and description (the convene form says the same). */
export const MAX_ROOM_TITLE_LENGTH = 200;
export const MAX_ROOM_DESCRIPTION_LENGTH = 5_000;
/** Characters in the title of a link shared in a room (the room page's form says the same). */
export const MAX_DOCUMENT_TITLE_LENGTH = 200;
/** Characters in one message (sent or edited). */
export const MAX_MESSAGE_LENGTH = 4_000;
/** Characters in one agenda item's title (the room page's form says the same). */
export const MAX_AGENDA_TITLE_LENGTH = 300;
/** Characters in the reason a moderator gives when hiding a message: the room reads it, so a sentence. */
export const MAX_HIDE_REASON_LENGTH = 300;
/** How long authors may edit or delete their own messages. */
export const EDIT_WINDOW_MS = 15 * 60_000;
/** Messages in one page of history. */
export const HISTORY_PAGE = 50;
/** At most this many missed messages are replayed to a reconnecting client (more: reload the latest page). */
export const REPLAY_LIMIT = 1_000;
/**
 * A reconnecting client asks for the changes made since it was last in sync; the server looks this much further
 * back (a change is stamped when its transaction starts, and two nodes' clocks may differ by a few milliseconds).
 */
export const CHANGE_REPLAY_SLACK_MS = 10_000;
/** Flood protection: at most this many messages per user per window. */
export const FLOOD_RULE = { limit: 10, windowMs: 10_000 };

/**
 * The reactions a member may put on a message (issue 15): a small fixed set, stored by name (the screens give each
 * its emoji and an accessible name in the reader's language).
 */
export const REACTIONS = ['agree', 'thanks', 'applause', 'done', 'question'] as const;
export type Reaction = (typeof REACTIONS)[number];
export const REACTION_EMOJI: Readonly<Record<Reaction, string>> = {
  agree: '👍',
  thanks: '🙏',
  applause: '👏',
  done: '✅',
  question: '❓',
};
