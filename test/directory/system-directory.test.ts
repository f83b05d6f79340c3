import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemDirectory } from '../../src/directory/system-directory.js';
import { PluralKitClient } from '../../src/pluralkit/client.js';
import { InProcessVersions } from '../../src/shared-state/in-process.js';
import { startPluralKitEmulator, type PluralKitEmulator } from '../support/pluralkit-emulator/index.js';

/*
 * Two instances' directories over one set of versions (what Redis shares between processes; the
 * shared-state contract shows the Redis versions behave like these): a write through one is seen
 * by the other's next read, and nothing else makes it read again.
 */
describe('SystemDirectory with shared versions', () => {
  let pluralkit: PluralKitEmulator;
  const clients: PluralKitClient[] = [];
  const directories: SystemDirectory[] = [];
  let auth: { token: string; systemId: string };
  const USER = '272000000000000001';

  beforeAll(async () => {
    pluralkit = await startPluralKitEmulator({ rateLimits: false });
    const system = pluralkit.seedSystem({ name: 'Shared Lists' });
    pluralkit.seedMember(system.id, { name: 'Alice' });
    auth = { token: system.token!, systemId: system.id };
    const versions = new InProcessVersions();
    for (let i = 0; i < 2; i++) {
      const client = new PluralKitClient({ baseUrl: pluralkit.url, userAgent: 'switchboard-test', publicViewTtlMs: 0 });
      clients.push(client);
      directories.push(new SystemDirectory(client, versions));
    }
  });

  afterAll(async () => {
    for (const directory of directories) directory.dispose();
    await Promise.all(clients.map((client) => client.close()));
    await pluralkit.close();
  });

  const requestsDuring = async (action: () => Promise<unknown>): Promise<number> => {
    const before = pluralkit.requests.length;
    await action();
    return pluralkit.requests.length - before;
  };

  it('a member list changed through one instance is read again by the other, and only then', async () => {
    const [here, there] = directories as [SystemDirectory, SystemDirectory];
    await here.ownMembers(USER, auth);
    await there.ownMembers(USER, auth);
    expect(await requestsDuring(() => there.ownMembers(USER, auth))).toBe(0);
    pluralkit.seedMember(auth.systemId, { name: 'Zed' });
    await here.changed('members', USER, auth);
    let names: string[] = [];
    expect(await requestsDuring(async () => (names = (await there.ownMembers(USER, auth)).map((member) => member.name)))).toBe(1);
    expect(names).toContain('Zed');
    expect(await requestsDuring(() => there.ownMembers(USER, auth))).toBe(0);
  });

  it('a time zone changed through one instance applies on the other at once', async () => {
    const [here, there] = directories as [SystemDirectory, SystemDirectory];
    expect(await there.timezone(USER, auth)).toBe('UTC');
    const patched = await fetch(`${pluralkit.url}/systems/@me/settings`, {
      method: 'PATCH',
      headers: { authorization: auth.token, 'content-type': 'application/json', 'user-agent': 'switchboard-test' },
      body: JSON.stringify({ timezone: 'Asia/Tokyo' }),
    });
    expect(patched.status).toBe(200);
    expect(await there.timezone(USER, auth)).toBe('UTC');
    await here.timezoneChanged(USER, auth);
    expect(await there.timezone(USER, auth)).toBe('Asia/Tokyo');
  });
});
