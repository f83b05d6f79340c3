import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type Config } from '../../src/config.js';

const packageJson = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig: run modes', () => {
  it('http mode needs a port and the public key, one clear line each', () => {
    expect(configError(() => loadConfig({ DISCORD_INTERACTIONS: 'http', DISCORD_PUBLIC_KEY: 'ab'.repeat(32) })).message).toMatch(/^HTTP_PORT is required when DISCORD_INTERACTIONS=http/);
    expect(configError(() => loadConfig({ DISCORD_INTERACTIONS: 'http', HTTP_PORT: '8080' })).message).toMatch(/^DISCORD_PUBLIC_KEY is required when DISCORD_INTERACTIONS=http/);
  });

  it('refuses a malformed mode, port or public key, naming the variable and never echoing the key', () => {
    expect(configError(() => loadConfig({ DISCORD_INTERACTIONS: 'webhooks' })).message).toBe('DISCORD_INTERACTIONS must be gateway or http (got "webhooks")');
    expect(configError(() => loadConfig({ HTTP_PORT: '70000' })).message).toBe('HTTP_PORT must be a port number from 0 to 65535');
    expect(configError(() => loadConfig({ HTTP_PORT: '80a' })).message).toBe('HTTP_PORT must be a port number from 0 to 65535');
    const secretish = 'zz'.repeat(32);
    const message = configError(() => loadConfig({ DISCORD_PUBLIC_KEY: secretish })).message;
    expect(message).toMatch(/^DISCORD_PUBLIC_KEY must be the application's public key: 64 hex digits/);
    expect(message).not.toContain(secretish);
  });

  it('gateway mode takes an optional HTTP port for the other routes', () => {
    expect(loadConfig({ HTTP_PORT: '0' })).toMatchObject({ interactions: 'gateway', httpPort: 0, httpHost: '0.0.0.0' });
  });
});

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toEqual<Config>({
      interactions: 'gateway',
      httpPort: undefined,
      httpHost: '0.0.0.0',
      discordPublicKey: undefined,
      publicUrl: undefined,
      discordToken: undefined,
      discordApplicationId: undefined,
      discordApiUrl: undefined,
      pluralkitApiUrl: 'https://api.pluralkit.me/v2',
      pluralkitUserAgent: `Switchboard/${packageJson.version} (+https://github.com/switchboard-bot/switchboard)`,
      databasePath: resolve('data/switchboard.db'),
      databaseUrl: undefined,
      redisUrl: undefined,
      redisKeyPrefix: 'switchboard:',
      tokenEncryptionKey: undefined,
      devGuildId: undefined,
      logLevel: 'info',
      publicViewTtlMs: 5_000,
      cacheMaxBytes: 64 * 1024 * 1024,
      cacheIdleMs: 600_000,
      logPollMs: 60_000,
    });
  });

  it('reads every variable', () => {
    const key = randomBytes(32);
    const config = loadConfig({
      DISCORD_TOKEN: 'bot-token',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:8790/api/',
      PLURALKIT_API_URL: 'http://127.0.0.1:8791/v2//',
      PLURALKIT_USER_AGENT: 'MyFork/1.0',
      DATABASE_PATH: 'somewhere/else.db',
      DATABASE_URL: 'postgres://switchboard:secret@db.internal:5432/switchboard',
      REDIS_URL: 'redis://:secret@cache.internal:6379/2',
      REDIS_KEY_PREFIX: 'switchboard-staging:',
      TOKEN_ENCRYPTION_KEY: key.toString('base64'),
      DEV_GUILD_ID: '876543210987654321',
      LOG_LEVEL: 'DEBUG',
      PLURALKIT_PUBLIC_CACHE_SECONDS: '2.5',
      CACHE_MAX_MB: '16',
      CACHE_IDLE_MINUTES: '1.5',
      LOG_POLL_SECONDS: '30',
      DISCORD_INTERACTIONS: 'HTTP',
      HTTP_PORT: '8080',
      HTTP_HOST: '127.0.0.1',
      DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
      PUBLIC_URL: 'https://switchboard.example/',
    });
    expect(config).toEqual<Config>({
      interactions: 'http',
      httpPort: 8080,
      httpHost: '127.0.0.1',
      discordPublicKey: Buffer.from('ab'.repeat(32), 'hex'),
      publicUrl: 'https://switchboard.example',
      discordToken: 'bot-token',
      discordApplicationId: '123456789012345678',
      discordApiUrl: 'http://127.0.0.1:8790/api',
      pluralkitApiUrl: 'http://127.0.0.1:8791/v2',
      pluralkitUserAgent: 'MyFork/1.0',
      databasePath: resolve('somewhere/else.db'),
      databaseUrl: 'postgres://switchboard:secret@db.internal:5432/switchboard',
      redisUrl: 'redis://:secret@cache.internal:6379/2',
      redisKeyPrefix: 'switchboard-staging:',
      tokenEncryptionKey: key,
      devGuildId: '876543210987654321',
      logLevel: 'debug',
      publicViewTtlMs: 2_500,
      cacheMaxBytes: 16 * 1024 * 1024,
      cacheIdleMs: 90_000,
      logPollMs: 30_000,
    });
  });

  it('keeps :memory: as the database path', () => {
    expect(loadConfig({ DATABASE_PATH: ':memory:' }).databasePath).toBe(':memory:');
  });

  it('treats empty and blank variables as unset', () => {
    const config = loadConfig({
      DISCORD_TOKEN: '',
      PLURALKIT_API_URL: '',
      TOKEN_ENCRYPTION_KEY: '   ',
      LOG_LEVEL: '',
      DEV_GUILD_ID: '',
      DATABASE_PATH: '',
    });
    expect(config.discordToken).toBeUndefined();
    expect(config.pluralkitApiUrl).toBe('https://api.pluralkit.me/v2');
    expect(config.tokenEncryptionKey).toBeUndefined();
    expect(config.logLevel).toBe('info');
    expect(config.devGuildId).toBeUndefined();
    expect(config.databasePath).toBe(resolve('data/switchboard.db'));
  });

  it('requires DISCORD_TOKEN only when asked', () => {
    expect(loadConfig({}).discordToken).toBeUndefined();
    for (const env of [{}, { DISCORD_TOKEN: '' }]) {
      const error = configError(() => loadConfig(env, { requireDiscordToken: true }));
      expect(error.message).toMatch(/^DISCORD_TOKEN is required/);
      expect(error.message).not.toContain('\n');
    }
    expect(loadConfig({ DISCORD_TOKEN: 't' }, { requireDiscordToken: true }).discordToken).toBe('t');
  });

  const twelveBytes = randomBytes(12).toString('base64');
  const secretUrl = 'https://user:hunter2@example.com:99999/';
  it.each([
    ['DISCORD_APPLICATION_ID', 'not-a-snowflake', /^DISCORD_APPLICATION_ID must be a Discord ID/],
    ['DISCORD_API_URL', 'discord.com/api', /^DISCORD_API_URL must be an absolute http\(s\) URL/],
    ['DISCORD_API_URL', 'ftp://example.com/api', /^DISCORD_API_URL must be an absolute http\(s\) URL \(got scheme ftp:\)/],
    ['PLURALKIT_API_URL', secretUrl, /^PLURALKIT_API_URL must be an absolute http\(s\) URL/],
    ['PLURALKIT_USER_AGENT', 'Bad\u0007Agent', /^PLURALKIT_USER_AGENT must be printable ASCII/],
    ['TOKEN_ENCRYPTION_KEY', twelveBytes, /^TOKEN_ENCRYPTION_KEY must be 32 bytes encoded as base64 \(got 12 bytes\)$/],
    ['TOKEN_ENCRYPTION_KEY', 'not base64 at all!', /^TOKEN_ENCRYPTION_KEY must be 32 bytes encoded as base64 \(it is not valid base64\)$/],
    ['TOKEN_ENCRYPTION_KEY', randomBytes(35).toString('base64'), /^TOKEN_ENCRYPTION_KEY must be 32 bytes encoded as base64 \(got 35 bytes\)$/],
    ['DEV_GUILD_ID', '42', /^DEV_GUILD_ID must be a Discord ID/],
    ['LOG_LEVEL', 'verbose', /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent \(got "verbose"\)$/],
    ['PLURALKIT_PUBLIC_CACHE_SECONDS', 'ten', /^PLURALKIT_PUBLIC_CACHE_SECONDS must be a number of seconds from 0 to 300$/],
    ['PLURALKIT_PUBLIC_CACHE_SECONDS', '-1', /^PLURALKIT_PUBLIC_CACHE_SECONDS must be a number of seconds from 0 to 300$/],
    ['PLURALKIT_PUBLIC_CACHE_SECONDS', '301', /^PLURALKIT_PUBLIC_CACHE_SECONDS must be a number of seconds from 0 to 300$/],
    ['CACHE_MAX_MB', '0', /^CACHE_MAX_MB must be a number of megabytes from 1 to 65536$/],
    ['CACHE_MAX_MB', '64MB', /^CACHE_MAX_MB must be a number of megabytes from 1 to 65536$/],
    ['CACHE_IDLE_MINUTES', 'forever', /^CACHE_IDLE_MINUTES must be a number of minutes from 1 to 10080$/],
    ['LOG_POLL_SECONDS', '5', /^LOG_POLL_SECONDS must be a number of seconds from 10 to 3600$/],
    ['DATABASE_URL', 'mysql://u:hunter2@host/db', /^DATABASE_URL must be a postgres:\/\/ URL \(got scheme mysql:\)$/],
    ['DATABASE_URL', 'postgres://u:hunter2@[oops/db', /^DATABASE_URL must be a postgres:\/\/ URL \(it could not be parsed\)$/],
    ['REDIS_URL', 'http://:hunter2@cache:6379', /^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL \(got scheme http:\)$/],
    ['REDIS_URL', 'redis://:hunter2@[oops', /^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL \(it could not be parsed\)$/],
    ['REDIS_URL', 'cache.internal:6379', /^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    ['REDIS_KEY_PREFIX', 'two words:', /^REDIS_KEY_PREFIX must be 1 to 64 printable ASCII characters without spaces/],
    ['REDIS_KEY_PREFIX', 'x'.repeat(65), /^REDIS_KEY_PREFIX must be 1 to 64 printable ASCII characters without spaces/],
  ])('%s=%j fails with one line naming it', (variable, value, expected) => {
    const error = configError(() => loadConfig({ [variable]: value }));
    expect(error.message).toMatch(expected);
    expect(error.message).not.toContain('\n');
    if (variable !== 'LOG_LEVEL') expect(error.message).not.toContain(value);
  });

  it('with DATABASE_URL requires TOKEN_ENCRYPTION_KEY, in one line, never echoing the URL', () => {
    for (const url of ['postgres://u:hunter2@127.0.0.1/switchboard', 'postgresql://127.0.0.1/switchboard']) {
      const error = configError(() => loadConfig({ DATABASE_URL: url }));
      expect(error.message).toMatch(/^DATABASE_URL is set, so TOKEN_ENCRYPTION_KEY is required: every instance needs the same token key and no key file is written/);
      expect(error.message).not.toContain('\n');
      expect(error.message).not.toContain('hunter2');
      expect(loadConfig({ DATABASE_URL: url, TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64') }).databaseUrl).toBe(url);
    }
  });

  it('never echoes the URL, which may hold credentials', () => {
    const error = configError(() => loadConfig({ PLURALKIT_API_URL: secretUrl }));
    expect(error.message).not.toContain('hunter2');
  });

  it('reports several bad variables on the same single line', () => {
    const error = configError(() => loadConfig({ DEV_GUILD_ID: 'x', LOG_LEVEL: 'loud' }));
    expect(error.message).not.toContain('\n');
    expect(error.message).toMatch(/DEV_GUILD_ID .*; LOG_LEVEL /);
  });

  it('accepts a key with surrounding whitespace, as pasted into a .env file', () => {
    const key = randomBytes(32);
    expect(loadConfig({ TOKEN_ENCRYPTION_KEY: ` ${key.toString('base64')}\n` }).tokenEncryptionKey).toEqual(key);
  });
});

describe('loadConfig with a .env file', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function dotEnv(contents: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-config-'));
    dirs.push(dir);
    const path = join(dir, '.env');
    writeFileSync(path, contents);
    return path;
  }

  it('fills unset variables from the file, while variables already in the environment win (even empty ones)', () => {
    const path = dotEnv('LOG_LEVEL=debug\nDEV_GUILD_ID=111111111111111111\nPLURALKIT_API_URL=http://from-file.test/v2\nDISCORD_TOKEN="from file"\n');
    const env = { DEV_GUILD_ID: '222222222222222222', PLURALKIT_API_URL: '' };
    const config = loadConfig(env, { loadDotEnv: true, dotEnvPath: path });
    expect(config.logLevel).toBe('debug');
    expect(config.discordToken).toBe('from file');
    expect(config.devGuildId).toBe('222222222222222222');
    // Set-but-empty in the environment blocks the file's value, as in Node, and then counts as unset.
    expect(config.pluralkitApiUrl).toBe('https://api.pluralkit.me/v2');
    // The caller's object is not modified.
    expect(env).toEqual({ DEV_GUILD_ID: '222222222222222222', PLURALKIT_API_URL: '' });
  });

  it('validates values that came from the file', () => {
    const path = dotEnv(`TOKEN_ENCRYPTION_KEY=${randomBytes(16).toString('base64')}\n`);
    expect(configError(() => loadConfig({}, { loadDotEnv: true, dotEnvPath: path })).message).toMatch(/^TOKEN_ENCRYPTION_KEY .*got 16 bytes/);
  });

  it('ignores the file unless asked when given an explicit environment', () => {
    const path = dotEnv('LOG_LEVEL=trace\n');
    expect(loadConfig({}, { dotEnvPath: path }).logLevel).toBe('info');
    expect(loadConfig({}, { loadDotEnv: false, dotEnvPath: path }).logLevel).toBe('info');
  });

  it('a missing file is fine; an unreadable one is a one-line ConfigError', () => {
    const path = dotEnv('');
    rmSync(path);
    expect(loadConfig({}, { loadDotEnv: true, dotEnvPath: path }).logLevel).toBe('info');
    mkdirSync(path);
    const error = configError(() => loadConfig({}, { loadDotEnv: true, dotEnvPath: path }));
    expect(error.message).toBe(`.env file at ${path} could not be read (EISDIR)`);
  });
});
