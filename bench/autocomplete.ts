import { performance } from 'node:perf_hooks';
import { autocompleteChoices, buildSearchIndex } from '../src/resolve/autocomplete.js';
import type { NamedEntity } from '../src/resolve/search-index.js';

/*
 * Member autocomplete on a 1,000-member system from a warm index: the work a
 * keystroke costs once the list is cached. Target: p99 ≤ 5 ms.
 */

const MEMBER_COUNT = 1000;
const CALLS = 10_000;
const WARM_UP_CALLS = 500;

const FIRST = ['Alex', 'Sam', 'Rowan', 'Jamie', 'Zoë', 'Kai', 'Noor', 'Élodie', 'Mika', 'Robin', 'Sasha', 'Yuki', 'Ari', 'Quinn', 'Dana', 'Ren'];
const SECOND = ['Little', 'Host', 'Protector', 'Gatekeeper', 'the Quiet', 'Star', 'Fox', 'Moth', '🌙', 'Ember', 'Vale', 'of the Woods'];

function letters(n: number, width: number): string {
  let rest = n;
  let out = '';
  for (let i = 0; i < width; i++) {
    out = String.fromCharCode(97 + (rest % 26)) + out;
    rest = Math.floor(rest / 26);
  }
  return out;
}

function syntheticMembers(): NamedEntity[] {
  return Array.from({ length: MEMBER_COUNT }, (_, i) => {
    const name = `${FIRST[i % FIRST.length]} ${SECOND[Math.floor(i / FIRST.length) % SECOND.length]} ${i}`;
    return {
      id: letters(i * 7919 + 12345, 6),
      uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name,
      display_name: i % 3 === 0 ? null : `${FIRST[(i * 5) % FIRST.length]} ✨ ${i}`,
    };
  });
}

function queriesFor(members: readonly NamedEntity[]): Array<{ query: string; multi: boolean }> {
  const pick = (i: number) => members[(i * 37) % members.length]!;
  const single = ['', 'a', 'al', 'alex', 'zoe', 'ZOË', 'host 1', 'moth', '🌙', 'qzx', 'sa lit', 'rwn', 'élo', 'of the w', pick(1).id, pick(2).id.toUpperCase(), 'protector 99'];
  const multi = [
    `${pick(3).name}, `,
    `${pick(4).id}, ${pick(5).id}, ka`,
    `${pick(6).name}, ${pick(7).display_name ?? pick(7).name}, ro`,
    `nobody, ${pick(8).id}, s`,
    `${members
      .slice(0, 10)
      .map((m) => m.id)
      .join(', ')}, ji`,
  ];
  return [...single.map((query) => ({ query, multi: false })), ...single.map((query) => ({ query, multi: true })), ...multi.map((query) => ({ query, multi: true }))];
}

function percentile(sorted: readonly number[], p: number): number {
  const value = sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return Math.round(value * 1000) / 1000;
}

export async function benchAutocomplete(): Promise<Record<string, number | string>> {
  const members = syntheticMembers();
  const queries = queriesFor(members);
  buildSearchIndex(members);
  for (let i = 0; i < WARM_UP_CALLS; i++) {
    const { query, multi } = queries[i % queries.length]!;
    autocompleteChoices(query, members, { multi });
  }
  const all: number[] = [];
  const singles: number[] = [];
  const multis: number[] = [];
  let choicesReturned = 0;
  for (let i = 0; i < CALLS; i++) {
    const { query, multi } = queries[i % queries.length]!;
    const started = performance.now();
    const choices = autocompleteChoices(query, members, { multi });
    const elapsed = performance.now() - started;
    choicesReturned += choices.length;
    all.push(elapsed);
    (multi ? multis : singles).push(elapsed);
  }
  for (const list of [all, singles, multis]) list.sort((a, b) => a - b);
  const p99 = percentile(all, 99);
  return {
    members: MEMBER_COUNT,
    calls: CALLS,
    'distinct queries': queries.length,
    'median (ms)': percentile(all, 50),
    'p99 (ms)': p99,
    'max (ms)': percentile(all, 100),
    'single entry: median / p99 (ms)': `${percentile(singles, 50)} / ${percentile(singles, 99)}`,
    'several entries: median / p99 (ms)': `${percentile(multis, 50)} / ${percentile(multis, 99)}`,
    'average choices per call': Math.round((choicesReturned / CALLS) * 10) / 10,
    'target p99 ≤ 5 ms': p99 <= 5 ? 'met' : 'MISSED',
  };
}
