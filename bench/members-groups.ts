import { startBenchWorld } from './support.js';

/*
 * How many PluralKit requests each /member and /group subcommand makes, on the real bot, with the
 * caller's member and group lists warm (as they are after any command within ten minutes; every
 * write drops them, so each figure starts warm again). Prompts are counted with their confirm.
 * BENCH_DEBUG=1 prints the requests behind each figure.
 */

const USER = { id: '292000000000000001', username: 'bench' };
const GUILD = '392000000000000001';

type Message = { components?: Array<{ components: Array<{ label?: string; custom_id?: string }> }> };

export async function benchMembersGroups(): Promise<Record<string, number | string>> {
  const figures: Record<string, number | string> = {};
  const world = await startBenchWorld();
  const { discord, pluralkit } = world;
  try {
    const system = pluralkit.seedSystem({ name: 'Bench System', accounts: [USER.id] });
    const ids: string[] = [];
    for (let i = 0; i < 900; i++) ids.push(pluralkit.seedMember(system.id, { name: `Member ${i}` }).id);
    for (let i = 0; i < 50; i++) pluralkit.seedGroup(system.id, { name: `Group ${i}`, members: ids.slice(i * 10, i * 10 + 30) });
    pluralkit.seedMemberGuildSettings(ids[0]!, GUILD, { display_name: 'Here' });
    await discord.modalSubmit({ customId: 'token:submit', fields: { token: system.token! }, user: USER, guildId: null }).finalMessage(10_000);

    const run = (name: string, path: string, options: Record<string, string | boolean> = {}) => {
      const [subcommandGroup, subcommand] = path.includes(' ') ? path.split(' ') : [undefined, path];
      return discord.slashCommand({ name, ...(subcommandGroup ? { subcommandGroup } : {}), subcommand, options, user: USER, guildId: GUILD }).finalMessage(10_000) as Promise<Message>;
    };
    const press = async (message: Message, label: string) => {
      const id = message.components?.flatMap((row) => row.components).find((component) => component.label === label)?.custom_id;
      if (!id) throw new Error(`no ${label} button`);
      await discord.button({ customId: id, user: USER, guildId: GUILD }).finalMessage(10_000);
    };
    const warm = async () => {
      await run('member', 'list', { private: true });
      await run('group', 'list', { private: true });
    };
    let edits = 0;
    // A write drops the caller's lists, so the next command reads them again.
    const coldLists = () => run('member', 'edit', { member: 'Member 9', pronouns: `p${edits++}` });
    const count = async (label: string, action: () => Promise<unknown>, prepare: () => Promise<unknown> = warm) => {
      await prepare();
      await new Promise((resolve) => setTimeout(resolve, 20));
      pluralkit.clearRequests();
      await action();
      await new Promise((resolve) => setTimeout(resolve, 50));
      figures[`PluralKit requests: ${label}`] = pluralkit.requests.length;
      if (process.env.BENCH_DEBUG) console.log(label, pluralkit.requests.map((r) => `${r.method} ${r.path}`));
    };
    const confirmed = (name: string, path: string, options: Record<string, string | boolean>, label: string) => async () => press(await run(name, path, options), label);

    await count('member autocomplete (warm)', () => discord.autocomplete({ name: 'member', subcommand: 'view', options: { member: 'mem 5' }, focused: 'member', user: USER, guildId: GUILD }).initialResponse(10_000));
    await count('/member list (public, a page)', () => run('member', 'list'));
    await count('/member list private', () => run('member', 'list', { private: true }));
    await count('/member view', () => run('member', 'view', { member: 'Member 1' }));
    await count('/member view private', () => run('member', 'view', { member: 'Member 1', private: true }));
    await count('/member view, lists cold (the member list read replaces the member read)', () => run('member', 'view', { member: 'Member 1' }), coldLists);
    await count('/member edit (options), lists cold', () => run('member', 'edit', { member: 'Member 2', pronouns: 'he/him' }), coldLists);
    await count('/member create', () => run('member', 'create', { name: 'New one', pronouns: 'they/them' }));
    await count('/member edit (options)', () => run('member', 'edit', { member: 'Member 2', pronouns: 'she/her', color: 'ff0000' }));
    await count('/member edit add_proxy', () => run('member', 'edit', { member: 'Member 2', add_proxy: '[text]' }));
    await count('/member edit clear (prompt + confirm)', confirmed('member', 'edit', { member: 'Member 2', clear: 'pronouns' }, 'Clear'));
    await count('/member privacy (overview)', () => run('member', 'privacy', { member: 'Member 3' }));
    await count('/member privacy subject level', () => run('member', 'privacy', { member: 'Member 3', subject: 'all', level: 'private' }));
    await count('/member groups view', () => run('member', 'groups view', { member: 'Member 15' }));
    await count('/member groups add', () => run('member', 'groups add', { member: 'Member 15', groups: 'Group 40, Group 41' }));
    await count('/member groups set, removing (prompt + confirm)', confirmed('member', 'groups set', { member: 'Member 15', groups: 'Group 40' }, 'Update groups'));
    await count('/member groups clear (prompt + confirm)', confirmed('member', 'groups clear', { member: 'Member 15' }, 'Update groups'));
    await count('/member server view', () => run('member', 'server view', { member: 'Member 0' }));
    await count('/member server edit', () => run('member', 'server edit', { member: 'Member 0', keep_proxy: true }));
    await count('/member delete (prompt + confirm)', confirmed('member', 'delete', { member: 'Member 4' }, 'Delete member'));
    await count('/group list (public, a page)', () => run('group', 'list'));
    await count('/group view', () => run('group', 'view', { group: 'Group 1' }));
    await count('/group create', () => run('group', 'create', { name: 'New group' }));
    await count('/group edit (options)', () => run('group', 'edit', { group: 'Group 2', description: 'Edited' }));
    await count('/group privacy subject level', () => run('group', 'privacy', { group: 'Group 2', subject: 'list', level: 'private' }));
    await count('/group members view (a page)', () => run('group', 'members view', { group: 'Group 3' }));
    await count('/group members add', () => run('group', 'members add', { group: 'Group 3', members: 'Member 800, Member 801' }));
    await count('/group members remove', () => run('group', 'members remove', { group: 'Group 3', members: 'Member 800' }));
    await count('/group delete (prompt + confirm)', confirmed('group', 'delete', { group: 'Group 5' }, 'Delete group'));
    return figures;
  } finally {
    await world.stop();
  }
}
