import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { decodeEncryptionKey, loadConfig } from '../config.js';
import { generateKey, toEncryptionKey, type EncryptionKey } from './crypto.js';
import { IN_MEMORY, openDatabase } from './database.js';
import { createKeyFile, keyFilePathFor, pendingKeyFilePathFor, readKeyFile, removeKeyFile, replaceKeyFile } from './key-file.js';
import { resolveEncryptionKey, type ResolvedKey } from './keys.js';
import { TokenVault, VaultKeyMismatchError } from './token-vault.js';

/**
 * `npm run rotate-key`: re-seal every stored token under a new key in one
 * transaction; the current key keeps working until that transaction commits.
 *
 * - Current key from TOKEN_ENCRYPTION_KEY: the operator brings the new key in
 *   NEW_TOKEN_ENCRYPTION_KEY and swaps the variable afterwards. The tool never
 *   generates (and so never prints) a key here: a secret on stdout ends up in
 *   scrollback and CI logs.
 * - Current key from the key file: the new key is NEW_TOKEN_ENCRYPTION_KEY or a
 *   fresh one. It is parked in `<key file>.new` (fsynced) before the
 *   transaction and renamed over the key file after the commit, so a crash at
 *   any point leaves a key that opens the vault on disk; the next run finishes
 *   or undoes an interrupted rotation.
 */

class CliFailure extends Error {}

const write = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function keyOpensVault(db: Database.Database, key: EncryptionKey): boolean {
  try {
    new TokenVault(db, key).assertKeyMatches();
    return true;
  } catch (error) {
    if (error instanceof VaultKeyMismatchError) return false;
    throw error;
  }
}

/** Returns true when it completed an interrupted rotation (and there is nothing more to do this run). */
function settleInterruptedRotation(db: Database.Database, current: ResolvedKey & { keyFilePath: string }): boolean {
  const pendingPath = pendingKeyFilePathFor(current.keyFilePath);
  if (!existsSync(pendingPath)) return false;
  if (keyOpensVault(db, current)) {
    removeKeyFile(pendingPath);
    write(`Discarded ${pendingPath}: it was left by a rotation that never committed.`);
    return false;
  }
  let pending: EncryptionKey | undefined;
  try {
    pending = toEncryptionKey(readKeyFile(pendingPath));
  } catch {
    pending = undefined;
  }
  if (pending && keyOpensVault(db, pending)) {
    replaceKeyFile(pendingPath, current.keyFilePath);
    write(`Finished an interrupted rotation: ${current.keyFilePath} now holds key id ${pending.keyId}. Run again to rotate once more.`);
    return true;
  }
  throw new CliFailure(
    `Neither the key file ${current.keyFilePath} nor ${pendingPath} decrypts the stored tokens; restore the right key file before rotating.`,
  );
}

/** Refuses before anything is opened or created when there is nothing to rotate or the current key is unknown. */
function assertRotatable(databasePath: string, configuredKey: Buffer | undefined): void {
  if (databasePath === IN_MEMORY) throw new CliFailure('DATABASE_PATH is :memory:, so there are no stored tokens to rotate.');
  if (!existsSync(databasePath)) throw new CliFailure(`There is no database at ${databasePath}, so there is nothing to rotate. Check DATABASE_PATH.`);
  if (!configuredKey && !existsSync(keyFilePathFor(databasePath))) {
    throw new CliFailure(
      `TOKEN_ENCRYPTION_KEY is not set and there is no key file at ${keyFilePathFor(databasePath)}, so the current key is unknown. Set TOKEN_ENCRYPTION_KEY to the key the tokens were stored under.`,
    );
  }
}

function rotate(): void {
  const config = loadConfig(process.env);
  const newKeyText = process.env.NEW_TOKEN_ENCRYPTION_KEY?.trim();
  const given = newKeyText ? toEncryptionKey(decodeEncryptionKey('NEW_TOKEN_ENCRYPTION_KEY', newKeyText)) : undefined;
  assertRotatable(config.databasePath, config.tokenEncryptionKey);

  if (config.tokenEncryptionKey && !given) {
    throw new CliFailure(
      'The current key comes from TOKEN_ENCRYPTION_KEY, so the new key has to come from you: run again with NEW_TOKEN_ENCRYPTION_KEY set to a fresh key (for example the output of `openssl rand -base64 32`), keeping TOKEN_ENCRYPTION_KEY set to the current one.',
    );
  }

  const db = openDatabase(config.databasePath);
  try {
    const current = resolveEncryptionKey({ databasePath: config.databasePath, configuredKey: config.tokenEncryptionKey, db });
    const next = given ?? toEncryptionKey(generateKey());
    if (next.keyId === current.keyId) {
      throw new CliFailure(`NEW_TOKEN_ENCRYPTION_KEY is the key already in use (key id ${current.keyId}); give a different key.`);
    }

    const keyFilePath = current.keyFilePath;
    if (keyFilePath && settleInterruptedRotation(db, { ...current, keyFilePath })) return;

    const vault = new TokenVault(db, current);
    vault.assertKeyMatches();

    const pendingPath = keyFilePath ? pendingKeyFilePathFor(keyFilePath) : undefined;
    if (pendingPath && !createKeyFile(pendingPath, next.key)) {
      throw new CliFailure(`${pendingPath} appeared while rotating; is another rotation running?`);
    }
    let count: number;
    try {
      count = vault.rotate(next);
    } catch (error) {
      if (pendingPath) removeKeyFile(pendingPath);
      throw error;
    }
    if (keyFilePath && pendingPath) replaceKeyFile(pendingPath, keyFilePath);

    write(`Re-encrypted ${count} stored token${count === 1 ? '' : 's'} under key id ${next.keyId} (was ${current.keyId}).`);
    if (current.source === 'environment') {
      write('Next: set TOKEN_ENCRYPTION_KEY to the value of NEW_TOKEN_ENCRYPTION_KEY, remove NEW_TOKEN_ENCRYPTION_KEY, and restart the bot.');
      write('Until then the bot refuses to start: the old key no longer decrypts the stored tokens.');
    } else {
      write(`Next: restart the bot. ${keyFilePath} now holds the new key${given ? ' (the one you gave)' : ''}; the old key is gone from it.`);
      write('For production, move the key into TOKEN_ENCRYPTION_KEY and delete the key file.');
    }
    write('A running bot keeps the old key and refuses to store tokens until it is restarted. Database backups taken before now still need the old key.');
  } finally {
    db.close();
  }
}

try {
  rotate();
} catch (error) {
  console.error(`Key rotation failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
