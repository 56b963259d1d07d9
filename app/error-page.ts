import type { MessageKey } from './i18n';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** What an error response carries that the error page reads (Remix's ErrorResponse, or a thrown Response's body). */
export interface ErrorLike {
  status: number;
  data?: unknown;
}

/**
 * The error page's words. A 403 is refused for different reasons (by role: civil society on /cooperation; by
 * organization: another State's draft), so its sentence says only that the account cannot open the page and the
 * refusal's own reason follows when it gives one (the services' messages, already in the reader's language).
 */
/**
 * Refusals the routes write themselves, in English (a form with an intent this page does not know, a body that is
 * not a readable form): said in the reader's language here, so every route's refusal is (outside tester: a POST
 * with an unknown intent answered a fully English page).
 */
const ROUTE_REFUSALS: Record<string, MessageKey> = {
  'Unknown action': 'error.badRequest.unknownAction',
  'The form could not be read. Reload the page and send it again.': 'error.badRequest.unreadableForm',
  'The form has too many fields.': 'error.badRequest.tooManyFields',
};

export function errorPageText(error: ErrorLike | null, t: Translate) {
  if (!error) return { status: 500, title: t('error.generic.title'), body: t('error.generic.body'), reason: null };
  const raw = typeof error.data === 'string' ? error.data.trim() : '';
  const text = ROUTE_REFUSALS[raw] ? t(ROUTE_REFUSALS[raw]) : raw;
  switch (error.status) {
    case 404:
      return { status: 404, title: t('error.notFound.title'), body: t('error.notFound.body'), reason: null };
    case 403:
      return {
        status: 403,
        title: t('error.forbidden.title'),
        body: t('error.forbidden.body'),
        // "Forbidden" is the bare status text a refusal without a reason carries: nothing to add.
        reason: text && text !== 'Forbidden' ? t('error.forbidden.reason', { reason: text }) : null,
      };
    case 400:
      return {
        status: 400,
        title: t('error.badRequest.title'),
        body: text || t('error.badRequest.body'),
        reason: null,
      };
    case 409:
      // Refused because of the state of things (a questionnaire already submitted, a round closed): the service says
      // which, in the reader's language; never "an error on our side".
      return { status: 409, title: t('error.conflict.title'), body: text || t('error.conflict.body'), reason: null };
    default:
      // Any other refusal of the request (413, 429, …) says what it says; only a 5xx is ours.
      if (error.status >= 400 && error.status < 500)
        return {
          status: error.status,
          title: t('error.badRequest.title'),
          body: text || t('error.badRequest.body'),
          reason: null,
        };
      return { status: error.status, title: t('error.generic.title'), body: t('error.generic.body'), reason: null };
  }
}
