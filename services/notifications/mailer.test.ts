import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { mailOutbox } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createMailer, withAddress } from './mailer.server';

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

/** The message as written: quoted-printable's soft line breaks joined and its =XX bytes decoded (UTF-8). */
function decodeQuotedPrintable(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i += 1) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

describe('mailer', () => {
  it('sends each queued e-mail once over SMTP and records failures without losing them', async () => {
    await handle.db.insert(mailOutbox).values([
      { toAddress: 'focal@oas.example', subject: '[Minka] A cooperation match is proposed', body: 'Open: /matches/1' },
      { toAddress: 'bounce@peru.example', subject: '[Minka] Second', body: 'Open: /matches/2' },
    ]);
    const mailer = createMailer({
      db: handle.db,
      smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
      from: 'Minka <no-reply@minka.example>',
      publicUrl: 'http://localhost:3000',
    });
    rejectNext = false;
    const first = await mailer.flush();
    expect(first).toEqual({ sent: 2, failed: 0 });
    expect(received.map((r) => r.to[0]).sort()).toEqual(['bounce@peru.example', 'focal@oas.example']);
    expect(received.find((r) => r.to[0] === 'focal@oas.example')!.data).toMatch(
      /Subject: \[Minka\] A cooperation match is proposed/,
    );
    expect(await mailer.flush()).toEqual({ sent: 0, failed: 0 });

    await handle.db
      .insert(mailOutbox)
      .values({ toAddress: 'nobody@nowhere.example', subject: 'Will bounce', body: 'x' });
    rejectNext = true;
    expect(await mailer.flush()).toEqual({ sent: 0, failed: 1 });
    const rows = await handle.db.select().from(mailOutbox);
    const bounced = rows.find((r) => r.toAddress === 'nobody@nowhere.example')!;
    expect(bounced.sentAt).toBeNull();
    expect(bounced.error).toMatch(/mailbox unavailable/);
    mailer.close();
  });

  it('sends the link of a notice as an address under PUBLIC_URL; the outbox keeps the path', async () => {
    const link = '/roundtables/5b0c6d1e-0000-4000-8000-000000000001';
    await handle.db.insert(mailOutbox).values({
      toAddress: 'coordinator@peru.example',
      subject: '[Minka] Mesa redonda abierta',
      body: `Únase desde Minka.\n\nAbrir en Minka: ${link}`,
      link,
    });
    const mailer = createMailer({
      db: handle.db,
      smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
      from: 'Minka <no-reply@minka.example>',
      publicUrl: 'https://minka.example.org',
    });
    expect(await mailer.flush()).toEqual({ sent: 1, failed: 0 });
    const data = received.find((r) => r.to[0] === 'coordinator@peru.example')!.data;
    expect(decodeQuotedPrintable(data)).toContain(`Abrir en Minka: https://minka.example.org${link}`);
    const [row] = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'coordinator@peru.example'));
    expect(row.body.endsWith(`Abrir en Minka: ${link}`)).toBe(true);
    mailer.close();
  });
});

describe('withAddress', () => {
  it('writes the final path under the public address, keeping a base path, and leaves other bodies alone', () => {
    expect(
      withAddress({ body: 'Open in Minka: /matches/m1', link: '/matches/m1' }, 'https://oas.example.org/minka/'),
    ).toBe('Open in Minka: https://oas.example.org/minka/matches/m1');
    expect(withAddress({ body: 'Open: /matches/1', link: null }, 'https://minka.example.org')).toBe('Open: /matches/1');
    expect(
      withAddress({ body: 'Open in Minka: /matches/m1\n\nP.S.', link: '/matches/m1' }, 'https://minka.example.org'),
    ).toBe('Open in Minka: /matches/m1\n\nP.S.');
  });
});
