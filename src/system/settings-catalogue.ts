import type { SystemSettings, SystemSettingsView } from '../pluralkit/models.js';
import { formatLatchTimeout } from '../time/latch-timeout.js';
import { zoneDisplayName } from '../time/zones.js';

/*
 * Every system setting PluralKit reports (API reference §3.6), in PluralKit's `pk;config` order:
 * how it is named, its default, and whether the API lets us change it. The default test reads
 * the value as the GET reports it (`name_format` is "{name} {tag}" when unset).
 */

export type SettingKey = keyof SystemSettings;

export interface SettingSpec {
  key: SettingKey;
  label: string;
  /** The `/system settings edit` option that changes it, or how to change it with PluralKit when the API cannot. */
  change: { option: string } | { pluralkit: string };
  /** One line on what it does. */
  explain: string;
  isDefault(value: unknown): boolean;
  /** The value as people read it (plain text; the renderer escapes). */
  show(value: unknown): string;
}

const onOff = (value: unknown): string => (value ? 'on' : 'off');
const is = (expected: unknown) => (value: unknown) => value === expected;

export const DEFAULT_NAME_FORMAT = '{name} {tag}';

export const SETTINGS: readonly SettingSpec[] = [
  { key: 'timezone', label: 'Time zone', change: { option: 'timezone' }, explain: 'how the times you type and see are read', isDefault: is('UTC'), show: (value) => zoneDisplayName(String(value)) },
  { key: 'pings_enabled', label: 'Pings', change: { option: 'pings' }, explain: "whether others may ping you with PluralKit's 🔔 reaction", isDefault: is(true), show: onOff },
  {
    key: 'latch_timeout',
    label: 'Latch timeout',
    change: { option: 'latch_timeout' },
    explain: 'how long latch autoproxy keeps the last member after your last message',
    isDefault: is(null),
    show: (value) => formatLatchTimeout(typeof value === 'number' ? value : null),
  },
  { key: 'member_default_private', label: 'New members private', change: { option: 'member_default_private' }, explain: 'members made with `pk;` start private', isDefault: is(false), show: onOff },
  { key: 'group_default_private', label: 'New groups private', change: { option: 'group_default_private' }, explain: 'groups made with `pk;` start private', isDefault: is(false), show: onOff },
  { key: 'show_private_info', label: 'Show private info', change: { pluralkit: 'pk;config show private' }, explain: "whether PluralKit's own cards show you your private data", isDefault: is(true), show: onOff },
  { key: 'member_limit', label: 'Member limit', change: { pluralkit: 'ask PluralKit support' }, explain: 'how many members your system may have', isDefault: is(1000), show: String },
  { key: 'group_limit', label: 'Group limit', change: { pluralkit: 'ask PluralKit support' }, explain: 'how many groups your system may have', isDefault: is(250), show: String },
  { key: 'case_sensitive_proxy_tags', label: 'Case-sensitive proxy tags', change: { option: 'case_sensitive_proxy_tags' }, explain: '`A:` does not match `a:`', isDefault: is(true), show: onOff },
  { key: 'proxy_error_message_enabled', label: 'Proxy error messages', change: { option: 'proxy_error_message' }, explain: 'PluralKit tells you when it could not proxy', isDefault: is(true), show: onOff },
  { key: 'hid_display_split', label: 'Split IDs', change: { option: 'id_split' }, explain: 'PluralKit shows 6-letter IDs as `abc-def`', isDefault: is(false), show: onOff },
  { key: 'hid_display_caps', label: 'Capital IDs', change: { option: 'id_caps' }, explain: 'PluralKit shows IDs in capitals', isDefault: is(false), show: onOff },
  { key: 'hid_list_padding', label: 'Pad IDs', change: { pluralkit: 'pk;config pad IDs' }, explain: 'PluralKit pads 5-letter IDs in lists', isDefault: is('off'), show: String },
  {
    key: 'card_show_color_hex',
    label: 'Colour on cards',
    change: { option: 'show_color' },
    explain: "PluralKit's cards show the colour as hex",
    isDefault: (value) => value === undefined || value === false,
    show: (value) => (value === undefined ? 'not reported by the API' : onOff(value)),
  },
  { key: 'proxy_switch', label: 'Switch on proxy', change: { option: 'proxy_switch' }, explain: '`new`: proxying logs a switch; `add`: adds the member to the fronters', isDefault: is('off'), show: String },
  {
    key: 'name_format',
    label: 'Name format',
    change: { option: 'name_format' },
    explain: 'how proxied messages name the member',
    isDefault: (value) => value === null || value === undefined || value === DEFAULT_NAME_FORMAT,
    show: (value) => (typeof value === 'string' ? value : DEFAULT_NAME_FORMAT),
  },
  {
    key: 'description_templates',
    label: 'Description templates',
    change: { option: 'no option: opens a form' },
    explain: 'description templates saved for the PluralKit dashboard',
    isDefault: (value) => !Array.isArray(value) || value.length === 0,
    show: (value) => (Array.isArray(value) && value.length > 0 ? `${value.length} of 3` : 'none'),
  },
];

/** The settings in `settings`, in order: anyone else sees PluralKit's public subset only. */
export function reportedSettings(settings: SystemSettingsView): Array<{ spec: SettingSpec; value: unknown }> {
  const values = settings as Record<string, unknown>;
  return SETTINGS.filter((spec) => spec.key in values || (spec.key === 'card_show_color_hex' && 'timezone' in values)).map((spec) => ({ spec, value: values[spec.key] }));
}
