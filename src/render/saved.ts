import { DiscordLimits } from '../core/discord-limits.js';
import { renderChanges } from './changes.js';
import type { ChangeRow } from '../core/change-row.js';
import { safeName } from '../text/markdown.js';
import { truncate } from '../text/truncate.js';

/** The confirm prompt before clearing a field (`label`): what it holds now, and what else the same change sets. */
export function renderClearPrompt(subject: string, label: string, rows: readonly ChangeRow[]): string {
  const current = rows.find((row) => row.label === label)?.before ?? null;
  const now = current === null ? '*not set*' : safeName(truncate(current, 200));
  const lines = [`⚠️ Clear ${subject} **${label}**? It is now: ${now}`];
  const also = rows.filter((row) => row.label !== label && row.before !== row.after);
  if (also.length > 0) lines.push('The same change also sets:', renderChanges(also));
  return truncate(lines.join('\n'), DiscordLimits.messageContent - 100);
}

/** A name format PluralKit accepts but which leaves proxied messages without the member's name. */
export function nameFormatWarning(format: string | null | undefined): string | null {
  if (typeof format !== 'string' || format.trim() === '' || format.includes('{name}')) return null;
  return "⚠️ The name format has no `{name}`, so proxied messages won't show the member's name. PluralKit accepts it; set it again with `{name}` if that was not meant.";
}
