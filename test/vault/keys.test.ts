import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStores } from '../../src/stores/sqlite/sqlite-stores.js';
import { EncryptedTokens } from '../../src/tokens/encrypted-tokens.js';
import { deriveKeyId, generateKey, toEncryptionKey } from '../../src/vault/crypto.js';
import { createKeyFile, KeyFileError, keyFilePathFor, pendingKeyFilePathFor, readKeyFile } from '../../src/vault/key-file.js';
import { NoKeyError, resolveEncryptionKey, rotatedKeyCandidates } from '../../src/vault/keys.js';
import { LostKeyError } from '../../src/vault/lost-key.js';
import { fakeToken, useClosing, useTempDirs } from '../stores/helpers.js';

function recordingLogger() {
  const warnings: Array<{ obj: object; msg: string }> = [];
  return { warnings, logger: { warn: (obj: object, msg: string) => void warnings.push({ obj, msg }) } };
}

describe('resolveEncryptionKey', () => {
  const tempDir = useTempDirs();
  const closing = useClosing();
  /** A vault that holds no token, so a key may be generated. */
  const emptyDb = () => closing(openSqliteStores(':memory:')).tokens;

  it('uses the configured key as is, touching no file', async () => {
    const dir = tempDir();
    const key = generateKey();
    const { warnings, logger } = recordingLogger();
    const resolved = await resolveEncryptionKey({ tokens: emptyDb(), databasePath: join(dir, 'switchboard.db'), configuredKey: key, logger });
    expect(resolved).toEqual({ key, keyId: deriveKeyId(key), source: 'environment' });
    expect(readdirSync(dir)).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('without a database file (PostgreSQL) the key must be configured', async () => {
    await expect(resolveEncryptionKey({ tokens: emptyDb(), databasePath: undefined, configuredKey: undefined })).rejects.toThrow(NoKeyError);
    const key = generateKey();
    expect(await resolveEncryptionKey({ tokens: emptyDb(), databasePath: undefined, configuredKey: key })).toMatchObject({ source: 'environment', keyId: deriveKeyId(key) });
  });

  it('generates a 0600 key file beside the database on first start, warns, and reuses it on the next start', async () => {
    const dir = join(tempDir(), 'not-yet-created');
    const databasePath = join(dir, 'switchboard.db');
    const first = recordingLogger();
    const generated = await resolveEncryptionKey({ tokens: emptyDb(), databasePath, configuredKey: undefined, logger: first.logger });

    const keyFilePath = join(dir, 'switchboard.key');
    expect(generated.source).toBe('generated');
    expect(generated.keyFilePath).toBe(keyFilePath);
    expect(generated.key.length).toBe(32);
    expect(statSync(keyFilePath).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(keyFilePath, 'utf8').trim(), 'base64').equals(generated.key)).toBe(true);
    expect(first.warnings).toHaveLength(1);
    expect(first.warnings[0]!.msg).toMatch(/TOKEN_ENCRYPTION_KEY/);
    // Only the key file: no temporary files left behind.
    expect(readdirSync(dir)).toEqual(['switchboard.key']);

    const second = recordingLogger();
    const reused = await resolveEncryptionKey({ tokens: emptyDb(), databasePath, configuredKey: undefined, logger: second.logger });
    expect(reused.source).toBe('key-file');
    expect(reused.key.equals(generated.key)).toBe(true);
    expect(reused.keyId).toBe(generated.keyId);
    expect(second.warnings.map((w) => w.msg).join('\n')).toMatch(/TOKEN_ENCRYPTION_KEY/);

    const logged = JSON.stringify([...first.warnings, ...second.warnings]);
    expect(logged).not.toContain(generated.key.toString('base64'));
  });

  it('resolves a relative database path and names the key file after the database', () => {
    const dir = tempDir();
    expect(keyFilePathFor(join(dir, 'bot.sqlite'))).toBe(join(dir, 'bot.key'));
    expect(keyFilePathFor(join(dir, 'plain'))).toBe(join(dir, 'plain.key'));
  });

  it('generates an ephemeral key for an in-memory database and writes nothing', async () => {
    const a = await resolveEncryptionKey({ tokens: emptyDb(), databasePath: ':memory:', configuredKey: undefined });
    const b = await resolveEncryptionKey({ tokens: emptyDb(), databasePath: ':memory:', configuredKey: undefined });
    expect(a.source).toBe('generated');
    expect(a.keyFilePath).toBeUndefined();
    expect(a.key.equals(b.key)).toBe(false);
  });

  it('rejects a key file that does not hold 32 base64 bytes, naming the path but not the contents', async () => {
    const dir = tempDir();
    const keyFilePath = join(dir, 'switchboard.key');
    writeFileSync(keyFilePath, 'c2hvcnQtc2VjcmV0\n', { mode: 0o600 });
    let caught: unknown;
    try {
      await resolveEncryptionKey({ tokens: emptyDb(), databasePath: join(dir, 'switchboard.db'), configuredKey: undefined });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KeyFileError);
    expect((caught as Error).message).toContain(keyFilePath);
    expect((caught as Error).message).toContain('got 12 bytes');
    expect((caught as Error).message).not.toContain('c2hvcnQtc2VjcmV0');
  });

  it('warns when the key file is readable by others', async () => {
    const dir = tempDir();
    const databasePath = join(dir, 'switchboard.db');
    await resolveEncryptionKey({ tokens: emptyDb(), databasePath, configuredKey: undefined });
    chmodSync(join(dir, 'switchboard.key'), 0o644);
    const { warnings, logger } = recordingLogger();
    await resolveEncryptionKey({ tokens: emptyDb(), databasePath, configuredKey: undefined, logger });
    expect(warnings.some((w) => /chmod 600/.test(w.msg) && (w.obj as { mode?: string }).mode === '0644')).toBe(true);
  });

  it('warns about a key file left by an interrupted rotation', async () => {
    const dir = tempDir();
    const databasePath = join(dir, 'switchboard.db');
    const resolved = await resolveEncryptionKey({ tokens: emptyDb(), databasePath, configuredKey: undefined });
    createKeyFile(pendingKeyFilePathFor(resolved.keyFilePath!), generateKey());
    const { warnings, logger } = recordingLogger();
    expect((await resolveEncryptionKey({ tokens: emptyDb(), databasePath, configuredKey: undefined, logger })).key.equals(resolved.key)).toBe(true);
    expect(warnings.some((w) => /rotate-key/.test(w.msg))).toBe(true);
  });
});

describe('resolveEncryptionKey with a missing key file', () => {
  const tempDir = useTempDirs();
  const closing = useClosing();
  const SYSTEM = { id: 'exmpl', uuid: '0f5a1c1e-8a39-4f5c-9a34-2f0c0b6a1d11' };

  /** A database with two tokens sealed under a generated key file, which is then deleted. */
  async function vaultWithLostKey() {
    const dir = tempDir();
    const databasePath = join(dir, 'switchboard.db');
    const stores = closing(openSqliteStores(databasePath));
    const tokens = stores.tokens;
    const original = await resolveEncryptionKey({ databasePath, configuredKey: undefined, tokens });
    const vault = new EncryptedTokens(tokens, original);
    await vault.assertKeyMatches();
    await vault.set('210000000000000001', fakeToken('one'), SYSTEM);
    await vault.set('210000000000000002', fakeToken('two'), SYSTEM);
    rmSync(original.keyFilePath!);
    return { dir, databasePath, db: stores.db, tokens, original, keyFilePath: original.keyFilePath! };
  }

  async function lostKeyError(run: () => Promise<unknown>): Promise<LostKeyError> {
    try {
      await run();
    } catch (error) {
      if (error instanceof LostKeyError) return error;
      throw error;
    }
    throw new Error('expected LostKeyError');
  }

  it('generates nothing while tokens are stored, naming the key ID, the key file and every way back', async () => {
    const { dir, databasePath, tokens, original, keyFilePath } = await vaultWithLostKey();
    const { warnings, logger } = recordingLogger();

    const error = await lostKeyError(() => resolveEncryptionKey({ databasePath, configuredKey: undefined, tokens, logger }));

    expect(error.neededKeyIds).toEqual([original.keyId]);
    expect(error.message).toContain(`key ID ${original.keyId}`);
    expect(error.message).toContain(keyFilePath);
    expect(error.message).toContain('2 stored tokens');
    expect(error.message).toMatch(/TOKEN_ENCRYPTION_KEY/);
    expect(error.message).toMatch(/npm run forget-tokens/);
    expect(error.message).not.toContain(original.key.toString('base64'));
    expect(error.message).not.toContain('\n');
    expect(readdirSync(dir).filter((name) => name.includes('.key'))).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('names every key ID when rows were sealed under different keys', async () => {
    const { databasePath, db, tokens, original } = await vaultWithLostKey();
    db.prepare("UPDATE tokens SET key_id = 'feedfacefeedface' WHERE discord_user_id = '210000000000000002'").run();
    const error = await lostKeyError(() => resolveEncryptionKey({ databasePath, configuredKey: undefined, tokens }));
    expect(error.neededKeyIds.sort()).toEqual([original.keyId, 'feedfacefeedface'].sort());
    expect(error.message).toMatch(/key IDs \w+ \(1 token\) and \w+ \(1 token\)/);
  });

  it('points at a key parked by an interrupted rotation when it is the key needed', async () => {
    const { databasePath, tokens, original, keyFilePath } = await vaultWithLostKey();
    createKeyFile(pendingKeyFilePathFor(keyFilePath), original.key);
    const error = await lostKeyError(() => resolveEncryptionKey({ databasePath, configuredKey: undefined, tokens }));
    expect(error.message).toContain(`${pendingKeyFilePathFor(keyFilePath)}, left by an interrupted key rotation, holds that key: rename it to ${keyFilePath}`);

    rmSync(pendingKeyFilePathFor(keyFilePath));
    createKeyFile(pendingKeyFilePathFor(keyFilePath), generateKey());
    expect((await lostKeyError(() => resolveEncryptionKey({ databasePath, configuredKey: undefined, tokens }))).message).not.toMatch(/interrupted key rotation/);
  });

  it('still accepts TOKEN_ENCRYPTION_KEY: the key file only matters when no key is configured', async () => {
    const { databasePath, tokens, original } = await vaultWithLostKey();
    const resolved = await resolveEncryptionKey({ databasePath, configuredKey: original.key, tokens });
    expect(resolved.source).toBe('environment');
    await new EncryptedTokens(tokens, resolved).assertKeyMatches();
  });

  it('generates a key for a vault whose tokens are all gone, dropping the stale key check so the new key opens it', async () => {
    const { dir, databasePath, db, tokens, original, keyFilePath } = await vaultWithLostKey();
    db.prepare('DELETE FROM tokens').run();
    expect(await tokens.keyCheck()).toBeDefined();
    const { warnings, logger } = recordingLogger();

    const generated = await resolveEncryptionKey({ databasePath, configuredKey: undefined, tokens, logger });

    expect(generated.source).toBe('generated');
    expect(generated.keyId).not.toBe(original.keyId);
    expect(toEncryptionKey(readKeyFile(keyFilePath)).keyId).toBe(generated.keyId);
    await new EncryptedTokens(tokens, generated).assertKeyMatches();
    expect(warnings.find((w) => /replaces it/.test(w.msg))?.obj).toMatchObject({ previousKeyId: original.keyId });
    expect(readdirSync(dir).filter((name) => name.includes('.key'))).toEqual(['switchboard.key']);
  });
});

describe('createKeyFile', () => {
  const tempDir = useTempDirs();

  it('never replaces an existing key file', () => {
    const dir = tempDir();
    const path = join(dir, 'a.key');
    const first = generateKey();
    expect(createKeyFile(path, first)).toBe(true);
    expect(createKeyFile(path, generateKey())).toBe(false);
    expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64').equals(first)).toBe(true);
    expect(readdirSync(dir)).toEqual(['a.key']);
  });

  it('is 0600 even under a permissive umask', () => {
    const dir = tempDir();
    const previous = process.umask(0o000);
    try {
      createKeyFile(join(dir, 'b.key'), generateKey());
    } finally {
      process.umask(previous);
    }
    expect(statSync(join(dir, 'b.key')).mode & 0o777).toBe(0o600);
  });

  it('fails without leaving files when the directory is missing', () => {
    const dir = tempDir();
    expect(() => createKeyFile(join(dir, 'missing', 'c.key'), generateKey())).toThrow();
    mkdirSync(join(dir, 'missing'));
    expect(existsSync(join(dir, 'missing', 'c.key'))).toBe(false);
  });
});

describe('rotatedKeyCandidates', () => {
  const tempDir = useTempDirs();
  const closing = useClosing();

  it('offers what the key file and a parked rotation hold now, for a key from the key file only', async () => {
    const databasePath = join(tempDir(), 'switchboard.db');
    const tokens = closing(openSqliteStores(databasePath)).tokens;
    const current = await resolveEncryptionKey({ databasePath, configuredKey: undefined, tokens });
    expect(rotatedKeyCandidates(current)).toEqual([]);

    const parked = generateKey();
    createKeyFile(pendingKeyFilePathFor(current.keyFilePath!), parked);
    expect(rotatedKeyCandidates(current).map((key) => key.keyId)).toEqual([deriveKeyId(parked)]);
    rmSync(current.keyFilePath!);
    const rotated = generateKey();
    createKeyFile(current.keyFilePath!, rotated);
    expect(rotatedKeyCandidates(current).map((key) => key.keyId)).toEqual([deriveKeyId(rotated), deriveKeyId(parked)]);
    writeFileSync(pendingKeyFilePathFor(current.keyFilePath!), 'not a key\n');
    expect(rotatedKeyCandidates(current).map((key) => key.keyId)).toEqual([deriveKeyId(rotated)]);

    const fromEnvironment = await resolveEncryptionKey({ databasePath, configuredKey: generateKey(), tokens });
    expect(rotatedKeyCandidates(fromEnvironment)).toEqual([]);
  });
});
