import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { es } from '../i18n/es';
import { NOTICE_DOMAINS, noticeDomain } from '../i18n/features/notice-domains';
import { KNOWN_KINDS } from './notifications';

/** Every `kind:` a service writes into a notification (literal, or the fixed start of a template). */
function kindsSentByServices(): string[] {
  const root = path.resolve(import.meta.dirname, '../../services');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.server.ts')) files.push(full);
    }
  };
  walk(root);
  const kinds = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(/kind: [`']([a-z_]+\.[a-z_.${}]*)/g)) kinds.add(match[1]);
  }
  return [...kinds];
}

describe('notification texts', () => {
  it('tells every kind of notice a service can send in words, in English and Spanish, never as a raw kind', () => {
    const kinds = kindsSentByServices();
    expect(kinds.length).toBeGreaterThan(15); // the scan itself works
    const untold = kinds.filter((kind) => !KNOWN_KINDS.includes(kind) && noticeDomain(kind) === 'other');
    expect(untold).toEqual([]);
    for (const kind of KNOWN_KINDS) {
      expect(en, kind).toHaveProperty([`coop.notification.${kind}`]);
      expect(es, kind).toHaveProperty([`coop.notification.${kind}`]);
    }
    for (const domain of NOTICE_DOMAINS) expect(es).toHaveProperty([`notice.domain.${domain}`]);
  });

  it('finds the domain of a kind', () => {
    expect(noticeDomain('videoconference.reminder_24h')).toBe('videoconference');
    expect(noticeDomain('practice_round.opened')).toBe('practice');
    expect(noticeDomain('something.new')).toBe('other');
  });
});
