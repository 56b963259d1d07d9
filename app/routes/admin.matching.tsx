import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormMessage } from '../components/field';
import { formatScore } from '../components/match-table';
import { StatusBadge } from '../components/status-badge';
import type { MessageKey } from '../i18n';
import { requireActor, throwFailure } from '../utils/auth.server';
import { useLang, useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { statusFor } from '../../services/outcome';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.brokering');

/** Candidates shown per request; more are loaded so the allocation can name the offers it picks. */
const SHOWN = 5;
const LOADED = 10;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.matching.board(actor, LOADED);
  if (!result.ok) throwFailure(result);
  const { rows, allocation, threshold } = result.value;
  return {
    threshold,
    rows: rows.map(({ request: r, candidates, abstained, missing }) => ({
      abstained,
      missing,
      request: {
        id: r.id,
        title: r.title,
        status: r.status,
        mandates: r.mandates,
        types: r.types,
        organizationCode: r.organizationCode,
        organizationNameEn: r.organizationNameEn,
        organizationNameEs: r.organizationNameEs,
      },
      candidates: candidates.map((c) => ({
        candidateId: c.candidateId,
        kind: c.kind,
        offerId: c.offerId ?? null,
        score: c.score,
        weak: c.weak,
        needsInterpretation: c.needsInterpretation,
        organizationCode: c.organizationCode,
        organizationNameEn: c.organizationNameEn,
        organizationNameEs: c.organizationNameEs,
        offerTitle: c.offerTitle,
        // The reader's language only (the engine writes both).
        explanations: context.lang === 'es' ? c.explanationsEs : c.explanations,
        contributions: c.contributions
          .filter((x) => x.weight > 0)
          .map((x) => ({ criterion: x.criterion, value: x.value, weight: x.weight, contribution: x.contribution })),
      })),
    })),
    allocation: {
      assignments: allocation.assignments,
      unassigned: allocation.unassigned,
      totalScore: allocation.totalScore,
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readForm(request);
  if (form.get('intent') !== 'propose') throw new Response('Unknown action', { status: 400 });
  const requestId = String(form.get('requestId') ?? '');
  const candidateId = String(form.get('candidateId') ?? '');
  const result = await context.services.brokering.propose(actor, { requestId, candidateId });
  if (result.ok) return redirect(`/matches/${result.value.id}`);
  if (result.kind === 'forbidden') throwFailure(result);
  const details = result.kind === 'invalid' && result.fieldErrors ? Object.values(result.fieldErrors).flat() : [];
  return data({ requestId, candidateId, message: result.message, details }, { status: statusFor(result) });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['rows'][number];
type CandidateRow = Row['candidates'][number];

/** Per-criterion contributions as horizontal bars; the table's numbers are the text equivalent of the bars. */
function ContributionBars({ candidate, label }: { candidate: CandidateRow; label: string }) {
  const t = useT();
  const scale = Math.max(...candidate.contributions.map((c) => c.weight), 0.0001);
  return (
    <table className="bars">
      <caption className="visually-hidden">{label}</caption>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">{t('coop.board.criterion')}</th>
          <th scope="col">{t('coop.board.bar')}</th>
          <th scope="col">{t('coop.board.contribution')}</th>
        </tr>
      </thead>
      <tbody>
        {candidate.contributions.map((c) => (
          <tr key={c.criterion}>
            <th scope="row">{t(`coop.criterion.${c.criterion}` as MessageKey)}</th>
            <td className="bar-cell" aria-hidden="true">
              <span className="bar-track" style={{ width: `${(c.weight / scale) * 100}%` }}>
                <span className="bar" style={{ width: `${c.weight ? (c.contribution / c.weight) * 100 : 0}%` }} />
              </span>
            </td>
            <td className="num">
              {c.contribution.toFixed(3)}
              <span className="visually-hidden"> {t('coop.board.ofWeight', { weight: c.weight.toFixed(2) })}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function Brokering() {
  const t = useT();
  const lang = useLang();
  const { rows, allocation, threshold } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const orgName = (c: { organizationNameEn: string; organizationNameEs: string }) =>
    lang === 'es' ? c.organizationNameEs : c.organizationNameEn;
  const requestById = new Map(rows.map((r) => [r.request.id, r]));
  const offerLabel = (offerId: string) => {
    for (const r of rows) {
      const c = r.candidates.find((x) => x.offerId === offerId);
      if (c) return `${c.offerTitle ?? offerId} (${orgName(c)})`;
    }
    return t('coop.board.offerId', { id: offerId.slice(0, 8) });
  };
  const candidateLabel = (c: CandidateRow) =>
    c.kind === 'peer' ? t('coop.board.peer', { name: orgName(c) }) : `${c.offerTitle ?? ''} · ${orgName(c)}`;
  return (
    <section>
      <h1>{t('coop.board.title')}</h1>
      <p className="lead">{t('coop.board.intro')}</p>
      {result ? (
        <FormMessage tone="error">
          {result.message}
          {result.details.length ? (
            <ul>
              {result.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : null}
        </FormMessage>
      ) : null}
      <div className="board">
        <div className="board-rankings">
          <h2>{t('coop.board.rankings')}</h2>
          {rows.length === 0 ? <p className="empty">{t('coop.board.empty')}</p> : null}
          {rows.map(({ request: r, candidates, abstained, missing }) => (
            <section
              key={r.id}
              id={`request-${r.id}`}
              className="card board-request"
              aria-labelledby={`h-${r.id}`}
              data-testid="board-request"
            >
              <h3 id={`h-${r.id}`}>
                <Link to={`/cooperation/requests/${r.id}`}>{r.title}</Link>
              </h3>
              <p className="muted">
                {orgName(r)} · {t('coop.field.mandates')}: {r.mandates.join(', ')} ·{' '}
                <StatusBadge kind="request" status={r.status} />
              </p>
              {abstained ? (
                <div className="notice" role="note" data-testid="no-counterpart">
                  <p>
                    <strong>{t('coop.board.noGoodCounterpart')}</strong>{' '}
                    {t('coop.board.noGoodCounterpartIntro', { threshold: formatScore(threshold) })}
                  </p>
                  <ul>
                    {missing.map((m) => (
                      <li key={m}>{t(`coop.board.missing.${m}` as MessageKey)}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {candidates.length === 0 ? (
                <p className="empty">{t('coop.board.noCandidates')}</p>
              ) : (
                <ol className="candidates">
                  {candidates.slice(0, SHOWN).map((c) => (
                    <li key={c.candidateId} className="candidate" data-testid="candidate">
                      <div className="candidate-head">
                        <strong>{candidateLabel(c)}</strong>
                        {c.needsInterpretation ? (
                          <span className="badge">{t('coop.board.needsInterpretation')}</span>
                        ) : null}
                        {c.weak ? <span className="badge">{t('coop.board.weak')}</span> : null}
                        <span className="score">
                          {t('coop.match.score')}: {formatScore(c.score)}
                        </span>
                      </div>
                      <ContributionBars
                        candidate={c}
                        label={t('coop.board.contributionsFor', { name: candidateLabel(c) })}
                      />
                      {c.explanations.length ? (
                        <ul className="explanations">
                          {c.explanations.map((e) => (
                            <li key={e}>{e}</li>
                          ))}
                        </ul>
                      ) : null}
                      {/* A weak candidate is listed, never proposed from the board. */}
                      {c.weak ? null : (
                        <Form method="post">
                          <input type="hidden" name="intent" value="propose" />
                          <input type="hidden" name="requestId" value={r.id} />
                          <input type="hidden" name="candidateId" value={c.candidateId} />
                          <button type="submit" className="small" disabled={busy}>
                            {t('coop.board.propose')}
                            <span className="visually-hidden">
                              {' '}
                              {candidateLabel(c)} → {r.title}
                            </span>
                          </button>
                        </Form>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </section>
          ))}
        </div>
        <aside className="board-allocation" aria-labelledby="allocation-heading">
          <h2 id="allocation-heading">{t('coop.board.allocation')}</h2>
          <p className="muted">{t('coop.board.allocationIntro')}</p>
          {allocation.assignments.length ? (
            <table>
              <caption className="visually-hidden">{t('coop.board.allocation')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('coop.match.request')}</th>
                  <th scope="col">{t('coop.match.offer')}</th>
                  <th scope="col">{t('coop.match.score')}</th>
                </tr>
              </thead>
              <tbody>
                {allocation.assignments.map((a) => (
                  <tr key={a.requestId}>
                    <td>
                      <a href={`#request-${a.requestId}`}>
                        {requestById.get(a.requestId)?.request.title ?? a.requestId}
                      </a>
                    </td>
                    <td>{offerLabel(a.offerId)}</td>
                    <td className="num">{formatScore(a.score)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    {t('coop.board.total')}
                  </th>
                  <td className="num">{formatScore(allocation.totalScore)}</td>
                </tr>
              </tfoot>
            </table>
          ) : (
            <p className="empty">{t('coop.board.noAllocation')}</p>
          )}
          {allocation.unassigned.length ? (
            <>
              <h3>{t('coop.board.unassigned')}</h3>
              <ul>
                {allocation.unassigned.map((id) => (
                  <li key={id}>
                    <a href={`#request-${id}`}>{requestById.get(id)?.request.title ?? id}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </aside>
      </div>
    </section>
  );
}
