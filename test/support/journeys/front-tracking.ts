import { expect, it } from 'vitest';
import type { FakeDiscord } from '../fake-discord/index.js';
import { EPHEMERAL, messageText } from '../messages.js';
import type { PluralKitEmulator } from '../pluralkit-emulator/index.js';

/*
 * Front tracking's first steps, written once and run in-process (test/commands/switch/front.test.ts)
 * and as the real process's smoke run (test/e2e/front.test.ts): the owner's system with Alice
 * fronting for five hours, /fronters, and a /switch new by names.
 */

export const FRONT_OWNER = { id: '220000000000000001', username: 'owner' };
export const FRONT_GUILD = '320000000000000001';
const HOUR = 3600_000;

export interface FrontWorld {
  discord: FakeDiscord;
  pluralkit: PluralKitEmulator;
  own: { id: string; token: string | null };
  alice: { id: string };
  bob: { id: string };
}

/** The owner's system (zone Europe/Berlin) with Alice and Bob ("Bobby"), Alice fronting since five hours ago. */
export function seedFrontSystem(pluralkit: PluralKitEmulator): Pick<FrontWorld, 'own' | 'alice' | 'bob'> {
  const own = pluralkit.seedSystem({ name: 'Own System', accounts: [FRONT_OWNER.id], settings: { timezone: 'Europe/Berlin' } });
  const alice = pluralkit.seedMember(own.id, { name: 'Alice', pronouns: 'she/her', color: 'ff0000' });
  const bob = pluralkit.seedMember(own.id, { name: 'Bob', display_name: 'Bobby' });
  pluralkit.seedSwitch(own.id, { timestamp: new Date(Date.now() - 5 * HOUR), members: [alice.id] });
  return { own, alice, bob };
}

/** The system's latest switch, as PluralKit has it. */
export async function latestSwitch(world: Pick<FrontWorld, 'pluralkit' | 'own'>): Promise<{ id: string; timestamp: string; members: string[] } | undefined> {
  const response = await fetch(`${world.pluralkit.url}/systems/${world.own.id}/switches?limit=1`, { headers: { authorization: world.own.token!, 'user-agent': 'test' } });
  return ((await response.json()) as Array<{ id: string; timestamp: string; members: string[] }>)[0];
}

export function frontersShownPubliclyCase(world: () => FrontWorld): void {
  it('/fronters shows the caller’s current fronters publicly, as PluralKit shows the public', async () => {
    const reply = await world().discord.slashCommand({ name: 'fronters', user: FRONT_OWNER, guildId: FRONT_GUILD }).finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(0);
    const text = messageText(reply);
    expect(text).toContain('Alice');
    expect(text).toMatch(/<t:\d+:f>/);
    expect(text).toMatch(/<t:\d+:R>/);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
  });
}

export function switchByNamesCase(world: () => FrontWorld): void {
  it('/switch new registers a switch by names, ephemerally, and names the new fronters', async () => {
    const { discord, alice, bob } = world();
    const reply = await discord.slashCommand({ name: 'switch', subcommand: 'new', options: { members: 'alice, Bobby' }, user: FRONT_OWNER, guildId: FRONT_GUILD }).finalMessage(10_000);
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(/Switch registered/);
    expect(messageText(reply)).toContain('Alice');
    expect((await latestSwitch(world()))!.members).toEqual([alice.id, bob.id]);
  });
}
