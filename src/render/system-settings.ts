import type { APIEmbed } from 'discord-api-types/v10';
import type { SystemSettingsView } from '../pluralkit/models.js';
import { reportedSettings } from '../system/settings-catalogue.js';
import { formatOffset, readZone } from '../time/zone-clock.js';
import { canonicalZone, zoneDisplayName } from '../time/zones.js';
import { fitEmbed } from '../interaction/embed-limits.js';
import { embedColor } from './format.js';
import { safeName } from '../text/markdown.js';
import { placeHeading } from './heading.js';
import { systemHeadingName } from './system.js';
import type { SystemNaming } from '../access/read-target.js';

/** `14:05 there now, UTC+2`, or nothing for a zone this machine cannot read. */
export function localTimeNote(zone: string, now: Date): string {
  const known = canonicalZone(zone);
  if (known === null) return '';
  const reading = readZone(known, now);
  return `${String(reading.hour).padStart(2, '0')}:${String(reading.minute).padStart(2, '0')} there now, ${formatOffset(reading.offsetMinutes)}`;
}

export interface SettingsViewOptions {
  /** The system whose settings these are (null: the owner's own, shown only to them). */
  system: SystemNaming | null;
  /** The owner's view: every setting, with the option that changes it. */
  owner: boolean;
  now: Date;
  color?: string | null;
}

/**
 * Every setting PluralKit reports, as `pk;config` lists them: a 🔷 marks a value changed from the
 * default; the owner sees which `/system settings edit` option changes each one, or that only
 * PluralKit's own bot can.
 */
export function renderSettings(settings: SystemSettingsView, options: SettingsViewOptions): APIEmbed {
  const lines = reportedSettings(settings).map(({ spec, value }) => {
    const marker = spec.isDefault(value) ? '' : '🔷 ';
    const clock = spec.key === 'timezone' && typeof value === 'string' ? localTimeNote(value, options.now) : '';
    const shown = `${safeName(spec.show(value))}${clock ? ` (${clock})` : ''}`;
    const change = !options.owner ? '' : 'option' in spec.change ? ` · \`${spec.change.option}\`` : ` · *only with PluralKit: ${spec.change.pluralkit}*`;
    return `${marker}**${spec.label}:** ${shown} — ${spec.explain}${change}`;
  });
  return fitEmbed({
    ...placeHeading(options.owner || !options.system ? 'Settings of your system' : `Public settings of ${systemHeadingName(options.system)}`, lines.join('\n')),
    color: embedColor(options.color),
    footer: {
      text: options.owner
        ? "🔷 = changed from PluralKit's default. Change a setting with /system settings edit and the option shown."
        : "🔷 = changed from PluralKit's default. PluralKit shows others only these settings.",
    },
  });
}

/** Said after the time zone changed: `at` options are read in it from now on. */
export function timezoneNote(zone: string, now: Date): string {
  const clock = localTimeNote(zone, now);
  return `📝 Times you type (\`at\`, \`range\`) are now read in ${safeName(zoneDisplayName(zone))}${clock ? `: ${clock}` : ''}.`;
}
