import { type LoaderFunctionArgs } from '@remix-run/node';
import { translate } from '../i18n';

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Atom feed of newly published initiatives and outcomes (issue 19), in the reader's language for its own words; the
 * initiatives' and outcomes' texts are as written. Only what the public pages show.
 */
export async function loader({ context }: LoaderFunctionArgs) {
  // Under the public address, not the request's Host (which anyone can set, and a shared cache would keep).
  const origin = context.publicUrl;
  const entries = await context.services.initiativesPublic.feed();
  const updated = (entries[0]?.at ?? new Date(0)).toISOString();
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
    xml(translate(context.lang, key, vars));
  const body = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${context.lang}">`,
    `  <title>${t('ini.feed.title')}</title>`,
    `  <id>${xml(`${origin}/initiatives`)}</id>`,
    `  <link rel="alternate" href="${xml(`${origin}/initiatives`)}"/>`,
    `  <link rel="self" href="${xml(`${origin}/initiatives.atom`)}"/>`,
    `  <updated>${updated}</updated>`,
    ...entries.map((e) =>
      [
        '  <entry>',
        `    <id>urn:minka:${e.kind}:${e.id}</id>`,
        `    <title>${e.kind === 'initiative' ? t('ini.feed.newInitiative', { title: e.title }) : t('ini.feed.newOutcome', { title: e.title })}</title>`,
        `    <link rel="alternate" href="${xml(`${origin}/initiatives/${e.initiativeId}`)}"/>`,
        `    <updated>${e.at.toISOString()}</updated>`,
        `    <author><name>${t('ini.feed.author')}</name></author>`,
        `    <summary>${xml(e.text)}</summary>`,
        '  </entry>',
      ].join('\n'),
    ),
    '</feed>',
    '',
  ].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
}
