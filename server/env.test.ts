import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from './env';

describe('parseEnv', () => {
  it('applies defaults on an empty environment', () => {
    const config = parseEnv({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', DEMO: true, COOKIE_SECURE: 'auto' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('turns demo data off in production unless DEMO=1', () => {
    expect(parseEnv({ NODE_ENV: 'production' }).DEMO).toBe(false);
    expect(parseEnv({ NODE_ENV: 'production', DEMO: '1' }).DEMO).toBe(true);
  });

  it('names the bad variable and the value it got', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT: .*"eighty"/);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: .*postgres/);
    expect(() => parseEnv({ ALLOWED_ORIGINS: 'not a url' })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => parseEnv({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL: .*smtp:\/\//);
  });

  it('gives a State 14 days to amend refused content unless DISCLOSURE_AMEND_DAYS says otherwise, in whole days', () => {
    expect(parseEnv({}).DISCLOSURE_AMEND_DAYS).toBe(14);
    expect(parseEnv({ DISCLOSURE_AMEND_DAYS: '30' }).DISCLOSURE_AMEND_DAYS).toBe(30);
    expect(() => parseEnv({ DISCLOSURE_AMEND_DAYS: '0' })).toThrow(/DISCLOSURE_AMEND_DAYS/);
    expect(() => parseEnv({ DISCLOSURE_AMEND_DAYS: '2.5' })).toThrow(/DISCLOSURE_AMEND_DAYS/);
  });

  it('reads an empty DATABASE_URL as unset (embedded PGlite)', () => {
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('writes e-mail links under PUBLIC_URL, allows its origin, and requires it with SMTP in production', () => {
    expect(parseEnv({ PORT: '4100' }).publicUrl).toBe('http://localhost:4100');
    // The default address's origin may post as well (the server reached at 127.0.0.1, a link opened at localhost).
    expect(parseEnv({ PORT: '4100' }).ALLOWED_ORIGINS).toEqual(['http://localhost:4100']);
    const behindProxy = parseEnv({
      PUBLIC_URL: 'https://minka.example.org/',
      ALLOWED_ORIGINS: 'https://other.example.org',
    });
    expect(behindProxy.publicUrl).toBe('https://minka.example.org');
    expect(behindProxy.ALLOWED_ORIGINS).toEqual(['https://other.example.org', 'https://minka.example.org']);
    expect(() => parseEnv({ PUBLIC_URL: 'minka.example.org' })).toThrow(/PUBLIC_URL: .*https:\/\/minka\.example\.org/);
    expect(() => parseEnv({ PUBLIC_URL: 'ftp://minka.example.org' })).toThrow(/PUBLIC_URL/);
    expect(() => parseEnv({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.org:587' })).toThrow(
      /PUBLIC_URL: PUBLIC_URL is needed with SMTP_URL/,
    );
    expect(
      parseEnv({
        NODE_ENV: 'production',
        SMTP_URL: 'smtp://mail.example.org:587',
        PUBLIC_URL: 'https://minka.example.org',
      }).publicUrl,
    ).toBe('https://minka.example.org');
  });

  it('keeps documents on disk unless S3_BUCKET is set; reads the S3 settings together', () => {
    expect(parseEnv({}).s3).toBeNull();
    expect(
      parseEnv({
        S3_BUCKET: 'minka-files',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_ACCESS_KEY_ID: 'key',
        S3_SECRET_ACCESS_KEY: 'secret',
      }).s3,
    ).toEqual({
      bucket: 'minka-files',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
      prefix: 'attachments/',
    });
    expect(parseEnv({ S3_BUCKET: 'minka-files' }).s3).toMatchObject({
      endpoint: undefined,
      forcePathStyle: false,
      credentials: undefined,
    });
    expect(() => parseEnv({ S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'key' })).toThrow(/S3_ACCESS_KEY_ID/);
    expect(() => parseEnv({ S3_BUCKET: 'b', S3_ENDPOINT: 'minio:9000' })).toThrow(/S3_ENDPOINT/);
  });
});
