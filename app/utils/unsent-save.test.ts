import { describe, expect, it } from 'vitest';
import { isUnsentSave, sendOrKeep, skipReloadAfterUnsent } from './unsent-save';

const fails = (error: unknown) => () => Promise.reject(error);

describe('sendOrKeep (decision 038)', () => {
  it('returns the action’s own answer unchanged', async () => {
    const reply = { message: 'Some fields need attention', fieldErrors: {} };
    expect(await sendOrKeep(() => Promise.resolve(reply))).toBe(reply);
  });

  it('turns a failed fetch or an answer that is not Remix’s into an unsent save for the network', async () => {
    expect(await sendOrKeep(fails(new TypeError('Failed to fetch')))).toEqual({ kind: 'unsent', reason: 'network' });
    expect(await sendOrKeep(fails(new Error('Unable to decode turbo-stream response')))).toEqual({
      kind: 'unsent',
      reason: 'network',
    });
  });

  it('turns a redirect to the login page into an unsent save for the session', async () => {
    const toLogin = new Response(null, { status: 302, headers: { Location: '/login?redirectTo=%2Fpractices%2Fnew' } });
    expect(await sendOrKeep(fails(toLogin))).toEqual({ kind: 'unsent', reason: 'session' });
  });

  it('leaves other redirects and the action’s error responses to Remix', async () => {
    const created = new Response(null, { status: 302, headers: { Location: '/practices/1/edit?saved=1' } });
    await expect(sendOrKeep(fails(created))).rejects.toBe(created);
    const forbidden = { status: 403, statusText: 'Forbidden', internal: false, data: 'Not yours' };
    await expect(sendOrKeep(fails(forbidden))).rejects.toBe(forbidden);
  });

  it('has the routes skip their reload after an unsent save only', () => {
    const args = { defaultShouldRevalidate: true } as Parameters<typeof skipReloadAfterUnsent>[0];
    expect(skipReloadAfterUnsent({ ...args, actionResult: { kind: 'unsent', reason: 'network' } })).toBe(false);
    expect(skipReloadAfterUnsent({ ...args, actionResult: { message: 'x' } })).toBe(true);
    expect(isUnsentSave(undefined)).toBe(false);
  });
});
