import type { AppLoadContext } from '@remix-run/node';
import type { MandateView } from '../../services/catalogue/catalogue.server';
import type { MandateSection } from '../components/mandate-picker';

/** Whatever words describe a mandate, shortened for a one-line label (the full text stays on the mandate's page). */
const shorten = (text: string) => (text.length > 140 ? `${text.slice(0, 139).trimEnd()}…` : text);

function choice(m: MandateView, lang: 'en' | 'es', sectionWords: string) {
  // The topic (our words) or the official text, in the reader's language first; missing stays missing.
  const own = lang === 'es' ? (m.topic?.es ?? m.textEs) : (m.topic?.en ?? m.textEn);
  const other = lang === 'es' ? (m.topic?.en ?? m.textEn) : (m.topic?.es ?? m.textEs);
  const label = own ?? other;
  return {
    number: m.number,
    label: label ? shorten(label) : null,
    lang: own ? lang : other ? (lang === 'es' ? 'en' : 'es') : undefined,
    // Searched in both languages whatever the reader's: topic, official text and section.
    words: [m.topic?.en, m.topic?.es, m.textEn, m.textEs, sectionWords].filter(Boolean).join(' '),
  };
}

/**
 * The mandates of the most recent commitment, grouped by section, for the mandate picker of requests and offers
 * (issue 15 item 7). Without a catalogue, the numbers alone (as before) in one group.
 */
export async function mandateChoices(context: AppLoadContext): Promise<MandateSection[]> {
  const lang = context.lang === 'es' ? 'es' : 'en';
  const catalogue = await context.services.catalogue.getCatalogue();
  if (!catalogue.ok)
    return [
      {
        code: null,
        title: null,
        mandates: Array.from({ length: 57 }, (_, i) => ({ number: i + 1, label: null, lang: undefined, words: '' })),
      },
    ];
  const sections: MandateSection[] = catalogue.value.sections
    .filter((s) => s.mandates.length)
    .map((s) => ({
      code: s.code,
      title: (lang === 'es' ? (s.titleEs ?? s.titleEn) : (s.titleEn ?? s.titleEs)) ?? null,
      mandates: s.mandates.map((m) => choice(m, lang, [s.code, s.titleEn, s.titleEs].filter(Boolean).join(' '))),
    }));
  if (catalogue.value.unsectioned.length)
    sections.push({ code: null, title: null, mandates: catalogue.value.unsectioned.map((m) => choice(m, lang, '')) });
  return sections;
}
