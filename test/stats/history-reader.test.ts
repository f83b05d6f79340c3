import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PluralKitClient } from '../../src/pluralkit/client.js';
import { PkErrorCode, PluralKitError } from '../../src/pluralkit/errors.js';
import { coversSince, readFrontHistory, switchPagesOf } from '../../src/stats/history-reader.js';
import { useQuietEmulator } from '../emulator/helpers.js';

/* The reader against the emulator over real HTTP, through our own client. */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const pk = useQuietEmulator();
let emulator: ReturnType<typeof pk>;
let client: PluralKitClient;

beforeAll(() => {
  emulator = pk();
  client = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests/1.0' });
});
afterAll(() => client.close());

/** `count` switches spread evenly over the last `days` days (newest 10 minutes ago), plus `older` before that. */
function seedHistory(count: number, days: number, older = 0) {
  const system = emulator.seedSystem({ name: 'Busy' });
  const alice = emulator.seedMember(system.id, { name: 'Alice' });
  const bob = emulator.seedMember(system.id, { name: 'Bob' });
  const now = Date.now();
  const step = (days * DAY - 20 * MINUTE) / count;
  for (let i = 0; i < count + older; i++) {
    emulator.seedSwitch(system.id, { timestamp: new Date(now - 10 * MINUTE - i * step), members: i % 3 === 0 ? [] : [i % 2 ? alice.id : bob.id] });
  }
  emulator.clearRequests();
  return { system, now };
}

function switchListRequests() {
  return emulator.requests.filter((request) => request.path.endsWith('/switches'));
}

describe('readFrontHistory against the emulator', () => {
  it('reads 1,000 switches of the last 30 days in 11 requests of 100, stopping once past the start', async () => {
    const { system, now } = seedHistory(1000, 30, 250);
    const since = now - 30 * DAY;
    const progress: number[] = [];
    const history = await readFrontHistory(switchPagesOf(client, system.id), { since, onProgress: (count) => progress.push(count) });

    expect(history.requests).toBe(11);
    expect(switchListRequests()).toHaveLength(11);
    expect(switchListRequests().every((request) => request.query.limit === '100')).toBe(true);
    // Each page starts below the oldest switch of the one before.
    expect(switchListRequests()[0]!.query.before).toBeUndefined();
    expect(switchListRequests()[1]!.query.before).toBe(history.switches[99]!.timestamp);
    expect(progress).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100]);
    // The switch in force at the start is there; the history is complete for the range.
    expect(history.switches.filter((entry) => Date.parse(entry.timestamp) <= since).length).toBeGreaterThan(0);
    expect(coversSince(history, since)).toBe(true);
    expect(history.coveredFrom).toBeLessThanOrEqual(since);
  });

  it('reads the whole history for `all`, ending on a short page', async () => {
    const { system } = seedHistory(250, 30);
    const history = await readFrontHistory(switchPagesOf(client, system.id), { since: null });
    expect(history).toMatchObject({ coveredFrom: null, requests: 3 });
    expect(history.switches).toHaveLength(250);
    expect(coversSince(history, null)).toBe(true);
  });

  it('reads an empty system in one request', async () => {
    const system = emulator.seedSystem({ name: 'New' });
    const history = await readFrontHistory(switchPagesOf(client, system.id), { since: Date.now() - DAY });
    expect(history).toEqual({ switches: [], coveredFrom: null, requests: 1 });
  });

  it('gets 403 30005 for a private front history read without the token, and reads it with the token', async () => {
    const system = emulator.seedSystem({ name: 'Private', privacy: { front_history_privacy: 'private' } });
    emulator.seedSwitch(system.id, { timestamp: new Date(Date.now() - DAY), members: [] });
    const error = await readFrontHistory(switchPagesOf(client, system.id), { since: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluralKitError);
    expect(error).toMatchObject({ status: 403, code: PkErrorCode.FrontHistoryPrivate });
    const own = await readFrontHistory(switchPagesOf(client, '@me', system.token!), { since: null });
    expect(own.switches).toHaveLength(1);
    expect(emulator.requests.at(-1)!.headers.authorization).toBe(system.token);
  });

  it('stops at the deadline and says how far back it got', async () => {
    const { system } = seedHistory(500, 30);
    let clock = 0;
    // Each page "takes" a minute; the deadline allows three.
    const fetchPage = switchPagesOf(client, system.id);
    const history = await readFrontHistory(
      async (query, call) => {
        const page = await fetchPage(query, {});
        clock += MINUTE;
        expect(call.deadline).toBe(3 * MINUTE);
        return page;
      },
      { since: null, deadline: 3 * MINUTE, now: () => clock },
    );
    expect(history.requests).toBe(3);
    expect(history.switches).toHaveLength(300);
    expect(history.coveredFrom).toBe(Date.parse(history.switches[299]!.timestamp));
    expect(coversSince(history, null)).toBe(false);
  });

  it('returns what it read when PluralKit cannot answer before the deadline', async () => {
    const { system } = seedHistory(300, 30);
    const deadline = Date.now() + 1500;
    const fetchPage = switchPagesOf(client, system.id);
    let pages = 0;
    const history = await readFrontHistory(
      (query, call) => {
        pages++;
        // The second page is slower than the time left.
        if (pages === 2) emulator.injectFault({ path: `/systems/${system.id}/switches`, delayMs: 5000 });
        return fetchPage(query, call);
      },
      { since: null, deadline },
    );
    expect(history.switches).toHaveLength(100);
    expect(coversSince(history, null)).toBe(false);
    expect(Date.now()).toBeLessThan(deadline + 1000);
  });

  it('rejects with the client\'s aborted error when the signal fires', async () => {
    const { system } = seedHistory(300, 30);
    const controller = new AbortController();
    const error = await readFrontHistory(switchPagesOf(client, system.id), {
      since: null,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'aborted' });
    expect(switchListRequests()).toHaveLength(1);
  });
});
