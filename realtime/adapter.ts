import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger } from 'pino';
import { createClient } from 'redis';

export interface RedisAdapterOptions {
  url: string;
  /**
   * Namespaces the stream, the PUB/SUB channels and the session keys, so that two deployments (or two test
   * runs) sharing one Redis never see each other's packets.
   */
  prefix?: string;
  logger: Logger;
}

/**
 * The multi-node adapter. The Redis *Streams* adapter (not the classic PUB/SUB one): a node that loses Redis for a
 * moment reads the stream on from where it stopped instead of missing what was broadcast meanwhile
 * (https://socket.io/docs/v4/redis-streams-adapter/). Connection-state recovery, which it also supports, is off
 * (decision 034).
 *
 * Returns at once: node-redis queues commands until the connection is up, so the Socket.IO server can be built
 * synchronously. `close()` ends the publishing client; the adapter's own duplicated clients (stream reader and
 * subscriber) are ended by the adapter itself when `io.close()` closes it (the reader within `blockTimeInMs`).
 * If Redis is unreachable at shutdown, those duplicates are still retrying their first connection and the adapter
 * cannot end them: the process must exit (server/index.ts does, with process.exit).
 */
export function createRedisStreamsAdapter({ url, prefix = 'minka', logger }: RedisAdapterOptions) {
  const client = createClient({
    url,
    socket: {
      // Keep retrying with a capped backoff: a Redis restart must not take the node down.
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000),
    },
  });
  let lastError = '';
  client.on('error', (error: Error) => {
    // node-redis emits an error on every failed reconnect; log each distinct one once.
    if (error.message === lastError) return;
    lastError = error.message;
    logger.error({ err: error }, 'redis (socket.io adapter) error');
  });
  client.on('ready', () => {
    lastError = '';
    logger.info('redis (socket.io adapter) connected');
  });
  const connected = client.connect().catch((error: unknown) => {
    logger.error({ err: error }, 'redis (socket.io adapter) could not connect');
  });

  const adapter = createAdapter(client, {
    streamName: `${prefix}:socket.io`,
    channelPrefix: `${prefix}:socket.io`,
    sessionKeyPrefix: `${prefix}:sio:session:`,
    // Our payloads are JSON only: skip the binary scan of every packet.
    onlyPlaintext: true,
    // A short block keeps shutdown quick: the reader notices the close after at most this long.
    blockTimeInMs: 1_000,
  });

  let closed = false;
  return {
    adapter,
    /** Ready when the publishing client has connected (or failed to). */
    connected,
    async close() {
      if (closed) return;
      closed = true;
      try {
        // Connected: let pending publishes finish. Still (re)connecting, e.g. Redis is down: stop trying now.
        if (client.isReady) await client.close();
        else if (client.isOpen) client.destroy();
      } catch (error) {
        logger.warn({ err: error }, 'redis (socket.io adapter) did not close cleanly');
      }
    },
  };
}
