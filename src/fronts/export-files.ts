import type { FrontRow } from './export-rows.js';

export type ExportFormat = 'csv' | 'json';

export interface ExportFile {
  /** `fronts.csv`, or `fronts-1.csv`, `fronts-2.csv`… when the history needs several files. */
  name: string;
  data: Buffer;
  rows: number;
}

const CSV_COLUMNS = ['start', 'end', 'member_ids', 'member_names', 'duration_seconds'] as const;
/** The member lists' separator inside one CSV cell. */
export const CSV_LIST_SEPARATOR = ';';
/** Spreadsheet apps open UTF-8 CSV as UTF-8 (non-Latin and emoji names intact) only with this mark. */
const BYTE_ORDER_MARK = '\uFEFF';
const CRLF = '\r\n';

/** A cell a spreadsheet would run as a formula starts with one of these (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: text that could start a formula is made plain with a leading `'`, then quoted per RFC 4180 when needed. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(row: FrontRow): string {
  const cells = [row.start, row.end, row.member_ids.join(CSV_LIST_SEPARATOR), row.member_names.join(CSV_LIST_SEPARATOR), row.duration_seconds];
  return cells.map(csvCell).join(',') + CRLF;
}

/** How one format frames its rows into a file. */
interface Layout {
  extension: string;
  open: string;
  item(row: FrontRow): string;
  separator: string;
  close: string;
}

const LAYOUTS: Record<ExportFormat, Layout> = {
  csv: { extension: 'csv', open: BYTE_ORDER_MARK + CSV_COLUMNS.join(',') + CRLF, item: csvLine, separator: '', close: '' },
  json: { extension: 'json', open: '[\n', item: (row) => JSON.stringify(row), separator: ',\n', close: '\n]\n' },
};

/**
 * The rows as `fronts.csv` or `fronts.json`, split into several files (each complete: CSV with
 * its header, JSON a whole array) so that none exceeds `maxBytes`, e.g. Discord's attachment limit.
 */
export function frontHistoryFiles(rows: readonly FrontRow[], format: ExportFormat, maxBytes: number): ExportFile[] {
  const layout = LAYOUTS[format];
  const frameBytes = Buffer.byteLength(layout.open) + Buffer.byteLength(layout.close);
  const separatorBytes = Buffer.byteLength(layout.separator);
  const parts: string[][] = [[]];
  let bytes = frameBytes;
  for (const row of rows) {
    const item = layout.item(row);
    const itemBytes = Buffer.byteLength(item);
    if (frameBytes + itemBytes > maxBytes) throw new RangeError(`a ${format} file of ${maxBytes} bytes cannot hold one row of ${itemBytes} bytes`);
    const current = parts.at(-1)!;
    const added = itemBytes + (current.length > 0 ? separatorBytes : 0);
    if (bytes + added > maxBytes) {
      parts.push([item]);
      bytes = frameBytes + itemBytes;
    } else {
      current.push(item);
      bytes += added;
    }
  }
  return parts.map((items, index) => ({
    name: parts.length === 1 ? `fronts.${layout.extension}` : `fronts-${index + 1}.${layout.extension}`,
    data: Buffer.from(layout.open + items.join(layout.separator) + (items.length > 0 ? layout.close : layout.close.trimStart())),
    rows: items.length,
  }));
}
