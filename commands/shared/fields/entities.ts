import { optional, text, type AutocompleteSource, type Field } from '../../../src/framework/fields.js';

/*
 * References to the caller's own members and groups: a name, display name, short ID or UUID,
 * with autocomplete showing `Name (id)`. Lists are comma-separated and autocomplete completes the
 * entry being typed. Resolution happens in the handler (against the cached list).
 */

/** Long enough for 150 members written as names; PluralKit names are at most 100 characters. */
const LIST_MAX = 6000;
const REF_MAX = 200;

function reference(description: string, max: number, autocomplete: AutocompleteSource): Field<string, true> {
  return text({ description, max, required: true, autocomplete });
}

/** One member (required unless wrapped in `optional`). */
export const memberField = (description: string): Field<string, true> => reference(description, REF_MAX, 'member');
export const membersField = (description: string): Field<string, true> => reference(description, LIST_MAX, 'members');
export const groupField = (description: string): Field<string, true> => reference(description, REF_MAX, 'group');
export const groupsField = (description: string): Field<string, true> => reference(description, LIST_MAX, 'groups');

export { optional };
