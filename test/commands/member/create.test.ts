import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, messageText, startWorld, STRANGER, type World } from '../helpers.js';

type PkMember = { id: string; name: string; display_name: string | null; pronouns: string | null; color: string | null; birthday: string | null; avatar_url: string | null; proxy_tags: Array<{ prefix: string | null; suffix: string | null }> };

describe('/member create', () => {
  let w: World;
  const members = async () => (await w.pk<PkMember[]>('/systems/@me/members')).body;

  beforeAll(async () => {
    w = await startWorld();
  });

  afterAll(() => w.stop());

  it('creates with every option in one request and says what was set, ephemerally', async () => {
    const { reply, requests } = await w.counted('member', 'create', {
        name: 'Alice',
        display_name: 'Ally',
        pronouns: 'she/her',
        color: '#FF7000',
        birthday: 'July 4',
        avatar: 'https://cdn.example/a.png',
        proxy: 'a: text',
      });
    // The caller's member list (for the duplicate-name check), then the POST.
    expect(requests).toEqual(['GET /systems/@me/members', 'POST /members']);
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = messageText(reply);
    expect(text).toMatch(/✅ Created member \*\*Alice\*\* \(`[a-z]{6}`\)\./);
    expect(text).toContain('**Pronouns:** *not set* → she/her');
    expect(text).toContain('**Birthday:** *not set* → Jul 04');
    expect(text).toContain('**Colour:** *not set* → \\#ff7000');
    const alice = (await members()).find((member) => member.name === 'Alice')!;
    expect(alice).toMatchObject({ display_name: 'Ally', pronouns: 'she/her', color: 'ff7000', birthday: '0004-07-04', avatar_url: 'https://cdn.example/a.png', proxy_tags: [{ prefix: 'a: ', suffix: null }] });
  });

  it('the new member is at once resolvable and offered by autocomplete, without another list read', async () => {
    await w.run('member', 'create', { name: 'Bea' });
    const handle = w.h.discord.autocomplete({ name: 'member', subcommand: 'view', options: { member: 'be' }, focused: 'member', user: { id: '240000000000000001' }, guildId: null });
    const choices = (await handle.initialResponse()).data!.choices as Array<{ name: string }>;
    expect(choices.map((choice) => choice.name).join()).toContain('Bea');
    const warm = await w.requestsDuring(() => w.h.discord.autocomplete({ name: 'member', subcommand: 'view', options: { member: 'b' }, focused: 'member', user: { id: '240000000000000001' }, guildId: null }).initialResponse());
    expect(warm).toEqual([]);
  });

  it('asks before creating a second member with a name already taken; cancel creates nothing', async () => {
    const before = (await members()).length;
    const prompt = await w.run('member', 'create', { name: 'alice' });
    expect(messageText(prompt)).toMatch(/already have a member called Alice/);
    const cancelled = await w.press(prompt, 'Cancel');
    expect(messageText(cancelled)).toMatch(/nothing was changed/);
    expect((await members()).length).toBe(before);
    const again = await w.run('member', 'create', { name: 'alice' });
    const done = await w.press(again, 'Create member anyway');
    expect(messageText(done)).toMatch(/Created member \*\*alice\*\*/);
    // A create with only a name has nothing to compare: no "nothing changed" line.
    expect(messageText(done)).not.toMatch(/Nothing changed/);
    expect((await members()).length).toBe(before + 1);
  });

  it('a lost answer is settled by reading the list back: found means created, missing means not', async () => {
    w.h.pluralkit.injectFault({ method: 'POST', path: '/members', delayMs: 0, status: 502, body: { message: 'bad gateway', code: 0 } });
    const before = (await members()).length;
    const { answer: reply } = await w.runSettled('member', 'create', { name: 'Lost' });
    expect(messageText(reply)).toMatch(/PluralKit did not confirm the change, and it is not there now/);
    expect((await members()).length).toBe(before);

    w.h.pluralkit.injectFault({ method: 'POST', path: '/members', status: 502, afterCommit: true });
    const { answer: saved } = await w.runSettled('member', 'create', { name: 'Found' });
    expect(messageText(saved)).toMatch(/Created member \*\*Found\*\*[\s\S]*read it back: the change is saved/);
    expect((await members()).filter((member) => member.name === 'Found')).toHaveLength(1);
  });

  it('a lost create is not taken for an older namesake made 30 s before (unknown to the cached list)', async () => {
    await w.run('member', 'list', { private: true }); // the cached list predates the namesake, as when it was made with pk;
    const older = w.h.pluralkit.seedMember(w.system.id, { name: 'Echo', created: new Date(Date.now() - 30_000) });
    w.h.pluralkit.injectFault({ method: 'POST', path: '/members', delayMs: 0, status: 502, body: { message: 'bad gateway', code: 0 } });
    const { answer: lost } = await w.runSettled('member', 'create', { name: 'Echo' });
    expect(messageText(lost)).toMatch(/PluralKit did not confirm the change, and it is not there now/);
    expect((await members()).filter((member) => member.name === 'Echo').map((member) => member.id)).toEqual([older.id]);

    // Made, then the answer lost: the read-back names the new member, not the namesake.
    w.h.pluralkit.injectFault({ method: 'POST', path: '/members', status: 502, afterCommit: true });
    const { answer: saved } = await w.pressSettled(await w.run('member', 'create', { name: 'Echo' }), 'Create member anyway');
    const echoes = (await members()).filter((member) => member.name === 'Echo');
    expect(echoes).toHaveLength(2);
    const made = echoes.find((member) => member.id !== older.id)!;
    expect(messageText(saved)).toContain(`Created member **Echo** (\`${made.id}\`)`);
    expect(messageText(saved)).toMatch(/read it back: the change is saved/);
  });

  it('a lost create is not taken for a namesake the cached list already held, however recent', async () => {
    const recent = w.h.pluralkit.seedMember(w.system.id, { name: 'Fresh', created: new Date(Date.now() - 1_000) });
    // Made behind our back (as with pk;): a lookup that misses reads the list again, and the namesake is known.
    await w.run('member', 'view', { member: 'Fresh' });
    const prompt = await w.run('member', 'create', { name: 'Fresh' });
    expect(messageText(prompt)).toMatch(/already have a member called Fresh/);
    w.h.pluralkit.injectFault({ method: 'POST', path: '/members', delayMs: 0, status: 502, body: { message: 'bad gateway', code: 0 } });
    const { answer: lost } = await w.pressSettled(prompt, 'Create member anyway');
    expect(messageText(lost)).toMatch(/PluralKit did not confirm the change, and it is not there now/);
    expect((await members()).filter((member) => member.name === 'Fresh').map((member) => member.id)).toEqual([recent.id]);
  });

  it('needs a token', async () => {
    const reply = await w.run('member', 'create', { name: 'Nope' }, { user: STRANGER });
    expect(messageText(reply)).toMatch(/\/token set/);
  });
});
