import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, GUILD, messageText, OWNER, startWorld, type World } from '../helpers.js';

type PkMember = {
  name: string;
  display_name: string | null;
  pronouns: string | null;
  description: string | null;
  birthday: string | null;
  keep_proxy: boolean;
  tts: boolean;
  proxy_tags: Array<{ prefix: string | null; suffix: string | null }>;
};
type ModalInput = { custom_id: string; value?: string };

describe('/member edit', () => {
  let w: World;
  let alice: { id: string; uuid: string };
  const read = async () => (await w.pk<PkMember>(`/members/${alice.id}`)).body;

  beforeAll(async () => {
    w = await startWorld();
    alice = w.h.pluralkit.seedMember(w.system.id, {
      name: 'Alice',
      pronouns: 'she/her',
      birthday: '1990-07-04',
      description: 'Likes tea.',
      proxy_tags: [{ prefix: 'a:', suffix: null }],
    });
    await w.run('member', 'view', { member: 'Alice' }); // warm the member list
  });

  afterAll(() => w.stop());

  it('field options send one PATCH and answer before → after, ephemerally', async () => {
    const { reply, requests } = await w.counted('member', 'edit', { member: 'Alice', pronouns: 'they/them', keep_proxy: true, tts: true, display_name: 'Al' });
    expect(requests).toEqual([`PATCH /members/${alice.uuid}`]);
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = messageText(reply);
    expect(text).toContain('**Pronouns:** she/her → they/them');
    expect(text).toContain('**Keep proxy:** off → on');
    expect(text).toContain('**Text-to-speech:** off → on');
    expect(await read()).toMatchObject({ pronouns: 'they/them', display_name: 'Al', keep_proxy: true, tts: true });
  });

  it('add_proxy and remove_proxy change one tag from the tags read fresh; proxy replaces them', async () => {
    const added = await w.run('member', 'edit', { member: 'Alice', add_proxy: '[text]' });
    expect(messageText(added)).toContain('**Proxy tags:** a:text (prefix “a:”, no suffix) → a:text (prefix “a:”, no suffix); \\[text\\] (prefix “\\[”, suffix “\\]”)');
    expect((await read()).proxy_tags).toEqual([{ prefix: 'a:', suffix: null }, { prefix: '[', suffix: ']' }]);
    const removed = await w.run('member', 'edit', { member: 'Alice', remove_proxy: 'a:text' });
    expect(messageText(removed)).toContain('→ \\[text\\]');
    expect((await read()).proxy_tags).toEqual([{ prefix: '[', suffix: ']' }]);
    expect(messageText(await w.run('member', 'edit', { member: 'Alice', remove_proxy: 'b:text' }))).toMatch(/has no tag `b:text` \(its tags are `\[text\]`\)/);
    expect(messageText(await w.run('member', 'edit', { member: 'Alice', add_proxy: '[text]' }))).toMatch(/already has the tag/);
    expect(messageText(await w.run('member', 'edit', { member: 'Alice', proxy: 'x:text', add_proxy: 'y:text' }))).toMatch(/not both/);
    await w.run('member', 'edit', { member: 'Alice', proxy: 'A: text' });
    expect((await read()).proxy_tags).toEqual([{ prefix: 'A: ', suffix: null }]);
  });

  it('proxy is split where PluralKit splits it, and the reply shows the prefix and suffix it stored', async () => {
    const reply = await w.run('member', 'edit', { member: 'Alice', proxy: 'Text: text' });
    expect(messageText(reply)).toContain('→ Text: text (prefix “Text: ”, no suffix)');
    expect((await read()).proxy_tags).toEqual([{ prefix: 'Text: ', suffix: null }]);
    const capitals = await w.run('member', 'edit', { member: 'Alice', proxy: '{TEXT}' });
    expect(messageText(capitals)).toContain('→ {text} (prefix “{”, suffix “}”)');
    expect((await read()).proxy_tags).toEqual([{ prefix: '{', suffix: '}' }]);
  });

  it('clear asks first, then re-reads and clears; cancel leaves it', async () => {
    const prompt = await w.run('member', 'edit', { member: 'Alice', clear: 'description' });
    expect(messageText(prompt)).toMatch(/⚠️ Clear \*\*Alice\*\* \(`[a-z]{6}`\)'s \*\*Description\*\*\? It is now: Likes tea\./);
    expect((await read()).description).toBe('Likes tea.');
    expect(messageText(await w.press(prompt, 'Cancel'))).toMatch(/nothing was changed/);
    expect((await read()).description).toBe('Likes tea.');

    const again = await w.run('member', 'edit', { member: 'Alice', clear: 'description' });
    const { reply: done, requests } = await w.countedPress(again, 'Clear');
    expect(requests).toEqual([`GET /members/${alice.uuid}`, `PATCH /members/${alice.uuid}`]);
    expect(messageText(done)).toContain('**Description:** Likes tea. → *not set*');
    expect(done.components).toEqual([]);
    expect((await read()).description).toBeNull();
  });

  it('a field changed elsewhere since the prompt is not overwritten', async () => {
    const prompt = await w.run('member', 'edit', { member: 'Alice', clear: 'pronouns' });
    await fetch(`${w.h.pluralkit.url}/members/${alice.id}`, {
      method: 'PATCH',
      headers: { authorization: w.system.token, 'user-agent': 'test', 'content-type': 'application/json' },
      body: JSON.stringify({ pronouns: 'xe/xem' }),
    });
    expect(messageText(await w.press(prompt, 'Clear'))).toMatch(/changed since this prompt was shown/);
    expect((await read()).pronouns).toBe('xe/xem');
  });

  it('without field options opens a form prefilled with the current values; an emptied input clears, untouched ones are not sent', async () => {
    const handle = w.h.discord.slashCommand({ name: 'member', subcommand: 'edit', options: { member: 'Alice' }, user: OWNER, guildId: GUILD });
    const modal = await handle.initialResponse();
    expect(modal.type).toBe(9);
    const inputs = (modal.data!.components as Array<{ component: ModalInput }>).map((label) => label.component);
    const value = (id: string) => inputs.find((input) => input.custom_id === id)?.value;
    expect(value('name')).toBe('Alice');
    expect(value('birthday')).toBe('Jul 04, 1990');
    const fields = Object.fromEntries(inputs.map((input) => [input.custom_id, input.value ?? '']));
    const requests: string[] = [];
    const submitted = await (async () => {
      const start = w.h.pluralkit.requests.length;
      const reply = await w.h.discord.modalSubmit({ customId: modal.data!.custom_id as string, fields: { ...fields, display_name: '', pronouns: 'she/they' }, user: OWNER, guildId: GUILD }).finalMessage();
      requests.push(...w.h.pluralkit.requests.slice(start).map((request) => `${request.method} ${JSON.stringify(request.body)}`));
      return reply;
    })();
    expect(submitted.flags & EPHEMERAL).toBe(EPHEMERAL);
    // Before is what the form showed (the cached list: a change made outside Switchboard a moment ago may not be in it).
    expect(messageText(submitted)).toContain(`**Pronouns:** ${value('pronouns')} → she/they`);
    expect(messageText(submitted)).toContain('**Display name:** Al → *not set*');
    expect(requests).toEqual(['PATCH {"display_name":null,"pronouns":"she/they"}']);
    expect(await read()).toMatchObject({ display_name: null, pronouns: 'she/they', birthday: '1990-07-04', name: 'Alice' });
  });

  it('when reading the member list outlasts the 1.5 s defer, an "Open form" button opens the same form', async () => {
    w.h.app.services.directory.forget('members', OWNER.id, { token: w.system.token, systemId: w.system.id });
    w.h.pluralkit.injectFault({ method: 'GET', path: '/systems/@me/members', delayMs: 1700 });
    const reply = await w.h.discord.slashCommand({ name: 'member', subcommand: 'edit', options: { member: 'Alice' }, user: OWNER, guildId: GUILD }).finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(/Press the button to open it/);
    const modal = await w.h.discord.button({ customId: (reply.components[0].components[0] as { custom_id: string }).custom_id, user: OWNER, guildId: GUILD }).initialResponse();
    expect(modal.type).toBe(9);
    expect(JSON.stringify(modal.data)).toContain('"value":"Alice"');
  });

  it('a refused form keeps what was typed for "Edit again"', async () => {
    const modal = await w.h.discord.slashCommand({ name: 'member', subcommand: 'edit', options: { member: 'Alice' }, user: OWNER, guildId: GUILD }).initialResponse();
    const reply = await w.h.discord.modalSubmit({ customId: modal.data!.custom_id as string, fields: { name: 'Alice', birthday: 'Feb 30' }, user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(reply)).toMatch(/Nothing was saved:\n\*\*Birthday\*\* is not a real date/);
    const again = await w.h.discord.button({ customId: (reply.components[0].components[0] as { custom_id: string }).custom_id, user: OWNER, guildId: GUILD }).initialResponse();
    expect(again.type).toBe(9);
    expect(JSON.stringify(again.data)).toContain('Feb 30');
  });
});
