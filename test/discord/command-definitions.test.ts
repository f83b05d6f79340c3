import { describe, expect, it } from 'vitest';
import { commandModules } from '../../commands/index.js';

type Option = { name: string; description?: string; type: number; options?: Option[]; choices?: Array<{ name: string; value: string | number }>; required?: boolean };

/** Discord counts names, descriptions and choices of a whole command against 8,000 characters. */
function countedCharacters(option: Option): number {
  let total = option.name.length + (option.description?.length ?? 0);
  for (const choice of option.choices ?? []) total += choice.name.length + String(choice.value).length;
  for (const child of option.options ?? []) total += countedCharacters(child);
  return total;
}

function leaves(option: Option, path: string[] = []): Array<{ path: string; options: Option[] }> {
  const children = option.options ?? [];
  if (!children.some((child) => child.type === 1 || child.type === 2)) return [{ path: path.join(' '), options: children }];
  return children.flatMap((child) => leaves(child, [...path, child.name]));
}

describe('command definitions stay within what Discord accepts', () => {
  const definitions = commandModules.flatMap((module) => module.definitions) as unknown as Option[];

  it.each(definitions.filter((definition) => definition.options).map((definition) => [definition.name, definition]))('/%s: ≤ 8,000 counted characters, ≤ 25 entries per level, required options first', (_name, definition) => {
    expect(countedCharacters(definition)).toBeLessThanOrEqual(8000);
    expect(definition.options!.length).toBeLessThanOrEqual(25);
    for (const leaf of leaves(definition)) {
      expect(leaf.options.length, leaf.path).toBeLessThanOrEqual(25);
      const firstOptional = leaf.options.findIndex((option) => !option.required);
      if (firstOptional >= 0) expect(leaf.options.slice(firstOptional).every((option) => !option.required), leaf.path).toBe(true);
      for (const option of leaf.options) expect(option.choices?.length ?? 0).toBeLessThanOrEqual(25);
    }
  });

  it('/member and /group offer every subcommand of the spec, and reads add only [private] [only_me]', () => {
    const paths = (name: string) => leaves(definitions.find((definition) => definition.name === name)!).map((leaf) => leaf.path);
    expect(paths('member')).toEqual(['list', 'view', 'create', 'edit', 'delete', 'privacy', 'groups view', 'groups add', 'groups remove', 'groups set', 'groups clear', 'server view', 'server edit']);
    expect(paths('group')).toEqual(['list', 'view', 'create', 'edit', 'delete', 'privacy', 'members view', 'members add', 'members remove', 'members set', 'members clear']);
    const member = leaves(definitions.find((definition) => definition.name === 'member')!);
    const optionNames = (path: string) => member.find((leaf) => leaf.path === path)!.options.map((option) => option.name);
    expect(optionNames('view')).toEqual(['member', 'private', 'only_me']);
    expect(optionNames('list')).toEqual(['search', 'sort', 'user', 'system', 'private', 'only_me']);
    expect(optionNames('edit')).toEqual(['member', 'name', 'display_name', 'pronouns', 'description', 'color', 'birthday', 'avatar', 'banner', 'proxy', 'keep_proxy', 'tts', 'add_proxy', 'remove_proxy', 'clear']);
    expect(optionNames('create')).toEqual(['name', 'display_name', 'pronouns', 'description', 'color', 'birthday', 'avatar', 'banner', 'proxy']);
  });

  it('/help lists the new subcommands with their usage', () => {
    const help = commandModules.find((module) => module.name === 'member')!.help!({ interactions: 'gateway' });
    expect(help.lines).toContain('`/member view <member> [private] [only_me]` — A member card with its groups (public unless private: True)');
    expect(help.lines.some((line) => line.startsWith('`/member groups clear <member>`'))).toBe(true);
    expect(help.lines.some((line) => line.startsWith('`/member server edit <member>') && line.includes('servers only'))).toBe(true);
    const helpCommand = (commandModules.find((module) => module.name === 'help')!.definitions[0] as unknown as Option).options![0]!;
    expect(helpCommand.choices!.map((choice) => choice.value)).toEqual(expect.arrayContaining(['member', 'group']));
  });
});
