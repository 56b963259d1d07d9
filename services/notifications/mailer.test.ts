import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { mailOutbox } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createMailer } from './mailer.server';

/** A real SMTP peer on an ephemeral port (the smtp-server package), so the wire protocol is exercised. */
let handle: DatabaseHandle;
let server: SMTPServer;
let port: number;
const received: Array<{ to: string[]; data: string }> = [];
let rejectNext = false;

beforeAll(async () => {
  handle = await createTestDatabase();
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (rejectNext) {
        rejectNext = false;
        return callback(new Error('550 mailbox unavailable'));
      }
      callback();
    },
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk) => (data += chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await handle.close();
});

describe('mailer', () => {
  it('sends each queued e-mail once over SMTP and records failures without losing them', async () => {
    await handle.db.insert(mailOutbox).values([
      { toAddress: 'focal@oas.example', subject: '[Minka] A cooperation match is proposed', body: 'Open: /matches/1' },
      { toAddress: 'bounce@peru.example', subject: '[Minka] Second', body: 'Open: /matches/2' },
    ]);
    const mailer = createMailer({ db: handle.db, smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: 'Minka <no-reply@minka.example>' });
    rejectNext = false;
    const first = await mailer.flush();
    expect(first).toEqual({ sent: 2, failed: 0 });
    expect(received.map((r) => r.to[0]).sort()).toEqual(['bounce@peru.example', 'focal@oas.example']);
    expect(received.find((r) => r.to[0] === 'focal@oas.example')!.data).toMatch(/Subject: \[Minka\] A cooperation match is proposed/);
    expect(await mailer.flush()).toEqual({ sent: 0, failed: 0 });

    await handle.db.insert(mailOutbox).values({ toAddress: 'nobody@nowhere.example', subject: 'Will bounce', body: 'x' });
    rejectNext = true;
    expect(await mailer.flush()).toEqual({ sent: 0, failed: 1 });
    const rows = await handle.db.select().from(mailOutbox);
    const bounced = rows.find((r) => r.toAddress === 'nobody@nowhere.example')!;
    expect(bounced.sentAt).toBeNull();
    expect(bounced.error).toMatch(/mailbox unavailable/);
    mailer.close();
  });
});
