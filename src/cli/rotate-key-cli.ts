import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { decodeEncryptionKey, loadConfig } from '../config.js';
import type { LogSubscriptionStore, SealedSecret } from '../stores/log-subscriptions/log-subscription-store.js';
import type { TokenStore } from '../stores/tokens/token-store.js';
import { EncryptedTokens } from '../tokens/encrypted-tokens.js';
import { generateKey, toEncryptionKey, type EncryptionKey } from '../vault/crypto.js';
import { VaultKeyMismatchError } from '../vault/key-check.js';
import { createKeyFile, pendingKeyFilePathFor, readKeyFile, removeKeyFile, replaceKeyFile } from '../vault/key-file.js';
import { resolveEncryptionKey, type ResolvedKey } from '../vault/keys.js';
import { CliFailure, exitCodeOf } from './cli-failure.js';
import { openConfiguredStores } from './configured-stores.js';
import { sqliteFileOf } from '../stores/open-stores.js';

/**
 * `npm run rotate-key`: re-seal every stored token under a new key in one
 * transaction; the current key keeps working until that transaction commits.
 *
 * - Current key from TOKEN_ENCRYPTION_KEY (always with PostgreSQL): the
 *   operator brings the new key in NEW_TOKEN_ENCRYPTION_KEY and swaps the
 *   variable afterwards. The tool never generates (and so never prints) a key
 *   here: a secret on stdout ends up in scrollback and CI logs.
 * - Current key from the key file: the new key is NEW_TOKEN_ENCRYPTION_KEY or a
 *   fresh one. It is parked in `<key file>.new` (fsynced) before the
 *   transaction and renamed over the key file after the commit, so a crash at
 *   any point leaves a key that opens the vault on disk; the next run finishes
 *   or undoes an interrupted rotation. A running bot follows the key file.
 */

export interface RotateKeyIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
}

async function keyOpensVault(store: TokenStore, key: EncryptionKey): Promise<boolean> {
  try {
    await new EncryptedTokens(store, key).assertKeyMatches();
    return true;
  } catch (error) {
    if (error instanceof VaultKeyMismatchError) return false;
    throw error;
  }
}

/** Returns true when it completed an interrupted rotation (and there is nothing more to do this run). */
async function settleInterruptedRotation(io: RotateKeyIo, store: TokenStore, current: ResolvedKey & { keyFilePath: string }): Promise<boolean> {
  const pendingPath = pendingKeyFilePathFor(current.keyFilePath);
  if (!existsSync(pendingPath)) return false;
  if (await keyOpensVault(store, current)) {
    removeKeyFile(pendingPath);
    io.out(`Discarded ${pendingPath}: it was left by a rotation that never committed.`);
    return false;
  }
  let pending: EncryptionKey | undefined;
  try {
    pending = toEncryptionKey(readKeyFile(pendingPath));
  } catch {
    pending = undefined;
  }
  if (pending && (await keyOpensVault(store, pending))) {
    replaceKeyFile(pendingPath, current.keyFilePath);
    io.out(`Finished an interrupted rotation: ${current.keyFilePath} now holds key id ${pending.keyId}. Run again to rotate once more.`);
    return true;
  }
  throw new CliFailure(
    `Neither the key file ${current.keyFilePath} nor ${pendingPath} decrypts the stored tokens; restore the right key file before rotating.`,
  );
}

/** Every dispatch signing token sealed anew under `next`, by system (one token per system). */
async function resealedSigningTokens(store: LogSubscriptionStore, tokens: EncryptedTokens, next: EncryptionKey): Promise<Map<string, SealedSecret>> {
  const resealed = new Map<string, SealedSecret>();
  for (const subscription of await store.dispatched()) {
    if (!subscription.signingToken || resealed.has(subscription.systemUuid)) continue;
    const box = tokens.resealSecret('dispatch-signing-token', subscription.systemUuid, subscription.signingToken, next);
    if (box) resealed.set(subscription.systemUuid, box);
  }
  return resealed;
}

async function rotate(io: RotateKeyIo): Promise<void> {
  const config = loadConfig(io.env);
  const newKeyText = io.env.NEW_TOKEN_ENCRYPTION_KEY?.trim();
  const given = newKeyText ? toEncryptionKey(decodeEncryptionKey('NEW_TOKEN_ENCRYPTION_KEY', newKeyText)) : undefined;
  const { stores, keyFilePath } = await openConfiguredStores(config, 'rotate');
  try {
    if (!config.tokenEncryptionKey && keyFilePath !== undefined && !existsSync(keyFilePath)) {
      throw new CliFailure(
        `TOKEN_ENCRYPTION_KEY is not set and there is no key file at ${keyFilePath}, so the current key is unknown. Set TOKEN_ENCRYPTION_KEY to the key the tokens were stored under.`,
      );
    }
    if (config.tokenEncryptionKey && !given) {
      throw new CliFailure(
        'The current key comes from TOKEN_ENCRYPTION_KEY, so the new key has to come from you: run again with NEW_TOKEN_ENCRYPTION_KEY set to a fresh key (for example the output of `openssl rand -base64 32`), keeping TOKEN_ENCRYPTION_KEY set to the current one.',
      );
    }
    const current = await resolveEncryptionKey({ databasePath: sqliteFileOf(config), configuredKey: config.tokenEncryptionKey, tokens: stores.tokens });
    const next = given ?? toEncryptionKey(generateKey());
    if (next.keyId === current.keyId) {
      throw new CliFailure(`NEW_TOKEN_ENCRYPTION_KEY is the key already in use (key id ${current.keyId}); give a different key.`);
    }

    const currentKeyFile = current.keyFilePath;
    if (currentKeyFile && (await settleInterruptedRotation(io, stores.tokens, { ...current, keyFilePath: currentKeyFile }))) return;

    const tokens = new EncryptedTokens(stores.tokens, current);
    await tokens.assertKeyMatches();

    const pendingPath = currentKeyFile ? pendingKeyFilePathFor(currentKeyFile) : undefined;
    if (pendingPath && !createKeyFile(pendingPath, next.key)) {
      throw new CliFailure(`${pendingPath} appeared while rotating; is another rotation running?`);
    }
    // Front logs' signing tokens are sealed with the same key: sealed anew before, stored after the tokens' commit.
    const signingTokens = await resealedSigningTokens(stores.logSubscriptions, tokens, next);
    let count: number;
    try {
      count = await tokens.rotate(next);
    } catch (error) {
      if (pendingPath) removeKeyFile(pendingPath);
      throw error;
    }
    for (const [systemUuid, box] of signingTokens) await stores.logSubscriptions.setSigningToken(systemUuid, box);
    if (currentKeyFile && pendingPath) replaceKeyFile(pendingPath, currentKeyFile);

    io.out(`Re-encrypted ${count} stored token${count === 1 ? '' : 's'} under key id ${next.keyId} (was ${current.keyId}).`);
    if (current.source === 'environment') {
      io.out('Next: set TOKEN_ENCRYPTION_KEY to the value of NEW_TOKEN_ENCRYPTION_KEY, remove NEW_TOKEN_ENCRYPTION_KEY, and restart the bot (every instance).');
      io.out('Until then a running bot cannot read or store tokens (it keeps them and tells users to try later), and a bot started with the old key refuses to start.');
    } else {
      io.out(`${currentKeyFile} now holds the new key${given ? ' (the one you gave)' : ''}; the old key is gone from it. No need to restart the bot: a running bot picks the new key up from the key file by itself.`);
      io.out('For production, move the key into TOKEN_ENCRYPTION_KEY and delete the key file.');
    }
    io.out('Database backups taken before now still need the old key.');
  } finally {
    await stores.close();
  }
}

/** Runs the command; returns the exit code. Failures are one line on `err`. */
export function rotateKeyCli(io: RotateKeyIo): Promise<number> {
  return exitCodeOf('Key rotation failed', io.err, () => rotate(io));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await rotateKeyCli({ env: process.env, out: (line) => process.stdout.write(`${line}\n`), err: (line) => console.error(line) });
}
