import { Link } from '@remix-run/react';
import { useT } from '../utils/i18n';
import { MeetingTime, type MeetingTimes } from './meeting-time';

export interface NextMeetingData {
  next: (MeetingTimes & { id: string; title: string; status: string }) | null;
  manage: boolean;
  count: number;
}

/** The room page's videoconference box: the next meeting, and for its managers the way to schedule one. */
export function NextMeeting({ roomId, data, open }: { roomId: string; data: NextMeetingData | null; open: boolean }) {
  const t = useT();
  if (!data) return null;
  return (
    <section aria-labelledby="next-meeting-heading" className="next-meeting">
      <h2 id="next-meeting-heading">{t('vc.next')}</h2>
      {data.next ? (
        <>
          <p>
            <Link to={`/meetings/${data.next.id}`}>{data.next.title}</Link>
          </p>
          <MeetingTime meeting={data.next} />
        </>
      ) : (
        <p className="empty">{t('vc.noneScheduled')}</p>
      )}
      {data.manage && open ? (
        <p>
          <Link to={`/meetings/schedule/${roomId}`}>{t('vc.scheduleLink')}</Link>
        </p>
      ) : null}
    </section>
  );
}
