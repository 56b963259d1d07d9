import { renderToStaticMarkup } from 'react-dom/server';
// The router @remix-run/react is built on (the same pinned copy): a static data router renders a page's component
// with its loader data, as the server does, without a running app.
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server';
import type { RouteObject } from 'react-router-dom';
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

async function render(lang: 'en' | 'es', page: Page) {
  const routes: RouteObject[] = [
    { id: 'root', path: '/', loader: () => ({ lang }), children: [{ index: true, ...page }] },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request('http://localhost/'));
  if (context instanceof Response) throw new Error(`unexpected response ${context.status}`);
  const html = renderToStaticMarkup(
    <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />,
  );
  // The text as read: tags dropped, entities the renderer escapes put back.
  return html
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
