import {
  DiscordAPIError,
  InteractionContextType,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  Routes,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
  type Client,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord, type MessageEvent } from '../support/fake-discord/index.js';
import { loggedInClient, nextInteraction } from './discord-client.js';

const ALICE = { id: '200000000000000001', username: 'alice', globalName: 'Alice' };
const BOB = { id: '200000000000000002', username: 'bob' };
const GUILD = '300000000000000001';

describe('fake Discord interactions with a real discord.js client', () => {
  let fake: FakeDiscord;
  let client: Client;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = await loggedInClient(fake);
  });

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it('stores bulk-overwritten commands with ids and types later options from them', async () => {
    const command = new SlashCommandBuilder()
      .setName('member')
      .setDescription('Members')
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
      .addSubcommand((sub) =>
        sub
          .setName('show')
          .setDescription('Show one')
          .addStringOption((o) => o.setName('member').setDescription('Name').setRequired(true))
          .addUserOption((o) => o.setName('owner').setDescription('Owner')),
      );
    const registered = await client.application!.commands.set([command]);
    const stored = fake.registeredCommands() as Array<{ id: string; name: string; contexts: number[] }>;
    expect(stored.map((c) => c.name)).toEqual(['member']);
    expect(stored[0]!.contexts).toEqual([0, 1]);
    expect(registered.first()!.id).toBe(stored[0]!.id);
    expect(fake.registeredCommands({ guildId: GUILD })).toEqual([]);

    const received = nextInteraction(client);
    // A plain string for a registered USER option must become type 6 with resolved.users.
    fake.slashCommand({ name: 'member', subcommand: 'show', options: { member: 'Ada', owner: BOB.id }, resolvedUsers: [BOB], user: ALICE, guildId: GUILD });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    expect(interaction.commandId).toBe(stored[0]!.id);
    expect(interaction.options.getUser('owner')?.username).toBe('bob');
    await interaction.reply({ content: 'ok' });
  });

  it('delivers a guild slash command with group, subcommand, typed options and member', async () => {
    const received = nextInteraction(client);
    const handle = fake.slashCommand({
      name: 'switch',
      subcommandGroup: 'log',
      subcommand: 'add',
      options: { members: 'Ada, Bo', limit: 3, ratio: 0.5, silent: true, target: { type: 6, value: BOB.id, user: BOB } },
      user: ALICE,
      guildId: GUILD,
    });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    expect(interaction.id).toBe(handle.id);
    expect(interaction.commandName).toBe('switch');
    expect(interaction.options.getSubcommandGroup()).toBe('log');
    expect(interaction.options.getSubcommand()).toBe('add');
    expect(interaction.options.getString('members')).toBe('Ada, Bo');
    expect(interaction.options.getInteger('limit')).toBe(3);
    expect(interaction.options.getNumber('ratio')).toBe(0.5);
    expect(interaction.options.getBoolean('silent')).toBe(true);
    expect(interaction.options.getUser('target')?.username).toBe('bob');
    expect(interaction.user.id).toBe(ALICE.id);
    expect(interaction.user.globalName).toBe('Alice');
    expect(interaction.guildId).toBe(GUILD);
    expect(interaction.context).toBe(InteractionContextType.Guild);
    expect(interaction.memberPermissions?.has('Administrator')).toBe(true);
    expect(interaction.authorizingIntegrationOwners.guildId).toBe(GUILD);

    await interaction.reply({ content: 'logged', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    const initial = await handle.initialResponse();
    expect(initial.type).toBe(4);
    const message = await handle.finalMessage();
    expect(message.content).toBe('logged');
    expect(message.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(handle.latencyMs()).toBeGreaterThanOrEqual(0);
  });

  it('delivers a DM slash command in the bot-DM context with a DM channel', async () => {
    const received = nextInteraction(client);
    const handle = fake.slashCommand({ name: 'help', user: BOB });
    const interaction = await received;
    expect(interaction.context).toBe(InteractionContextType.BotDM);
    expect(interaction.guildId).toBeNull();
    expect(interaction.channel?.isDMBased()).toBe(true);
    expect(interaction.channelId).toBe(fake.dmChannelId(BOB.id));
    expect(interaction.authorizingIntegrationOwners.userId).toBe(BOB.id);
    if (!interaction.isRepliable()) throw new Error('expected a repliable interaction');
    await interaction.reply('hi');
    expect((await handle.finalMessage()).content).toBe('hi');
  });

  it('turns a deferral plus editReply into the final message, keeping the deferral ephemeral, and records follow-ups', async () => {
    const received = nextInteraction(client);
    const handle = fake.slashCommand({ name: 'slow', user: ALICE, guildId: GUILD });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    expect((await handle.initialResponse()).type).toBe(5);
    const edited = await interaction.editReply({ content: 'done', embeds: [{ title: 'Result' }] });
    expect(edited.content).toBe('done');
    const followUp = await interaction.followUp({ content: 'more', flags: MessageFlags.Ephemeral });
    expect(followUp.content).toBe('more');
    const fetched = await interaction.fetchReply();
    expect(fetched.content).toBe('done');

    const message = await handle.finalMessage();
    expect(message.content).toBe('done');
    expect(message.embeds[0].title).toBe('Result');
    expect(message.flags).toBe(MessageFlags.Ephemeral);
    expect(handle.edits()).toHaveLength(1);
    expect(handle.followUps().map((f) => f.content)).toEqual(['more']);
    expect(fake.requests.some((r) => r.rawPath.endsWith('/messages/%40original') && r.path.endsWith('/messages/@original'))).toBe(true);

    await interaction.deleteReply();
    expect(handle.original()).toBeUndefined();
  });

  it('answers ?with_response=true with an interaction callback response discord.js can read', async () => {
    const received = nextInteraction(client);
    const handle = fake.slashCommand({ name: 'echo', user: ALICE, guildId: GUILD });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    const response = await interaction.reply({ content: 'echo', withResponse: true });
    expect(response.interaction.id).toBe(handle.id);
    expect(response.resource?.message?.content).toBe('echo');
    expect(response.resource?.message?.id).toBe((await handle.finalMessage()).id);
    const callback = await fake.waitForRequest((r) => r.route === 'create interaction response' && r.path.startsWith(`/interactions/${handle.id}/`));
    expect(callback.query.with_response).toBe('true');
    expect(callback.headers.authorization).toBeUndefined();
  });

  it('records showModal as a type-9 response and refuses a final message for it', async () => {
    const received = nextInteraction(client);
    const handle = fake.slashCommand({ name: 'setup', user: ALICE });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    const modal = new ModalBuilder()
      .setCustomId('token:submit')
      .setTitle('Token')
      .addLabelComponents(new LabelBuilder().setLabel('Token').setTextInputComponent(new TextInputBuilder().setCustomId('token').setStyle(TextInputStyle.Short)));
    await interaction.showModal(modal);
    const initial = await handle.initialResponse();
    expect(initial.type).toBe(9);
    expect(initial.data.custom_id).toBe('token:submit');
    await expect(handle.finalMessage()).rejects.toThrow(/type 9/);
  });

  it('passes the focused option to autocomplete and records the choices', async () => {
    const received = nextInteraction(client);
    const handle = fake.autocomplete({ name: 'member', subcommand: 'show', options: { member: 'Ad' }, focused: 'member', user: ALICE, guildId: GUILD });
    const interaction = await received;
    if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
    expect(interaction.options.getFocused(true)).toMatchObject({ name: 'member', value: 'Ad' });
    await interaction.respond([{ name: 'Ada', value: 'ada' }]);
    const initial = await handle.initialResponse();
    expect(initial).toMatchObject({ type: 8, data: { choices: [{ name: 'Ada', value: 'ada' }] } });
  });

  it.each(['label', 'actionRow'] as const)('delivers modal submit fields in the %s form', async (form) => {
    const received = nextInteraction(client);
    const handle = fake.modalSubmit({ customId: 'token:submit', fields: { token: 'abc', note: 'n' }, user: BOB, form });
    const interaction = await received;
    if (!interaction.isModalSubmit()) throw new Error('expected a modal submit');
    expect(interaction.customId).toBe('token:submit');
    expect(interaction.fields.getTextInputValue('token')).toBe('abc');
    expect(interaction.fields.getTextInputValue('note')).toBe('n');
    await interaction.reply({ content: 'saved', flags: MessageFlags.Ephemeral });
    expect((await handle.finalMessage()).content).toBe('saved');
  });

  it('delivers a message context command with its target message', async () => {
    const received = nextInteraction(client);
    fake.messageContext({
      name: 'Who sent this?',
      target: { id: '500000000000000001', content: 'proxied hello', webhook_id: '600000000000000001' },
      user: ALICE,
      guildId: GUILD,
    });
    const interaction = await received;
    if (!interaction.isMessageContextMenuCommand()) throw new Error('expected a message context command');
    expect(interaction.targetId).toBe('500000000000000001');
    expect(interaction.targetMessage.content).toBe('proxied hello');
    expect(interaction.targetMessage.webhookId).toBe('600000000000000001');
    await interaction.reply('checked');
  });

  it('lets a button update the DM message it sits on', async () => {
    const dm = await client.users.send(ALICE.id, { content: 'Open the form', components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Open', custom_id: 'token:open' }] }] });
    const received = nextInteraction(client);
    const handle = fake.button({ customId: 'token:open', user: ALICE, messageId: dm.id });
    const interaction = await received;
    if (!interaction.isButton()) throw new Error('expected a button');
    expect(interaction.message.id).toBe(dm.id);
    expect(interaction.message.content).toBe('Open the form');
    await interaction.update({ content: 'Opened', components: [] });
    const message = await handle.finalMessage();
    expect(message).toMatchObject({ id: dm.id, content: 'Opened', components: [] });

    const edited = await dm.edit({ content: 'Expired' });
    expect(edited.content).toBe('Expired');
  });

  it('answers a deferred update through PATCH @original on the component message', async () => {
    const received = nextInteraction(client);
    const handle = fake.button({ customId: 'confirm:yes', user: ALICE, guildId: GUILD });
    const interaction = await received;
    if (!interaction.isButton()) throw new Error('expected a button');
    await interaction.deferUpdate();
    await interaction.editReply({ content: 'Confirmed' });
    const message = await handle.finalMessage();
    expect(message.id).toBe(interaction.message.id);
    expect(message.content).toBe('Confirmed');
  });

  it('tells watchers of every message the bot creates, edits and deletes, with its interaction and files', async () => {
    const events: MessageEvent[] = [];
    const stop = fake.watchMessages((event) => events.push(event));
    const received = nextInteraction(client);
    const handle = fake.slashCommand({ name: 'chart', user: ALICE, guildId: GUILD });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    await interaction.deferReply();
    await interaction.editReply({ content: 'drawn', files: [{ name: 'front.png', attachment: Buffer.from('png bytes') }] });
    await interaction.followUp({ content: 'and more' });
    await interaction.deleteReply();
    stop();
    await client.users.send(ALICE.id, 'not watched any more');

    expect(events.map((event) => [event.type, event.message.content, event.interactionId])).toEqual([
      ['create', '', handle.id],
      ['update', 'drawn', handle.id],
      ['create', 'and more', handle.id],
      ['delete', 'drawn', handle.id],
    ]);
    expect(fake.attachment(events[1]!.message.id, 'front.png')?.toString()).toBe('png bytes');
    expect(fake.attachment(events[1]!.message.id, 'other.png')).toBeUndefined();
  });

  it('delivers a string select with the chosen values on the message it sits on', async () => {
    const dm = await client.users.send(ALICE.id, { content: 'Pick', components: [{ type: 1, components: [{ type: 3, custom_id: 'pick:one', options: [{ label: 'A', value: 'a' }, { label: 'B', value: 'b' }] }] }] });
    const received = nextInteraction(client);
    const handle = fake.selectMenu({ customId: 'pick:one', values: ['b'], user: ALICE, messageId: dm.id });
    const interaction = await received;
    if (!interaction.isStringSelectMenu()) throw new Error('expected a string select');
    expect(interaction.values).toEqual(['b']);
    expect(interaction.message.id).toBe(dm.id);
    await interaction.update({ content: 'Picked b', components: [] });
    expect((await handle.finalMessage()).content).toBe('Picked b');
  });

  it('refuses a second initial response with 40060', async () => {
    const received = nextInteraction(client);
    const handle = fake.slashCommand({ name: 'twice', user: ALICE });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    await interaction.reply('first');
    // discord.js refuses a second reply locally, so go around it to reach the fake.
    const second = client.rest.post(Routes.interactionCallback(handle.id, handle.token), { body: { type: 4, data: { content: 'second' } }, auth: false });
    await expect(second).rejects.toMatchObject({ code: 40060, status: 400 });
    expect((await handle.finalMessage()).content).toBe('first');
  });

  it('refuses callback types that do not fit the interaction', async () => {
    const received = nextInteraction(client);
    const handle = fake.slashCommand({ name: 'wrong', user: ALICE });
    await received;
    const update = client.rest.post(Routes.interactionCallback(handle.id, handle.token), { body: { type: 7, data: { content: 'x' } }, auth: false });
    await expect(update).rejects.toBeInstanceOf(DiscordAPIError);
    await expect(handle.initialResponse(100)).rejects.toThrow(/refused callbacks: 50035 callback type 7/);
  });

  it('records requests to routes it does not know as unmatched 404s', async () => {
    const since = fake.requests.length;
    await expect(client.rest.get('/guilds/1/roles')).rejects.toMatchObject({ status: 404 });
    const request = await fake.waitForRequest((r) => r.path === '/guilds/1/roles', { since });
    expect(request.route).toBeNull();
    expect(fake.unmatchedRequests()).toContain(request);
  });
});

describe('fake Discord interaction window', () => {
  it('answers a callback after the window with 10062 Unknown interaction', async () => {
    const fake = await startFakeDiscord({ interactionWindowMs: 50 });
    const client = await loggedInClient(fake);
    try {
      const received = nextInteraction(client);
      const handle = fake.slashCommand({ name: 'late', user: ALICE });
      const interaction = await received;
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      await new Promise((resolve) => setTimeout(resolve, 120));
      await expect(interaction.reply('too late')).rejects.toMatchObject({ code: 10062, status: 404 });
      await expect(handle.initialResponse(100)).rejects.toThrow(/10062 too late/);
    } finally {
      await client.destroy();
      await fake.close();
    }
  });

  it('answers edits and follow-ups after the token lifetime with 50027 Invalid Webhook Token', async () => {
    const fake = await startFakeDiscord({ interactionTokenLifetimeMs: 50 });
    const client = await loggedInClient(fake);
    try {
      const received = nextInteraction(client);
      fake.slashCommand({ name: 'long', user: ALICE });
      const interaction = await received;
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      await interaction.deferReply();
      await new Promise((resolve) => setTimeout(resolve, 120));
      await expect(interaction.editReply('finally')).rejects.toMatchObject({ code: 50027, status: 401 });
      await expect(interaction.followUp('and more')).rejects.toMatchObject({ code: 50027 });
    } finally {
      await client.destroy();
      await fake.close();
    }
  });
});
