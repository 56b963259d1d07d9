import { describe, expect, it } from 'vitest';
import { DomainEventBus, type DomainEvents } from './events';

// The bus of one node (decision 033): `on` hears this node's events only; `onEveryNode` hears them and, through the
// relay (server/event-relay.ts), those of the other nodes.
describe('DomainEventBus', () => {
  it('onEveryNode hears a local event and one from another node; on hears only the local one', () => {
    const bus = new DomainEventBus();
    const local: string[] = [];
    const everywhere: string[] = [];
    bus.on('cooperation.changed', ({ id }) => local.push(id));
    bus.onEveryNode('cooperation.changed', ({ id }) => everywhere.push(id));
    bus.emit('cooperation.changed', { kind: 'offer', id: 'here' });
    bus.deliverFromAnotherNode('cooperation.changed', { kind: 'offer', id: 'there' });
    expect(local).toEqual(['here']);
    expect(everywhere).toEqual(['here', 'there']);
  });

  it('hands every local event to the relay, never one that came from another node', () => {
    const bus = new DomainEventBus();
    const published: [string, unknown][] = [];
    const stop = bus.relayTo((name, payload) => published.push([name, payload]));
    bus.emit('results.changed', { reason: 'disclosure_requested' });
    bus.emit('match.confirmed', { matchId: 'm1' }); // published although nothing here listens everywhere
    bus.deliverFromAnotherNode('results.changed', { reason: 'published' });
    expect(published).toEqual([
      ['results.changed', { reason: 'disclosure_requested' }],
      ['match.confirmed', { matchId: 'm1' }],
    ]);
    stop();
    bus.emit('results.changed', { reason: 'published' });
    expect(published).toHaveLength(2);
  });

  it('a remote listener that throws is reported and the others still run', () => {
    const bus = new DomainEventBus();
    const heard: string[] = [];
    const errors: unknown[] = [];
    bus.onEveryNode('results.changed', () => {
      throw new Error('broken cache');
    });
    bus.onEveryNode('results.changed', ({ reason }) => heard.push(reason));
    bus.deliverFromAnotherNode('results.changed', { reason: 'disclosure_decided' }, (e) => errors.push(e));
    expect(heard).toEqual(['disclosure_decided']);
    expect(errors).toHaveLength(1);
  });

  it('unsubscribes, and says which events something listens to everywhere', () => {
    const bus = new DomainEventBus();
    const heard: DomainEvents['results.changed'][] = [];
    expect(bus.hasEveryNodeListeners('results.changed')).toBe(false);
    const off = bus.onEveryNode('results.changed', (p) => heard.push(p));
    bus.on('catalogue.changed', () => {});
    expect(bus.hasEveryNodeListeners('results.changed')).toBe(true);
    expect(bus.hasEveryNodeListeners('catalogue.changed')).toBe(false);
    off();
    expect(bus.hasEveryNodeListeners('results.changed')).toBe(false);
    bus.emit('results.changed', { reason: 'published' });
    expect(heard).toEqual([]);
  });

  it('tells onRemoteGap listeners of a gap, not of events; one that throws does not stop the others', () => {
    const bus = new DomainEventBus();
    let dropped = 0;
    const errors: unknown[] = [];
    bus.onRemoteGap(() => {
      throw new Error('broken cache');
    });
    const off = bus.onRemoteGap(() => (dropped += 1));
    bus.emit('results.changed', { reason: 'published' });
    bus.deliverFromAnotherNode('results.changed', { reason: 'published' });
    expect(dropped).toBe(0);
    expect(bus.hasEveryNodeListeners('results.changed')).toBe(false);
    bus.deliverRemoteGap((e) => errors.push(e));
    expect(dropped).toBe(1);
    expect(errors).toHaveLength(1);
    off();
    bus.deliverRemoteGap();
    expect(dropped).toBe(1);
  });
});
