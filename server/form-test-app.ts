// Test helper (not a test): the real express app from createHttpServer, with Remix replaced by a handler that
// builds the Fetch Request the way @remix-run/express does and runs the real login and language actions, or echoes
// the parsed form for any other path.
import type { AddressInfo } from 'node:net';
import { createReadableStreamFromReadable, type ActionFunctionArgs, type AppLoadContext } from '@remix-run/node';
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import pino from 'pino';
import { action as langAction } from '../app/routes/lang';
import { action as loginAction } from '../app/routes/login';
import type { DatabaseHandle } from '../db/client';
import { createServices, type Services } from '../services/index.server';
import { createTestDatabase } from '../tests/db';
import { createHttpServer } from './app';
import { parseEnv } from './env';

export interface FormTestApp {
  base: string;
  handle: DatabaseHandle;
  services: Services;
  stop: () => Promise<void>;
}

async function sendFetchResponse(res: ExpressResponse, response: Response) {
  res.status(response.status);
  response.headers.forEach((value, key) => {
    if (key !== 'content-length') res.append(key, value);
  });
  res.send(Buffer.from(await response.arrayBuffer()));
}

export async function startFormTestApp(env: Record<string, string> = {}): Promise<FormTestApp> {
  const handle = await createTestDatabase();
  const services = createServices({ db: handle.db });
  const { server, io } = await createHttpServer({
    config: parseEnv({ LOG_LEVEL: 'silent', ...env }),
    logger: pino({ level: 'silent' }),
    database: handle,
    services,
    remix: {
      handler: (getLoadContext) => async (req: ExpressRequest, res: ExpressResponse, next) => {
        try {
          const context = getLoadContext(req, res) as AppLoadContext;
          const request = new Request(`http://${req.headers.host}${req.originalUrl}`, {
            method: req.method,
            headers: req.headers as Record<string, string>,
            ...(req.method !== 'GET' && req.method !== 'HEAD'
              ? { body: createReadableStreamFromReadable(req), duplex: 'half' }
              : {}),
          } as RequestInit);
          const args = { request, context, params: {} } as ActionFunctionArgs;
          const path = req.path;
          let response: Response;
          try {
            if (path === '/login' && req.method === 'POST') response = toResponse(await loginAction(args));
            else if (path === '/lang' && req.method === 'POST') response = toResponse(await langAction(args));
            else if (req.method === 'POST') {
              const form = await request.formData();
              response = Response.json({
                fields: [...form.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : '(file)']),
              });
            } else response = Response.json({ ok: true });
          } catch (thrown) {
            // Remix turns a thrown Response into that response; a bad body it cannot parse into a 400.
            if (thrown instanceof Response) response = thrown;
            else if (thrown instanceof TypeError) response = new Response('Bad request body', { status: 400 });
            else throw thrown;
          }
          await sendFetchResponse(res, response);
        } catch (error) {
          next(error);
        }
      },
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    handle,
    services,
    stop: async () => {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await handle.close();
    },
  };
}

function toResponse(value: unknown): Response {
  if (value instanceof Response) return value;
  // Remix's data(): { type: 'DataWithResponseInit', data, init }
  const wrapped = value as { data?: unknown; init?: ResponseInit | null } | null;
  if (wrapped && typeof wrapped === 'object' && 'init' in wrapped)
    return Response.json(wrapped.data ?? null, wrapped.init ?? undefined);
  return Response.json(value ?? null);
}
