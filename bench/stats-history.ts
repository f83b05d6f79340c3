import type { ChartMember } from '../src/charts/labels.js';
import type { SwitchSummary } from '../src/pluralkit/models.js';

export const DAY = 86_400_000;
/** A busy system's year: 10,000 switches. Longer histories keep the same pace. */
export const SWITCHES_PER_YEAR = 10_000;
export const MEMBERS = 300;

/** A deterministic busy system: `count` switches at 10,000 a year, 300 members, some co-fronting and switch-outs. */
export function bigHistory(now: number, count = SWITCHES_PER_YEAR): { switches: SwitchSummary[]; members: Map<string, ChartMember> } {
  let state = 42;
  const random = (): number => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 4_294_967_296;
  };
  const ids = Array.from({ length: MEMBERS }, (_, i) => `m${String(i).padStart(4, '0')}`);
  // Some members front far more than others, as in real systems.
  const pick = (): string => ids[Math.floor(random() ** 2.5 * MEMBERS)]!;
  const switches: SwitchSummary[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    const members = roll < 0.08 ? [] : roll < 0.8 ? [pick()] : [pick(), pick()];
    switches.push({ id: String(i), timestamp: new Date(now - 60_000 - i * ((365 * DAY) / SWITCHES_PER_YEAR)).toISOString(), members: [...new Set(members)] });
  }
  const names = ['Alex 🌙', 'Zoë', '桜子', 'Квинн', 'Rowan the Quiet', 'Mika ✨', 'Élodie', 'Ren 🦊'];
  const members = new Map(ids.map((id, i) => [id, { name: `${names[i % names.length]} ${i}`, color: i % 3 ? null : `${(i * 2_654_435_761 >>> 8).toString(16).padStart(6, '0').slice(0, 6)}` }]));
  return { switches, members };
}
