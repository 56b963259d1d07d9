import { createRequestHandler, type AppLoadContext, type ServerBuild } from '@remix-run/node';
import { Outlet } from '@remix-run/react';
import { describe, expect, it } from 'vitest';
import handleRequest from '../../app/entry.server';
import { errorPageText } from '../../app/error-page';
import { translate } from '../../app/i18n';
import { useT } from '../../app/utils/i18n';

/*
 * Outside tester: a POST with an unknown intent (intent=markAttendance to a meeting page) answered a fully English
 * 400 page in Spanish. Remix runs no loader of the route whose error boundary shows an action's error, so the root's
 * boundary had no language; and the routes' own refusal ("Unknown action") is English.
 */
function RootErrorBoundary() {
  const t = useT();
  return (
    <p>
      {t('error.badRequest.title')} / {errorPageText({ status: 400, data: 'Unknown action' }, t).body}
    </p>
  );
}

/** A two-route build (a root with the site's error boundary words, a page whose action refuses) through the real entry. */
async function postUnknownIntent(lang: 'en' | 'es') {
  const entryRoute = (id: string, parentId?: string) => ({
    id,
    parentId,
    path: parentId ? 'page' : '',
    module: `/${id}.js`,
    hasLoader: true,
    hasAction: !!parentId,
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: !parentId,
  });
  const build: ServerBuild = {
    mode: 'production',
    publicPath: '/',
    assetsBuildDirectory: '',
    isSpaMode: false,
    future: {} as ServerBuild['future'],
    assets: {
      entry: { imports: [], module: '/entry.client.js' },
      routes: { root: entryRoute('root'), 'routes/page': entryRoute('routes/page', 'root') },
      url: '/manifest.js',
      version: 'test',
    },
    routes: {
      root: {
        ...entryRoute('root'),
        module: { default: Outlet, loader: () => ({ lang }), ErrorBoundary: RootErrorBoundary },
      },
      'routes/page': {
        ...entryRoute('routes/page', 'root'),
        module: {
          default: () => null,
          loader: () => ({}),
          action: () => {
            throw new Response('Unknown action', { status: 400 });
          },
        },
      },
    },
    entry: { module: { default: handleRequest } },
  };
  const context = { lang, cspNonce: 'n' } as unknown as AppLoadContext;
  const response = await createRequestHandler(build, 'production')(
    new Request('http://localhost/page', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'Googlebot' },
      body: 'intent=markAttendance',
    }),
    context,
  );
  expect(response.status).toBe(400);
  return (await response.text()).replace(/<!-- -->/g, '');
}

describe('the error page of an action’s refusal is in the reader’s language', () => {
  it('a POST with an unknown intent, in Spanish and in English', async () => {
    const es = await postUnknownIntent('es');
    expect(es).toContain(
      `${translate('es', 'error.badRequest.title')} / Esta página no conoce esa acción. Recargue la página e inténtelo de nuevo.`,
    );
    expect(es).not.toMatch(/Request not understood|Unknown action/);
    const en = await postUnknownIntent('en');
    expect(en).toContain('Request not understood / This page does not know that action.');
  });
});
