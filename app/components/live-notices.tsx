import { Link, useLocation, useRevalidator } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import type { NoticeView } from '../../realtime/events';
import { listenForNotices } from '../utils/notice-socket.client';
import { useT } from '../utils/i18n';

/**
 * Live in-app notices for the signed-in person (issue 15 item 11, decision 031). When the server says a notice was
 * stored for them (today: an @mention in a room), the page's data is revalidated, so the unread count on
 * Notifications in the navigation is the stored one without a reload; a mention in a room other than the one on
 * screen is also said in a polite status line with a link to the message. Without JavaScript: the count on the next
 * page, as before.
 */
export function LiveNotices() {
  const t = useT();
  const location = useLocation();
  const { revalidate } = useRevalidator();
  const [notice, setNotice] = useState<NoticeView | null>(null);
  const here = useRef(location.pathname);
  here.current = location.pathname;
  const refresh = useRef(revalidate);
  refresh.current = revalidate;

  useEffect(
    () =>
      listenForNotices((incoming) => {
        refresh.current();
        // A mention in the room on screen shows in its message list already.
        if (incoming.kind === 'roundtable.mentioned' && incoming.link.split('#')[0] !== here.current)
          setNotice(incoming);
      }),
    [],
  );

  return (
    // A live region that is always there (so the notice is announced), without role="status": the page's own
    // status messages stay the only ones of that role.
    <div className="live-notice" aria-live="polite">
      {notice ? (
        // Sticky: a person deep in a long room still sees it.
        <p className="form-message info" style={{ position: 'sticky', top: 0, zIndex: 10 }}>
          {t('rooms.notice.mentioned', { author: notice.data.author ?? '', title: notice.data.title ?? '' })}{' '}
          <Link to={notice.link} onClick={() => setNotice(null)}>
            {t('rooms.notice.open')}
          </Link>{' '}
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            {t('rooms.notice.dismiss')}
          </button>
        </p>
      ) : null}
    </div>
  );
}
