import { expect } from 'vitest';
import { startHarness, type Harness, type HarnessOptions } from '../support/harness.js';
import { buttonId, connectToken, EPHEMERAL, messageText, settledAnswer, subcommandPath } from '../support/messages.js';
import type { SlashOptionValue } from '../support/fake-discord/types.js';

export { buttonId, EPHEMERAL, messageText } from '../support/messages.js';

const WRITES = /^(POST|PATCH|DELETE) /;

/*
 * One world per test file for the /member and /group harness tests: the real app in-process, the
 * fake Discord and the PluralKit emulator, with an owner whose token is stored, a stranger
 * without one, and helpers to act as them and to read PluralKit's state over HTTP.
 */

export const OWNER = { id: '240000000000000001', username: 'owner' };
export const STRANGER = { id: '240000000000000002', username: 'stranger' };
export const GUILD = '340000000000000001';

type Options = Record<string, SlashOptionValue>;
type Handle = ReturnType<Harness['discord']['slashCommand']>;
type Message = Awaited<ReturnType<Handle['finalMessage']>>;

/** A write whose answer was lost, seen through: the first message shown, the answer that settled it, every edit. */
export interface Settled {
  first: Message;
  answer: Message;
  edits: Message[];
}

export interface World {
  h: Harness;
  system: { id: string; uuid: string; token: string };
  /** `/<command> [group] <sub>` as a user (owner by default), in the test guild; its final message. */
  run(command: string, path: string, options?: Options, as?: { user?: typeof OWNER; guildId?: string | null }): Promise<Message>;
  /** Presses a button by its label on a message. */
  press(message: Message, label: string, user?: typeof OWNER): Promise<Message>;
  /** `run`, moving the app's clock until the answer settles (for writes whose answer is lost). */
  runSettled(command: string, path: string, options?: Options, as?: { user?: typeof OWNER; guildId?: string | null }): Promise<Settled>;
  /** `press`, moving the app's clock until the answer settles. */
  pressSettled(message: Message, label: string): Promise<Settled>;
  /** The interaction behind `run`, answered whenever the bot gets round to it. */
  start(command: string, path: string, options?: Options, as?: { user?: typeof OWNER; guildId?: string | null }): Handle;
  /** The interaction behind `press`. */
  startPress(message: Message, label: string, user?: typeof OWNER): Handle;
  /** Moves the app's clock until `handle` settles on an answer that is not a progress note. */
  settle(handle: Handle): Promise<Settled>;
  /** GET from the emulator with the owner's token (PluralKit's state, not our cache). */
  pk<T = unknown>(path: string, token?: string | null): Promise<{ status: number; body: T }>;
  /** PluralKit requests made while `action` ran, as `METHOD /path`. */
  requestsDuring(action: () => Promise<unknown>): Promise<string[]>;
  /** `run`, with the PluralKit requests it made. */
  counted(command: string, path: string, options?: Options, as?: { user?: typeof OWNER; guildId?: string | null }): Promise<{ reply: Message; requests: string[] }>;
  /** Presses a button, with the PluralKit requests the press made. */
  countedPress(message: Message, label: string): Promise<{ reply: Message; requests: string[] }>;
  /**
   * A refusal: ephemeral, no mentions, the message, and either no request at all (`none`: known
   * before asking PluralKit) or no write (`no writes`: e.g. an unknown name re-reads the list).
   */
  expectRefusal(command: string, path: string, options: Options, message: RegExp, allowed: 'none' | 'no writes', as?: { user?: typeof OWNER; guildId?: string | null }): Promise<void>;
  stop(): Promise<void>;
}

export async function startWorld(seed: { name?: string; settings?: Record<string, unknown> } = {}, harness: HarnessOptions = {}): Promise<World> {
  const h = await startHarness(harness);
  const seeded = h.pluralkit.seedSystem({ name: seed.name ?? 'Test System', accounts: [OWNER.id], ...(seed.settings ? { settings: seed.settings } : {}) });
  await connectToken(h.discord, OWNER, seeded.token!);
  const system = { id: seeded.id, uuid: seeded.uuid, token: seeded.token! };
  const world: World = {
    h,
    system,
    start(command, path, options = {}, as = {}) {
      return h.discord.slashCommand({
        name: command,
        ...subcommandPath(path),
        options,
        user: as.user ?? OWNER,
        guildId: as.guildId === undefined ? GUILD : as.guildId,
      });
    },
    startPress(message, label, user = OWNER) {
      return h.discord.button({ customId: buttonId(message, label), user, guildId: GUILD });
    },
    run(command, path, options = {}, as = {}) {
      return world.start(command, path, options, as).finalMessage();
    },
    press(message, label, user = OWNER) {
      return world.startPress(message, label, user).finalMessage();
    },
    async settle(handle) {
      const answer = (await h.clock.runUntil(settledAnswer(handle))) as Message;
      return { first: await handle.finalMessage(), answer, edits: handle.edits() };
    },
    runSettled(command, path, options = {}, as = {}) {
      return world.settle(world.start(command, path, options, as));
    },
    pressSettled(message, label) {
      return world.settle(world.startPress(message, label));
    },
    async pk(path, token = system.token) {
      const response = await fetch(`${h.pluralkit.url}${path}`, { headers: { 'user-agent': 'test', ...(token ? { authorization: token } : {}) } });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as never };
    },
    async requestsDuring(action) {
      const start = h.pluralkit.requests.length;
      await action();
      await new Promise((resolve) => setTimeout(resolve, 20));
      return h.pluralkit.requests.slice(start).map((request) => `${request.method} ${request.path.replace(/^\/v2/, '')}`);
    },
    async counted(command, path, options = {}, as = {}) {
      let reply: Message | undefined;
      const requests = await world.requestsDuring(async () => {
        reply = await world.run(command, path, options, as);
      });
      return { reply: reply!, requests };
    },
    async countedPress(message, label) {
      let reply: Message | undefined;
      const requests = await world.requestsDuring(async () => {
        reply = await world.press(message, label);
      });
      return { reply: reply!, requests };
    },
    async expectRefusal(command, path, options, message, allowed, as = {}) {
      const { reply, requests } = await world.counted(command, path, options, as);
      expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(reply.allowed_mentions).toEqual({ parse: [] });
      expect(messageText(reply)).toMatch(message);
      expect(allowed === 'none' ? requests : requests.filter((request) => WRITES.test(request))).toEqual([]);
    },
    stop: () => h.stop(),
  };
  return world;
}
