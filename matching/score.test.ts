import { describe, expect, it } from 'vitest';
import type { PeerProfile } from './model';
import {
  capacityLeft,
  CRITERION_INDEX,
  fundingValue,
  isExpired,
  languageFit,
  mandateCoverage,
  mandateFocus,
  modalityFit,
  periodFit,
  peerEvidenceValue,
  sharedCount,
  sumContributions,
  typeFit,
} from './score';
import { CRITERIA, type Language, type Modality } from './types';
import { dayNumber } from './validate';
import { DEFAULT_WEIGHTS, resolveWeights } from './weights';

const d = dayNumber;
const NOW = d('2025-06-01');

describe('criterion positions', () => {
  it('follow CRITERIA', () => {
    CRITERIA.forEach((c, i) => expect(CRITERION_INDEX[c]).toBe(i));
    expect(Object.keys(CRITERION_INDEX)).toHaveLength(CRITERIA.length);
  });
});

describe('mandate coverage, focus and type fit', () => {
  it.each([
    [1, 1, 1],
    [1, 2, 0.5],
    [2, 3, 2 / 3],
    [0, 3, 0],
    [0, 0, 0],
  ])('coverage(%d shared of %d) = %d', (shared, requested, value) => {
    expect(mandateCoverage(shared, requested)).toBe(value);
  });

  it.each([
    [1, 1, 1],
    [1, 4, 0.25],
    [2, 5, 0.4],
  ])('focus(%d shared of %d offered) = %d', (shared, offered, value) => {
    expect(mandateFocus(shared, offered)).toBe(value);
  });

  it.each([
    [1, 1, 1],
    [1, 2, 0.5],
    [0, 2, 0],
  ])('typeFit(%d of %d requested) = %d', (shared, requested, value) => {
    expect(typeFit(shared, requested)).toBe(value);
  });

  it.each([
    [[1, 2, 3], [2, 3, 4], 2],
    [[1], [2], 0],
    [[], [1], 0],
    [[5, 9, 12], [1, 5, 12, 40], 2],
  ])('sharedCount(%j, %j) = %d', (a, b, n) => {
    expect(sharedCount(a, b)).toBe(n);
  });
});

describe('languageFit', () => {
  const cases: Array<[Language[] | null, Language[] | null, number]> = [
    [['es'], ['es', 'en'], 1],
    [['es', 'en'], ['en'], 0.75],
    [['en'], ['es'], 0],
    [['fr'], ['en', 'es', 'fr'], 1],
    [null, ['en'], 0.5],
    [['en'], null, 0.5],
    [['pt', 'es'], ['es'], 0.75],
  ];
  it.each(cases)('request %j, offer %j → %d', (req, offer, value) => {
    expect(languageFit(req, offer, 0.5)).toBe(value);
  });
});

describe('modalityFit', () => {
  const cases: Array<[Modality, Modality, number]> = [
    ['in_person', 'in_person', 1],
    ['virtual', 'virtual', 1],
    ['either', 'virtual', 1],
    ['in_person', 'either', 1],
    ['in_person', 'virtual', 0],
    ['virtual', 'in_person', 0],
  ];
  it.each(cases)('request %s, offer %s → %d', (req, offer, value) => {
    expect(modalityFit(req, offer)).toBe(value);
  });
});

describe('periodFit and expiry', () => {
  const need = { from: d('2025-07-01'), to: d('2025-12-31') };
  const days = need.to - need.from + 1;
  it.each([
    ['no validity, no need', null, null, null, 1],
    ['valid all year', need, d('2025-01-01'), d('2025-12-31'), 1],
    ['open-ended', need, null, null, 1],
    ['ends mid-way', need, d('2025-01-01'), d('2025-09-30'), (d('2025-09-30') - need.from + 1) / days],
    ['starts mid-way', need, d('2025-10-01'), null, (need.to - d('2025-10-01') + 1) / days],
    ['after the need', need, d('2026-01-01'), d('2026-12-31'), 0],
    ['expired', null, d('2024-01-01'), d('2025-05-31'), 0],
    ['expired although the need was earlier', { from: d('2025-01-01'), to: d('2025-03-01') }, null, d('2025-05-31'), 0],
    ['starts in six months, no need', null, NOW + 182.5, null, 0.5],
    ['starts in two years, no need', null, NOW + 730, null, 0],
  ] as const)('%s', (_, needed, from, to, value) => {
    expect(periodFit(needed, from, to, NOW)).toBeCloseTo(value, 12);
  });

  it('isExpired is strict: an offer valid until today is current', () => {
    expect(isExpired(NOW, NOW)).toBe(false);
    expect(isExpired(NOW - 1, NOW)).toBe(true);
    expect(isExpired(null, NOW)).toBe(false);
  });
});

describe('capacity and funding', () => {
  it.each([
    [3, 3, 1],
    [1, 4, 0.25],
    [0, 2, 0],
    [0, 0, 0],
    [5, 2, 1],
  ])('capacityLeft(%d remaining of %d) = %d', (remaining, capacity, value) => {
    expect(capacityLeft(remaining, capacity)).toBe(value);
  });

  it.each([
    [null, 0],
    [true, 1],
    [50_000, 1],
  ] as const)('fundingValue(%s) = %d', (funding, value) => {
    expect(fundingValue(funding)).toBe(value);
  });
});

describe('peerEvidenceValue', () => {
  const profile: PeerProfile = {
    organizationId: 'CL',
    languages: null,
    languageMask: 0,
    mandates: [10, 12, 20],
    byMandate: new Map([
      [10, { progress: true, goodPractices: 0, vectors: [] }],
      [12, { progress: true, goodPractices: 1, vectors: [] }],
      [20, { progress: false, goodPractices: 2, vectors: [] }],
    ]),
  };
  it.each([
    [[10], 0.6],
    [[12], 1],
    [[20], 0.85],
    [[10, 12], 0.8],
    [[10, 99], 0.3],
    [[99], 0],
  ])('mandates %j → %d', (mandates, value) => {
    expect(peerEvidenceValue(profile, mandates)).toBeCloseTo(value, 12);
  });

  it('is 0 without a profile', () => {
    expect(peerEvidenceValue(undefined, [10])).toBe(0);
  });
});

describe('weights', () => {
  it('default to a total of 1', () => {
    const total = CRITERIA.reduce((s, c) => s + DEFAULT_WEIGHTS[c], 0);
    expect(total).toBeCloseTo(1, 12);
  });

  it('can be overridden and are checked', () => {
    expect(resolveWeights({ text: 0.5 }).text).toBe(0.5);
    expect(() => resolveWeights({ text: -1 })).toThrow(/text/);
    expect(() => resolveWeights({ bogus: 1 } as never)).toThrow(/Unknown criterion/);
  });

  it('sum contributions in criterion order', () => {
    const values = CRITERIA.map((_, i) => (i % 3) / 2);
    const w = CRITERIA.map((c) => DEFAULT_WEIGHTS[c]);
    let expected = 0;
    for (let i = 0; i < values.length; i++) expected += w[i] * values[i];
    expect(sumContributions(values, w)).toBe(expected);
  });
});
