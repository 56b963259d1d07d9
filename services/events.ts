import { EventEmitter } from 'node:events';
import type { MessageView } from './roundtables/roundtables.server';

/**
 * Domain events between modules (Decidim's habit): services announce what happened; the realtime layer and
 * jobs subscribe. No module calls another's internals to react.
 */
export interface DomainEvents {
  /** Sessions that no longer exist: their sockets must be disconnected at once. */
  'sessions.revoked': {
    userId: string;
    sessionIds: string[] | 'all';
    reason: 'logout' | 'logout_everywhere' | 'password_changed' | 'user_disabled';
  };
  'catalogue.changed': { commitmentCode: string };
  /** Someone joined an organization (an accepted invitation): the roundtables module lets them into its open rooms. */
  'account.joined': { userId: string; organizationId: string };
  /** A request or offer was created, changed, published or withdrawn: the matching engine updates its rankings. */
  'cooperation.changed': { kind: 'request' | 'offer'; id: string };
  /** Both sides accepted: the roundtables module opens a room for the match. */
  'match.confirmed': { matchId: string };
  /** A moderator muted (or, with mutedUntil null, unmuted) someone: they hear it at once and their hand comes down. */
  'roundtable.member_muted': { roundtableId: string; userId: string; mutedUntil: string | null };
  /** Someone lost access to a room (removed by a moderator): their sockets must leave it at once. */
  'roundtable.member_removed': { roundtableId: string; userId: string };
  /** A questionnaire was submitted: when its cycle is already published, the publication service publishes it. */
  'questionnaire.submitted': { questionnaireId: string; cycleId: string };
  /**
   * What the public may read changed: a publication (of results, practices, an initiative or an outcome), or a request
   * or decision not to disclose (of answers, or of a part of an initiative). Public pages kept in memory are dropped.
   */
  'results.changed': { reason: 'published' | 'disclosure_requested' | 'disclosure_decided' };
  /** Something in a room changed outside the socket that caused it (agenda, members, status). */
  'roundtable.changed': { roundtableId: string; what: 'agenda' | 'members' | 'status' | 'documents' };
  /** A message was stored outside a socket (the room page's plain form): the room hears it live all the same. */
  'roundtable.message_posted': { roundtableId: string; message: MessageView };
  /** A message changed outside a socket (a reaction from the room page's plain form): the room sees it live all the same. */
  'roundtable.message_updated': { roundtableId: string; message: MessageView };
  /** In-app notices were stored for these people (today: @mentions): their open pages hear it live (decision 031). */
  'notifications.created': { userIds: string[]; kind: string; link: string; data: Record<string, string> };
}

const GAP = Symbol('remote events may have been missed');

/** Hands a local event to the relay (server/event-relay.ts), which publishes it for the other nodes. */
export type EventPublisher = <K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]) => void;

/**
 * One node's bus (decision 033). `on` hears this node's events only: realtime listeners (their socket emits already
 * reach every node through the Socket.IO Redis adapter) and reactions that write to the database (they must run once)
 * use it. `onEveryNode` also hears the events of the other nodes of a cluster, brought by the relay when REDIS_URL is
 * set; without it (one node) the two are the same.
 */
export class DomainEventBus {
  private local = new EventEmitter();
  private everyNode = new EventEmitter();
  private publishers = new Set<EventPublisher>();
  constructor() {
    // One listener per module and per cache, not per request: more than 10 on one event is normal here.
    this.local.setMaxListeners(50);
    this.everyNode.setMaxListeners(50);
  }
  emit<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]): void {
    for (const publish of this.publishers) publish(name, payload);
    this.everyNode.emit(name, payload);
    this.local.emit(name, payload);
  }
  /** This node's events only. Realtime listeners and reactions that write to the database belong here. */
  on<K extends keyof DomainEvents>(name: K, listener: (payload: DomainEvents[K]) => void): () => void {
    this.local.on(name, listener);
    return () => this.local.off(name, listener);
  }
  /**
   * This node's events AND those of every other node (through the relay, decision 033). ONLY for refreshing this
   * node's memory (a cache, the matching engine's index, the directory's search index): such a listener runs once on
   * every node, so it must not write to the database or emit to sockets (the adapter already reaches every node).
   * A remote event arrives a few milliseconds after the change, and is lost while Redis is unreachable: a cache kept
   * this way still needs a time bound.
   */
  onEveryNode<K extends keyof DomainEvents>(name: K, listener: (payload: DomainEvents[K]) => void): () => void {
    this.everyNode.on(name, listener);
    return () => this.everyNode.off(name, listener);
  }
  /**
   * The relay lost Redis for a while (decision 033): events of other nodes may have been missed. Whatever is kept up
   * to date with onEveryNode listeners drops what it holds here (a cache empties, an index is rebuilt on next use).
   */
  onRemoteGap(listener: () => void): () => void {
    this.everyNode.on(GAP, listener);
    return () => this.everyNode.off(GAP, listener);
  }
  /** The relay's side of onRemoteGap: told after a reconnection. One listener that throws does not stop the others. */
  deliverRemoteGap(onError: (error: unknown) => void = () => {}): void {
    for (const listener of this.everyNode.listeners(GAP) as (() => void)[]) {
      try {
        listener();
      } catch (error) {
        onError(error);
      }
    }
  }
  /** Whether anything on this node listens to `name` with onEveryNode (the relay skips the others' events). */
  hasEveryNodeListeners(name: keyof DomainEvents): boolean {
    return this.everyNode.listenerCount(name) > 0;
  }
  /** The relay's outbound side: `publish` is told every local event. It must not throw. */
  relayTo(publish: EventPublisher): () => void {
    this.publishers.add(publish);
    return () => this.publishers.delete(publish);
  }
  /**
   * The relay's inbound side: an event that happened on another node reaches the onEveryNode listeners only. One
   * that throws is told to `onError` and the others still run.
   */
  deliverFromAnotherNode<K extends keyof DomainEvents>(
    name: K,
    payload: DomainEvents[K],
    onError: (error: unknown) => void = () => {},
  ): void {
    for (const listener of this.everyNode.listeners(name) as ((payload: DomainEvents[K]) => void)[]) {
      try {
        listener(payload);
      } catch (error) {
        onError(error);
      }
    }
  }
}
