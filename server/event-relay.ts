import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { z } from 'zod';
import type { DomainEventBus, DomainEvents } from '../services/events';
import type { MessageView } from '../services/roundtables/roundtables.server';

/*
 * Domain events across the nodes of a cluster (decision 033). Every local event is published on one Redis channel
 * with this node's id; what another node published is checked and handed to this node's onEveryNode listeners only
 * (node-memory refreshes: the page cache, the directory, the matching engine, join facts). Listeners registered with
 * `on` never hear remote events, so socket emits are not doubled and database writes still run once.
 */

const id = z.string().min(1).max(200);

/** What a remote payload must look like, per event (the TypeScript shapes of services/events.ts, checked at run time). */
const payloads: { [K in keyof DomainEvents]: z.ZodType<DomainEvents[K]> } = {
  'sessions.revoked': z.object({
    userId: id,
    sessionIds: z.union([z.array(id).max(10_000), z.literal('all')]),
    reason: z.enum(['logout', 'logout_everywhere', 'password_changed', 'user_disabled']),
  }),
  'catalogue.changed': z.object({ commitmentCode: z.string().max(200) }),
  'account.joined': z.object({ userId: id, organizationId: id }),
  'cooperation.changed': z.object({ kind: z.enum(['request', 'offer']), id }),
  'match.confirmed': z.object({ matchId: id }),
  'roundtable.member_muted': z.object({ roundtableId: id, userId: id, mutedUntil: z.string().max(100).nullable() }),
  'roundtable.member_removed': z.object({ roundtableId: id, userId: id }),
  'questionnaire.submitted': z.object({ questionnaireId: id, cycleId: id }),
  'results.changed': z.object({ reason: z.enum(['published', 'disclosure_requested', 'disclosure_decided']) }),
  'roundtable.changed': z.object({ roundtableId: id, what: z.enum(['agenda', 'members', 'status', 'documents']) }),
  // Only an object is checked of the message: no onEveryNode listener reads it (realtime hears it locally).
  'roundtable.message_posted': z.object({
    roundtableId: id,
    message: z.custom<MessageView>((v) => typeof v === 'object' && v !== null && !Array.isArray(v)),
  }),
  'roundtable.message_updated': z.object({
    roundtableId: id,
    message: z.custom<MessageView>((v) => typeof v === 'object' && v !== null && !Array.isArray(v)),
  }),
  'notifications.created': z.object({
    userIds: z.array(id).max(10_000),
    kind: z.string().max(200),
    link: z.string().max(2_000),
    data: z.record(z.string(), z.string()),
  }),
};
const eventNames = Object.keys(payloads) as [keyof DomainEvents, ...(keyof DomainEvents)[]];

const envelope = z.object({ v: z.literal(1), node: id, name: z.enum(eventNames), payload: z.unknown() });

/** A message read from the channel: the event to deliver, or why it is ignored. */
export function parseRelayed(
  raw: string,
  selfId: string,
):
  | { ok: true; name: keyof DomainEvents; payload: DomainEvents[keyof DomainEvents] }
  | { ok: false; reason: 'malformed' | 'own' } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const outer = envelope.safeParse(json);
  if (!outer.success) return { ok: false, reason: 'malformed' };
  if (outer.data.node === selfId) return { ok: false, reason: 'own' };
  const inner = payloads[outer.data.name].safeParse(outer.data.payload);
  if (!inner.success) return { ok: false, reason: 'malformed' };
  return { ok: true, name: outer.data.name, payload: inner.data };
}

export interface EventRelayOptions {
  url: string;
  events: DomainEventBus;
  /** One channel per cluster; tests give their own. */
  channel?: string;
  /** This node's id in the messages (its own are ignored when they come back). Default: a fresh UUID. */
  nodeId?: string;
  /** Told once per distinct Redis error; events published meanwhile are queued by the client, those missed are lost. */
  onError?: (error: Error) => void;
  /** Told of each message that is not a well-formed event (it is ignored). */
  onMalformed?: (raw: string) => void;
  /** Told when an onEveryNode listener throws on a remote event (the others still run). */
  onListenerError?: (error: unknown, name: string) => void;
}

export interface EventRelay {
  nodeId: string;
  /** Settles when the subscription is in place (or the first attempt failed: see onError). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_EVENT_CHANNEL = 'minka:domain-events';

/**
 * Starts the relay for `events`. Every local event is published (cheap: domain events follow people's actions, a
 * few per second at most), so a node whose configuration adds an onEveryNode listener the others lack still hears
 * them all; the receiving node skips at once the events nothing of its own listens to everywhere.
 */
export function startEventRelay({
  url,
  events,
  channel = DEFAULT_EVENT_CHANNEL,
  nodeId = randomUUID(),
  onError,
  onMalformed,
  onListenerError,
}: EventRelayOptions): EventRelay {
  const publisher = createClient({
    url,
    socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000) },
  });
  // Named, so an operator sees them in CLIENT LIST (and a test can cut one).
  const subscriber = publisher.duplicate({ name: `minka-event-relay:${nodeId}` });
  let lastError = '';
  const report = (error: Error) => {
    if (error.message === lastError) return;
    lastError = error.message;
    onError?.(error);
  };
  publisher.on('error', report);
  subscriber.on('error', report);
  publisher.on('ready', () => (lastError = ''));
  // Back after a break: what other nodes published meanwhile is lost, so what onEveryNode keeps is dropped.
  let subscribedOnce = false;
  subscriber.on('ready', () => {
    if (!subscribedOnce) return;
    lastError = '';
    events.deliverRemoteGap((error) => onListenerError?.(error, 'remote gap'));
  });

  const stopPublishing = events.relayTo((name, payload) => {
    if (!publisher.isOpen) return;
    let message: string;
    try {
      message = JSON.stringify({ v: 1, node: nodeId, name, payload });
    } catch (error) {
      return report(error as Error);
    }
    publisher.publish(channel, message).catch(report);
  });

  const receive = (raw: string) => {
    const parsed = parseRelayed(raw, nodeId);
    if (!parsed.ok) {
      if (parsed.reason === 'malformed') onMalformed?.(raw.slice(0, 500));
      return;
    }
    if (!events.hasEveryNodeListeners(parsed.name)) return;
    events.deliverFromAnotherNode(parsed.name, parsed.payload, (error) => onListenerError?.(error, parsed.name));
  };

  const ready = Promise.all([
    publisher.connect(),
    subscriber
      .connect()
      .then(() => subscriber.subscribe(channel, receive))
      .then(() => void (subscribedOnce = true)),
  ])
    .then(() => undefined)
    .catch(() => {
      // reported through 'error'; the clients keep reconnecting
    });

  return {
    nodeId,
    ready,
    async close() {
      stopPublishing();
      for (const client of [subscriber, publisher]) {
        try {
          if (client.isReady) await client.close();
          else if (client.isOpen) client.destroy();
        } catch {
          // closing anyway
        }
      }
    },
  };
}
