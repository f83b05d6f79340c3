import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers.js';
import { channelOption, defineLogGuild, LOG_CHANNEL, postsIn } from './helpers.js';

/*
 * Polling (no PUBLIC_URL): each round reads the polled systems with the owner's token and posts
 * what changed; the app's manual clock moves the rounds, nothing waits on real time.
 */
describe('/log by polling', () => {
  let w: World;
  let alice: { id: string };
  let hidden: { id: string };

  beforeAll(async () => {
    w = await startWorld({}, { frontLogLoops: true, env: { LOG_POLL_SECONDS: '30' } });
    defineLogGuild(w);
    alice = w.h.pluralkit.seedMember(w.system.id, { name: 'Alice' });
    hidden = w.h.pluralkit.seedMember(w.system.id, { name: 'Secret', privacy: { visibility: 'private' } });
    w.h.pluralkit.seedSwitch(w.system.id, { timestamp: '2026-04-30T10:00:00Z', members: [alice.id] });
    await w.run('log', 'setup', { channel: channelOption(LOG_CHANNEL) });
  });
  afterAll(() => w?.stop());

  /** Lets the poller's jittered wait (27–33 s) pass and its round finish. */
  async function pollRound(): Promise<void> {
    await w.h.clock.whenSleeping();
    const moved = w.h.clock.wakeNext();
    expect(moved).toBeGreaterThanOrEqual(27_000);
    expect(moved).toBeLessThanOrEqual(33_000);
    await w.h.clock.whenSleeping();
  }

  it('posts the current front on the first round, with the owner token only', async () => {
    const start = w.h.pluralkit.requests.length;
    await pollRound();
    const posts = postsIn(w, LOG_CHANNEL);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toContain('**Alice**');
    const requests = w.h.pluralkit.requests.slice(start);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((request) => request.headers.authorization === w.system.token)).toBe(true);
  });

  it('posts nothing when nothing changed', async () => {
    await pollRound();
    expect(postsIn(w, LOG_CHANNEL)).toHaveLength(1);
  });

  it('posts a change made in PluralKit itself, never naming a hidden member, and says who left', async () => {
    w.h.pluralkit.asPluralKit(w.system.id).request('POST', '/systems/@me/switches', { members: [hidden.id] });
    await pollRound();
    const posts = postsIn(w, LOG_CHANNEL);
    expect(posts).toHaveLength(2);
    expect(posts[1]).toContain('+1 private');
    expect(posts[1]).not.toContain('Secret');
    expect(posts[1]).toMatch(/"Left","value":"\*\*Alice\*\*"/);
    expect(messageTextOf(await w.run('log', 'view'))).toMatch(/Last change seen: <t:\d+/);
  });

  it('polls and posts even when the claim cannot be recorded (a change posted twice beats one never posted)', async () => {
    const db = new Database(w.h.databasePath);
    try {
      db.exec('DROP TABLE log_claims');
      const before = postsIn(w, LOG_CHANNEL).length;
      w.h.pluralkit.asPluralKit(w.system.id).request('POST', '/systems/@me/switches', { members: [alice.id] });
      await pollRound();
      expect(postsIn(w, LOG_CHANNEL)).toHaveLength(before + 1);
      expect(w.h.logs().some((line) => line.msg === 'front log: the claim could not be recorded; doing the work here')).toBe(true);
    } finally {
      db.exec('CREATE TABLE IF NOT EXISTS log_claims (claim_key TEXT PRIMARY KEY, claimed_until INTEGER NOT NULL) STRICT');
      db.close();
    }
  });

  it('stops by itself when PluralKit refuses the token, and /log view says so', async () => {
    w.h.pluralkit.injectFault({ path: '/systems/@me/fronters', status: 401, body: { message: '401: Missing or invalid Authorization header', code: 0 }, times: 5 } as never);
    await pollRound();
    const [subscription] = await w.h.app.services.stores.logSubscriptions.forSystem(w.system.uuid);
    expect(subscription!.health).toBe('token-refused');
    expect(await w.h.app.services.stores.logSubscriptions.polling()).toEqual([]);
    expect(messageTextOf(await w.run('log', 'view'))).toMatch(/no longer accepts the token/);
    w.h.pluralkit.clearFaults();
  });
});

function messageTextOf(message: { content?: string | null }): string {
  return message.content ?? '';
}
