import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { generateKey, toEncryptionKey } from '../../src/vault/crypto.js';
import { openDatabase } from '../../src/vault/database.js';
import { getMeta } from '../../src/vault/meta.js';
import { TokenDecryptionError, TokenVault, VaultKeyMismatchError } from '../../src/vault/token-vault.js';
import { fakeToken, flipFirstByte, snapshot, useDatabases, useTempDirs } from './helpers.js';

const ALICE = '210000000000000001';
const BOB = '210000000000000002';
const CAROL = '210000000000000003';
const SYSTEM = { id: 'exmpl', uuid: '0f5a1c1e-8a39-4f5c-9a34-2f0c0b6a1d11' };

describe('TokenVault', () => {
  const tempDir = useTempDirs();
  const track = useDatabases();

  function freshVault(options: { path?: string; now?: () => Date } = {}) {
    const db = track(openDatabase(options.path ?? ':memory:'));
    const key = toEncryptionKey(generateKey());
    const vault = new TokenVault(db, key, options.now ? { now: options.now } : {});
    vault.assertKeyMatches();
    return { db, key, vault };
  }

  it('round-trips a token with its system and timestamps', () => {
    let clock = new Date('2026-01-02T03:04:05.678Z');
    const { vault } = freshVault({ now: () => clock });
    const token = fakeToken('alice');
    vault.set(ALICE, token, SYSTEM);

    expect(vault.get(ALICE)).toEqual({ token, systemId: SYSTEM.id, systemUuid: SYSTEM.uuid, setAt: clock, verifiedAt: clock });
    expect(vault.get(BOB)).toBeNull();
    expect(vault.count()).toBe(1);

    const setAt = clock;
    clock = new Date('2026-01-03T00:00:00.000Z');
    vault.markVerified(ALICE, { id: 'newid', uuid: SYSTEM.uuid });
    expect(vault.get(ALICE)).toMatchObject({ token, systemId: 'newid', setAt, verifiedAt: clock });
  });

  it('replaces a token on set, and remove reports whether there was one', () => {
    const { vault } = freshVault();
    vault.set(ALICE, fakeToken('first'), SYSTEM);
    vault.set(ALICE, fakeToken('second'), SYSTEM);
    expect(vault.get(ALICE)?.token).toBe(fakeToken('second'));
    expect(vault.count()).toBe(1);
    expect(vault.remove(ALICE)).toBe(true);
    expect(vault.remove(ALICE)).toBe(false);
    expect(vault.get(ALICE)).toBeNull();
  });

  it('uses a fresh nonce for every encryption', () => {
    const { db, vault } = freshVault();
    const token = fakeToken('same');
    vault.set(ALICE, token, SYSTEM);
    vault.set(BOB, token, SYSTEM);
    const rows = db.prepare('SELECT nonce, ciphertext FROM tokens').all() as Array<{ nonce: Buffer; ciphertext: Buffer }>;
    expect(rows[0]!.nonce.length).toBe(12);
    expect(rows[0]!.nonce.equals(rows[1]!.nonce)).toBe(false);
    expect(rows[0]!.ciphertext.equals(rows[1]!.ciphertext)).toBe(false);
  });

  it('refuses bad input without echoing the token', () => {
    const { vault } = freshVault();
    expect(() => vault.set('not-a-user', fakeToken('x'), SYSTEM)).toThrow();
    expect(() => vault.set(ALICE, '', SYSTEM)).toThrow(RangeError);
    const huge = 'T'.repeat(5000);
    try {
      vault.set(ALICE, huge, SYSTEM);
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(huge.slice(0, 100));
    }
  });

  describe.each([
    ['ciphertext', 'ciphertext'],
    ['nonce', 'nonce'],
    ['auth tag', 'auth_tag'],
  ])('a tampered %s', (_label, column) => {
    it('throws TokenDecryptionError instead of returning anything', () => {
      const { db, vault } = freshVault();
      const token = fakeToken('tamper');
      vault.set(ALICE, token, SYSTEM);
      const row = db.prepare(`SELECT ${column} AS value FROM tokens WHERE discord_user_id = ?`).get(ALICE) as { value: Buffer };
      db.prepare(`UPDATE tokens SET ${column} = ? WHERE discord_user_id = ?`).run(flipFirstByte(row.value), ALICE);

      let caught: unknown;
      try {
        vault.get(ALICE);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(TokenDecryptionError);
      expect((caught as TokenDecryptionError).reason).toBe('authentication-failed');
      expect((caught as TokenDecryptionError).discordUserId).toBe(ALICE);
      expect((caught as Error).message).not.toContain(token);
    });
  });

  it('rejects a truncated auth tag rather than checking fewer bytes', () => {
    const { db, vault } = freshVault();
    vault.set(ALICE, fakeToken('short'), SYSTEM);
    db.prepare('UPDATE tokens SET auth_tag = substr(auth_tag, 1, 4) WHERE discord_user_id = ?').run(ALICE);
    expect(() => vault.get(ALICE)).toThrow(expect.objectContaining({ name: 'TokenDecryptionError', reason: 'malformed' }));
  });

  it('binds the Discord user ID: a row copied to another user does not open', () => {
    const { db, vault } = freshVault();
    vault.set(ALICE, fakeToken('alice'), SYSTEM);
    db.prepare(
      `INSERT INTO tokens (discord_user_id, ciphertext, nonce, auth_tag, key_id, system_id, system_uuid, set_at, verified_at)
       SELECT ?, ciphertext, nonce, auth_tag, key_id, system_id, system_uuid, set_at, verified_at FROM tokens WHERE discord_user_id = ?`,
    ).run(BOB, ALICE);
    expect(() => vault.get(BOB)).toThrow(TokenDecryptionError);
    expect(vault.get(ALICE)?.token).toBe(fakeToken('alice'));
  });

  it('a row whose key id is not the current key is refused without trying to decrypt it', () => {
    const { db, vault } = freshVault();
    vault.set(ALICE, fakeToken('alice'), SYSTEM);
    db.prepare("UPDATE tokens SET key_id = 'feedfacefeedface'").run();
    expect(() => vault.get(ALICE)).toThrow(expect.objectContaining({ reason: 'key-id-mismatch' }));
  });

  it('says which system a user has, and whether one is stored, without decrypting anything', () => {
    const clock = new Date('2026-01-02T03:04:05.678Z');
    const { db, vault } = freshVault({ now: () => clock });
    vault.set(ALICE, fakeToken('alice'), SYSTEM);
    // Make the token undecryptable: the system is still readable, only get() refuses.
    db.prepare('UPDATE tokens SET ciphertext = ?').run(flipFirstByte(db.prepare('SELECT ciphertext FROM tokens').pluck().get() as Buffer));
    expect(() => vault.get(ALICE)).toThrow(TokenDecryptionError);
    expect(vault.systemOf(ALICE)).toEqual({ systemId: SYSTEM.id, systemUuid: SYSTEM.uuid, setAt: clock, verifiedAt: clock });
    expect(vault.has(ALICE)).toBe(true);
    expect(vault.systemOf(BOB)).toBeNull();
    expect(vault.has(BOB)).toBe(false);
  });

  it('prepares its statements once, not on every call', () => {
    const { db, vault } = freshVault();
    vault.set(ALICE, fakeToken('alice'), SYSTEM);
    vault.get(ALICE);
    vault.systemOf(ALICE);
    vault.has(ALICE);
    vault.markVerified(ALICE);
    vault.count();
    const prepare = vi.spyOn(db, 'prepare');
    for (let i = 0; i < 50; i++) {
      vault.get(ALICE);
      vault.get(BOB);
      vault.systemOf(ALICE);
      vault.has(BOB);
      vault.markVerified(ALICE, SYSTEM);
      vault.count();
    }
    vault.remove(BOB);
    expect(prepare).not.toHaveBeenCalled();
  });

  it('refuses at start when the key cannot decrypt the vault, naming key ids and never key material', () => {
    const path = join(tempDir(), 'vault.db');
    const first = freshVault({ path });
    first.vault.set(ALICE, fakeToken('alice'), SYSTEM);
    first.db.close();

    const db = track(openDatabase(path));
    const wrongKey = toEncryptionKey(generateKey());
    const vault = new TokenVault(db, wrongKey);
    let caught: unknown;
    try {
      vault.assertKeyMatches();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(VaultKeyMismatchError);
    const message = (caught as Error).message;
    expect(message).toMatch(/cannot decrypt the stored tokens/);
    expect(message).toContain(first.key.keyId);
    expect(message).toContain(wrongKey.keyId);
    expect(message).toMatch(/TOKEN_ENCRYPTION_KEY/);
    expect(message).not.toContain(first.key.key.toString('base64'));
    expect(message).not.toContain(wrongKey.key.toString('base64'));
    expect(message).not.toContain('\n');
    // The right key still opens it.
    new TokenVault(db, first.key).assertKeyMatches();
  });

  it('refuses the wrong key even on a vault whose tokens were all removed (the check value remains)', () => {
    const { db, vault } = freshVault();
    vault.set(ALICE, fakeToken('alice'), SYSTEM);
    vault.remove(ALICE);
    expect(() => new TokenVault(db, toEncryptionKey(generateKey())).assertKeyMatches()).toThrow(VaultKeyMismatchError);
  });

  it('records the key check on an empty vault, and also with the first token when start-up skipped it', () => {
    const db = track(openDatabase(':memory:'));
    const key = toEncryptionKey(generateKey());
    const vault = new TokenVault(db, key);
    expect(getMeta(db, 'vault.key_check')).toBeUndefined();
    vault.set(ALICE, fakeToken('alice'), SYSTEM);
    expect(getMeta(db, 'vault.key_check')).toBeDefined();
    expect(() => new TokenVault(db, toEncryptionKey(generateKey())).assertKeyMatches()).toThrow(VaultKeyMismatchError);
  });

  it('refuses to store under a stale key after another process rotated the vault', () => {
    const path = join(tempDir(), 'vault.db');
    const running = freshVault({ path });
    running.vault.set(ALICE, fakeToken('alice'), SYSTEM);

    const rotator = new TokenVault(track(openDatabase(path)), running.key);
    rotator.rotate(toEncryptionKey(generateKey()));

    expect(() => running.vault.set(BOB, fakeToken('bob'), SYSTEM)).toThrow(VaultKeyMismatchError);
    expect(running.vault.count()).toBe(1);
  });

  describe('rotate', () => {
    it('re-encrypts every row and the check value: readable under the new key, not the old', () => {
      const { db, key: oldKey, vault } = freshVault();
      const tokens = { [ALICE]: fakeToken('alice'), [BOB]: fakeToken('bob'), [CAROL]: fakeToken('carol') };
      for (const [user, token] of Object.entries(tokens)) vault.set(user, token, SYSTEM);
      const before = db.prepare('SELECT ciphertext FROM tokens ORDER BY discord_user_id').all() as Array<{ ciphertext: Buffer }>;

      const newKey = toEncryptionKey(generateKey());
      expect(vault.rotate(newKey)).toBe(3);
      expect(vault.keyId).toBe(newKey.keyId);

      const after = db.prepare('SELECT ciphertext, key_id FROM tokens ORDER BY discord_user_id').all() as Array<{ ciphertext: Buffer; key_id: string }>;
      after.forEach((row, index) => {
        expect(row.key_id).toBe(newKey.keyId);
        expect(row.ciphertext.equals(before[index]!.ciphertext)).toBe(false);
      });

      const underNew = new TokenVault(db, newKey);
      underNew.assertKeyMatches();
      for (const [user, token] of Object.entries(tokens)) expect(underNew.get(user)?.token).toBe(token);
      // The rotated instance keeps working with the new key.
      expect(vault.get(ALICE)?.token).toBe(tokens[ALICE]);

      const underOld = new TokenVault(db, oldKey);
      expect(() => underOld.assertKeyMatches()).toThrow(VaultKeyMismatchError);
      expect(() => underOld.get(ALICE)).toThrow(TokenDecryptionError);
    });

    it('changes nothing when one row cannot be decrypted part-way through', () => {
      const { db, key, vault } = freshVault();
      vault.set(ALICE, fakeToken('alice'), SYSTEM);
      vault.set(BOB, fakeToken('bob'), SYSTEM);
      vault.set(CAROL, fakeToken('carol'), SYSTEM);
      // Rows are rotated in user-ID order, so Alice and Bob are re-sealed before Carol's row fails.
      const carol = db.prepare('SELECT auth_tag FROM tokens WHERE discord_user_id = ?').get(CAROL) as { auth_tag: Buffer };
      db.prepare('UPDATE tokens SET auth_tag = ? WHERE discord_user_id = ?').run(flipFirstByte(carol.auth_tag), CAROL);
      const before = snapshot(db);

      expect(() => vault.rotate(toEncryptionKey(generateKey()))).toThrow(expect.objectContaining({ discordUserId: CAROL }));

      expect(snapshot(db)).toEqual(before);
      expect(vault.keyId).toBe(key.keyId);
      expect(vault.get(ALICE)?.token).toBe(fakeToken('alice'));
      new TokenVault(db, key).assertKeyMatches();
    });

    it('refuses to rotate from a key that does not match the vault', () => {
      const { db, vault } = freshVault();
      vault.set(ALICE, fakeToken('alice'), SYSTEM);
      const before = snapshot(db);
      const stranger = new TokenVault(db, toEncryptionKey(generateKey()));
      expect(() => stranger.rotate(toEncryptionKey(generateKey()))).toThrow(VaultKeyMismatchError);
      expect(snapshot(db)).toEqual(before);
    });

    it('rotates an empty vault (only the check value changes)', () => {
      const { db, vault } = freshVault();
      const newKey = toEncryptionKey(generateKey());
      expect(vault.rotate(newKey)).toBe(0);
      new TokenVault(db, newKey).assertKeyMatches();
    });
  });

  it('keeps the plaintext token out of the database file and its WAL', () => {
    const dir = tempDir();
    const path = join(dir, 'vault.db');
    const { db, vault } = freshVault({ path });
    const tokens = [fakeToken('alice'), fakeToken('bob')];
    vault.set(ALICE, tokens[0]!, SYSTEM);
    vault.set(BOB, tokens[1]!, SYSTEM);
    vault.markVerified(ALICE);
    vault.get(ALICE);
    vault.rotate(toEncryptionKey(generateKey()));

    const bytesOnDisk = (): Buffer =>
      Buffer.concat([path, `${path}-wal`, `${path}-shm`].filter((file) => existsSync(file)).map((file) => readFileSync(file)));

    const beforeCheckpoint = bytesOnDisk();
    // Proves the scan sees row data at all: the system ID is stored in clear.
    expect(beforeCheckpoint.includes(Buffer.from(SYSTEM.uuid))).toBe(true);
    for (const token of tokens) {
      expect(beforeCheckpoint.includes(Buffer.from(token))).toBe(false);
      expect(beforeCheckpoint.includes(Buffer.from(token, 'utf16le'))).toBe(false);
    }

    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const afterClose = bytesOnDisk();
    expect(afterClose.includes(Buffer.from(SYSTEM.uuid))).toBe(true);
    for (const token of tokens) expect(afterClose.includes(Buffer.from(token))).toBe(false);
  });
});
