import { z } from 'zod';
import type { ZoneAbbreviations } from './zone-abbreviations.js';
import file from './zone-table.json' with { type: 'json' };

const SeasonSchema = z.tuple([z.number().int(), z.string().nullable()]);

/** `zone-table.json` as `scripts/build-zone-table.ts` writes it. */
export const ZoneTableFileSchema = z.object({
  year: z.number().int(),
  /** Zone → [mid-January, mid-July] as [minutes ahead of UTC, abbreviation or null]. */
  zones: z.record(z.string(), z.tuple([SeasonSchema, SeasonSchema])),
});
export type ZoneTableFile = z.infer<typeof ZoneTableFileSchema>;

let table: Map<string, ZoneAbbreviations> | undefined;

/**
 * Each zone's two seasons and abbreviations, from the generated file: reading them from CLDR at
 * run time would keep ~75 MB of ICU data in the process for good.
 */
export function zoneTable(): Map<string, ZoneAbbreviations> {
  if (!table) {
    table = new Map(
      Object.entries(ZoneTableFileSchema.parse(file).zones).map(([id, seasons]) => {
        const [winter, summer] = seasons.map(([offsetMinutes, abbreviation]) => (abbreviation ? { offsetMinutes, abbreviation } : { offsetMinutes }));
        const all = new Set(seasons.flatMap(([, abbreviation]) => (abbreviation ? [abbreviation] : [])));
        return [id, { seasons: [winter!, summer!], all }];
      }),
    );
  }
  return table;
}
