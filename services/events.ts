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
  /** What the public may read of registered progress changed: a publication, or a non-disclosure request or decision. */
  'results.changed': { reason: 'published' | 'disclosure_requested' | 'disclosure_decided' };
  /** Something in a room changed outside the socket that caused it (agenda, members, status). */
  'roundtable.changed': { roundtableId: string; what: 'agenda' | 'members' | 'status' | 'documents' };
  /** A message was stored outside a socket (the room page's plain form): the room hears it live all the same. */
  'roundtable.message_posted': { roundtableId: string; message: MessageView };
  /** In-app notices were stored for these people (today: @mentions): their open pages hear it live (decision 031). */
  'notifications.created': { userIds: string[]; kind: string; link: string; data: Record<string, string> };
}

export class DomainEventBus {
  private emitter = new EventEmitter();
  emit<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]): void {
    this.emitter.emit(name, payload);
  }
  on<K extends keyof DomainEvents>(name: K, listener: (payload: DomainEvents[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
