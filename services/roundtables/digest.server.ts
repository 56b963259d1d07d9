import { and, asc, eq, gt, isNull, lte, notExists, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  mailOutbox,
  messages,
  roomDigestOptOuts,
  roomDigests,
  roundtableMembers,
  roundtables,
  users,
} from '../../db/schema';
import type { Viewer } from '../actor';
import { forbidden, invalid, ok, type Outcome } from '../outcome';
import type { RoomDeps } from './access.server';

/** Messages quoted per room in a digest (the count says how many more there are). */
export const DIGEST_MESSAGES_PER_ROOM = 5;
const EXCERPT = 140;

/** The digest's own words in each language (what people wrote is quoted as written). */
const DIGEST_WORDS = {
  en: {
    heading: (n: number) => `[Minka] ${n === 1 ? '1 unread message' : `${n} unread messages`} in your roundtables`,
    intro: 'Messages you have not read yet in your roundtables since the last digest:',
    room: (title: string, n: number) => `${title}: ${n === 1 ? '1 unread message' : `${n} unread messages`}`,
    more: (n: number) => `…and ${n} more.`,
    open: 'Open',
    optOut: 'You receive this digest at most once a day. To stop it, turn it off on your account page:',
  },
  es: {
    heading: (n: number) =>
      `[Minka] ${n === 1 ? '1 mensaje sin leer' : `${n} mensajes sin leer`} en sus mesas redondas`,
    intro: 'Mensajes que aún no ha leído en sus mesas redondas desde el último resumen:',
    room: (title: string, n: number) => `${title}: ${n === 1 ? '1 mensaje sin leer' : `${n} mensajes sin leer`}`,
    more: (n: number) => `…y ${n} más.`,
    open: 'Abrir',
    optOut:
      'Recibe este resumen como mucho una vez al día. Para dejar de recibirlo, desactívelo en su página de cuenta:',
  },
} as const;

const flat = (text: string) => {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > EXCERPT ? `${one.slice(0, EXCERPT - 1)}…` : one;
};

/**
 * The daily e-mail digest of unread room messages (issue 15). For each person who has not opted out: the messages
 * of the open rooms they are still in (never rooms they left or were removed from), written by others, not deleted
 * or hidden, after both their read mark and what the last digest told them. One e-mail per person and day, in
 * their language, claimed in the database before it is queued: of two instances running the same job, one sends.
 */
export function createDigestModule({ db, now }: RoomDeps) {
  return {
    /** Whether the person receives the digest (the account page's setting). */
    async digestSetting(viewer: Viewer): Promise<Outcome<{ enabled: boolean }>> {
      if (!viewer) return forbidden('Log in to change your settings.');
      const [row] = await db
        .select({ userId: roomDigestOptOuts.userId })
        .from(roomDigestOptOuts)
        .where(eq(roomDigestOptOuts.userId, viewer.userId));
      return ok({ enabled: !row });
    },

    /** The person turns the digest on or off for themselves (nobody else can). */
    async setDigest(viewer: Viewer, enabledInput: unknown): Promise<Outcome<{ enabled: boolean }>> {
      if (!viewer) return forbidden('Log in to change your settings.');
      const enabled = z.enum(['on', 'off']).safeParse(enabledInput);
      if (!enabled.success) return invalid('Choose whether to receive the daily digest: on or off.');
      if (enabled.data === 'on') await db.delete(roomDigestOptOuts).where(eq(roomDigestOptOuts.userId, viewer.userId));
      else
        await db.insert(roomDigestOptOuts).values({ userId: viewer.userId, optedOutAt: now() }).onConflictDoNothing();
      return ok({ enabled: enabled.data === 'on' });
    },

    /** The node-cron job (once a day): queues each person's digest, at most one per person and day. */
    async sendDailyDigests(): Promise<number> {
      const day = now().toISOString().slice(0, 10);
      const cutoff = now();
      const rows = await db
        .select({
          userId: roundtableMembers.userId,
          email: users.email,
          locale: users.locale,
          roundtableId: roundtables.id,
          title: roundtables.title,
          seq: messages.seq,
          authorName: sql<string>`(select a.display_name from users a where a.id = ${messages.authorId})`,
          body: messages.body,
        })
        .from(roundtableMembers)
        .innerJoin(users, eq(users.id, roundtableMembers.userId))
        .innerJoin(roundtables, eq(roundtables.id, roundtableMembers.roundtableId))
        .innerJoin(messages, eq(messages.roundtableId, roundtableMembers.roundtableId))
        .where(
          and(
            isNull(roundtableMembers.removedAt),
            isNull(users.disabledAt),
            eq(roundtables.status, 'open'),
            gt(messages.seq, sql`greatest(${roundtableMembers.lastReadSeq}, ${roundtableMembers.digestedSeq})`),
            sql`${messages.authorId} <> ${roundtableMembers.userId}`,
            isNull(messages.deletedAt),
            isNull(messages.hiddenAt),
            lte(messages.createdAt, cutoff),
            notExists(
              db
                .select({ one: sql`1` })
                .from(roomDigestOptOuts)
                .where(eq(roomDigestOptOuts.userId, roundtableMembers.userId)),
            ),
          ),
        )
        .orderBy(asc(roundtableMembers.userId), asc(roundtables.title), asc(roundtables.id), asc(messages.seq));
      const byPerson = new Map<string, typeof rows>();
      for (const row of rows) byPerson.set(row.userId, [...(byPerson.get(row.userId) ?? []), row]);
      let sent = 0;
      for (const [userId, unread] of byPerson) {
        sent += await db.transaction(async (tx) => {
          const claimed = await tx
            .insert(roomDigests)
            .values({ userId, day, claimedAt: now() })
            .onConflictDoNothing()
            .returning({ userId: roomDigests.userId });
          if (!claimed.length) return 0;
          const { email, locale } = unread[0];
          const words = DIGEST_WORDS[locale] ?? DIGEST_WORDS.en;
          const rooms = new Map<string, typeof unread>();
          for (const row of unread) rooms.set(row.roundtableId, [...(rooms.get(row.roundtableId) ?? []), row]);
          const lines: string[] = [words.intro];
          for (const [roundtableId, list] of rooms) {
            lines.push('', words.room(list[0].title, list.length));
            for (const m of list.slice(-DIGEST_MESSAGES_PER_ROOM)) lines.push(`- ${m.authorName}: ${flat(m.body)}`);
            if (list.length > DIGEST_MESSAGES_PER_ROOM) lines.push(words.more(list.length - DIGEST_MESSAGES_PER_ROOM));
            lines.push(`${words.open}: /roundtables/${roundtableId}`);
            await tx
              .update(roundtableMembers)
              .set({ digestedSeq: sql`greatest(${roundtableMembers.digestedSeq}, ${list[list.length - 1].seq})` })
              .where(and(eq(roundtableMembers.roundtableId, roundtableId), eq(roundtableMembers.userId, userId)));
          }
          lines.push('', `${words.optOut} /account`);
          await tx.insert(mailOutbox).values({
            toAddress: email,
            subject: words.heading(unread.length),
            body: lines.join('\n'),
            link: '/account',
          });
          return 1;
        });
      }
      return sent;
    },
  };
}
