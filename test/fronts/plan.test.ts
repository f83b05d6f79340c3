import { describe, expect, it } from 'vitest';
import type { FileMember, FrontFile } from '../../src/fronts/front-file.js';
import { parseIsoInstant } from '../../src/fronts/instant.js';
import { planImport, type ExistingSwitch } from '../../src/fronts/plan.js';
import type { NamedEntity } from '../../src/resolve/search-index.js';

const NOW = new Date('2026-07-10T12:00:00Z');

function pk(id: string, name: string, displayName: string | null = null): NamedEntity {
  return { id, uuid: `00000000-0000-4000-8000-${id.padStart(12, '0')}`, name, display_name: displayName };
}

/** The user's PluralKit members: two called Sam, and Kit whose display name is Sam too. */
const MEMBERS = [pk('aaaaa', 'Alex', 'Alex ✨'), pk('bbbbb', 'Zoë'), pk('ccccc', 'Sam'), pk('ddddd', 'Sam'), pk('eeeee', 'Kit', 'Kit 🦊'), pk('fffff', '桜子')];

function member(key: string, name: string | null, extra: Partial<FileMember> = {}): FileMember {
  return { key, name, displayName: null, pluralkitId: null, ...extra };
}

/** A file from `[time, member keys]` pairs; its members are named after their keys unless given. */
function fileOf(points: Array<[string, string[]]>, members?: FileMember[]): FrontFile {
  const keys = [...new Set(points.flatMap(([, keys]) => keys))];
  return {
    source: 'simplyplural',
    entries: points.length,
    members: members ?? keys.map((key) => member(key, key)),
    switches: points.map(([time, keys]) => ({ at: parseIsoInstant(time)!, members: keys })),
    customFronts: [],
    refused: [],
  };
}

function plan(file: FrontFile, existing: ExistingSwitch[] = [], now = NOW) {
  return planImport({ file, members: MEMBERS, existing, now });
}

describe('planImport', () => {
  it('plans each switch with the matched members’ IDs, oldest first, in fronting order', () => {
    const result = plan(
      fileOf([
        ['2025-03-01T08:00:00Z', ['Alex']],
        ['2025-03-01T12:30:00.250417Z', ['Alex', 'zoë']],
        ['2025-03-01T14:00:00Z', ['zoë']],
        ['2025-03-01T23:00:00Z', []],
      ]),
    );
    expect(result.switches).toEqual([
      { timestamp: '2025-03-01T08:00:00Z', members: ['aaaaa'] },
      { timestamp: '2025-03-01T12:30:00.250417Z', members: ['aaaaa', 'bbbbb'] },
      { timestamp: '2025-03-01T14:00:00Z', members: ['bbbbb'] },
      { timestamp: '2025-03-01T23:00:00Z', members: [] },
    ]);
    expect(result.preview).toMatchObject({
      toAdd: 4,
      fileSwitches: 4,
      span: { first: '2025-03-01T08:00:00Z', last: '2025-03-01T23:00:00Z' },
      fileSpan: { first: '2025-03-01T08:00:00Z', last: '2025-03-01T23:00:00Z' },
      alreadyPresent: 0,
      unchanged: 0,
      missingMembers: 0,
      refused: [],
    });
    expect(result.preview.matched.map((match) => [match.file.name, match.member.id, match.by, match.switches])).toEqual([
      ['Alex', 'aaaaa', 'name', 2],
      ['zoë', 'bbbbb', 'name', 2],
    ]);
  });

  it('adds nothing when the same import runs twice', () => {
    const file = fileOf([
      ['2025-03-01T08:00:00Z', ['Alex']],
      ['2025-03-01T09:00:00.000001Z', ['Alex', 'Zoë']],
      ['2025-03-01T10:00:00Z', []],
    ]);
    const first = plan(file);
    expect(first.switches).toHaveLength(3);
    const second = plan(file, first.switches);
    expect(second.switches).toEqual([]);
    expect(second.preview).toMatchObject({ toAdd: 0, span: null, alreadyPresent: 3, alreadyPresentDiffering: 0 });
  });

  it('skips an instant PluralKit already has, even with other members, and counts the difference', () => {
    const result = plan(fileOf([['2025-03-01T08:00:00Z', ['Alex']], ['2025-03-01T09:00:00Z', ['Zoë']]]), [{ timestamp: '2025-03-01T08:00:00Z', members: ['fffff'] }]);
    expect(result.switches).toEqual([{ timestamp: '2025-03-01T09:00:00Z', members: ['bbbbb'] }]);
    expect(result.preview).toMatchObject({ alreadyPresent: 1, alreadyPresentDiffering: 1 });
  });

  it('compares instants to the microsecond: a millisecond-rounded time is a different instant', () => {
    const result = plan(fileOf([['2025-03-01T08:00:00.123456Z', ['Alex']]]), [{ timestamp: '2025-03-01T08:00:00.123Z', members: ['bbbbb'] }]);
    expect(result.switches).toEqual([{ timestamp: '2025-03-01T08:00:00.123456Z', members: ['aaaaa'] }]);
  });

  it('folds a switch into the one before when the same members front, as leaving out an unmatched member can make', () => {
    const result = plan(
      fileOf([
        ['2025-03-01T08:00:00Z', ['Alex']],
        ['2025-03-01T09:00:00Z', ['Alex', 'Ghost']],
        ['2025-03-01T10:00:00Z', ['Alex']],
        ['2025-03-01T11:00:00Z', ['Ghost']],
        ['2025-03-01T12:00:00Z', ['Zoë', 'Ghost']],
      ]),
    );
    expect(result.switches).toEqual([
      { timestamp: '2025-03-01T08:00:00Z', members: ['aaaaa'] },
      // Only Ghost fronted: PluralKit has nobody to show, so it is a switch-out.
      { timestamp: '2025-03-01T11:00:00Z', members: [] },
      { timestamp: '2025-03-01T12:00:00Z', members: ['bbbbb'] },
    ]);
    expect(result.preview).toMatchObject({ unchanged: 2, missingMembers: 2 });
    expect(result.preview.unmatched).toEqual([{ file: member('Ghost', 'Ghost'), switches: 3 }]);
  });

  it('folds a switch into PluralKit’s own switch before it (which PluralKit would refuse for a newest switch)', () => {
    const result = plan(fileOf([['2025-03-01T09:00:00Z', ['Alex']], ['2025-03-01T11:00:00Z', ['Zoë']]]), [
      { timestamp: '2025-03-01T08:00:00Z', members: ['aaaaa'] },
      { timestamp: '2025-03-01T10:00:00Z', members: ['bbbbb'] },
    ]);
    expect(result.switches).toEqual([]);
    expect(result.preview.unchanged).toBe(2);
  });

  it('keeps a switch that differs only in order (PluralKit compares the ordered lists)', () => {
    const result = plan(fileOf([['2025-03-01T09:00:00Z', ['Zoë', 'Alex']]]), [{ timestamp: '2025-03-01T08:00:00Z', members: ['aaaaa', 'bbbbb'] }]);
    expect(result.switches).toEqual([{ timestamp: '2025-03-01T09:00:00Z', members: ['bbbbb', 'aaaaa'] }]);
  });

  it('drops a switch-out before anyone fronted, and keeps one after', () => {
    const result = plan(fileOf([['2025-03-01T07:00:00Z', ['Ghost']], ['2025-03-01T08:00:00Z', ['Alex']], ['2025-03-01T09:00:00Z', []]]));
    expect(result.switches.map((entry) => entry.members)).toEqual([['aaaaa'], []]);
    expect(result.preview.unchanged).toBe(1);
  });

  it('reports a name several PluralKit members share as ambiguous and leaves it out', () => {
    const result = plan(fileOf([['2025-03-01T08:00:00Z', ['Sam', 'Alex']]]));
    expect(result.switches).toEqual([{ timestamp: '2025-03-01T08:00:00Z', members: ['aaaaa'] }]);
    expect(result.preview.ambiguous).toHaveLength(1);
    expect(result.preview.ambiguous[0]!.candidates.map((candidate) => candidate.id).sort()).toEqual(['ccccc', 'ddddd']);
    expect(result.preview.missingMembers).toBe(1);
  });

  it('matches by PluralKit ID first, then name, then display name, case-insensitively, for file names and display names', () => {
    const members = [
      member('k1', 'Someone else', { pluralkitId: 'fffff' }),
      member('k2', 'ALEX ✨'),
      member('k3', 'K', { displayName: 'kit' }),
      member('k4', 'Nobody', { displayName: 'kit 🦊' }),
      member('k5', 'bbbbb'),
    ];
    const result = plan(fileOf([['2025-03-01T08:00:00Z', ['k1', 'k2', 'k3', 'k4', 'k5']]], members));
    expect(result.preview.matched.map((match) => [match.file.key, match.member.id, match.by])).toEqual([
      ['k1', 'fffff', 'id'],
      ['k2', 'aaaaa', 'display-name'],
      ['k3', 'eeeee', 'name'],
      ['k4', 'eeeee', 'display-name'],
    ]);
    // A name is never read as an ID: a member called "bbbbb" is not member bbbbb.
    expect(result.preview.unmatched.map((entry) => entry.file.key)).toEqual(['k5']);
    // k3 and k4 both mean Kit: one switch lists Kit once.
    expect(result.switches[0]!.members).toEqual(['fffff', 'aaaaa', 'eeeee']);
  });

  it('lists only members the history names, most switches first', () => {
    const result = plan(
      fileOf(
        [
          ['2025-03-01T08:00:00Z', ['a']],
          ['2025-03-01T09:00:00Z', ['b']],
          ['2025-03-01T10:00:00Z', ['a']],
        ],
        [member('quiet', 'Zoë'), member('b', 'Alex'), member('a', '桜子')],
      ),
    );
    expect(result.preview.matched.map((match) => [match.member.name, match.switches])).toEqual([
      ['桜子', 2],
      ['Alex', 1],
    ]);
  });

  it('refuses switches in the future (beyond a minute of clock skew), before 2018, or with more than 150 members', () => {
    const crowd = Array.from({ length: 151 }, (_, i) => `m${i}`);
    const members = [...crowd.map((key, i) => ({ ...member(key, key), pluralkitId: null, name: `Crowd ${i}` })), member('Alex', 'Alex')];
    const crowdMembers = [...MEMBERS, ...crowd.map((key, i) => pk(`x${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}aa`, `Crowd ${i}`))];
    const file = fileOf(
      [
        ['2017-12-31T23:59:59Z', ['Alex']],
        ['2025-03-01T08:00:00Z', crowd],
        ['2025-03-01T09:00:00Z', ['Alex']],
        ['2026-07-10T12:00:30Z', []],
        ['2026-07-10T12:05:00Z', ['Alex']],
        ['2026-08-01T00:00:00Z', []],
      ],
      members,
    );
    const result = planImport({ file, members: crowdMembers, existing: [], now: NOW });
    expect(result.switches.map((entry) => entry.timestamp)).toEqual(['2025-03-01T09:00:00Z', '2026-07-10T12:00:30Z']);
    expect(result.preview.refused).toEqual([
      { reason: 'too-early', count: 1, firstAt: parseIsoInstant('2017-12-31T23:59:59Z') },
      { reason: 'too-many-members', count: 1, firstAt: parseIsoInstant('2025-03-01T08:00:00Z') },
      { reason: 'future', count: 2, firstAt: parseIsoInstant('2026-07-10T12:05:00Z') },
    ]);
  });

  it('carries the file’s own refusals and custom fronts into the preview', () => {
    const file: FrontFile = {
      ...fileOf([['2025-03-01T08:00:00Z', ['Alex']]]),
      customFronts: [{ name: 'Blurry', entries: 2 }],
      refused: [{ reason: 'future', count: 1, firstAt: parseIsoInstant('2026-08-01T00:00:00Z') }],
    };
    const result = plan(file, [], NOW);
    expect(result.preview.customFronts).toEqual([{ name: 'Blurry', entries: 2 }]);
    expect(result.preview.refused).toEqual([{ reason: 'future', count: 1, firstAt: parseIsoInstant('2026-08-01T00:00:00Z') }]);
  });

  it('plans nothing for an empty history', () => {
    const result = plan(fileOf([]));
    expect(result).toMatchObject({ switches: [], preview: { toAdd: 0, span: null, fileSpan: null, matched: [], unmatched: [], ambiguous: [] } });
  });
});
