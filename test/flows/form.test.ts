import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { birthdayField, descriptionField, nameField } from '../../commands/shared/fields/profile.js';
import { defineCommand, subcommand } from '../../src/framework/command-table.js';
import { required } from '../../src/framework/fields.js';
import { form } from '../../src/framework/form.js';
import { UserFacingError } from '../../src/core/user-facing-error.js';
import { startHarness, type Harness } from '../support/harness.js';
import { buttonId, EPHEMERAL, messageText } from '../support/messages.js';

const USER = { id: '232000000000000001', username: 'writer' };
const OTHER = { id: '232000000000000002', username: 'other' };

/** A command that exists only in this test, to exercise the form flow on its own. */
const profileForm = form({
  id: 'formtest.edit',
  fields: { name: required(nameField('member')), birthday: birthdayField(), description: descriptionField() },
  schema: z.object({ target: z.string() }),
  needs: {},
  async submit(ctx, state, changes) {
    if (changes.name === 'Refuse me') throw new UserFacingError('Refused on purpose.');
    await ctx.reply.send({ content: `saved ${state.target}: ${JSON.stringify(changes)}` });
  },
});

const formCommand = defineCommand({
  name: 'formtest',
  description: 'Test-only command for the form flow',
  subcommands: {
    edit: subcommand({
      description: 'Open the test form',
      flows: [profileForm],
      async run(ctx) {
        await profileForm.open(ctx, { title: 'Edit Alice', state: { target: 'alice' }, values: { name: 'Alice', birthday: 'May 01', description: 'Hello' } });
      },
    }),
  },
});

describe('modal forms (in-process)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ extraModules: [formCommand] });
  });

  afterAll(async () => {
    await h.stop();
  });

  const open = async (): Promise<{ customId: string; components: unknown[] }> => {
    const response = await h.discord.slashCommand({ name: 'formtest', subcommand: 'edit', user: USER, guildId: null }).initialResponse();
    expect(response.type).toBe(9);
    return { customId: response.data!.custom_id as string, components: response.data!.components as unknown[] };
  };
  const submit = (customId: string, fields: Record<string, string>, user = USER) => h.discord.modalSubmit({ customId, fields, user, guildId: null }).finalMessage();

  it('opens prefilled, and submits only what changed; an emptied field clears it', async () => {
    const modal = await open();
    const json = JSON.stringify(modal.components);
    expect(json).toContain('"value":"Alice"');
    expect(json).toContain('"value":"May 01"');
    const reply = await submit(modal.customId, { name: 'Alice', birthday: 'June 2', description: '' });
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.content).toBe('saved alice: {"birthday":"0004-06-02","description":null}');
  });

  it('refused input is kept and offered back with Edit again; the corrected submit goes through once', async () => {
    const modal = await open();
    const refused = await submit(modal.customId, { name: 'Alice', birthday: 'Feb 30', description: 'Typed with care' });
    expect(messageText(refused)).toMatch(/Nothing was saved/);
    expect(messageText(refused)).toMatch(/Birthday\*\* is not a real date/);
    const again = await h.discord.button({ customId: buttonId(refused, 'Edit again'), user: USER, guildId: null }).initialResponse();
    expect(again.type).toBe(9);
    expect(JSON.stringify(again.data!.components)).toContain('Typed with care');
    expect(JSON.stringify(again.data!.components)).toContain('Feb 30');
    const fixed = await submit(again.data!.custom_id as string, { name: 'Alice', birthday: 'Feb 29', description: 'Typed with care' });
    expect(fixed.content).toBe('saved alice: {"birthday":"0004-02-29","description":"Typed with care"}');
    const twice = await submit(modal.customId, { name: 'Alice', birthday: 'Feb 28', description: '' });
    expect(messageText(twice)).toMatch(/already submitted/);
  });

  it('a refusal from the handler keeps the text too', async () => {
    const modal = await open();
    const refused = await submit(modal.customId, { name: 'Refuse me', birthday: 'May 01', description: 'Hello' });
    expect(messageText(refused)).toMatch(/Refused on purpose/);
    const again = await h.discord.button({ customId: buttonId(refused, 'Edit again'), user: USER, guildId: null }).initialResponse();
    expect(JSON.stringify(again.data!.components)).toContain('Refuse me');
  });

  it('nothing changed says so; someone else cannot submit; a restart keeps the form', async () => {
    const modal = await open();
    expect(messageText(await submit(modal.customId, { name: 'Alice', birthday: 'May 01', description: 'Hello' }, OTHER))).toMatch(/belongs to <@232000000000000001>/);
    await h.restart();
    expect((await submit(modal.customId, { name: 'Alice', birthday: 'May 01', description: 'Hello' })).content).toMatch(/Nothing changed/);
  });
});
