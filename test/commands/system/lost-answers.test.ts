import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATE_WRITE_HORIZON_MS } from '../../../src/writes/writes.js';
import { GUILD, messageText, startWorld, type World } from '../helpers.js';

/*
 * /system and /autoproxy writes whose answer is lost: PluralKit is read back and the reply says
 * what is true (issue 11 item 1), against the emulator's "commit, then lose the answer" faults.
 * The app's clock is the harness's manual one: the looks happen as the test moves it.
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
    const { answer } = await w.runSettled('system', 'settings edit', { timezone: 'Asia/Tokyo' });
    expect(messageText(answer)).toMatch(/Saved your settings/);
    expect(messageText(answer)).toMatch(/read it back: the change is saved/);
    expect((await w.pk<{ timezone: string }>('/systems/@me/settings')).body.timezone).toBe('Asia/Tokyo');
  });

  it('autoproxy saved, then the connection dropped: the reply shows the state read back', async () => {
    w.h.pluralkit.injectFault({ method: 'PATCH', path: '/systems/@me/autoproxy', afterCommit: true, reset: true });
    const { answer } = await w.runSettled('autoproxy', 'set', { mode: 'member', member: 'Alice' }, { guildId: GUILD });
    expect(messageText(answer)).toMatch(/Alice/);
    expect(messageText(answer)).toMatch(/read it back: the change is saved/);
  });

  it('a 500 before PluralKit did anything: "nothing was changed" only once the change can no longer appear, "still being checked" until then', async () => {
    w.h.pluralkit.injectFault({ method: 'PATCH', path: '/systems/@me', status: 500, body: { message: '500: Internal Server Error', code: 0 } });
    const started = w.h.clock.now();
    const { first, answer } = await w.runSettled('system', 'edit', { tag: '| lost' });
    expect(messageText(first)).toMatch(/still be saved/);
    expect(messageText(first)).not.toMatch(/try again|nothing was changed/i);
    expect(messageText(answer)).toMatch(/nothing was changed/);
    expect(w.h.clock.now() - started).toBeGreaterThanOrEqual(LATE_WRITE_HORIZON_MS);
    expect((await w.pk<{ tag: string | null }>('/systems/@me')).body.tag).toBeNull();
  });
});
