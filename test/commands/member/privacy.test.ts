import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, messageText, startWorld, type World } from '../helpers.js';

type Privacy = Record<string, string>;

describe('/member privacy', () => {
  let w: World;
  let alice: { id: string; uuid: string };
  const privacy = async () => (await w.pk<{ privacy: Privacy }>(`/members/${alice.id}`)).body.privacy;

  beforeAll(async () => {
    w = await startWorld();
    alice = w.h.pluralkit.seedMember(w.system.id, { name: 'Alice', privacy: { birthday_privacy: 'private' } });
  });

  afterAll(() => w.stop());

  it('without subject and level shows every subject, read fresh in one request', async () => {
    await w.run('member', 'view', { member: 'Alice' });
    const { reply, requests } = await w.counted('member', 'privacy', { member: 'Alice' });
    expect(requests).toEqual([`GET /members/${alice.uuid}`]);
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const fields = (reply.embeds[0].fields as Array<{ name: string; value: string }>).map((field) => `${field.name}: ${field.value.split('\n')[0]}`);
    expect(fields).toEqual([
      'Visibility: **Public**: everyone can see it',
      'Name: **Public**: everyone can see it',
      'Description: **Public**: everyone can see it',
      'Birthday: **Private**: only you (with `private: True`)',
      'Pronouns: **Public**: everyone can see it',
      'Avatar: **Public**: everyone can see it',
      'Banner: **Public**: everyone can see it',
      'Metadata: **Public**: everyone can see it',
      'Proxy tags: **Public**: everyone can see it',
    ]);
  });

  it('sets one subject in one PATCH and says before → after', async () => {
    const { reply, requests } = await w.counted('member', 'privacy', { member: 'Alice', subject: 'pronouns', level: 'private' });
    expect(requests).toEqual([`PATCH /members/${alice.uuid}`]);
    expect(messageText(reply)).toContain('**Pronouns:** public → private');
    expect((await privacy()).pronoun_privacy).toBe('private');
  });

  it('all sets every subject; the public view then hides the member from lists', async () => {
    const reply = await w.run('member', 'privacy', { member: 'Alice', subject: 'all', level: 'private' });
    expect(messageText(reply).match(/→ private/g)).toHaveLength(7);
    expect(Object.values(await privacy()).every((level) => level === 'private')).toBe(true);
    expect(messageText(await w.run('member', 'list'))).not.toContain('Alice');
  });

  it('a level without a subject asks for one and sends nothing', async () => {
    await w.expectRefusal('member', 'privacy', { member: 'Alice', level: 'public' }, /Choose a `subject`/, 'no writes');
  });
});
