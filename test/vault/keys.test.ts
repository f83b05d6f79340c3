import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveKeyId, generateKey } from '../../src/vault/crypto.js';
import { createKeyFile, KeyFileError, keyFilePathFor, pendingKeyFilePathFor } from '../../src/vault/key-file.js';
import { resolveEncryptionKey } from '../../src/vault/keys.js';
import { useTempDirs } from './helpers.js';

function recordingLogger() {
  const warnings: Array<{ obj: object; msg: string }> = [];
  return { warnings, logger: { warn: (obj: object, msg: string) => void warnings.push({ obj, msg }) } };
}

describe('resolveEncryptionKey', () => {
  const tempDir = useTempDirs();

  it('uses the configured key as is, touching no file', () => {
    const dir = tempDir();
    const key = generateKey();
    const { warnings, logger } = recordingLogger();
    const resolved = resolveEncryptionKey({ databasePath: join(dir, 'switchboard.db'), configuredKey: key, logger });
    expect(resolved).toEqual({ key, keyId: deriveKeyId(key), source: 'environment' });
    expect(readdirSync(dir)).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('generates a 0600 key file beside the database on first start, warns, and reuses it on the next start', () => {
    const dir = join(tempDir(), 'not-yet-created');
    const databasePath = join(dir, 'switchboard.db');
    const first = recordingLogger();
    const generated = resolveEncryptionKey({ databasePath, configuredKey: undefined, logger: first.logger });

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
    const reused = resolveEncryptionKey({ databasePath, configuredKey: undefined, logger: second.logger });
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

  it('generates an ephemeral key for an in-memory database and writes nothing', () => {
    const a = resolveEncryptionKey({ databasePath: ':memory:', configuredKey: undefined });
    const b = resolveEncryptionKey({ databasePath: ':memory:', configuredKey: undefined });
    expect(a.source).toBe('generated');
    expect(a.keyFilePath).toBeUndefined();
    expect(a.key.equals(b.key)).toBe(false);
  });

  it('rejects a key file that does not hold 32 base64 bytes, naming the path but not the contents', () => {
    const dir = tempDir();
    const keyFilePath = join(dir, 'switchboard.key');
    writeFileSync(keyFilePath, 'c2hvcnQtc2VjcmV0\n', { mode: 0o600 });
    let caught: unknown;
    try {
      resolveEncryptionKey({ databasePath: join(dir, 'switchboard.db'), configuredKey: undefined });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KeyFileError);
    expect((caught as Error).message).toContain(keyFilePath);
    expect((caught as Error).message).toContain('got 12 bytes');
    expect((caught as Error).message).not.toContain('c2hvcnQtc2VjcmV0');
  });

  it('warns when the key file is readable by others', () => {
    const dir = tempDir();
    const databasePath = join(dir, 'switchboard.db');
    resolveEncryptionKey({ databasePath, configuredKey: undefined });
    chmodSync(join(dir, 'switchboard.key'), 0o644);
    const { warnings, logger } = recordingLogger();
    resolveEncryptionKey({ databasePath, configuredKey: undefined, logger });
    expect(warnings.some((w) => /chmod 600/.test(w.msg) && (w.obj as { mode?: string }).mode === '0644')).toBe(true);
  });

  it('warns about a key file left by an interrupted rotation', () => {
    const dir = tempDir();
    const databasePath = join(dir, 'switchboard.db');
    const resolved = resolveEncryptionKey({ databasePath, configuredKey: undefined });
    createKeyFile(pendingKeyFilePathFor(resolved.keyFilePath!), generateKey());
    const { warnings, logger } = recordingLogger();
    expect(resolveEncryptionKey({ databasePath, configuredKey: undefined, logger }).key.equals(resolved.key)).toBe(true);
    expect(warnings.some((w) => /rotate-key/.test(w.msg))).toBe(true);
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
