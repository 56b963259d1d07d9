import { useEffect, useState } from 'react';
import { useT } from '../utils/i18n';
import { LocalTime } from './local-time';

/**
 * Until when the reader is muted in a room, or null (issue 15). Starts from the page's data, follows the socket's
 * `member:muted` through the setter, and drops to null by itself when the end time passes, so the composer comes
 * back without a reload. Only what the page shows: the service refuses every send, edit, link, file and hand anyway.
 */
export function useMutedUntil(initial: string | null): [string | null, (until: string | null) => void] {
  const [until, setUntil] = useState<string | null>(initial);
  useEffect(() => setUntil(initial), [initial]);
  const [, setTick] = useState(0);
  const active = until && Date.parse(until) > Date.now() ? until : null;
  useEffect(() => {
    if (!active) return;
    // setTimeout takes at most about 24.8 days; a mute lasts at most a day.
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(0, Date.parse(active) - Date.now()) + 250);
    return () => clearTimeout(timer);
  }, [active]);
  return [active, setUntil];
}

/** What a muted person reads in place of the composer: until when, in their own time, and what they may not do. */
export function MutedNotice({ until }: { until: string }) {
  const t = useT();
  return (
    <div className="muted-notice" role="status">
      <p>
        <strong>{t('rooms.mutedTitle')}</strong> {t('rooms.mutedUntilPrefix')} <LocalTime value={until} />.
      </p>
      <p>{t('rooms.mutedWhat')}</p>
    </div>
  );
}
