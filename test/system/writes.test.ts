import { describe, expect, it } from 'vitest';
import { PluralKitError } from '../../src/pluralkit/errors.js';
import type { Services } from '../../src/services.js';
import { holdsPatch } from '../../src/system/read-back.js';
import { updateAutoproxy, updateOwnSettings } from '../../src/system/writes.js';

const AUTH = { token: 'token', systemId: 'abcdef' };
const lost = () => new PluralKitError({ kind: 'timeout', message: 'timed out', method: 'PATCH', route: '/x' });

function services(pluralkit: Record<string, (...args: unknown[]) => Promise<unknown>>, forgotten: string[] = []): Services {
  return { pluralkit, directory: { forgetTimezone: (userId: string) => forgotten.push(userId) } } as unknown as Services;
}

describe('holdsPatch: a read-back counts only when PluralKit holds what was sent', () => {
  it('compares every written key, nested privacy included; empty text is stored as null', () => {
    const system = { name: 'A', tag: null, privacy: { name_privacy: 'private', banner_privacy: 'public' } };
    expect(holdsPatch(system, { name: 'A', tag: '  ' })).toBe(true);
    expect(holdsPatch(system, { privacy: { name_privacy: 'private' } })).toBe(true);
    expect(holdsPatch(system, { privacy: { banner_privacy: 'private' } })).toBe(false);
    expect(holdsPatch({ templates: ['a'] }, { templates: ['a'] })).toBe(true);
    expect(holdsPatch({ name: 'B' }, { name: 'A' })).toBe(false);
  });
});

describe('writes whose answer was lost', () => {
  it('settings: a cleared name format reads back as "{name} {tag}" and still counts; the cached time zone is forgotten', async () => {
    const forgotten: string[] = [];
    const result = await updateOwnSettings(
      services({ updateSystemSettings: () => Promise.reject(lost()), getSystemSettings: () => Promise.resolve({ name_format: '{name} {tag}', timezone: 'Asia/Tokyo' }) }, forgotten),
      'user-1',
      AUTH,
      { name_format: null, timezone: 'Asia/Tokyo' },
    );
    expect(result.readBack).toBe(true);
    expect(forgotten).toEqual(['user-1']);
  });

  it('autoproxy: the read-back must show the mode and member sent', async () => {
    const read = { autoproxy_mode: 'member', autoproxy_member: 'abcde', last_latch_timestamp: null };
    const ok = await updateAutoproxy(
      services({ updateAutoproxySettings: () => Promise.reject(lost()), getAutoproxySettings: () => Promise.resolve(read) }),
      AUTH,
      '1',
      { autoproxy_mode: 'member', autoproxy_member: 'abcde' },
    );
    expect(ok).toEqual({ value: read, readBack: true });
    await expect(
      updateAutoproxy(
        services({ updateAutoproxySettings: () => Promise.reject(lost()), getAutoproxySettings: () => Promise.resolve({ ...read, autoproxy_member: 'zzzzz' }) }),
        AUTH,
        '1',
        { autoproxy_mode: 'member', autoproxy_member: 'abcde' },
      ),
    ).rejects.toThrow(/nothing was changed/);
  });
});
