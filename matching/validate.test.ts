import { describe, expect, it } from 'vitest';
import { MatchingEngine } from './engine';
import type { AssistanceRequest, CooperationOffer, PeerSignal } from './types';
import {
  MAX_DESCRIPTION_LENGTH,
  MatchingInputError,
  validate,
  validateOffer,
  validatePeerSignal,
  validateRequest,
} from './validate';

const request: AssistanceRequest = {
  id: 'r1',
  organizationId: 'PE',
  mandates: [10],
  types: ['legislative'],
  description: 'Ley de protección de denunciantes',
  languages: ['es'],
  modality: 'either',
  status: 'open',
};

const offer: CooperationOffer = {
  id: 'o1',
  organizationId: 'OAS',
  kind: 'jswg',
  mandates: [10],
  types: ['legislative'],
  description: 'Whistleblower protection model law',
  languages: ['en', 'es'],
  modality: 'virtual',
  capacity: 2,
  activeMatches: 0,
};

const signal: PeerSignal = { organizationId: 'CL', mandate: 12, kind: 'progress', level: 'D' };

function errorsOf(result: { ok: boolean; errors?: string[] }): string {
  expect(result.ok).toBe(false);
  return (result.errors ?? []).join(' | ');
}

describe('validate: requests', () => {
  it('accepts a well-formed request', () => {
    expect(validateRequest(request)).toEqual({ ok: true, value: request });
  });

  it.each([
    [
      'an unknown assistance type',
      { types: ['legal'] },
      /types\.0: unknown assistance type "legal" \(expected one of: legislative, institutions/,
    ],
    ['no assistance type', { types: [] }, /at least one assistance type is required/],
    ['an empty description', { description: '   ' }, /description: must not be empty/],
    [
      'an enormous description',
      { description: 'x'.repeat(MAX_DESCRIPTION_LENGTH + 1) },
      /description: must be at most 5000 characters/,
    ],
    ['a mandate 0', { mandates: [0] }, /mandates\.0: mandate numbers start at 1/],
    ['a fractional mandate', { mandates: [1.5] }, /mandates\.0: must be a whole number/],
    ['no mandate', { mandates: [] }, /at least one mandate is required/],
    ['a duplicate mandate', { mandates: [3, 3] }, /mandate 3 is listed twice/],
    ['an unknown language', { languages: ['de'] }, /unknown language "de"/],
    ['an unknown modality', { modality: 'hybrid' }, /unknown modality "hybrid"/],
    ['an unknown status', { status: 'closed' }, /unknown status "closed"/],
    [
      'a period backwards',
      { period: { from: '2025-12-01', to: '2025-01-01' } },
      /period: "from" must not be after "to"/,
    ],
    [
      'an impossible date',
      { period: { from: '2025-02-30', to: '2025-03-01' } },
      /period\.from: must be a valid ISO date/,
    ],
    ['an empty id', { id: '' }, /^id: must not be empty/],
  ])('rejects %s', (_, patch, message) => {
    expect(errorsOf(validateRequest({ ...request, ...patch }))).toMatch(message);
  });

  it('rejects a mandate the catalogue does not know, when given the catalogue', () => {
    const knownMandates = new Set([1, 2, 3, 10]);
    expect(validateRequest(request, { knownMandates }).ok).toBe(true);
    expect(errorsOf(validateRequest({ ...request, mandates: [10, 99] }, { knownMandates }))).toMatch(
      /mandates\.1: unknown mandate 99/,
    );
  });

  it('drops fields it does not know, so nothing unexpected travels further', () => {
    const result = validateRequest({ ...request, secretNote: 'CANARY' });
    expect(result.ok && 'secretNote' in result.value).toBe(false);
  });

  it('rejects what is not an object', () => {
    expect(validateRequest(null).ok).toBe(false);
    expect(validateRequest('r1').ok).toBe(false);
  });
});

describe('validate: offers', () => {
  it('accepts a well-formed offer', () => {
    expect(validateOffer(offer).ok).toBe(true);
    expect(validateOffer({ ...offer, funding: 120_000, validFrom: '2025-01-01', validTo: '2025-12-31' }).ok).toBe(true);
  });

  it.each([
    ['a negative capacity', { capacity: -1 }, /capacity: must be 0 or more/],
    ['a fractional capacity', { capacity: 1.5 }, /capacity: must be a whole number/],
    ['negative active matches', { activeMatches: -2 }, /activeMatches: must be 0 or more/],
    ['an unknown kind', { kind: 'ngo' }, /unknown offer kind "ngo"/],
    ['an unknown type', { types: ['training'] }, /unknown assistance type "training"/],
    [
      'a validity backwards',
      { validFrom: '2025-12-01', validTo: '2025-01-01' },
      /validTo: must not be before validFrom/,
    ],
    ['a negative funding', { funding: -5 }, /funding: an amount must be 0 or more/],
    ['an empty description', { description: '' }, /description: must not be empty/],
    ['a reserved id', { id: 'peer:CL' }, /id: must not start with "peer:"/],
  ])('rejects %s', (_, patch, message) => {
    expect(errorsOf(validateOffer({ ...offer, ...patch }))).toMatch(message);
  });
});

describe('validate: peer signals', () => {
  it('accepts progress with a level and good practices with a text', () => {
    expect(validatePeerSignal(signal).ok).toBe(true);
    expect(validatePeerSignal({ organizationId: 'CL', mandate: 12, kind: 'good_practice', text: 'x' }).ok).toBe(true);
  });

  it.each([
    ['progress without a level', { level: undefined }, /level: required for a progress signal/],
    ['an unknown level', { level: 'E' }, /unknown progress level "E"/],
    ['an unknown kind', { kind: 'award' }, /unknown signal kind "award"/],
    ['a mandate below 1', { mandate: -4 }, /mandate: mandate numbers start at 1/],
  ])('rejects %s', (_, patch, message) => {
    expect(errorsOf(validatePeerSignal({ ...signal, ...patch }))).toMatch(message);
  });
});

describe('validate()', () => {
  it('dispatches by kind', () => {
    expect(validate('request', request).ok).toBe(true);
    expect(validate('offer', offer).ok).toBe(true);
    expect(validate('signal', signal).ok).toBe(true);
    expect(validate('offer', request).ok).toBe(false);
  });
});

describe('the engine rejects bad input with clear errors and changes nothing', () => {
  it('throws MatchingInputError naming the item and the problems', () => {
    const engine = new MatchingEngine({ now: '2025-06-01' });
    engine.load({ requests: [request], offers: [offer] });
    const before = JSON.stringify(engine.rankings());
    let error: unknown;
    try {
      engine.upsertOffer({ ...offer, capacity: -1, types: ['nope' as never] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MatchingInputError);
    expect((error as MatchingInputError).message).toMatch(/^Invalid offer "o1": /);
    expect((error as MatchingInputError).errors.join(' | ')).toMatch(
      /unknown assistance type "nope".*capacity: must be 0 or more/,
    );
    expect(() => engine.upsertRequest({ ...request, description: '' })).toThrow(
      /Invalid request "r1": description: must not be empty/,
    );
    expect(JSON.stringify(engine.rankings())).toBe(before);
  });

  it('rejects a whole load when one item is bad, keeping the previous state', () => {
    const engine = new MatchingEngine({ now: '2025-06-01' });
    engine.load({ requests: [request], offers: [offer] });
    const before = JSON.stringify(engine.rankings());
    expect(() =>
      engine.load({ requests: [request, { ...request, id: 'r2', mandates: [-1] }], offers: [offer] }),
    ).toThrow(/Invalid request "r2"/);
    expect(JSON.stringify(engine.rankings())).toBe(before);
  });

  it('rejects unknown mandates when built with the catalogue', () => {
    const engine = new MatchingEngine({ now: '2025-06-01', knownMandates: [1, 2, 3] });
    expect(() => engine.upsertRequest(request)).toThrow(/unknown mandate 10/);
  });

  it('rejects a bad clock value and bad options', () => {
    expect(() => new MatchingEngine({ now: 'yesterday' })).toThrow(/now must be a valid ISO date/);
    expect(() => new MatchingEngine({ now: '2025-06-01', maxCandidates: 0 })).toThrow(/maxCandidates/);
    expect(() => new MatchingEngine({ now: '2025-06-01', weights: { mandate: Number.NaN } })).toThrow(/mandate/);
  });
});
