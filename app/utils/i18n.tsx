import { useRouteLoaderData } from '@remix-run/react';
import { createContext, useContext } from 'react';
import type { Lang } from '../load-context';
import { translate, type MessageKey } from '../i18n';

/**
 * The reader's language as the server knows it (app/entry.server.tsx provides it from the load context). The root
 * loader's data says it too, but when an action throws (an unknown intent, a refusal) the error page renders without
 * that data: Remix runs no loader of the route whose error boundary shows, so the page came out in English.
 */
export const LangContext = createContext<Lang | undefined>(undefined);

export function useLang(): Lang {
  const data = useRouteLoaderData<{ lang: Lang }>('root');
  const served = useContext(LangContext);
  if (data?.lang) return data.lang;
  if (served) return served;
  // In the browser, the language the server wrote on <html> (so hydration renders the same words).
  if (typeof document !== 'undefined' && document.documentElement.lang === 'es') return 'es';
  return 'en';
}

export function useT() {
  const lang = useLang();
  return (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
}

/** Picks the text of the reader's language, falling back to the other one (marked with its language). */
export function pickLocalized(
  lang: Lang,
  en: string | null | undefined,
  es: string | null | undefined,
): { text: string | null; lang: Lang } {
  if (lang === 'es') return es ? { text: es, lang: 'es' } : { text: en ?? null, lang: 'en' };
  return en ? { text: en, lang: 'en' } : { text: es ?? null, lang: 'es' };
}
