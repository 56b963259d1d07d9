import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import path from 'node:path';
import { createRequestHandler } from '@remix-run/express';
import type { AppLoadContext, ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { ViteDevServer } from 'vite';
import type { Lang } from '../app/load-context';
import type { DatabaseHandle } from '../db/client';
import { withQueryCount } from '../db/query-count';
import type { Actor } from '../services/actor';
import type { Services } from '../services/index.server';
import { servicesEs } from '../services/messages/es';
import { createLocalizer, localizeServices } from '../services/messages/localize';
import { createRealtimeServer, type RealtimeServer } from '../realtime/server';
import { cookieShouldBeSecure, LANG_COOKIE, parseCookies, serializeCookie, SESSION_COOKIE } from './cookies';
import type { Config } from './env';
import { formBodyGuard } from './form-body';
import { isSameOriginRequest, type OriginPolicy } from './origin';
import { contentSecurityPolicy, newCspNonce } from './csp';
import { createPageCache } from './page-cache';
import { requestGuard } from './request-guard';

export interface AppDeps {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  services: Services;
  /** Development: Vite in middleware mode. Production: the built Remix server bundle. Tests: any handler. */
  remix:
    | { vite: (server: http.Server) => Promise<ViteDevServer> }
    | { build: ServerBuild; clientDir: string }
    | { handler: (getLoadContext: (req: Request, res: Response) => AppLoadContext) => express.RequestHandler };
}

interface RequestLocals {
  actor: Actor | null;
  lang: Lang;
  secureCookies: boolean;
  /** This response's Content-Security-Policy nonce; none under Vite's dev server. */
  cspNonce: string | undefined;
}

export async function createHttpServer({ config, logger, database, services, remix }: AppDeps) {
  const app = express();
  const originPolicy: OriginPolicy = { allowedOrigins: config.ALLOWED_ORIGINS, trustProxy: config.TRUST_PROXY > 0 };
  const server = http.createServer(app);
  app.disable('x-powered-by');
  if (config.TRUST_PROXY) app.set('trust proxy', config.TRUST_PROXY);

  const restrictScripts = !('vite' in remix);
  const cspOptions = { livekitUrl: config.livekit?.url };
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    const id = randomUUID();
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    // The complete policy with this response's script nonce, except under Vite's dev server (server/csp.ts).
    const nonce = restrictScripts ? newCspNonce() : undefined;
    (res.locals as RequestLocals).cspNonce = nonce;
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce, cspOptions));
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.debug(
        { reqId: id, method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    next();
  });

  // Only when asked for (bench:registration reads it): the whole request, session lookup included, runs in one
  // counting scope, and the count so far goes out with the headers (loaders have run by then).
  if (config.MINKA_COUNT_QUERIES) {
    app.use((_req, res, next) =>
      withQueryCount((count) => {
        const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
        res.writeHead = ((...args: unknown[]) => {
          if (!res.headersSent) res.setHeader('X-Query-Count', String(count()));
          return writeHead(...args);
        }) as typeof res.writeHead;
        next();
      }),
    );
  }

  // Methods and addresses no route can answer: a clear 4xx here, not a 500 from deep inside (server/request-guard.ts).
  app.use(requestGuard());

  // Before anything that reads the database, so a probe reports the database's state, not the app's.
  app.get('/healthz', async (_req, res) => {
    try {
      await Promise.race([
        database.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
      ]);
      res.status(200).json({ status: 'ok', database: 'up' });
    } catch (error) {
      logger.warn({ err: error }, 'health check: database unreachable');
      res.status(503).json({ status: 'unavailable', database: 'down' });
    }
  });

  // LiveKit's webhooks come from the LiveKit server, not a browser: no Origin header, and a JSON body whose
  // Authorization header carries its SHA-256 signed with the API secret. This one path is therefore answered here,
  // before the Origin check and the form-body guard, on the raw bytes the signature covers (decision 018).
  app.post('/livekit/webhook', express.raw({ type: () => true, limit: '64kb' }), async (req, res, next) => {
    try {
      const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      const result = await services.videoconferences.receiveWebhook(body, req.headers.authorization);
      if (result.ok) return void res.status(200).json({ ok: true, applied: result.value.applied });
      res
        .status(result.kind === 'forbidden' ? 401 : 404)
        .type('text/plain')
        .send(result.message);
    } catch (error) {
      next(error);
    }
  });

  app.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    if (isSameOriginRequest(req.headers, originPolicy, isEncrypted(req.socket))) return next();
    logger.warn({ origin: req.headers.origin, url: req.originalUrl }, 'cross-origin request refused');
    res
      .status(403)
      .type('text/plain')
      .send('Cross-origin request refused. Submit the form from the Minka site itself.');
  });

  // Before anything buffers a body: non-multipart bodies are capped, then cleaned of NUL and lone surrogates.
  app.use(formBodyGuard({ maxBytes: config.FORM_BODY_MAX_BYTES, logger }));

  app.use(compression());

  let vite: ViteDevServer | undefined;
  if ('vite' in remix) {
    vite = await remix.vite(server);
    app.use(vite.middlewares);
  } else if ('clientDir' in remix) {
    app.use('/assets', express.static(path.join(remix.clientDir, 'assets'), { immutable: true, maxAge: '1y' }));
    app.use(express.static(remix.clientDir, { maxAge: '1h' }));
  }

  app.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const locals = res.locals as RequestLocals;
      locals.secureCookies = cookieShouldBeSecure(config, req);
      const cookies = parseCookies(req.headers.cookie);
      const token = cookies[SESSION_COOKIE];
      locals.actor = null;
      if (token) {
        const session = await services.accounts.validateSession(token);
        if (session) {
          locals.actor = { ...session.actor, ip: req.ip };
          if (session.refreshed)
            res.append(
              'Set-Cookie',
              serializeCookie(SESSION_COOKIE, token, { expires: session.expiresAt, secure: locals.secureCookies }),
            );
        } else {
          // A forged or expired cookie makes a logged-out visitor, and we stop sending it back.
          res.append(
            'Set-Cookie',
            serializeCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: locals.secureCookies }),
          );
        }
      }
      locals.lang = pickLanguage(cookies[LANG_COOKIE], req.headers['accept-language']);
      next();
    } catch (error) {
      next(error);
    }
  });

  if (config.PAGE_CACHE_SECONDS > 0) {
    // The public results pages: the published cycles, a cycle, one organization's answers, a mandate. Every change
    // to what the public may read emits results.changed, which empties the cache. The JSON twin of a mandate's page
    // and the exports are left out, as /mandates.json is: computed for every request, which is what
    // bench:registration compares the page with (decision 008).
    const resultsPages = /^\/results(\/[^/.]+(\/[^/.]+|\/mandates\/[^/.]+)?)?$/;
    const pageCache = createPageCache({
      ttlMs: config.PAGE_CACHE_SECONDS * 1000,
      paths: ['/', '/mandates', '/mandates/*', '/participants', '/directory', resultsPages],
    });
    // onEveryNode (decision 033): a change made through another node of a cluster empties this node's cache too.
    services.events.onEveryNode('catalogue.changed', () => pageCache.clear());
    services.events.onEveryNode('cooperation.changed', () => pageCache.clear());
    // A publication, or a non-disclosure request or decision: nothing newly withheld may be served from memory.
    services.events.onEveryNode('results.changed', () => pageCache.clear());
    services.events.onRemoteGap(() => pageCache.clear());
    app.use(
      pageCache.middleware((req, res) =>
        (res.locals as RequestLocals).actor ? null : `${(res.locals as RequestLocals).lang} ${req.originalUrl}`,
      ),
    );
  }

  // Remix sees the services in the reader's language: their failures' messages are localized (decision 011).
  const servicesByLang: Record<Lang, Services> = {
    en: services,
    es: localizeServices(services, createLocalizer(servicesEs)),
  };
  const getLoadContext = (req: Request, res: Response): AppLoadContext => {
    const locals = res.locals as RequestLocals;
    return {
      services: servicesByLang[locals.lang],
      actor: locals.actor,
      lang: locals.lang,
      ip: req.ip ?? 'unknown',
      secureCookies: locals.secureCookies,
      demo: config.DEMO,
      publicUrl: config.publicUrl,
      cspNonce: locals.cspNonce,
    };
  };

  if ('handler' in remix) {
    app.all('*', remix.handler(getLoadContext));
  } else if (vite) {
    const devServer = vite;
    app.all('*', async (req, res, next) => {
      try {
        const build = (await devServer.ssrLoadModule('virtual:remix/server-build')) as ServerBuild;
        return createRequestHandler({ build, getLoadContext, mode: 'development' })(req, res, next);
      } catch (error) {
        devServer.ssrFixStacktrace(error as Error);
        next(error);
      }
    });
  } else {
    app.all(
      '*',
      createRequestHandler({ build: (remix as { build: ServerBuild }).build, getLoadContext, mode: 'production' }),
    );
  }

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    logger.error({ err: error }, 'unhandled error');
    if (!res.headersSent)
      res.status(500).type('text/plain').send('Something went wrong on our side. Try again in a moment.');
  });

  const io: RealtimeServer = createRealtimeServer(server, {
    services,
    logger,
    redisUrl: config.REDIS_URL,
    isAllowedOrigin: (headers, socket) => isSameOriginRequest(headers, originPolicy, isEncrypted(socket)),
    sessionTokenFrom: (headers) => parseCookies(headers.cookie)[SESSION_COOKIE],
    languageFrom: (headers) => pickLanguage(parseCookies(headers.cookie)[LANG_COOKIE], headers['accept-language']),
  });

  return { app, server, io, vite };
}

export function pickLanguage(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (cookie === 'en' || cookie === 'es') return cookie;
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .filter((entry) => entry.tag && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of preferred) {
    if (tag.startsWith('es')) return 'es';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

/** Whether the connection itself is TLS (Minka behind no proxy, serving https directly). */
function isEncrypted(socket: Socket): boolean {
  return socket instanceof TLSSocket;
}
