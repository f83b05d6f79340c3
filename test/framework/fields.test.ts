import { ApplicationCommandOptionType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/core/user-facing-error.js';
import { membersField } from '../../commands/shared/fields/entities.js';
import { birthdayField, clearField, colorField, descriptionField, displayNameField, imageField, nameField, pronounsField, proxyField } from '../../commands/shared/fields/profile.js';
import { optionsJson, parseArgs } from '../../src/framework/args.js';
import { defineCommand, subcommand } from '../../src/framework/command-table.js';
import { choice, flag, integer, required } from '../../src/framework/fields.js';
import { changeRows, patchFrom } from '../../src/framework/patch.js';
import { Limits } from '../../src/pluralkit/requests.js';

const profile = {
  name: nameField('member'),
  display_name: displayNameField('member'),
  pronouns: pronounsField(),
  description: descriptionField(),
  color: colorField(),
  birthday: birthdayField(),
  avatar: imageField('Avatar image link', 'Avatar', 'avatar_url'),
  proxy: proxyField(),
};

describe('one declaration per option', () => {
  it('yields Discord option JSON with the limits from PluralKit, required options first', () => {
    const json = optionsJson({ pronouns: pronounsField(), members: membersField('who'), name: required(nameField('member')) });
    expect(json.map((option) => option.name)).toEqual(['members', 'name', 'pronouns']);
    expect(json[1]).toMatchObject({ type: ApplicationCommandOptionType.String, required: true, max_length: Limits.name });
    expect(json[0]).toMatchObject({ autocomplete: true, max_length: 6000 });
    expect(json[2]).not.toHaveProperty('required');
  });

  it('choices, integers and flags carry their own JSON', () => {
    const [level, count, on] = optionsJson({ level: choice({ description: 'd', choices: ['public', 'private'] }), count: integer({ description: 'd', min: 1, max: 5 }), on: flag({ description: 'd' }) });
    expect(level).toMatchObject({ choices: [{ name: 'public', value: 'public' }, { name: 'private', value: 'private' }] });
    expect(count).toMatchObject({ type: ApplicationCommandOptionType.Integer, min_value: 1, max_value: 5 });
    expect(on).toMatchObject({ type: ApplicationCommandOptionType.Boolean });
  });

  it('reads values with the same limits and names every bad option with its problem', () => {
    expect(parseArgs(profile, { name: '  Alice ', color: '#FF7000', birthday: 'May 1', proxy: 'A: text' })).toEqual({
      name: 'Alice',
      color: 'ff7000',
      birthday: '0004-05-01',
      proxy: { prefix: 'A: ', suffix: null },
    });
    let error: unknown;
    try {
      parseArgs(profile, { name: 'x'.repeat(101), color: 'blue', birthday: '2001-02-29', avatar: 'http://example.com/a.png', proxy: '[' + 'x'.repeat(100) + ']' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserFacingError);
    const message = (error as Error).message;
    expect(message).toMatch(/`name` is too long \(101\/100 characters\)/);
    expect(message).toMatch(/`color` must be a hex colour/);
    expect(message).toMatch(/`birthday` is not a real date/);
    expect(message).toMatch(/`avatar` must be an `https:\/\/` link/);
    expect(message).toMatch(/`proxy` (must contain the word `text`|is too long)/);
  });

  it('refuses anything Discord should not have sent (wrong types, unknown choices)', () => {
    expect(() => parseArgs({ level: choice({ description: 'd', choices: ['public', 'private'] }) }, { level: 'secret' })).toThrow(/`level` must be one of `public`, `private`/);
    expect(() => parseArgs({ on: flag({ description: 'd' }) }, { on: 'yes' })).toThrow(/`on` must be True or False/);
    expect(() => parseArgs({ name: required(nameField('member')) }, {})).toThrow(/`name` is required/);
  });

  it('maps options to a PATCH body, clear to null (or [] for proxy tags), and describes before → after', () => {
    const body = patchFrom(profile, { name: 'Alice', avatar: 'https://x.test/a.png', proxy: { prefix: '[', suffix: ']' } }, 'pronouns');
    expect(body).toEqual({ name: 'Alice', avatar_url: 'https://x.test/a.png', proxy_tags: [{ prefix: '[', suffix: ']' }], pronouns: null });
    expect(patchFrom(profile, {}, 'proxy')).toEqual({ proxy_tags: [] });
    const rows = changeRows(profile, { color: 'ff7000', proxy_tags: [] }, { color: null, proxy_tags: [{ prefix: 'a:', suffix: null }] }, { color: 'ff7000', proxy_tags: [] });
    expect(rows).toEqual([
      { label: 'Colour', before: null, after: '#ff7000' },
      { label: 'Proxy tags', before: 'a:text (prefix “a:”, no suffix)', after: null },
    ]);
  });

  it('offers the clearable fields by label', () => {
    const clear = clearField({ pronouns: pronounsField(), color: colorField() });
    expect(clear.discord.choices).toEqual([
      { name: 'Pronouns', value: 'pronouns' },
      { name: 'Colour', value: 'color' },
    ]);
  });
});

describe('command tables', () => {
  const noop = async (): Promise<void> => undefined;

  it('build the definition with target options, and help lines that say what is needed', () => {
    const module = defineCommand({
      name: 'demo',
      description: 'Demo',
      subcommands: {
        make: subcommand({ description: 'Make one', options: { name: required(nameField('member')), pronouns: pronounsField() }, needs: { token: true }, run: noop }),
        show: subcommand({ description: 'Show one', visibility: 'target', run: noop }),
      },
      groups: { server: { description: 'Server things', subcommands: { view: subcommand({ description: 'See it', needs: { server: true }, run: noop }) } } },
    });
    const definition = module.definitions[0] as { options: Array<{ name: string; options: Array<{ name: string; options?: unknown[] }> }> };
    expect(definition.options.map((option) => option.name)).toEqual(['make', 'show', 'server']);
    expect(definition.options[1]!.options.map((option) => option.name)).toEqual(['user', 'system', 'private', 'only_me']);
    expect(module.help!({ interactions: 'gateway' }).lines).toEqual([
      '`/demo make <name> [pronouns]` — Make one (needs `/token set`)',
      '`/demo show [user|system] [private] [only_me]` — Show one',
      '`/demo server view` — See it (servers only)',
    ]);
  });

  it('refuse names Discord would refuse, at start rather than at registration', () => {
    expect(() => defineCommand({ name: 'Bad Name', description: 'x', subcommands: {} })).toThrow(/not a valid Discord/);
    expect(() => defineCommand({ name: 'ok', description: 'x'.repeat(101), subcommands: {} })).toThrow(/1–100/);
  });
});
