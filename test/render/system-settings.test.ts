import { describe, expect, it } from 'vitest';
import { PublicSystemSettingsSchema, SystemSettingsSchema } from '../../src/pluralkit/models.js';
import { publicSystemSettings } from '../../src/pluralkit/privacy.js';
import { renderSettings } from '../../src/render/system-settings.js';
import { SETTINGS } from '../../src/system/settings-catalogue.js';
import { expectWithinDiscordLimits } from './fixtures.js';

const NOW = new Date('2026-05-01T12:00:00Z');
const defaults = SystemSettingsSchema.parse({
  timezone: 'UTC',
  pings_enabled: true,
  latch_timeout: null,
  member_default_private: false,
  group_default_private: false,
  show_private_info: true,
  member_limit: 1000,
  group_limit: 250,
  case_sensitive_proxy_tags: true,
  proxy_error_message_enabled: true,
  hid_display_split: false,
  hid_display_caps: false,
  hid_list_padding: 'off',
  proxy_switch: 'off',
  name_format: '{name} {tag}',
  description_templates: [],
});

const OWN = { name: 'Willow', id: 'wilgrv', accountId: null, ref: '@me' };

describe('renderSettings', () => {
  it("marks nothing on PluralKit's defaults, and every changed setting with 🔷", () => {
    const plain = renderSettings(defaults, { system: OWN, owner: true, now: NOW });
    expect(plain.description).not.toContain('🔷');
    const changed = renderSettings({ ...defaults, timezone: 'Europe/Berlin', latch_timeout: 0, hid_list_padding: 'left', description_templates: ['a'] }, { system: OWN, owner: true, now: NOW });
    const lines = changed.description!.split('\n');
    expect(lines[0]).toBe('🔷 **Time zone:** Europe/Berlin (14:00 there now, UTC+2) — how the times you type and see are read · `timezone`');
    expect(lines.filter((line) => line.startsWith('🔷'))).toHaveLength(4);
    expect(lines.find((line) => line.includes('Pad IDs'))).toContain('only with PluralKit: pk;config pad IDs');
    expectWithinDiscordLimits([changed]);
  });

  it('lists each catalogued setting once; the public view shows only the public ones and no options', () => {
    expect(new Set(SETTINGS.map((spec) => spec.key)).size).toBe(SETTINGS.length);
    const publicView = PublicSystemSettingsSchema.parse(publicSystemSettings(defaults));
    const embed = renderSettings(publicView, { system: { name: null, id: 'abcde', accountId: null, ref: 'abcde' }, owner: false, now: NOW });
    expect(embed.title).toBe('Public settings of system `abcde`');
    expect(embed.description!.split('\n')).toHaveLength(Object.keys(publicView).length);
    expect(embed.description).not.toMatch(/ · `/);
  });
});
