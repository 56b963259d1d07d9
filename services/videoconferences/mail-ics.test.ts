import type { AddressInfo } from 'node:net';
import { and, eq, isNull, like } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { mailOutbox, organizations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';
import { createMailer } from '../notifications/mailer.server';

/*
 * Issue 18 item 3: the invitation's calendar file travels as a real attachment of the e-mail (through the outbox and
 * the SMTP mailer), `text/calendar; method=REQUEST` for an invitation or a move and `method=CANCEL` for a
 * cancellation, with the meeting's stable UID and a SEQUENCE that grows with each change. The mail is received by a
 * real SMTP peer and its MIME parts are read back and the .ics parsed here.
 */

let handle: DatabaseHandle;
let services: Services;
let server: SMTPServer;
let port: number;
const received: Array<{ to: string; data: string }> = [];
const clock = new Date('2027-01-04T12:00:00Z');
let secretariat: Actor;
let peru: Actor;
let roomId: string;

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock, publicUrl: 'https://minka.example.org' });
  secretariat = await createActor(handle.db, 'secretariat', 'secretariat_staff', await orgId('SUMMITS-SECRETARIAT'));
  peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  const room = await services.roundtables.create(secretariat, {
    title: 'Judicial integrity exchange',
    kind: 'working_roundtable',
    organizationIds: [await orgId('PE')],
  });
  if (!room.ok) throw new Error(room.message);
  roomId = room.value.id;
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk) => (data += chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo[0].address, data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
}, 240_000); // a migrated database and the reference data: slow when the shared machine is busy
afterAll(async () => {
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  await handle?.close();
});

interface Part {
  headers: Record<string, string>;
  body: string;
}

/** The leaf parts of a MIME message (multipart nested any depth), bodies decoded from base64 or quoted-printable. */
function mimeParts(raw: string): Part[] {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((chunk) => !chunk.startsWith('--'))
      .flatMap((chunk) => mimeParts(chunk.replace(/^\r?\n/, '')));
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const decoded =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\r?\n/g, '')
              .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8')
        : body;
  return [{ headers, body: decoded }];
}

/** A small RFC 5545 reader: unfolds lines, checks BEGIN/END nest, returns the calendar's and the event's properties. */
function parseIcs(text: string): { calendar: Record<string, string>; event: Record<string, string> } {
  const lines = text
    .replace(/\r?\n[ \t]/g, '')
    .split(/\r?\n/)
    .filter(Boolean);
  const stack: string[] = [];
  const calendar: Record<string, string> = {};
  const event: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i <= 0) throw new Error(`not a content line: ${line}`);
    const name = line.slice(0, i).split(';')[0].toUpperCase();
    const value = line.slice(i + 1);
    if (name === 'BEGIN') stack.push(value);
    else if (name === 'END') {
      if (stack.pop() !== value) throw new Error(`END:${value} does not close its BEGIN`);
    } else if (stack.at(-1) === 'VCALENDAR') calendar[name] = value;
    else if (stack.at(-1) === 'VEVENT') event[name] = value;
  }
  if (stack.length) throw new Error('unclosed component');
  return { calendar, event };
}

async function flush() {
  const mailer = createMailer({
    db: handle.db,
    smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    from: 'Minka <no-reply@minka.example>',
    publicUrl: 'https://minka.example.org',
    now: () => clock,
  });
  try {
    return await mailer.flush(200);
  } finally {
    mailer.close();
  }
}

function calendarOf(to: string, subjectPart: string) {
  const mail = received.filter((r) => r.to === to && r.data.includes(subjectPart)).at(-1);
  if (!mail) throw new Error(`no mail "${subjectPart}" to ${to}`);
  const parts = mimeParts(mail.data);
  const text = parts.find((p) => (p.headers['content-type'] ?? '').toLowerCase().startsWith('text/plain'));
  const calendars = parts.filter((p) => (p.headers['content-type'] ?? '').toLowerCase().startsWith('text/calendar'));
  expect(calendars).toHaveLength(1);
  return { text, calendar: calendars[0], ics: parseIcs(calendars[0].body) };
}

describe('the invitation’s calendar file as a mail attachment', () => {
  it('invitation, move and cancellation each carry a parseable .ics: stable UID, SEQUENCE bumped, REQUEST then CANCEL', async () => {
    const made = await services.videoconferences.schedule(secretariat, roomId, {
      title: 'Attachment check',
      start: '2027-01-05T10:00',
      timeZone: 'America/Lima',
      durationMinutes: 60,
    });
    if (!made.ok) throw new Error(made.message);
    const id = made.value.id;
    const queued = await handle.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toAddress, peru.email), like(mailOutbox.subject, '%Attachment check%')));
    expect(queued).toHaveLength(1);
    expect(queued[0].attachments).toEqual([
      expect.objectContaining({ filename: 'invite.ics', contentType: 'text/calendar; charset=utf-8; method=REQUEST' }),
    ]);

    expect((await flush()).failed).toBe(0);
    const invite = calendarOf(peru.email, 'Attachment check');
    expect(invite.text?.body).toContain('2027-01-05'); // the readable body is still there
    expect(invite.calendar.headers['content-type']).toMatch(/^text\/calendar;.*method=REQUEST/i);
    expect(invite.calendar.headers['content-disposition']).toMatch(/attachment;\s*filename="?invite\.ics"?/i);
    expect(invite.ics.calendar.METHOD).toBe('REQUEST');
    expect(invite.ics.calendar['X-WR-TIMEZONE']).toBe('America/Lima');
    expect(invite.ics.event.UID).toBe(`${id}@minka`);
    expect(invite.ics.event.SEQUENCE).toBe('0');
    expect(invite.ics.event.DTSTART).toBe('20270105T150000Z');
    expect(invite.ics.event.URL).toBe(`https://minka.example.org/meetings/${id}`);

    const moved = await services.videoconferences.reschedule(secretariat, id, {
      start: '2027-01-06T11:30',
      timeZone: 'America/Lima',
      durationMinutes: 30,
    });
    expect(moved.ok).toBe(true);
    await flush();
    const move = calendarOf(peru.email, 'Attachment check');
    expect(move.ics.calendar.METHOD).toBe('REQUEST');
    expect(move.ics.event.UID).toBe(`${id}@minka`);
    expect(move.ics.event.SEQUENCE).toBe('1');
    expect(move.ics.event.DTSTART).toBe('20270106T163000Z');

    expect((await services.videoconferences.cancel(secretariat, id)).ok).toBe(true);
    await flush();
    const cancel = calendarOf(peru.email, 'Attachment check');
    expect(cancel.calendar.headers['content-type']).toMatch(/^text\/calendar;.*method=CANCEL/i);
    expect(cancel.ics.calendar.METHOD).toBe('CANCEL');
    expect(cancel.ics.event.UID).toBe(`${id}@minka`);
    expect(cancel.ics.event.SEQUENCE).toBe('2');
    expect(cancel.ics.event.STATUS).toBe('CANCELLED');
  });

  it('reminders and other mails carry no attachment; nothing is left unsent', async () => {
    const before = received.length;
    await handle.db
      .insert(mailOutbox)
      .values({ toAddress: 'plain@x.example', subject: 'Plain', body: 'Nothing attached' });
    await flush();
    const plain = received.slice(before).find((r) => r.to === 'plain@x.example');
    expect(plain).toBeDefined();
    expect(mimeParts(plain!.data).some((p) => /text\/calendar/i.test(p.headers['content-type'] ?? ''))).toBe(false);
    expect(await handle.db.select().from(mailOutbox).where(isNull(mailOutbox.sentAt))).toEqual([]);
  });
});
