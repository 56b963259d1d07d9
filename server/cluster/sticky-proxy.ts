import http from 'node:http';
import net from 'node:net';

/**
 * A small reverse proxy with sticky sessions for running several Minka nodes on one machine (`npm run
 * demo:cluster`) and for testing that set-up. Written in Node rather than using nginx so the tests can start and
 * stop it in-process on any machine; in production use your load balancer (nginx, HAProxy, a cloud LB) with the
 * settings of the README's "Running several nodes".
 *
 * Stickiness: the first response sets a cookie naming the node; later HTTP requests and WebSocket upgrades with
 * that cookie go to the same node (Socket.IO's long-polling needs it). A node that refuses connections is marked
 * down for a moment and its clients go to another node (their Socket.IO connection then recovers there).
 */
export interface StickyProxyOptions {
  /** Node addresses, e.g. http://127.0.0.1:3101. */
  targets: string[];
  cookieName?: string;
  /** How long a node that refused a connection is skipped. */
  downForMs?: number;
}

export interface StickyProxy {
  server: http.Server;
  /** Which nodes are currently marked down (for logs and tests). */
  down(): number[];
}

export function createStickyProxy({
  targets,
  cookieName = 'minka_node',
  downForMs = 2_000,
}: StickyProxyOptions): StickyProxy {
  const nodes = targets.map((t) => new URL(t));
  const downUntil = new Map<number, number>();
  let nextIndex = 0;

  const isUp = (i: number) => (downUntil.get(i) ?? 0) <= Date.now();
  const markDown = (i: number) => downUntil.set(i, Date.now() + downForMs);
  const stuckTo = (cookieHeader: string | undefined): number | null => {
    const match = new RegExp(`(?:^|;\\s*)${cookieName}=(\\d+)`).exec(cookieHeader ?? '');
    const index = match ? Number(match[1]) : NaN;
    return Number.isInteger(index) && index >= 0 && index < nodes.length ? index : null;
  };
  /** The node for a request: its sticky node while up, else the next live one (round robin). */
  const choose = (
    cookieHeader: string | undefined,
    exclude: Set<number>,
  ): { index: number; assigned: boolean } | null => {
    const sticky = stuckTo(cookieHeader);
    if (sticky !== null && isUp(sticky) && !exclude.has(sticky)) return { index: sticky, assigned: false };
    for (let step = 0; step < nodes.length; step++) {
      const index = (nextIndex + step) % nodes.length;
      if (isUp(index) && !exclude.has(index)) {
        nextIndex = (index + 1) % nodes.length;
        return { index, assigned: true };
      }
    }
    return null;
  };
  const forwardedHeaders = (req: http.IncomingMessage) => ({
    'x-forwarded-for': [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', '),
    'x-forwarded-host': req.headers.host ?? '',
    'x-forwarded-proto': 'http',
  });

  const server = http.createServer((req, res) => {
    // The body is buffered (forms are small and capped by the nodes) so a request can be retried on another node
    // when the chosen one turns out to be down.
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => attempt(new Set()));
    const attempt = (tried: Set<number>) => {
      const choice = choose(req.headers.cookie, tried);
      if (!choice) {
        res.writeHead(502, { 'content-type': 'text/plain' }).end('No Minka node is reachable.');
        return;
      }
      const node = nodes[choice.index];
      const upstream = http.request(
        {
          host: node.hostname,
          port: node.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, ...forwardedHeaders(req) },
        },
        (answer) => {
          const headers = { ...answer.headers, 'x-served-by': String(choice.index) };
          if (choice.assigned) {
            const cookie = `${cookieName}=${choice.index}; Path=/; HttpOnly; SameSite=Lax`;
            headers['set-cookie'] = [...(answer.headers['set-cookie'] ?? []), cookie];
          }
          res.writeHead(answer.statusCode ?? 502, headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (res.headersSent) return res.destroy();
        if (error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET') {
          markDown(choice.index);
          return attempt(new Set([...tried, choice.index]));
        }
        res.writeHead(502, { 'content-type': 'text/plain' }).end('The Minka node did not answer.');
      });
      upstream.end(Buffer.concat(chunks));
    };
  });

  server.on('upgrade', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const attempt = (tried: Set<number>) => {
      const choice = choose(req.headers.cookie, tried);
      if (!choice) return client.destroy();
      const node = nodes[choice.index];
      const upstream = net.connect(Number(node.port), node.hostname, () => {
        const headers = { ...req.headers, ...forwardedHeaders(req) };
        const lines = [
          `${req.method} ${req.url} HTTP/1.1`,
          ...Object.entries(headers).flatMap(([k, v]) =>
            Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : v === undefined ? [] : [`${k}: ${v}`],
          ),
        ];
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
        // Only once connected: a refused attempt closes too, and the client must survive it for the retry.
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNREFUSED' && !client.destroyed) {
          markDown(choice.index);
          return attempt(new Set([...tried, choice.index]));
        }
        client.destroy();
      });
      client.once('error', () => upstream.destroy());
    };
    attempt(new Set());
  });

  return { server, down: () => [...downUntil.keys()].filter((i) => !isUp(i)) };
}
