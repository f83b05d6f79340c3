import type { Person } from '../shared/protocol.js';

/**
 * The demo's fixed cast and place. The IDs match the accounts, server settings and posts in the
 * emulator's demo-seed.json, so "you" own the Harbour Lights system as far as PluralKit knows.
 */
export const GUILD_ID = '200000000000000001';
export const CHANNEL_ID = '200000000000000002';
export const GUILD_NAME = 'Harbour Town';
export const CHANNEL_NAME = 'general';
export const BOT_NAME = 'Switchboard';
/** PluralKit proxies through a webhook; its messages carry this webhook ID. */
export const PROXY_WEBHOOK_ID = '200000000000000003';

export const OWNER_ID = '100000000000000001';

export const PEOPLE: readonly Person[] = [
  { id: OWNER_ID, username: 'harbourlights', displayName: 'Harbour Lights', role: 'owner of the demo system (token connected)', selectable: true },
  { id: '100000000000000002', username: 'starfall', displayName: 'Starfall', role: "a friend with a public system (no token yet)", selectable: true },
  { id: '100000000000000003', username: 'newcomer', displayName: 'Newcomer', role: 'someone with no system', selectable: true },
  { id: '100000000000000004', username: 'hush', displayName: 'Hush', role: 'a system that keeps everything private', selectable: false },
];

export function personById(id: string): Person | undefined {
  return PEOPLE.find((person) => person.id === id);
}

/** A person as the fake Discord takes a user. */
export function discordUser(person: Person): { id: string; username: string; globalName: string } {
  return { id: person.id, username: person.username, globalName: person.displayName };
}
