import type { FakeDiscord, InteractionHandle, SlashOptionValue } from '../../test/support/fake-discord/index.js';
import type {
  AutocompleteChoice,
  AutocompleteRequest,
  ComponentRequest,
  DirectMessageRequest,
  DispatchResult,
  MessageCommandRequest,
  ModalRequest,
  Place,
  SlashRequest,
} from '../shared/protocol.js';
import { CHANNEL_ID, GUILD_ID, PROXY_WEBHOOK_ID, discordUser, personById } from './scene.js';
import type { Timeline } from './timeline.js';

const CallbackType = { AutocompleteResult: 8, Modal: 9 } as const;
const ComponentType = { Button: 2 } as const;
/** Discord's 3 s, and a little for the fake's bookkeeping. */
const ANSWER_WINDOW_MS = 3_500;

/** A refusal of what the page asked (unknown person, someone else's DM): answered 400. */
export class PlaygroundRequestError extends Error {}

/** Turns what the person on the page did into interactions on the fake Discord, as that person. */
export class Actions {
  constructor(
    private readonly discord: FakeDiscord,
    private readonly timeline: Timeline,
  ) {}

  slash(request: SlashRequest): Promise<DispatchResult> {
    const handle = this.discord.slashCommand({ ...this.where(request.as, request.place), ...commandPath(request), options: this.options(request.options) });
    return this.follow(handle, request.as, request.place, `used /${[request.name, request.subcommandGroup, request.subcommand].filter(Boolean).join(' ')}`);
  }

  async autocomplete(request: AutocompleteRequest): Promise<AutocompleteChoice[]> {
    const handle = this.discord.autocomplete({ ...this.where(request.as, request.place), ...commandPath(request), options: this.options(request.options), focused: request.focused });
    const answer = await handle.initialResponse(ANSWER_WINDOW_MS).catch(() => undefined);
    if (answer?.type !== CallbackType.AutocompleteResult) return [];
    return (answer.data?.choices ?? []) as AutocompleteChoice[];
  }

  component(request: ComponentRequest): Promise<DispatchResult> {
    const input = { ...this.where(request.as, request.place), customId: request.customId, messageId: request.messageId };
    const handle =
      request.componentType === ComponentType.Button
        ? this.discord.button(input)
        : this.discord.selectMenu({ ...input, values: request.values ?? [], componentType: request.componentType });
    const what = request.label ? ` “${request.label}”` : '';
    return this.follow(handle, request.as, request.place, request.componentType === ComponentType.Button ? `pressed${what || ' a button'}` : `chose from${what || ' a menu'}`);
  }

  modal(request: ModalRequest): Promise<DispatchResult> {
    const handle = this.discord.modalSubmit({ ...this.where(request.as, request.place), customId: request.customId, fields: request.fields, ...(request.messageId ? { messageId: request.messageId } : {}) });
    return this.follow(handle, request.as, request.place, request.title ? `submitted “${request.title}”` : 'submitted a form');
  }

  messageCommand(request: MessageCommandRequest): Promise<DispatchResult> {
    const entry = this.timeline.entry(request.messageId);
    if (!entry) throw new PlaygroundRequestError(`no message ${request.messageId} on the page`);
    const target = entry.proxied
      ? {
          ...entry.message,
          id: entry.id,
          webhook_id: PROXY_WEBHOOK_ID,
          timestamp: entry.timestamp,
          author: { id: PROXY_WEBHOOK_ID, username: entry.author.name, discriminator: '0000', avatar: null, global_name: null, bot: true },
        }
      : { ...entry.message, id: entry.id };
    const handle = this.discord.messageContext({ ...this.where(request.as, request.place), name: request.name, target });
    return this.follow(handle, request.as, request.place, `used ${request.name}`);
  }

  async directMessage(request: DirectMessageRequest): Promise<void> {
    const person = this.person(request.as);
    const sent = await this.discord.directMessage({ user: discordUser(person), content: request.content });
    this.timeline.addUserMessage(sent.id, person.id, person.displayName, request.content);
  }

  private where(personId: string, place: Place): { user: ReturnType<typeof discordUser>; guildId: string | null; channelId?: string } {
    const person = this.person(personId);
    if (place.kind === 'dm') {
      if (place.personId !== person.id) throw new PlaygroundRequestError("one can only act in one's own DMs");
      return { user: discordUser(person), guildId: null };
    }
    return { user: discordUser(person), guildId: GUILD_ID, channelId: CHANNEL_ID };
  }

  private person(id: string) {
    const person = personById(id);
    if (!person) throw new PlaygroundRequestError(`unknown person ${id}`);
    return person;
  }

  /** USER options arrive as `{ user: id }` and go out with the user, so the bot sees a resolved user. */
  private options(values: SlashRequest['options']): Record<string, SlashOptionValue> {
    return Object.fromEntries(
      Object.entries(values).map(([name, value]) => {
        if (typeof value !== 'object') return [name, value];
        return [name, { type: 6, value: value.user, user: discordUser(this.person(value.user)) }];
      }),
    );
  }

  /** Notes the interaction, and answers with its form or its failure once the initial response is known. */
  private async follow(handle: InteractionHandle, personId: string, place: Place, label: string): Promise<DispatchResult> {
    this.timeline.interactionStarted(handle.id, personId, place, label);
    try {
      const answer = await handle.initialResponse(ANSWER_WINDOW_MS);
      this.timeline.interactionSettled(handle.id, 'answered');
      return answer.type === CallbackType.Modal ? { interactionId: handle.id, modal: answer.data } : { interactionId: handle.id };
    } catch {
      this.timeline.interactionSettled(handle.id, 'failed');
      return { interactionId: handle.id, failed: true };
    }
  }
}

function commandPath(request: { name: string; subcommandGroup?: string | undefined; subcommand?: string | undefined }) {
  return {
    name: request.name,
    ...(request.subcommandGroup ? { subcommandGroup: request.subcommandGroup } : {}),
    ...(request.subcommand ? { subcommand: request.subcommand } : {}),
  };
}
