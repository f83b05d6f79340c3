import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPluralKitEmulator, type PluralKitEmulator } from '../support/pluralkit-emulator/index.js';
import { applySeedFile, loadSeedFile, type SeedResult } from '../support/pluralkit-emulator/seed-file.js';

const NOW = new Date('2026-05-31T18:00:00Z');
const DAY = 86_400_000;

describe('the demo seed', () => {
  let pk: PluralKitEmulator;
  let seeded: SeedResult;
  const get = async <T>(path: string, token?: string | null): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${pk.url}${path}`, { headers: { 'user-agent': 'demo-seed-test', ...(token ? { authorization: token } : {}) } });
    return { status: response.status, body: (await response.json()) as T };
  };
  const tokenOf = (id: string): string => seeded.systems.find((system) => system.id === id)!.token!;

  beforeAll(async () => {
    pk = await startPluralKitEmulator({ rateLimits: false });
    seeded = applySeedFile(pk, loadSeedFile(), { now: NOW });
  });
  afterAll(() => pk.close());

  it('has an owner with 21 public members (one hidden) in many scripts, a friend and a private system', async () => {
    expect(seeded.systems.map((system) => system.id)).toEqual(['exmpl', 'stars', 'hushh']);
    const owner = await get<Array<{ name: string }>>('/systems/@me/members', tokenOf('exmpl'));
    expect(owner.body).toHaveLength(22);
    const publicList = await get<Array<{ name: string }>>('/systems/exmpl/members');
    expect(publicList.body).toHaveLength(21);
    const names = owner.body.map((member) => member.name).join(' ');
    for (const script of [/\p{Script=Han}/u, /\p{Script=Hiragana}/u, /\p{Script=Greek}/u, /\p{Script=Cyrillic}/u, /\p{Script=Hebrew}/u, /\p{Script=Hangul}/u, /\p{Script=Thai}/u, /\p{Script=Bengali}/u, /\p{Extended_Pictographic}/u]) {
      expect(names).toMatch(script);
    }
    expect((await get('/systems/hushh/members')).status).toBe(403);
    expect((await get('/systems/hushh/fronters')).status).toBe(403);
    expect((await get<unknown[]>('/systems/stars/switches')).body.length).toBeGreaterThan(10);
  });

  it('places three months of switches up to now, with the current fronters 40 minutes ago', async () => {
    const fronters = await get<{ timestamp: string; members: Array<{ id: string }> }>('/systems/exmpl/fronters');
    expect(fronters.body.members.map((member) => member.id)).toEqual(['sakur', 'renfx']);
    expect(Date.parse(fronters.body.timestamp)).toBe(NOW.getTime() - 40 * 60_000);
    let oldest = Infinity;
    let count = 0;
    let before: string | undefined;
    for (;;) {
      const page = await get<Array<{ timestamp: string }>>(`/systems/exmpl/switches?limit=100${before ? `&before=${encodeURIComponent(before)}` : ''}`);
      if (page.body.length === 0) break;
      count += page.body.length;
      before = page.body.at(-1)!.timestamp;
      oldest = Date.parse(before);
    }
    expect(count).toBeGreaterThan(300);
    expect(NOW.getTime() - oldest).toBeGreaterThan(90 * DAY);
    expect(NOW.getTime() - oldest).toBeLessThanOrEqual(92 * DAY);
  });

  it('seeds proxied posts that PluralKit can look up, with the name its webhook would show', async () => {
    const post = seeded.posts.find((entry) => entry.content.includes('おはよう'))!;
    expect(post.authorName).toBe('Sakurako | ⚓ Harbour');
    expect(Date.parse(post.timestamp)).toBe(NOW.getTime() - 80 * 60_000);
    const lookup = await get<{ member: { id: string }; channel: string }>(`/messages/${post.id}`);
    expect(lookup.status).toBe(200);
    expect(lookup.body.member.id).toBe('sakur');
    expect(lookup.body.channel).toBe(post.channel);
  });
});
