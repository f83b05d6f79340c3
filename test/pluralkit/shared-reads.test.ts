import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PluralKitClient } from '../../src/pluralkit/client.js';
import { PluralKitError } from '../../src/pluralkit/errors.js';
import { startPluralKitEmulator, type PluralKitEmulator } from '../support/pluralkit-emulator/index.js';

/*
 * Identical reads in flight share one request, public views are kept for a few seconds, nothing
 * crosses auth contexts, and our own writes drop what they may have changed — all counted on the
 * emulator's request log.
 */

let emulator: PluralKitEmulator;
let client: PluralKitClient;
const ACCOUNT = '296000000000000001';

beforeAll(async () => {
  emulator = await startPluralKitEmulator({ rateLimits: false });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
  client = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests', publicViewTtlMs: 5_000 });
});
afterEach(async () => {
  await client.close();
});

function world() {
  const a = emulator.seedSystem({ name: 'Secret A', accounts: [ACCOUNT], privacy: { name_privacy: 'private' } });
  const alice = emulator.seedMember(a.id, { name: 'Alice' });
  const amy = emulator.seedMember(a.id, { name: 'Amy' });
  emulator.seedSwitch(a.id, { timestamp: '2024-05-01T12:00:00Z', members: [alice.id] });
  const b = emulator.seedSystem({ name: 'B' });
  const bob = emulator.seedMember(b.id, { name: 'Bob' });
  emulator.seedSwitch(b.id, { timestamp: '2024-05-01T12:00:00Z', members: [bob.id] });
  emulator.clearRequests();
  return { a, alice, amy, b, bob, tokenA: a.token!, tokenB: b.token! };
}

const sent = (path?: string) => emulator.requests.filter((r) => path === undefined || r.path === `/v2${path}`).length;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('identical reads in flight share one request', () => {
  it('20 anonymous /fronters for one system at once: 1 request, one answer for all', async () => {
    const { a } = world();
    emulator.injectFault({ path: `/systems/${a.id}/fronters`, delayMs: 100 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => client.getFronters(a.id)));
    expect(sent()).toBe(1);
    expect(new Set(answers).size).toBe(1);
  });

  it('10 reads with the same token at once: 1 request', async () => {
    const { tokenA } = world();
    emulator.injectFault({ path: '/systems/@me', delayMs: 100 });
    await Promise.all(Array.from({ length: 10 }, () => client.getSystem('@me', { token: tokenA })));
    expect(sent('/systems/@me')).toBe(1);
  });

  it('different paths or queries are different requests', async () => {
    const { a } = world();
    await Promise.all([client.getSystemSwitches(a.id, { limit: 1 }), client.getSystemSwitches(a.id, { limit: 2 }), client.getSystemSwitches(a.id)]);
    expect(sent()).toBe(3);
  });
});

describe('never across auth contexts', () => {
  it('anonymous, owner and another token asking at once: three requests, three views', async () => {
    const { a, tokenA, tokenB } = world();
    emulator.injectFault({ path: `/systems/${a.id}`, delayMs: 100, times: 3 });
    const [anonymous, owner, other] = await Promise.all([
      Promise.all(Array.from({ length: 5 }, () => client.getSystem(a.id))),
      Promise.all(Array.from({ length: 5 }, () => client.getSystem(a.id, { token: tokenA }))),
      Promise.all(Array.from({ length: 5 }, () => client.getSystem(a.id, { token: tokenB }))),
    ]);
    expect(sent(`/systems/${a.id}`)).toBe(3);
    expect(anonymous.every((s) => s.name === null && s.privacy === null)).toBe(true);
    expect(owner.every((s) => s.name === 'Secret A' && s.privacy !== null)).toBe(true);
    expect(other.every((s) => s.name === null)).toBe(true);
    expect(new Set([...anonymous, ...other]).size).toBe(2);
  });

  it('an owner view read first is never served to an anonymous caller, nor a kept public view to a token', async () => {
    const { a, tokenA } = world();
    expect((await client.getSystem(a.id, { token: tokenA })).name).toBe('Secret A');
    expect((await client.getSystem(a.id)).name).toBeNull();
    expect(sent()).toBe(2);
    expect((await client.getSystem(a.id, { token: tokenA })).name).toBe('Secret A');
    expect(sent()).toBe(3);
  });

  it('answers with a token are never kept, even for the same token', async () => {
    const { tokenA } = world();
    await client.getSystem('@me', { token: tokenA });
    await client.getSystem('@me', { token: tokenA });
    expect(sent()).toBe(2);
  });
});

describe('public views are kept for a few seconds', () => {
  it('a second anonymous read within the TTL sends nothing', async () => {
    const { a } = world();
    const first = await client.getFronters(a.id);
    const second = await client.getFronters(a.id);
    expect(second).toBe(first);
    expect(sent()).toBe(1);
    expect(client.keptPublicViews).toBe(1);
  });

  it('after the TTL it asks again', async () => {
    const { a } = world();
    const quick = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests', publicViewTtlMs: 150 });
    try {
      await quick.getFronters(a.id);
      await quick.getFronters(a.id);
      expect(sent()).toBe(1);
      await wait(200);
      await quick.getFronters(a.id);
      expect(sent()).toBe(2);
    } finally {
      await quick.close();
    }
  });

  it('a TTL of 0 keeps nothing', async () => {
    const { a } = world();
    const off = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests', publicViewTtlMs: 0 });
    try {
      await off.getFronters(a.id);
      await off.getFronters(a.id);
      expect(sent()).toBe(2);
    } finally {
      await off.close();
    }
  });

  it('errors are not kept', async () => {
    world();
    await client.getSystem('zzzzzz').catch(() => undefined);
    await client.getSystem('zzzzzz').catch(() => undefined);
    expect(sent()).toBe(2);
  });

  it('what is shared is frozen: one caller cannot change another caller\'s answer', async () => {
    const { a } = world();
    const fronters = (await client.getFronters(a.id))!;
    expect(() => {
      (fronters.members as unknown[]).push({});
    }).toThrow(TypeError);
    expect(() => {
      (fronters.members[0] as { name: string }).name = 'Mallory';
    }).toThrow(TypeError);
    expect((await client.getFronters(a.id))!.members.map((m) => m.name)).toEqual(['Alice']);
  });
});

describe('our own writes drop what they may have changed', () => {
  it('a new switch: the public /fronters of that system is asked again and shows it', async () => {
    const { a, amy, tokenA } = world();
    await client.getFronters(a.id);
    await client.createSwitch('@me', { members: [amy.id] }, { token: tokenA });
    expect((await client.getFronters(a.id))!.members.map((m) => m.name)).toEqual(['Amy']);
    expect(sent(`/systems/${a.id}/fronters`)).toBe(2);
  });

  it('only the writer\'s system: another system\'s kept view stays', async () => {
    const { a, b, amy, tokenA } = world();
    await Promise.all([client.getFronters(a.id), client.getFronters(b.id)]);
    await client.createSwitch('@me', { members: [amy.id] }, { token: tokenA });
    await Promise.all([client.getFronters(a.id), client.getFronters(b.id)]);
    expect(sent(`/systems/${a.id}/fronters`)).toBe(2);
    expect(sent(`/systems/${b.id}/fronters`)).toBe(1);
  });

  it('views found by Discord account or UUID are tagged from the answer, and dropped with their system', async () => {
    const { a, amy, tokenA } = world();
    await client.getFronters(ACCOUNT);
    await client.getSystem(a.uuid);
    await client.updateMember(amy.id, { name: 'Amelia' }, { token: tokenA });
    await client.getFronters(ACCOUNT);
    await client.getSystem(a.uuid);
    expect(sent(`/systems/${ACCOUNT}/fronters`)).toBe(2);
    expect(sent(`/systems/${a.uuid}`)).toBe(2);
  });

  it('a view that names no system (switch list by UUID) is dropped by any write', async () => {
    const { a, b, amy, tokenA } = world();
    await client.getSystemSwitches(b.uuid);
    await client.updateMember(amy.id, { name: 'Amelia' }, { token: tokenA });
    await client.getSystemSwitches(b.uuid);
    expect(sent(`/systems/${b.uuid}/switches`)).toBe(2);
    expect(a.id).not.toBe(b.id);
  });

  it('a write that names no system (a 204 DELETE) by a token not seen before drops everything; once the token is known, only its system', async () => {
    const { a, b, alice, amy, tokenA } = world();
    await Promise.all([client.getFronters(a.id), client.getFronters(b.id)]);
    await client.deleteMember(amy.id, { token: tokenA });
    await Promise.all([client.getFronters(a.id), client.getFronters(b.id)]);
    expect(sent(`/systems/${b.id}/fronters`)).toBe(2);

    await client.getSystem('@me', { token: tokenA }); // now the client knows tokenA is system a
    await client.removeMemberFromGroups(alice.id, [emulator.seedGroup(a.id, { name: 'G', members: [alice.id] }).id], { token: tokenA });
    await Promise.all([client.getFronters(a.id), client.getFronters(b.id)]);
    expect(sent(`/systems/${a.id}/fronters`)).toBe(3);
    expect(sent(`/systems/${b.id}/fronters`)).toBe(2);
  });

  it('a read in flight while a write ends is neither kept nor joined afterwards', async () => {
    const { a, amy, tokenA } = world();
    emulator.injectFault({ path: `/systems/${a.id}/fronters`, afterCommit: true, delayMs: 300 });
    const before = client.getFronters(a.id); // PluralKit reads the old fronters at once, answers late
    await wait(50);
    await client.createSwitch('@me', { members: [amy.id] }, { token: tokenA });
    const during = await client.getFronters(a.id); // after the write: must not join the old read
    expect(during!.members.map((m) => m.name)).toEqual(['Amy']);
    expect((await before)!.members.map((m) => m.name)).toEqual(['Alice']);
    expect((await client.getFronters(a.id))!.members.map((m) => m.name)).toEqual(['Amy']);
  });

  it('a write refused or never sent changes nothing, so kept views stay', async () => {
    const { a, alice, tokenA } = world();
    await client.getFronters(a.id);
    const refused = await client.createSwitch('@me', { members: [alice.id] }, { token: tokenA }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 40004, outcome: 'rejected' });
    await client.getFronters(a.id);
    expect(sent(`/systems/${a.id}/fronters`)).toBe(1);
  });

  it('after a write of unknown outcome, the writer\'s public views are not kept while PluralKit may still apply it', async () => {
    const { a, amy, tokenA } = world();
    emulator.injectFault({ method: 'POST', path: `/systems/${a.id}/switches`, delayMs: 400 });
    const quick = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests', callBudgetMs: 200 });
    try {
      const error = await quick.createSwitch(a.id, { members: [amy.id] }, { token: tokenA }).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'timeout', outcome: 'unknown' });
      expect((await quick.getFronters(a.id))!.members.map((m) => m.name)).toEqual(['Alice']); // not stored yet
      await wait(400);
      expect((await quick.getFronters(a.id))!.members.map((m) => m.name)).toEqual(['Amy']); // the late commit shows
      expect(sent(`/systems/${a.id}/fronters`)).toBe(2);
    } finally {
      await quick.close();
    }
  });
});

describe('one caller giving up', () => {
  it('does not fail the others waiting for the same read', async () => {
    const { a } = world();
    emulator.injectFault({ path: `/systems/${a.id}/fronters`, delayMs: 200 });
    const controller = new AbortController();
    const leaving = client.getFronters(a.id, { signal: controller.signal }).catch((e: unknown) => e);
    const staying = client.getFronters(a.id);
    controller.abort();
    expect(await leaving).toBeInstanceOf(PluralKitError);
    expect((await leaving) as PluralKitError).toMatchObject({ kind: 'aborted' });
    expect((await staying)!.members.map((m) => m.name)).toEqual(['Alice']);
    expect(sent()).toBe(1);
  });
});
