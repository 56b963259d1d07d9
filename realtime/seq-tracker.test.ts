import { describe, expect, it } from 'vitest';
import { createSeqTracker } from './seq-tracker';

describe('createSeqTracker: what to resume from', () => {
  it('advances over messages received in order', () => {
    const seqs = createSeqTracker(3);
    seqs.add([4]);
    seqs.add([5]);
    expect(seqs.contiguous).toBe(5);
    expect(seqs.hasGap).toBe(false);
  });

  it('does not move past a message heard out of order, and closes the gap when it arrives', () => {
    const seqs = createSeqTracker(3);
    seqs.add([5]); // stored on this node, heard before 4 (relayed from another node)
    expect(seqs.contiguous).toBe(3);
    expect(seqs.hasGap).toBe(true);
    seqs.add([6]);
    expect(seqs.contiguous).toBe(3);
    seqs.add([4]);
    expect(seqs.contiguous).toBe(6);
    expect(seqs.hasGap).toBe(false);
  });

  it('ignores what it already holds (a replay overlapping live messages)', () => {
    const seqs = createSeqTracker(5);
    seqs.add([2, 5, 3]);
    expect(seqs.contiguous).toBe(5);
    expect(seqs.hasGap).toBe(false);
  });

  it('settles on the highest seq once the server has answered the gap', () => {
    const seqs = createSeqTracker(3);
    seqs.add([6]);
    seqs.settle([4]);
    expect(seqs.contiguous).toBe(6);
    expect(seqs.hasGap).toBe(false);
    seqs.settle([]);
    expect(seqs.contiguous).toBe(6);
  });

  it('starts again from the latest page', () => {
    const seqs = createSeqTracker(40);
    seqs.add([45]);
    seqs.reset([70, 71, 72]);
    expect(seqs.contiguous).toBe(72);
    expect(seqs.hasGap).toBe(false);
    seqs.reset([]);
    expect(seqs.contiguous).toBe(0);
  });
});
