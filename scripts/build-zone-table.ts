/*
 * Writes src/time/zone-table.json: each time zone's offsets and abbreviations (CET/CEST, PST/PDT,
 * JST…) in mid-January and mid-July, as this runtime's CLDR data writes them. Asking CLDR at run
 * time costs ~75 MB of ICU data held for the life of the process (13 locales × every zone), so the
 * bot reads this file instead. Run again when time zone rules change:
 *   npx tsx scripts/build-zone-table.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { abbreviationsFor } from '../src/time/zone-abbreviations.js';
import { zoneCatalogue } from '../src/time/zone-catalogue.js';
import type { ZoneTableFile } from '../src/time/zone-table.js';

const year = new Date().getUTCFullYear();
const table = abbreviationsFor(zoneCatalogue().zones, year);
const file: ZoneTableFile = {
  year,
  zones: Object.fromEntries(
    [...table.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, entry]) => [id, entry.seasons.map((season) => [season.offsetMinutes, season.abbreviation ?? null])]),
  ) as ZoneTableFile['zones'],
};
const target = resolve(import.meta.dirname, '../src/time/zone-table.json');
writeFileSync(target, `${JSON.stringify(file)}\n`);
console.log(`wrote ${Object.keys(file.zones).length} zones for ${year} to ${target}`);
