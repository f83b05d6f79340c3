import { describe, expect, it } from 'vitest';
import { Refusal } from '../../src/core/refusal.js';
import { parseIsoInstant } from '../../src/fronts/instant.js';
import { detectFrontSources, readFrontFile } from '../../src/fronts/read-file.js';
import { fixture, switchLines } from './fixtures.js';

/* Each format's fixture read end to end: members, the switch sequence, custom fronts and what is left out. */

describe('PluralKit export (pk;export, version 2)', () => {
  const file = readFrontFile(fixture('pluralkit'), 'auto');

  it('reads the switch list oldest first, keeping PluralKit’s microseconds', () => {
    expect(file.source).toBe('pluralkit');
    expect(file.entries).toBe(8);
    expect(switchLines(file)).toEqual([
      '2025-03-01T08:00:00Z: Alex',
      '2025-03-01T12:30:00.250417Z: Alex, Zoë',
      '2025-03-01T14:00:00.5Z: Zoë',
      '2025-03-01T18:00:00Z: 桜子',
      '2025-03-01T23:00:00Z: ',
      '2025-03-02T07:15:00Z: Квинн',
      '2025-03-02T10:00:00Z: Квинн, Rowan 🌙',
      '2025-03-02T11:00:00Z: Rowan 🌙',
    ]);
  });

  it('ties every member to its PluralKit ID, with display names', () => {
    expect(file.members).toContainEqual({ key: 'qbxvk', name: 'Alex', displayName: 'Alex ✨', pluralkitId: 'qbxvk' });
    expect(file.members).toContainEqual({ key: 'ejzka', name: 'Квинн', displayName: null, pluralkitId: 'ejzka' });
    expect(file.members).toHaveLength(6);
    expect(file.customFronts).toEqual([]);
    expect(file.refused).toEqual([]);
  });

  it('reads a version 1 file and a switch naming a member the list lacks (matched by its ID later)', () => {
    const v1 = readFrontFile(
      JSON.stringify({
        version: 1,
        id: 'abcde',
        name: 'Old',
        members: [{ id: 'aaaaa', name: 'A', display_name: null }],
        switches: [
          { timestamp: '2020-01-01T00:00:00Z', members: ['aaaaa', 'bbbbb', 'aaaaa'] },
          { timestamp: '2020-01-02T00:00:00Z', members: [] },
        ],
      }),
      'pluralkit',
    );
    expect(switchLines(v1)).toEqual(['2020-01-01T00:00:00Z: A, #bbbbb', '2020-01-02T00:00:00Z: ']);
    expect(v1.members).toContainEqual({ key: 'bbbbb', name: null, displayName: null, pluralkitId: 'bbbbb' });
  });

  it('keeps one switch per instant, folds repeats, and counts unreadable times', () => {
    const edited = readFrontFile(
      JSON.stringify({
        version: 2,
        members: [{ id: 'aaaaa', name: 'A' }, { id: 'bbbbb', name: 'B' }],
        switches: [
          { timestamp: '2024-01-01T10:00:00Z', members: ['aaaaa'] },
          { timestamp: '2024-01-01T10:00:00Z', members: ['bbbbb'] },
          { timestamp: '2024-01-01T11:00:00Z', members: ['aaaaa'] },
          { timestamp: '2024-01-01T12:00:00+01:00', members: ['bbbbb'] },
          { timestamp: 'yesterday', members: ['bbbbb'] },
        ],
      }),
      'auto',
    );
    // 12:00+01:00 is 11:00Z: a second switch at 11:00, refused like the second one at 10:00.
    expect(switchLines(edited)).toEqual(['2024-01-01T10:00:00Z: A']);
    expect(edited.refused).toEqual([
      { reason: 'invalid-time', count: 1, firstAt: null },
      { reason: 'duplicate-time', count: 2, firstAt: parseIsoInstant('2024-01-01T10:00:00Z') },
    ]);
  });

  it('reads Octocon’s "PluralKit" export (this format, no switches) as an empty history', () => {
    const octoconPk = readFrontFile(JSON.stringify({ version: 2, name: 'x', description: '', avatar_url: null, switches: [], members: [{ id: '1', name: 'Alex', display_name: null }], groups: [] }), 'auto');
    expect(octoconPk).toMatchObject({ source: 'pluralkit', entries: 0, switches: [] });
    // "1" is Octocon's alter ID, not a PluralKit one.
    expect(octoconPk.members).toEqual([{ key: '1', name: 'Alex', displayName: null, pluralkitId: null }]);
  });
});

describe('Simply Plural export', () => {
  const file = readFrontFile(fixture('simplyplural'), 'auto');

  it('turns front entries into switches: co-fronting, a handover at one instant, a switch-out, split entries joined, a live front', () => {
    expect(file.source).toBe('simplyplural');
    expect(file.entries).toBe(10);
    expect(switchLines(file)).toEqual([
      '2025-03-01T08:00:00Z: Alex',
      '2025-03-01T12:30:00Z: Alex, zoë',
      '2025-03-01T14:00:00Z: zoë',
      '2025-03-01T18:00:00Z: 桜子',
      '2025-03-01T23:00:00Z: ',
      '2025-03-02T07:15:00Z: Квинн',
      '2025-03-02T10:00:00Z: Квинн, Rowan 🌙',
      '2025-03-02T11:00:00Z: Rowan 🌙',
      '2025-03-03T01:00:00Z: Rowan 🌙, Ghost',
      '2025-03-03T02:00:00Z: Rowan 🌙',
    ]);
  });

  it('reports custom fronts with their entries instead of making them members, and links pkId', () => {
    expect(file.customFronts).toEqual([
      { name: 'Blurry', entries: 2 },
      { name: 'Dissociated 🌫️', entries: 1 },
    ]);
    expect(file.members.map((member) => member.name)).toEqual(['Alex', 'zoë', '桜子', 'Квинн', 'Rowan 🌙', 'Ghost']);
    expect(file.members[0]).toMatchObject({ name: 'Alex', pluralkitId: 'qbxvk' });
    expect(file.refused).toEqual([]);
  });

  it('leaves out entries it cannot place, and says why', () => {
    const member = { _id: 'm1', name: 'A' };
    const odd = readFrontFile(
      JSON.stringify({
        members: [member],
        frontStatuses: [],
        frontHistory: [
          { member: 'm1', custom: false, live: false, startTime: Date.parse('2024-01-01T10:00:00Z'), endTime: Date.parse('2024-01-01T09:00:00Z') },
          { member: 'm1', custom: false, live: false, startTime: Date.parse('2024-01-02T10:00:00Z') },
          { member: 'gone', custom: false, live: false, startTime: Date.parse('2024-01-03T10:00:00Z'), endTime: Date.parse('2024-01-03T11:00:00Z') },
          { member: 'gone-custom', custom: true, live: true, startTime: Date.parse('2024-01-04T10:00:00Z') },
          { member: 'm1', custom: false, live: false, startTime: Date.parse('2024-01-05T10:00:00Z'), endTime: Date.parse('2024-01-05T11:00:00Z') },
        ],
      }),
      'simplyplural',
    );
    expect(switchLines(odd)).toEqual(['2024-01-05T10:00:00Z: A', '2024-01-05T11:00:00Z: ']);
    expect(odd.refused).toEqual([
      { reason: 'ends-before-start', count: 1, firstAt: parseIsoInstant('2024-01-01T10:00:00Z') },
      { reason: 'no-end', count: 1, firstAt: parseIsoInstant('2024-01-02T10:00:00Z') },
      { reason: 'unknown-member', count: 1, firstAt: parseIsoInstant('2024-01-03T10:00:00Z') },
    ]);
    expect(odd.customFronts).toEqual([{ name: null, entries: 1 }]);
  });
});

describe('Octocon export (full JSON)', () => {
  const file = readFrontFile(fixture('octocon'), 'auto');

  it('turns fronts into switches, with an alter without a name and a front of a deleted alter', () => {
    expect(file.source).toBe('octocon');
    expect(file.entries).toBe(7);
    expect(switchLines(file)).toEqual([
      '2025-03-01T08:00:00Z: Alex',
      '2025-03-01T12:30:00Z: Alex, Zoë',
      '2025-03-01T14:00:00Z: Zoë',
      '2025-03-01T18:00:00Z: 桜子',
      '2025-03-01T23:00:00Z: ',
      '2025-03-02T07:15:00Z: квинн',
      '2025-03-02T10:00:00Z: квинн, Ro',
      '2025-03-02T11:00:00Z: Ro',
      '2025-03-03T07:00:00Z: Ro, #7',
      '2025-03-03T07:45:00Z: Ro',
    ]);
    expect(file.refused).toEqual([{ reason: 'unknown-member', count: 1, firstAt: parseIsoInstant('2025-03-03T05:00:00Z') }]);
  });

  it('keeps the proxy name as the display name; Octocon has no custom fronts', () => {
    expect(file.members).toContainEqual({ key: '5', name: 'Ro', displayName: 'Rowan 🌙', pluralkitId: null });
    expect(file.members).toContainEqual({ key: '7', name: null, displayName: null, pluralkitId: null });
    expect(file.customFronts).toEqual([]);
  });
});

describe('detection', () => {
  it('tells the three formats apart by their top-level keys', () => {
    expect(detectFrontSources(new Set(['version', 'id', 'members', 'groups', 'switches']))).toEqual(['pluralkit']);
    expect(detectFrontSources(new Set(['users', 'members', 'frontStatuses', 'frontHistory']))).toEqual(['simplyplural']);
    expect(detectFrontSources(new Set(['user', 'alters', 'fronts', 'tags']))).toEqual(['octocon']);
    expect(detectFrontSources(new Set(['members', 'groups']))).toEqual([]);
  });

  it('reads with the chosen source when the file is that app’s export', () => {
    expect(readFrontFile(fixture('simplyplural'), 'simplyplural').source).toBe('simplyplural');
    expect(readFrontFile(fixture('octocon'), 'octocon').source).toBe('octocon');
  });

  it('refuses a chosen source the file is not, naming the app it is', () => {
    const error = (() => {
      try {
        return readFrontFile(fixture('octocon'), 'pluralkit');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(Refusal);
    expect(error).toMatchObject({ code: 'import.source-mismatch', data: { chosen: 'pluralkit', detected: 'octocon' } });
  });
});
