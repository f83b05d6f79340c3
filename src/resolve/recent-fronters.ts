import type { SwitchSummary } from '../pluralkit/models.js';

/**
 * Member IDs in the order an empty member autocomplete offers them: the current fronters (in
 * their switch order), then whoever fronted in the switches before, most recent first, each once.
 * `switches` are newest first, as PluralKit lists them.
 */
export function recentFronterIds(switches: readonly SwitchSummary[]): string[] {
  const seen = new Set<string>();
  for (const entry of switches) for (const id of entry.members) seen.add(id);
  return [...seen];
}

/**
 * A recent-switch list (newest first, at most `limit`) with a switch we just registered put where
 * its time belongs: a backdated one may land behind later switches, or past the end.
 */
export function withSwitch(switches: readonly SwitchSummary[], added: SwitchSummary, limit: number): SwitchSummary[] {
  const at = Date.parse(added.timestamp);
  const others = switches.filter((entry) => entry.id !== added.id);
  const position = others.findIndex((entry) => Date.parse(entry.timestamp) < at);
  const merged = position === -1 ? [...others, added] : [...others.slice(0, position), added, ...others.slice(position)];
  return merged.slice(0, limit);
}
