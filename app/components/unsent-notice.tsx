import { useLocation } from '@remix-run/react';
import { useT } from '../utils/i18n';
import type { UnsentReason } from '../utils/unsent-save';
import { FormMessage } from './field';

/**
 * What a long form says when its submission never reached the server (decision 038): nothing was saved, what was
 * typed is still here, and, for an ended session, a link to log in in a new tab and come back to this page. Shown at
 * the top of the form (`announce`: an alert) and again beside its submit button.
 */
export function UnsentNotice({ reason, announce = false }: { reason: UnsentReason | undefined; announce?: boolean }) {
  const t = useT();
  const { pathname, search } = useLocation();
  if (!reason) return null;
  const text = t(reason === 'session' ? 'form.unsent.session' : 'form.unsent.network');
  const logIn =
    reason === 'session' ? (
      <>
        {' '}
        <a
          href={`/login?redirectTo=${encodeURIComponent(pathname + search)}`}
          target="_blank"
          rel="noopener noreferrer"
        >
          {t('q.autosave.logInNewTab')}
        </a>
      </>
    ) : null;
  if (announce)
    return (
      <FormMessage tone="error">
        {text}
        {logIn}
      </FormMessage>
    );
  return (
    <p className="form-message error" data-testid="unsent-near-submit">
      {text}
      {logIn}
    </p>
  );
}
