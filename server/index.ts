// The composition root: the one place that creates the database client, the services and the servers.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import cron from 'node-cron';
import pino from 'pino';
import { createDatabase } from '../db/client';
import { loadReferenceData } from '../services/catalogue/reference.server';
import { seedDemoContributions } from '../services/demo/contributions-seed.server';
import { seedDemoCooperation } from '../services/demo/cooperation-seed.server';
import { seedDemoInitiatives } from '../services/demo/initiatives-seed.server';
import { seedDemoRegistration } from '../services/demo/registration-seed.server';
import { seedDemoAccounts, type DemoAccount } from '../services/demo/seed.server';
import { createServices } from '../services/index.server';
import { seedDemoMeetings } from '../services/videoconferences/demo-seed.server';
import { seedDemoPractices } from '../services/practices/demo-seed.server';
import { createMailer } from '../services/notifications/mailer.server';
import { createDiskFileStore } from '../services/storage/file-store';
import { createS3FileStore } from '../services/storage/s3-file-store';
import { createRedisFloodLimiter } from '../services/roundtables/flood.server';
import { FLOOD_RULE } from '../services/roundtables/roundtables.server';
import { dropAllConnections } from '../realtime/server';
import { createHttpServer } from './app';
import { startEventRelay } from './event-relay';
import { ConfigError, parseEnv, type Config } from './env';
import { installProcessErrorHandlers } from './process-errors';

const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

async function main() {
  let config: Config;
  try {
    config = parseEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = pino({ level: config.LOG_LEVEL, base: { app: 'minka' } });
  // Until the servers exist, a fatal error just exits; afterwards it runs the clean shutdown (below).
  let onFatal: () => void = () => process.exit(1);
  installProcessErrorHandlers(process, logger, () => onFatal());

  mkdirSync(config.dataDir, { recursive: true });
  const database = await createDatabase({
    databaseUrl: config.DATABASE_URL,
    pgliteDir: path.join(config.dataDir, 'pglite'),
    migrate: true,
    countQueries: config.MINKA_COUNT_QUERIES,
  });
  logger.info({ driver: database.driver, dataDir: config.dataDir }, 'database ready');

  const reference = await loadReferenceData(database.db);
  if (reference.loaded.length) logger.info({ loaded: reference.loaded }, 'reference data loaded');

  // Attached documents: a shared S3-compatible bucket when configured (several nodes), else this node's DATA_DIR.
  const fileStore = config.s3
    ? createS3FileStore({ ...config.s3, stagingDir: path.join(config.dataDir, 'upload-staging') })
    : createDiskFileStore(path.join(config.dataDir, 'attachments'));
  logger.info({ fileStore: config.s3 ? `s3://${config.s3.bucket}/${config.s3.prefix}` : 'disk' }, 'file store ready');
  // Several nodes: the per-user message rate limit is counted in Redis, so it applies once across nodes.
  const floodLimiter = config.REDIS_URL
    ? createRedisFloodLimiter({
        url: config.REDIS_URL,
        rule: FLOOD_RULE,
        onError: (error) => logger.error({ err: error }, 'redis (flood limit) error; limiting per node meanwhile'),
      })
    : undefined;
  // The logger goes to the services for their background reactions to domain events (services/subscriptions.ts).
  const services = createServices({
    db: database.db,
    logger,
    fileStore,
    attachmentMaxBytes: config.ATTACHMENT_MAX_BYTES,
    floodLimiter,
    disclosureAmendDays: config.DISCLOSURE_AMEND_DAYS,
    livekit: config.livekit,
    publicUrl: config.publicUrl,
    mailIsDelivered: !!config.SMTP_URL,
  });

  // Several nodes: each node's domain events reach the others' onEveryNode listeners (caches, indexes; decision 033).
  const eventRelay = config.REDIS_URL
    ? startEventRelay({
        url: config.REDIS_URL,
        events: services.events,
        onError: (error) =>
          logger.error({ err: error }, "redis (event relay) error; other nodes miss this one's events meanwhile"),
        onMalformed: (raw) => logger.warn({ message: raw }, 'event relay: malformed message ignored'),
        onListenerError: (error, name) => logger.error({ err: error, event: name }, 'event relay: a listener failed'),
      })
    : undefined;
  if (eventRelay) logger.info({ nodeId: eventRelay.nodeId }, 'domain events relayed across nodes');

  if (config.DEMO) {
    const created = await seedDemoAccounts(database.db, { password: config.DEMO_PASSWORD });
    const credentialsFile = path.join(config.dataDir, 'demo-accounts.json');
    if (created) {
      await seedDemoCooperation(database.db, services);
      await seedDemoMeetings(database.db); // videoconferences on the demo room (issue 18)
      await seedDemoInitiatives(database.db, services);
      await seedDemoRegistration(database.db, undefined, { store: fileStore });
      await seedDemoContributions(database.db);
      await seedDemoPractices(database.db, services); // good practices, a review round, the report on challenges (issue 17)
      writeFileSync(credentialsFile, JSON.stringify(created, null, 2));
      chmodSync(credentialsFile, 0o600);
    }
    const accounts: DemoAccount[] | null =
      created ?? (existsSync(credentialsFile) ? JSON.parse(readFileSync(credentialsFile, 'utf8')) : null);
    if (accounts) printDemoAccounts(accounts, created !== null);
  }

  const remix = config.MINKA_DEV
    ? {
        vite: async (httpServer: HttpServer) => {
          const { createServer } = await import('vite');
          // Vite installs its own SIGTERM (and stdin "end") handler that exits at once with 143; our shutdown must
          // run instead, or PGlite's data directory is not closed cleanly. Keep only the listeners that were there.
          const sigterm = new Set(process.listeners('SIGTERM'));
          const stdinEnd = new Set(process.stdin.listeners('end'));
          // HMR on the app's own server, so Vite's socket and Socket.IO share one port.
          const vite = await createServer({
            root: projectRoot,
            server: { middlewareMode: true, hmr: { server: httpServer } },
          });
          for (const listener of process.listeners('SIGTERM'))
            if (!sigterm.has(listener)) process.off('SIGTERM', listener as () => void);
          for (const listener of process.stdin.listeners('end'))
            if (!stdinEnd.has(listener)) process.stdin.off('end', listener as () => void);
          return vite;
        },
      }
    : await loadProductionBuild();

  const { server, io, vite } = await createHttpServer({ config, logger, database, services, remix });

  const jobs = [
    cron.schedule('17 3 * * *', () => services.accounts.deleteExpiredSessions(), {
      name: 'sessions-cleanup',
      noOverlap: true,
    }),
    // Incremental updates keep rankings current; the nightly run refreshes dates and text statistics.
    cron.schedule('41 2 * * *', () => services.matching.recomputeAll(), {
      name: 'matching-recompute',
      noOverlap: true,
    }),
    // Publishes cycles whose date has passed; the claim in the database makes it once across instances.
    cron.schedule('*/5 * * * *', () => services.publication.publishDue(), { name: 'publication', noOverlap: true }),
    // Videoconference reminders (24 h, 15 min) and LiveKit rooms opened before / deleted after; each reminder is claimed in the database, so once across instances.
    cron.schedule('* * * * *', () => services.videoconferences.sendDueReminders(), {
      name: 'videoconference-reminders',
      noOverlap: true,
    }),
    cron.schedule('*/2 * * * *', () => services.videoconferences.syncRooms(), {
      name: 'videoconference-rooms',
      noOverlap: true,
    }),
    // Good-practice review rounds whose closing date has passed (issue 17); the conditional update claims each once across instances.
    cron.schedule('* * * * *', () => services.practices.closeDueRounds(), { name: 'practice-rounds', noOverlap: true }),
    // The daily e-mail digest of unread room messages (issue 15), 12:00 UTC (morning across the Americas); each
    // person's digest of the day is claimed in the database, so once across instances.
    cron.schedule('0 12 * * *', () => services.roundtables.sendDailyDigests(), {
      name: 'room-digest',
      noOverlap: true,
    }),
  ];
  const mailer = config.SMTP_URL
    ? createMailer({ db: database.db, smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, publicUrl: config.publicUrl })
    : null;
  if (mailer) {
    jobs.push(
      cron.schedule(
        '* * * * *',
        async () => {
          const { sent, failed } = await mailer.flush();
          if (sent || failed) logger.info({ sent, failed }, 'mail outbox flushed');
        },
        { name: 'mail-outbox', noOverlap: true },
      ),
    );
  }

  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    logger.info(
      { port, host: config.HOST },
      `Minka is listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`,
    );
  });

  let stopping = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    for (const job of jobs) await job.stop();
    mailer?.close();
    await vite?.close();
    // Connections are dropped first so browsers reconnect (to another node, or to this one restarted); then
    // io.close() closes the http.Server it is attached to.
    const dropped = dropAllConnections(io);
    if (dropped) logger.info({ connections: dropped }, 'realtime connections dropped for reconnection');
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await floodLimiter?.close();
    await eventRelay?.close();
    server.closeAllConnections();
    // Join audit lines still queued (decision 028) are written before the database closes.
    await services.videoconferences
      .flushAudit()
      .catch((error: unknown) => logger.error({ err: error }, 'join audit lines could not be written'));
    await database.close();
    logger.info('stopped cleanly');
    process.exit(exitCode);
  };
  onFatal = () => void shutdown('uncaughtException', 1);
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

async function loadProductionBuild(): Promise<{ build: ServerBuild; clientDir: string }> {
  const serverEntry = path.join(projectRoot, 'build/server/index.js');
  if (!existsSync(serverEntry)) {
    console.error(
      'The production build is missing. Run `npm run build` first (or use `npm start`, which builds when needed).',
    );
    process.exit(1);
  }
  const build = (await import(pathToFileURL(serverEntry).href)) as ServerBuild;
  return { build, clientDir: path.join(projectRoot, 'build/client') };
}

function printDemoAccounts(accounts: DemoAccount[], fresh: boolean) {
  const lines = accounts.map(
    (a) => `  ${a.role.padEnd(22)} ${a.organizationCode.padEnd(20)} ${a.email.padEnd(32)} ${a.password}`,
  );
  console.log(
    [
      '',
      fresh
        ? 'Demo accounts created (demo mode; never enabled in production unless DEMO=1):'
        : 'Demo accounts (demo mode):',
      `  ${'role'.padEnd(22)} ${'organization'.padEnd(20)} ${'e-mail'.padEnd(32)} password`,
      ...lines,
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  console.error('Minka failed to start:', error);
  process.exit(1);
});
