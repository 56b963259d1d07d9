import type { MessageKey } from '../i18n';
import { useT } from '../utils/i18n';

type StatusKind = 'request' | 'offer' | 'match';

/** A request's, an offer's or a match's status in words (colour only adds to it). */
export function StatusBadge({ kind, status }: { kind: StatusKind; status: string }) {
  const t = useT();
  return (
    <span className={`badge status status-${status}`} data-status={status}>
      {t(`coop.status.${kind}.${status}` as MessageKey)}
    </span>
  );
}

/** A request's status: a draft (not published) is shown as such whatever its workflow status. */
export function requestStatus(r: { status: string; publishedAt: string | Date | null }) {
  return !r.publishedAt && r.status === 'open' ? 'draft' : r.status;
}
