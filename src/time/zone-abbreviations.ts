import { readZone } from './zone-clock.js';
import type { CatalogueZone } from './zone-catalogue.js';

/*
 * Time zone abbreviations (CET, PST, JST, AEST, BST…) as the runtime's CLDR
 * data writes them, for one year: what people type to find their zone, and
 * what a choice shows. English short names exist only where a region commonly
 * uses them, so several English locales are asked, plus Japanese (JST) and
 * Brazilian Portuguese (BRT); names like "GMT+9" are not abbreviations.
 */

const LOCALES = ['en-US', 'en-GB', 'en-IE', 'en-AU', 'en-NZ', 'en-CA', 'en-IN', 'en-ZA', 'en-SG', 'en-HK', 'en-ID', 'ja-JP', 'pt-BR'];

/**
 * Abbreviations in wide use that CLDR has no English short name for, by
 * zone: [standard, daylight]. Kept to zones with millions of people.
 */
const NOT_IN_CLDR: Readonly<Record<string, readonly [string, string]>> = {
  'Asia/Seoul': ['KST', 'KST'],
  'Asia/Shanghai': ['CST', 'CST'],
  'Asia/Manila': ['PHT', 'PHT'],
  'Asia/Karachi': ['PKT', 'PKT'],
  'Asia/Bangkok': ['ICT', 'ICT'],
  'Asia/Saigon': ['ICT', 'ICT'],
  'Asia/Jerusalem': ['IST', 'IDT'],
  'Europe/Moscow': ['MSK', 'MSK'],
};

const ABBREVIATION = /^[A-Z]{2,5}$/;

export interface Season {
  offsetMinutes: number;
  abbreviation?: string;
}

export interface ZoneAbbreviations {
  /** Mid-January and mid-July of the year: the two seasons of any zone with daylight saving. */
  seasons: [Season, Season];
  /** Every abbreviation the zone uses that year, upper case. */
  all: Set<string>;
}

function seasonDates(year: number): [Date, Date] {
  return [new Date(Date.UTC(year, 0, 15, 12)), new Date(Date.UTC(year, 6, 15, 12))];
}

/** The first short name each locale (in order) writes as letters, per season, for one zone. */
function probe(zone: string, dates: readonly [Date, Date]): [string | undefined, string | undefined] {
  const found: [string | undefined, string | undefined] = [undefined, undefined];
  for (const locale of LOCALES) {
    const formatter = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' });
    for (const season of [0, 1] as const) {
      if (found[season] !== undefined) continue;
      const name = formatter.formatToParts(dates[season]).find((part) => part.type === 'timeZoneName')?.value ?? '';
      if (ABBREVIATION.test(name)) found[season] = name;
    }
    if (found[0] !== undefined && found[1] !== undefined) break;
  }
  return found;
}

/**
 * Abbreviations for every geographic zone of the catalogue in `year`.
 * Zones whose English long names and offsets agree in both seasons share a
 * CLDR metazone and so its short names: each such group is asked once, which
 * brings ~2,000 formatter builds down from ~11,000 (still the costly part,
 * about 0.3 s: done once per year and process).
 */
export function abbreviationsFor(zones: readonly CatalogueZone[], year: number): Map<string, ZoneAbbreviations> {
  const dates = seasonDates(year);
  const groups = new Map<string, { names: [string | undefined, string | undefined] | undefined; zones: Array<{ id: string; seasons: [Season, Season] }> }>();
  for (const zone of zones) {
    if (zone.fixedOffsetHours !== undefined || zone.id === 'UTC') continue;
    const readings = dates.map((date) => readZone(zone.id, date));
    const key = readings.map((reading) => `${reading.longName}@${reading.offsetMinutes}`).join('|');
    const group = groups.get(key) ?? { names: undefined, zones: [] };
    group.zones.push({ id: zone.id, seasons: [{ offsetMinutes: readings[0]!.offsetMinutes }, { offsetMinutes: readings[1]!.offsetMinutes }] });
    groups.set(key, group);
  }
  const table = new Map<string, ZoneAbbreviations>();
  for (const group of groups.values()) {
    const names = probe(group.zones[0]!.id, dates);
    for (const { id, seasons } of group.zones) {
      const [standard, daylight] = NOT_IN_CLDR[id] ?? names;
      if (standard) seasons[0].abbreviation = standard;
      if (daylight) seasons[1].abbreviation = daylight;
      table.set(id, { seasons, all: new Set([standard, daylight].filter((name): name is string => name !== undefined)) });
    }
  }
  return table;
}

/** The abbreviation in force at an instant whose offset is `offsetMinutes`, if the zone has one then. */
export function abbreviationNow(abbreviations: ZoneAbbreviations | undefined, offsetMinutes: number): string | undefined {
  return abbreviations?.seasons.find((season) => season.offsetMinutes === offsetMinutes)?.abbreviation;
}
