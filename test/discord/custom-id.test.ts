import { describe, expect, it } from 'vitest';
import { acceptConfirmation, confirmationRow, CONFIRMATION_TTL_MS } from '../../src/discord/confirm.js';
import { decodeCustomId, encodeCustomId } from '../../src/discord/custom-id.js';
import { UserFacingError } from '../../src/core/user-facing-error.js';
import { readVisibility, visibilityFor } from '../../src/core/visibility.js';

describe('custom ids', () => {
  it('round-trip module, action and args', () => {
    const id = encodeCustomId('switch', 'move', '123', 'abc');
    expect(decodeCustomId(id)).toEqual({ command: 'switch', action: 'move', args: ['123', 'abc'] });
  });

  it('refuse separators inside parts and ids over 100 characters', () => {
    expect(() => encodeCustomId('a', 'b', 'c:d')).toThrow();
    expect(() => encodeCustomId('a', 'b', 'x'.repeat(100))).toThrow(/longer than 100/);
  });

  it('decode nothing from foreign ids', () => {
    expect(decodeCustomId('lonely')).toBeNull();
  });
});

describe('confirmation buttons', () => {
  const now = new Date('2026-05-01T12:00:00Z');
  const row = confirmationRow({ module: 'switch', action: 'delete', userId: '42', args: ['sw1'], confirmLabel: 'Delete switch', danger: true, now });
  const confirm = decodeCustomId((row.components[0] as { custom_id: string }).custom_id)!;

  it('give the invoker back the prompt args', () => {
    expect(acceptConfirmation(confirm, '42', new Date(now.getTime() + 1000))).toEqual(['sw1']);
  });

  it('refuse anyone but the invoker, naming who the prompt is for', () => {
    expect(() => acceptConfirmation(confirm, '43', now)).toThrow(UserFacingError);
    expect(() => acceptConfirmation(confirm, '43', now)).toThrow(/<@42>/);
  });

  it('expire after five minutes', () => {
    expect(() => acceptConfirmation(confirm, '42', new Date(now.getTime() + CONFIRMATION_TTL_MS + 1000))).toThrow(/expired/);
  });
});

describe('visibility', () => {
  it('is public only for public reads', () => {
    expect(readVisibility(false)).toBe('public');
    expect(readVisibility(true)).toBe('ephemeral');
    for (const kind of ['write', 'setup', 'message-info', 'help', 'error', 'private-read'] as const) {
      expect(visibilityFor({ kind })).toBe('ephemeral');
    }
  });
});
