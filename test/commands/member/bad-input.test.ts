import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToken } from '../../support/messages.js';
import { messageText, startWorld, type World } from '../helpers.js';

const FULL = { id: '240000000000000009', username: 'full' };

/**
 * Every refusal names the option, the problem and the limit. Where the problem is knowable
 * before asking PluralKit, nothing is sent at all (option values are read before the handler
 * runs); where it is not (an unknown name may be new, the member limit is PluralKit's), no write
 * is sent, or PluralKit's refusal is explained.
 */
describe('/member refuses bad input with a specific message', () => {
  let w: World;
  let other: { id: string };

  beforeAll(async () => {
    w = await startWorld();
    w.h.pluralkit.seedMember(w.system.id, { name: 'Alice' });
    const otherSystem = w.h.pluralkit.seedSystem({ name: 'Other' });
    other = w.h.pluralkit.seedMember(otherSystem.id, { name: 'Zora' });
    const full = w.h.pluralkit.seedSystem({ name: 'Full', accounts: [FULL.id], settings: { member_limit: 2 } });
    w.h.pluralkit.seedMember(full.id, { name: 'One' });
    w.h.pluralkit.seedMember(full.id, { name: 'Two' });
    await connectToken(w.h.discord, FULL, full.token!);
  });

  afterAll(() => w.stop());

  const long = (n: number) => 'x'.repeat(n);
  const url = (n: number) => `https://cdn.example/${'a'.repeat(n - 'https://cdn.example/'.length)}`;

  // [case, subcommand, options, message, requests allowed (none unless given)]
  const table: Array<[string, string, Record<string, string | boolean>, RegExp, 'none' | 'no writes']> = [
    ['name over 100', 'create', { name: long(101) }, /^❌ `name` is too long \(101\/100 characters\)\.$/, 'none'],
    ['blank name', 'create', { name: '   ' }, /`name` cannot be empty\./, 'none'],
    ['description over 1000', 'create', { name: 'N', description: long(1001) }, /`description` is too long \(1001\/1000 characters\)\./, 'none'],
    ['display name over 100', 'edit', { member: 'Alice', display_name: long(101) }, /`display_name` is too long \(101\/100 characters\)\./, 'none'],
    ['pronouns over 100', 'edit', { member: 'Alice', pronouns: long(101) }, /`pronouns` is too long \(101\/100 characters\)\./, 'none'],
    ['colour not hex', 'create', { name: 'N', color: 'orange' }, /`color` must be a hex colour like `ff7000` or `#ff7000`\./, 'none'],
    ['colour of five digits', 'edit', { member: 'Alice', color: '#12345' }, /`color` must be a hex colour/, 'none'],
    ['30 February', 'create', { name: 'N', birthday: '2023-02-30' }, /`birthday` is not a real date/, 'none'],
    ['29 February of a common year', 'edit', { member: 'Alice', birthday: '2023-02-29' }, /`birthday` is not a real date/, 'none'],
    ['month 13', 'edit', { member: 'Alice', birthday: '13-01' }, /`birthday` is not a real date/, 'none'],
    ['unreadable birthday', 'edit', { member: 'Alice', birthday: 'someday' }, /`birthday` is not a date I can read \(use `YYYY-MM-DD`/, 'none'],
    ['http avatar', 'create', { name: 'N', avatar: 'http://cdn.example/a.png' }, /`avatar` must be an `https:\/\/` link \(PluralKit does not accept http links\)/, 'none'],
    ['avatar not a link', 'edit', { member: 'Alice', avatar: 'cat.png' }, /`avatar` must be a link starting with `https:\/\/`/, 'none'],
    ['avatar over 256', 'edit', { member: 'Alice', avatar: url(257) }, /`avatar` is too long \(257\/256 characters\)\./, 'none'],
    ['http banner', 'edit', { member: 'Alice', banner: 'http://cdn.example/b.png' }, /`banner` must be an `https:\/\/` link/, 'none'],
    ['proxy without text', 'edit', { member: 'Alice', proxy: 'a:' }, /`proxy` must contain the word `text`/, 'none'],
    ['proxy of only text', 'create', { name: 'N', proxy: 'text' }, /`proxy` needs something before or after `text`/, 'none'],
    ['proxy over 100', 'edit', { member: 'Alice', proxy: `${long(97)}text` }, /`proxy` is too long \(101\/100 characters\)\./, 'none'],
    ['proxy with text twice (PluralKit refuses it)', 'edit', { member: 'Alice', proxy: 'textbook: text' }, /`proxy` contains `text` 2 times: it must appear once, where the message goes/, 'none'],
    ['proxy with two placeholders', 'create', { name: 'N', proxy: '{text}{text}' }, /`proxy` contains `text` 2 times/, 'none'],
    ['proxy with text in mixed case', 'edit', { member: 'Alice', proxy: '{Text}' }, /`proxy` must contain the word `text` \(in lower case, or `TEXT` in capitals\)/, 'none'],
    ['add_proxy without text', 'edit', { member: 'Alice', add_proxy: '[]' }, /`add_proxy` must contain the word `text`/, 'none'],
    ['a value and clear of one field', 'edit', { member: 'Alice', pronouns: 'she/her', clear: 'pronouns' }, /Give `pronouns` a value or clear it, not both\./, 'none'],
    ['unknown member', 'edit', { member: 'Alcie', pronouns: 'x' }, /No member called "Alcie" in your system\. Did you mean Alice \([a-z]{6}\)\?/, 'no writes'],
    ['privacy level without subject', 'privacy', { member: 'Alice', level: 'private' }, /Choose a `subject`/, 'no writes'],
  ];

  it.each(table)('%s', async (_case, subcommand, options, message, allowed) => {
    await w.run('member', 'list', { private: true }); // the member list is warm, as in normal use
    await w.expectRefusal('member', subcommand, options, message, allowed);
  });

  it("another system's member ID: refused before PluralKit's 30006, with the reason", async () => {
    await w.expectRefusal('member', 'edit', { member: other.id, pronouns: 'x' }, new RegExp(`If \`${other.id}\` is another system's member: you can only change your own members`), 'no writes');
  });

  it('the member limit (40007) is explained with the limit, and nothing is created', async () => {
    const reply = await w.run('member', 'create', { name: 'Three' }, { user: FULL });
    expect(messageText(reply)).toMatch(/Your system has reached its limit of 2 members on PluralKit, so no member was created/);
    const response = await fetch(`${w.h.pluralkit.url}/systems/@me/members`, { headers: { authorization: (await w.h.app.services.tokens.get(FULL.id))!.token, 'user-agent': 'test' } });
    expect(((await response.json()) as unknown[]).length).toBe(2);
  });
});
