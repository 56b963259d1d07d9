import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lte, ne, notExists, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import {
  calendarFeedTokens,
  livekitWebhookEvents,
  mailOutbox,
  meetingAttendance,
  meetingParticipants,
  meetingReminders,
  meetings,
  memberships,
  notifications,
  organizations,
  roundtableMembers,
  roundtables,
  users,
  type MailAttachment,
  type MeetingRow,
} from '../../db/schema';
import type { Actor, Viewer } from '../actor';
import { writeAudit, type Executor } from '../audit/audit.server';
import type { DomainEventBus } from '../events';
import { mailFor, type Notice, type SpanishNames } from '../notifications/notifications.server';
import { conflict, fieldErrorsFrom, forbidden, invalid, notFound, ok, type Outcome } from '../outcome';
import { can } from '../permissions';
import { csvCell } from '../registration/publication.server';
import { transcriptInline } from '../roundtables/roundtables.server';
import { createAuditQueue, type AuditQueueOptions } from './audit-queue.server';
import { feedIcs, meetingIcs } from './ics.server';
import { JoinFactsCache, type JoinFacts } from './join-cache.server';
import type { LiveKit } from './livekit.server';
import { skippedLocalTime, validTimeZone, zonedTime, zonedToInstant } from './time.server';

/** A join link works from this long before the start until this long after the end. */
export const JOIN_EARLY_MS = 15 * 60_000;
export const JOIN_LATE_MS = 30 * 60_000;
/** Reminders: how long before the start each is sent. */
export const REMINDERS = [
  { kind: '24h' as const, beforeMs: 24 * 3600_000 },
  { kind: '15m' as const, beforeMs: 15 * 60_000 },
];
/** The LiveKit room is created this long before the start. */
export const ROOM_OPEN_BEFORE_MS = 10 * 60_000;
export const MAX_PARTICIPANTS = 100;

export interface MeetingView {
  id: string;
  roundtableId: string;
  roundtableTitle: string;
  title: string;
  agenda: string | null;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  timeZone: string;
  status: MeetingRow['status'];
  sequence: number;
  /** "2027-01-05 10:00 Lima (UTC−5)": the organizer's clock. */
  organizerTime: string;
  /** The same instant on the viewer's clock (their account's zone), zone named. */
  viewerTime: string;
  viewerZone: string;
}

export interface AttendanceLine {
  userId: string;
  name: string;
  organization: string;
  from: string;
  to: string | null;
  minutes: number;
  source: 'webhook' | 'manual';
}

// Each check's own words (translated by services/messages/es.ts), never zod's "Too big"/"Invalid input".
const MEETING_TITLE_MESSAGE = 'Give the meeting a title (at least 3 characters).';
const CHOOSE_PEOPLE = 'Choose people among the roundtable’s members.';
const scheduleSchema = z.object({
  title: z
    .string(MEETING_TITLE_MESSAGE)
    .trim()
    .min(3, MEETING_TITLE_MESSAGE)
    .max(200, 'A title has at most 200 characters.'),
  start: z.string('Give the date and time of the start.').trim().min(1, 'Give the date and time of the start.'),
  timeZone: z
    .string('Use an IANA time zone such as America/Lima.')
    .trim()
    .refine(validTimeZone, 'Use an IANA time zone such as America/Lima.'),
  durationMinutes: z.coerce
    .number('Give the duration in minutes.')
    .int('Give the duration in whole minutes.')
    .min(5, 'A meeting lasts at least 5 minutes.')
    .max(600, 'A meeting lasts at most 600 minutes.'),
  agenda: z.string('Write the agenda as text.').trim().max(5000, 'The agenda has at most 5000 characters.').optional(),
  addUserIds: z.array(z.uuid(CHOOSE_PEOPLE), CHOOSE_PEOPLE).default([]),
  leaveOutUserIds: z.array(z.uuid(CHOOSE_PEOPLE), CHOOSE_PEOPLE).default([]),
});
const rescheduleSchema = scheduleSchema.pick({ start: true, timeZone: true, durationMinutes: true });

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const endOf = (m: MeetingRow) => new Date(m.startsAt.getTime() + m.durationMinutes * 60_000);

/** The transcript section's own words (names and titles are kept as written). */
const TRANSCRIPT_WORDS = {
  en: {
    heading: 'Videoconferences',
    when: 'When',
    minutes: (n: number) => `${n} minutes`,
    status: 'Status',
    statuses: { scheduled: 'scheduled', live: 'in progress', ended: 'held', cancelled: 'cancelled' },
    columns: ['Person', 'Organization', 'From UTC', 'To UTC', 'Minutes', 'Recorded'],
    stillIn: '(still in the call)',
    byHand: 'by hand',
    fromCall: 'from the call',
    noAttendance: '(no attendance recorded)',
    attendanceForManagers: '(The attendance is in the transcript of the Secretariat and the moderators.)',
  },
  es: {
    heading: 'Videoconferencias',
    when: 'Cuándo',
    minutes: (n: number) => `${n} minutos`,
    status: 'Estado',
    statuses: { scheduled: 'programada', live: 'en curso', ended: 'celebrada', cancelled: 'cancelada' },
    columns: ['Persona', 'Organización', 'Desde UTC', 'Hasta UTC', 'Minutos', 'Registro'],
    stillIn: '(aún en la llamada)',
    byHand: 'a mano',
    fromCall: 'de la llamada',
    noAttendance: '(no se registró asistencia)',
    attendanceForManagers: '(La asistencia figura en la transcripción de la Secretaría y de los moderadores.)',
  },
} as const;

interface Deps {
  db: Database;
  now: () => Date;
  /** The address people open Minka at: the join link in invitations and calendar files. */
  publicUrl: string;
  /** Null: video is not configured (scheduling, invitations, reminders and attendance by hand still work). */
  livekit: LiveKit | null;
  /**
   * The domain events of the other modules: a room's membership changes drop the cached join facts at once
   * (decision 028). Without it (a service built alone) the cache is off.
   */
  events?: DomainEventBus;
  /** How long join facts are kept at most (default 5 s; 0 turns the cache off). */
  joinCacheMs?: number;
  /** The batched audit writer of joins (decision 028). */
  auditQueue?: AuditQueueOptions;
}

type Recipient = { id: string; email: string; locale: 'en' | 'es'; timeZone: string };

/**
 * Videoconferences of roundtables on LiveKit (issue 18, decision 018): scheduling by the Secretariat and the room's
 * moderators, invitations with a calendar file, reminders claimed once in the database, join tokens minted after our
 * own check, signed webhooks building attendance, and a private calendar feed.
 */
export function createVideoconferencesService({
  db,
  now,
  publicUrl,
  livekit,
  events,
  joinCacheMs = 5_000,
  auditQueue: auditQueueOptions,
}: Deps) {
  const base = publicUrl.replace(/\/+$/, '');
  const joinUrl = (id: string) => `${base}/meetings/${id}`;
  // Join facts are only kept while something tells us when they change (decision 028).
  const joinFacts = new JoinFactsCache(events ? joinCacheMs : 0);
  if (events) {
    // From every node of a cluster (the Redis relay, decision 033); after a break in the relay, forget everything.
    events.onEveryNode('roundtable.member_removed', ({ roundtableId }) => joinFacts.forgetRoom(roundtableId));
    events.onEveryNode('roundtable.changed', ({ roundtableId, what }) => {
      if (what === 'members' || what === 'status') joinFacts.forgetRoom(roundtableId);
    });
    events.onEveryNode('sessions.revoked', ({ userId }) => joinFacts.forgetUser(userId));
    events.onEveryNode('account.joined', ({ userId }) => joinFacts.forgetUser(userId));
    events.onRemoteGap(() => joinFacts.clear());
  }
  const joinAudit = createAuditQueue(db, auditQueueOptions);
  /** Someone removed from a room loses its meetings too, even those they were invited to before (decision 028). */
  const removedFromRoom = (userId: typeof meetingParticipants.userId) =>
    db
      .select({ one: sql`1` })
      .from(roundtableMembers)
      .where(
        and(
          eq(roundtableMembers.roundtableId, meetings.roundtableId),
          eq(roundtableMembers.userId, userId),
          isNotNull(roundtableMembers.removedAt),
        ),
      );

  async function viewerZone(userId: string): Promise<string> {
    const [row] = await db.select({ zone: users.timeZone }).from(users).where(eq(users.id, userId));
    return row && validTimeZone(row.zone) ? row.zone : 'UTC';
  }

  function view(m: MeetingRow, roundtableTitle: string, zone: string): MeetingView {
    return {
      id: m.id,
      roundtableId: m.roundtableId,
      roundtableTitle,
      title: m.title,
      agenda: m.agenda,
      startsAt: m.startsAt.toISOString(),
      endsAt: endOf(m).toISOString(),
      durationMinutes: m.durationMinutes,
      timeZone: m.timeZone,
      status: m.status,
      sequence: m.sequence,
      organizerTime: zonedTime(m.startsAt, m.timeZone),
      viewerTime: zonedTime(m.startsAt, zone),
      viewerZone: zone,
    };
  }

  /** The room, and whether the viewer manages its meetings (the Secretariat, or a moderator of the room). */
  async function roomAccess(
    viewer: Viewer,
    roundtableId: string,
  ): Promise<Outcome<{ title: string; status: string; manage: boolean; member: boolean; namedModerator: boolean }>> {
    if (!viewer) return forbidden('Log in to see the meetings of a roundtable.');
    if (!z.uuid().safeParse(roundtableId).success) return notFound('This roundtable does not exist.');
    const [row] = await db
      .select({ title: roundtables.title, status: roundtables.status, role: roundtableMembers.role })
      .from(roundtables)
      .leftJoin(
        roundtableMembers,
        and(
          eq(roundtableMembers.roundtableId, roundtables.id),
          eq(roundtableMembers.userId, viewer.userId),
          isNull(roundtableMembers.removedAt),
        ),
      )
      .where(eq(roundtables.id, roundtableId));
    if (!row) return notFound('This roundtable does not exist.');
    const member = row.role !== null;
    if (!can(viewer, { action: 'meeting.list', roomMember: member }))
      return forbidden('You are not a member of this roundtable.');
    const namedModerator = row.role === 'moderator';
    return ok({
      title: row.title,
      status: row.status,
      member,
      namedModerator,
      manage: can(viewer, { action: 'meeting.schedule', namedModerator }),
    });
  }

  /** The meeting, its room's title, and what the viewer may do with it. Participants and the room's managers see it. */
  async function meetingAccess(viewer: Viewer, meetingId: string) {
    if (!viewer) return forbidden('Log in to see this meeting.');
    if (!z.uuid().safeParse(meetingId).success) return notFound('This meeting does not exist.');
    const [row] = await db
      .select({
        meeting: meetings,
        roomTitle: roundtables.title,
        role: roundtableMembers.role,
        removedAt: roundtableMembers.removedAt,
        leftOut: meetingParticipants.leftOut,
        participantModerator: meetingParticipants.moderator,
        participantOrg: meetingParticipants.organizationId,
        participantOrgCode: organizations.code,
      })
      .from(meetings)
      .innerJoin(roundtables, eq(roundtables.id, meetings.roundtableId))
      .leftJoin(
        roundtableMembers,
        and(eq(roundtableMembers.roundtableId, meetings.roundtableId), eq(roundtableMembers.userId, viewer.userId)),
      )
      .leftJoin(
        meetingParticipants,
        and(eq(meetingParticipants.meetingId, meetings.id), eq(meetingParticipants.userId, viewer.userId)),
      )
      .leftJoin(organizations, eq(organizations.id, meetingParticipants.organizationId))
      .where(eq(meetings.id, meetingId));
    if (!row) return notFound('This meeting does not exist.');
    const removed = row.removedAt !== null;
    const participant = row.leftOut === false && !removed;
    const namedModerator = row.role === 'moderator' && !removed;
    if (!can(viewer, { action: 'meeting.view', invited: participant, namedModerator }))
      return forbidden('You are not invited to this meeting.');
    return ok({
      meeting: row.meeting,
      roomTitle: row.roomTitle,
      participant,
      namedModerator,
      /** Runs the call and reads its attendance. */
      manage: can(viewer, { action: 'meeting.moderate', namedModerator }),
      /** Moves and cancels it. */
      schedule: can(viewer, { action: 'meeting.schedule', namedModerator }),
      organizationId: row.participantOrg,
      organizationCode: row.participantOrgCode,
    });
  }

  async function recipientsOf(executor: Executor, meetingId: string): Promise<Recipient[]> {
    return executor
      .select({ id: users.id, email: users.email, locale: users.locale, timeZone: users.timeZone })
      .from(meetingParticipants)
      .innerJoin(users, eq(users.id, meetingParticipants.userId))
      .innerJoin(meetings, eq(meetings.id, meetingParticipants.meetingId))
      .where(
        and(
          eq(meetingParticipants.meetingId, meetingId),
          eq(meetingParticipants.leftOut, false),
          isNull(users.disabledAt),
          notExists(removedFromRoom(meetingParticipants.userId)),
        ),
      );
  }

  /** In-app notice and e-mail (in each recipient's language, with the time on their clock and the organizer's). */
  async function deliver(
    executor: Executor,
    recipients: Recipient[],
    meeting: MeetingRow,
    notice: (r: Recipient, when: { theirs: string; organizer: string }) => Notice,
    attachments: MailAttachment[] | null = null,
  ) {
    if (!recipients.length) return 0;
    const organizer = zonedTime(meeting.startsAt, meeting.timeZone);
    const notices = recipients.map((r) => ({
      r,
      n: notice(r, { theirs: zonedTime(meeting.startsAt, validTimeZone(r.timeZone) ? r.timeZone : 'UTC'), organizer }),
    }));
    await executor
      .insert(notifications)
      .values(notices.map(({ r, n }) => ({ userId: r.id, kind: n.kind, link: n.link, data: n.data ?? {} })));
    const names: SpanishNames = recipients.some((r) => r.locale === 'es')
      ? new Map(
          (await executor.select({ en: organizations.nameEn, es: organizations.nameEs }).from(organizations)).map(
            (o) => [o.en, o.es],
          ),
        )
      : new Map();
    await executor
      .insert(mailOutbox)
      .values(notices.map(({ r, n }) => ({ toAddress: r.email, ...mailFor(n, r.locale, names), attachments })));
    return recipients.length;
  }

  const icsPath = (id: string) => `/meetings/${id}/invite.ics`;

  /** The calendar file as a mail attachment: METHOD:REQUEST for an invitation or a move, METHOD:CANCEL when cancelled. */
  function icsAttachment(meeting: MeetingRow, roomTitle: string): MailAttachment[] {
    const method = meeting.status === 'cancelled' ? 'CANCEL' : 'REQUEST';
    return [
      {
        filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
        contentType: `text/calendar; charset=utf-8; method=${method}`,
        content: meetingIcs(meeting, joinUrl(meeting.id), roomTitle),
      },
    ];
  }

  function changeNotice(
    kind: 'videoconference.scheduled' | 'videoconference.rescheduled' | 'videoconference.cancelled',
    meeting: MeetingRow,
    roomTitle: string,
  ) {
    return (_r: Recipient, when: { theirs: string; organizer: string }): Notice => {
      const data = { title: meeting.title, room: roomTitle, when: when.theirs, organizerTime: when.organizer };
      const link = `/meetings/${meeting.id}`;
      if (kind === 'videoconference.cancelled') {
        return {
          kind,
          link,
          data,
          subject: `Videoconference cancelled: ${meeting.title}`,
          body: `The videoconference "${meeting.title}" of the roundtable "${roomTitle}", planned for ${when.theirs} (organizer’s time: ${when.organizer}), is cancelled. The calendar file that removes it: ${base}${icsPath(meeting.id)}.`,
        };
      }
      return {
        kind,
        link,
        data,
        subject:
          kind === 'videoconference.scheduled'
            ? `Videoconference invitation: ${meeting.title}`
            : `Videoconference moved: ${meeting.title}`,
        body: `The videoconference "${meeting.title}" of the roundtable "${roomTitle}" is on ${when.theirs} (organizer’s time: ${when.organizer}) and lasts ${meeting.durationMinutes} minutes. Join it from its page in Minka. The calendar file: ${base}${icsPath(meeting.id)}.`,
      };
    };
  }

  const ONLY_MANAGERS_SCHEDULE =
    'Only the Summits Secretariat and the roundtable’s moderators schedule videoconferences.';
  /** A start the zone skips (clocks moving forward) is refused, not read an hour off. */
  const skippedTimeMessage = (timeZone: string) =>
    `That time does not exist in ${timeZone}: the clocks move forward then. Choose another time.`;

  function startFrom(start: string, timeZone: string): Date | null {
    return zonedToInstant(start, timeZone);
  }

  const service = {
    videoConfigured: livekit !== null,

    async schedule(actor: Viewer, roundtableId: string, input: unknown): Promise<Outcome<MeetingView>> {
      const room = await roomAccess(actor, roundtableId);
      if (!room.ok) return room;
      if (!room.value.manage) return forbidden(ONLY_MANAGERS_SCHEDULE);
      if (room.value.status !== 'open') return conflict('This roundtable is closed: it is read-only.');
      const parsed = scheduleSchema.safeParse(input);
      if (!parsed.success) return invalid('Check the highlighted fields.', fieldErrorsFrom(parsed.error.issues));
      const { title, timeZone, durationMinutes, agenda, addUserIds, leaveOutUserIds } = parsed.data;
      const startsAt = startFrom(parsed.data.start, timeZone);
      if (!startsAt)
        return invalid('Check the highlighted fields.', { start: ['Give the date and time as 2027-01-05T10:00.'] });
      if (skippedLocalTime(parsed.data.start, timeZone))
        return invalid('Check the highlighted fields.', { start: [skippedTimeMessage(timeZone)] });
      if (startsAt.getTime() <= now().getTime())
        return invalid('Check the highlighted fields.', { start: ['The meeting must start in the future.'] });
      const me = actor!;
      // The room's members, each for the organization they belong to; people added by hand must belong to an
      // organization of the room (or the Secretariat), so nobody outside it is invited by a forged id.
      const members = await db
        .select({
          userId: roundtableMembers.userId,
          role: roundtableMembers.role,
          organizationId: memberships.organizationId,
        })
        .from(roundtableMembers)
        .innerJoin(memberships, eq(memberships.userId, roundtableMembers.userId))
        .innerJoin(users, eq(users.id, roundtableMembers.userId))
        .where(
          and(
            eq(roundtableMembers.roundtableId, roundtableId),
            isNull(roundtableMembers.removedAt),
            isNull(users.disabledAt),
          ),
        );
      const invited = new Map<string, { organizationId: string; moderator: boolean; leftOut: boolean }>();
      for (const m of members)
        if (!invited.has(m.userId))
          invited.set(m.userId, {
            organizationId: m.organizationId,
            moderator: m.role === 'moderator',
            leftOut: false,
          });
      if (addUserIds.length) {
        const extra = await db
          .select({ userId: memberships.userId, organizationId: memberships.organizationId, role: memberships.role })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(inArray(memberships.userId, addUserIds), isNull(users.disabledAt)));
        const known = new Set(extra.map((e) => e.userId));
        const unknown = addUserIds.filter((id) => !known.has(id));
        if (unknown.length)
          return invalid('Check the highlighted fields.', { addUserIds: ['Someone you added is not a Minka user.'] });
        for (const e of extra)
          if (!invited.has(e.userId))
            invited.set(e.userId, { organizationId: e.organizationId, moderator: false, leftOut: false });
      }
      if (!invited.has(me.userId))
        invited.set(me.userId, { organizationId: me.organizationId, moderator: true, leftOut: false });
      for (const id of leaveOutUserIds) {
        if (id === me.userId)
          return invalid('Check the highlighted fields.', {
            leaveOutUserIds: ['You organize the meeting: you cannot leave yourself out.'],
          });
        const person = invited.get(id);
        if (person) person.leftOut = true;
      }
      const meeting = await db.transaction(async (tx) => {
        const id = crypto.randomUUID();
        const [row] = await tx
          .insert(meetings)
          .values({
            id,
            roundtableId,
            title,
            agenda: agenda || null,
            startsAt,
            durationMinutes,
            timeZone,
            livekitRoom: `minka-${id}`,
            createdBy: me.userId,
            createdAt: now(),
            updatedAt: now(),
          })
          .returning();
        await tx.insert(meetingParticipants).values(
          [...invited].map(([userId, p]) => ({
            meetingId: id,
            userId,
            organizationId: p.organizationId,
            moderator: p.moderator,
            leftOut: p.leftOut,
          })),
        );
        await writeAudit(tx, {
          action: 'videoconference.scheduled',
          actorUserId: me.userId,
          subjectType: 'meeting',
          subjectId: id,
          data: {
            roundtableId,
            startsAt: startsAt.toISOString(),
            timeZone,
            durationMinutes,
            invited: [...invited.values()].filter((p) => !p.leftOut).length,
          },
        });
        await deliver(
          tx,
          await recipientsOf(tx, id),
          row,
          changeNotice('videoconference.scheduled', row, room.value.title),
          icsAttachment(row, room.value.title),
        );
        return row;
      });
      return ok(view(meeting, room.value.title, await viewerZone(me.userId)));
    },

    async reschedule(actor: Viewer, meetingId: string, input: unknown): Promise<Outcome<MeetingView>> {
      const access = await meetingAccess(actor, meetingId);
      if (!access.ok) return access;
      if (!access.value.schedule)
        return forbidden('Only the Summits Secretariat and the roundtable’s moderators reschedule videoconferences.');
      const current = access.value.meeting;
      if (current.status !== 'scheduled')
        return conflict('Only a meeting that has not started or been cancelled can be moved.');
      const parsed = rescheduleSchema.safeParse(input);
      if (!parsed.success) return invalid('Check the highlighted fields.', fieldErrorsFrom(parsed.error.issues));
      const startsAt = startFrom(parsed.data.start, parsed.data.timeZone);
      if (!startsAt)
        return invalid('Check the highlighted fields.', { start: ['Give the date and time as 2027-01-05T10:00.'] });
      if (skippedLocalTime(parsed.data.start, parsed.data.timeZone))
        return invalid('Check the highlighted fields.', { start: [skippedTimeMessage(parsed.data.timeZone)] });
      if (startsAt.getTime() <= now().getTime())
        return invalid('Check the highlighted fields.', { start: ['The meeting must start in the future.'] });
      const updated = await db.transaction(async (tx) => {
        // The sequence is bumped in the statement (and the status re-checked), so two moves never share a version.
        const [row] = await tx
          .update(meetings)
          .set({
            startsAt,
            timeZone: parsed.data.timeZone,
            durationMinutes: parsed.data.durationMinutes,
            sequence: sql`${meetings.sequence} + 1`,
            updatedAt: now(),
          })
          .where(and(eq(meetings.id, meetingId), eq(meetings.status, 'scheduled')))
          .returning();
        if (!row) return null;
        await writeAudit(tx, {
          action: 'videoconference.rescheduled',
          actorUserId: actor!.userId,
          subjectType: 'meeting',
          subjectId: meetingId,
          data: {
            from: current.startsAt.toISOString(),
            to: startsAt.toISOString(),
            timeZone: parsed.data.timeZone,
            sequence: row.sequence,
          },
        });
        await deliver(
          tx,
          await recipientsOf(tx, meetingId),
          row,
          changeNotice('videoconference.rescheduled', row, access.value.roomTitle),
          icsAttachment(row, access.value.roomTitle),
        );
        return row;
      });
      joinFacts.forgetMeeting(meetingId);
      if (!updated) return conflict('Only a meeting that has not started or been cancelled can be moved.');
      return ok(view(updated, access.value.roomTitle, await viewerZone(actor!.userId)));
    },

    async cancel(actor: Viewer, meetingId: string): Promise<Outcome<MeetingView>> {
      const access = await meetingAccess(actor, meetingId);
      if (!access.ok) return access;
      if (!access.value.schedule)
        return forbidden('Only the Summits Secretariat and the roundtable’s moderators cancel videoconferences.');
      const updated = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(meetings)
          .set({ status: 'cancelled', cancelledAt: now(), sequence: sql`${meetings.sequence} + 1`, updatedAt: now() })
          .where(and(eq(meetings.id, meetingId), eq(meetings.status, 'scheduled')))
          .returning();
        if (!row) return null;
        await writeAudit(tx, {
          action: 'videoconference.cancelled',
          actorUserId: actor!.userId,
          subjectType: 'meeting',
          subjectId: meetingId,
          data: { startsAt: row.startsAt.toISOString() },
        });
        await deliver(
          tx,
          await recipientsOf(tx, meetingId),
          row,
          changeNotice('videoconference.cancelled', row, access.value.roomTitle),
          icsAttachment(row, access.value.roomTitle),
        );
        return row;
      });
      joinFacts.forgetMeeting(meetingId);
      forgetRoomReady(meetingId);
      if (!updated) return conflict('Only a meeting that has not started or been cancelled can be cancelled.');
      return ok(view(updated, access.value.roomTitle, await viewerZone(actor!.userId)));
    },

    /** One meeting for its page: the viewer's part in it, the people invited, and attendance for its managers. */
    /** One meeting as its page shows it; organizations are named in the reader's language (`lang`). */
    async get(viewer: Viewer, meetingId: string, lang: 'en' | 'es' = 'en') {
      const access = await meetingAccess(viewer, meetingId);
      if (!access.ok) return access;
      const { meeting, roomTitle, participant, manage } = access.value;
      const invited = await db
        .select({
          userId: users.id,
          name: users.displayName,
          organization: lang === 'es' ? organizations.nameEs : organizations.nameEn,
          moderator: meetingParticipants.moderator,
          leftOut: meetingParticipants.leftOut,
          // Removed from the room since the invitation: they can no longer join (decision 028), so the page must not
          // list them as invited either; the room's managers see them marked.
          removedFromRoom: sql<boolean>`${roundtableMembers.removedAt} is not null`,
        })
        .from(meetingParticipants)
        .innerJoin(users, eq(users.id, meetingParticipants.userId))
        .innerJoin(organizations, eq(organizations.id, meetingParticipants.organizationId))
        .leftJoin(
          roundtableMembers,
          and(
            eq(roundtableMembers.roundtableId, meeting.roundtableId),
            eq(roundtableMembers.userId, meetingParticipants.userId),
          ),
        )
        .where(eq(meetingParticipants.meetingId, meetingId))
        .orderBy(asc(lang === 'es' ? organizations.nameEs : organizations.nameEn), asc(users.displayName));
      const t = now().getTime();
      const joinOpensAt = new Date(meeting.startsAt.getTime() - JOIN_EARLY_MS);
      const joinClosesAt = new Date(endOf(meeting).getTime() + JOIN_LATE_MS);
      return ok({
        meeting: view(meeting, roomTitle, await viewerZone(viewer!.userId)),
        participant,
        manage,
        invited: invited
          .map((p) => ({ ...p, removedFromRoom: Boolean(p.removedFromRoom) }))
          .filter((p) => (!p.leftOut && !p.removedFromRoom) || manage),
        joinOpen:
          meeting.status !== 'cancelled' &&
          meeting.status !== 'ended' &&
          t >= joinOpensAt.getTime() &&
          t <= joinClosesAt.getTime(),
        joinOpensAt: joinOpensAt.toISOString(),
        videoConfigured: livekit !== null,
        attendance: manage ? await attendanceOf(meetingId, lang) : null,
      });
    },

    /** The viewer's meetings: upcoming (soonest first) and past (latest first), cancelled ones kept in history. */
    async mine(actor: Actor, options: { pastLimit?: number } = {}) {
      const zone = await viewerZone(actor.userId);
      const rows = await db
        .select({ meeting: meetings, roomTitle: roundtables.title })
        .from(meetingParticipants)
        .innerJoin(meetings, eq(meetings.id, meetingParticipants.meetingId))
        .innerJoin(roundtables, eq(roundtables.id, meetings.roundtableId))
        .where(
          and(
            eq(meetingParticipants.userId, actor.userId),
            eq(meetingParticipants.leftOut, false),
            notExists(removedFromRoom(meetingParticipants.userId)),
          ),
        )
        .orderBy(asc(meetings.startsAt));
      const t = now().getTime();
      const upcoming = rows
        .filter((r) => endOf(r.meeting).getTime() >= t && r.meeting.status !== 'ended')
        .map((r) => view(r.meeting, r.roomTitle, zone));
      const past = rows
        .filter((r) => endOf(r.meeting).getTime() < t || r.meeting.status === 'ended')
        .reverse()
        .slice(0, options.pastLimit ?? 50)
        .map((r) => view(r.meeting, r.roomTitle, zone));
      return { upcoming, past, zone };
    },

    /**
     * Whether the viewer may open a room's schedule form: the service's refusal, so that the page's 403 gives its
     * reason in the reader's language like every other (outside tester: it came in English from the route).
     */
    async maySchedule(viewer: Viewer, roundtableId: string): Promise<Outcome<null>> {
      const room = await roomAccess(viewer, roundtableId);
      if (!room.ok) return room;
      return room.value.manage ? ok(null) : forbidden(ONLY_MANAGERS_SCHEDULE);
    },

    /** A room's meetings (members and the Secretariat), and the next one for the room page. */
    async forRoom(viewer: Viewer, roundtableId: string) {
      const room = await roomAccess(viewer, roundtableId);
      if (!room.ok) return room;
      const zone = await viewerZone(viewer!.userId);
      const rows = await db
        .select()
        .from(meetings)
        .where(eq(meetings.roundtableId, roundtableId))
        .orderBy(asc(meetings.startsAt));
      const t = now().getTime();
      const list = rows.map((m) => view(m, room.value.title, zone));
      const next = rows.find((m) => (m.status === 'scheduled' || m.status === 'live') && endOf(m).getTime() >= t);
      return ok({
        meetings: list,
        next: next ? view(next, room.value.title, zone) : null,
        manage: room.value.manage,
        zone,
      });
    },

    /** The invitation as a calendar file, for the people who may see the meeting. */
    async invitationIcs(viewer: Viewer, meetingId: string): Promise<Outcome<{ fileName: string; ics: string }>> {
      const access = await meetingAccess(viewer, meetingId);
      if (!access.ok) return access;
      return ok({
        fileName: `meeting-${meetingId}.ics`,
        ics: meetingIcs(access.value.meeting, joinUrl(meetingId), access.value.roomTitle),
      });
    },

    /**
     * A token for the meeting's LiveKit room: our own check first (invited, or the room's managers), only around
     * the meeting's time, for that room only, lasting until the join window closes. The facts the check reads from
     * the database (the meeting, the person's part in it and in its room) are kept a few seconds and dropped when
     * they change; the check itself, with the person's own role, runs on every join; the audit line is queued and
     * written in batches; the token is signed with a key prepared once (decision 028).
     */
    async join(
      actor: Viewer,
      meetingId: string,
    ): Promise<Outcome<{ token: string; url: string; room: string; expiresAt: string; moderator: boolean }>> {
      if (!actor) return forbidden('Log in to see this meeting.');
      let facts = joinFacts.get(meetingId, actor.userId);
      if (!facts) {
        const generation = joinFacts.generation;
        const access = await meetingAccess(actor, meetingId);
        if (!access.ok) return access;
        const { meeting } = access.value;
        facts = {
          meeting: {
            id: meeting.id,
            roundtableId: meeting.roundtableId,
            status: meeting.status,
            startsAt: meeting.startsAt,
            durationMinutes: meeting.durationMinutes,
            livekitRoom: meeting.livekitRoom,
            title: meeting.title,
          },
          participant: access.value.participant,
          namedModerator: access.value.namedModerator,
          organizationCode: access.value.organizationCode,
        } satisfies JoinFacts;
        joinFacts.set(actor.userId, facts, generation);
      }
      const { meeting, participant, namedModerator } = facts;
      // The same decisions as meetingAccess, from the person's role now and the facts.
      if (!can(actor, { action: 'meeting.view', invited: participant, namedModerator }))
        return forbidden('You are not invited to this meeting.');
      if (!can(actor, { action: 'meeting.join', invited: participant }))
        return forbidden('You are not invited to this meeting.');
      const manage = can(actor, { action: 'meeting.moderate', namedModerator });
      if (meeting.status === 'cancelled') return conflict('This meeting was cancelled.');
      if (meeting.status === 'ended') return conflict('This meeting has ended.');
      const t = now().getTime();
      const opens = meeting.startsAt.getTime() - JOIN_EARLY_MS;
      const closes = meeting.startsAt.getTime() + meeting.durationMinutes * 60_000 + JOIN_LATE_MS;
      if (t < opens) return conflict('You can join from 15 minutes before the start.');
      if (t > closes) return conflict('This meeting has ended.');
      if (!livekit) return conflict('The video service is not configured on this Minka server. Ask the Secretariat.');
      const orgCode = facts.organizationCode ?? actor.organizationCode;
      try {
        await ensureRoom(meeting);
      } catch {
        return conflict('The video service did not answer. Try again in a moment.');
      }
      const ttlSeconds = Math.max(60, Math.ceil((closes - t) / 1000));
      const token = livekit.joinToken({
        room: meeting.livekitRoom,
        identity: actor.userId,
        name: `${actor.displayName} (${orgCode})`,
        moderator: manage,
        ttlSeconds,
      });
      // Queued, not awaited: the batch is written within 50 ms; a long queue makes this join wait for it.
      joinAudit.push({
        action: 'videoconference.joined',
        actorUserId: actor.userId,
        subjectType: 'meeting',
        subjectId: meetingId,
        ip: actor.ip ?? null,
      });
      const backlog = joinAudit.ready();
      if (backlog) await backlog;
      return ok({
        token,
        url: livekit.url,
        room: meeting.livekitRoom,
        expiresAt: new Date(t + ttlSeconds * 1000).toISOString(),
        moderator: manage,
      });
    },

    /** Writes the join audit lines that wait (the server's shutdown calls it before closing the database). */
    async flushAudit(): Promise<void> {
      await joinAudit.drain();
    },

    /** Moderators: who is in the LiveKit room now. */
    async liveParticipants(actor: Viewer, meetingId: string) {
      const access = await meetingAccess(actor, meetingId);
      if (!access.ok) return access;
      if (!access.value.manage)
        return forbidden('Only the Summits Secretariat and the roundtable’s moderators manage the call.');
      if (!livekit) return conflict('The video service is not configured on this Minka server. Ask the Secretariat.');
      try {
        return ok(await livekit.listParticipants(access.value.meeting.livekitRoom));
      } catch {
        return ok([]);
      }
    },

    /** Moderators: remove someone from the call (the identity is a user id, as the token set it). */
    async removeFromCall(actor: Viewer, meetingId: string, identity: string): Promise<Outcome<{ removed: string }>> {
      const access = await meetingAccess(actor, meetingId);
      if (!access.ok) return access;
      if (!access.value.manage)
        return forbidden('Only the Summits Secretariat and the roundtable’s moderators manage the call.');
      if (!livekit) return conflict('The video service is not configured on this Minka server. Ask the Secretariat.');
      try {
        await livekit.removeParticipant(access.value.meeting.livekitRoom, identity);
      } catch {
        return notFound('This person is not in the call.');
      }
      await writeAudit(db, {
        action: 'videoconference.participant_removed',
        actorUserId: actor!.userId,
        subjectType: 'meeting',
        subjectId: meetingId,
        data: { identity },
      });
      return ok({ removed: identity });
    },

    /**
     * A LiveKit webhook: verified with the SDK's WebhookReceiver on the raw body (signature, lifetime, SHA-256);
     * a repeated event (same id) changes nothing.
     */
    async receiveWebhook(
      rawBody: string,
      authorization: string | undefined,
    ): Promise<Outcome<{ applied: boolean; event: string }>> {
      if (!livekit) return notFound('The video service is not configured on this Minka server.');
      let event: Awaited<ReturnType<LiveKit['receive']>>;
      try {
        event = await livekit.receive(rawBody, authorization);
      } catch {
        return forbidden('The webhook signature does not hold.');
      }
      const name = event.event;
      const roomName = event.room?.name ?? '';
      const at = event.createdAt ? new Date(Number(event.createdAt) * 1000) : now();
      let touched: string | null = null;
      const applied = await db.transaction(async (tx) => {
        if (event.id) {
          const fresh = await tx
            .insert(livekitWebhookEvents)
            .values({ id: event.id, event: name, receivedAt: now() })
            .onConflictDoNothing()
            .returning({ id: livekitWebhookEvents.id });
          if (!fresh.length) return false;
        }
        const [meeting] = await tx.select().from(meetings).where(eq(meetings.livekitRoom, roomName));
        if (!meeting) return false;
        touched = meeting.id;
        if (name === 'room_started') {
          await tx
            .update(meetings)
            .set({ status: 'live', startedAt: at, updatedAt: now() })
            .where(and(eq(meetings.id, meeting.id), eq(meetings.status, 'scheduled')));
        } else if (name === 'room_finished') {
          await tx
            .update(meetings)
            .set({ status: 'ended', endedAt: at, updatedAt: now() })
            .where(and(eq(meetings.id, meeting.id), ne(meetings.status, 'cancelled')));
          await tx
            .update(meetingAttendance)
            .set({ leftAt: at })
            .where(and(eq(meetingAttendance.meetingId, meeting.id), isNull(meetingAttendance.leftAt)));
        } else if (
          name === 'participant_joined' ||
          name === 'participant_left' ||
          name === 'participant_connection_aborted'
        ) {
          const identity = event.participant?.identity ?? '';
          if (!z.uuid().safeParse(identity).success) return false;
          const [person] = await tx
            .select({ organizationId: meetingParticipants.organizationId })
            .from(meetingParticipants)
            .where(and(eq(meetingParticipants.meetingId, meeting.id), eq(meetingParticipants.userId, identity)));
          const organizationId =
            person?.organizationId ??
            (
              await tx
                .select({ id: memberships.organizationId })
                .from(memberships)
                .where(eq(memberships.userId, identity))
            )[0]?.id;
          if (!organizationId) return false;
          if (name === 'participant_joined') {
            await tx
              .insert(meetingAttendance)
              .values({ meetingId: meeting.id, userId: identity, organizationId, joinedAt: at, source: 'webhook' });
            if (meeting.status === 'scheduled')
              await tx
                .update(meetings)
                .set({ status: 'live', startedAt: meeting.startedAt ?? at, updatedAt: now() })
                .where(eq(meetings.id, meeting.id));
          } else {
            const [open] = await tx
              .select({ id: meetingAttendance.id })
              .from(meetingAttendance)
              .where(
                and(
                  eq(meetingAttendance.meetingId, meeting.id),
                  eq(meetingAttendance.userId, identity),
                  isNull(meetingAttendance.leftAt),
                ),
              )
              .orderBy(desc(meetingAttendance.joinedAt))
              .limit(1);
            if (open) await tx.update(meetingAttendance).set({ leftAt: at }).where(eq(meetingAttendance.id, open.id));
          }
        }
        return true;
      });
      // The status may have moved (started, finished): joins read it again.
      if (
        applied &&
        touched &&
        (name === 'room_started' || name === 'room_finished' || name === 'participant_joined')
      ) {
        joinFacts.forgetMeeting(touched);
        if (name === 'room_finished') forgetRoomReady(touched);
      }
      return ok({ applied, event: name });
    },

    /** Attendance as CSV for the minutes (the Secretariat and the room's moderators): one line per person, times in UTC. */
    async attendanceCsv(viewer: Viewer, meetingId: string): Promise<Outcome<{ fileName: string; csv: string }>> {
      const access = await meetingAccess(viewer, meetingId);
      if (!access.ok) return access;
      if (!access.value.manage)
        return forbidden('Only the Summits Secretariat and the roundtable’s moderators read the attendance.');
      const lines = await attendanceOf(meetingId);
      const header = ['person', 'organization', 'from_utc', 'to_utc', 'minutes', 'recorded'];
      const rows = lines.map((l) =>
        [l.name, l.organization, l.from, l.to ?? '', l.minutes, l.source].map(csvCell).join(','),
      );
      return ok({ fileName: `attendance-${meetingId}.csv`, csv: [header.join(','), ...rows].join('\r\n') + '\r\n' });
    },

    /**
     * The room's videoconferences as a Markdown section for the end of the roundtable's transcript (the minutes):
     * each meeting held (or live) with its time on the organizer's clock and, for the Secretariat and the room's
     * moderators (who read the attendance), one line per person and organization with from, to and total minutes.
     * Cancelled and future meetings are left out; an empty string when there is nothing to add.
     */
    async transcriptSection(viewer: Viewer, roundtableId: string, lang: 'en' | 'es' = 'en'): Promise<Outcome<string>> {
      const room = await roomAccess(viewer, roundtableId);
      if (!room.ok) return room;
      const l = TRANSCRIPT_WORDS[lang];
      const t = now().getTime();
      const rows = await db
        .select()
        .from(meetings)
        .where(and(eq(meetings.roundtableId, roundtableId), ne(meetings.status, 'cancelled')))
        .orderBy(asc(meetings.startsAt));
      const held = rows.filter((m) => m.status !== 'scheduled' || m.startsAt.getTime() <= t);
      if (!held.length) return ok('');
      const utc = (iso: string) => iso.slice(0, 16).replace('T', ' ');
      const out = [`## ${l.heading}`, ''];
      for (const m of held) {
        out.push(`### ${transcriptInline(m.title)}`, '');
        out.push(`- ${l.when}: ${zonedTime(m.startsAt, m.timeZone)}, ${l.minutes(m.durationMinutes)}`);
        out.push(`- ${l.status}: ${l.statuses[m.status]}`, '');
        if (!can(viewer, { action: 'meeting.moderate', namedModerator: room.value.namedModerator })) {
          out.push(l.attendanceForManagers, '');
          continue;
        }
        const lines = await attendanceOf(m.id, lang);
        if (!lines.length) {
          out.push(l.noAttendance, '');
          continue;
        }
        out.push(`| ${l.columns.join(' | ')} |`, `|${l.columns.map(() => '---').join('|')}|`);
        for (const a of lines)
          out.push(
            `| ${[
              transcriptInline(a.name),
              transcriptInline(a.organization),
              utc(a.from),
              a.to ? utc(a.to) : l.stillIn,
              String(a.minutes),
              a.source === 'manual' ? l.byHand : l.fromCall,
            ].join(' | ')} |`,
          );
        out.push('');
      }
      return ok(out.join('\n'));
    },

    /** The Secretariat marks attendance by hand (a meeting held elsewhere): present for the whole meeting. */
    async markAttendance(actor: Viewer, meetingId: string, userId: string): Promise<Outcome<{ userId: string }>> {
      if (!can(actor, { action: 'meeting.record_attendance' }))
        return forbidden('Only the Summits Secretariat marks attendance by hand.');
      const access = await meetingAccess(actor, meetingId);
      if (!access.ok) return access;
      const meeting = access.value.meeting;
      if (meeting.status === 'cancelled') return conflict('This meeting was cancelled.');
      if (!z.uuid().safeParse(userId).success)
        return invalid('Check the highlighted fields.', { userId: ['Choose someone invited to the meeting.'] });
      const [person] = await db
        .select()
        .from(meetingParticipants)
        .where(
          and(
            eq(meetingParticipants.meetingId, meetingId),
            eq(meetingParticipants.userId, userId),
            eq(meetingParticipants.leftOut, false),
          ),
        );
      if (!person)
        return invalid('Check the highlighted fields.', { userId: ['Choose someone invited to the meeting.'] });
      await db.transaction(async (tx) => {
        await tx.insert(meetingAttendance).values({
          meetingId,
          userId,
          organizationId: person.organizationId,
          joinedAt: meeting.startsAt,
          leftAt: endOf(meeting),
          source: 'manual',
          recordedBy: actor!.userId,
        });
        await writeAudit(tx, {
          action: 'videoconference.attendance_marked',
          actorUserId: actor!.userId,
          subjectType: 'meeting',
          subjectId: meetingId,
          data: { userId },
        });
      });
      return ok({ userId });
    },

    /**
     * Reminders 24 h and 15 min before the start, in the app and by e-mail. Each (meeting version, kind, person) is
     * claimed by inserting its key before sending, in the same transaction: of two instances running the same
     * tick, one inserts and sends, the other's insert conflicts and it sends nothing. A reminder is only sent when
     * the meeting was scheduled (or moved) before the reminder's time: the invitation itself says as much.
     */
    async sendDueReminders(): Promise<number> {
      const t = now().getTime();
      let sent = 0;
      for (const { kind, beforeMs } of REMINDERS) {
        const due = await db
          .select({ meeting: meetings, roomTitle: roundtables.title })
          .from(meetings)
          .innerJoin(roundtables, eq(roundtables.id, meetings.roundtableId))
          .where(
            and(
              eq(meetings.status, 'scheduled'),
              gt(meetings.startsAt, new Date(t)),
              lte(meetings.startsAt, new Date(t + beforeMs)),
              lte(meetings.updatedAt, sql`${meetings.startsAt} - ${`${beforeMs / 1000} seconds`}::interval`),
            ),
          );
        for (const { meeting, roomTitle } of due) {
          sent += await db.transaction(async (tx) => {
            const recipients = await recipientsOf(tx, meeting.id);
            if (!recipients.length) return 0;
            const claimed = await tx
              .insert(meetingReminders)
              .values(
                recipients.map((r) => ({
                  meetingId: meeting.id,
                  sequence: meeting.sequence,
                  kind,
                  userId: r.id,
                  claimedAt: now(),
                })),
              )
              .onConflictDoNothing()
              .returning({ userId: meetingReminders.userId });
            const mine = new Set(claimed.map((c) => c.userId));
            const to = recipients.filter((r) => mine.has(r.id));
            return deliver(tx, to, meeting, (_r, when) => ({
              kind: `videoconference.reminder_${kind}`,
              link: `/meetings/${meeting.id}`,
              data: { title: meeting.title, room: roomTitle, when: when.theirs, organizerTime: when.organizer },
              subject: kind === '24h' ? `Tomorrow: ${meeting.title}` : `In 15 minutes: ${meeting.title}`,
              body: `Reminder: the videoconference "${meeting.title}" of the roundtable "${roomTitle}" starts on ${when.theirs} (organizer’s time: ${when.organizer}). To join, open the meeting’s page in Minka and press "Join the call" (it opens 15 minutes before the start).`,
            }));
          });
        }
      }
      return sent;
    },

    /** Opens LiveKit rooms shortly before their meetings and deletes those whose meeting is long over. */
    async syncRooms(): Promise<{ opened: number; closed: number }> {
      if (!livekit) return { opened: 0, closed: 0 };
      const t = now().getTime();
      let opened = 0;
      let closed = 0;
      const soon = await db
        .select()
        .from(meetings)
        .where(
          and(
            eq(meetings.status, 'scheduled'),
            gt(meetings.startsAt, new Date(t)),
            lte(meetings.startsAt, new Date(t + ROOM_OPEN_BEFORE_MS)),
          ),
        );
      for (const m of soon) {
        try {
          await ensureRoom(m);
          opened += 1;
        } catch {
          // The next run, or the first join, creates it.
        }
      }
      const over = await db
        .select()
        .from(meetings)
        .where(
          and(
            inArray(meetings.status, ['scheduled', 'live']),
            lte(meetings.startsAt, new Date(t - JOIN_LATE_MS)),
            gte(meetings.startsAt, new Date(t - 2 * 24 * 3600_000)),
          ),
        );
      for (const m of over.filter((m) => endOf(m).getTime() + JOIN_LATE_MS < t)) {
        // The conditional update is the claim: of several nodes running this job at once, one ends the meeting and
        // deletes its LiveKit room (server/cluster/room-sync-once.test.ts). One ended or cancelled meanwhile: skipped.
        const [claimed] = await db
          .update(meetings)
          .set({ status: 'ended', endedAt: m.endedAt ?? now(), updatedAt: now() })
          .where(and(eq(meetings.id, m.id), inArray(meetings.status, ['scheduled', 'live'])))
          .returning({ id: meetings.id });
        joinFacts.forgetMeeting(m.id);
        forgetRoomReady(m.id);
        if (!claimed) continue;
        try {
          await livekit.deleteRoom(m.livekitRoom);
        } catch {
          // Already gone (LiveKit closes empty rooms by itself).
        }
        closed += 1;
      }
      return { opened, closed };
    },

    /** A new private feed address (any earlier one stops working). The secret is shown once: only its hash is kept. */
    async createFeedToken(actor: Actor): Promise<{ token: string; path: string }> {
      const token = randomBytes(32).toString('base64url');
      await db.transaction(async (tx) => {
        await tx
          .update(calendarFeedTokens)
          .set({ revokedAt: now() })
          .where(and(eq(calendarFeedTokens.userId, actor.userId), isNull(calendarFeedTokens.revokedAt)));
        await tx.insert(calendarFeedTokens).values({ userId: actor.userId, tokenHash: hash(token), createdAt: now() });
        await writeAudit(tx, {
          action: 'videoconference.feed_created',
          actorUserId: actor.userId,
          subjectType: 'user',
          subjectId: actor.userId,
        });
      });
      return { token, path: `/calendar/${token}.ics` };
    },

    async revokeFeedToken(actor: Actor): Promise<{ revoked: number }> {
      const rows = await db
        .update(calendarFeedTokens)
        .set({ revokedAt: now() })
        .where(and(eq(calendarFeedTokens.userId, actor.userId), isNull(calendarFeedTokens.revokedAt)))
        .returning({ id: calendarFeedTokens.id });
      if (rows.length)
        await writeAudit(db, {
          action: 'videoconference.feed_revoked',
          actorUserId: actor.userId,
          subjectType: 'user',
          subjectId: actor.userId,
        });
      return { revoked: rows.length };
    },

    async feedStatus(actor: Actor): Promise<{ active: boolean; createdAt: string | null }> {
      const [row] = await db
        .select({ createdAt: calendarFeedTokens.createdAt })
        .from(calendarFeedTokens)
        .where(and(eq(calendarFeedTokens.userId, actor.userId), isNull(calendarFeedTokens.revokedAt)));
      return { active: !!row, createdAt: row?.createdAt.toISOString() ?? null };
    },

    /** The calendar behind a feed address: the person's meetings of the last 90 days and to come. */
    async feed(token: string): Promise<Outcome<string>> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return notFound('This calendar address does not exist or was revoked.');
      const [owner] = await db
        .select({ userId: calendarFeedTokens.userId })
        .from(calendarFeedTokens)
        .innerJoin(users, eq(users.id, calendarFeedTokens.userId))
        .where(
          and(
            eq(calendarFeedTokens.tokenHash, hash(token)),
            isNull(calendarFeedTokens.revokedAt),
            isNull(users.disabledAt),
          ),
        );
      if (!owner) return notFound('This calendar address does not exist or was revoked.');
      const rows = await db
        .select({ meeting: meetings, roomTitle: roundtables.title })
        .from(meetingParticipants)
        .innerJoin(meetings, eq(meetings.id, meetingParticipants.meetingId))
        .innerJoin(roundtables, eq(roundtables.id, meetings.roundtableId))
        .where(
          and(
            eq(meetingParticipants.userId, owner.userId),
            eq(meetingParticipants.leftOut, false),
            notExists(removedFromRoom(meetingParticipants.userId)),
            gte(meetings.startsAt, new Date(now().getTime() - 90 * 24 * 3600_000)),
          ),
        )
        .orderBy(asc(meetings.startsAt));
      return ok(
        feedIcs(
          rows.map((r) => ({ meeting: r.meeting, joinUrl: joinUrl(r.meeting.id), roomTitle: r.roomTitle })),
          'Minka',
        ),
      );
    },
  };

  /**
   * Rooms created (or found) in LiveKit in the last minute, by meeting: joins at the start of a call do not each ask
   * LiveKit again. The room lives at least its empty timeout (10 min) after that; a finished or cancelled meeting is
   * forgotten at once.
   */
  const roomReady = new Map<string, number>();
  const ROOM_READY_MS = 60_000;
  function forgetRoomReady(meetingId: string) {
    roomReady.delete(meetingId);
  }

  async function ensureRoom(m: Pick<MeetingRow, 'id' | 'livekitRoom' | 'title'>) {
    if (!livekit) return;
    const ready = roomReady.get(m.id);
    if (ready !== undefined && ready > performance.now()) return;
    await livekit.createRoom(m.livekitRoom, {
      emptyTimeoutSeconds: 10 * 60,
      maxParticipants: MAX_PARTICIPANTS,
      metadata: { meetingId: m.id, title: m.title },
    });
    if (roomReady.size > 10_000) roomReady.clear();
    roomReady.set(m.id, performance.now() + ROOM_READY_MS);
  }

  /** Per person: first join, last leave, minutes present (overlapping stretches are not double-counted). */
  async function attendanceOf(meetingId: string, lang: 'en' | 'es' = 'en'): Promise<AttendanceLine[]> {
    const rows = await db
      .select({
        userId: meetingAttendance.userId,
        name: users.displayName,
        organization: lang === 'es' ? organizations.nameEs : organizations.nameEn,
        joinedAt: meetingAttendance.joinedAt,
        leftAt: meetingAttendance.leftAt,
        source: meetingAttendance.source,
      })
      .from(meetingAttendance)
      .innerJoin(users, eq(users.id, meetingAttendance.userId))
      .innerJoin(organizations, eq(organizations.id, meetingAttendance.organizationId))
      .where(eq(meetingAttendance.meetingId, meetingId))
      .orderBy(asc(meetingAttendance.userId), asc(meetingAttendance.joinedAt));
    const byPerson = new Map<string, AttendanceLine & { coveredTo: number; ms: number }>();
    for (const r of rows) {
      const from = r.joinedAt.getTime();
      const to = (r.leftAt ?? now()).getTime();
      let line = byPerson.get(r.userId);
      if (!line) {
        line = {
          userId: r.userId,
          name: r.name,
          organization: r.organization,
          from: r.joinedAt.toISOString(),
          to: null,
          minutes: 0,
          source: r.source,
          coveredTo: from,
          ms: 0,
        };
        byPerson.set(r.userId, line);
      }
      const start = Math.max(from, line.coveredTo);
      if (to > start) line.ms += to - start;
      line.coveredTo = Math.max(line.coveredTo, to);
      line.to = r.leftAt
        ? new Date(Math.max(r.leftAt.getTime(), line.to ? Date.parse(line.to) : 0)).toISOString()
        : line.to;
      if (r.source === 'webhook') line.source = 'webhook';
    }
    return [...byPerson.values()]
      .map(({ coveredTo: _c, ms, ...line }) => ({ ...line, minutes: Math.round(ms / 60_000) }))
      .sort((a, b) => a.organization.localeCompare(b.organization) || a.name.localeCompare(b.name));
  }

  return service;
}
export type VideoconferencesService = ReturnType<typeof createVideoconferencesService>;
