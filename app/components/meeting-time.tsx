import { LocalTime } from './local-time';
import { useT } from '../utils/i18n';

export interface MeetingTimes {
  startsAt: string;
  organizerTime: string;
  viewerTime: string;
  viewerZone: string;
  timeZone: string;
}

/**
 * A meeting's time said explicitly, never a bare clock: the organizer's ("2027-01-05 10:00 Lima (UTC−5)"), the
 * reader's account clock when it differs, and this device's clock (after hydration) with its zone named.
 */
export function MeetingTime({ meeting }: { meeting: MeetingTimes }) {
  const t = useT();
  const same = meeting.viewerTime === meeting.organizerTime;
  return (
    <dl className="meeting-times">
      <dt>{t('vc.organizerTime')}</dt>
      <dd>{meeting.organizerTime}</dd>
      {same ? null : (
        <>
          <dt>{t('vc.yourTime')}</dt>
          <dd>{meeting.viewerTime}</dd>
        </>
      )}
      <dt>{t('vc.deviceTime')}</dt>
      <dd data-testid="device-time">
        <LocalTime value={meeting.startsAt} withDate />
      </dd>
    </dl>
  );
}
