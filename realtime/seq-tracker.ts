/**
 * What a client holds of one room's messages, by `seq` (1, 2, 3… per room, in commit order, no gaps: migration
 * 0007). Message ids are not enough: two server processes can commit ids out of order, and a member on one node may
 * hear message n+1 (stored locally) before message n (relayed through Redis). Resuming from "the highest id seen"
 * would then skip n for good. Resuming from the highest *contiguous* seq cannot skip anything.
 */
export interface SeqTracker {
  /** Every message with seq ≤ this is held: what to send as `lastSeenSeq`. */
  readonly contiguous: number;
  /** Some seq between `contiguous` and the highest held is missing (maybe still on its way). */
  readonly hasGap: boolean;
  /** Messages received one by one (live, or the ack of one's own send). */
  add(seqs: number[]): void;
  /**
   * The server answered with everything after `contiguous` up to now (a replay, or the latest page): whatever is
   * still missing below the highest seq held does not exist, so nothing is waited for any more.
   */
  settle(seqs: number[]): void;
  /** The latest page replaced what was held. */
  reset(seqs: number[]): void;
}

export function createSeqTracker(initial: number): SeqTracker {
  let contiguous = Math.max(0, initial);
  const ahead = new Set<number>();

  function advance() {
    while (ahead.delete(contiguous + 1)) contiguous++;
    for (const seq of ahead) if (seq <= contiguous) ahead.delete(seq);
  }

  return {
    get contiguous() {
      return contiguous;
    },
    get hasGap() {
      return ahead.size > 0;
    },
    add(seqs) {
      for (const seq of seqs) if (seq > contiguous) ahead.add(seq);
      advance();
    },
    settle(seqs) {
      contiguous = Math.max(contiguous, ...seqs, ...ahead);
      ahead.clear();
    },
    reset(seqs) {
      contiguous = Math.max(0, ...seqs);
      ahead.clear();
    },
  };
}
