import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { mailOutbox, memberships, notifications, organizations, users, type Role } from '../../db/schema';
import type { Actor, Viewer } from '../actor';
import type { Executor } from '../audit/audit.server';
import { forbidden, notFound, ok, type Outcome } from '../outcome';
import { servicesEs } from '../messages/es';
import { createLocalizer } from '../messages/localize';
import { can, FOCAL_POINT_ROLES, SECRETARIAT_ROLES } from '../permissions';

export interface Notice {
  kind: string;
  /** Path inside the app. */
  link: string;
  /**
   * Subject and body of the e-mail, in English. Each recipient's e-mail is written in their account's language
   * (set from the language they read Minka in): Spanish through the services' catalog (services/messages/es.ts),
   * English otherwise. The in-app list renders its own text from `kind` and `data`.
   */
  subject: string;
  body: string;
  /** A person's own words (a note to the invitation), added under the body as written, never translated. */
  note?: string | null;
  data?: Record<string, string | number | null>;
}

type MailLocale = (typeof users.$inferSelect)['locale'];

const toSpanish = createLocalizer(servicesEs);
const MAIL_WORDS: Record<MailLocale, { note: string; open: string }> = {
  en: { note: 'Note', open: 'Open in Minka' },
  es: { note: 'Nota', open: 'Abrir en Minka' },
};

/** Organization names by their English name, in Spanish: a Spanish e-mail says "Perú", not "Peru". */
export type SpanishNames = ReadonlyMap<string, string>;

/**
 * The e-mail of a notice for one recipient, in their language. Its body ends with the notice's path, which the
 * mailer turns into an address under PUBLIC_URL when it sends (`withAddress`). In Spanish, values interpolated into
 * a sentence that are an organization's English name become its Spanish name (`names`).
 */
export function mailFor(
  notice: Notice,
  locale: MailLocale,
  names: SpanishNames = new Map(),
): { subject: string; body: string; link: string } {
  // A value is an organization's name, or one of the catalog's whole texts (the fallback "A State"), or data.
  const spanishValue = (value: string) =>
    names.get(value) ?? (Object.hasOwn(servicesEs, value) ? servicesEs[value] : value);
  const localize = locale === 'es' ? (text: string) => toSpanish(text, spanishValue) : (text: string) => text;
  const words = MAIL_WORDS[locale] ?? MAIL_WORDS.en;
  const note = notice.note ? `\n\n${words.note}: ${notice.note}` : '';
  return {
    subject: `[Minka] ${localize(notice.subject)}`,
    body: `${localize(notice.body)}${note}\n\n${words.open}: ${notice.link}`,
    link: notice.link,
  };
}

/**
 * In-app notifications, one row per recipient, and the same notice queued as an e-mail in `mail_outbox`
 * (sent through SMTP when configured; in development the outbox page shows what would have been sent).
 * Recipients are an organization's focal points, or the Secretariat, never anyone else.
 */
export async function notifyOrganization(
  executor: Executor,
  organizationId: string,
  notice: Notice,
  roles: readonly Role[] = FOCAL_POINT_ROLES,
): Promise<number> {
  const recipients = await executor
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        inArray(memberships.role, [...roles]),
        isNull(users.disabledAt),
      ),
    );
  return deliver(executor, recipients, notice);
}

export async function notifySecretariat(executor: Executor, notice: Notice): Promise<number> {
  const recipients = await executor
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.role, [...SECRETARIAT_ROLES]), isNull(users.disabledAt)));
  return deliver(executor, recipients, notice);
}

async function deliver(
  executor: Executor,
  recipients: Array<{ id: string; email: string; locale: MailLocale }>,
  notice: Notice,
): Promise<number> {
  if (!recipients.length) return 0;
  await executor
    .insert(notifications)
    .values(recipients.map((r) => ({ userId: r.id, kind: notice.kind, link: notice.link, data: notice.data ?? {} })));
  const names: SpanishNames = recipients.some((r) => r.locale === 'es')
    ? new Map(
        (await executor.select({ en: organizations.nameEn, es: organizations.nameEs }).from(organizations)).map((o) => [
          o.en,
          o.es,
        ]),
      )
    : new Map();
  await executor
    .insert(mailOutbox)
    .values(recipients.map((r) => ({ toAddress: r.email, ...mailFor(notice, r.locale, names) })));
  return recipients.length;
}

/** Single-use secrets that e-mails carry: shown to nobody but their recipient once mail is really delivered. */
const SECRET_LINKS = /\/password-reset\/[A-Za-z0-9_-]+/g;
export const HIDDEN_SECRET_LINK = '/password-reset/[hidden: sent to its recipient only]';

export function createNotificationsService(
  db: Database,
  now: () => Date,
  { hideSecrets = false }: { hideSecrets?: boolean } = {},
) {
  return {
    async list(actor: Actor, options: { limit?: number } = {}) {
      return db
        .select()
        .from(notifications)
        .where(eq(notifications.userId, actor.userId))
        .orderBy(desc(notifications.createdAt))
        .limit(Math.min(options.limit ?? 50, 200));
    },
    async unreadCount(actor: Actor): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
      return row.n;
    },
    /** Ownership is part of the query: nobody marks another person's notification. */
    async markRead(actor: Actor, id: string | 'all'): Promise<Outcome<{ updated: number }>> {
      // An id from a form: one that cannot be a notification's is answered as one that does not exist (not a 500).
      if (id !== 'all' && !z.uuid().safeParse(id).success)
        return notFound('This notification does not exist or is already read.');
      const rows = await db
        .update(notifications)
        .set({ readAt: now() })
        .where(
          and(
            eq(notifications.userId, actor.userId),
            isNull(notifications.readAt),
            ...(id === 'all' ? [] : [eq(notifications.id, id)]),
          ),
        )
        .returning({ id: notifications.id });
      if (id !== 'all' && rows.length === 0) return notFound('This notification does not exist or is already read.');
      return ok({ updated: rows.length });
    },
    /** Every e-mail sent or queued: the development outbox. The Secretariat only (it holds everyone's mail). */
    async outbox(viewer: Viewer, limit = 100): Promise<Outcome<Array<typeof mailOutbox.$inferSelect>>> {
      if (!can(viewer, { action: 'admin.access' }))
        return forbidden('Only the Summits Secretariat can read the mail outbox.');
      const rows = await db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(Math.min(limit, 500));
      // Delivered mail: nobody reads its secret links here. The development outbox: the administrator only.
      if (!hideSecrets && can(viewer, { action: 'mail.read_secret_links' })) return ok(rows);
      return ok(
        rows.map((row) => ({
          ...row,
          body: row.body.replace(SECRET_LINKS, HIDDEN_SECRET_LINK),
          link: row.link?.replace(SECRET_LINKS, HIDDEN_SECRET_LINK) ?? null,
        })),
      );
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
