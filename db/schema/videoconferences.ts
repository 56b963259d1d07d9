import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { organizations } from './organizations';
import { roundtables } from './roundtables';

/** scheduled → live (room_started) → ended (room_finished); cancelled at any point before, and kept in history. */
export const meetingStatus = pgEnum('meeting_status', ['scheduled', 'live', 'ended', 'cancelled']);
export const reminderKind = pgEnum('meeting_reminder_kind', ['24h', '15m']);
export const attendanceSource = pgEnum('meeting_attendance_source', ['webhook', 'manual']);

/**
 * A videoconference of a roundtable. `sequence` is the iCalendar SEQUENCE: bumped on every reschedule and on
 * cancellation, so calendars replace the earlier invitation (whose UID, the meeting id, never changes).
 * `livekit_room` is the LiveKit room name, derived from the id once: it never comes from a request.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundtableId: uuid('roundtable_id')
      .notNull()
      .references(() => roundtables.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    agenda: text('agenda'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** The organizer's IANA time zone: times are shown in it beside the reader's own. */
    timeZone: text('time_zone').notNull(),
    status: meetingStatus('status').notNull().default('scheduled'),
    sequence: integer('sequence').notNull().default(0),
    livekitRoom: text('livekit_room').notNull().unique(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** From the webhooks: when LiveKit opened and closed the room. */
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('meetings_room_idx').on(t.roundtableId, t.startsAt),
    index('meetings_status_start_idx').on(t.status, t.startsAt),
    check('meetings_duration_positive', sql`${t.durationMinutes} between 5 and 600`),
  ],
);
export type MeetingRow = typeof meetings.$inferSelect;

/**
 * Who is invited, fixed when the meeting is scheduled: the room's members from the meeting's organizations, plus
 * people added by hand; a person left out keeps a row with `left_out` set, so rescheduling does not invite them
 * again. `organization_id` is the organization they attend for (attendance is reported per organization).
 */
export const meetingParticipants = pgTable(
  'meeting_participants',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    moderator: boolean('moderator').notNull().default(false),
    leftOut: boolean('left_out').notNull().default(false),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index('meeting_participants_user_idx').on(t.userId)],
);

/**
 * A reminder claimed before it is sent: the primary key makes the claim once per meeting version (`sequence`),
 * kind and person, so two server instances running the same cron tick never send one twice, and a rescheduled
 * meeting is reminded again at its new time.
 */
export const meetingReminders = pgTable(
  'meeting_reminders',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    sequence: integer('sequence').notNull(),
    kind: reminderKind('kind').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.sequence, t.kind, t.userId] })],
);

/** A person's private calendar feed. The secret travels only in the feed's address; the table keeps its SHA-256. */
export const calendarFeedTokens = pgTable(
  'calendar_feed_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('calendar_feed_tokens_user_idx').on(t.userId)],
);

/** One stretch of presence in a meeting: from a participant_joined to its participant_left, or marked by hand. */
export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true }),
    source: attendanceSource('source').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
  },
  (t) => [index('meeting_attendance_meeting_idx').on(t.meetingId, t.userId)],
);

/** LiveKit webhook events already applied (their `id`): a repeated delivery changes nothing. */
export const livekitWebhookEvents = pgTable('livekit_webhook_events', {
  id: text('id').primaryKey(),
  event: text('event').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});
