import { afterEach, describe, expect, it } from 'vitest';
import type { SealedToken, TokenStore } from '../../../src/stores/tokens/token-store.js';
import { EncryptedTokens, TokenDecryptionError } from '../../../src/tokens/encrypted-tokens.js';
import { generateKey, toEncryptionKey, type EncryptionKey } from '../../../src/vault/crypto.js';
import { keyGuard, VaultKeyMismatchError } from '../../../src/vault/key-check.js';
import { fakeToken, flipFirstByte } from '../helpers.js';

/** A token store on a fresh database, with the raw access a test needs to damage rows. */
export interface TokenStoreUnderTest {
  store: TokenStore;
  /** The same database through another connection, as a second process has it. */
  another(): Promise<TokenStore>;
  /** Sets one column of a user's row as stored (to damage it). */
  setColumn(discordUserId: string, column: 'ciphertext' | 'nonce' | 'auth_tag' | 'key_id', value: Buffer | string): Promise<void>;
  /** Copies a user's row, as is, to another user ID. */
  copyRow(from: string, to: string): Promise<void>;
  /** Every token row and the key check exactly as the database holds them. */
  dump(): Promise<unknown>;
  close(): Promise<void>;
}

const ALICE = '210000000000000001';
const BOB = '210000000000000002';
const CAROL = '210000000000000003';
const SYSTEM = { id: 'exmpl', uuid: '0f5a1c1e-8a39-4f5c-9a34-2f0c0b6a1d11' };

/**
 * What every token store must do, seen through the token service that seals and opens what it
 * keeps (src/tokens/encrypted-tokens.ts). Runs unchanged against each database.
 */
export function describeTokenStoreContract(name: string, open: () => Promise<TokenStoreUnderTest>): void {
  describe(`token store contract: ${name}`, () => {
    const opened: TokenStoreUnderTest[] = [];
    afterEach(async () => {
      for (const db of opened.splice(0)) await db.close();
    });

    async function freshVault(options: { now?: () => Date } = {}) {
      const db = await open();
      opened.push(db);
      const key = toEncryptionKey(generateKey());
      const vault = new EncryptedTokens(db.store, key, options.now ? { now: options.now } : {});
      await vault.assertKeyMatches();
      return { db, key, vault };
    }

    async function caught(run: () => Promise<unknown>): Promise<unknown> {
      try {
        await run();
      } catch (error) {
        return error;
      }
      throw new Error('expected a rejection');
    }

    it('round-trips a token with its system and timestamps', async () => {
      let clock = new Date('2026-01-02T03:04:05.678Z');
      const { vault } = await freshVault({ now: () => clock });
      const token = fakeToken('alice');
      await vault.set(ALICE, token, SYSTEM);

      expect(await vault.get(ALICE)).toEqual({ token, systemId: SYSTEM.id, systemUuid: SYSTEM.uuid, setAt: clock, verifiedAt: clock });
      expect(await vault.get(BOB)).toBeNull();
      expect(await vault.count()).toBe(1);

      const setAt = clock;
      clock = new Date('2026-01-03T00:00:00.000Z');
      await vault.markVerified(ALICE, { id: 'newid', uuid: SYSTEM.uuid });
      expect(await vault.get(ALICE)).toMatchObject({ token, systemId: 'newid', setAt, verifiedAt: clock });
      clock = new Date('2026-01-04T00:00:00.000Z');
      await vault.markVerified(ALICE);
      expect(await vault.get(ALICE)).toMatchObject({ systemId: 'newid', setAt, verifiedAt: clock });
    });

    it('replaces a token on set, and remove reports whether there was one', async () => {
      const { vault } = await freshVault();
      await vault.set(ALICE, fakeToken('first'), SYSTEM);
      await vault.set(ALICE, fakeToken('second'), SYSTEM);
      expect((await vault.get(ALICE))?.token).toBe(fakeToken('second'));
      expect(await vault.count()).toBe(1);
      expect(await vault.remove(ALICE)).toBe(true);
      expect(await vault.remove(ALICE)).toBe(false);
      expect(await vault.get(ALICE)).toBeNull();
    });

    it('uses a fresh nonce for every encryption', async () => {
      const { db, vault } = await freshVault();
      const token = fakeToken('same');
      await vault.set(ALICE, token, SYSTEM);
      await vault.set(BOB, token, SYSTEM);
      const rows = await db.store.list();
      expect(rows.map((row) => row.discordUserId)).toEqual([ALICE, BOB]);
      expect(rows[0]!.nonce.length).toBe(12);
      expect(rows[0]!.nonce.equals(rows[1]!.nonce)).toBe(false);
      expect(rows[0]!.ciphertext.equals(rows[1]!.ciphertext)).toBe(false);
    });

    it('refuses bad input without echoing the token', async () => {
      const { vault } = await freshVault();
      await expect(vault.set('not-a-user', fakeToken('x'), SYSTEM)).rejects.toThrow();
      await expect(vault.set(ALICE, '', SYSTEM)).rejects.toThrow(RangeError);
      const huge = 'T'.repeat(5000);
      const error = await caught(() => vault.set(ALICE, huge, SYSTEM));
      expect(String((error as Error).message)).not.toContain(huge.slice(0, 100));
      expect(await vault.count()).toBe(0);
    });

    describe.each([
      ['ciphertext', 'ciphertext'],
      ['nonce', 'nonce'],
      ['auth tag', 'auth_tag'],
    ] as const)('a tampered %s', (_label, column) => {
      it('throws TokenDecryptionError instead of returning anything', async () => {
        const { db, vault } = await freshVault();
        const token = fakeToken('tamper');
        await vault.set(ALICE, token, SYSTEM);
        const row = (await db.store.read(ALICE))!;
        const value = { ciphertext: row.ciphertext, nonce: row.nonce, auth_tag: row.authTag }[column];
        await db.setColumn(ALICE, column, flipFirstByte(value));

        const error = await caught(() => vault.get(ALICE));
        expect(error).toBeInstanceOf(TokenDecryptionError);
        expect((error as TokenDecryptionError).reason).toBe('authentication-failed');
        expect((error as TokenDecryptionError).discordUserId).toBe(ALICE);
        expect((error as Error).message).not.toContain(token);
      });
    });

    it('rejects a truncated auth tag rather than checking fewer bytes', async () => {
      const { db, vault } = await freshVault();
      await vault.set(ALICE, fakeToken('short'), SYSTEM);
      await db.setColumn(ALICE, 'auth_tag', (await db.store.read(ALICE))!.authTag.subarray(0, 4));
      await expect(vault.get(ALICE)).rejects.toThrow(expect.objectContaining({ name: 'TokenDecryptionError', reason: 'malformed' }));
    });

    it('binds the Discord user ID: a row copied to another user does not open', async () => {
      const { db, vault } = await freshVault();
      await vault.set(ALICE, fakeToken('alice'), SYSTEM);
      await db.copyRow(ALICE, BOB);
      await expect(vault.get(BOB)).rejects.toThrow(TokenDecryptionError);
      expect((await vault.get(ALICE))?.token).toBe(fakeToken('alice'));
    });

    it('a row whose key id is not the current key is refused without trying to decrypt it', async () => {
      const { db, vault } = await freshVault();
      await vault.set(ALICE, fakeToken('alice'), SYSTEM);
      await db.setColumn(ALICE, 'key_id', 'feedfacefeedface');
      await expect(vault.get(ALICE)).rejects.toThrow(expect.objectContaining({ reason: 'key-id-mismatch', rowKeyId: 'feedfacefeedface' }));
    });

    it('says which system a user has, and whether one is stored, without decrypting anything', async () => {
      const clock = new Date('2026-01-02T03:04:05.678Z');
      const { db, vault } = await freshVault({ now: () => clock });
      await vault.set(ALICE, fakeToken('alice'), SYSTEM);
      // Make the token undecryptable: the system is still readable, only get() refuses.
      await db.setColumn(ALICE, 'ciphertext', flipFirstByte((await db.store.read(ALICE))!.ciphertext));
      await expect(vault.get(ALICE)).rejects.toThrow(TokenDecryptionError);
      expect(await vault.systemOf(ALICE)).toEqual({ systemId: SYSTEM.id, systemUuid: SYSTEM.uuid, setAt: clock, verifiedAt: clock });
      expect(await vault.has(ALICE)).toBe(true);
      expect(await vault.systemOf(BOB)).toBeNull();
      expect(await vault.has(BOB)).toBe(false);
    });

    it('a row that does not open is never deleted by reading it', async () => {
      const { db, vault } = await freshVault();
      await vault.set(ALICE, fakeToken('alice'), SYSTEM);
      await db.setColumn(ALICE, 'ciphertext', flipFirstByte((await db.store.read(ALICE))!.ciphertext));
      const before = await db.dump();
      await expect(vault.get(ALICE)).rejects.toThrow(TokenDecryptionError);
      await expect(vault.get(ALICE)).rejects.toThrow(TokenDecryptionError);
      expect(await db.dump()).toEqual(before);
    });

    it('refuses at start when the key cannot decrypt the vault, naming key ids and never key material', async () => {
      const first = await freshVault();
      await first.vault.set(ALICE, fakeToken('alice'), SYSTEM);

      const restarted = await first.db.another();
      const wrongKey = toEncryptionKey(generateKey());
      const error = await caught(() => new EncryptedTokens(restarted, wrongKey).assertKeyMatches());
      expect(error).toBeInstanceOf(VaultKeyMismatchError);
      const message = (error as Error).message;
      expect(message).toMatch(/cannot decrypt the stored tokens/);
      expect(message).toContain(first.key.keyId);
      expect(message).toContain(wrongKey.keyId);
      expect(message).toMatch(/TOKEN_ENCRYPTION_KEY/);
      expect(message).not.toContain(first.key.key.toString('base64'));
      expect(message).not.toContain(wrongKey.key.toString('base64'));
      expect(message).not.toContain('\n');
      // The right key still opens it.
      await new EncryptedTokens(restarted, first.key).assertKeyMatches();
    });

    it('refuses the wrong key even on a vault whose tokens were all removed (the check value remains)', async () => {
      const { db, vault } = await freshVault();
      await vault.set(ALICE, fakeToken('alice'), SYSTEM);
      await vault.remove(ALICE);
      await expect(new EncryptedTokens(db.store, toEncryptionKey(generateKey())).assertKeyMatches()).rejects.toThrow(VaultKeyMismatchError);
    });

    it('records the key check on an empty vault, and also with the first token when start-up skipped it', async () => {
      const db = await open();
      opened.push(db);
      const key = toEncryptionKey(generateKey());
      const vault = new EncryptedTokens(db.store, key);
      expect(await db.store.keyCheck()).toBeUndefined();
      await vault.set(ALICE, fakeToken('alice'), SYSTEM);
      expect(await db.store.keyCheck()).toBeDefined();
      await expect(new EncryptedTokens(db.store, toEncryptionKey(generateKey())).assertKeyMatches()).rejects.toThrow(VaultKeyMismatchError);
    });

    it('without a key check, refuses a key while rows sealed under another key exist', async () => {
      const db = await open();
      opened.push(db);
      const key = toEncryptionKey(generateKey());
      await new EncryptedTokens(db.store, key).set(ALICE, fakeToken('alice'), SYSTEM);
      await db.store.dropKeyCheckIfEmpty();
      expect(await db.store.keyCheck()).toBeDefined();
      await db.store.restore({ keyCheck: undefined, tokens: await db.store.list() });
      const other = toEncryptionKey(generateKey());
      await expect(new EncryptedTokens(db.store, other).assertKeyMatches()).rejects.toThrow(
        expect.objectContaining({ name: 'VaultKeyMismatchError', vaultKeyId: key.keyId }),
      );
      expect(await db.store.keyCheck()).toBeUndefined();
      await new EncryptedTokens(db.store, key).assertKeyMatches();
      expect(await db.store.keyCheck()).toBeDefined();
    });

    it('refuses to store under a stale key after another process rotated the vault', async () => {
      const running = await freshVault();
      await running.vault.set(ALICE, fakeToken('alice'), SYSTEM);

      const rotator = new EncryptedTokens(await running.db.another(), running.key);
      await rotator.rotate(toEncryptionKey(generateKey()));

      await expect(running.vault.set(BOB, fakeToken('bob'), SYSTEM)).rejects.toThrow(VaultKeyMismatchError);
      expect(await running.vault.count()).toBe(1);
    });

    it('follows a rotation by another process when its key source has the new key, for reads and writes', async () => {
      let rotatedTo: EncryptionKey | undefined;
      const adopted: string[] = [];
      const db = await open();
      opened.push(db);
      const key = toEncryptionKey(generateKey());
      const running = new EncryptedTokens(db.store, key, {
        rotatedKeys: () => (rotatedTo ? [toEncryptionKey(generateKey()), rotatedTo] : []),
        onKeyAdopted: (from, to) => adopted.push(`${from}->${to}`),
      });
      await running.assertKeyMatches();
      await running.set(ALICE, fakeToken('alice'), SYSTEM);
      const next = toEncryptionKey(generateKey());
      await new EncryptedTokens(await db.another(), key).rotate(next);

      // The key source does not have it yet: refused, and the row stays.
      await expect(running.get(ALICE)).rejects.toThrow(expect.objectContaining({ reason: 'key-id-mismatch' }));
      rotatedTo = next;
      expect((await running.get(ALICE))?.token).toBe(fakeToken('alice'));
      expect(running.keyId).toBe(next.keyId);
      expect(adopted).toEqual([`${key.keyId}->${next.keyId}`]);

      const later = toEncryptionKey(generateKey());
      await new EncryptedTokens(await db.another(), next).rotate(later);
      rotatedTo = later;
      await running.set(BOB, fakeToken('bob'), SYSTEM);
      expect(running.keyId).toBe(later.keyId);
      expect((await new EncryptedTokens(db.store, later).get(BOB))?.token).toBe(fakeToken('bob'));
    });

    it('never adopts an offered key that the vault\'s key check does not open', async () => {
      const { db, key, vault } = await freshVault();
      await vault.set(ALICE, fakeToken('alice'), SYSTEM);
      // A row naming an impostor key ID, and a key source offering a key under that ID that is not the vault's.
      const impostor = toEncryptionKey(generateKey());
      await db.setColumn(ALICE, 'key_id', impostor.keyId);
      const offered = new EncryptedTokens(db.store, key, { rotatedKeys: () => [impostor] });
      await expect(offered.get(ALICE)).rejects.toThrow(expect.objectContaining({ reason: 'key-id-mismatch' }));
      expect(offered.keyId).toBe(key.keyId);
    });

    describe('rotate', () => {
      it('re-encrypts every row and the check value: readable under the new key, not the old', async () => {
        const { db, key: oldKey, vault } = await freshVault();
        const tokens = { [ALICE]: fakeToken('alice'), [BOB]: fakeToken('bob'), [CAROL]: fakeToken('carol') };
        for (const [user, token] of Object.entries(tokens)) await vault.set(user, token, SYSTEM);
        const before = await db.store.list();

        const newKey = toEncryptionKey(generateKey());
        expect(await vault.rotate(newKey)).toBe(3);
        expect(vault.keyId).toBe(newKey.keyId);

        const after = await db.store.list();
        after.forEach((row, index) => {
          expect(row.keyId).toBe(newKey.keyId);
          expect(row.ciphertext.equals(before[index]!.ciphertext)).toBe(false);
        });

        const underNew = new EncryptedTokens(db.store, newKey);
        await underNew.assertKeyMatches();
        for (const [user, token] of Object.entries(tokens)) expect((await underNew.get(user))?.token).toBe(token);
        // The rotated instance keeps working with the new key.
        expect((await vault.get(ALICE))?.token).toBe(tokens[ALICE]);

        const underOld = new EncryptedTokens(db.store, oldKey);
        await expect(underOld.assertKeyMatches()).rejects.toThrow(VaultKeyMismatchError);
        await expect(underOld.get(ALICE)).rejects.toThrow(TokenDecryptionError);
      });

      it('changes nothing when one row cannot be decrypted part-way through', async () => {
        const { db, key, vault } = await freshVault();
        await vault.set(ALICE, fakeToken('alice'), SYSTEM);
        await vault.set(BOB, fakeToken('bob'), SYSTEM);
        await vault.set(CAROL, fakeToken('carol'), SYSTEM);
        // Rows are rotated in user-ID order, so Alice and Bob are re-sealed before Carol's row fails.
        await db.setColumn(CAROL, 'auth_tag', flipFirstByte((await db.store.read(CAROL))!.authTag));
        const before = await db.dump();

        await expect(vault.rotate(toEncryptionKey(generateKey()))).rejects.toThrow(expect.objectContaining({ discordUserId: CAROL }));

        expect(await db.dump()).toEqual(before);
        expect(vault.keyId).toBe(key.keyId);
        expect((await vault.get(ALICE))?.token).toBe(fakeToken('alice'));
        await new EncryptedTokens(db.store, key).assertKeyMatches();
      });

      it('refuses to rotate from a key that does not match the vault', async () => {
        const { db, vault } = await freshVault();
        await vault.set(ALICE, fakeToken('alice'), SYSTEM);
        const before = await db.dump();
        const stranger = new EncryptedTokens(db.store, toEncryptionKey(generateKey()));
        await expect(stranger.rotate(toEncryptionKey(generateKey()))).rejects.toThrow(VaultKeyMismatchError);
        expect(await db.dump()).toEqual(before);
      });

      it('rotates an empty vault (only the check value changes)', async () => {
        const { db, vault } = await freshVault();
        const newKey = toEncryptionKey(generateKey());
        expect(await vault.rotate(newKey)).toBe(0);
        await new EncryptedTokens(db.store, newKey).assertKeyMatches();
      });
    });

    describe('forgetting what a key cannot open', () => {
      it('lists and deletes exactly the unreadable rows, then records the check under the key', async () => {
        const { db, key, vault } = await freshVault();
        await vault.set(ALICE, fakeToken('alice'), SYSTEM);
        await vault.set(BOB, fakeToken('bob'), SYSTEM);
        await db.setColumn(BOB, 'ciphertext', flipFirstByte((await db.store.read(BOB))!.ciphertext));
        await db.setColumn(ALICE, 'key_id', 'feedfacefeedface');
        await vault.set(CAROL, fakeToken('carol'), SYSTEM);

        expect(await vault.unreadableRows()).toEqual([
          { discordUserId: ALICE, keyId: 'feedfacefeedface', reason: 'key-id-mismatch' },
          { discordUserId: BOB, keyId: key.keyId, reason: 'authentication-failed' },
        ]);
        expect(await vault.forgetUnreadable()).toBe(2);
        expect(await vault.count()).toBe(1);
        expect((await vault.get(CAROL))?.token).toBe(fakeToken('carol'));
        await vault.assertKeyMatches();
      });

      it('with no key left, a rewrite deletes every row and the check', async () => {
        const { db, vault } = await freshVault();
        await vault.set(ALICE, fakeToken('alice'), SYSTEM);
        await vault.set(BOB, fakeToken('bob'), SYSTEM);
        expect(await db.store.rewriteAll({ decide: () => 'delete', keyCheck: null })).toEqual({ resealed: 0, deleted: 2 });
        expect(await db.store.count()).toBe(0);
        expect(await db.store.keyCheck()).toBeUndefined();
      });
    });

    describe('the store itself', () => {
      it('counts rows by the key that sealed them, most first', async () => {
        const { db, key, vault } = await freshVault();
        for (const user of [ALICE, BOB, CAROL]) await vault.set(user, fakeToken(user.slice(-1)), SYSTEM);
        await db.setColumn(CAROL, 'key_id', 'feedfacefeedface');
        expect(await db.store.countByKeyId()).toEqual([
          { keyId: key.keyId, tokens: 2 },
          { keyId: 'feedfacefeedface', tokens: 1 },
        ]);
      });

      it('drops the key check only while it holds no token', async () => {
        const { db, vault } = await freshVault();
        const check = await db.store.keyCheck();
        await vault.set(ALICE, fakeToken('alice'), SYSTEM);
        expect(await db.store.dropKeyCheckIfEmpty()).toBeUndefined();
        expect(await db.store.keyCheck()).toBe(check);
        await vault.remove(ALICE);
        expect(await db.store.dropKeyCheckIfEmpty()).toBe(check);
        expect(await db.store.keyCheck()).toBeUndefined();
        expect(await db.store.dropKeyCheckIfEmpty()).toBeUndefined();
      });

      it('a guard that refuses changes nothing, and its recorded check is kept', async () => {
        const { db, key, vault } = await freshVault();
        await vault.set(ALICE, fakeToken('alice'), SYSTEM);
        const before = await db.dump();
        const refusing = { keyId: key.keyId, check: () => { throw new Error('refused'); } };
        const row: SealedToken = { ...(await db.store.read(ALICE))!, discordUserId: BOB };
        await expect(db.store.put(row, refusing)).rejects.toThrow('refused');
        await expect(db.store.rewriteAll({ guard: refusing, decide: () => 'delete', keyCheck: null })).rejects.toThrow('refused');
        expect(await db.dump()).toEqual(before);
        await db.store.put(row, keyGuard(key));
        expect(await db.store.has(BOB)).toBe(true);
      });

      it('copies everything it holds into another store, still sealed', async () => {
        const { db, key, vault } = await freshVault();
        await vault.set(ALICE, fakeToken('alice'), SYSTEM);
        await vault.set(BOB, fakeToken('bob'), SYSTEM);
        const copy = await open();
        opened.push(copy);
        await copy.store.restore(await db.store.snapshot());
        expect(await copy.store.snapshot()).toEqual(await db.store.snapshot());
        expect((await new EncryptedTokens(copy.store, key).get(BOB))?.token).toBe(fakeToken('bob'));
        await copy.store.restore({ keyCheck: undefined, tokens: [] });
        expect(await copy.store.count()).toBe(0);
        expect(await copy.store.keyCheck()).toBeUndefined();
      });
    });
  });
}
