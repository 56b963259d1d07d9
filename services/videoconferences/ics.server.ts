import { createEvents, type EventAttributes } from 'ics';
import type { MeetingRow } from '../../db/schema';
import { zonedTime } from './time.server';

/** UID stable per meeting (its id never changes), so every later file replaces the first in a calendar. */
export const meetingUid = (meetingId: string) => `${meetingId}@minka`;

function eventOf(meeting: MeetingRow, joinUrl: string, roomTitle: string): EventAttributes {
  const cancelled = meeting.status === 'cancelled';
  return {
    uid: meetingUid(meeting.id),
    sequence: meeting.sequence,
    start: meeting.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: meeting.durationMinutes },
    title: meeting.title,
    // Calendars show the instant in the reader's zone; the organizer's zone is named in the text as well.
    description: [
      `${roomTitle}`,
      `${zonedTime(meeting.startsAt, meeting.timeZone)}`,
      meeting.agenda ?? '',
      `Join: ${joinUrl}`,
    ]
      .filter(Boolean)
      .join('\n'),
    url: joinUrl,
    location: joinUrl,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    productId: 'minka/videoconferences',
    lastModified: meeting.updatedAt.getTime(),
  };
}

function withZone(text: string, zone: string): string {
  // The ics package writes times in UTC; X-WR-TIMEZONE names the organizer's zone for calendars that read it.
  return text.replace(/^(VERSION:2\.0\r?\n)/m, `$1X-WR-TIMEZONE:${zone}\r\n`);
}

/** One meeting's invitation (METHOD:REQUEST) or cancellation (METHOD:CANCEL). */
export function meetingIcs(meeting: MeetingRow, joinUrl: string, roomTitle: string): string {
  const method = meeting.status === 'cancelled' ? 'CANCEL' : 'REQUEST';
  const { error, value } = createEvents([eventOf(meeting, joinUrl, roomTitle)], {
    productId: 'minka/videoconferences',
    method,
  });
  if (error || !value) throw error ?? new Error('ics: no output');
  return withZone(value, meeting.timeZone);
}

/** A person's calendar feed: every meeting of theirs, cancelled ones marked so. */
export function feedIcs(
  items: Array<{ meeting: MeetingRow; joinUrl: string; roomTitle: string }>,
  calName: string,
): string {
  if (!items.length) {
    return [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:minka/videoconferences',
      'METHOD:PUBLISH',
      `X-WR-CALNAME:${calName}`,
      'END:VCALENDAR',
      '',
    ].join('\r\n');
  }
  const { error, value } = createEvents(
    items.map((i) => eventOf(i.meeting, i.joinUrl, i.roomTitle)),
    { productId: 'minka/videoconferences', method: 'PUBLISH', calName },
  );
  if (error || !value) throw error ?? new Error('ics: no output');
  return value;
}
