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

  it('reads an empty DATABASE_URL as unset (embedded PGlite)', () => {
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});
