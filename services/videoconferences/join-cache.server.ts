import type { MeetingRow } from '../../db/schema';

/** What a join needs to know from the database about one person and one meeting (decision 028). */
export interface JoinFacts {
  meeting: Pick<
    MeetingRow,
    'id' | 'roundtableId' | 'status' | 'startsAt' | 'durationMinutes' | 'livekitRoom' | 'title'
  >;
  /** Invited and not left out, and not removed from the meeting's room. */
  participant: boolean;
  /** A moderator of the meeting's room (a live membership). */
  namedModerator: boolean;
  /** The organization the person is invited for, named in the call. */
  organizationCode: string | null;
}

interface Entry {
  facts: JoinFacts;
  expiresAt: number;
}

/**
 * A short-lived memory of join facts per (meeting, person), so a repeated join needs no database round trip. Who
 * may join is always decided again from these facts and the person's own session (their role is never cached);
 * the facts are dropped when anything they were read from changes (decision 028):
 * - the meeting itself (moved, cancelled, started, finished): `forgetMeeting`, by this service's own writes;
 * - the room's members (removed, added back, named moderator, an organization invited): `forgetRoom`, on the
 *   roundtables module's domain events, which it emits synchronously right after its transaction commits;
 * - a person disabled or joining an organization: `forgetUser`.
 * Facts read while an invalidation happened are not kept (the generation check), so a read that started before a
 * removal cannot store the old membership after it. The lifetime is a backstop for changes this process cannot hear
 * (another instance, a hand-made SQL change).
 */
export class JoinFactsCache {
  private entries = new Map<string, Entry>();
  /** Bumped by every invalidation: facts read under an older generation are not stored. */
  private gen = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 20_000,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get generation(): number {
    return this.gen;
  }

  private key(meetingId: string, userId: string) {
    return `${meetingId}|${userId}`;
  }

  get(meetingId: string, userId: string): JoinFacts | undefined {
    if (this.ttlMs <= 0) return undefined;
    const key = this.key(meetingId, userId);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.facts;
  }

  /** Keeps facts read under `generation`, unless something was invalidated since. */
  set(userId: string, facts: JoinFacts, generation: number): void {
    if (this.ttlMs <= 0 || generation !== this.gen) return;
    if (this.entries.size >= this.maxEntries) {
      // The oldest entry (Map keeps insertion order) makes room.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(this.key(facts.meeting.id, userId), { facts, expiresAt: this.clock() + this.ttlMs });
  }

  private forgetWhere(test: (key: string, entry: Entry) => boolean) {
    this.gen += 1;
    for (const [key, entry] of this.entries) if (test(key, entry)) this.entries.delete(key);
  }

  forgetMeeting(meetingId: string): void {
    this.forgetWhere((key) => key.startsWith(`${meetingId}|`));
  }

  forgetRoom(roundtableId: string): void {
    this.forgetWhere((_key, entry) => entry.facts.meeting.roundtableId === roundtableId);
  }

  forgetUser(userId: string): void {
    this.forgetWhere((key) => key.endsWith(`|${userId}`));
  }

  clear(): void {
    this.gen += 1;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
