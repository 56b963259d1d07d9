import type { AddressInfo } from 'node:net';
import { isNull } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { mailOutbox } from '../../db/schema';
import { createMailer } from '../../services/notifications/mailer.server';
import { createSharedPostgresDatabase } from '../../tests/db';

// Every node of a cluster runs the same node-cron jobs (server/index.ts). Those that claim work must do it once across
// nodes. Publication and videoconference reminders have their two-instance tests on PostgreSQL beside their services
// (services/registration/publication-instances.test.ts, services/videoconferences/videoconferences.test.ts); this is
// the mail outbox's: two nodes (separate connection pools on one PostgreSQL database) flush the same queue at the
// same moment, several times, and every e-mail reaches the SMTP peer exactly once. Needs DATABASE_URL (in-memory
// PGlite belongs to one process and cannot show it).
const postgresRun = inject('postgresTemplate') !== null;

describe.skipIf(!postgresRun)('the mail-outbox job across two nodes on PostgreSQL', () => {
  let shared: NonNullable<Awaited<ReturnType<typeof createSharedPostgresDatabase>>>;
  let server: SMTPServer;
  let port: number;
  const received: string[] = [];
  let refuse: string | null = null;

  beforeAll(async () => {
    shared = (await createSharedPostgresDatabase(2))!;
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, callback) {
        if (address.address === refuse) return callback(new Error('550 mailbox unavailable'));
        callback();
      },
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          received.push(...session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await shared?.close();
  });

  it('sends each queued e-mail once when both nodes flush together, and a refused one is neither lost nor resent', async () => {
    const [first, second] = shared.handles;
    const addresses = Array.from({ length: 40 }, (_, i) => `person${i}@example.org`);
    refuse = addresses[7];
    await first.db
      .insert(mailOutbox)
      .values(addresses.map((to, i) => ({ toAddress: to, subject: `[Minka] Notice ${i}`, body: `Open: /n/${i}` })));
    const mailers = [first, second].map((h) =>
      createMailer({
        db: h.db,
        smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
        from: 'Minka <no-reply@minka.example>',
        publicUrl: 'http://localhost:3100',
      }),
    );
    try {
      // The same minute's tick on both nodes, then the next ones (a small batch limit, so the runs interleave).
      const runs = [];
      for (let tick = 0; tick < 4; tick++)
        runs.push(...(await Promise.all([mailers[0].flush(10), mailers[1].flush(10), mailers[0].flush(10)])));
      const sent = runs.reduce((a, r) => a + r.sent, 0);
      const failed = runs.reduce((a, r) => a + r.failed, 0);
      expect(failed).toBe(1);
      expect(sent).toBe(39);
      expect([...received].sort()).toEqual(addresses.filter((a) => a !== refuse).sort());
      expect(new Set(received).size).toBe(received.length);
      // Nothing is left waiting, and the refused one keeps its error for the Secretariat's outbox page.
      const unsent = await second.db.select().from(mailOutbox).where(isNull(mailOutbox.sentAt));
      expect(unsent.map((m) => m.toAddress)).toEqual([refuse]);
      expect(unsent[0].error).toMatch(/550/);
      expect(await Promise.all(mailers.map((m) => m.flush()))).toEqual([
        { sent: 0, failed: 0 },
        { sent: 0, failed: 0 },
      ]);
    } finally {
      mailers.forEach((m) => m.close());
    }
  });
});
