import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { IN_MEMORY } from '../stores/sqlite/database.js';
import type { TokenStore } from '../stores/tokens/token-store.js';
import { generateKey, toEncryptionKey, type EncryptionKey } from './crypto.js';
import { recordedKeyCheck } from './key-check.js';
import { createKeyFile, KeyFileError, keyFilePathFor, keyIdOfFile, pendingKeyFilePathFor, permissionBits, readKeyFile } from './key-file.js';
import { LostKeyError } from './lost-key.js';
import { takeSealedTokenCensus } from './token-census.js';

export type KeySource = 'environment' | 'key-file' | 'generated';

export interface ResolvedKey extends EncryptionKey {
  source: KeySource;
  keyFilePath?: string;
}

export interface WarnLogger {
  warn(obj: object, msg: string): void;
}

export interface ResolveKeyOptions {
  /** The SQLite file the key file sits beside; undefined for a database without one (PostgreSQL), which needs `configuredKey`. */
  databasePath: string | undefined;
  configuredKey: Buffer | undefined;
  /** The token store of that database, already open: a key is generated only while it holds no token. */
  tokens: TokenStore;
  logger?: WarnLogger;
}

/** No key was configured and there is no file to keep one in. */
export class NoKeyError extends Error {
  override name = 'NoKeyError';
  constructor() {
    super('TOKEN_ENCRYPTION_KEY is required: this database has no file beside it to keep a key file in');
  }
}

/**
 * The key that seals tokens: TOKEN_ENCRYPTION_KEY when set. Otherwise a key
 * file beside the database, generated on first start. That is convenient for
 * development but puts the key next to the data it protects (one backup holds
 * both), hence the warning.
 *
 * A missing key file is generated only while the database holds no token:
 * otherwise the file was lost, and a new key would never open what is stored,
 * so this throws LostKeyError naming the key ID needed instead.
 */
export async function resolveEncryptionKey(options: ResolveKeyOptions): Promise<ResolvedKey> {
  if (options.configuredKey) return { ...toEncryptionKey(options.configuredKey), source: 'environment' };
  if (options.databasePath === undefined) throw new NoKeyError();
  if (options.databasePath === IN_MEMORY) return { ...toEncryptionKey(generateKey()), source: 'generated' };

  const keyFilePath = keyFilePathFor(resolve(options.databasePath));
  const pendingKeyFilePath = pendingKeyFilePathFor(keyFilePath);
  const logger = options.logger;
  if (existsSync(pendingKeyFilePath)) {
    logger?.warn({ keyFilePath, pendingKeyFilePath }, 'a key rotation was interrupted; run `npm run rotate-key` to finish or undo it');
  }

  if (!existsSync(keyFilePath)) {
    const census = await takeSealedTokenCensus(options.tokens);
    if (census.total > 0) {
      const parkedKeyId = keyIdOfFile(pendingKeyFilePath);
      const parkedKeyIsNeeded = parkedKeyId !== undefined && census.byKeyId.some((group) => group.keyId === parkedKeyId);
      throw new LostKeyError(keyFilePath, census, parkedKeyIsNeeded ? pendingKeyFilePath : undefined);
    }
    mkdirSync(dirname(keyFilePath), { recursive: true });
    const key = generateKey();
    if (createKeyFile(keyFilePath, key)) {
      logger?.warn(
        { keyFilePath },
        'TOKEN_ENCRYPTION_KEY is not set, so a token encryption key was generated into a 0600 key file beside the database; in production set TOKEN_ENCRYPTION_KEY and keep the key out of database backups',
      );
      // A vault that once had a key (and so a key check) but holds no token now: nothing is lost by adopting the new key.
      const dropped = recordedKeyCheck(await options.tokens.dropKeyCheckIfEmpty());
      if (dropped.kind !== 'none') {
        logger?.warn(
          { keyFilePath, previousKeyId: dropped.kind === 'recorded' ? dropped.keyId : undefined },
          'the previous token key file was missing but no token was stored under it, so the new key replaces it',
        );
      }
      return { ...toEncryptionKey(key), source: 'generated', keyFilePath };
    }
    // Another process created it between our check and our write: use theirs.
  }

  const key = readKeyFile(keyFilePath);
  const mode = permissionBits(keyFilePath);
  if ((mode & 0o077) !== 0) {
    logger?.warn({ keyFilePath, mode: `0${mode.toString(8)}` }, 'the token key file is accessible to other users; run chmod 600 on it');
  }
  logger?.warn({ keyFilePath }, 'using the token key file beside the database because TOKEN_ENCRYPTION_KEY is not set; set it in production');
  return { ...toEncryptionKey(key), source: 'key-file', keyFilePath };
}

/**
 * The keys a running process may have been rotated to since it read its key: what the key file
 * holds now, and a key parked by a rotation that committed but has not renamed it into place
 * yet. A key from TOKEN_ENCRYPTION_KEY cannot change under a running process: none.
 */
export function rotatedKeyCandidates(current: ResolvedKey): EncryptionKey[] {
  if (!current.keyFilePath) return [];
  const candidates: EncryptionKey[] = [];
  for (const path of [current.keyFilePath, pendingKeyFilePathFor(current.keyFilePath)]) {
    if (!existsSync(path)) continue;
    try {
      const key = toEncryptionKey(readKeyFile(path));
      if (key.keyId !== current.keyId) candidates.push(key);
    } catch (error) {
      if (!(error instanceof KeyFileError)) throw error;
    }
  }
  return candidates;
}
