import type { NamedEntity } from '../src/resolve/search-index.js';

/* Deterministic front history data for the import/export bench: the same on every run. */

export const ENTRIES = 10_000;
export const MEMBERS = 300;
const HOUR = 3_600_000;

export function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 4_294_967_296;
  };
}

const NAMES = ['Alex 🌙', 'Zoë', '桜子', 'Квинн', 'Rowan the Quiet', 'Mika ✨', 'Élodie', 'Ren 🦊'];
export const memberName = (i: number): string => `${NAMES[i % NAMES.length]} ${i}`;

/** Members of one switch: a switch-out now and then, mostly one member, sometimes two (some members front far more). */
export function someFronters(random: () => number, ids: readonly string[]): string[] {
  const pick = () => ids[Math.floor(random() ** 2 * ids.length)]!;
  const roll = random();
  return roll < 0.08 ? [] : roll < 0.8 ? [pick()] : [...new Set([pick(), pick()])];
}

/** The user's PluralKit members (what matching reads of them): every name of the files but the last ten, plus some of their own. */
export function pluralKitMembers(): NamedEntity[] {
  return Array.from({ length: MEMBERS }, (_, i) => ({
    id: `m${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}xz`,
    uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: i < MEMBERS - 10 ? memberName(i) : `PluralKit only ${i}`,
    display_name: null,
  }));
}

/** A Simply Plural export: 10,000 front entries over three years (some co-fronting, some custom fronts) beside 50,000 chat messages. */
export function simplyPluralExport(now: number): Buffer {
  const random = lcg(7);
  const members = Array.from({ length: MEMBERS }, (_, i) => ({ _id: `65c1f0a2e4b0a1c3d5${String(i).padStart(6, '0')}`, uid: 'u', name: memberName(i), desc: 'x'.repeat(200), info: { a: 'b' } }));
  const span = 3 * 365 * 24 * HOUR;
  const frontHistory = Array.from({ length: ENTRIES }, (_, i) => {
    const startTime = now - span + i * (span / ENTRIES);
    const custom = random() < 0.03;
    const member = custom ? 'cf1' : members[Math.floor(random() ** 2 * MEMBERS)]!._id;
    const live = i >= ENTRIES - 2;
    return { _id: `fh${i}`, uid: 'u', member, custom, live, startTime, ...(live ? {} : { endTime: startTime + random() * 8 * HOUR }), lastOperationTime: startTime };
  });
  const chatMessages = Array.from({ length: 50_000 }, (_, i) => ({ _id: `c${i}`, uid: 'u', channel: 'ch', writer: members[i % MEMBERS]!._id, message: `message ${i} 🐈`, writtenAt: now - i * 60_000 }));
  return Buffer.from(JSON.stringify({ users: [{ _id: 'u' }], members, frontStatuses: [{ _id: 'cf1', uid: 'u', name: 'Blurry' }], frontHistory, chatMessages }));
}

/** A PluralKit export of 10,000 hourly switches (newest first, as PluralKit writes it). */
export function pluralKitExport(now: number, members: readonly NamedEntity[]): Buffer {
  const random = lcg(11);
  const ids = members.map((member) => member.id);
  const switches = Array.from({ length: ENTRIES }, (_, i) => ({ timestamp: new Date(now - 60_000 - i * HOUR).toISOString(), members: someFronters(random, ids) }));
  return Buffer.from(JSON.stringify({ version: 2, id: 'abcde', members: members.map((m) => ({ id: m.id, name: m.name, display_name: null })), switches }));
}

/** Hourly switches for the export bench, newest one a minute ago. */
export function hourlySwitches(now: number, ids: readonly string[]): Array<{ timestamp: Date; members: string[] }> {
  const random = lcg(3);
  return Array.from({ length: ENTRIES }, (_, i) => ({ timestamp: new Date(now - 60_000 - i * HOUR), members: someFronters(random, ids) }));
}
