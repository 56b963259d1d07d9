import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import { useEffect, useState } from 'react';
import { errorPageText } from './error-page';
import { translate } from './i18n';
import type { Lang } from './load-context';
import { navigationFor, type NavItem } from './navigation';
import { LiveNotices } from './components/live-notices';
import stylesUrl from './styles.css?url';
import { useCspNonce } from './utils/csp-nonce';
import { useT } from './utils/i18n';
import { skipReloadAfterUnsent } from './utils/unsent-save';
import { metaLang, pageTitle, SITE_NAME } from './utils/page-title';

// An icon of our own: without one, browsers ask for /favicon.ico and log a 404 on every page.
export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesUrl },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

/*
 * Every page has its own title (app/utils/page-title.ts). Errors render in the root's error boundary, whose meta is
 * the one Remix uses then: the error page's heading, in the reader's language like the page itself.
 */
export const meta: MetaFunction = (args) => {
  if (!args.error) return [{ title: SITE_NAME }];
  const lang = metaLang(args);
  const { title } = errorPageText(isRouteErrorResponse(args.error) ? args.error : null, (key, vars) =>
    translate(lang, key, vars),
  );
  return pageTitle(args, 'error.generic.title', title);
};

/** A save that never reached the server changed nothing here, and a reload could fail with it (no network). */
export const shouldRevalidate = skipReloadAfterUnsent;

export async function loader({ context }: LoaderFunctionArgs) {
  const { actor, lang, demo } = context;
  return {
    lang,
    demo,
    user: actor ? { displayName: actor.displayName, role: actor.role, organizationCode: actor.organizationCode } : null,
    nav: actor
      ? await withUnreadCounts(navigationFor(actor), {
          '/roundtables': () => context.services.roundtables.unreadTotal(actor),
          // Unread notices show on Notifications too (issue 15: Peru had 7 and nothing said so).
          '/notifications': () => context.services.notifications.unreadCount(actor),
        })
      : navigationFor(null),
  };
}

async function withUnreadCounts(items: NavItem[], counts: Record<string, () => Promise<number>>): Promise<NavItem[]> {
  const shown = items.filter((item) => counts[item.to]);
  const values = new Map(await Promise.all(shown.map(async (item) => [item.to, await counts[item.to]()] as const)));
  return items.map((item) => (values.get(item.to) ? { ...item, badge: values.get(item.to) } : item));
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  const lang: Lang = data?.lang ?? 'en';
  const nonce = useCspNonce();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {translate(lang, 'a11y.skipToContent')}
        </a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header() {
  const data = useRouteLoaderData<typeof loader>('root');
  const t = useT();
  const location = useLocation();
  const lang = data?.lang ?? 'en';
  const other: Lang = lang === 'en' ? 'es' : 'en';
  // On a phone the navigation and session fold behind a Menu button (issue 15). Without JavaScript there is no button
  // and everything shows, as before; the button appears once the page is interactive.
  const [hydrated, setHydrated] = useState(false);
  const [open, setOpen] = useState(false);
  useEffect(() => setHydrated(true), []);
  useEffect(() => setOpen(false), [location.pathname]);
  return (
    <header className="site-header">
      <div className="brand">
        <Link to="/">Minka</Link>
        <span className="tagline">{t('app.tagline')}</span>
        {hydrated ? (
          <button
            type="button"
            className="menu-toggle secondary small"
            aria-expanded={open}
            aria-controls="site-menu"
            onClick={() => setOpen((v) => !v)}
          >
            {t('nav.menu')}
          </button>
        ) : null}
      </div>
      <div id="site-menu" className={hydrated && !open ? 'site-menu folded' : 'site-menu'}>
        <nav aria-label={t('nav.label')}>
          <ul>
            {(data?.nav ?? navigationFor(null)).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/' || item.to === '/admin'}>
                  {t(item.label)}
                  {item.badge ? (
                    <span className="badge unread">
                      {item.badge}
                      <span className="visually-hidden"> {t('rooms.unread', { n: item.badge })}</span>
                    </span>
                  ) : null}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="session">
          <Form method="post" action="/lang" className="inline">
            <input type="hidden" name="lang" value={other} />
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <button type="submit" className="link-button" lang={other} data-testid="lang-switch">
              {other === 'es' ? 'Español' : 'English'}
            </button>
          </Form>
          {/* No root data (an action's error page: Remix ran no loader) means the session is unknown here, so
              neither "Log in" nor "Log out" is offered rather than a wrong one. */}
          {!data ? null : data.user ? (
            <>
              <span className="who">
                {data.user.displayName} · {t(`role.${data.user.role}`)}
              </span>
              <Form method="post" action="/logout" className="inline">
                <button type="submit" className="link-button">
                  {t('nav.logout')}
                </button>
              </Form>
            </>
          ) : (
            <Link to="/login">{t('nav.login')}</Link>
          )}
        </div>
      </div>
    </header>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <Header />
      {data.demo ? <p className="demo-banner">{t('app.demoBanner')}</p> : null}
      <main id="main" tabIndex={-1}>
        {/* Live notices for the signed-in (an @mention elsewhere): decision 031. */}
        {data.user ? <LiveNotices /> : null}
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const { title, body, reason, status } = errorPageText(isRouteErrorResponse(error) ? error : null, t);
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1} className="error-page">
        <h1>{title}</h1>
        <p>{body}</p>
        {reason ? <p>{reason}</p> : null}
        {/* One string: separate text nodes ("Código", ": ", "403") were read as "Código : 403". */}
        <p className="muted">{t('error.statusLine', { status })}</p>
        <p>
          <Link to="/">{t('error.backHome')}</Link>
        </p>
      </main>
    </>
  );
}
