import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFrontFile } from '../../src/fronts/read-file.js';
import { planImport, type PlannedSwitch } from '../../src/fronts/plan.js';
import type { FrontSource } from '../../src/fronts/source.js';
import { PluralKitClient } from '../../src/pluralkit/client.js';
import { PkErrorCode, PluralKitError } from '../../src/pluralkit/errors.js';
import { readFrontHistory, switchPagesOf } from '../../src/stats/history-reader.js';
import { useQuietEmulator } from '../emulator/helpers.js';
import { fixture } from './fixtures.js';

/*
 * Each fixture end to end against the PluralKit emulator: read, plan against the system's real
 * members and history, create the planned switches oldest first through our client (the emulator
 * enforces PluralKit's rules: one switch per instant, no newest switch repeating the fronters),
 * then plan the same file again: nothing is left to add.
 */

const pk = useQuietEmulator();
let emulator: ReturnType<typeof pk>;
let client: PluralKitClient;

beforeAll(() => {
  emulator = pk();
  client = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests/1.0' });
});
afterAll(() => client.close());

/** The Lighthouse as it is in PluralKit: the fixtures' members, with the PluralKit file's IDs. */
function seedLighthouse(): string {
  const system = emulator.seedSystem({ name: 'The Lighthouse', created: '2024-11-02T19:04:51Z' });
  emulator.seedMember(system.id, { id: 'qbxvk', name: 'Alex', display_name: 'Alex ✨' });
  emulator.seedMember(system.id, { id: 'hmtrs', name: 'Zoë' });
  emulator.seedMember(system.id, { id: 'fnwpy', name: '桜子', display_name: 'さくらこ' });
  emulator.seedMember(system.id, { id: 'ejzka', name: 'Квинн' });
  emulator.seedMember(system.id, { id: 'tcuoj', name: 'Rowan 🌙' });
  emulator.seedMember(system.id, { id: 'wlgny', name: 'Mira' });
  return system.token!;
}

async function planFor(source: FrontSource, token: string) {
  const file = readFrontFile(fixture(source), 'auto');
  const members = await client.getSystemMembers('@me', { token });
  const existing = (await readFrontHistory(switchPagesOf(client, '@me', token), { since: null })).switches;
  return planImport({ file, members, existing, now: new Date() });
}

async function apply(switches: readonly PlannedSwitch[], token: string): Promise<void> {
  for (const planned of switches) await client.createSwitch('@me', { members: planned.members, timestamp: planned.timestamp }, { token });
}

async function historyLines(token: string): Promise<string[]> {
  const { switches } = await readFrontHistory(switchPagesOf(client, '@me', token), { since: null });
  return switches.map((entry) => `${entry.timestamp} ${entry.members.join('+') || '-'}`).reverse();
}

/** The Lighthouse's first two days, as every fixture tells them. */
const TWO_DAYS = [
  '2025-03-01T08:00:00Z qbxvk',
  '2025-03-01T12:30:00Z qbxvk+hmtrs',
  '2025-03-01T14:00:00Z hmtrs',
  '2025-03-01T18:00:00Z fnwpy',
  '2025-03-01T23:00:00Z -',
  '2025-03-02T07:15:00Z ejzka',
  '2025-03-02T10:00:00Z ejzka+tcuoj',
  '2025-03-02T11:00:00Z tcuoj',
];

describe('importing each fixture into PluralKit (emulator)', () => {
  it('PluralKit export: restores the history to the microsecond, matching by ID; a second run adds nothing', async () => {
    const token = seedLighthouse();
    const first = await planFor('pluralkit', token);
    expect(first.preview).toMatchObject({ toAdd: 8, alreadyPresent: 0, unmatched: [], ambiguous: [] });
    expect(first.preview.matched.every((match) => match.by === 'id')).toBe(true);
    await apply(first.switches, token);
    expect(await historyLines(token)).toEqual(
      TWO_DAYS.map((line) => line.replace('12:30:00Z', '12:30:00.250417Z').replace('14:00:00Z', '14:00:00.5Z')),
    );

    const second = await planFor('pluralkit', token);
    expect(second.switches).toEqual([]);
    expect(second.preview).toMatchObject({ toAdd: 0, alreadyPresent: 8, alreadyPresentDiffering: 0 });
  });

  it('Simply Plural export: custom fronts reported, the unmatched member left out and listed; a second run adds nothing', async () => {
    const token = seedLighthouse();
    const first = await planFor('simplyplural', token);
    expect(first.preview.customFronts.map((custom) => custom.name)).toEqual(['Blurry', 'Dissociated 🌫️']);
    expect(first.preview.unmatched.map((entry) => [entry.file.name, entry.switches])).toEqual([['Ghost', 1]]);
    expect(first.preview.matched.map((match) => [match.file.name, match.member.id, match.by])).toEqual([
      ['Rowan 🌙', 'tcuoj', 'name'],
      ['Alex', 'qbxvk', 'id'],
      ['zoë', 'hmtrs', 'name'],
      ['Квинн', 'ejzka', 'name'],
      ['桜子', 'fnwpy', 'name'],
    ]);
    // Rowan with Ghost, then Rowan alone: without Ghost, nothing changes at either instant.
    expect(first.preview).toMatchObject({ toAdd: 8, unchanged: 2 });
    await apply(first.switches, token);
    expect(await historyLines(token)).toEqual(TWO_DAYS);

    const second = await planFor('simplyplural', token);
    expect(second.switches).toEqual([]);
    expect(second.preview).toMatchObject({ alreadyPresent: 8, unchanged: 2 });
  });

  it('Octocon export: matches a lower-case name and a proxy name; the nameless alter and the deleted one are reported', async () => {
    const token = seedLighthouse();
    const first = await planFor('octocon', token);
    expect(first.preview.matched.find((match) => match.file.key === '5')).toMatchObject({ member: { id: 'tcuoj' }, by: 'name' });
    expect(first.preview.matched.find((match) => match.file.key === '4')).toMatchObject({ member: { id: 'ejzka' } });
    expect(first.preview.unmatched.map((entry) => entry.file)).toEqual([{ key: '7', name: null, displayName: null, pluralkitId: null }]);
    expect(first.preview.refused).toEqual([{ reason: 'unknown-member', count: 1, firstAt: Date.parse('2025-03-03T05:00:00Z') * 1000 }]);
    await apply(first.switches, token);
    expect(await historyLines(token)).toEqual(TWO_DAYS);
    expect((await planFor('octocon', token)).switches).toEqual([]);
  });

  it('fits the file’s history around what PluralKit already has', async () => {
    const token = seedLighthouse();
    const system = '@me';
    // Already logged in PluralKit: the first switch of the file, and a later one of the same fronter as the file's last.
    await client.createSwitch(system, { members: ['qbxvk'], timestamp: '2025-03-01T08:00:00Z' }, { token });
    await client.createSwitch(system, { members: ['tcuoj'], timestamp: '2025-03-01T23:30:00Z' }, { token });
    await client.createSwitch(system, { members: ['wlgny'], timestamp: '2025-03-04T09:00:00Z' }, { token });

    const plan = await planFor('simplyplural', token);
    expect(plan.preview).toMatchObject({ alreadyPresent: 1, toAdd: 7 });
    await apply(plan.switches, token);
    expect(await historyLines(token)).toEqual([...TWO_DAYS.slice(0, 5), '2025-03-01T23:30:00Z tcuoj', ...TWO_DAYS.slice(5), '2025-03-04T09:00:00Z wlgny']);
    expect((await planFor('simplyplural', token)).switches).toEqual([]);
  });

  it('is refused by PluralKit when it creates what the plan skips (the emulator keeps PluralKit’s rules)', async () => {
    const token = seedLighthouse();
    await client.createSwitch('@me', { members: ['qbxvk'], timestamp: '2025-03-01T08:00:00Z' }, { token });
    const twice = await client.createSwitch('@me', { members: ['hmtrs'], timestamp: '2025-03-01T08:00:00Z' }, { token }).catch((error: unknown) => error);
    expect(twice).toBeInstanceOf(PluralKitError);
    expect(twice).toMatchObject({ code: PkErrorCode.SwitchTimestampExists });
    const same = await client.createSwitch('@me', { members: ['qbxvk'], timestamp: '2025-03-01T09:00:00Z' }, { token }).catch((error: unknown) => error);
    expect(same).toMatchObject({ code: PkErrorCode.SameSwitchMembers });
  });
});
