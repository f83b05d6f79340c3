/**
 * Seed files (`demo-seed.json`, `--seed my-seed.json`): whole systems with their members, groups,
 * switches and per-server settings, proxied messages, and — so demo data looks alive whenever it
 * is loaded — switch histories and posts placed relative to "now".
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { PluralKitEmulator } from './index.js';
import { groupSeedSchema, memberSeedSchema, messageSeedSchema, switchSeedSchema, systemSeedSchema } from './seed-schemas.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DISCORD_EPOCH_MS = 1_420_070_400_000n;
const snowflake = z.string().regex(/^\d{1,20}$/, 'Discord IDs are numeric strings');

/** A generated front history: `members` in order of how often they front, `current` fronting now. */
const historySchema = z.strictObject({
  days: z.number().positive().max(3650),
  seed: z.number().int().default(1),
  members: z.array(z.string()).min(1),
  current: z.array(z.string()).default([]),
});

/** A proxied message `minutes_ago` minutes old, with the text a Discord client would show. */
const postSchema = z.strictObject({
  minutes_ago: z.number().nonnegative(),
  system: z.string(),
  member: z.string(),
  sender: snowflake,
  channel: snowflake,
  guild: snowflake,
  content: z.string().min(1).max(2000),
});

const seedFileSchema = z.strictObject({
  systems: z.array(
    systemSeedSchema.extend({
      members: z.array(memberSeedSchema).optional(),
      groups: z.array(groupSeedSchema).optional(),
      switches: z.array(switchSeedSchema).optional(),
      history: historySchema.optional(),
      /** guild ID → system guild settings */
      guilds: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    }),
  ),
  messages: z.array(messageSeedSchema).optional(),
  posts: z.array(postSchema).optional(),
});

export type SeedFile = z.infer<typeof seedFileSchema>;
type SystemEntry = SeedFile['systems'][number];

export const DEMO_SEED_PATH = fileURLToPath(new URL('./demo-seed.json', import.meta.url));

export function loadSeedFile(path: string = DEMO_SEED_PATH): SeedFile {
  const parsed = seedFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`invalid seed file ${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export interface SeededSystemSummary {
  id: string;
  name: string | null;
  token: string | null;
  accounts: string[];
}

/** A seeded proxied message, as a Discord client shows it (PluralKit's webhook name and avatar). */
export interface SeededPost {
  id: string;
  channel: string;
  guild: string;
  sender: string;
  content: string;
  timestamp: string;
  authorName: string;
  avatarUrl: string | null;
}

export interface SeedResult {
  systems: SeededSystemSummary[];
  posts: SeededPost[];
}

/** Seeds everything in the file; histories and posts end at `now` (default: the real clock). */
export function applySeedFile(pk: PluralKitEmulator, file: SeedFile, options: { now?: Date } = {}): SeedResult {
  const now = (options.now ?? new Date()).getTime();
  const systems: SeededSystemSummary[] = [];
  for (const { members, groups, switches, history, guilds, ...systemSeed } of file.systems) {
    const system = pk.seedSystem(systemSeed);
    for (const member of members ?? []) pk.seedMember(system.uuid, member);
    for (const group of groups ?? []) pk.seedGroup(system.uuid, group);
    for (const entry of switches ?? []) pk.seedSwitch(system.uuid, entry);
    for (const entry of history ? generateHistory(history, now) : []) pk.seedSwitch(system.uuid, entry);
    for (const [guildId, settings] of Object.entries(guilds ?? {})) pk.seedSystemGuildSettings(system.uuid, guildId, settings);
    systems.push({ id: system.id, name: systemSeed.name ?? null, token: system.token, accounts: system.accounts });
  }
  for (const message of file.messages ?? []) pk.seedMessage(message);
  const posts = (file.posts ?? []).map((post, index) => {
    const at = now - post.minutes_ago * MINUTE;
    // The trigger message came a moment before the proxied one; PluralKit knows both IDs.
    const id = snowflakeAt(at, index * 2 + 1);
    pk.seedMessage({ id, original: snowflakeAt(at - 400, index * 2), sender: post.sender, channel: post.channel, guild: post.guild, system: post.system, member: post.member });
    return { id, channel: post.channel, guild: post.guild, sender: post.sender, content: post.content, timestamp: new Date(at).toISOString(), ...webhookIdentity(file, post) };
  });
  return { systems, posts };
}

/** The name and avatar PluralKit gives the webhook: display name (else name), then the server's or system's tag. */
function webhookIdentity(file: SeedFile, post: z.infer<typeof postSchema>): { authorName: string; avatarUrl: string | null } {
  const system = file.systems.find((entry) => entry.id === post.system);
  const member = system?.members?.find((entry) => entry.id === post.member);
  if (!system || !member) throw new Error(`seed post: no member '${post.member}' in system '${post.system}' of this file`);
  const tag = guildTag(system, post.guild) ?? system.tag;
  const name = member.display_name ?? member.name;
  return { authorName: tag ? `${name} ${tag}` : name, avatarUrl: member.avatar_url ?? system.avatar_url ?? null };
}

function guildTag(system: SystemEntry, guildId: string): string | null | undefined {
  const tag = system.guilds?.[guildId]?.tag;
  return typeof tag === 'string' ? tag : undefined;
}

/**
 * Plausible switching, the same for a given seed: the first members front most, co-fronting now
 * and then, switch-outs at night (UTC), 30 minutes to 5½ hours apart; `current` switched in
 * 40 minutes ago.
 */
function generateHistory(history: z.infer<typeof historySchema>, now: number): Array<{ timestamp: Date; members: string[] }> {
  let state = history.seed >>> 0;
  const random = (): number => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 4_294_967_296;
  };
  const pick = (): string => history.members[Math.floor(random() ** 3 * history.members.length)]!;
  const currentAt = now - 40 * MINUTE;
  const entries: Array<{ timestamp: Date; members: string[] }> = [];
  for (let at = now - history.days * 24 * HOUR; at < currentAt - 30 * MINUTE; at += (0.5 + random() * 5) * HOUR) {
    const hour = new Date(at).getUTCHours();
    const roll = random();
    const members = (hour >= 23 || hour < 6) && roll < 0.5 ? [] : roll < 0.75 ? [pick()] : [...new Set([pick(), pick()])];
    entries.push({ timestamp: new Date(at), members });
  }
  entries.push({ timestamp: new Date(currentAt), members: history.current });
  return entries;
}

/** A snowflake for a moment, as Discord makes them (`increment` keeps IDs of one millisecond apart). */
export function snowflakeAt(ms: number, increment = 0): string {
  return (((BigInt(Math.floor(ms)) - DISCORD_EPOCH_MS) << 22n) + BigInt(increment)).toString();
}
