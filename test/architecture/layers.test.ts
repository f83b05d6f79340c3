import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The layering, checked on every import (type-only ones too): a folder may import only the
 * folders its layer allows, and no two folders import each other, however indirectly. Adding a
 * transport, a store kind or a domain folder means adding it here on purpose.
 */

const ROOT = resolve(import.meta.dirname, '../..');

/** Leaves: used by everyone, using nobody. */
const LEAVES = ['src/core', 'src/text', 'src/logger'];
/** Domain folders: what Switchboard knows, with no notion of Discord, transports or wording. */
const DOMAIN = [
  'src/access',
  'src/charts',
  'src/directory',
  'src/entities',
  'src/front-log',
  'src/fronts',
  'src/input',
  'src/messages',
  'src/resolve',
  'src/session',
  'src/stats',
  'src/switches',
  'src/system',
  'src/time',
  'src/tokens',
  'src/writes',
];
const BELOW_DOMAIN = ['src/pluralkit', 'src/shared-state', 'src/stores', 'src/vault', 'src/config', ...LEAVES];

/** What each folder may import, besides itself. */
const ALLOWED: Record<string, readonly string[]> = {
  'src/core': [],
  'src/text': [],
  'src/logger': [],
  'src/config': [...LEAVES],
  /** State every instance sees alike (in-process, or Redis): rate buckets, a tagged cache, versions. */
  'src/shared-state': [...LEAVES],
  'src/pluralkit': [...LEAVES, 'src/shared-state'],
  'src/stores': [...LEAVES, 'src/config'],
  'src/vault': [...LEAVES, 'src/stores', 'src/config'],
  'src/interaction': [...LEAVES],
  'src/services': [...DOMAIN, ...BELOW_DOMAIN, 'src/interaction'],
  ...Object.fromEntries(DOMAIN.map((folder) => [folder, [...DOMAIN, ...BELOW_DOMAIN, 'src/services']])),
  'src/render': [...DOMAIN, ...BELOW_DOMAIN, 'src/interaction'],
  'src/framework': [...DOMAIN, ...BELOW_DOMAIN, 'src/interaction', 'src/render', 'src/services'],
  'src/transport': [...LEAVES, 'src/config', 'src/interaction'],
  commands: [...DOMAIN, ...BELOW_DOMAIN, 'src/interaction', 'src/render', 'src/framework', 'src/services'],
  /** The composition root: the one place in src/ that knows commands/ and every edge. */
  'src/app': ['commands', 'src/framework', 'src/transport', 'src/interaction', 'src/render', 'src/services', ...DOMAIN, ...BELOW_DOMAIN],
  'src/cli': ['src/app', 'src/framework', 'src/transport', 'src/services', ...DOMAIN, ...BELOW_DOMAIN],
  'src/index': ['src/app', ...BELOW_DOMAIN],
};

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** `src/framework/confirm.ts` → `src/framework`; `src/app.ts` → `src/app`; anything in commands/ → `commands`. */
function folderOf(file: string): string {
  const parts = relative(ROOT, file).split('/');
  if (parts[0] === 'commands') return 'commands';
  return `src/${parts[1]!.replace(/\.(ts|js|json)$/, '')}`;
}

interface Edge {
  from: string;
  to: string;
  file: string;
}

function edges(): Edge[] {
  const found: Edge[] = [];
  for (const file of [...filesUnder(join(ROOT, 'src')), ...filesUnder(join(ROOT, 'commands'))]) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(IMPORT)) {
      const target = normalize(join(dirname(file), match[1] ?? match[2]!));
      const from = folderOf(file);
      const to = folderOf(target);
      if (from !== to) found.push({ from, to, file: relative(ROOT, file) });
    }
  }
  return found;
}

function cycles(all: readonly Edge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const edge of all) {
    if (!graph.has(edge.from)) graph.set(edge.from, new Set());
    graph.get(edge.from)!.add(edge.to);
  }
  // Tarjan's strongly connected components: every component of more than one folder is a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return components;
}

describe('the layering', () => {
  const all = edges();

  it('knows every folder', () => {
    expect([...new Set(all.flatMap((edge) => [edge.from, edge.to]))].filter((folder) => !(folder in ALLOWED)).sort()).toEqual([]);
  });

  it('has no import against the layering', () => {
    const against = all.filter((edge) => !ALLOWED[edge.from]?.includes(edge.to)).map((edge) => `${edge.file} imports ${edge.to}`);
    expect([...new Set(against)].sort()).toEqual([]);
  });

  it('has no folder cycle', () => {
    expect(cycles(all)).toEqual([]);
  });

  it('lets only the composition root import commands/', () => {
    expect([...new Set(all.filter((edge) => edge.to === 'commands' && edge.from !== 'commands').map((edge) => edge.file))]).toEqual(['src/app.ts']);
  });
});
