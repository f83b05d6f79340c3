import { GROUPS, MEMBERS, type Entity, type EntityKind } from '../../../src/entities/kinds.js';
import { GROUP_SORT_CHOICES, MEMBER_SORT_CHOICES } from '../../../src/entities/list.js';
import type { Group, Member } from '../../../src/pluralkit/models.js';
import { groupField, groupsField, memberField, membersField } from '../fields/entities.js';
import {
  birthdayField,
  colorField,
  descriptionField,
  displayNameField,
  imageField,
  keepProxyField,
  nameField,
  pronounsField,
  proxyField,
  ttsField,
} from '../fields/profile.js';
import { required, type AnyField, type Field } from '../../../src/framework/fields.js';

/*
 * What /member and /group need to know about their kind beyond the API: the options that name
 * one or several entities, the profile fields (create and edit options, their PATCH keys and
 * limits), which of them `clear` offers, the edit form, and the sort choices of `list`.
 */

export interface EntityCommandKind<E extends Entity = Entity> {
  kind: EntityKind<E>;
  /** One entity of this kind (autocomplete, own system). */
  one: (description: string) => Field<string, true>;
  /** Several, comma-separated. */
  many: (description: string) => Field<string, true>;
  /** The options of `create` (name required) and the first options of `edit`. */
  createFields: Record<string, AnyField>;
  /** `edit` options beyond the create fields. */
  editOnlyFields: Record<string, AnyField>;
  /** What `clear` offers. */
  clearable: readonly string[];
  /** The modal `edit` opens without field options (at most five inputs). */
  form: Record<string, AnyField>;
  sortChoices: ReadonlyArray<{ name: string; value: string }>;
  /** What `search` looks in, for its description. */
  searchedFields: string;
}

const avatar = imageField('Avatar: an https image link (at most 256 characters)', 'Avatar', 'avatar_url');
const banner = imageField('Banner: an https image link (at most 256 characters)', 'Banner', 'banner');

const memberFields = {
  name: nameField('member'),
  display_name: displayNameField('member'),
  pronouns: pronounsField(),
  description: descriptionField(),
  color: colorField(),
  birthday: birthdayField(),
  avatar,
  banner,
  proxy: proxyField(),
};

export const MEMBER_COMMAND: EntityCommandKind<Member> = {
  kind: MEMBERS,
  one: memberField,
  many: membersField,
  createFields: memberFields,
  editOnlyFields: { keep_proxy: keepProxyField(), tts: ttsField() },
  clearable: ['display_name', 'pronouns', 'description', 'color', 'birthday', 'avatar', 'banner', 'proxy'],
  form: {
    name: required(memberFields.name),
    display_name: memberFields.display_name,
    pronouns: memberFields.pronouns,
    birthday: memberFields.birthday,
    description: memberFields.description,
  },
  sortChoices: MEMBER_SORT_CHOICES,
  searchedFields: 'name, display name, pronouns or description',
};

const groupFields = {
  name: nameField('group'),
  display_name: displayNameField('group'),
  description: descriptionField(),
  color: colorField(),
  icon: imageField('Icon: an https image link (at most 256 characters)', 'Icon', 'icon'),
  banner,
};

export const GROUP_COMMAND: EntityCommandKind<Group> = {
  kind: GROUPS,
  one: groupField,
  many: groupsField,
  createFields: groupFields,
  editOnlyFields: {},
  clearable: ['display_name', 'description', 'color', 'icon', 'banner'],
  form: {
    name: required(groupFields.name),
    display_name: groupFields.display_name,
    description: groupFields.description,
    color: groupFields.color,
    icon: groupFields.icon,
  },
  sortChoices: GROUP_SORT_CHOICES,
  searchedFields: 'name, display name or description',
};

/** The fields `edit` takes as options, in order. */
export function editFields(command: EntityCommandKind): Record<string, AnyField> {
  return { ...command.createFields, ...command.editOnlyFields };
}

/** "Member" / "Group". */
export function title(kind: EntityKind): string {
  return kind.name === 'member' ? 'Member' : 'Group';
}
