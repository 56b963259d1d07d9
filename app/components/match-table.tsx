import { Link } from '@remix-run/react';
import { useT } from '../utils/i18n';
import { StatusBadge } from './status-badge';
import { UtcTime } from './utc-time';

export interface MatchSummary {
  id: string;
  requestTitle: string;
  requestOrganizationCode: string;
  providerOrganizationCode: string;
  offerTitle: string | null;
  offerId: string | null;
  score: number | null;
  status: string;
  proposedAt: string | Date;
  confirmedAt: string | Date | null;
}

export function formatScore(score: number | null | undefined) {
  return score === null || score === undefined ? '–' : score.toFixed(2);
}

/** Matches as a table: request, provider (offer or peer State), score, status, timestamps in UTC. */
export function MatchTable({ matches, caption }: { matches: MatchSummary[]; caption: string }) {
  const t = useT();
  return (
    <table className="match-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('coop.match.request')}</th>
          <th scope="col">{t('coop.match.provider')}</th>
          <th scope="col">{t('coop.match.score')}</th>
          <th scope="col">{t('field.status')}</th>
          <th scope="col">{t('coop.match.proposedAt')}</th>
          <th scope="col">{t('coop.match.confirmedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {matches.map((m) => (
          <tr key={m.id}>
            <td>
              <Link to={`/matches/${m.id}`}>{m.requestTitle}</Link>{' '}
              <span className="muted">({m.requestOrganizationCode})</span>
            </td>
            <td>
              {m.providerOrganizationCode} · {m.offerTitle ?? t('coop.match.peerState')}
            </td>
            <td>{formatScore(m.score)}</td>
            <td>
              <StatusBadge kind="match" status={m.status} />
            </td>
            <td>
              <UtcTime value={m.proposedAt} />
            </td>
            <td>{m.confirmedAt ? <UtcTime value={m.confirmedAt} /> : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
