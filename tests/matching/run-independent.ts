/**
 * Runs the independent evaluation set (tests/fixtures/matching-eval-independent) once and prints the figures of
 * issue 16. Report only: never tune anything on what it prints (see that set's README). Not a test, so the
 * full suite does not run the set again and again: `npx tsx tests/matching/run-independent.ts`.
 *
 * Loader: the set's labels are an object keyed by request id and its sections are number ranges per letter;
 * both are converted here (the only adaptation to its format). Signals' `languages` are read as they are.
 */
import { readFileSync } from 'node:fs';
import { MatchingEngine } from '../../matching/engine';
import { report, type ReportLabel } from '../../matching/metrics';
import type { AssistanceRequest, CooperationOffer, PeerSignal } from '../../matching/types';

const dir = new URL('../fixtures/matching-eval-independent/', import.meta.url);
const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as T;

const requests = read<AssistanceRequest[]>('requests.json');
const offers = read<CooperationOffer[]>('offers.json');
const signals = read<PeerSignal[]>('signals.json');
const rawLabels = read<Record<string, { primary: string | null; acceptable?: string[] }>>('labels.json');
const meta = read<{ now: string; sections?: Record<string, [number, number]> }>('meta.json');

const labels: ReportLabel[] = Object.entries(rawLabels).map(([requestId, l]) => ({
  requestId,
  primary: l.primary,
  acceptable: l.acceptable ?? [],
}));
const mandates = new Set<number>([
  ...requests.flatMap((r) => r.mandates),
  ...offers.flatMap((o) => o.mandates),
  ...signals.map((s) => s.mandate),
]);
const sections: Array<[number, string]> = [];
for (const [letter, [from, to]] of Object.entries(meta.sections ?? {}))
  for (const m of mandates) if (m >= from && m <= to) sections.push([m, letter]);

const engine = new MatchingEngine({ now: meta.now, mandateSections: sections });
engine.load({ requests, offers, signals });
const ranked = (id: string) => engine.ranking(id)?.candidates ?? [];
const r = report(labels, ranked);
const pct = (x: number) => x.toFixed(3);
console.log(
  `independent set: ${labels.length} labelled requests (${r.labelled} with a counterpart, ${r.noCounterpart.requests} without), abstention threshold ${engine.abstainBelow}`,
);
console.log(
  `P@1 strict ${pct(r.strictAt1)} · P@1 lenient ${pct(r.lenientAt1)} · nDCG@5 ${pct(r.ndcgAt5)} · hit@3 ${pct(r.hitAt3)} · ` +
    `top-1 without shared language ${pct(r.proposalsWithoutSharedLanguage)} (when one with a shared language existed: ${r.withoutSharedLanguageWhenOneExisted}) · ` +
    `abstained on labelled ${r.abstainedOnLabelled} · no-counterpart requests with a proposal ${r.noCounterpart.withProposal}/${r.noCounterpart.requests}`,
);
for (const l of labels) {
  const list = ranked(l.requestId);
  const proposal = list.find((c) => !c.weak)?.candidateId ?? '(abstains)';
  const ok = l.primary ? proposal === l.primary || (l.acceptable ?? []).includes(proposal) : proposal === '(abstains)';
  if (!ok)
    console.log(
      `  miss ${l.requestId}: expected ${l.primary ?? '(no counterpart)'}, proposal ${proposal}; listed ${list
        .slice(0, 3)
        .map((c) => `${c.candidateId}${c.weak ? '(weak)' : ''} ${c.score.toFixed(2)}`)
        .join(', ')}`,
    );
}
console.log(JSON.stringify({ set: 'independent', ...r }));
