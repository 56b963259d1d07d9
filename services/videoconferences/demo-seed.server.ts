import { and, asc, eq, isNull, like } from 'drizzle-orm';
import type { Database } from '../../db/client';
import {
  meetingAttendance,
  meetingParticipants,
  meetings,
  memberships,
  roundtableMembers,
  roundtables,
  users,
} from '../../db/schema';

const DAY = 24 * 3600_000;

/**
 * Demo videoconferences on the demo room (the confirmed match's): one scheduled a week ahead and one held a week
 * ago, with attendance for one person per organization. Written straight to the tables, so nobody is notified for
 * an example; runs once, after the demo cooperation seed, and again changes nothing.
 */
export async function seedDemoMeetings(db: Database, now: Date = new Date()): Promise<number> {
  const [room] = await db
    .select({ id: roundtables.id })
    .from(roundtables)
    .where(like(roundtables.title, '(Demo) Training for judges%'))
    .orderBy(asc(roundtables.createdAt))
    .limit(1);
  if (!room) return 0;
  if ((await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.roundtableId, room.id)).limit(1)).length)
    return 0;
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@demo.minka.test'));
  const members = await db
    .select({
      userId: roundtableMembers.userId,
      role: roundtableMembers.role,
      organizationId: memberships.organizationId,
    })
    .from(roundtableMembers)
    .innerJoin(memberships, eq(memberships.userId, roundtableMembers.userId))
    .where(and(eq(roundtableMembers.roundtableId, room.id), isNull(roundtableMembers.removedAt)))
    .orderBy(asc(roundtableMembers.joinedAt), asc(roundtableMembers.userId));
  const people = members.filter((m, i) => members.findIndex((o) => o.userId === m.userId) === i);
  // 10:00 in Lima (15:00 UTC), a week from now and a week ago.
  const at = (offsetDays: number) => {
    const day = new Date(now.getTime() + offsetDays * DAY);
    return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 15, 0));
  };
  const rows = [
    {
      title: '(Demo) Training plan: second videoconference',
      startsAt: at(7),
      status: 'scheduled' as const,
      agenda: '(Demo) Dates of the first course; materials in Spanish and English',
    },
    {
      title: '(Demo) Training plan: first videoconference',
      startsAt: at(-7),
      status: 'ended' as const,
      agenda: '(Demo) Introductions; what the judicial school needs',
    },
  ];
  await db.transaction(async (tx) => {
    for (const row of rows) {
      const id = crypto.randomUUID();
      const ended = row.status === 'ended';
      await tx.insert(meetings).values({
        id,
        roundtableId: room.id,
        title: row.title,
        agenda: row.agenda,
        startsAt: row.startsAt,
        durationMinutes: 60,
        timeZone: 'America/Lima',
        status: row.status,
        livekitRoom: `minka-${id}`,
        createdBy: admin?.id ?? null,
        startedAt: ended ? row.startsAt : null,
        endedAt: ended ? new Date(row.startsAt.getTime() + 60 * 60_000) : null,
      });
      if (people.length)
        await tx.insert(meetingParticipants).values(
          people.map((p) => ({
            meetingId: id,
            userId: p.userId,
            organizationId: p.organizationId,
            moderator: p.role === 'moderator',
          })),
        );
      if (ended) {
        const onePerOrganization = people.filter(
          (p, i) => people.findIndex((o) => o.organizationId === p.organizationId) === i,
        );
        if (onePerOrganization.length) {
          await tx.insert(meetingAttendance).values(
            onePerOrganization.map((p, i) => ({
              meetingId: id,
              userId: p.userId,
              organizationId: p.organizationId,
              joinedAt: new Date(row.startsAt.getTime() + (2 + i) * 60_000),
              leftAt: new Date(row.startsAt.getTime() + (55 - i) * 60_000),
              source: 'manual' as const,
              recordedBy: admin?.id ?? null,
            })),
          );
        }
      }
    }
  });
  return rows.length;
}
