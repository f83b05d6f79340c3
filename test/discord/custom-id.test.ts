import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId } from '../../src/interaction/custom-id.js';
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

describe('visibility', () => {
  it('is public only for public reads', () => {
    expect(readVisibility(false)).toBe('public');
    expect(readVisibility(true)).toBe('ephemeral');
    for (const kind of ['write', 'setup', 'message-info', 'help', 'error', 'private-read'] as const) {
      expect(visibilityFor({ kind })).toBe('ephemeral');
    }
  });
});
