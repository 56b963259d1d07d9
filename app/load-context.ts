import type { Actor } from '../services/actor';
import type { Services } from '../services/index.server';

export type Lang = 'en' | 'es';

/**
 * What the server hands every loader and action. The backend reaches Remix only through here: app/ imports
 * types from services/, never their code (ARCHITECTURE.md).
 */
export interface MinkaLoadContext {
  services: Services;
  actor: Actor | null;
  lang: Lang;
  ip: string;
  /** Whether cookies set in this response must carry `Secure`. */
  secureCookies: boolean;
  demo: boolean;
}

declare module '@remix-run/server-runtime' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends MinkaLoadContext {}
}
