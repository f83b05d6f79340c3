import { readBirthday } from '../../../src/input/birthday.js';
import { readColor } from '../../../src/input/color.js';
import { readHttpsUrl } from '../../../src/input/https-url.js';
import { proxyTemplate, readProxyTemplate, type ProxyTagInput } from '../../../src/input/proxy-template.js';
import { Limits } from '../../../src/pluralkit/requests.js';
import { formatBirthday } from '../../../src/time/format.js';
import { describeProxyTags } from '../../../src/render/proxy-tag.js';
import { choice, flag, parsed, text, type AnyField } from '../../../src/framework/fields.js';

/*
 * The profile fields members, groups and the system share, declared once with PluralKit's limits
 * (from `Limits`): each knows its option, its reader, its form input and its PATCH key.
 */

export const nameField = (what: string) =>
  text({ description: `The ${what}'s name (at most ${Limits.name} characters)`, max: Limits.name, patch: 'name', form: { label: 'Name', style: 'short' } });

export const displayNameField = (what: string) =>
  text({
    description: `The ${what}'s display name (shown when proxying)`,
    max: Limits.displayName,
    patch: 'display_name',
    form: { label: 'Display name', style: 'short' },
  });

export const pronounsField = () => text({ description: 'Pronouns, e.g. she/her', max: Limits.pronouns, patch: 'pronouns', form: { label: 'Pronouns', style: 'short' } });

export const descriptionField = () =>
  text({ description: `Description (at most ${Limits.description} characters)`, max: Limits.description, patch: 'description', form: { label: 'Description', style: 'paragraph' } });

export const colorField = () =>
  parsed({
    description: 'Colour as hex, e.g. ff7000 or #ff7000',
    label: 'Colour',
    max: 16,
    read: readColor,
    show: (value: string) => `#${value}`,
    patch: 'color',
    form: { label: 'Colour', style: 'short', placeholder: '#ff7000' },
  });

export const birthdayField = () =>
  parsed({
    description: 'Birthday: 2000-05-01, or 05-01 / May 1 to hide the year',
    label: 'Birthday',
    max: 40,
    read: readBirthday,
    show: formatBirthday,
    patch: 'birthday',
    form: { label: 'Birthday', style: 'short', placeholder: '2000-05-01, or May 1 to hide the year' },
  });

/** An https image link; PluralKit's limit (256) is named when it is longer. */
export const imageField = (description: string, label: string, patchKey: string) =>
  parsed({
    description,
    label,
    max: Limits.url,
    read: readHttpsUrl,
    show: (value: string) => value,
    patch: patchKey,
    form: { label, style: 'short', placeholder: 'https://…' },
  });

export const proxyField = () =>
  parsed<ProxyTagInput>({
    description: 'Proxy tag around the word text, e.g. [text] or A: text (replaces the tags)',
    label: 'Proxy tags',
    max: Limits.proxyTagTotal,
    read: readProxyTemplate,
    show: proxyTemplate,
    patch: {
      key: 'proxy_tags',
      toBody: (tag: ProxyTagInput) => [tag],
      cleared: [],
      showStored: (tags) => (Array.isArray(tags) ? describeProxyTags(tags as ProxyTagInput[]) : null),
    },
  });

export const systemTagField = () =>
  text({ description: `Tag added after member names when proxying (at most ${Limits.systemTag} characters)`, label: 'Tag', max: Limits.systemTag, patch: 'tag', form: { label: 'Tag', style: 'short' } });

export const keepProxyField = () => flag({ description: 'Keep the proxy tags in the proxied message', label: 'Keep proxy', patch: 'keep_proxy' });

export const ttsField = () => flag({ description: 'Send proxied messages as text-to-speech', label: 'Text-to-speech', patch: 'tts' });

/** `clear`: one of the given fields, cleared after a confirm. */
export function clearField(fields: Record<string, AnyField>, description = 'Clear one field (asks first)') {
  const names = Object.keys(fields) as [string, ...string[]];
  return choice({ description, choices: names.map((name) => ({ name: fields[name]!.label ?? name, value: name })) });
}
