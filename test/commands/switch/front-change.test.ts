import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, messageText, startWorld, type World } from '../helpers.js';

/*
 * `/switch add` and `/switch remove` (issue 20 item 7): a co-fronter joins or leaves in one command,
 * as `pk;switch copy` does, instead of retyping everyone fronting into `/switch new`.
 */

describe('/switch add and /switch remove', () => {
  let w: World;
  let ids: Record<string, string>;

  beforeAll(async () => {
    w = await startWorld({ name: 'Adders' });
    ids = Object.fromEntries(['Alice', 'Bob', 'Zoë 🌸'].map((name) => [name, w.h.pluralkit.seedMember(w.system.id, { name }).id]));
  });

  afterAll(() => w.stop());

  const front = async () => (await w.pk<Array<{ members: string[] }>>(`/systems/${w.system.id}/switches?limit=1`)).body[0]?.members ?? [];
  const writes = () => w.h.pluralkit.requests.filter((request) => request.method !== 'GET');

  it('add with nobody fronting starts a front; add again appends a co-fronter, in one write each', async () => {
    const first = await w.run('switch', 'add', { members: 'Alice' });
    expect(first.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(first)).toMatch(/^✅ \*\*Alice\*\* joined the front\. Current fronter is now \*\*Alice\*\*\./);
    const { reply, requests } = await w.counted('switch', 'add', { members: 'zoe, bob' });
    expect(messageText(reply)).toMatch(/\*\*Zoë 🌸\*\*, \*\*Bob\*\* joined the front\. Current fronters are now \*\*Alice\*\*, \*\*Zoë 🌸\*\*, \*\*Bob\*\*\./);
    expect(requests.filter((request) => !request.startsWith('GET'))).toEqual(['POST /systems/@me/switches']);
    expect(await front()).toEqual([ids.Alice, ids['Zoë 🌸'], ids.Bob]);
  });

  it('remove takes members out and keeps the others in order', async () => {
    const reply = await w.run('switch', 'remove', { members: 'Zoë 🌸' });
    expect(messageText(reply)).toMatch(/\*\*Zoë 🌸\*\* left the front\. Current fronters are now \*\*Alice\*\*, \*\*Bob\*\*\./);
    expect(await front()).toEqual([ids.Alice, ids.Bob]);
  });

  it('removing everyone fronting is a switch-out, and says so', async () => {
    const reply = await w.run('switch', 'remove', { members: 'Alice, Bob' });
    expect(messageText(reply)).toMatch(/left the front\. Nobody is fronting now \(a switch-out\)\./);
    expect(await front()).toEqual([]);
  });

  it.each([
    ['add', 'Alice', 'Alice', /\*\*Alice\*\* is fronting already, so nothing was changed\. `\/switch remove` takes members out\./],
    ['remove', 'Alice', 'Bob', /\*\*Bob\*\* is not fronting, so nothing was changed\./],
    ['add', 'Alice', 'Bob, Bob', /listed more than once/],
    ['add', 'Alice', 'Alcie', /No member called "Alcie"/],
  ])('%s while %s fronts, with %s, is refused by name and writes nothing', async (path, fronting, members, message) => {
    await w.run('switch', 'new', { members: fronting });
    w.h.pluralkit.clearRequests();
    const reply = await w.run('switch', path, { members });
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(message);
    expect(writes()).toEqual([]);
  });
});

describe('a switch typed with a near miss is one click from done', () => {
  let w: World;
  let ids: Record<string, string>;

  beforeAll(async () => {
    w = await startWorld({ name: 'Typos' });
    ids = Object.fromEntries(['Alice', 'Bob', 'Élodie'].map((name) => [name, w.h.pluralkit.seedMember(w.system.id, { name }).id]));
  });

  afterAll(() => w.stop());

  const front = async () => (await w.pk<Array<{ members: string[] }>>(`/systems/${w.system.id}/switches?limit=1`)).body[0]?.members ?? [];
  const writes = () => w.h.pluralkit.requests.filter((request) => request.method !== 'GET');

  it('/switch new "Alcie, Bob" offers Alice first, and one press registers the switch', async () => {
    const prompt = await w.run('switch', 'new', { members: 'Alcie, Bob' });
    expect(prompt.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(prompt)).toMatch(/No member called "Alcie" in your system\. Did you mean Alice/);
    expect(messageText(prompt)).toMatch(/Press \*\*Yes, use them\*\* to switch with \*\*Alice\*\*, \*\*Bob\*\*\./);
    expect(writes()).toEqual([]);
    const done = await w.press(prompt, 'Yes, use them');
    expect(messageText(done)).toMatch(/Current fronters are now \*\*Alice\*\*, \*\*Bob\*\*/);
    expect(await front()).toEqual([ids.Alice, ids.Bob]);
  });

  it('/switch remove with a typo takes the meant member out in one press', async () => {
    const prompt = await w.run('switch', 'remove', { members: 'Bobb' });
    const done = await w.press(prompt, 'Yes, use them');
    expect(messageText(done)).toMatch(/\*\*Bob\*\* left the front\. Current fronter is now \*\*Alice\*\*\./);
    expect(await front()).toEqual([ids.Alice]);
  });

  it('Cancel writes nothing; a miss with nothing close, or a repeat, stays a plain refusal without a button', async () => {
    w.h.pluralkit.clearRequests();
    const prompt = await w.run('switch', 'add', { members: 'Elodi' });
    await w.press(prompt, 'Cancel');
    expect(writes()).toEqual([]);
    for (const members of ['Quetzalcoatl', 'Alice, Alice, Bobb']) {
      const refused = await w.run('switch', 'new', { members });
      expect(refused.components ?? []).toEqual([]);
      expect(messageText(refused)).not.toMatch(/Yes, use them/);
    }
    expect(writes()).toEqual([]);
  });
});
