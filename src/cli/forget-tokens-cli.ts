import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { toEncryptionKey, type EncryptionKey } from '../vault/crypto.js';
import { KeyFileError, keyIdOfFile, pendingKeyFilePathFor, readKeyFile } from '../vault/key-file.js';
import { CliFailure, exitCodeOf, plural } from './cli-failure.js';
import { openConfiguredStores } from './configured-stores.js';
import { applyForget, planForget, type ForgetPlan } from './forget-tokens.js';

/**
 * `npm run forget-tokens`: when the token key is lost for good, delete the
 * stored tokens nobody can decrypt any more so the bot can start again. A dry
 * run unless confirmed, by `--yes` or by typing the confirmation word when
 * run at a terminal. Prints counts and key IDs only: never a token, a key, or
 * whose tokens they were.
 */

export const CONFIRMATION_WORD = 'forget';
const USAGE = 'Usage: npm run forget-tokens [-- --yes]   (without --yes: a dry run that changes nothing, or asks at a terminal)';

export interface ForgetTokensIo {
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
  /** A person at a terminal, who can be asked to type the confirmation word. */
  interactive: boolean;
  out(line: string): void;
  err(line: string): void;
}

const optionSchema = z.array(z.enum(['--yes', '-y', '--help', '-h']));

function parseOptions(args: readonly string[]): { yes: boolean; help: boolean } {
  const parsed = optionSchema.safeParse(args);
  if (!parsed.success) {
    const unknown = args.find((arg) => !optionSchema.element.options.includes(arg as never));
    throw new CliFailure(`Unknown option ${JSON.stringify(unknown)}. ${USAGE}`);
  }
  return { yes: parsed.data.some((arg) => arg === '--yes' || arg === '-y'), help: parsed.data.some((arg) => arg === '--help' || arg === '-h') };
}

interface KeyAtHand {
  key: EncryptionKey | undefined;
  /** Where it came from, for the operator. */
  origin: string;
}

/** The key the bot would start with, never a generated one: TOKEN_ENCRYPTION_KEY, else the key file, else none. */
function keyAtHand(configuredKey: Buffer | undefined, keyFilePath: string | undefined): KeyAtHand {
  if (configuredKey) return { key: toEncryptionKey(configuredKey), origin: 'TOKEN_ENCRYPTION_KEY' };
  if (keyFilePath === undefined) return { key: undefined, origin: 'no key: TOKEN_ENCRYPTION_KEY is not set' };
  if (!existsSync(keyFilePath)) return { key: undefined, origin: `no key: TOKEN_ENCRYPTION_KEY is not set and there is no key file at ${keyFilePath}` };
  try {
    return { key: toEncryptionKey(readKeyFile(keyFilePath)), origin: `the key file ${keyFilePath}` };
  } catch (error) {
    if (error instanceof KeyFileError) throw new CliFailure(`${error.message}. Fix or remove the key file first: this tool only deletes tokens that the key you give cannot decrypt.`);
    throw error;
  }
}

function describePlan(plan: ForgetPlan, atHand: KeyAtHand, confirmedAlready: boolean): string[] {
  const keyLine = atHand.key ? `The key at hand is key ID ${atHand.key.keyId}, from ${atHand.origin}.` : `There is ${atHand.origin}, so no stored token can be decrypted.`;
  if (plan.unreadable === 0) {
    return [
      keyLine,
      `No stored token needs deleting (${plural(plan.total, 'stored token')}, all decryptable), but the vault's key check names another key; confirming records key ID ${atHand.key?.keyId ?? '(a new key at the next start)'} in its place so the bot can start.`,
    ];
  }
  const groups = plan.unreadableByKeyId.map(
    (group) => `${group.tokens} sealed under key ID ${group.keyId}${group.keyId === atHand.key?.keyId ? ' (damaged: they do not open even with that key)' : ''}`,
  );
  const what = `${plural(plan.unreadable, 'stored token')} (of ${plan.total}) that ${atHand.key ? 'this key cannot decrypt' : 'cannot be decrypted'}: ${groups.join('; ')}.`;
  if (confirmedAlready) return [keyLine, `Deleting ${what}`];
  return [
    keyLine,
    `Would delete ${what}`,
    'If you still have a key with one of those IDs, stop here and restore it instead (as the key file, chmod 600, or in TOKEN_ENCRYPTION_KEY).',
    'The users whose tokens are deleted have to run /token set again.',
  ];
}

/** One line from `stdin`, or null at end of input. */
function readLine(stdin: NodeJS.ReadableStream): Promise<string | null> {
  const lines = createInterface({ input: stdin, terminal: false });
  return new Promise((resolveLine) => {
    lines.once('line', (line) => {
      // Settle first: close() emits 'close' at once, which would settle with null.
      resolveLine(line);
      lines.close();
    });
    lines.once('close', () => resolveLine(null));
  });
}

async function confirmed(io: ForgetTokensIo, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!io.interactive) return false;
  io.out(`Type ${CONFIRMATION_WORD} to delete them now, or anything else to leave everything as it is:`);
  const answer = await readLine(io.stdin);
  return answer?.trim() === CONFIRMATION_WORD;
}

async function forgetTokens(io: ForgetTokensIo): Promise<void> {
  const options = parseOptions(io.args);
  if (options.help) {
    io.out(USAGE);
    return;
  }
  const config = loadConfig(io.env);
  const { stores, keyFilePath } = await openConfiguredStores(config, 'forget');
  try {
    const atHand = keyAtHand(config.tokenEncryptionKey, keyFilePath);
    const plan = await planForget(stores.tokens, atHand.key);
    if (plan.unreadable === 0 && !plan.keyCheckStale) {
      io.out(`Nothing to forget: all ${plural(plan.total, 'stored token')} decrypt with key ID ${atHand.key?.keyId ?? '(none)'}, from ${atHand.origin}.`);
      return;
    }
    const pendingPath = keyFilePath === undefined ? undefined : pendingKeyFilePathFor(keyFilePath);
    const parkedKeyId = pendingPath === undefined ? undefined : keyIdOfFile(pendingPath);
    if (parkedKeyId && plan.unreadableByKeyId.some((group) => group.keyId === parkedKeyId)) {
      throw new CliFailure(
        `${pendingPath}, left by an interrupted key rotation, holds key ID ${parkedKeyId}, which stored tokens need: rename it to ${keyFilePath} (or run \`npm run rotate-key\`) instead of forgetting them. Nothing was changed.`,
      );
    }
    for (const line of describePlan(plan, atHand, options.yes)) io.out(line);

    if (!(await confirmed(io, options.yes))) {
      io.out(`Nothing was changed. To go ahead, run \`npm run forget-tokens -- --yes\`${io.interactive ? ` or type ${CONFIRMATION_WORD} when asked` : ''}.`);
      return;
    }
    const deleted = await applyForget(stores.tokens, atHand.key);
    const remaining = plan.total - deleted;
    io.out(`Deleted ${plural(deleted, 'stored token')}; their users have to run /token set again. ${plural(remaining, 'stored token')} remain${remaining === 1 ? 's' : ''}${atHand.key ? `, all decryptable with key ID ${atHand.key.keyId}` : ''}.`);
    io.out(
      atHand.key
        ? `Next: start the bot with the same key (${atHand.origin}).`
        : 'Next: start the bot. With no key file and no stored token it generates a new key file; for production, set TOKEN_ENCRYPTION_KEY to a fresh key (`openssl rand -base64 32`) first.',
    );
  } finally {
    await stores.close();
  }
}

/** Runs the command; returns the exit code. Failures are one line on `err`. */
export function forgetTokensCli(io: ForgetTokensIo): Promise<number> {
  return exitCodeOf('forget-tokens failed', io.err, () => forgetTokens(io));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await forgetTokensCli({
    args: process.argv.slice(2),
    env: process.env,
    stdin: process.stdin,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => console.error(line),
  });
}
