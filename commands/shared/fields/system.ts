import { Limits } from '../../../src/pluralkit/requests.js';
import { SYSTEM_PRIVACY_SUBJECTS, ALL_SUBJECTS } from '../../../src/system/privacy-subjects.js';
import { DEFAULT_NAME_FORMAT } from '../../../src/system/settings-catalogue.js';
import { choice, flag, text, type Field } from '../../../src/framework/fields.js';
import { colorField, descriptionField, imageField, nameField, pronounsField, systemTagField } from './profile.js';

/*
 * The options of /system edit, privacy and server edit, declared once with PluralKit's limits.
 */

export const systemProfileFields = () => ({
  name: nameField('system'),
  description: descriptionField(),
  tag: systemTagField(),
  pronouns: pronounsField(),
  color: colorField(),
  avatar: imageField('Avatar: an https:// image link', 'Avatar', 'avatar_url'),
  banner: imageField('Banner: an https:// image link', 'Banner', 'banner'),
});

/** The text fields the /system edit form shows, prefilled (a modal holds five). */
export const systemFormFields = () => {
  const fields = systemProfileFields();
  const color: Field<string, false> = { ...fields.color, form: { label: 'Colour', style: 'short', maxLength: 16, placeholder: '#ff7000' } };
  return { name: fields.name, tag: fields.tag, pronouns: fields.pronouns, color, description: fields.description };
};

export const privacySubjectField = () =>
  choice({
    description: 'What to change: one subject, or all',
    choices: [...SYSTEM_PRIVACY_SUBJECTS.map((entry) => ({ name: entry.label, value: entry.subject })), { name: 'All of them', value: ALL_SUBJECTS }],
  });

export const privacyLevelField = () => choice({ description: 'public: everyone sees it; private: only you', choices: ['public', 'private'] as const });

/** A webhook name format; PluralKit does not validate it. */
export const nameFormatField = (where = '') =>
  text({
    description: `How proxied messages are named${where}, e.g. ${DEFAULT_NAME_FORMAT}`,
    label: 'Name format',
    max: 100,
    patch: 'name_format',
    form: { label: 'Name format', style: 'short', placeholder: DEFAULT_NAME_FORMAT },
  });

/** /system server edit: this server's settings of the caller's system. */
export const serverFields = () => ({
  proxying: flag({ description: 'Whether PluralKit proxies your messages in this server', label: 'Proxying', patch: 'proxying_enabled' }),
  tag: text({ description: `Your system tag in this server (at most ${Limits.systemTag} characters)`, label: 'Server tag', max: Limits.systemTag, patch: 'tag' }),
  tag_enabled: flag({ description: 'Whether your tag is shown in this server', label: 'Tag shown', patch: 'tag_enabled' }),
  display_name: text({ description: 'Your system name in this server', label: 'Server name', max: Limits.displayName, patch: 'display_name' }),
  avatar: imageField('Your system avatar in this server: an https:// image link', 'Server avatar', 'avatar_url'),
  name_format: nameFormatField(' in this server'),
});
