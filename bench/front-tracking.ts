import { percentile, startBenchWorld } from './support.js';

/*
 * Autocomplete on a 1,000-member system from a warm cache on the real bot
 * (dispatch → choices received; the in-process figure is bench/autocomplete.ts),
 * and how many PluralKit requests each front-tracking command makes.
 */

const USER = { id: '291000000000000001', username: 'bench' };
const QUERIES = ['a', 'me', 'member 5', 'xyz', 'Member 12, mem', 'mbr9', '', 'display 77'];

export async function benchFrontTracking(): Promise<Record<string, number | string>> {
  const figures: Record<string, number | string> = {};

  const world = await startBenchWorld();
  const { discord, pluralkit } = world;
  try {
    const system = pluralkit.seedSystem({ name: 'Big System', accounts: [USER.id] });
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++) ids.push(pluralkit.seedMember(system.id, { name: `Member ${i}`, display_name: i % 3 ? `Display ${i}` : null }).id);
    pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - 7200_000), members: [ids[0]!] });
    pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - 3600_000), members: [ids[1]!] });
    await discord.modalSubmit({ customId: 'token:submit', fields: { token: system.token! }, user: USER, guildId: null }).finalMessage(10_000);

    const complete = (query: string) =>
      discord.autocomplete({ name: 'switch', subcommand: 'new', options: { members: query }, focused: 'members', user: USER, guildId: null });
    await complete('warm').initialResponse(10_000);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const count = async (run: () => Promise<unknown>): Promise<number> => {
      pluralkit.clearRequests();
      await run();
      await new Promise((resolve) => setTimeout(resolve, 50));
      return pluralkit.requests.length;
    };

    const endToEnd: number[] = [];
    let warmRequests = 0;
    for (let i = 0; i < 1000; i++) {
      warmRequests += await count(async () => {
        const handle = complete(QUERIES[i % QUERIES.length]!);
        await handle.initialResponse(10_000);
        endToEnd.push(handle.latencyMs()!);
      });
    }
    figures['autocomplete on the bot (dispatch → choices), warm: median (ms)'] = percentile(endToEnd, 50);
    figures['autocomplete on the bot (dispatch → choices), warm: p99 (ms)'] = percentile(endToEnd, 99);
    figures['PluralKit requests per warm autocomplete'] = warmRequests / 1000;

    const slash = (subcommand: string, options: Record<string, string | boolean> = {}, name = 'switch') =>
      discord.slashCommand({ name, ...(name === 'switch' ? { subcommand } : {}), options, user: USER, guildId: null }).finalMessage(10_000);
    const press = async (message: { components?: Array<{ components: Array<{ label?: string; custom_id?: string }> }> }, label: string) => {
      const id = message.components?.flatMap((row) => row.components).find((c) => c.label === label)?.custom_id;
      if (id) await discord.button({ customId: id, user: USER, guildId: null }).finalMessage(10_000);
    };

    let prompt: Awaited<ReturnType<typeof slash>>;
    // First, while the latest switch (1 h ago) has a previous one (2 h ago) to stay after.
    figures['PluralKit requests: /switch move (prompt + confirm)'] = await count(async () => {
      prompt = await slash('move', { at: '90m' });
      await press(prompt, 'Move switch');
    });
    figures['PluralKit requests: /fronters'] = await count(() => slash('', {}, 'fronters'));
    figures['PluralKit requests: /fronters private'] = await count(() => slash('', { private: true }, 'fronters'));
    figures['PluralKit requests: /switch new (warm member cache)'] = await count(() => slash('new', { members: 'Member 5, Member 6' }));
    figures['PluralKit requests: /switch new at (warm)'] = await count(() => slash('new', { members: 'Member 7', at: '10m' }));
    figures['PluralKit requests: /switch out'] = await count(() => slash('out'));
    figures['PluralKit requests: /switch edit (prompt + confirm)'] = await count(async () => {
      prompt = await slash('edit', { members: 'Member 8' });
      await press(prompt, 'Edit switch');
    });
    figures['PluralKit requests: /switch delete (prompt + confirm)'] = await count(async () => {
      prompt = await slash('delete');
      await press(prompt, 'Delete switch');
    });
    figures['PluralKit requests: /switch history (own, public)'] = await count(() => slash('history'));
    return figures;
  } finally {
    await world.stop();
  }
}
