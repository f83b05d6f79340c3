import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { FakeDiscord } from '../test/support/fake-discord/index.js';
import type { PluralKitEmulator } from '../test/support/pluralkit-emulator/index.js';
import { startCommand } from '../test/support/bot-process.js';
import { rssMb, sleep, startBenchWorld } from './support.js';

/*
 * Which node settings to run the bot with: each candidate on a fresh real process, with a mix of
 * real commands (/fronters, /switch new, /member view, member autocomplete, after one /stats
 * chart with emoji and Japanese names), 50 users each with their own 120-member system (2 interactions a second each when paced, well inside PluralKit's 10/s per token).
 * Paced RSS after 2,000 interactions at 50/s (100/s of this mix backs up on 2 loaded cores), then CPU per interaction (the process's own user +
 * system time, from /proc) and interactions per second at full speed, and RSS after that.
 * `npm run bench -- memory` repeats it: the machine is shared, so read ranges, not one figure.
 */

const USERS = 50;
const MEMBERS = 120;
const PACED = 2_000;
const PACED_PER_SECOND = 50;
const FULL_SPEED = 2_000;
const IN_FLIGHT = 20;

interface Candidate {
  label: string;
  env: Record<string, string>;
  flags: string[];
}

const SEMI_AND_GROWING = ['--max-semi-space-size=2', '--heap-growing-percent=50'];
const CANDIDATES: Candidate[] = [
  { label: 'no flags', env: {}, flags: [] },
  { label: 'before: semi-space 2, growing 50 %, optimize-for-size', env: {}, flags: [...SEMI_AND_GROWING, '--optimize-for-size'] },
  { label: 'MALLOC_ARENA_MAX=2 only', env: { MALLOC_ARENA_MAX: '2' }, flags: [] },
  { label: 'MALLOC_ARENA_MAX=2, semi-space 2, growing 50 %', env: { MALLOC_ARENA_MAX: '2' }, flags: SEMI_AND_GROWING },
  { label: 'MALLOC_ARENA_MAX=2, semi-space 2, growing 30 %', env: { MALLOC_ARENA_MAX: '2' }, flags: ['--max-semi-space-size=2', '--heap-growing-percent=30'] },
  { label: 'MALLOC_ARENA_MAX=2, semi-space 4, growing 50 %', env: { MALLOC_ARENA_MAX: '2' }, flags: ['--max-semi-space-size=4', '--heap-growing-percent=50'] },
];

/** The process's own CPU time so far (user + system), in ms, from /proc (Linux; 100 ticks a second). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface User {
  user: { id: string; username: string };
  names: string[];
}

const NAME_STYLES = [(i: number) => `Member ${i}`, (i: number) => `Alex ${['🌙', '✨', '🦊', '🌸'][i % 4]} ${i}`, (i: number) => `ひかり ${i}`];

async function seedUsers(discord: FakeDiscord, pluralkit: PluralKitEmulator): Promise<User[]> {
  const users: User[] = [];
  for (let u = 0; u < USERS; u++) {
    const user = { id: String(295000000000000000n + BigInt(u)), username: `mix${u}` };
    const system = pluralkit.seedSystem({ name: `Mix System ${u}`, accounts: [user.id] });
    const names: string[] = [];
    const ids: string[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      const name = NAME_STYLES[i % NAME_STYLES.length]!(i);
      names.push(name);
      ids.push(pluralkit.seedMember(system.id, { name, pronouns: 'they/them', description: 'A member of a benchmark system. '.repeat(3) }).id);
    }
    for (let s = 0; s < 50; s++) {
      pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - (50 - s) * 3_600_000), members: [ids[s % IN_ROTATION]!, ids[(s * 7) % MEMBERS]!] });
    }
    await discord.modalSubmit({ customId: 'token:submit', fields: { token: system.token! }, user, guildId: null }).finalMessage(10_000);
    users.push({ user, names });
  }
  return users;
}

/** Members a user switches among and views: their last front is on PluralKit's first page of switches, as for most views. */
const IN_ROTATION = 8;

/** The i-th interaction of the mix: whose, and which command. */
function mixed(discord: FakeDiscord, users: User[], i: number): Promise<unknown> {
  const { user, names } = users[i % USERS]!;
  const round = Math.floor(i / USERS);
  const name = (k: number) => names[(round + k) % IN_ROTATION]!;
  switch (round % 4) {
    case 0:
      return discord.slashCommand({ name: 'fronters', options: {}, user, guildId: null }).finalMessage(30_000);
    case 1:
      return discord.slashCommand({ name: 'switch', subcommand: 'new', options: { members: `${name(0)}, ${name(1)}` }, user, guildId: null }).finalMessage(30_000);
    case 2:
      return discord.slashCommand({ name: 'member', subcommand: 'view', options: { member: name(2) }, user, guildId: null }).finalMessage(30_000);
    default:
      // Any member of the 120, by the start of its name.
      return discord
        .autocomplete({ name: 'switch', subcommand: 'new', options: { members: names[(round * 7) % MEMBERS]!.slice(0, 4) }, focused: 'members', user, guildId: null })
        .initialResponse(30_000);
  }
}

async function measure(candidate: Candidate): Promise<string> {
  const world = await startBenchWorld({ env: candidate.env, nodeFlags: candidate.flags });
  const { discord, pluralkit, bot } = world;
  const pid = bot.child.pid!;
  // On a loaded machine an answer can take longer than the fake Discord waits: counted, not fatal.
  let unanswered = 0;
  const send = (i: number): Promise<unknown> =>
    mixed(discord, users, i).catch(() => {
      unanswered++;
    });
  let users: User[] = [];
  try {
    users = await seedUsers(discord, pluralkit);
    // One chart with emoji and Japanese names (drawn in the renderer process, read by the bot).
    await discord.slashCommand({ name: 'stats', subcommand: 'front', options: { range: '30d' }, user: users[0]!.user, guildId: null }).finalMessage(30_000);
    for (let i = 0; i < 200; i++) await send(i);

    const pacedStart = performance.now();
    const pending: Array<Promise<unknown>> = [];
    for (let i = 0; i < PACED; i++) {
      const wait = pacedStart + (i * 1000) / PACED_PER_SECOND - performance.now();
      if (wait > 1) await sleep(wait);
      pending.push(send(i));
      if (pending.length >= 200) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    const pacedRss = rssMb(pid);

    const cpuBefore = cpuMs(pid);
    const started = performance.now();
    let sent = 0;
    const worker = async (): Promise<void> => {
      while (sent < FULL_SPEED) await send(sent++);
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const seconds = (performance.now() - started) / 1000;
    const cpuPer = (cpuMs(pid) - cpuBefore) / FULL_SPEED;
    const late = unanswered > 0 ? `; ${unanswered} not answered within 30 s` : '';
    return `paced RSS ${pacedRss} MB; full speed ${Math.round(FULL_SPEED / seconds)}/s, CPU ${cpuPer.toFixed(2)} ms per interaction, RSS after ${rssMb(pid)} MB${late}`;
  } finally {
    await world.stop();
  }
}

export async function benchMemorySettings(): Promise<Record<string, number | string>> {
  const start = startCommand();
  const figures: Record<string, number | string> = {
    'npm start now': `${Object.entries(start.env).map(([key, value]) => `${key}=${value} `).join('')}node ${start.flags.join(' ')}`,
  };
  for (const candidate of CANDIDATES) {
    figures[`${candidate.label} (under load)`] = await measure(candidate);
  }
  return figures;
}
