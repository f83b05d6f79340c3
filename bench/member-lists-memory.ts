import { rssMb, sleep, startBenchWorld } from './support.js';

/*
 * Memory of the per-user member-list cache on the real bot process: 500 users,
 * each with a 1,000-member system, each loading their list once (through
 * /switch new autocomplete, which fills the cache). All users share one emulator
 * system and token so the emulator stays small; every load is a separate request
 * and a separate parsed copy, as with 500 different systems. Loads run one after
 * another so no two are shared in flight.
 */

const USERS = 500;
const MEMBERS = 1000;

export async function benchMemberListsMemory(): Promise<Record<string, number | string>> {
  // Lists idle for two minutes are dropped (swept within the minute after), so the bench sees the memory come back.
  const world = await startBenchWorld({ env: { CACHE_IDLE_MINUTES: '2' } });
  const { discord, pluralkit, bot } = world;
  try {
    const system = pluralkit.seedSystem({ name: 'Big System' });
    for (let i = 0; i < MEMBERS; i++) {
      pluralkit.seedMember(system.id, {
        name: `Member number ${i}`,
        display_name: `Display name of member ${i}`,
        pronouns: i % 2 ? 'they/them' : 'she/her',
        color: 'ff7000',
        birthday: '2001-04-05',
        avatar_url: `https://cdn.example.com/avatars/${system.id}/${i}.png`,
        description: `Member ${i}. ${'A longer description with some words in it. '.repeat(6)}`,
        proxy_tags: [{ prefix: `m${i}:` }, { prefix: `[${i}`, suffix: ']' }],
      });
    }
    const users = Array.from({ length: USERS }, (_, i) => ({ id: String(294000000000000000n + BigInt(i)), username: `lister${i}` }));
    for (const user of users) {
      await discord.modalSubmit({ customId: 'token:submit', fields: { token: system.token! }, user, guildId: null }).finalMessage(10_000);
    }
    await sleep(1_000);
    const base = rssMb(bot.child.pid!);

    const membersPath = '/v2/systems/@me/members';
    const loaded = () => pluralkit.requests.filter((r) => r.path === membersPath && r.status !== 0).length;
    for (const [i, user] of users.entries()) {
      await discord
        .autocomplete({ name: 'switch', subcommand: 'new', options: { members: 'mem' }, focused: 'members', user, guildId: null })
        .initialResponse(20_000);
      const deadline = Date.now() + 20_000;
      while (loaded() < i + 1 && Date.now() < deadline) await sleep(5);
    }
    await sleep(2_000);
    const after = rssMb(bot.child.pid!);
    // V8 gives memory back once allocation calms down (its memory reducer starts after ~8 s).
    await sleep(30_000);
    const settled = rssMb(bot.child.pid!);
    // By now every list is idle past CACHE_IDLE_MINUTES; the sweep drops them and one collection follows (--expose-gc).
    await sleep(160_000);
    const swept = rssMb(bot.child.pid!);
    return {
      'lists loaded': loaded(),
      'RSS before loading (MB)': base,
      [`RSS right after ${USERS} users loaded a ${MEMBERS}-member list (MB)`]: after,
      'RSS 30 s later, idle (MB)': settled,
      'growth right after / idle (MB)': `${Math.round((after - base) * 10) / 10} / ${Math.round((settled - base) * 10) / 10}`,
      'RSS after the idle sweep, CACHE_IDLE_MINUTES=2, 190 s idle (MB; target: within 10 MB of before loading)': swept,
    };
  } finally {
    await world.stop();
  }
}
