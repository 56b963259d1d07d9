import { and, asc, eq, isNull } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Database } from '../../db/client';
import { mailOutbox } from '../../db/schema';

/**
 * The text an e-mail is sent with: the path its body ends with, written as an address under `publicUrl` (the
 * address people open Minka at), so the link works from a mail client. A body that does not end with its path (a
 * row queued before paths were kept) is sent as it is.
 */
export function withAddress(mail: { body: string; link: string | null }, publicUrl: string): string {
  if (!mail.link || !mail.link.startsWith('/') || !mail.body.endsWith(mail.link)) return mail.body;
  return mail.body.slice(0, -mail.link.length) + publicUrl.replace(/\/+$/, '') + mail.link;
}

/**
 * Sends the queued e-mails of `mail_outbox` through SMTP (nodemailer) when `SMTP_URL` is configured. Without it
 * nothing leaves the machine and the Secretariat's outbox page shows what would have been sent. Each row is sent
 * at most once: it is claimed (sent_at set) before sending and released with the error if sending fails.
 */
export function createMailer({
  db,
  smtpUrl,
  from,
  publicUrl,
  now = () => new Date(),
}: {
  db: Database;
  smtpUrl: string;
  from: string;
  publicUrl: string;
  now?: () => Date;
}) {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async flush(limit = 50): Promise<{ sent: number; failed: number }> {
      const queued = await db
        .select()
        .from(mailOutbox)
        .where(and(isNull(mailOutbox.sentAt), isNull(mailOutbox.error)))
        .orderBy(asc(mailOutbox.createdAt))
        .limit(limit);
      let sent = 0;
      let failed = 0;
      for (const mail of queued) {
        const claimed = await db
          .update(mailOutbox)
          .set({ sentAt: now() })
          .where(and(eq(mailOutbox.id, mail.id), isNull(mailOutbox.sentAt)))
          .returning({ id: mailOutbox.id });
        if (!claimed.length) continue; // another process took it
        try {
          await transport.sendMail({
            from,
            to: mail.toAddress,
            subject: mail.subject,
            text: withAddress(mail, publicUrl),
            // A meeting's calendar file travels as a real attachment with its MIME type and method (issue 18).
            ...(mail.attachments?.length
              ? {
                  attachments: mail.attachments.map((a) => ({
                    filename: a.filename,
                    content: a.content,
                    contentType: a.contentType,
                  })),
                }
              : {}),
          });
          sent += 1;
        } catch (error) {
          await db
            .update(mailOutbox)
            .set({ sentAt: null, error: (error as Error).message.slice(0, 500) })
            .where(eq(mailOutbox.id, mail.id));
          failed += 1;
        }
      }
      return { sent, failed };
    },
    close: () => transport.close(),
  };
}
export type Mailer = ReturnType<typeof createMailer>;
