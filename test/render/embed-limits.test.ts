import { describe, expect, it } from 'vitest';
import { DiscordLimits } from '../../src/core/discord-limits.js';
import { TRUNCATION_MARKER, truncate } from '../../src/text/truncate.js';
import { embedTextLength } from '../../src/interaction/embed-limits.js';
import { fitEmbed, fitEmbeds } from '../../src/interaction/embed-limits.js';

describe('truncate', () => {
  it('leaves short text alone and marks cut text', () => {
    expect(truncate('hello', 10)).toBe('hello');
    expect(truncate('hello world', 6)).toBe('hello' + TRUNCATION_MARKER);
    expect(truncate('hello world', 6)).toHaveLength(6);
  });

  it('never splits a surrogate pair', () => {
    const cut = truncate('ab😀😀😀', 4);
    expect(cut).toBe('ab' + TRUNCATION_MARKER);
    expect(cut.length).toBeLessThanOrEqual(4);
  });
});

describe('fitEmbed', () => {
  it('brings every part within its own limit', () => {
    const fitted = fitEmbed({
      title: 't'.repeat(300),
      description: 'd'.repeat(5000),
      footer: { text: 'f'.repeat(3000) },
      fields: Array.from({ length: 30 }, (_, i) => ({ name: `n${i}`.repeat(200), value: 'v'.repeat(2000) })),
    });
    expect(fitted.title!.length).toBeLessThanOrEqual(DiscordLimits.embedTitle);
    expect(fitted.description!.length).toBeLessThanOrEqual(DiscordLimits.embedDescription);
    expect(fitted.fields!.length).toBeLessThanOrEqual(DiscordLimits.embedFields);
    for (const field of fitted.fields!) {
      expect(field.name.length).toBeLessThanOrEqual(DiscordLimits.embedFieldName);
      expect(field.value.length).toBeLessThanOrEqual(DiscordLimits.embedFieldValue);
    }
    expect(embedTextLength(fitted)).toBeLessThanOrEqual(DiscordLimits.embedTotal);
  });

  it('keeps an embed that already fits exactly as it was', () => {
    const embed = { title: 'Fronters', description: 'Alice', fields: [{ name: 'Since', value: '<t:1:f>' }] };
    expect(fitEmbed(embed)).toEqual(embed);
  });

  it('replaces empty field text, which Discord rejects', () => {
    const fitted = fitEmbed({ fields: [{ name: '', value: '' }] });
    expect(fitted.fields![0]!.name.length).toBeGreaterThan(0);
    expect(fitted.fields![0]!.value.length).toBeGreaterThan(0);
  });

  it('shares the 6000-character budget across the embeds of one message', () => {
    const big = { description: 'x'.repeat(4096), fields: [{ name: 'a', value: 'y'.repeat(1024) }] };
    const fitted = fitEmbeds([big, big, big]);
    const total = fitted.reduce((sum, embed) => sum + embedTextLength(embed), 0);
    expect(total).toBeLessThanOrEqual(DiscordLimits.embedTotal);
    expect(fitted[0]!.description).toHaveLength(4096);
  });
});
