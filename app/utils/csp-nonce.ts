import { createContext, useContext } from 'react';

/**
 * The Content-Security-Policy nonce of this response (server/csp.ts makes one per request). Only the server render
 * knows it: app/entry.server.tsx provides it, and the root layout gives it to the scripts Remix writes inline. It is
 * never sent in loader data, so a script injected into a page cannot learn it from there.
 */
export const CspNonceContext = createContext<string | undefined>(undefined);

export function useCspNonce(): string | undefined {
  return useContext(CspNonceContext);
}
