import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../tests/db';
import type { Actor } from '../actor';
import { createServices } from '../index.server';
import { servicesEs } from './es';
import { createLocalizer, localizeResult, localizeServices } from './localize';

/**
 * Sentence-like string and template literals (`{}` for each interpolation) in the service sources, comments
 * excluded, and every text given as an e-mail `subject` (subjects do not end like sentences).
 */
function sentencesIn(files: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node, inSubject: boolean) => {
      let text: string | null = null;
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
      else if (ts.isTemplateExpression(node))
        text = node.head.text + node.templateSpans.map((span) => `{}${span.literal.text}`).join('');
      // A message starts with a capital (or a value) and ends like a sentence; identifiers and SQL do not.
      const sentence = text !== null && /^[A-Z“{]/.test(text) && /\s/.test(text) && /[.?!)]$/.test(text.trim());
      if (text !== null && (sentence || (inSubject && /\s/.test(text)))) found.set(text, file);
      const subject = ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'subject';
      ts.forEachChild(node, (child) => visit(child, inSubject || subject));
    };
    visit(source, false);
  }
  return found;
}

// Socket acks are localized with the same catalog (realtime/roundtables.ts), so the realtime layer's own messages count.
const serviceSources = execFileSync('git', ['ls-files', 'services/*.ts', 'realtime/*.ts'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter(
    (f) =>
      f &&
      !f.includes('.test.') &&
      !f.endsWith('test-support.ts') &&
      !f.startsWith('services/demo/') &&
      !f.endsWith('/demo-seed.server.ts') && // demo content, written in both languages where it stands
      !f.startsWith('services/messages/'),
  );
/**
 * Formats, not sentences: nothing to translate. And the transcript's headings, which are not messages: they come
 * in both languages from the transcript's own table (services/roundtables/roundtables.server.ts).
 */
const NOT_SENTENCES = new Set([
  '{}. {} ({})',
  '{} (/roundtables/{}/documents/{})',
  '[Minka] {}',
  'Messages (times in UTC)',
  'Mensajes (horas en UTC)',
  // Log lines for operators (services/subscriptions.ts), never shown to people: logs stay in English.
  'Background reaction failed: {} (after {}).',
  'Background reaction failed: updating the matching rankings (after cooperation.changed); they are rebuilt on next use.',
  // A person's name in a LiveKit call (name and organization code), and a configuration error thrown at start-up.
  '{} ({})',
  'LiveKit needs an API key and secret.',
]);
const placeholders = (text: string) => text.split('{}').length - 1;

describe('service messages in Spanish', () => {
  const sentences = sentencesIn(serviceSources);

  it('finds the messages of the services (the scan itself works)', () => {
    expect(sentences.size).toBeGreaterThan(150);
    expect(sentences.has('This reporting cycle does not exist.')).toBe(true);
    expect(sentences.has('Mandate {} is not in this commitment.')).toBe(true);
    expect(sentences.has('{} did not include your contribution')).toBe(true); // an e-mail subject
  });

  it('has a Spanish text for every message a service can return', () => {
    const missing = [...sentences]
      .filter(([text]) => !NOT_SENTENCES.has(text) && !(text in servicesEs))
      .map(([text, file]) => `${file}: ${text}`);
    expect(missing).toEqual([]);
  });

  it('keeps no translation of a message that no longer exists, and the same placeholders', () => {
    expect(Object.keys(servicesEs).filter((text) => !sentences.has(text))).toEqual([]);
    for (const [en, es] of Object.entries(servicesEs)) expect(placeholders(es), en).toBe(placeholders(en));
  });
});

describe('createLocalizer', () => {
  const localize = createLocalizer({
    'Unknown cycle.': 'Ciclo desconocido.',
    'Mandate {} is not in {}.': 'El mandato {} no está en {}.',
  });

  it('translates exact texts and templates, keeping the interpolated values in order', () => {
    expect(localize('Unknown cycle.')).toBe('Ciclo desconocido.');
    expect(localize('Mandate 58 is not in LIMA-2018.')).toBe('El mandato 58 no está en LIMA-2018.');
  });

  it('writes a number the service grouped the English way with Spanish thousands separators', () => {
    expect(localize('Mandate 10,000 is not in LIMA-2018.')).toBe('El mandato 10.000 no está en LIMA-2018.');
    expect(localize('Mandate 58 is not in 1,5.')).toBe('El mandato 58 no está en 1,5.');
    expect(createLocalizer(servicesEs)('Keep the description under 5,000 characters.')).toMatch(/ 5\.000 /);
  });

  it('leaves texts it does not know as they are', () => {
    expect(localize('Guardado.')).toBe('Guardado.');
    expect(localize('Mandate 58 is not in')).toBe('Mandate 58 is not in');
  });

  it('localizes a failure’s message and field errors, and never touches a success', () => {
    const failure = {
      ok: false as const,
      kind: 'invalid' as const,
      message: 'Unknown cycle.',
      fieldErrors: { mandate: ['Mandate 3 is not in X.'] },
    };
    expect(localizeResult(failure, localize)).toEqual({
      ...failure,
      message: 'Ciclo desconocido.',
      fieldErrors: { mandate: ['El mandato 3 no está en X.'] },
    });
    const success = { ok: true as const, value: { message: 'Unknown cycle.' } };
    expect(localizeResult(success, localize)).toBe(success);
  });
});

describe('localizeServices', () => {
  it('returns the real services’ failures in Spanish and their values unchanged', async () => {
    const handle = await createTestDatabase();
    const services = createServices({ db: handle.db });
    const spanish = localizeServices(services, createLocalizer(servicesEs));
    expect(spanish.events).toBe(services.events);

    const staff: Actor = {
      userId: '00000000-0000-4000-8000-000000000001',
      email: 'staff@example.org',
      organizationId: '00000000-0000-4000-8000-000000000002',
      organizationCode: 'SUMMITS-SECRETARIAT',
      organizationKind: 'secretariat',
      role: 'secretariat_staff',
      displayName: 'Staff',
    };
    const invalid = await spanish.registration.createCycle(staff, {
      name: 'x',
      kind: 'registration',
      timeZone: 'Mars/Olympus',
    });
    expect(invalid.ok).toBe(false);
    if (invalid.ok || invalid.kind !== 'invalid') throw new Error('expected an invalid outcome');
    expect(invalid.message).toBe('Revise los campos señalados. No se guardó nada.');
    expect(invalid.fieldErrors?.timeZone).toEqual(['Use una zona horaria IANA como America/Lima.']);

    const delegate: Actor = { ...staff, organizationKind: 'state', role: 'delegate' };
    const forbidden = await spanish.registration.createCycle(delegate, {});
    expect(forbidden).toMatchObject({
      ok: false,
      kind: 'forbidden',
      message: 'Solo la Secretaría de Cumbres crea ciclos de reporte.',
    });
    expect(await spanish.registration.listCycles()).toEqual(await services.registration.listCycles());
    await handle.close();
  });
});
