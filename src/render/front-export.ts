import type { FrontExport } from '../fronts/export.js';
import type { ExportFormat } from '../fronts/export-files.js';
import { discordTimestamp } from '../time/format.js';
import { systemHeadingName } from './system.js';

/** The export's reply beside its file(s). */
export function frontExportText(result: FrontExport, format: ExportFormat): string {
  const view = result.ownerView ? 'as you see it' : "PluralKit's public view";
  const lines = [
    `📄 Front history of ${systemHeadingName(result.system)} (${view}), range ${result.rangeLabel}: ${result.rows.toLocaleString('en')} switch${result.rows === 1 ? '' : 'es'}, oldest first, times in UTC.`,
  ];
  if (result.files.length > 1) {
    lines.push(`It is split into ${result.files.length} ${format.toUpperCase()} files so that each fits Discord's attachment size limit; each file is complete on its own.`);
  }
  if (result.readBackTo !== null) {
    lines.push(`⚠️ Only the front history since ${discordTimestamp(new Date(result.readBackTo), 'f')} could be read in time: the file starts there. Export a shorter \`range\` for the part before.`);
  }
  if (!result.ownerView) lines.push('Members this view does not name are listed by ID with an empty name.');
  return lines.join('\n');
}

/** Alt text of an exported file. */
export function exportFileDescription(rows: number, part: number, parts: number): string {
  return `Front history, ${rows.toLocaleString('en')} switches${parts > 1 ? ` (part ${part} of ${parts})` : ''}`;
}
