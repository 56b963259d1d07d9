/**
 * Issue 16, item 1: abstention depends on evidence of fit, not only on a relative score. With the default rule
 * (calibrated on the development set, weights.ts DEFAULT_ABSTENTION), a request with no plausible counterpart gets
 * none: an offer on its mandate about something else, an offer in no language it works in, an offer it cannot
 * attend in the modality it needs. The same request with a plausible counterpart gets it proposed.
 */
import { describe, expect, it } from 'vitest';
import { allocate } from './allocation';
import { isWeak, NO_ABSTENTION } from './calibrate';
import { MatchingEngine } from './engine';
import type { AssistanceRequest, CooperationOffer } from './types';
import { DEFAULT_ABSTENTION } from './weights';

const NOW = '2025-06-01';

const request = (overrides: Partial<AssistanceRequest> = {}): AssistanceRequest => ({
  id: 'req',
  organizationId: 'GT',
  mandates: [6],
  types: ['institutions'],
  description:
    'Guatemala asks for support to prevent corruption in its prison system: illegal fees charged to inmates and their families, and internal controls over custody staff.',
  languages: ['es', 'en'],
  modality: 'either',
  status: 'open',
  ...overrides,
});

const offer = (id: string, overrides: Partial<CooperationOffer> = {}): CooperationOffer => ({
  id,
  organizationId: `org-${id}`,
  kind: 'jswg',
  mandates: [6],
  types: ['institutions'],
  description:
    'Integrity in prison administration: controls against illegal fees charged to inmates and families, internal controls and vetting of custody staff.',
  languages: ['es', 'en'],
  modality: 'either',
  capacity: 3,
  activeMatches: 0,
  ...overrides,
});

/** On the same mandate, with the requested type, language and modality: only the topic differs. */
const offTopic = offer('digital', {
  description:
    'Digital transformation of the State: simplification of procedures, one-stop shops, interoperability and digital identity.',
});

function run(requests: AssistanceRequest[], offers: CooperationOffer[]) {
  const engine = new MatchingEngine({ now: NOW });
  engine.load({ requests, offers });
  return engine;
}

describe('no good counterpart (issue 16, item 1)', () => {
  it('the default rule uses evidence of fit: a text floor, the shared language and the modality, besides the score', () => {
    expect(DEFAULT_ABSTENTION.belowText).toBeGreaterThan(0);
    expect(DEFAULT_ABSTENTION.withoutSharedLanguage).toBe(true);
    expect(DEFAULT_ABSTENTION.onModalityConflict).toBe(true);
    expect(new MatchingEngine({ now: NOW }).abstention).toEqual(DEFAULT_ABSTENTION);
  });

  it('proposes a plausible counterpart (the control)', () => {
    const engine = run([request()], [offer('prisons'), offTopic]);
    const ranking = engine.ranking('req')!;
    expect(ranking.abstained).toBe(false);
    expect(ranking.candidates[0]).toMatchObject({ candidateId: 'prisons', weak: false });
    expect(ranking.missing).toEqual([]);
  });

  it('proposes nothing when the only offer on the mandate is about something else, though it scores like a fit', () => {
    const engine = run([request()], [offTopic]);
    const ranking = engine.ranking('req')!;
    const c = ranking.candidates[0];
    // The relative score alone would have proposed it: mandate, type, language and modality all fit.
    expect(c.score).toBeGreaterThanOrEqual(DEFAULT_ABSTENTION.belowScore);
    expect(c).toMatchObject({ candidateId: 'digital', weak: true, textJudged: true });
    expect(c.explanations[0]).toMatch(/^Weak fit: its description shares too few concepts with the need/);
    expect(c.explanationsEs[0]).toMatch(/^Ajuste débil: su descripción comparte muy pocos conceptos/);
    expect(ranking).toMatchObject({ abstained: true, missing: ['weak_fit'] });
    const allocation = allocate([ranking], engine.offerCapacities());
    expect(allocation.assignments).toEqual([]);
  });

  it('proposes nothing when the topical offer shares no working language with the request', () => {
    const engine = run([request({ languages: ['fr'] })], [offer('prisons', { languages: ['es', 'en'] })]);
    const ranking = engine.ranking('req')!;
    expect(ranking.candidates[0]).toMatchObject({ candidateId: 'prisons', needsInterpretation: true, weak: true });
    expect(ranking.candidates[0].explanations[0]).toMatch(/^Not proposed: shares no working language/);
    expect(ranking).toMatchObject({ abstained: true, missing: ['no_shared_language'] });
  });

  it('proposes nothing when the topical offer cannot work in the modality the request needs', () => {
    const engine = run([request({ modality: 'in_person' })], [offer('prisons', { modality: 'virtual' })]);
    const ranking = engine.ranking('req')!;
    expect(ranking.candidates[0]).toMatchObject({ candidateId: 'prisons', modalityConflict: true, weak: true });
    expect(ranking.candidates[0].explanations[0]).toMatch(/^Not proposed: its modality conflicts/);
    expect(ranking).toMatchObject({ abstained: true, missing: ['modality_conflict'] });
    // "either" on the offer's side is compatible.
    const either = run([request({ modality: 'in_person' })], [offer('prisons', { modality: 'either' })]);
    expect(either.ranking('req')!.abstained).toBe(false);
  });

  it('does not hold a withheld description against a candidate: the text floor applies only to disclosed texts', () => {
    const engine = run([request({ withheldFields: ['description'] })], [offTopic]);
    const c = engine.ranking('req')!.candidates[0];
    expect(c.textJudged).toBe(false);
    expect(c.explanations.join(' ')).not.toMatch(/shares too few concepts/);
  });

  it('keeps `abstainBelow` as a score-only rule, and 0 as no abstention at all', () => {
    expect(new MatchingEngine({ now: NOW, abstainBelow: 0.4 }).abstention).toEqual({
      ...NO_ABSTENTION,
      belowScore: 0.4,
    });
    const engine = new MatchingEngine({ now: NOW, abstainBelow: 0 });
    engine.load({ requests: [request({ languages: ['fr'] })], offers: [offTopic] });
    expect(engine.ranking('req')!.abstained).toBe(false);
    expect(() => new MatchingEngine({ now: NOW, abstention: { belowText: 2 } })).toThrow(/between 0 and 1/);
  });

  it('isWeak: each part of the rule on its own', () => {
    const fit = { score: 0.9, text: 0.5, needsInterpretation: false, modalityConflict: false };
    const rule = { belowScore: 0.5, belowText: 0.1, withoutSharedLanguage: true, onModalityConflict: true };
    expect(isWeak(rule, fit)).toBe(false);
    expect(isWeak(rule, { ...fit, score: 0.49 })).toBe(true);
    expect(isWeak(rule, { ...fit, text: 0.09 })).toBe(true);
    expect(isWeak(rule, { ...fit, text: null })).toBe(false);
    expect(isWeak(rule, { ...fit, needsInterpretation: true })).toBe(true);
    expect(isWeak({ ...rule, withoutSharedLanguage: false }, { ...fit, needsInterpretation: true })).toBe(false);
    expect(isWeak(rule, { ...fit, modalityConflict: true })).toBe(true);
    expect(isWeak({ ...rule, onModalityConflict: false }, { ...fit, modalityConflict: true })).toBe(false);
  });
});
