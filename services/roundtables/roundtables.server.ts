import type { Database } from '../../db/client';
import type { DomainEventBus } from '../events';
import { createRoomAccess } from './access.server';
import { createAgendaModule } from './agenda.server';
import { createDigestModule } from './digest.server';
import { createMemoryFloodLimiter, type FloodLimiter } from './flood.server';
import {
  FLOOD_RULE,
  MAX_AGENDA_TITLE_LENGTH,
  MAX_DOCUMENT_TITLE_LENGTH,
  MAX_HIDE_REASON_LENGTH,
  MAX_MESSAGE_LENGTH,
  MAX_ROOM_DESCRIPTION_LENGTH,
  MAX_ROOM_TITLE_LENGTH,
  REACTION_EMOJI,
  REACTIONS,
} from './limits';
import { createMembershipModule } from './membership.server';
import { createMessagesModule } from './messages.server';
import { createRoomsModule } from './rooms.server';
import { createTranscriptModule } from './transcript.server';

// The room service's parts, by what they are (issue 14 item 3): who may enter and the guards (access.server.ts),
// rooms, membership and moderation, messages (with @mentions and reactions), agenda, transcript, the daily digest; the limits in one pure module (limits.ts) that
// the socket contract (realtime/events.ts) uses too.
export { mutedRefusal, type MessageView, type ReactionView, type RoomAccess } from './access.server';
export {
  EDIT_WINDOW_MS,
  FLOOD_RULE,
  HISTORY_PAGE,
  MAX_AGENDA_TITLE_LENGTH,
  MAX_HIDE_REASON_LENGTH,
  MAX_MESSAGE_LENGTH,
  REACTION_EMOJI,
  REACTIONS,
  REPLAY_LIMIT,
  type Reaction,
} from './limits';
export { mentionedMembers } from './mentions';
export { transcriptBlock, transcriptInline, type TranscriptLang } from './transcript.server';

interface Deps {
  db: Database;
  events: DomainEventBus;
  now: () => Date;
  /** The per-user message rate limit; default: in this process's memory (per node). */
  floodLimiter?: FloodLimiter;
}

/**
 * Roundtable rooms: membership, messages (store first, dedupe on the client's id, replay after an id), agenda,
 * moderation and transcripts. Every function checks access itself; the socket layer only transports.
 */
export function createRoundtablesService({ db, events, now, floodLimiter }: Deps) {
  const flood = floodLimiter ?? createMemoryFloodLimiter(FLOOD_RULE, () => now().getTime());
  const deps = { db, events, now };
  const entry = createRoomAccess(deps);
  const messages = createMessagesModule(deps, entry, flood);
  const rooms = createRoomsModule(deps, entry, messages.history);
  const service = {
    access: entry.access,
    /** The reactions members may give, in order, with their emoji (the room page shows them). */
    reactionSet: REACTIONS.map((reaction) => ({ reaction, emoji: REACTION_EMOJI[reaction] })),
    /** The lengths the service accepts (./limits), for the room pages' fields: one source for both. */
    textLimits: {
      roomTitle: MAX_ROOM_TITLE_LENGTH,
      roomDescription: MAX_ROOM_DESCRIPTION_LENGTH,
      documentTitle: MAX_DOCUMENT_TITLE_LENGTH,
      message: MAX_MESSAGE_LENGTH,
      agendaTitle: MAX_AGENDA_TITLE_LENGTH,
      hideReason: MAX_HIDE_REASON_LENGTH,
    },
    /** The clock that stamps messages' changes: a reconnecting client's `changedSince` is on it (decision 034). */
    syncPoint: () => now().toISOString(),
    ...rooms,
    ...messages,
    ...createAgendaModule(deps, entry),
    ...createMembershipModule(deps, entry),
    ...createTranscriptModule(deps, rooms, messages),
    ...createDigestModule(deps),
  };
  // A confirmed match opens its room and a new member joins their organization's open rooms: wired, with logging,
  // in services/subscriptions.ts.
  return service;
}
export type RoundtablesService = ReturnType<typeof createRoundtablesService>;
