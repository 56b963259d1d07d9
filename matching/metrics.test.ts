import { describe, expect, it } from 'vitest';
import { dcg, evaluate, ndcgAt, type Label } from './metrics';

const label: Label = { requestId: 'r', primary: 'a', acceptable: ['b', 'c'] };

describe('metrics', () => {
  it.each([
    [['a', 'b', 'c'], 1],
    [['b', 'a', 'c'], (1 + 3 / Math.log2(3) + 1 / 2) / (3 + 1 / Math.log2(3) + 1 / 2)],
    [['x', 'y', 'z', 'w', 'v'], 0],
    [['x', 'a'], 3 / Math.log2(3) / (3 + 1 / Math.log2(3) + 1 / 2)],
  ])('nDCG@5 of %j', (ranked, value) => {
    expect(ndcgAt(label, ranked, 5)).toBeCloseTo(value, 12);
  });

  it('dcg discounts by log2(position + 1)', () => {
    expect(dcg([2, 1])).toBeCloseTo(3 + 1 / Math.log2(3), 12);
  });

  it('computes precision@1, precision@3, hit@3 over requests', () => {
    const labels: Label[] = [label, { requestId: 's', primary: 'p' }];
    const rankings: Record<string, string[]> = { r: ['b', 'x', 'a'], s: ['q', 'r', 's'] };
    const m = evaluate(labels, (id) => rankings[id]);
    expect(m.precisionAt1).toBe(0.5);
    expect(m.primaryAt1).toBe(0);
    expect(m.precisionAt3).toBeCloseTo((2 / 3 + 0) / 2, 12);
    expect(m.hitAt3).toBe(0.5);
  });
});
