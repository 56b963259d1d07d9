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

  it('fills placeholders', () => {
    expect(translate('es', 'pagination.page', { page: 2, pages: 5 })).toBe('Página 2 de 5');
    expect(translate('en', 'people.count', { n: 3 })).toBe('3 account(s)');
  });
});
