import { readFileSync } from 'node:fs';
import { planImport } from '../src/fronts/plan.js';
import { readFrontFile } from '../src/fronts/read-file.js';
import { pluralKitMembers } from './import-data.js';

/*
 * Run by bench/import.ts in a process of its own (node --expose-gc): reads and plans one file, or
 * JSON.parses it whole for comparison, and prints how far RSS rose above where it stood just
 * before (the process's peak, so a collected peak still counts) and the heap the result holds.
 */

const [path, mode, now] = process.argv.slice(2) as [string, 'plan' | 'json-parse', string];
const gc = (globalThis as { gc?: () => void }).gc!;
const bytes = readFileSync(path);
const members = pluralKitMembers();
gc();
const before = process.memoryUsage();
const result = mode === 'plan' ? planImport({ file: readFrontFile(bytes, 'auto'), members, existing: [], now: new Date(Number(now)) }) : JSON.parse(bytes.toString('utf8'));
const peakRss = process.resourceUsage().maxRSS * 1024;
gc();
const after = process.memoryUsage();
console.log(JSON.stringify({ peakGrowth: Math.max(0, peakRss - before.rss), held: after.heapUsed - before.heapUsed, kept: typeof result }));
