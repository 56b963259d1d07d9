import { useRouteLoaderData } from '@remix-run/react';
import type { Lang } from '../load-context';
import { translate, type MessageKey } from '../i18n';

export function useLang(): Lang {
  const data = useRouteLoaderData<{ lang: Lang }>('root');
  return data?.lang ?? 'en';
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
