import { sql } from 'drizzle-orm';
import {
  bigserial,
  bigint,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { mandates } from './catalogue';
import { assistanceRequests, matches } from './cooperation';
import { organizations } from './organizations';

export const roundtableKind = pgEnum('roundtable_kind', ['technical_meeting', 'working_roundtable']);
/** open: live; closed: read-only; archived: read-only and out of the lists. */
export const roundtableStatus = pgEnum('roundtable_status', ['open', 'closed', 'archived']);
export const memberRole = pgEnum('roundtable_member_role', ['moderator', 'participant']);
export const agendaStatus = pgEnum('agenda_status', ['pending', 'in_discussion', 'done']);

/** A technical meeting or working roundtable convened by the Secretariat, by hand or from a confirmed match. */
export const roundtables = pgTable(
  'roundtables',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description'),
    kind: roundtableKind('kind').notNull(),
    status: roundtableStatus('status').notNull().default('open'),
    matchId: uuid('match_id').references(() => matches.id),
    requestId: uuid('request_id').references(() => assistanceRequests.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The room's last message number (`messages.seq`), kept by the `messages_assign_seq` trigger (migration 0007). */
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  },
  (t) => [uniqueIndex('roundtables_match_idx').on(t.matchId)],
);
export type RoundtableRow = typeof roundtables.$inferSelect;

export const roundtableMandates = pgTable(
  'roundtable_mandates',
  {
    roundtableId: uuid('roundtable_id')
      .notNull()
      .references(() => roundtables.id, { onDelete: 'cascade' }),
    mandateId: uuid('mandate_id')
      .notNull()
      .references(() => mandates.id),
  },
  (t) => [primaryKey({ columns: [t.roundtableId, t.mandateId] })],
);

export const roundtableOrganizations = pgTable(
  'roundtable_organizations',
  {
    roundtableId: uuid('roundtable_id')
      .notNull()
      .references(() => roundtables.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
  },
  (t) => [primaryKey({ columns: [t.roundtableId, t.organizationId] })],
);

/** People in a room. Removal keeps the row (history shows who spoke) with `removed_at` set. */
export const roundtableMembers = pgTable(
  'roundtable_members',
  {
    roundtableId: uuid('roundtable_id')
      .notNull()
      .references(() => roundtables.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: memberRole('role').notNull().default('participant'),
    mutedUntil: timestamp('muted_until', { withTimezone: true }),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    /**
     * How far this member has read: the `seq` of the last message seen. Unread counts are the room's messages after
     * it. A room position, not a message id: with several server processes a message with a lower id can commit
     * after one with a higher id, and a read mark by id would never count it (migration 0008).
     */
    lastReadSeq: bigint('last_read_seq', { mode: 'number' }).notNull().default(0),
    /** The daily e-mail digest has told this member of the room's messages up to this `seq` (issue 15). */
    digestedSeq: bigint('digested_seq', { mode: 'number' }).notNull().default(0),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roundtableId, t.userId] }), index('roundtable_members_user_idx').on(t.userId)],
);

/**
 * A message has two numbers. `id` (bigserial) is its identity: replies, pins, edits and read marks point at it.
 * `seq` is its place in its room: 1, 2, 3… with no gaps, given in commit order by the `messages_assign_seq` trigger
 * under the room's row lock (migration 0007, decision 007). History, replay and transcripts go by `seq`, because
 * ids from two server processes can commit out of order, while a room's seqs cannot: a client that holds seq 1…n
 * has everything up to n, and asks for "everything after n" when it reconnects or notices a gap.
 * (room, author, client_id) is unique: a resend of the same message is recognised.
 */
export const messages = pgTable(
  'messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    roundtableId: uuid('roundtable_id')
      .notNull()
      .references(() => roundtables.id, { onDelete: 'cascade' }),
    /** Set by the trigger on insert, whatever is given (the default only satisfies the column's type). */
    seq: bigint('seq', { mode: 'number' }).notNull().default(0),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    clientId: text('client_id').notNull(),
    body: text('body').notNull(),
    replyToId: bigint('reply_to_id', { mode: 'number' }),
    pinned: boolean('pinned').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /**
     * A moderator hid it (issue 15): the room sees who hid it, when and why, never the words; the words stay here
     * and in the audit trail. Only the author ever changes a message's body.
     */
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenBy: uuid('hidden_by').references(() => users.id),
    hiddenReason: text('hidden_reason'),
    /**
     * When the message last changed after it was sent (edited, deleted, hidden, pinned or unpinned, a reaction
     * toggled); null if never. A client that reconnects asks for the messages it holds that changed while it was
     * away (decision 034): Socket.IO's connection-state recovery is off, so nothing else replays them.
     */
    changedAt: timestamp('changed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('messages_room_author_client_idx').on(t.roundtableId, t.authorId, t.clientId),
    uniqueIndex('messages_room_seq_idx').on(t.roundtableId, t.seq),
    index('messages_room_changed_idx')
      .on(t.roundtableId, t.changedAt)
      .where(sql`${t.changedAt} is not null`),
  ],
);
export type MessageRow = typeof messages.$inferSelect;

/** Reactions (issue 15): one row per message, person and emoji (from the fixed set in services/roundtables/limits.ts). */
export const messageReactions = pgTable(
  'message_reactions',
  {
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    emoji: text('emoji').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId, t.emoji] })],
);

/**
 * @mentions (issue 15): who a message named, and when they were told. One row per message and person, so an edit
 * that keeps a mention does not tell the person twice.
 */
export const messageMentions = pgTable(
  'message_mentions',
  {
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    notifiedAt: timestamp('notified_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId] }), index('message_mentions_user_idx').on(t.userId)],
);

/** People who want no daily e-mail digest of unread room messages (issue 15): a row is an opt-out. */
export const roomDigestOptOuts = pgTable('room_digest_opt_outs', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  optedOutAt: timestamp('opted_out_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One digest per person and day, claimed by inserting this row before sending: once across instances. */
export const roomDigests = pgTable(
  'room_digests',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    day: text('day').notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundtableId: uuid('roundtable_id')
      .notNull()
      .references(() => roundtables.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    status: agendaStatus('status').notNull().default('pending'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agenda_items_room_idx').on(t.roundtableId, t.position)],
);
export type AgendaItemRow = typeof agendaItems.$inferSelect;

/**
 * Documents shared in a room: either a link (`url`) or an uploaded file (`storage_key` and its metadata, the bytes
 * in the FileStore like registration attachments). The check keeps a row from being both or neither. Removal keeps
 * the row (the audit trail names the file and its SHA-256) with `removed_at` set.
 */
export const roundtableDocuments = pgTable(
  'roundtable_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundtableId: uuid('roundtable_id')
      .notNull()
      .references(() => roundtables.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    url: text('url'),
    fileName: text('file_name'),
    mediaType: text('media_type'),
    sizeBytes: integer('size_bytes'),
    sha256: text('sha256'),
    storageKey: text('storage_key'),
    sharedBy: uuid('shared_by').references(() => users.id),
    sharedAt: timestamp('shared_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by').references(() => users.id),
  },
  (t) => [
    check('roundtable_documents_link_or_file', sql`(${t.url} is null) <> (${t.storageKey} is null)`),
    index('roundtable_documents_room_idx').on(t.roundtableId, t.sharedAt),
  ],
);
export type RoundtableDocumentRow = typeof roundtableDocuments.$inferSelect;
