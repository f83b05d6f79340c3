import type { NamedEntity } from '../resolve/search-index.js';
import { EARLIEST_SWITCH_TIME, MAX_SWITCH_MEMBERS, isInFuture } from '../switches/guards.js';
import type { CustomFrontUse, FileMember, FrontFile, RefusedEntries, SwitchPoint } from './front-file.js';
import { MICROS_PER_MILLI, formatInstant, parseIsoInstant, toEpochMillis, type Micros } from './instant.js';
import { matchMembers, type MatchedBy, type MemberMatch } from './match-members.js';
import { RefusedEntryTally } from './refused-entries.js';
import type { FrontSource } from './source.js';
import { sameMembers } from './switch-points.js';

/** A switch PluralKit has, as its switch list gives it (member short IDs, in order). */
export interface ExistingSwitch {
  timestamp: string;
  members: readonly string[];
}

export interface ImportPlanInput<T extends NamedEntity> {
  file: FrontFile;
  /** The user's PluralKit members, as the owner sees them. */
  members: readonly T[];
  /** Every switch of the system from the last one before the file's first switch on, in any order. */
  existing: readonly ExistingSwitch[];
  now: Date;
}

/** A switch to create: POST it with this exact timestamp (microseconds kept) and these member IDs. */
export interface PlannedSwitch {
  timestamp: string;
  members: string[];
}

export interface TimeSpan {
  first: string;
  last: string;
}

export interface ImportPreview<T extends NamedEntity = NamedEntity> {
  source: FrontSource;
  /** Front entries (or switches) the file holds. */
  entries: number;
  /** Switches the file's history makes. */
  fileSwitches: number;
  fileSpan: TimeSpan | null;
  toAdd: number;
  /** From the first to the last switch to add. */
  span: TimeSpan | null;
  /** Members the history names, most switches first; `switches` counts the file's switches naming them. */
  matched: Array<{ file: FileMember; member: T; by: MatchedBy; switches: number }>;
  unmatched: Array<{ file: FileMember; switches: number }>;
  ambiguous: Array<{ file: FileMember; candidates: T[]; switches: number }>;
  customFronts: readonly CustomFrontUse[];
  /** Skipped: PluralKit already has a switch at that instant (and keeps one per instant). */
  alreadyPresent: number;
  /** Of those, how many list other members than the file does. */
  alreadyPresentDiffering: number;
  /** Skipped: the same fronters, in the same order, as the switch before it. */
  unchanged: number;
  /** Switches to add that leave out unmatched or ambiguous members (fronts of nobody else become switch-outs). */
  missingMembers: number;
  refused: RefusedEntries[];
}

export interface ImportPlan<T extends NamedEntity = NamedEntity> {
  /** Oldest first, the order to create them in. */
  switches: PlannedSwitch[];
  preview: ImportPreview<T>;
}

function spanOf(first: Micros | undefined, last: Micros | undefined): TimeSpan | null {
  return first === undefined || last === undefined ? null : { first: formatInstant(first), last: formatInstant(last) };
}

/** How many of the file's switches name each file member. */
function switchCounts(points: readonly SwitchPoint[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const point of points) for (const key of point.members) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

function memberSummary<T extends NamedEntity>(matches: ReadonlyMap<string, MemberMatch<T>>, counts: ReadonlyMap<string, number>) {
  const matched: ImportPreview<T>['matched'] = [];
  const unmatched: ImportPreview<T>['unmatched'] = [];
  const ambiguous: ImportPreview<T>['ambiguous'] = [];
  for (const [key, switches] of counts) {
    const match = matches.get(key);
    if (!match) continue;
    if (match.status === 'matched') matched.push({ file: match.file, member: match.member, by: match.by, switches });
    else if (match.status === 'ambiguous') ambiguous.push({ file: match.file, candidates: match.candidates, switches });
    else unmatched.push({ file: match.file, switches });
  }
  const bySwitches = (a: { switches: number }, b: { switches: number }) => b.switches - a.switches;
  return { matched: matched.sort(bySwitches), unmatched: unmatched.sort(bySwitches), ambiguous: ambiguous.sort(bySwitches) };
}

/**
 * What importing `file` into the system would add, as data for a preview and the switches to
 * create. Each of the file's switches becomes one with the matched PluralKit members (unmatched and
 * ambiguous members are left out and listed, never created). It is skipped when PluralKit already
 * has a switch at that instant, which makes the same import twice add nothing, or when it names
 * the same fronters as the switch before it (in the file or already in PluralKit), which would add
 * nothing either and which PluralKit refuses for a newest switch. Switches in the future, before
 * 2018 or with more than 150 members are refused and counted by reason. Pure: reads nothing.
 */
export function planImport<T extends NamedEntity>(input: ImportPlanInput<T>): ImportPlan<T> {
  const { file, now } = input;
  const counts = switchCounts(file.switches);
  const matches = matchMembers(
    file.members.filter((member) => counts.has(member.key)),
    input.members,
  );
  const pluralKitId = (key: string): string | null => {
    const match = matches.get(key);
    return match?.status === 'matched' ? match.member.id : null;
  };

  const existing = input.existing
    .map((entry) => ({ at: parseIsoInstant(entry.timestamp), members: entry.members }))
    .filter((entry): entry is { at: Micros; members: readonly string[] } => entry.at !== null)
    .sort((a, b) => a.at - b.at);
  const existingTimes = new Map(existing.map((entry) => [entry.at, entry.members]));
  const earliest = EARLIEST_SWITCH_TIME.getTime() * MICROS_PER_MILLI;

  const refused = new RefusedEntryTally(file.refused);
  const planned: Array<{ at: Micros; members: string[] }> = [];
  let alreadyPresent = 0;
  let alreadyPresentDiffering = 0;
  let unchanged = 0;
  let missingMembers = 0;
  let nextExisting = 0;
  let existingBefore: { at: Micros; members: readonly string[] } | undefined;

  for (const point of file.switches) {
    if (isInFuture(new Date(toEpochMillis(point.at)), now)) {
      refused.add('future', point.at);
      continue;
    }
    if (point.at < earliest) {
      refused.add('too-early', point.at);
      continue;
    }
    const ids = point.members.map(pluralKitId);
    const members = [...new Set(ids.filter((id): id is string => id !== null))];
    if (members.length > MAX_SWITCH_MEMBERS) {
      refused.add('too-many-members', point.at);
      continue;
    }
    const present = existingTimes.get(point.at);
    if (present) {
      alreadyPresent++;
      if (!sameMembers(present, members)) alreadyPresentDiffering++;
      continue;
    }
    while (nextExisting < existing.length && existing[nextExisting]!.at < point.at) existingBefore = existing[nextExisting++];
    const lastPlanned = planned.at(-1);
    const before = !lastPlanned || (existingBefore && existingBefore.at > lastPlanned.at) ? existingBefore : lastPlanned;
    if (before ? sameMembers(before.members, members) : members.length === 0) {
      unchanged++;
      continue;
    }
    if (ids.includes(null)) missingMembers++;
    planned.push({ at: point.at, members });
  }

  return {
    switches: planned.map((entry) => ({ timestamp: formatInstant(entry.at), members: entry.members })),
    preview: {
      source: file.source,
      entries: file.entries,
      fileSwitches: file.switches.length,
      fileSpan: spanOf(file.switches[0]?.at, file.switches.at(-1)?.at),
      toAdd: planned.length,
      span: spanOf(planned[0]?.at, planned.at(-1)?.at),
      ...memberSummary(matches, counts),
      customFronts: file.customFronts,
      alreadyPresent,
      alreadyPresentDiffering,
      unchanged,
      missingMembers,
      refused: refused.list(),
    },
  };
}
