import { describe, expect, it } from 'vitest';
import { abbreviationsFor } from '../../src/time/zone-abbreviations.js';
import { zoneCatalogue } from '../../src/time/zone-catalogue.js';
import { zoneTable } from '../../src/time/zone-table.js';

const WELL_KNOWN = ['Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney', 'Asia/Calcutta', 'Europe/London'];

describe('the generated zone table (scripts/build-zone-table.ts)', () => {
  it('covers every zone of the catalogue that has seasons', () => {
    const table = zoneTable();
    const zones = zoneCatalogue().zones.filter((zone) => zone.fixedOffsetHours === undefined && zone.id !== 'UTC');
    expect(zones.filter((zone) => !table.has(zone.id)).map((zone) => zone.id)).toEqual([]);
  });

  it('agrees with what this runtime computes for well-known zones (else: run the script again)', () => {
    const computed = abbreviationsFor(zoneCatalogue().zones.filter((zone) => WELL_KNOWN.includes(zone.id)), new Date().getUTCFullYear());
    for (const id of WELL_KNOWN) {
      expect(zoneTable().get(id)?.seasons, id).toEqual(computed.get(id)?.seasons);
    }
    expect(zoneTable().get('Europe/Berlin')?.all).toEqual(new Set(['CET', 'CEST']));
  });
});
