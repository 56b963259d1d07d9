import { and, asc, inArray, or } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { meetings } from '../../db/schema';

/*
 * What the public may read of videoconferences: that a meeting of a roundtable took place or is scheduled, its title
 * and its time. Never the agenda, the invitees, the attendance, the LiveKit room or a cancelled meeting. Used by an
 * initiative's public page (issue 19: "the meetings held with dates"); the caller decides which roundtables and
 * meetings belong to something public (a published initiative's links).
 */

/** scheduled, live or ended: what is or was planned to happen. A cancelled meeting is no part of the story. */
export const PUBLIC_MEETING_STATUSES = ['scheduled', 'live', 'ended'] as const;
export type PublicMeetingStatus = (typeof PUBLIC_MEETING_STATUSES)[number];

export interface PublicMeeting {
  id: string;
  roundtableId: string;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  /** The organizer's IANA time zone. */
  timeZone: string;
  status: PublicMeetingStatus;
}

/** The meetings of these roundtables, and these meetings, oldest first; nothing but the fields of PublicMeeting. */
export async function publicMeetingsOf(
  db: Pick<Database, 'select'>,
  of: { roundtableIds: string[]; meetingIds: string[] },
): Promise<PublicMeeting[]> {
  const which = [
    ...(of.roundtableIds.length ? [inArray(meetings.roundtableId, of.roundtableIds)] : []),
    ...(of.meetingIds.length ? [inArray(meetings.id, of.meetingIds)] : []),
  ];
  if (!which.length) return [];
  const rows = await db
    .select({
      id: meetings.id,
      roundtableId: meetings.roundtableId,
      title: meetings.title,
      startsAt: meetings.startsAt,
      durationMinutes: meetings.durationMinutes,
      timeZone: meetings.timeZone,
      status: meetings.status,
    })
    .from(meetings)
    .where(and(or(...which), inArray(meetings.status, [...PUBLIC_MEETING_STATUSES])))
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
  return rows.map((r) => ({ ...r, status: r.status as PublicMeetingStatus }));
}
