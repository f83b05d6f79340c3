/*
 * Every time zone a system can be set to, with the keys people search by.
 * Zones come from the runtime (Intl.supportedValuesOf), plus UTC and the
 * fixed Etc/GMT±N offsets, which Intl accepts but does not list.
 */

/**
 * Zones renamed in tzdb whose old spelling Node's ICU (CLDR) still lists:
 * [old, current]. Choices show the current name; the value sent to
 * PluralKit stays the old one, which tzdb keeps as an alias forever, so
 * PluralKit accepts it whatever the age of its bundled tzdb (Europe/Kyiv only
 * exists since 2022). Intl has no API for this mapping, hence the list; each
 * pair is used only if the runtime confirms both names mean the same zone.
 */
const RENAMED: ReadonlyArray<readonly [string, string]> = [
  ['Africa/Asmera', 'Africa/Asmara'],
  ['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
  ['America/Catamarca', 'America/Argentina/Catamarca'],
  ['America/Coral_Harbour', 'America/Atikokan'],
  ['America/Cordoba', 'America/Argentina/Cordoba'],
  ['America/Godthab', 'America/Nuuk'],
  ['America/Indianapolis', 'America/Indiana/Indianapolis'],
  ['America/Jujuy', 'America/Argentina/Jujuy'],
  ['America/Louisville', 'America/Kentucky/Louisville'],
  ['America/Mendoza', 'America/Argentina/Mendoza'],
  ['Asia/Calcutta', 'Asia/Kolkata'],
  ['Asia/Katmandu', 'Asia/Kathmandu'],
  ['Asia/Rangoon', 'Asia/Yangon'],
  ['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
  ['Atlantic/Faeroe', 'Atlantic/Faroe'],
  ['Europe/Kiev', 'Europe/Kyiv'],
  ['Pacific/Enderbury', 'Pacific/Kanton'],
  ['Pacific/Ponape', 'Pacific/Pohnpei'],
  ['Pacific/Truk', 'Pacific/Chuuk'],
];

export interface CatalogueZone {
  /** What PluralKit is sent and stores, e.g. `Europe/Kiev`. */
  id: string;
  /** What people are shown, e.g. `Europe/Kyiv`. */
  display: string;
  /** Folded full names, every spelling, `_` read as a space: `america/sao paulo`. */
  names: string[];
  /** Folded last parts, every spelling: `sao paulo`, `kyiv`, `kiev`. */
  cities: string[];
  /** Folded first part: `america`, `europe`; empty for UTC. */
  region: string;
  /** Hours ahead of UTC for the fixed Etc/GMT±N zones (whose names have the sign reversed). */
  fixedOffsetHours?: number;
}

export interface ZoneCatalogue {
  /** In display-name order. */
  zones: CatalogueZone[];
  /** Lower-cased spellings (`_` and spaces both accepted) → zone. */
  bySpelling: Map<string, CatalogueZone>;
}

/** The canonical spelling Intl gives a zone name, or null when Intl does not know it. */
export function intlZoneName(name: string): string | null {
  // Offsets such as +05:00 are not tzdb names (and newer runtimes accept them): refuse them here.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Lower case without accents, `_` read as a space: `São Paulo`, `sao_paulo` and `SAO PAULO` all meet. */
export function zoneSearchForm(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/_/g, ' ');
}

const searchForm = zoneSearchForm;
const spellingKey = (name: string): string => name.trim().toLowerCase().replace(/[ _]+/g, '_');

function fixedOffsetZones(): Array<{ id: string; hours: number }> {
  const zones: Array<{ id: string; hours: number }> = [];
  // POSIX signs: Etc/GMT-5 is five hours ahead of UTC. Whole hours from UTC−12 to UTC+14 exist.
  for (let hours = -12; hours <= 14; hours++) {
    if (hours === 0) continue;
    zones.push({ id: `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`, hours });
  }
  return zones;
}

function entry(id: string, display: string, spellings: readonly string[], fixedOffsetHours?: number): CatalogueZone {
  const names = [...new Set(spellings.map(searchForm))];
  const cities = [...new Set(names.map((name) => name.slice(name.lastIndexOf('/') + 1)))];
  const slash = display.indexOf('/');
  return { id, display, names, cities, region: slash === -1 ? '' : searchForm(display.slice(0, slash)), ...(fixedOffsetHours === undefined ? {} : { fixedOffsetHours }) };
}

let catalogue: ZoneCatalogue | undefined;

/** Built once per process: a few hundred names, no formatter. */
export function zoneCatalogue(): ZoneCatalogue {
  if (catalogue) return catalogue;
  const renamed = new Map<string, string>();
  for (const [old, current] of RENAMED) if (intlZoneName(current) === old) renamed.set(old, current);
  // Where a newer runtime already lists the current name, keep sending the old one all the same.
  const oldFor = new Map<string, string>([...renamed].map(([old, current]) => [current, old]));

  const zones: CatalogueZone[] = [];
  const seen = new Set<string>();
  for (const listed of Intl.supportedValuesOf('timeZone')) {
    const id = oldFor.get(listed) ?? listed;
    if (seen.has(id)) continue;
    seen.add(id);
    const display = renamed.get(id) ?? id;
    zones.push(entry(id, display, display === id ? [id] : [display, id]));
  }
  if (!seen.has('UTC')) zones.push(entry('UTC', 'UTC', ['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT']));
  for (const { id, hours } of fixedOffsetZones()) if (!seen.has(id) && intlZoneName(id) !== null) zones.push(entry(id, id, [id], hours));
  zones.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));

  const bySpelling = new Map<string, CatalogueZone>();
  for (const zone of zones) {
    for (const spelling of new Set([zone.id, zone.display, ...(zone.id === 'UTC' ? ['Etc/UTC', 'GMT', 'Etc/GMT', 'Zulu', 'Etc/Zulu'] : [])])) {
      bySpelling.set(spellingKey(spelling), zone);
    }
  }
  catalogue = { zones, bySpelling };
  return catalogue;
}

/**
 * The spelling to send PluralKit for a zone typed in any case (`europe/berlin`,
 * `Asia/Kolkata`, `us/eastern`), or null when it is no time zone: the
 * catalogue's id, or for other tzdb aliases Intl knows, Intl's canonical name.
 */
export function canonicalZone(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '' || trimmed.length > 64) return null;
  const { bySpelling } = zoneCatalogue();
  const listed = bySpelling.get(spellingKey(trimmed));
  if (listed) return listed.id;
  const resolved = intlZoneName(trimmed.replace(/ /g, '_'));
  if (resolved === null) return null;
  return bySpelling.get(spellingKey(resolved))?.id ?? resolved;
}

/** How a stored zone reads: the current name for a renamed zone (`Europe/Kiev` → `Europe/Kyiv`), else as stored. */
export function zoneDisplayName(zone: string): string {
  return zoneCatalogue().bySpelling.get(spellingKey(zone))?.display ?? zone;
}
