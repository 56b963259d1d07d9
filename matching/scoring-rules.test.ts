/**
 * Issue 16, items 2, 3, 4 and 6: a candidate is scored on the criteria that apply to it; peer States are never
 * ordered by their progress level; language is a working condition; a modality conflict is costly.
 */
import { describe, expect, it } from 'vitest';
import { MatchingEngine } from './engine';
import type { AssistanceRequest, Candidate, CooperationOffer, PeerSignal } from './types';
import { DEFAULT_WEIGHTS } from './weights';

const NOW = '2025-06-01';

function request(overrides: Partial<AssistanceRequest> = {}): AssistanceRequest {
  return {
    id: 'req',
    organizationId: 'GT',
    mandates: [10],
    types: ['legislative'],
    description:
      'Drafting a whistleblower protection law with confidential reporting channels and protection against retaliation.',
    languages: ['es'],
    modality: 'either',
    status: 'open',
    ...overrides,
  };
}

function offer(id: string, overrides: Partial<CooperationOffer> = {}): CooperationOffer {
  return {
    id,
    organizationId: `org-${id}`,
    kind: 'jswg',
    mandates: [10],
    types: ['legislative'],
    description:
      'Technical assistance on a whistleblower protection law: confidential reporting channels, protection against retaliation.',
    languages: ['es'],
    modality: 'either',
    capacity: 3,
    activeMatches: 0,
    ...overrides,
  };
}

function rank(requests: AssistanceRequest[], offers: CooperationOffer[], signals: PeerSignal[] = [], abstainBelow = 0) {
  const engine = new MatchingEngine({ now: NOW, abstainBelow });
  engine.load({ requests, offers, signals });
  return engine;
}

const byId = (candidates: Candidate[], id: string) => candidates.find((c) => c.candidateId === id)!;

describe('criteria that apply (item 2)', () => {
  it('scores a peer State only on what is known of it, normalised, with no half marks for the unknown and no zero for "no offer"', () => {
    const signals: PeerSignal[] = [
      {
        id: 'pe-gp',
        organizationId: 'PE',
        mandate: 10,
        kind: 'good_practice',
        text: 'Whistleblower protection law with confidential reporting channels and protection against retaliation.',
        languages: ['es'],
      },
    ];
    const engine = rank([request()], [], signals);
    const peer = engine.ranking('req')!.candidates[0];
    expect(peer.candidateId).toBe('peer:PE');
    const applying = peer.contributions
      .filter((c) => c.applies)
      .map((c) => c.criterion)
      .sort();
    expect(applying).toEqual(['focus', 'language', 'mandate', 'peer', 'text']);
    for (const c of peer.contributions.filter((x) => !x.applies)) expect(c.contribution).toBe(0);
    // Σ w·v over what applies / Σ w over it.
    const w = DEFAULT_WEIGHTS;
    const v = Object.fromEntries(peer.contributions.map((c) => [c.criterion, c.value]));
    const expected =
      (w.mandate * v.mandate + w.focus * v.focus + w.text * v.text + w.peer * v.peer + w.language * v.language) /
      (w.mandate + w.focus + w.text + w.peer + w.language);
    expect(peer.score).toBeCloseTo(expected, 12);
  });

  it('ranks a relevant peer State above an offer that does not offer the requested type (it ranked below it before)', () => {
    const signals: PeerSignal[] = [
      {
        id: 'pe-gp',
        organizationId: 'PE',
        mandate: 10,
        kind: 'good_practice',
        text: 'Whistleblower protection law with confidential reporting channels.',
        languages: ['es'],
      },
      { id: 'pe-p', organizationId: 'PE', mandate: 10, kind: 'progress', level: 'C', languages: ['es'] },
    ];
    // Before issue 16 this offer ranked first (0.600 against the State's 0.586): the State's unknown type, modality,
    // capacity and period counted half and its missing offer zero.
    const off = offer('survey', {
      types: ['capacity_building'],
      funding: true,
      description:
        'Whistleblower protection law: confidential reporting channels and protection against retaliation, training for public servants.',
    });
    const candidates = rank([request()], [off], signals).ranking('req')!.candidates;
    expect(candidates.map((c) => c.candidateId)).toEqual(['peer:PE', 'survey']);
  });
});

describe('no ordering of States by progress level (item 3)', () => {
  it('gives two peer States that differ only in their level the same score, and says levels never order States', () => {
    const text = 'Whistleblower protection law with confidential reporting channels.';
    const signals: PeerSignal[] = [
      { id: 'cl-p', organizationId: 'CL', mandate: 10, kind: 'progress', level: 'C', text, languages: ['es'] },
      { id: 'co-p', organizationId: 'CO', mandate: 10, kind: 'progress', level: 'D', text, languages: ['es'] },
    ];
    const candidates = rank([request()], [], signals).ranking('req')!.candidates;
    expect(candidates).toHaveLength(2);
    expect(byId(candidates, 'peer:CL').score).toBe(byId(candidates, 'peer:CO').score);
    // Equal scores: by candidate id, which is alphabetical, never by level.
    expect(candidates.map((c) => c.candidateId)).toEqual(['peer:CL', 'peer:CO']);
    for (const c of candidates) {
      expect(c.explanations).toContain(
        'States are ordered by how well their evidence fits the need, never by their progress level.',
      );
      expect(c.explanationsEs).toContain(
        'Los Estados se ordenan por cuánto se ajusta su experiencia a la necesidad, nunca por su nivel de avance.',
      );
    }
  });

  it("lets a State with a D rank below one with a C when the C State's evidence fits the need better", () => {
    const signals: PeerSignal[] = [
      {
        id: 'cl-p',
        organizationId: 'CL',
        mandate: 10,
        kind: 'progress',
        level: 'C',
        text: 'Whistleblower protection law with confidential reporting channels and protection against retaliation.',
        languages: ['es'],
      },
      {
        id: 'co-p',
        organizationId: 'CO',
        mandate: 10,
        kind: 'progress',
        level: 'D',
        text: 'Electronic procurement portal.',
        languages: ['es'],
      },
    ];
    const ids = rank([request()], [], signals)
      .ranking('req')!
      .candidates.map((c) => c.candidateId);
    expect(ids).toEqual(['peer:CL', 'peer:CO']);
  });
});

describe('language as a working condition (item 4)', () => {
  it('ranks an offer sharing a working language above one with more words in common but no shared language, which "needs interpretation"', () => {
    const exact = offer('english-only', { languages: ['en'] });
    const weaker = offer('spanish', {
      description: 'Support on whistleblower reporting channels.',
      types: ['capacity_building'],
    });
    const candidates = rank([request()], [exact, weaker]).ranking('req')!.candidates;
    expect(byId(candidates, 'english-only').score).toBeGreaterThan(byId(candidates, 'spanish').score);
    expect(candidates.map((c) => c.candidateId)).toEqual(['spanish', 'english-only']);
    const english = byId(candidates, 'english-only');
    expect(english.needsInterpretation).toBe(true);
    expect(english.explanations[0]).toMatch(
      /^Needs interpretation: no shared working language \(request: Spanish; candidate: English\)/,
    );
    expect(english.explanationsEs[0]).toMatch(/^Requiere interpretación/);
    expect(byId(candidates, 'spanish').needsInterpretation).toBe(false);
  });

  it('applies the same rule to a peer State through its official languages', () => {
    const text =
      'Whistleblower protection law with confidential reporting channels and protection against retaliation.';
    const signals: PeerSignal[] = [
      { id: 'jm', organizationId: 'JM', mandate: 10, kind: 'good_practice', text, languages: ['en'] },
      {
        id: 'pe',
        organizationId: 'PE',
        mandate: 10,
        kind: 'good_practice',
        text: 'Reporting channels for whistleblowers.',
        languages: ['es'],
      },
    ];
    const candidates = rank([request()], [], signals).ranking('req')!.candidates;
    expect(candidates.map((c) => c.candidateId)).toEqual(['peer:PE', 'peer:JM']);
    expect(byId(candidates, 'peer:JM').needsInterpretation).toBe(true);
  });

  it('does not judge language when a side stated none (neither rewarded nor put in the lower tier)', () => {
    const signals: PeerSignal[] = [
      { id: 'x', organizationId: 'XX', mandate: 10, kind: 'good_practice', text: 'Whistleblower law.' },
    ];
    const peer = rank([request()], [], signals).ranking('req')!.candidates[0];
    expect(peer.needsInterpretation).toBe(false);
    expect(peer.contributions.find((c) => c.criterion === 'language')!.applies).toBe(false);
    expect(peer.explanations).toContain('Working languages to be agreed (no published offer).');
  });
});

describe('modality (item 6)', () => {
  it('makes an in-person need met by a virtual-only offer cost about a tenth of the score, and says so first', () => {
    const req = request({ modality: 'in_person' });
    const candidates = rank(
      [req],
      [offer('virtual', { modality: 'virtual' }), offer('either', { modality: 'either' })],
    ).ranking('req')!.candidates;
    const conflict = byId(candidates, 'virtual');
    expect(byId(candidates, 'either').score - conflict.score).toBeGreaterThanOrEqual(0.09);
    expect(conflict.explanations[0]).toMatch(
      /^Modality conflict: the request needs in-person work, the offer is virtual only\./,
    );
    expect(conflict.explanationsEs[0]).toMatch(/^Conflicto de modalidad/);
  });

  it('treats "either" as compatible with both, on either side', () => {
    for (const [need, offered] of [
      ['either', 'in_person'],
      ['either', 'virtual'],
      ['in_person', 'either'],
      ['virtual', 'either'],
    ] as const) {
      const c = rank([request({ modality: need })], [offer('o', { modality: offered })]).ranking('req')!.candidates[0];
      expect(c.contributions.find((x) => x.criterion === 'modality')!.value, `${need} / ${offered}`).toBe(1);
      expect(
        c.explanations.some((e) => e.startsWith('Modality conflict')),
        `${need} / ${offered}`,
      ).toBe(false);
    }
  });
});

describe('candidates beyond the exact mandate (item 5)', () => {
  const sections: Array<[number, string]> = [
    [10, 'B'],
    [12, 'B'],
    [28, 'D'],
  ];
  const rankWith = (offers: CooperationOffer[], mandateSections?: Array<[number, string]>) => {
    const engine = new MatchingEngine({ now: NOW, abstainBelow: 0, mandateSections });
    engine.load({ requests: [request()], offers });
    return engine.ranking('req')!.candidates;
  };

  it('lists an offer on a neighbouring mandate of the same section about the same thing, below the same offer on the mandate, and says why', () => {
    const candidates = rankWith([offer('exact'), offer('neighbour', { mandates: [12] })], sections);
    expect(candidates.map((c) => c.candidateId)).toEqual(['exact', 'neighbour']);
    const n = byId(candidates, 'neighbour');
    expect(n.score).toBeLessThan(byId(candidates, 'exact').score);
    expect(n.explanations.some((e) => e.startsWith('On mandate 12 of the same section, not on the requested 10'))).toBe(
      true,
    );
    expect(n.explanationsEs.some((e) => e.startsWith('En el mandato 12 de la misma sección'))).toBe(true);
  });

  it('does not list a neighbour about something else, an offer of another section, or any neighbour without sections', () => {
    const unrelated = offer('unrelated', {
      mandates: [12],
      description: 'Open data portal for budget transparency and fiscal datasets.',
    });
    const elsewhere = offer('elsewhere', { mandates: [28] });
    expect(rankWith([unrelated, elsewhere], sections)).toEqual([]);
    expect(rankWith([offer('neighbour', { mandates: [12] })])).toEqual([]);
  });
});
