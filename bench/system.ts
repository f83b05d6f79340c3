import { coverageOf, describeCoverage, runCommandSuite } from '../test/support/endpoint-coverage.js';
import { startBenchWorld } from './support.js';

/*
 * PluralKit requests per /system and /autoproxy subcommand on the real bot (warm own lists unless
 * said otherwise), and how many of the adapter's endpoints one run of every command reaches.
 */

const USER = { id: '292000000000000001', username: 'bench' };
const FRIEND = { id: '292000000000000002', username: 'friend' };
const GUILD = '392000000000000001';

type Message = { components?: Array<{ components: Array<{ label?: string; custom_id?: string }> }> };

export async function benchSystem(): Promise<Record<string, number | string>> {
  const figures: Record<string, number | string> = {};
  const world = await startBenchWorld();
  const { discord, pluralkit } = world;
  try {
    const system = pluralkit.seedSystem({ name: 'Bench System', avatar_url: 'https://cdn.example/a.png', accounts: [USER.id] });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(pluralkit.seedMember(system.id, { name: `Member ${i}` }).id);
    for (let i = 0; i < 3; i++) pluralkit.seedGroup(system.id, { name: `Group ${i}`, members: ids.slice(i, i + 5) });
    pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - 3600_000), members: [ids[0]!] });
    pluralkit.seedSystemGuildSettings(system.id, GUILD, { tag: '| here' });
    pluralkit.seedSystem({ name: 'Friend', accounts: [FRIEND.id] });
    await discord.modalSubmit({ customId: 'token:submit', fields: { token: system.token! }, user: USER, guildId: null }).finalMessage(10_000);

    const count = async (run: () => Promise<unknown>): Promise<number> => {
      pluralkit.clearRequests();
      await run();
      await new Promise((resolve) => setTimeout(resolve, 50));
      return pluralkit.requests.length;
    };
    const slash = (name: string, path: string, options: Record<string, string | boolean> = {}) => {
      const [first, second] = path.split(' ');
      const [group, subcommand] = second ? [first, second] : [undefined, first];
      return discord.slashCommand({ name, ...(group ? { subcommandGroup: group } : {}), ...(subcommand ? { subcommand } : {}), options, user: USER, guildId: GUILD });
    };
    const answer = (name: string, path: string, options: Record<string, string | boolean> = {}) => slash(name, path, options).finalMessage(10_000) as Promise<Message>;
    const press = async (message: Message, label: string) => {
      const id = message.components?.flatMap((row) => row.components).find((entry) => entry.label === label)?.custom_id;
      if (id) await discord.button({ customId: id, user: USER, guildId: GUILD }).finalMessage(10_000);
    };
    const form = async (name: string, path: string, fields: Record<string, string>) => {
      const opened = await slash(name, path).initialResponse(10_000);
      await discord.modalSubmit({ customId: opened.data!.custom_id as string, fields, user: USER, guildId: GUILD }).finalMessage(10_000);
    };

    figures['/system view (public: system, members, groups, fronters, no token)'] = await count(() => answer('system', 'view'));
    figures['/system view private (own lists cold)'] = await count(() => answer('system', 'view', { private: true }));
    figures['/system view private (own lists warm)'] = await count(() => answer('system', 'view', { private: true }));
    figures['/system edit with options'] = await count(() => answer('system', 'edit', { pronouns: 'they/them', color: 'ff7000' }));
    figures['/system edit clear (prompt + confirm)'] = await count(async () => press(await answer('system', 'edit', { clear: 'avatar' }), 'Clear'));
    figures['/system edit form (open + submit)'] = await count(() => form('system', 'edit', { name: 'Form Name', tag: '', pronouns: 'they/them', color: '#ff7000', description: '' }));
    figures['/system privacy (overview)'] = await count(() => answer('system', 'privacy'));
    figures['/system privacy subject level'] = await count(() => answer('system', 'privacy', { subject: 'all', level: 'private' }));
    figures['/system settings view'] = await count(() => answer('system', 'settings view'));
    figures['/system settings view user (public settings)'] = await count(() => answer('system', 'settings view', { user: FRIEND.id }));
    figures['/system settings edit with options'] = await count(() => answer('system', 'settings edit', { timezone: 'Europe/Berlin', latch_timeout: '30m' }));
    figures['/system settings edit form (open + submit)'] = await count(() => form('system', 'settings edit', { name_format: '{name}', template_1: 'Hi', template_2: '', template_3: '' }));
    figures['/system server view'] = await count(() => answer('system', 'server view'));
    figures['/system server edit with options'] = await count(() => answer('system', 'server edit', { display_name: 'Here' }));
    figures['/system server edit clear (prompt + confirm)'] = await count(async () => press(await answer('system', 'server edit', { clear: 'tag' }), 'Clear'));
    figures['/autoproxy view'] = await count(() => answer('autoproxy', 'view'));
    figures['/autoproxy set member'] = await count(() => answer('autoproxy', 'set', { mode: 'member', member: 'Member 3' }));
    figures['/autoproxy set off after member (stale answer read again)'] = await count(() => answer('autoproxy', 'set', { mode: 'off' }));

    const coverage = coverageOf(await runCommandSuite(world, 20_000));
    figures['adapter endpoints called by commands'] = `${coverage.covered.length}/${coverage.covered.length + coverage.missing.length}`;
    figures['endpoints no command calls'] = coverage.missing.length;
    if (coverage.missing.length > 0) console.log(describeCoverage(coverage));
    return figures;
  } finally {
    await world.stop();
  }
}
