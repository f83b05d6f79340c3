import { DiscordLimits } from '../core/discord-limits.js';
import { truncate } from '../text/truncate.js';
import { abbreviationNow, type ZoneAbbreviations } from './zone-abbreviations.js';
import { canonicalZone, zoneCatalogue, zoneSearchForm, type CatalogueZone } from './zone-catalogue.js';
import { formatOffset, readZone } from './zone-clock.js';
import { zoneTable } from './zone-table.js';

export { canonicalZone, zoneDisplayName } from './zone-catalogue.js';

/*
 * Time zone autocomplete for /system settings: IANA zones found by city
 * (`new york`, `sao paulo` without accents), region (`europe/`), full name,
 * abbreviation (`CET`, `PST`, `JST`, for the current year) or UTC offset
 * (`UTC+5:30`, `-3`), each shown with its local time now.
 */

export interface ZoneChoice {
  name: string;
  value: string;
}

/** Shown before anything is typed: widely used zones, one or two per region of the world. */
const STARTER_ZONES = [
  'Pacific/Honolulu', 'America/Anchorage', 'America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York',
  'America/Halifax', 'America/Sao_Paulo', 'UTC', 'Europe/London', 'Europe/Berlin', 'Europe/Helsinki', 'Europe/Moscow',
  'Asia/Dubai', 'Asia/Calcutta', 'Asia/Bangkok', 'Asia/Shanghai', 'Asia/Tokyo', 'Australia/Sydney', 'Pacific/Auckland',
];

// Scores: higher ranks first; ties in name order.
const EXACT_NAME = 100;
const EXACT_FIXED_OFFSET = 95;
const EXACT_CITY = 90;
const ABBREVIATION_NOW = 85;
const ABBREVIATION_OTHER_SEASON = 80;
const SAME_OFFSET_NOW = 75;
const NAME_PREFIX = 70;
const REGION = 65;
const CITY_PREFIX = 60;
const WORD_PREFIX = 50;
const SUBSTRING = 30;

const MAX_QUERY_LENGTH = 64;

/** `UTC+5`, `gmt-3:30`, `+05:30`, `-3` → minutes ahead of UTC; null when the query is no offset. */
function parseOffsetQuery(query: string): number | null {
  const match = /^(?:utc|gmt)?\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?$/.exec(query);
  if (!match) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  if (hours > 14 || minutes > 59) return null;
  return (match[1] === '+' ? 1 : -1) * (hours * 60 + minutes);
}

function score(zone: CatalogueZone, query: string, upper: string, offset: number | null, table: Map<string, ZoneAbbreviations>, now: Date): number {
  if (zone.names.includes(query)) return EXACT_NAME;
  if (offset !== null) {
    if (zone.fixedOffsetHours !== undefined) return zone.fixedOffsetHours * 60 === offset ? EXACT_FIXED_OFFSET : 0;
    // Only zones that have this offset in some season are read now (reading a zone loads its ICU data).
    const seasons = table.get(zone.id)?.seasons;
    if (zone.id === 'UTC' || !seasons?.some((season) => season.offsetMinutes === offset)) return 0;
    return readZone(zone.id, now).offsetMinutes === offset ? SAME_OFFSET_NOW : 0;
  }
  if (zone.cities.includes(query)) return EXACT_CITY;
  const abbreviations = table.get(zone.id);
  if (abbreviations?.all.has(upper)) {
    return abbreviationNow(abbreviations, readZone(zone.id, now).offsetMinutes) === upper ? ABBREVIATION_NOW : ABBREVIATION_OTHER_SEASON;
  }
  if (zone.names.some((name) => name.startsWith(query))) return query.includes('/') ? NAME_PREFIX : CITY_PREFIX;
  if (zone.region === query) return REGION;
  if (zone.cities.some((city) => city.startsWith(query))) return CITY_PREFIX;
  if (zone.names.some((name) => name.includes(` ${query}`) || name.includes(`/${query}`))) return WORD_PREFIX;
  if (query.length >= 2 && zone.names.some((name) => name.includes(query))) return SUBSTRING;
  return 0;
}

/** `Europe/Berlin — 14:05 (CET, UTC+1)`; fixed offsets say they never change. */
function choiceName(zone: CatalogueZone, now: Date, table: Map<string, ZoneAbbreviations>): string {
  const reading = readZone(zone.id, now);
  const clock = `${String(reading.hour).padStart(2, '0')}:${String(reading.minute).padStart(2, '0')}`;
  const offset = formatOffset(reading.offsetMinutes);
  const abbreviation = abbreviationNow(table.get(zone.id), reading.offsetMinutes);
  const detail = zone.fixedOffsetHours !== undefined ? `${offset}, no daylight saving` : abbreviation ? `${abbreviation}, ${offset}` : offset;
  return truncate(`${zone.display} — ${clock} (${detail})`, DiscordLimits.autocompleteChoiceName);
}

/**
 * Up to 25 zones for what was typed, best first: exact names, then fixed
 * offsets, cities, abbreviations (in force now before the other season's),
 * zones at a typed offset, name and city prefixes, words, substrings. An
 * empty query offers widely used zones, west to east. Values are what
 * PluralKit should be sent (see `canonicalZone`).
 */
export function zoneChoices(query: string, now: Date): ZoneChoice[] {
  const { zones, bySpelling } = zoneCatalogue();
  const table = zoneTable();
  const folded = zoneSearchForm(query.trim()).replace(/\s+/g, ' ').slice(0, MAX_QUERY_LENGTH);
  let picked: CatalogueZone[];
  if (folded === '') {
    picked = STARTER_ZONES.flatMap((id) => bySpelling.get(id.toLowerCase()) ?? [])
      .map((zone) => ({ zone, offset: readZone(zone.id, now).offsetMinutes }))
      .sort((a, b) => a.offset - b.offset)
      .map(({ zone }) => zone);
  } else {
    const upper = folded.toUpperCase();
    const offset = parseOffsetQuery(folded);
    picked = zones
      .map((zone) => ({ zone, score: score(zone, folded, upper, offset, table, now) }))
      .filter(({ score: value }) => value > 0)
      .sort((a, b) => b.score - a.score)
      .map(({ zone }) => zone);
  }
  return picked.slice(0, DiscordLimits.autocompleteChoices).map((zone) => ({
    name: choiceName(zone, now, table),
    value: zone.id.slice(0, DiscordLimits.autocompleteChoiceValue),
  }));
}

/** Whether PluralKit would accept `name` as a time zone (any case, old or new spelling). */
export function isKnownZone(name: string): boolean {
  return canonicalZone(name) !== null;
}
