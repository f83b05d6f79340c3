import type { Read } from '../../../src/input/read.js';
import { Limits } from '../../../src/pluralkit/requests.js';
import { formatLatchTimeout, parseLatchTimeout } from '../../../src/time/latch-timeout.js';
import { canonicalZone, zoneChoices, zoneDisplayName } from '../../../src/time/zones.js';
import { choice, flag, parsed, text } from '../../../src/framework/fields.js';
import { nameFormatField } from './system.js';

/*
 * The options of /system settings edit: every setting PluralKit's API lets us change (reference
 * §3.6), each with its PATCH key. `show_private_info`, `hid_list_padding` and the limits are not
 * patchable, so they are shown by /system settings view but never offered here.
 */

const ZONE_MAX = 64;
const SUGGESTIONS = 3;

/** A time zone PluralKit accepts, in the spelling it should be sent; a miss suggests the closest zones. */
export function readTimezone(input: string): Read<string> {
  const zone = canonicalZone(input);
  if (zone !== null) return { ok: true, value: zone };
  const near = zoneChoices(input, new Date()).slice(0, SUGGESTIONS).map((entry) => `\`${entry.value}\``);
  const hint = near.length > 0 ? ` Did you mean ${near.join(', ')}?` : ' Pick one from the list, e.g. `Europe/Berlin` or `America/New_York`.';
  return { ok: false, message: `is not a time zone PluralKit knows (\`${input.slice(0, 40).replace(/`/g, "'")}\`).${hint}` };
}

/** `30m`, `6h`, `never` (0) or `default` (null): seconds to send. */
export function readLatchTimeout(input: string): Read<number | null> {
  const result = parseLatchTimeout(input);
  return result.ok ? { ok: true, value: result.seconds } : { ok: false, message: `was not understood. ${result.message}` };
}

const showFlag = (value: unknown): string => (value === true ? 'on' : value === false ? 'off' : 'not reported by PluralKit');

export const settingsFields = () => ({
  timezone: parsed({
    description: 'Your time zone: type a city, region or offset and pick from the list',
    label: 'Time zone',
    max: ZONE_MAX,
    read: readTimezone,
    show: zoneDisplayName,
    autocomplete: 'timezone',
    patch: 'timezone',
  }),
  pings: flag({ description: "Let others ping you with PluralKit's 🔔 reaction", label: 'Pings', patch: 'pings_enabled' }),
  latch_timeout: parsed<number | null>({
    description: 'How long latch autoproxy lasts: 30m, 6h, never, or default (6 h)',
    label: 'Latch timeout',
    max: 60,
    read: readLatchTimeout,
    show: formatLatchTimeout,
    patch: { key: 'latch_timeout', showStored: (value) => formatLatchTimeout(typeof value === 'number' ? value : null) },
  }),
  member_default_private: flag({ description: 'Members made with pk; start private', label: 'New members private', patch: 'member_default_private' }),
  group_default_private: flag({ description: 'Groups made with pk; start private', label: 'New groups private', patch: 'group_default_private' }),
  case_sensitive_proxy_tags: flag({ description: 'Proxy tags match letter case exactly (A: is not a:)', label: 'Case-sensitive proxy tags', patch: 'case_sensitive_proxy_tags' }),
  proxy_error_message: flag({ description: 'PluralKit tells you when it could not proxy a message', label: 'Proxy error messages', patch: 'proxy_error_message_enabled' }),
  id_split: flag({ description: 'PluralKit shows 6-letter IDs split, as abc-def', label: 'Split IDs', patch: 'hid_display_split' }),
  id_caps: flag({ description: 'PluralKit shows IDs in capitals', label: 'Capital IDs', patch: 'hid_display_caps' }),
  proxy_switch: choice({
    description: 'Proxying logs a switch: off, new (switch to the member) or add (add it to the fronters)',
    label: 'Switch on proxy',
    choices: ['off', 'new', 'add'] as const,
    patch: 'proxy_switch',
  }),
  name_format: nameFormatField(),
  show_color: {
    ...flag({ description: "PluralKit's cards show colours as hex codes", label: 'Colour on cards', patch: 'card_show_color_hex' }),
    show: showFlag,
    patch: { key: 'card_show_color_hex', showStored: showFlag },
  },
});

/** The form of /system settings edit with no option: the name format and the description templates. */
export const settingsFormFields = () => ({
  name_format: nameFormatField(),
  template_1: templateField(1),
  template_2: templateField(2),
  template_3: templateField(3),
});

function templateField(index: number) {
  return text({ description: `Description template ${index}`, max: Limits.descriptionTemplate, form: { label: `Description template ${index}`, style: 'paragraph' } });
}
