import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUILD, messageText, startWorld, type World } from '../helpers.js';

/*
 * /system and /autoproxy writes whose answer is lost: PluralKit is read back and the reply says
 * what is true (issue 11 item 1), against the emulator's "commit, then lose the answer" faults.
 */
describe('/system and /autoproxy writes whose answer was lost (in-process)', () => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld({ settings: { timezone: 'UTC' } });
    w.h.pluralkit.seedMember(w.system.id, { name: 'Alice' });
  });

  afterAll(() => w.stop());

  it('settings saved, then a 500: the reply says saved, read back, and the new zone is in force', async () => {
    w.h.pluralkit.injectFault({ method: 'PATCH', path: '/systems/@me/settings', afterCommit: true, status: 500, body: { message: '500: Internal Server Error', code: 0 } });
    const reply = await w.run('system', 'settings edit', { timezone: 'Asia/Tokyo' });
    expect(messageText(reply)).toMatch(/Saved your settings/);
    expect(messageText(reply)).toMatch(/read it back: the change is saved/);
    expect((await w.pk<{ timezone: string }>('/systems/@me/settings')).body.timezone).toBe('Asia/Tokyo');
  });

  it('autoproxy saved, then the connection dropped: the reply shows the state read back', async () => {
    w.h.pluralkit.injectFault({ method: 'PATCH', path: '/systems/@me/autoproxy', afterCommit: true, reset: true });
    const reply = await w.run('autoproxy', 'set', { mode: 'member', member: 'Alice' }, { guildId: GUILD });
    expect(messageText(reply)).toMatch(/Alice/);
    expect(messageText(reply)).toMatch(/read it back: the change is saved/);
  });

  it('a 500 before PluralKit did anything: the read-back finds nothing changed and says so', async () => {
    w.h.pluralkit.injectFault({ method: 'PATCH', path: '/systems/@me', status: 500, body: { message: '500: Internal Server Error', code: 0 } });
    const reply = await w.run('system', 'edit', { tag: '| lost' });
    expect(messageText(reply)).toMatch(/nothing was changed/);
    expect((await w.pk<{ tag: string | null }>('/systems/@me')).body.tag).toBeNull();
  });
});
