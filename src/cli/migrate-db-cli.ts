import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openPostgresStores } from '../stores/postgres/postgres-stores.js';
import { openSqliteStores } from '../stores/sqlite/sqlite-stores.js';
import type { Stores } from '../stores/stores.js';
import { recordedKeyCheck } from '../vault/key-check.js';
import { keyFilePathFor } from '../vault/key-file.js';
import { CliFailure, exitCodeOf, plural } from './cli-failure.js';

/**
 * `npm run migrate-db -- --from sqlite:PATH --to postgres://…`: copies what a SQLite database
 * holds into PostgreSQL: the tokens still sealed (no key is needed or read) with their key check,
 * and the open prompts, pagers and forms. Refuses a target that already holds data unless
 * `--force` is given, which replaces it. Prints counts, never a token, a key or a password.
 */

const USAGE = 'Usage: npm run migrate-db -- --from sqlite:PATH --to postgres://USER@HOST/DATABASE [--force]';

export interface MigrateDbIo {
  args: readonly string[];
  out(line: string): void;
  err(line: string): void;
}

interface Options {
  from: string;
  to: string;
  force: boolean;
}

function parseOptions(args: readonly string[]): Options | 'help' {
  const values: Partial<Record<'from' | 'to', string>> = {};
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--force') {
      force = true;
      continue;
    }
    const [name, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (name !== '--from' && name !== '--to') throw new CliFailure(`Unknown option ${JSON.stringify(arg.slice(0, 40))}. ${USAGE}`);
    const value = inline ?? args[++i];
    if (!value) throw new CliFailure(`${name} needs a value. ${USAGE}`);
    values[name.slice(2) as 'from' | 'to'] = value;
  }
  if (!values.from || !values.to) throw new CliFailure(`Both --from and --to are required. ${USAGE}`);
  return { from: values.from, to: values.to, force };
}

function sqlitePathOf(from: string): string {
  if (!from.startsWith('sqlite:')) throw new CliFailure(`--from must be sqlite:PATH (a SQLite database of Switchboard). ${USAGE}`);
  const path = resolve(from.slice('sqlite:'.length));
  if (!existsSync(path)) throw new CliFailure(`There is no SQLite database at ${path}.`);
  return path;
}

/** The URL with its password left out, for messages. */
function describeTarget(to: string): string {
  let url: URL;
  try {
    url = new URL(to);
  } catch {
    throw new CliFailure(`--to must be a postgres:// URL (it could not be parsed). ${USAGE}`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new CliFailure(`--to must be a postgres:// URL. ${USAGE}`);
  return `PostgreSQL at ${url.host}${url.pathname}`;
}

interface Holdings {
  tokens: number;
  keyCheck: boolean;
  states: number;
  logs: number;
  preferences: number;
}

async function holdings(stores: Stores): Promise<Holdings> {
  return {
    tokens: await stores.tokens.count(),
    keyCheck: (await stores.tokens.keyCheck()) !== undefined,
    states: (await stores.interactionState.snapshot()).length,
    logs: (await stores.logSubscriptions.snapshot()).length,
    preferences: (await stores.preferences.snapshot()).length,
  };
}

const describeHoldings = (held: Omit<Holdings, 'keyCheck'>): string =>
  `${plural(held.tokens, 'stored token')}, ${plural(held.states, 'prompt/pager/form state')}, ${plural(held.logs, 'front log')} and ${plural(held.preferences, 'preference record')}`;

async function migrate(io: MigrateDbIo): Promise<void> {
  const options = parseOptions(io.args);
  if (options === 'help') {
    io.out(USAGE);
    return;
  }
  const sourcePath = sqlitePathOf(options.from);
  const target = describeTarget(options.to);

  const source = openSqliteStores(sourcePath);
  try {
    const destination = await openPostgresStores(options.to);
    try {
      const existing = await holdings(destination);
      if (existing.tokens > 0 || existing.keyCheck || existing.states > 0 || existing.logs > 0 || existing.preferences > 0) {
        if (!options.force) {
          throw new CliFailure(
            `${target} already holds ${describeHoldings(existing)}${existing.keyCheck ? ' and a token key check' : ''}; nothing was copied. Run again with --force to replace what it holds with the SQLite database's.`,
          );
        }
        io.out(`Replacing what ${target} holds (${describeHoldings(existing)}), as --force asks.`);
      }
      const tokens = await source.tokens.snapshot();
      const states = await source.interactionState.snapshot();
      const logs = await source.logSubscriptions.snapshot();
      const preferences = await source.preferences.snapshot();
      await destination.tokens.restore(tokens);
      await destination.interactionState.restore(states);
      await destination.logSubscriptions.restore(logs);
      await destination.preferences.restore(preferences);

      const copied = await holdings(destination);
      const sent = { tokens: tokens.tokens.length, states: states.length, logs: logs.length, preferences: preferences.length };
      if (copied.tokens !== sent.tokens || copied.states !== sent.states || copied.logs !== sent.logs || copied.preferences !== sent.preferences) {
        throw new CliFailure(
          `The copy does not match: ${target} holds ${describeHoldings(copied)} after copying ${describeHoldings(sent)}.`,
        );
      }
      io.out(`Copied ${describeHoldings(copied)} from ${sourcePath} to ${target}; the tokens are still encrypted.`);
      const check = recordedKeyCheck(tokens.keyCheck);
      const keyHint = check.kind === 'recorded' ? ` with key ID ${check.keyId}` : '';
      io.out(
        `Next: start the bot with DATABASE_URL set to that database and TOKEN_ENCRYPTION_KEY set to the token key${keyHint} (if the SQLite setup used a key file, its contents: ${keyFilePathFor(sourcePath)}). Command registration runs once more.`,
      );
    } finally {
      await destination.close();
    }
  } finally {
    await source.close();
  }
}

/** Runs the command; returns the exit code. Failures are one line on `err`. */
export function migrateDbCli(io: MigrateDbIo): Promise<number> {
  return exitCodeOf('migrate-db failed', io.err, () => migrate(io));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await migrateDbCli({ args: process.argv.slice(2), out: (line) => process.stdout.write(`${line}\n`), err: (line) => console.error(line) });
}
