import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainEventBus } from '../services/events';
import { parseRelayed, startEventRelay, type EventRelay } from './event-relay';

// The relay of domain events between nodes (decision 033). The parsing needs nothing; the rest needs Redis
// (REDIS_URL), as the other cluster tests do.
const message = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ v: 1, node: 'node-b', name: 'results.changed', payload: { reason: 'published' }, ...over });

describe('a message from the relay channel', () => {
  it('is delivered when it is a well-formed event of another node', () => {
    expect(parseRelayed(message(), 'node-a')).toEqual({
      ok: true,
      name: 'results.changed',
      payload: { reason: 'published' },
    });
  });

  it('is ignored when it is this node’s own', () => {
    expect(parseRelayed(message(), 'node-b')).toEqual({ ok: false, reason: 'own' });
  });

  it.each([
    ['not JSON', '{"v":1,'],
    ['JSON but not an object', '42'],
    ['another version', message({ v: 2 })],
    ['no node', message({ node: '' })],
    ['an unknown event', message({ name: 'database.drop' })],
    ['a prototype key as the name', message({ name: '__proto__' })],
    ['a payload of the wrong shape', message({ payload: { reason: 'because' } })],
    ['no payload', message({ payload: undefined })],
    ['a wrong id type', message({ name: 'cooperation.changed', payload: { kind: 'offer', id: 7 } })],
    [
      'sessions that are neither a list nor all',
      message({ name: 'sessions.revoked', payload: { userId: 'u', sessionIds: 'some', reason: 'logout' } }),
    ],
  ])('is ignored as malformed: %s', (_label, raw) => {
    expect(parseRelayed(raw, 'node-a')).toEqual({ ok: false, reason: 'malformed' });
  });
});

const redisUrl = process.env.REDIS_URL;

describe.skipIf(!redisUrl)('two buses joined by the relay (Redis)', () => {
  const channel = `minka-event-relay-test-${randomBytes(4).toString('hex')}`;
  const relays: EventRelay[] = [];
  afterAll(async () => {
    for (const relay of relays) await relay.close();
  });

  const until = async (check: () => boolean, ms = 3_000) => {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('onEveryNode on B hears an event emitted on A; on does not; malformed messages are ignored and counted', async () => {
    const a = new DomainEventBus();
    const b = new DomainEventBus();
    const malformed: string[] = [];
    relays.push(startEventRelay({ url: redisUrl!, events: a, channel, nodeId: 'a' }));
    relays.push(
      startEventRelay({ url: redisUrl!, events: b, channel, nodeId: 'b', onMalformed: (raw) => malformed.push(raw) }),
    );
    await Promise.all(relays.map((r) => r.ready));

    const everywhereOnB: string[] = [];
    const localOnB: string[] = [];
    const everywhereOnA: string[] = [];
    b.onEveryNode('cooperation.changed', ({ id }) => everywhereOnB.push(id));
    b.on('cooperation.changed', ({ id }) => localOnB.push(id));
    a.onEveryNode('cooperation.changed', ({ id }) => everywhereOnA.push(id));

    // Garbage on the channel first (a stray publisher, another version): ignored, and the relay keeps working.
    const stray = createClient({ url: redisUrl });
    await stray.connect();
    await stray.publish(channel, 'not json');
    await stray.publish(
      channel,
      message({ node: 'x', name: 'cooperation.changed', payload: { kind: 'x', id: 'bad' } }),
    );
    await stray.close();

    a.emit('cooperation.changed', { kind: 'offer', id: 'from-a' });
    await until(() => everywhereOnB.length > 0);
    expect(everywhereOnB).toEqual(['from-a']);
    expect(localOnB).toEqual([]);
    expect(malformed).toHaveLength(2);
    // A heard its own event once, locally (its own message coming back from Redis is not delivered again).
    await new Promise((r) => setTimeout(r, 100));
    expect(everywhereOnA).toEqual(['from-a']);

    b.emit('cooperation.changed', { kind: 'request', id: 'from-b' });
    await until(() => everywhereOnA.length > 1);
    expect(everywhereOnA).toEqual(['from-a', 'from-b']);
    expect(localOnB).toEqual(['from-b']);
    expect(everywhereOnB).toEqual(['from-a', 'from-b']);
  });

  it('after losing Redis, tells onRemoteGap listeners (events may have been missed) and relays again', async () => {
    const gapChannel = `${channel}-gap`;
    const a = new DomainEventBus();
    const b = new DomainEventBus();
    const nodeId = `b-${randomBytes(4).toString('hex')}`;
    relays.push(startEventRelay({ url: redisUrl!, events: a, channel: gapChannel }));
    relays.push(startEventRelay({ url: redisUrl!, events: b, channel: gapChannel, nodeId, onError: () => {} }));
    await Promise.all(relays.map((r) => r.ready));
    let gaps = 0;
    const heard: string[] = [];
    b.onRemoteGap(() => (gaps += 1));
    b.onEveryNode('results.changed', ({ reason }) => heard.push(reason));

    // Cut B's subscription (only that connection, found by its name).
    const admin = createClient({ url: redisUrl });
    await admin.connect();
    const line = (await admin.sendCommand(['CLIENT', 'LIST', 'TYPE', 'pubsub']))!
      .toString()
      .split('\n')
      .find((l) => l.includes(`name=minka-event-relay:${nodeId}`));
    expect(line).toBeDefined();
    await admin.sendCommand(['CLIENT', 'KILL', 'ID', /\bid=(\d+)/.exec(line!)![1]]);
    await admin.close();

    await until(() => gaps === 1);
    a.emit('results.changed', { reason: 'disclosure_decided' });
    await until(() => heard.length === 1);
    expect(heard).toEqual(['disclosure_decided']);
  });
});
