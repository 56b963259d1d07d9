import type { Lang } from '../load-context';
import { en, type MessageKey } from './en';
import { es } from './es';

export type { MessageKey };
export const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, es };
export const LANGS: readonly Lang[] = ['en', 'es'];

/** `t('key', { n: 3 })` replaces `{n}`. A missing key falls back to English, then to the key itself. */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = dictionaries[lang][key] ?? en[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'es';
}
