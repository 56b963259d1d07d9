import type { MetaArgs, MetaDescriptor } from '@remix-run/node';
import { describe, expect, it } from 'vitest';
import { meta as rootMeta } from '../../app/root';
import type { Lang } from '../../app/load-context';

/*
 * Every page's <title> is in the page's language (an outside tester found them all in English on the Spanish site):
 * it is what a screen reader announces first, and what tabs, bookmarks and history show. Each route's meta is called
 * as Remix calls it, the root match carrying the language, and with no data (as on an error page).
 */
type Meta = (args: MetaArgs) => MetaDescriptor[] | undefined;

const modules = import.meta.glob<{ meta?: Meta }>(['../../app/routes/*.{ts,tsx}', '!../../app/routes/*.test.*'], {
  eager: true,
});
const routes = Object.entries(modules)
  .filter(([, module]) => module.meta)
  .map(([path, module]) => [path.replace('../../app/routes/', ''), module.meta as Meta] as const);

/** Routes whose Spanish title may equal the English one, each with its reason. None: every title has words to translate. */
const SAME_IN_BOTH_LANGUAGES: Record<string, string> = {};
/** The home page names the site first ("Minka · Lima Commitment follow-up and cooperation"), as before. */
const SITE_NAME_FIRST = new Set(['_index.tsx']);

function metaArgs(lang: Lang | null, data?: unknown, error?: unknown): MetaArgs {
  return {
    data,
    error,
    params: {},
    location: { pathname: '/', search: '', hash: '', state: null, key: 'default' },
    matches: [
      {
        id: 'root',
        pathname: '/',
        params: {},
        data: lang ? { lang } : undefined,
        meta: [],
        handle: undefined,
        error: undefined,
      },
    ],
  } as MetaArgs;
}

const titleOf = (descriptors: MetaDescriptor[] | undefined) =>
  descriptors?.find((descriptor): descriptor is { title: string } => 'title' in descriptor)?.title;
const routeMeta = (file: string) => {
  const found = routes.find(([name]) => name === file);
  if (!found) throw new Error(`no meta in app/routes/${file}`);
  return found[1];
};
const title = (file: string, lang: Lang | null, data?: unknown) => titleOf(routeMeta(file)(metaArgs(lang, data)));

describe('page titles', () => {
  it('finds the routes that export a meta', () => {
    expect(routes.length).toBeGreaterThanOrEqual(65);
    for (const file of [...SITE_NAME_FIRST, ...Object.keys(SAME_IN_BOTH_LANGUAGES)]) routeMeta(file);
  });

  it.each(routes)('%s has a title in Spanish and in English', (file, meta) => {
    const en = titleOf(meta(metaArgs('en')));
    const es = titleOf(meta(metaArgs('es')));
    expect(en, 'English title').toBeTruthy();
    expect(es, 'Spanish title').toBeTruthy();
    if (!(file in SAME_IN_BOTH_LANGUAGES)) expect(es, 'Spanish title differs from the English one').not.toBe(en);
    for (const text of [en, es]) {
      if (SITE_NAME_FIRST.has(file)) expect(text).toMatch(/^Minka · \S/);
      else expect(text).toMatch(/\S · Minka$/);
    }
  });

  it('keeps the English titles as they were', () => {
    const before: Record<string, string> = {
      '_index.tsx': 'Minka · Lima Commitment follow-up and cooperation',
      'mandates._index.tsx': 'Mandates · Minka',
      'login.tsx': 'Log in · Minka',
      'admin.initiatives._index.tsx': 'Initiatives · Secretariat · Minka',
      'practices.review.$roundId.tsx': 'Review of the good-practice base · Minka',
      'results._index.tsx': 'Published progress · Minka',
      'initiatives.$id.tsx': 'Initiative · Minka',
      'roundtables._index.tsx': 'Roundtables · Minka',
      'practices.challenges.$cycleId.tsx': 'Report on challenges · Minka',
      'initiatives.summary.$year.tsx': 'Yearly summary · Minka',
    };
    for (const [file, text] of Object.entries(before)) expect(title(file, 'en'), file).toBe(text);
  });

  it('describes the home page in the reader’s language', () => {
    const description = (lang: Lang) =>
      routeMeta('_index.tsx')(metaArgs(lang))?.find(
        (descriptor) => 'name' in descriptor && descriptor.name === 'description',
      );
    expect(description('es')).toEqual({
      name: 'description',
      content:
        'Seguimiento del Compromiso de Lima contra la corrupción y cooperación entre los Estados y las organizaciones del GTCC.',
    });
    expect(description('en')).toEqual({
      name: 'description',
      content:
        'Follow-up of the Lima Commitment against corruption, and cooperation among States and JSWG organizations.',
    });
    expect(title('_index.tsx', 'es')).toBe('Minka · Seguimiento del Compromiso de Lima y cooperación');
  });

  it('keeps a name from the data as it is and translates only the words around it', () => {
    const initiative = { record: { title: 'Judicial cooperation on asset recovery' } };
    expect(title('initiatives.$id.tsx', 'es', initiative)).toBe('Judicial cooperation on asset recovery · Minka');
    expect(title('initiatives.$id.tsx', 'en', initiative)).toBe('Judicial cooperation on asset recovery · Minka');
    expect(title('initiatives.$id.tsx', 'es')).toBe('Iniciativa · Minka');
    expect(title('admin.initiatives.$id.tsx', 'es', initiative)).toBe(
      'Judicial cooperation on asset recovery · Secretaría · Minka',
    );
    expect(title('admin.initiatives.$id.tsx', 'en', initiative)).toBe(
      'Judicial cooperation on asset recovery · Secretariat · Minka',
    );
    expect(title('admin.initiatives.$id.tsx', 'es')).toBe('Iniciativa · Secretaría · Minka');
    expect(title('practices.$id.tsx', 'es', { practice: { title: 'Portal de transparencia' } })).toBe(
      'Portal de transparencia · Minka',
    );
    const mandate = { mandate: { number: 12 }, cycle: { name: '2025 cycle' } };
    expect(title('results.$cycleId.mandates.$number.tsx', 'es', mandate)).toBe('Mandato 12 · 2025 cycle · Minka');
    expect(title('results.$cycleId.mandates.$number.tsx', 'en', mandate)).toBe('Mandate 12 · 2025 cycle · Minka');
    expect(title('mandates.$commitment.$number.tsx', 'es', mandate)).toBe('Mandato 12 · Minka');
    expect(title('mandates.$commitment.$number.tsx', 'en', mandate)).toBe('Mandate 12 · Minka');
    expect(title('questionnaire.$cycleId_.print.tsx', 'es', { organization: 'Perú', cycle: { name: '2025' } })).toBe(
      'Perú · 2025 · Minka',
    );
    expect(title('results.$cycleId._index.tsx', 'en', mandate)).toBe('2025 cycle · Minka');
    expect(title('meetings.$id.tsx', 'es', { meeting: { title: 'Kick-off' } })).toBe('Kick-off · Minka');
    expect(title('roundtables.$id.tsx', 'es', { room: { title: 'Mesa de trabajo sobre el mandato 12' } })).toBe(
      'Mesa de trabajo sobre el mandato 12 · Minka',
    );
    expect(title('initiatives.summary.$year.tsx', 'es', { year: 2025 })).toBe(
      'Iniciativas y resultados en 2025 · Minka',
    );
    expect(title('initiatives.summary.$year.tsx', 'en', { year: 2025 })).toBe(
      'Initiatives and outcomes in 2025 · Minka',
    );
  });

  it('is in English when the root has no data (its loader failed)', () => {
    for (const [file, meta] of routes) expect(titleOf(meta(metaArgs(null))), file).toBe(titleOf(meta(metaArgs('en'))));
  });

  it('gives an error page the error’s heading in the reader’s language', () => {
    const notFound = { status: 404, statusText: 'Not Found', internal: false, data: null };
    expect(titleOf(rootMeta(metaArgs('es', undefined, notFound)))).toBe('Página no encontrada · Minka');
    expect(titleOf(rootMeta(metaArgs('en', undefined, notFound)))).toBe('Page not found · Minka');
    const forbidden = { status: 403, statusText: 'Forbidden', internal: false, data: 'Forbidden' };
    expect(titleOf(rootMeta(metaArgs('es', undefined, forbidden)))).toBe('Acceso no permitido · Minka');
    expect(titleOf(rootMeta(metaArgs('es', undefined, new Error('boom'))))).toBe('Algo salió mal · Minka');
    expect(titleOf(rootMeta(metaArgs(null, undefined, notFound)))).toBe('Page not found · Minka');
    expect(titleOf(rootMeta(metaArgs('es')))).toBe('Minka');
  });
});
