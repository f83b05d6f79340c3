import { describe, expect, it } from 'vitest';
import type { SwitchSummary } from '../../src/pluralkit/models.js';
import { recentFronterIds, withSwitch } from '../../src/resolve/recent-fronters.js';

const at = (minutesAgo: number) => new Date(Date.UTC(2026, 0, 1, 12, 0) - minutesAgo * 60_000).toISOString();
const entry = (id: string, minutesAgo: number, members: string[]): SwitchSummary => ({ id, timestamp: at(minutesAgo), members });

describe('recentFronterIds', () => {
  it('lists the current front in its order, then earlier fronters newest first, each once; switch-outs add nobody', () => {
    const latest = [entry('s4', 0, ['eve', 'carol']), entry('s3', 10, []), entry('s2', 20, ['alice', 'eve']), entry('s1', 30, ['dana'])];
    expect(recentFronterIds(latest)).toEqual(['eve', 'carol', 'alice', 'dana']);
    expect(recentFronterIds([])).toEqual([]);
  });
});

describe('withSwitch', () => {
  const latest = [entry('s3', 10, ['c']), entry('s2', 20, ['b']), entry('s1', 30, ['a'])];

  it('puts a new switch first', () => {
    expect(withSwitch(latest, entry('s4', 0, ['d']), 20).map((s) => s.id)).toEqual(['s4', 's3', 's2', 's1']);
  });

  it('puts a backdated switch where its time belongs, and past the end only when the list is not full', () => {
    expect(withSwitch(latest, entry('s5', 15, ['e']), 20).map((s) => s.id)).toEqual(['s3', 's5', 's2', 's1']);
    expect(withSwitch(latest, entry('s0', 40, ['z']), 20).map((s) => s.id)).toEqual(['s3', 's2', 's1', 's0']);
    expect(withSwitch(latest, entry('s0', 40, ['z']), 3).map((s) => s.id)).toEqual(['s3', 's2', 's1']);
  });

  it('keeps at most `limit`, and a switch once', () => {
    expect(withSwitch(latest, entry('s4', 0, ['d']), 3).map((s) => s.id)).toEqual(['s4', 's3', 's2']);
    expect(withSwitch(latest, entry('s3', 10, ['c']), 20).map((s) => s.id)).toEqual(['s3', 's2', 's1']);
  });
});
