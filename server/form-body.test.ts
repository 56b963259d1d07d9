import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser } from '../tests/factories';
import { cleanBody } from './form-body';
import { startFormTestApp, type FormTestApp } from './form-test-app';

let app: FormTestApp;
let credentials: { email: string; password: string };

beforeAll(async () => {
  app = await startFormTestApp({ FORM_BODY_MAX_BYTES: '4096' });
  const org = await createOrganization(app.handle.db, 'state', 'PE');
  credentials = await createUser(app.handle.db, { organizationId: org.id, role: 'delegate' });
});
afterAll(() => app.stop());

const form = (body: string, extra: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...extra },
  body,
  redirect: 'manual' as const,
});

describe('form body cap (issue 12 A)', () => {
  it('refuses an over-long declared body with 413 before reading it', async () => {
    const response = await fetch(`${app.base}/login`, form(`email=${'a'.repeat(10_000)}`));
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/too large: at most 4096 bytes/);
  });

  it('refuses an over-long streamed (chunked) body while counting', async () => {
    const chunks = Array.from({ length: 20 }, () => new TextEncoder().encode(`x=${'b'.repeat(998)}&`));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const status = await fetch(`${app.base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      duplex: 'half',
    } as RequestInit)
      .then((r) => r.status)
      .catch(() => 'reset');
    expect([413, 'reset']).toContain(status);
  });

  it('refuses a large JSON or text body too, but lets multipart through to its own per-field caps', async () => {
    expect(
      (
        await fetch(`${app.base}/echo`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ a: 'x'.repeat(5000) }),
        })
      ).status,
    ).toBe(413);
    const multipart = new FormData();
    multipart.append('a', 'x'.repeat(5000));
    expect((await fetch(`${app.base}/echo`, { method: 'POST', body: multipart })).status).toBe(200);
  });

  it('lets a form under the cap through, intact', async () => {
    const response = await fetch(`${app.base}/echo`, form('a=1&b=h%C3%A9llo+world&c=%25'));
    expect(response.status).toBe(200);
    expect((await response.json()).fields).toEqual([
      ['a', '1'],
      ['b', 'héllo world'],
      ['c', '%'],
    ]);
  });
});

describe('text cleaned at the boundary (issue 12 C)', () => {
  it('strips NUL and replaces lone surrogates in urlencoded fields', async () => {
    const response = await fetch(`${app.base}/echo`, form('summary=a%00b&title=x%ED%A0%80y&ok=fine'));
    expect(response.status).toBe(200);
    const fields = (await response.json()).fields as Array<[string, string]>;
    expect(fields[0]).toEqual(['summary', 'ab']);
    expect(fields[1][1].includes('\u0000')).toBe(false);
    expect(fields[2]).toEqual(['ok', 'fine']);
  });

  it('refuses JSON, text and other bodies with 415 instead of a 500 from the form parser', async () => {
    for (const [type, body] of [
      ['application/json', '{"email":"x"}'],
      ['text/plain', 'email=x'],
      ['application/octet-stream', '\u0000\u0000'],
    ]) {
      const response = await fetch(`${app.base}/login`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
        redirect: 'manual',
      });
      expect(response.status, type).toBe(415);
      expect(await response.text()).toMatch(/only accepts forms/);
    }
    expect(cleanBody('application/json', Buffer.from('{"a":"x\u0000y"}'))).toBeNull(); // never reaches the cleaner
  });

  it('reads a POST without body or type as an empty form (a clear 4xx from the route, not a 500)', async () => {
    const response = await fetch(`${app.base}/login`, { method: 'POST', redirect: 'manual' });
    expect(response.status).toBeLessThan(500);
  });
});

describe('login redirectTo (issue 12 B)', () => {
  it.each(['/\t/evil.test', '/\n/evil.test', '//evil.test', '/%09/evil.test', 'https://evil.test'])(
    'a successful login with redirectTo %j goes to /',
    async (to) => {
      const body = new URLSearchParams({
        email: credentials.email,
        password: credentials.password,
        redirectTo: to,
      }).toString();
      const response = await fetch(`${app.base}/login`, form(body));
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/');
    },
  );

  it('keeps a safe redirectTo', async () => {
    const body = new URLSearchParams({
      email: credentials.email,
      password: credentials.password,
      redirectTo: '/cycles/3?x=1',
    }).toString();
    const response = await fetch(`${app.base}/login`, form(body));
    expect(response.headers.get('location')).toBe('/cycles/3?x=1');
  });

  it('the language switch refuses the same bypass', async () => {
    const response = await fetch(`${app.base}/lang`, form('lang=es&redirectTo=%2F%09%2Fevil.test'));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/');
  });
});
