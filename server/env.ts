import path from 'node:path';
import { z } from 'zod';

const booleanish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/**
 * Every variable the server reads, validated once at boot. A bad value stops the process with a message that
 * names the variable, instead of failing later in some request.
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int('PORT must be a whole number').min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => !v || /^postgres(ql)?:\/\//.test(v), 'DATABASE_URL must start with postgres:// or postgresql://'),
    /** Origins allowed besides the server's own (comma-separated), e.g. a public URL behind a proxy. */
    ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url('each ALLOWED_ORIGINS entry must be a URL such as https://minka.example.org'))),
    /** Seed demo accounts on an empty database. Defaults to on outside production. */
    DEMO: booleanish.optional(),
    /** Fixed password for every demo account (for end-to-end tests); random otherwise. */
    DEMO_PASSWORD: z.string().min(10, 'DEMO_PASSWORD must have at least 10 characters').optional(),
    /** auto: Secure cookies except on plain http to localhost. */
    COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
    /** Number of proxies in front of the server, so req.ip is the client's address (Express "trust proxy"). */
    TRUST_PROXY: z.coerce.number().int().min(0).default(0),
    /** redis://host:6379: several nodes share Socket.IO rooms through Redis (Streams adapter); unset: one node. */
    REDIS_URL: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => !v || /^rediss?:\/\//.test(v), 'REDIS_URL must start with redis:// or rediss://'),
    /** smtp://user:pass@host:587 or smtps://…; unset: e-mails stay in the outbox page only. */
    SMTP_URL: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => !v || /^smtps?:\/\//.test(v), 'SMTP_URL must start with smtp:// or smtps://'),
    MAIL_FROM: z.string().min(3).default('Minka <no-reply@localhost>'),
    /**
     * The address people open Minka at (https://minka.example.org), for the links in e-mails. Required in
     * production when SMTP_URL is set; otherwise http://localhost:PORT. Its origin is also allowed to POST.
     */
    PUBLIC_URL: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(
        z
          .url({
            protocol: /^https?$/,
            error: 'PUBLIC_URL must be an http(s) address such as https://minka.example.org',
          })
          .optional(),
      ),
    /** Seconds that anonymous views of public pages are served from memory; 0 turns the micro-cache off. */
    PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
    /** Largest attachment accepted, in bytes; larger uploads are refused while streaming, never buffered whole. */
    ATTACHMENT_MAX_BYTES: z.coerce
      .number()
      .int('ATTACHMENT_MAX_BYTES must be a whole number of bytes')
      .min(1024, 'ATTACHMENT_MAX_BYTES must be at least 1024')
      .default(20 * 1024 * 1024),
    /** Days a State has, after the Chair refuses a non-disclosure request, to amend or withdraw the content before it is published. */
    DISCLOSURE_AMEND_DAYS: z.coerce
      .number()
      .int('DISCLOSURE_AMEND_DAYS must be a whole number of days')
      .min(1, 'DISCLOSURE_AMEND_DAYS must be at least 1')
      .max(365, 'DISCLOSURE_AMEND_DAYS must be at most 365')
      .default(14),
    /** Largest form or JSON body accepted, in bytes (multipart uploads are capped per field and per file instead). */
    FORM_BODY_MAX_BYTES: z.coerce
      .number()
      .int('FORM_BODY_MAX_BYTES must be a whole number of bytes')
      .min(1024, 'FORM_BODY_MAX_BYTES must be at least 1024')
      .default(256 * 1024),
    /** LiveKit server for videoconferences (ws(s):// or http(s)://). All three LIVEKIT_ variables, or none: without them meetings are scheduled without video. */
    LIVEKIT_URL: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine(
        (v) => !v || /^(wss?|https?):\/\/[^\s/]+/.test(v),
        'LIVEKIT_URL must be the LiveKit server address, such as wss://livekit.example.org or http://localhost:7880',
      ),
    LIVEKIT_API_KEY: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined)),
    /** The API secret signs join tokens and verifies webhooks (HS256): LiveKit requires at least 32 characters. */
    LIVEKIT_API_SECRET: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => !v || v.length >= 32, 'LIVEKIT_API_SECRET must have at least 32 characters'),
    /**
     * An S3-compatible bucket for attached documents, so several nodes share them (unset: DATA_DIR/attachments).
     * S3_ENDPOINT for MinIO, Garage, Ceph…; without S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY the SDK's default chain
     * (environment, instance role) applies.
     */
    S3_BUCKET: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined)),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ENDPOINT: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(
        z
          .url({ protocol: /^https?$/, error: 'S3_ENDPOINT must be an http(s) address such as http://127.0.0.1:9000' })
          .optional(),
      ),
    S3_ACCESS_KEY_ID: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined)),
    S3_SECRET_ACCESS_KEY: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined)),
    S3_PREFIX: z.string().default('attachments/'),
    /** Path-style addressing (endpoint/bucket/key); defaults to on when S3_ENDPOINT is set. */
    S3_FORCE_PATH_STYLE: booleanish.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /**
     * Count SQL statements per request and send the count as `X-Query-Count` (benchmarks, diagnosis). Off by
     * default: counting wraps every request in an AsyncLocalStorage scope, which production has no use for.
     */
    MINKA_COUNT_QUERIES: booleanish.default(false),
    /** Dev mode: Vite middleware and HMR instead of the built bundle. Set by `npm run dev`. */
    MINKA_DEV: booleanish.default(false),
  })
  .refine((env) => env.NODE_ENV !== 'production' || !env.SMTP_URL || env.PUBLIC_URL, {
    path: ['PUBLIC_URL'],
    message:
      'PUBLIC_URL is needed with SMTP_URL in production, so the links in e-mails open Minka (e.g. https://minka.example.org)',
  })
  .refine(
    (env) =>
      [env.LIVEKIT_URL, env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET].every(Boolean) ||
      ![env.LIVEKIT_URL, env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET].some(Boolean),
    {
      path: ['LIVEKIT_URL'],
      message:
        'set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET together, or none of them (video not configured)',
    },
  )
  .refine((env) => !!env.S3_ACCESS_KEY_ID === !!env.S3_SECRET_ACCESS_KEY, {
    path: ['S3_ACCESS_KEY_ID'],
    message:
      'set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together, or neither (the SDK then finds credentials itself)',
  })
  .transform((env) => {
    const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
    const publicOrigin = new URL(publicUrl).origin;
    return {
      ...env,
      DEMO: env.DEMO ?? env.NODE_ENV !== 'production',
      dataDir: path.resolve(env.DATA_DIR),
      publicUrl,
      s3: env.S3_BUCKET
        ? {
            bucket: env.S3_BUCKET,
            region: env.S3_REGION,
            endpoint: env.S3_ENDPOINT,
            forcePathStyle: env.S3_FORCE_PATH_STYLE ?? !!env.S3_ENDPOINT,
            credentials:
              env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
                ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
                : undefined,
            prefix: env.S3_PREFIX,
          }
        : null,
      livekit:
        env.LIVEKIT_URL && env.LIVEKIT_API_KEY && env.LIVEKIT_API_SECRET
          ? { url: env.LIVEKIT_URL, apiKey: env.LIVEKIT_API_KEY, apiSecret: env.LIVEKIT_API_SECRET }
          : null,
      // PUBLIC_URL's origin may post, its default (http://localhost:PORT) too: e-mail links open Minka there.
      ALLOWED_ORIGINS: !env.ALLOWED_ORIGINS.includes(publicOrigin)
        ? [...env.ALLOWED_ORIGINS, publicOrigin]
        : env.ALLOWED_ORIGINS,
    };
  });

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Config {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    return `  ${name}: ${issue.message} (got ${JSON.stringify(source[name] ?? null)})`;
  });
  throw new ConfigError(`Invalid environment configuration:\n${lines.join('\n')}`);
}
