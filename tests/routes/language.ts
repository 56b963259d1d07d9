import type { AppLoadContext } from '@remix-run/node';
import type { Actor } from '../../services/actor';
import type { Services } from '../../services/index.server';
import { servicesEs } from '../../services/messages/es';
import { createLocalizer, localizeServices } from '../../services/messages/localize';

export type Lang = 'en' | 'es';

const localized = new WeakMap<Services, Services>();

/**
 * The load context Remix gets in one language, built as server/app.ts builds it: in Spanish the services' failures
 * come back localized, so a route that looked at the English text (not the failure's kind) answers wrongly there.
 */
export function routeContext(services: Services, actor: Actor | null, lang: Lang = 'en'): AppLoadContext {
  let es = localized.get(services);
  if (!es) localized.set(services, (es = localizeServices(services, createLocalizer(servicesEs))));
  return {
    services: lang === 'es' ? es : services,
    actor,
    lang,
    ip: '127.0.0.1',
    secureCookies: false,
    demo: false,
    publicUrl: 'https://minka.example.org',
  } as unknown as AppLoadContext;
}
