import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { rotateKeyCli } from '../../src/cli/rotate-key-cli.js';
import { startHarness, type Harness } from '../support/harness.js';
import { connectToken, messageText } from '../support/messages.js';
import { flipFirstByte } from '../stores/helpers.js';

/* Issue 23, item 1: a token the running bot cannot open is never deleted by reading it. */

const USER = { id: '232000000000000001', username: 'dana' };

describe('the token key rotated while the bot runs', () => {
  const harnesses: Harness[] = [];
  afterEach(async () => {
    for (const h of harnesses.splice(0)) await h.stop();
  });

  async function running(env: Record<string, string> = {}) {
    const h = await startHarness({ env });
    harnesses.push(h);
    const system = h.pluralkit.seedSystem({ name: 'Rotating', accounts: [USER.id] });
    await connectToken(h.discord, USER, system.token!);
    const databasePath = h.app.services.config.databasePath;
    const row = () => {
      const db = new Database(databasePath, { readonly: true });
      try {
        return db.prepare('SELECT key_id AS keyId, ciphertext FROM tokens WHERE discord_user_id = ?').get(USER.id) as { keyId: string; ciphertext: Buffer } | undefined;
      } finally {
        db.close();
      }
    };
    const status = async () => messageText(await h.discord.slashCommand({ name: 'token', subcommand: 'status', user: USER, guildId: null }).finalMessage());
    const rotate = async (extra: Record<string, string> = {}) => {
      const out: string[] = [];
      const code = await rotateKeyCli({ env: { DATABASE_PATH: databasePath, ...extra }, out: (line) => out.push(line), err: (line) => out.push(line) });
      expect(code, out.join('\n')).toBe(0);
      return out.join('\n');
    };
    return { h, system, databasePath, row, status, rotate };
  }

  it('with a key file: the bot picks the new key up without a restart, and the token is kept', async () => {
    const { h, row, status, rotate } = await running({ TOKEN_ENCRYPTION_KEY: '' });
    const before = row()!;
    expect(await status()).toMatch(/Rotating/);

    expect(await rotate()).toMatch(/No need to restart the bot/);
    const after = row()!;
    expect(after.keyId).not.toBe(before.keyId);

    expect(await status()).toMatch(/Rotating/);
    expect(row()?.keyId).toBe(after.keyId);
    expect(h.logs().some((line) => line.msg === 'the token key was rotated while running; now using the new key from the key file' && line.keyId === after.keyId)).toBe(true);
    // New tokens are stored under the new key too.
    const other = h.pluralkit.seedSystem({ name: 'Second' });
    await connectToken(h.discord, { id: '232000000000000002', username: 'eli' }, other.token!);
    const db = new Database(h.app.services.config.databasePath, { readonly: true });
    expect(db.prepare('SELECT key_id FROM tokens WHERE discord_user_id = ?').pluck().get('232000000000000002')).toBe(after.keyId);
    db.close();
  });

  it('with TOKEN_ENCRYPTION_KEY: the bot refuses clearly, keeps the row and tells the operator', async () => {
    const { h, row, status, rotate } = await running();
    const newKey = randomBytes(32).toString('base64');
    await rotate({ TOKEN_ENCRYPTION_KEY: h.app.services.config.tokenEncryptionKey!.toString('base64'), NEW_TOKEN_ENCRYPTION_KEY: newKey });
    const rotated = row()!;

    const text = await status();
    expect(text).toMatch(/token key was changed while it was running, so it cannot read your stored token until it is restarted\. Your token is kept/);
    expect(text).not.toMatch(/removed/);
    expect(row()).toEqual(rotated);
    const operator = h.logs().find((line) => line.level === 50 && String(line.msg).includes('restart the bot with the new key'));
    expect(operator).toMatchObject({ userId: USER.id, rowKeyId: rotated.keyId });
    expect(JSON.stringify(h.logs())).not.toContain(newKey);

    // Storing a token is refused the same way, and nothing is written.
    const other = h.pluralkit.seedSystem({ name: 'Second' });
    const reply = await h.discord.modalSubmit({ customId: 'token:submit', fields: { token: other.token! }, user: { id: '232000000000000002' }, guildId: null }).finalMessage();
    expect(messageText(reply)).toMatch(/cannot store tokens until it is restarted\. Nothing was saved/);
  });

  it('a damaged token is reported and kept until its user replaces or removes it', async () => {
    const { h, system, databasePath, row, status } = await running();
    const db = new Database(databasePath);
    db.prepare('UPDATE tokens SET ciphertext = ? WHERE discord_user_id = ?').run(flipFirstByte(row()!.ciphertext), USER.id);
    db.close();
    const damaged = row();

    expect(await status()).toMatch(/cannot be decrypted any more \(it is damaged\).*stays stored until you replace it with `\/token set` or forget it with `\/token remove`/s);
    expect(row()).toEqual(damaged);

    const prompt = await h.discord.slashCommand({ name: 'token', subcommand: 'remove', user: USER, guildId: null }).finalMessage();
    expect(messageText(prompt)).toMatch(/Forget your stored PluralKit token/);
    await connectToken(h.discord, USER, system.token!);
    expect(await status()).toMatch(/Rotating/);
  });
});
