import { createRequestHandler, type ServerBuild } from '@remix-run/node';
import { Outlet, RemixServer } from '@remix-run/react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { InviteForm } from '../../app/components/invite-form';
import OrganizationWorkspace from '../../app/routes/org.$code';

/*
 * Probe finding: in Spanish, after an invitation was created the page said "vence el Mon, 14 Dec 2026 16:11:20 GMT"
 * (toUTCString, English), while every other date on the site reads "2026-12-14 16:11 UTC" (formatUtc).
 */
const EXPIRES = '2026-12-14T16:11:20.000Z';

interface Page {
  id?: string;
  Component: React.ComponentType;
  loader?: () => object;
}

/**
 * Renders a page the way the server does, with only what package.json declares: Remix's request handler
 * (@remix-run/node) runs the loaders of a two-route build (a root giving the language, the page under it), and
 * RemixServer (@remix-run/react) renders the result to markup, without a running app or a Vite build.
 */
async function render(lang: 'en' | 'es', page: Page) {
  const pageId = page.id ?? 'routes/page';
  const entryRoute = (id: string, hasLoader: boolean, parentId?: string) => ({
    id,
    parentId,
    path: parentId ? undefined : '',
    index: parentId ? true : undefined,
    module: `/${id}.js`,
    hasLoader,
    hasAction: false,
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: false,
  });
  const build: ServerBuild = {
    mode: 'production',
    publicPath: '/',
    assetsBuildDirectory: '',
    isSpaMode: false,
    future: {} as ServerBuild['future'],
    assets: {
      entry: { imports: [], module: '/entry.client.js' },
      routes: { root: entryRoute('root', true), [pageId]: entryRoute(pageId, !!page.loader, 'root') },
      url: '/manifest.js',
      version: 'test',
    },
    routes: {
      root: { ...entryRoute('root', true), module: { default: Outlet, loader: () => ({ lang }) } },
      [pageId]: {
        ...entryRoute(pageId, !!page.loader, 'root'),
        module: { default: page.Component, ...(page.loader ? { loader: page.loader } : {}) },
      },
    },
    entry: {
      module: {
        default: (request, status, headers, remixContext) => {
          const markup = renderToStaticMarkup(<RemixServer context={remixContext} url={request.url} />);
          headers.set('Content-Type', 'text/html');
          return new Response(markup, { status, headers });
        },
      },
    },
  };
  const response = await createRequestHandler(build, 'production')(new Request('http://localhost/'));
  const html = await response.text();
  if (response.status !== 200) throw new Error(`unexpected response ${response.status}: ${html}`);
  // The text as read: scripts and tags dropped, entities the renderer escapes put back.
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const createdInvitation = () => (
  <InviteForm
    roles={['delegate']}
    fixedOrganizationId="00000000-0000-4000-8000-000000000001"
    result={{ intent: 'invite', ok: true, email: 'ana@example.test', link: 'http://localhost/i/x', expiresAt: EXPIRES }}
  />
);

describe('an invitation’s expiry is written like every other date on the site', () => {
  it('after creating an invitation, in Spanish and in English', async () => {
    const es = await render('es', { Component: createdInvitation });
    expect(es).toContain('vence el 2026-12-14 16:11 UTC.');
    expect(es).not.toMatch(/GMT|Mon,/);
    const en = await render('en', { Component: createdInvitation });
    expect(en).toContain('expires on 2026-12-14 16:11 UTC.');
  });

  it('in an organization’s pending invitations', async () => {
    const page = await render('es', {
      id: 'routes/org.$code',
      Component: OrganizationWorkspace,
      loader: () => ({
        organization: { id: 'o', code: 'CO', kind: 'state', nameEn: 'Colombia', nameEs: 'Colombia', note: null },
        members: [],
        pendingInvitations: [
          { id: 'i', email: 'ana@example.test', role: 'delegate', expiresAt: EXPIRES, expired: false },
        ],
        invitableRoles: [],
      }),
    });
    expect(page).toContain('vence el 2026-12-14 16:11 UTC');
    expect(page).not.toMatch(/GMT/);
  });
});
