import type { StoredCommand } from './command-store.js';
import type { FakeAttachment, FakeUser, SlashCommandInput, SlashOptionValue } from './types.js';

export const OptionType = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

type OptionDefinition = Record<string, unknown> & { name: string; type: number; options?: OptionDefinition[] };

export interface EncodedOptions {
  options: Array<Record<string, unknown>>;
  /** USER option values (with the user when the test gave one), for `resolved.users`. */
  users: Array<FakeUser>;
  /** ATTACHMENT options' files, by the ID the option carries, for `resolved.attachments`. */
  attachments: Array<{ id: string; file: FakeAttachment }>;
}

/**
 * Builds `data.options` the way Discord nests them: group → subcommand → leaf
 * options. Leaf types come from an explicit `{type}`, else from the registered
 * command, else from the JS value; `focused` marks the option being autocompleted.
 */
export function encodeOptions(input: SlashCommandInput, registered: StoredCommand | undefined, focused?: string, nextId: () => string = () => String(Date.now())): EncodedOptions {
  const leafDefinitions = findLeafDefinitions(registered, input.subcommandGroup, input.subcommand);
  const users: FakeUser[] = [];
  const attachments: EncodedOptions['attachments'] = [];
  const leaves = Object.entries(input.options ?? {}).map(([name, given]) => {
    if (typeof given === 'object' && 'attachment' in given) {
      const id = nextId();
      attachments.push({ id, file: given.attachment });
      return { name, type: OptionType.Attachment, value: id };
    }
    const definition = leafDefinitions.find((d) => d.name === name);
    const option = encodeLeaf(name, given, definition?.type, name === focused);
    if (option.type === OptionType.User) users.push(typeof given === 'object' && given.user ? given.user : { id: String(option.value) });
    return option;
  });
  if (focused !== undefined && !leaves.some((o) => o.name === focused)) {
    const definition = leafDefinitions.find((d) => d.name === focused);
    leaves.push({ name: focused, type: definition?.type ?? OptionType.String, value: '', focused: true });
  }
  if (input.subcommand === undefined) {
    if (input.subcommandGroup !== undefined) throw new Error('fake Discord: a subcommand group needs a subcommand');
    return { options: leaves, users, attachments };
  }
  const subcommand = { name: input.subcommand, type: OptionType.Subcommand, options: leaves };
  if (input.subcommandGroup === undefined) return { options: [subcommand], users, attachments };
  return { options: [{ name: input.subcommandGroup, type: OptionType.SubcommandGroup, options: [subcommand] }], users, attachments };
}

function encodeLeaf(name: string, given: Exclude<SlashOptionValue, { attachment: FakeAttachment }>, registeredType: number | undefined, focused: boolean): Record<string, unknown> {
  const explicit = typeof given === 'object' ? given : undefined;
  const raw = typeof given === 'object' ? given.value : given;
  const type = explicit?.type ?? registeredType ?? inferType(raw);
  // Discord sends the half-typed text of the focused option as a string, whatever its type.
  const value = focused ? String(raw) : coerce(raw, type);
  return { name, type, value, ...(focused ? { focused: true } : {}) };
}

function inferType(value: string | number | boolean): number {
  if (typeof value === 'boolean') return OptionType.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? OptionType.Integer : OptionType.Number;
  return OptionType.String;
}

function coerce(value: string | number | boolean, type: number): string | number | boolean {
  switch (type) {
    case OptionType.Integer:
    case OptionType.Number:
      return typeof value === 'number' ? value : Number(value);
    case OptionType.Boolean:
      return typeof value === 'boolean' ? value : value === 'true';
    default:
      return String(value);
  }
}

function findLeafDefinitions(registered: StoredCommand | undefined, group: string | undefined, subcommand: string | undefined): OptionDefinition[] {
  let level = (registered?.options as OptionDefinition[] | undefined) ?? [];
  if (group !== undefined) level = level.find((o) => o.name === group && o.type === OptionType.SubcommandGroup)?.options ?? [];
  if (subcommand !== undefined) level = level.find((o) => o.name === subcommand && o.type === OptionType.Subcommand)?.options ?? [];
  return level;
}
