import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type InteractionsTransport = 'gateway' | 'http';

export interface Config {
  /** DISCORD_INTERACTIONS: how interactions arrive (gateway websocket, or Discord's HTTP POSTs). */
  interactions: InteractionsTransport;
  /** HTTP_PORT; required in http mode, optional in gateway mode (then /interactions is not served). */
  httpPort: number | undefined;
  /** HTTP_HOST; default 0.0.0.0. */
  httpHost: string;
  /** DISCORD_PUBLIC_KEY: the application's Ed25519 public key, 32 bytes (given as 64 hex digits). */
  discordPublicKey: Buffer | undefined;
  /** PUBLIC_URL without a trailing slash: the https base URL PluralKit and Discord reach. */
  publicUrl: string | undefined;
  /** DISCORD_TOKEN; `loadConfig({ requireDiscordToken: true })` guarantees it is set. */
  discordToken: string | undefined;
  /** DISCORD_APPLICATION_ID; undefined → taken from the application at login. */
  discordApplicationId: string | undefined;
  /** DISCORD_API_URL; undefined → discord.js default. */
  discordApiUrl: string | undefined;
  /** PLURALKIT_API_URL without a trailing slash. */
  pluralkitApiUrl: string;
  pluralkitUserAgent: string;
  /** Absolute path, or `:memory:`: the SQLite file, used unless `databaseUrl` is set. */
  databasePath: string;
  /** DATABASE_URL: `postgres://…` puts everything in PostgreSQL (then `tokenEncryptionKey` is set). */
  databaseUrl: string | undefined;
  /** REDIS_URL: `redis://…` (or `rediss://…`) shares rate limits, public views and list versions between instances; undefined → in-process. */
  redisUrl: string | undefined;
  /** REDIS_KEY_PREFIX: what every key this deployment keeps in Redis starts with, so deployments (or test runs) can share one Redis. */
  redisKeyPrefix: string;
  /** TOKEN_ENCRYPTION_KEY decoded; undefined → key file beside the database. */
  tokenEncryptionKey: Buffer | undefined;
  devGuildId: string | undefined;
  logLevel: LogLevel;
  /** PLURALKIT_PUBLIC_CACHE_SECONDS in ms: how long public PluralKit answers are kept; 0 = not at all. */
  publicViewTtlMs: number;
  /** CACHE_MAX_MB in bytes: approximate memory for cached member lists. */
  cacheMaxBytes: number;
  /** CACHE_IDLE_MINUTES in ms: a cached list nobody used for this long is dropped. */
  cacheIdleMs: number;
  /** LOG_POLL_SECONDS in ms: how often front logs are read when PluralKit cannot reach the bot (no PUBLIC_URL). */
  logPollMs: number;
}

/** One line naming the variable and what is wrong with it; never contains a secret value. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface LoadConfigOptions {
  requireDiscordToken?: boolean;
  /** Read `.env` before validating. Default: true when `env` is `process.env`. */
  loadDotEnv?: boolean;
  /** Which file to read as `.env`. Default: `.env` in the working directory. */
  dotEnvPath?: string;
}

export const DEFAULT_PLURALKIT_API_URL = 'https://api.pluralkit.me/v2';
export const DEFAULT_DATABASE_PATH = './data/switchboard.db';
export const ENCRYPTION_KEY_BYTES = 32;
const PROJECT_URL = 'https://github.com/switchboard-bot/switchboard';
const IN_MEMORY_DATABASE = ':memory:';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const SNOWFLAKE = /^\d{17,20}$/;

/**
 * Decodes a 32-byte key given as standard base64. Shared with the rotation CLI
 * so NEW_TOKEN_ENCRYPTION_KEY is held to the same rule.
 */
export function decodeEncryptionKey(variable: string, value: string): Buffer {
  const compact = value.trim();
  if (!BASE64.test(compact)) {
    throw new ConfigError(`${variable} must be ${ENCRYPTION_KEY_BYTES} bytes encoded as base64 (it is not valid base64)`);
  }
  const key = Buffer.from(compact, 'base64');
  if (key.length !== ENCRYPTION_KEY_BYTES) {
    throw new ConfigError(`${variable} must be ${ENCRYPTION_KEY_BYTES} bytes encoded as base64 (got ${key.length} bytes)`);
  }
  return key;
}

/** Empty and whitespace-only values count as unset, so `FOO=` in .env never means "empty string". */
const optionalText = z.preprocess((value) => {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}, z.string().optional());

function httpUrl(variable: string) {
  return optionalText.superRefine((value, ctx) => {
    if (value === undefined) return;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      // The value itself is not echoed: URLs can carry credentials.
      ctx.addIssue({ code: 'custom', message: `${variable} must be an absolute http(s) URL (it could not be parsed)` });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `${variable} must be an absolute http(s) URL (got scheme ${url.protocol.slice(0, 10)})` });
    }
  });
}

function snowflake(variable: string) {
  return optionalText.refine((value) => value === undefined || SNOWFLAKE.test(value), {
    message: `${variable} must be a Discord ID (17 to 20 digits)`,
  });
}

const stripTrailingSlashes = (url: string): string => url.replace(/\/+$/, '');

/** A decimal number in [min, max], or the default when unset; the message names the range, never the value. */
function boundedNumber(variable: string, what: string, min: number, max: number, fallback: number) {
  return optionalText.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const parsed = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
    if (!(parsed >= min && parsed <= max)) {
      ctx.addIssue({ code: 'custom', message: `${variable} must be ${what} from ${min} to ${max}` });
      return z.NEVER;
    }
    return parsed;
  });
}

export const DEFAULT_PUBLIC_CACHE_SECONDS = 5;
export const DEFAULT_CACHE_MAX_MB = 64;
export const DEFAULT_CACHE_IDLE_MINUTES = 10;
export const DEFAULT_LOG_POLL_SECONDS = 60;
export const DEFAULT_REDIS_KEY_PREFIX = 'switchboard:';

const environmentSchema = z.object({
  DISCORD_INTERACTIONS: optionalText.transform((value, ctx) => {
    if (value === undefined) return 'gateway' as const;
    const mode = value.toLowerCase();
    if (mode === 'gateway' || mode === 'http') return mode;
    ctx.addIssue({ code: 'custom', message: `DISCORD_INTERACTIONS must be gateway or http (got "${value.slice(0, 20)}")` });
    return z.NEVER;
  }),
  HTTP_PORT: optionalText.transform((value, ctx) => {
    if (value === undefined) return undefined;
    const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
    if (port >= 0 && port <= 65_535) return port;
    ctx.addIssue({ code: 'custom', message: 'HTTP_PORT must be a port number from 0 to 65535' });
    return z.NEVER;
  }),
  HTTP_HOST: optionalText,
  DISCORD_PUBLIC_KEY: optionalText.transform((value, ctx) => {
    if (value === undefined) return undefined;
    if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
    ctx.addIssue({ code: 'custom', message: `DISCORD_PUBLIC_KEY must be the application's public key: 64 hex digits (General Information in the Developer Portal; got ${value.length} characters)` });
    return z.NEVER;
  }),
  PUBLIC_URL: httpUrl('PUBLIC_URL'),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: snowflake('DISCORD_APPLICATION_ID'),
  DISCORD_API_URL: httpUrl('DISCORD_API_URL'),
  PLURALKIT_API_URL: httpUrl('PLURALKIT_API_URL'),
  PLURALKIT_USER_AGENT: optionalText.refine((value) => value === undefined || /^[\x20-\x7e]+$/.test(value), {
    message: 'PLURALKIT_USER_AGENT must be printable ASCII (it is sent as an HTTP header)',
  }),
  DATABASE_PATH: optionalText,
  DATABASE_URL: optionalText.superRefine((value, ctx) => {
    if (value === undefined) return;
    // The value itself is never echoed: it usually carries a password.
    let protocol: string;
    try {
      protocol = new URL(value).protocol;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'DATABASE_URL must be a postgres:// URL (it could not be parsed)' });
      return;
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
      ctx.addIssue({ code: 'custom', message: `DATABASE_URL must be a postgres:// URL (got scheme ${protocol.slice(0, 12)})` });
    }
  }),
  REDIS_URL: optionalText.superRefine((value, ctx) => {
    if (value === undefined) return;
    // As with DATABASE_URL, the value is never echoed: it may carry a password.
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'REDIS_URL must be a redis:// or rediss:// URL (it could not be parsed)' });
      return;
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
      ctx.addIssue({ code: 'custom', message: `REDIS_URL must be a redis:// or rediss:// URL (got scheme ${url.protocol.slice(0, 12)})` });
    } else if (url.hostname === '') {
      ctx.addIssue({ code: 'custom', message: 'REDIS_URL must name a host (redis://HOST:6379)' });
    }
  }),
  REDIS_KEY_PREFIX: optionalText.refine((value) => value === undefined || /^[\x21-\x7e]{1,64}$/.test(value), {
    message: 'REDIS_KEY_PREFIX must be 1 to 64 printable ASCII characters without spaces (e.g. switchboard-staging:)',
  }),
  TOKEN_ENCRYPTION_KEY: optionalText.transform((value, ctx) => {
    if (value === undefined) return undefined;
    try {
      return decodeEncryptionKey('TOKEN_ENCRYPTION_KEY', value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  }),
  DEV_GUILD_ID: snowflake('DEV_GUILD_ID'),
  PLURALKIT_PUBLIC_CACHE_SECONDS: boundedNumber('PLURALKIT_PUBLIC_CACHE_SECONDS', 'a number of seconds', 0, 300, DEFAULT_PUBLIC_CACHE_SECONDS),
  CACHE_MAX_MB: boundedNumber('CACHE_MAX_MB', 'a number of megabytes', 1, 65_536, DEFAULT_CACHE_MAX_MB),
  CACHE_IDLE_MINUTES: boundedNumber('CACHE_IDLE_MINUTES', 'a number of minutes', 1, 10_080, DEFAULT_CACHE_IDLE_MINUTES),
  LOG_POLL_SECONDS: boundedNumber('LOG_POLL_SECONDS', 'a number of seconds', 10, 3_600, DEFAULT_LOG_POLL_SECONDS),
  LOG_LEVEL: optionalText.transform((value, ctx) => {
    if (value === undefined) return 'info' as const;
    const level = value.toLowerCase();
    if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
    ctx.addIssue({ code: 'custom', message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${value.slice(0, 20)}")` });
    return z.NEVER;
  }),
});

/**
 * Reads `.env` with the same precedence as Node's own loader: a variable that
 * already exists in the environment wins, even when it is set to "".
 */
function withDotEnv(env: NodeJS.ProcessEnv, dotEnvPath: string): NodeJS.ProcessEnv {
  if (!existsSync(dotEnvPath)) return env;
  try {
    if (env === process.env) {
      process.loadEnvFile(dotEnvPath);
      return env;
    }
    const fromFile = parseEnv(readFileSync(dotEnvPath, 'utf8'));
    const merged: NodeJS.ProcessEnv = { ...env };
    for (const [name, value] of Object.entries(fromFile)) {
      if (!(name in merged)) merged[name] = value;
    }
    return merged;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError(`.env file at ${dotEnvPath} could not be read (${code})`);
  }
}

let cachedVersion: string | undefined;

/** Walks up from this module so it works from src/ under tsx and from dist/src/ after a build. */
export function packageVersion(): string {
  if (cachedVersion) return cachedVersion;
  const manifest = z.object({ name: z.string(), version: z.string() });
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, 'package.json');
    if (existsSync(candidate)) {
      const parsed = manifest.safeParse(JSON.parse(readFileSync(candidate, 'utf8')));
      if (parsed.success && parsed.data.name === 'switchboard') {
        cachedVersion = parsed.data.version;
        return cachedVersion;
      }
    }
    const parent = dirname(directory);
    if (parent === directory) return '0.0.0';
    directory = parent;
  }
}

export function defaultUserAgent(): string {
  return `Switchboard/${packageVersion()} (+${PROJECT_URL})`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): Config {
  const loadDotEnv = options.loadDotEnv ?? env === process.env;
  const source = loadDotEnv ? withDotEnv(env, options.dotEnvPath ?? resolve('.env')) : env;

  const parsed = environmentSchema.safeParse(source);
  if (!parsed.success) {
    // Several bad variables still make one line, in declaration order.
    throw new ConfigError(parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  const vars = parsed.data;

  if (options.requireDiscordToken && vars.DISCORD_TOKEN === undefined) {
    throw new ConfigError('DISCORD_TOKEN is required to run the bot (set it in the environment or in .env)');
  }

  if (vars.DISCORD_INTERACTIONS === 'http') {
    if (vars.HTTP_PORT === undefined) throw new ConfigError('HTTP_PORT is required when DISCORD_INTERACTIONS=http: the port Discord\'s interaction POSTs reach (behind your TLS proxy)');
    if (vars.DISCORD_PUBLIC_KEY === undefined) {
      throw new ConfigError('DISCORD_PUBLIC_KEY is required when DISCORD_INTERACTIONS=http: the application\'s public key from the Developer Portal (General Information), 64 hex digits');
    }
  }
  if (vars.DATABASE_URL !== undefined && vars.TOKEN_ENCRYPTION_KEY === undefined) {
    throw new ConfigError(
      'DATABASE_URL is set, so TOKEN_ENCRYPTION_KEY is required: every instance needs the same token key and no key file is written (make one with `openssl rand -base64 32`)',
    );
  }

  const databasePath = vars.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
  return {
    interactions: vars.DISCORD_INTERACTIONS,
    httpPort: vars.HTTP_PORT,
    httpHost: vars.HTTP_HOST ?? '0.0.0.0',
    discordPublicKey: vars.DISCORD_PUBLIC_KEY,
    publicUrl: vars.PUBLIC_URL === undefined ? undefined : stripTrailingSlashes(vars.PUBLIC_URL),
    discordToken: vars.DISCORD_TOKEN,
    discordApplicationId: vars.DISCORD_APPLICATION_ID,
    discordApiUrl: vars.DISCORD_API_URL === undefined ? undefined : stripTrailingSlashes(vars.DISCORD_API_URL),
    pluralkitApiUrl: stripTrailingSlashes(vars.PLURALKIT_API_URL ?? DEFAULT_PLURALKIT_API_URL),
    pluralkitUserAgent: vars.PLURALKIT_USER_AGENT ?? defaultUserAgent(),
    databasePath: databasePath === IN_MEMORY_DATABASE ? databasePath : resolve(databasePath),
    databaseUrl: vars.DATABASE_URL,
    redisUrl: vars.REDIS_URL,
    redisKeyPrefix: vars.REDIS_KEY_PREFIX ?? DEFAULT_REDIS_KEY_PREFIX,
    tokenEncryptionKey: vars.TOKEN_ENCRYPTION_KEY,
    devGuildId: vars.DEV_GUILD_ID,
    logLevel: vars.LOG_LEVEL,
    publicViewTtlMs: Math.round(vars.PLURALKIT_PUBLIC_CACHE_SECONDS * 1000),
    cacheMaxBytes: Math.round(vars.CACHE_MAX_MB * 1024 * 1024),
    cacheIdleMs: Math.round(vars.CACHE_IDLE_MINUTES * 60_000),
    logPollMs: Math.round(vars.LOG_POLL_SECONDS * 1000),
  };
}
