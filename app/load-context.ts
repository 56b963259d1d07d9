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
  /**
   * The address people open Minka at (PUBLIC_URL, or http://localhost:PORT): absolute links a page hands out (the
   * Atom feed, a calendar feed's address) are written under it, never under the request's Host header.
   */
  publicUrl: string;
  /**
   * This response's Content-Security-Policy nonce (server/csp.ts), for app/entry.server.tsx only: never put it in
   * loader data, which a script in the page could read.
   */
  cspNonce?: string;
}

declare module '@remix-run/server-runtime' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends MinkaLoadContext {}
}
