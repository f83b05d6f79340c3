import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { approximateSize } from '../../src/core/approximate-size.js';
import { MemberSchema } from '../../src/pluralkit/models.js';

/* The cache bounds are only as good as this estimate: compare it with real heap growth. */

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function member(i: number, system: string) {
  return {
    id: `m${String(i).padStart(5, '0')}`.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!),
    uuid: crypto.randomUUID(),
    system,
    name: `Member number ${i}`,
    display_name: `Display name of member ${i}`,
    color: 'ff7000',
    birthday: '2001-04-05',
    pronouns: i % 2 ? 'they/them' : 'she/her',
    avatar_url: `https://cdn.example.com/avatars/${system}/${i}.png`,
    webhook_avatar_url: null,
    banner: null,
    description: `Member ${i}. ${'A longer description with some words in it. '.repeat(6)}`,
    created: '2024-01-01T00:00:00.123456Z',
    keep_proxy: false,
    tts: false,
    autoproxy_enabled: true,
    message_count: 1234,
    last_message_timestamp: '2024-05-01T12:00:00Z',
    proxy_tags: [
      { prefix: `m${i}:`, suffix: null },
      { prefix: `[${i}`, suffix: ']' },
    ],
    privacy: Object.fromEntries(
      ['visibility', 'name_privacy', 'description_privacy', 'banner_privacy', 'birthday_privacy', 'pronoun_privacy', 'avatar_privacy', 'metadata_privacy', 'proxy_privacy'].map((key) => [key, 'public']),
    ),
  };
}

describe('approximateSize', () => {
  it('follows the measured heap of parsed, validated member lists (within -30 % / +60 %)', () => {
    const lists = 20;
    const texts = Array.from({ length: lists }, (_, k) => JSON.stringify(Array.from({ length: 1_000 }, (_, i) => member(i, `sys${k}`))));
    const kept: unknown[] = [];
    gc();
    gc();
    const before = process.memoryUsage().heapUsed;
    let estimated = 0;
    for (const text of texts) {
      const list = z.array(MemberSchema).parse(JSON.parse(text));
      estimated += approximateSize(list);
      kept.push(list);
    }
    gc();
    gc();
    const measured = process.memoryUsage().heapUsed - before;
    expect(kept).toHaveLength(lists);
    expect(estimated / measured).toBeGreaterThan(0.7);
    expect(estimated / measured).toBeLessThan(1.6);
  });

  it('counts structure, strings and boxed numbers, and nothing for small integers, booleans and null', () => {
    expect(approximateSize(null)).toBe(0);
    expect(approximateSize(true)).toBe(0);
    expect(approximateSize(42)).toBe(0);
    expect(approximateSize(1.5)).toBe(16);
    expect(approximateSize('')).toBe(16);
    expect(approximateSize('x'.repeat(100))).toBe(120);
    expect(approximateSize({ a: 1 })).toBe(32);
    expect(approximateSize([1, 2])).toBe(64);
  });
});
