import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { ConfigError, decodeEncryptionKey } from '../config.js';
import { deriveKeyId } from './crypto.js';

/** A key file that is missing, unreadable or not a 32-byte base64 key. Names the path, never the contents. */
export class KeyFileError extends Error {
  override name = 'KeyFileError';
}

/** `<dir>/<database name without extension>.key`, beside the database. */
export function keyFilePathFor(databasePath: string): string {
  return join(dirname(databasePath), `${basename(databasePath, extname(databasePath))}.key`);
}

/** Where a key rotation parks the next key until its transaction has committed. */
export function pendingKeyFilePathFor(keyFilePath: string): string {
  return `${keyFilePath}.new`;
}

export function readKeyFile(path: string): Buffer {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new KeyFileError(`the key file ${path} could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  try {
    return decodeEncryptionKey(`the key file ${path}`, text);
  } catch (error) {
    if (error instanceof ConfigError) throw new KeyFileError(error.message);
    throw error;
  }
}

/** The key ID of the key in a file, or undefined when it is missing or not a key; for hints, never for decisions that need the key. */
export function keyIdOfFile(path: string): string | undefined {
  try {
    return deriveKeyId(readKeyFile(path));
  } catch (error) {
    if (error instanceof KeyFileError) return undefined;
    throw error;
  }
}

export function permissionBits(path: string): number {
  return statSync(path).mode & 0o777;
}

/**
 * Writes a 0600 key file that appears complete or not at all, and never
 * replaces an existing one: returns false when the path already exists
 * (another process won the race, or a previous run left it).
 */
export function createKeyFile(path: string, key: Buffer): boolean {
  const temporary = writeTemporary(path, key);
  try {
    // link() publishes the finished file under its name and fails if the name is taken: atomic and exclusive.
    linkSync(temporary, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    // No hard links on this filesystem: still exclusive, though a crash mid-write could leave a short file.
    return createKeyFileDirectly(path, key);
  } finally {
    rmSync(temporary, { force: true });
  }
  syncDirectory(dirname(path));
  return true;
}

function createKeyFileDirectly(path: string, key: Buffer): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, `${key.toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncDirectory(dirname(path));
  return true;
}

/** Atomically moves `from` over `to` (same directory) and makes the rename durable. */
export function replaceKeyFile(from: string, to: string): void {
  renameSync(from, to);
  syncDirectory(dirname(to));
}

export function removeKeyFile(path: string): void {
  rmSync(path, { force: true });
  syncDirectory(dirname(path));
}

function writeTemporary(path: string, key: Buffer): string {
  const temporary = `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    // The umask can only remove bits, but be exact anyway.
    fchmodSync(fd, 0o600);
    writeSync(fd, `${key.toString('base64')}\n`);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  return temporary;
}

function syncDirectory(directory: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(directory, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the data itself is already synced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
