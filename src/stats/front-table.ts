import { z } from 'zod';
import type { FrontStats } from './types.js';

/**
 * What `/stats front`'s table shows, without intervals or names: kept between page turns, so a
 * page is drawn again from it (names looked up at that moment, as PluralKit then shows them).
 */
export type FrontTable = Pick<FrontStats, 'periodStart' | 'periodEnd' | 'denominatorMs' | 'switchCount' | 'flat' | 'frontersOnly' | 'groupName'> & {
  members: ReadonlyArray<{ memberId: string; totalMs: number; share: number }>;
  noFronter: { totalMs: number; share: number } | null;
};

/** A table as stored: one `[id, ms]` pair per member (shares follow from the denominator). 1,000 members take about 20 KB. */
export const PackedFrontTableSchema = z.object({
  rows: z.array(z.tuple([z.string().max(64), z.number().nonnegative()])).max(20_000),
  noFronterMs: z.number().nonnegative().nullable(),
  periodStart: z.number().nullable(),
  periodEnd: z.number(),
  denominatorMs: z.number().nonnegative(),
  switchCount: z.number().int().nonnegative(),
  flat: z.boolean(),
  frontersOnly: z.boolean(),
  groupName: z.string().nullable(),
});
export type PackedFrontTable = z.infer<typeof PackedFrontTableSchema>;

export function packFrontTable(table: FrontTable): PackedFrontTable {
  return {
    rows: table.members.map((row) => [row.memberId, row.totalMs]),
    noFronterMs: table.noFronter?.totalMs ?? null,
    periodStart: table.periodStart,
    periodEnd: table.periodEnd,
    denominatorMs: table.denominatorMs,
    switchCount: table.switchCount,
    flat: table.flat,
    frontersOnly: table.frontersOnly,
    groupName: table.groupName,
  };
}

export function unpackFrontTable(packed: PackedFrontTable): FrontTable {
  const shareOf = (ms: number): number => (packed.denominatorMs > 0 ? ms / packed.denominatorMs : 0);
  const { rows, noFronterMs, ...rest } = packed;
  return {
    ...rest,
    members: rows.map(([memberId, totalMs]) => ({ memberId, totalMs, share: shareOf(totalMs) })),
    noFronter: noFronterMs === null ? null : { totalMs: noFronterMs, share: shareOf(noFronterMs) },
  };
}
