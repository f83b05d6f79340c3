import { DiscordLimits } from '../core/discord-limits.js';
import { safeName } from '../text/markdown.js';
import { truncate } from '../text/truncate.js';

import type { ChangeRow } from '../core/change-row.js';


/** Long values (descriptions) are cut in before → after lines; the card shows them whole. */
const VALUE_MAX = 200;

function shown(value: string | null): string {
  return value === null || value === '' ? '*not set*' : safeName(truncate(value, VALUE_MAX));
}

/** `**Pronouns:** she/her → they/them`, one line per changed field; unchanged fields are left out. */
export function renderChanges(rows: readonly ChangeRow[]): string {
  const lines = rows.filter((row) => row.before !== row.after).map((row) => `**${row.label}:** ${shown(row.before)} → ${shown(row.after)}`);
  return truncate(lines.length > 0 ? lines.join('\n') : 'Nothing changed: every value was already set that way.', DiscordLimits.messageContent - 100);
}

/** Said after a write whose answer was lost but which reading PluralKit back showed was saved. */
export const READ_BACK_NOTE = '📝 PluralKit was slow to answer, so I read it back: the change is saved.';

export interface SavedOptions {
  /** The answer was lost and PluralKit was read back. */
  readBack: boolean;
  /** Warnings and effects, after the changes. */
  notes?: readonly string[];
  /** Say "nothing changed" when no row changed (edits); a create has nothing to compare. Default true. */
  sayWhenUnchanged?: boolean;
}

/** The reply to a write: a lead sentence (markdown), each change before → after, notes, a read-back note. */
export function renderSaved(lead: string, rows: readonly ChangeRow[], options: SavedOptions): string {
  const changed = rows.some((row) => row.before !== row.after);
  const lines = [`✅ ${lead}`];
  if (changed || options.sayWhenUnchanged !== false) lines.push(renderChanges(rows));
  lines.push(...(options.notes ?? []));
  if (options.readBack) lines.push(READ_BACK_NOTE);
  return truncate(lines.join('\n'), DiscordLimits.messageContent);
}
