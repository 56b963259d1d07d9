import { describe, expect, it } from 'vitest';
import { en } from './en';
import { es } from './es';
import { translate } from './index';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('has a non-empty Spanish string for every English key, and no extra keys', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(es)) expect(value.trim(), key).not.toBe('');
  });

  it('keeps the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>)
      expect(placeholders(es[key]), key).toEqual(placeholders(en[key]));
  });

  it('does not leave Spanish strings identical to English ones, except names that do not translate', () => {
    const same = (Object.keys(en) as Array<keyof typeof en>).filter((key) => en[key] === es[key]);
    expect(same).toEqual([]);
  });

  it('says progress level D with one word in the questionnaire and the public results (outside tester)', () => {
    expect(es['results.level.D']).toBe(es['q.level.D']);
    expect(en['results.level.D']).toBe(en['q.level.D']);
    for (const level of ['B', 'C'] as const) expect(es[`results.level.${level}`]).toBe(es[`q.level.${level}`]);
  });

  it('writes the error page’s status line as one string, without a space before the colon (outside tester)', () => {
    expect(translate('es', 'error.statusLine', { status: 403 })).toBe('Código: 403');
    expect(translate('en', 'error.statusLine', { status: 403 })).toBe('Status: 403');
  });

  it('fills placeholders', () => {
    expect(translate('es', 'pagination.page', { page: 2, pages: 5 })).toBe('Página 2 de 5');
    expect(translate('en', 'people.count', { n: 3 })).toBe('3 account(s)');
  });
});
