import { startBenchWorld } from './support.js';

/*
 * The 5-minute session of issue 12, on the real bot process: one user sets their token, asks
 * /fronters 5 times, logs 3 switches while typing (autocomplete), pages the history twice and looks
 * up 3 proxied messages. Public views are not kept between calls (PLURALKIT_PUBLIC_CACHE_SECONDS=0)
 * because in a real session minutes pass between them. Before: 20 requests; target ≤ 15.
 */

const USER = { id: '292000000000000001', username: 'session' };
const GUILD = '392000000000000001';

function snowflakeAt(date: Date, increment: number): string {
  return ((BigInt(date.getTime() - 1420070400000) << 22n) + BigInt(increment)).toString();
}

export async function benchSessionRequests(): Promise<Record<string, number | string>> {
  const world = await startBenchWorld({ env: { PLURALKIT_PUBLIC_CACHE_SECONDS: '0' } });
  const { discord, pluralkit } = world;
  try {
    const system = pluralkit.seedSystem({ name: 'Session System', accounts: [USER.id] });
    const names = Array.from({ length: 40 }, (_, i) => `Member ${i}`);
    const members = names.map((name) => pluralkit.seedMember(system.id, { name }));
    for (let i = 0; i < 15; i++) pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - (20 - i) * 3_600_000), members: [members[i]!.id] });
    const messages = [0, 1, 2].map((i) => {
      const id = snowflakeAt(new Date(Date.now() - 60_000), i);
      pluralkit.seedMessage({ id, sender: USER.id, channel: '492000000000000001', guild: GUILD, system: system.id, member: members[i]!.id });
      return id;
    });
    pluralkit.clearRequests();

    await discord.modalSubmit({ customId: 'token:submit', fields: { token: system.token! }, user: USER, guildId: null }).finalMessage(10_000);
    for (let i = 0; i < 5; i++) await discord.slashCommand({ name: 'fronters', user: USER, guildId: GUILD }).finalMessage(10_000);
    for (let i = 0; i < 3; i++) {
      for (const typed of ['M', 'Me', `Member ${20 + i}`]) {
        await discord.autocomplete({ name: 'switch', subcommand: 'new', options: { members: typed }, focused: 'members', user: USER, guildId: GUILD }).initialResponse(10_000);
      }
      await discord.slashCommand({ name: 'switch', subcommand: 'new', options: { members: `Member ${20 + i}` }, user: USER, guildId: GUILD }).finalMessage(10_000);
    }
    const first = await discord.slashCommand({ name: 'switch', subcommand: 'history', user: USER, guildId: GUILD }).finalMessage(10_000);
    const next = (first.components as Array<{ components: Array<{ label?: string; custom_id?: string }> }>).flatMap((row) => row.components).find((button) => button.label === 'Next');
    if (next?.custom_id) await discord.button({ customId: next.custom_id, user: USER, guildId: GUILD }).finalMessage(10_000);
    for (const id of messages) await discord.slashCommand({ name: 'message', subcommand: 'link', options: { link: id }, user: USER, guildId: GUILD }).finalMessage(10_000);

    const byRoute = new Map<string, number>();
    for (const request of pluralkit.requests) {
      const route = `${request.method} ${request.path.replace(/\/[a-z]{6}(?=\/|$)/g, '/{id}').replace(/\/\d{17,20}$/, '/{id}')}`;
      byRoute.set(route, (byRoute.get(route) ?? 0) + 1);
    }
    return {
      'PluralKit requests in the 5-minute session': pluralkit.requests.length,
      'requests by route': [...byRoute].map(([route, count]) => `${route} ×${count}`).join(', '),
    };
  } finally {
    await world.stop();
  }
}
