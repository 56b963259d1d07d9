import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translate } from '../../app/i18n';
import { KNOWN_KINDS } from '../../app/routes/notifications';

/*
 * A notice whose kind the notifications page does not know shows only a generic line ("News about a cooperation
 * initiative"): meeting, initiative and good-practice notices once did. This scan finds every kind a service stores
 * through notifyOrganization / notifySecretariat / notifyParticipants / notify… and asks that the page has its text.
 */
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

function serviceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return serviceFiles(full);
    return entry.name.endsWith('.server.ts') ? [full] : [];
  });
}

function storedKinds(): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const file of serviceFiles(path.join(root, 'services'))) {
    const source = readFileSync(file, 'utf8');
    for (const call of source.matchAll(/\bnotify\w*\(/g)) {
      // The notice's fields follow the call's first arguments, within a few lines.
      const kind = /kind: '([a-z_]+\.[a-z0-9_]+)'/.exec(source.slice(call.index, call.index + 400));
      if (kind) kinds.set(kind[1], path.relative(root, file));
    }
  }
  return kinds;
}

describe('every notice kind a service stores has its own text on the notifications page', () => {
  it('finds the kinds (the scan itself works)', () => {
    const kinds = storedKinds();
    expect(kinds.get('initiative.created')).toBe('services/initiatives/initiatives.server.ts');
    expect(kinds.get('practice.held')).toBe('services/practices/practices.server.ts');
    expect(kinds.size).toBeGreaterThan(10);
  });

  it('is in KNOWN_KINDS with an English and a Spanish text', () => {
    for (const [kind, file] of storedKinds()) {
      expect(KNOWN_KINDS, `${kind} (${file})`).toContain(kind);
      const en = translate('en', `coop.notification.${kind}` as never);
      const es = translate('es', `coop.notification.${kind}` as never);
      expect(en, kind).not.toMatch(/^coop\.notification/);
      expect(es, kind).not.toMatch(/^coop\.notification/);
      expect(es, kind).not.toBe(en);
    }
  });
});
