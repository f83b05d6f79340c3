import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, GUILD, messageText, OWNER, startWorld, type World } from '../helpers.js';

type PkGroup = { id: string; name: string; display_name: string | null; description: string | null; color: string | null; icon: string | null; banner: string | null };
type ModalInput = { custom_id: string; value?: string };

describe('/group create and /group edit', () => {
  let w: World;
  let crewId = '';
  const group = async (ref: string) => (await w.pk<PkGroup>(`/groups/${ref}`)).body;

  beforeAll(async () => {
    w = await startWorld();
  });

  afterAll(() => w.stop());

  it('create sends one POST after the list check and says what was set', async () => {
    const { reply, requests } = await w.counted('group', 'create', { name: 'Crew', description: 'Us.', color: 'ABCDEF', icon: 'https://cdn.example/i.png' });
    expect(requests).toEqual(['GET /systems/@me/groups', 'POST /groups']);
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(/✅ Created group \*\*Crew\*\* \(`([a-z]{6})`\)\.[\s\S]*\*\*Icon:\*\* \*not set\* → https:\/\/cdn\.example\/i\.png/);
    crewId = /`([a-z]{6})`/.exec(messageText(reply))![1]!;
    expect(await group(crewId)).toMatchObject({ name: 'Crew', description: 'Us.', color: 'abcdef', icon: 'https://cdn.example/i.png' });
  });

  it('edit options send one PATCH with before → after; clear asks first', async () => {
    // The create put Crew into the cached list: the edit finds it without reading the list.
    const requests = await w.requestsDuring(async () => {
      expect(messageText(await w.run('group', 'edit', { group: 'Crew', display_name: 'The Crew', banner: 'https://cdn.example/b.png' }))).toContain('**Display name:** *not set* → The Crew');
    });
    expect(requests).toHaveLength(1);
    const prompt = await w.run('group', 'edit', { group: 'Crew', clear: 'icon' });
    expect(messageText(prompt)).toMatch(/⚠️ Clear \*\*Crew\*\* \(`[a-z]{6}`\)'s \*\*Icon\*\*\? It is now: https:\/\/cdn\.example\/i\.png/);
    await w.press(prompt, 'Clear');
    expect((await group(crewId)).icon).toBeNull();
  });

  it('without field options a form opens with name, display name, description, colour and icon', async () => {
    const modal = await w.h.discord.slashCommand({ name: 'group', subcommand: 'edit', options: { group: 'Crew' }, user: OWNER, guildId: GUILD }).initialResponse();
    expect(modal.type).toBe(9);
    const inputs = (modal.data!.components as Array<{ component: ModalInput }>).map((label) => label.component);
    expect(inputs.map((input) => input.custom_id)).toEqual(['name', 'display_name', 'description', 'color', 'icon']);
    expect(inputs.find((input) => input.custom_id === 'color')!.value).toBe('#abcdef');
    const fields = Object.fromEntries(inputs.map((input) => [input.custom_id, input.value ?? '']));
    const reply = await w.h.discord.modalSubmit({ customId: modal.data!.custom_id as string, fields: { ...fields, color: '#123456', description: '' }, user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(reply)).toContain('**Colour:** \\#abcdef → \\#123456');
    expect(await group(crewId)).toMatchObject({ color: '123456', description: null, name: 'Crew' });
  });

  it('a lost create is not taken for an older namesake made 30 s before', async () => {
    await w.run('group', 'list', { private: true }); // the cached list predates the namesake
    const older = w.h.pluralkit.seedGroup(w.system.id, { name: 'Echoes', created: new Date(Date.now() - 30_000) });
    w.h.pluralkit.injectFault({ method: 'POST', path: '/groups', delayMs: 0, status: 502, body: { message: 'bad gateway', code: 0 } });
    expect(messageText((await w.runSettled('group', 'create', { name: 'Echoes' })).answer)).toMatch(/PluralKit did not confirm the change, and it is not there now/);
    const groups = (await w.pk<PkGroup[]>('/systems/@me/groups')).body;
    expect(groups.filter((entry) => entry.name === 'Echoes').map((entry) => entry.id)).toEqual([older.id]);
  });
});
