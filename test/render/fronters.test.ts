import { describe, expect, it } from 'vitest';
import { renderFronters } from '../../src/render/fronters.js';
import { expectWithinDiscordLimits, NOW, ownerMember, publicMember, TEN_AM, TEN_AM_UNIX } from './fixtures.js';

function switchOf(members: ReturnType<typeof ownerMember>[]) {
  return { id: '00000000-0000-4000-8000-00000000aaaa', timestamp: TEN_AM, members };
}

describe('renderFronters', () => {
  it('lists fronters with pronouns, since when, the first fronter’s colour and avatar', () => {
    const embed = renderFronters(switchOf([ownerMember(), publicMember({ id: 'bbbbb', name: 'Bob', pronouns: null, color: '0000ff' })]), {
      now: NOW,
      systemLabel: 'your system',
    });
    expect(embed.title).toBe('Fronters of your system');
    expect(embed.fields).toEqual([
      { name: 'Current fronters', value: 'Alice (she/her), Bob' },
      { name: 'Since', value: `<t:${TEN_AM_UNIX}:f> (<t:${TEN_AM_UNIX}:R>)` },
    ]);
    expect(embed.color).toBe(0xff0000);
    expect(embed.thumbnail?.url).toBe('https://cdn.example/alice.png');
  });

  it('has no title without a label, and falls back to the proxy avatar', () => {
    const embed = renderFronters(switchOf([publicMember({ webhook_avatar_url: 'https://cdn.example/proxy.png' })]), { now: NOW });
    expect(embed.title).toBeUndefined();
    expect(embed.thumbnail?.url).toBe('https://cdn.example/proxy.png');
  });

  it('uses the singular only for exactly one fronter', () => {
    expect(renderFronters(switchOf([ownerMember()]), { now: NOW }).fields![0]!.name).toBe('Current fronter');
  });

  it('shows a switch-out as "(no fronter)", plural, without colour or thumbnail', () => {
    const embed = renderFronters(switchOf([]), { now: NOW });
    expect(embed.fields![0]).toEqual({ name: 'Current fronters', value: '*(no fronter)*' });
    expect(embed.color).toBeUndefined();
    expect(embed.thumbnail).toBeUndefined();
  });

  it('explains a system with no switches at all', () => {
    expect(renderFronters(null, { now: NOW })).toEqual({ description: 'This system has no registered switches yet.' });
    expect(renderFronters(null, { now: NOW, systemLabel: 'system `abcde`' })).toEqual({
      title: 'Fronters of system `abcde`',
      description: 'This system has no registered switches yet.',
    });
  });

  it('moves a label with a mention out of the title, where Discord would show it raw', () => {
    const embed = renderFronters(switchOf([ownerMember()]), { now: NOW, systemLabel: "<@123456789012345678>'s system" });
    expect(embed.title).toBeUndefined();
    expect(embed.description).toBe("**Fronters of <@123456789012345678>'s system**");
  });

  it('counts the fronters that do not fit in about 900 characters', () => {
    const members = Array.from({ length: 150 }, (_, i) => ownerMember({ id: `m${i}`, name: `${i}`.padStart(100, 'N'), pronouns: 'p'.repeat(100) }));
    const embed = renderFronters(switchOf(members), { now: NOW, systemLabel: 'S'.repeat(300) });
    const value = embed.fields![0]!.value;
    expect(value.length).toBeLessThanOrEqual(900);
    const shown = value.split(' (p').length - 1;
    expect(shown).toBeGreaterThan(2);
    expect(value.endsWith(`), *(${150 - shown} not shown)*`)).toBe(true);
    expect(value).toMatch(/^N+0 \(p+\), N+1 \(p+\), /);
    expectWithinDiscordLimits([embed]);
  });

  it('escapes markdown in names and pronouns', () => {
    const embed = renderFronters(switchOf([ownerMember({ name: '**bold** `code`', pronouns: '_x_' })]), { now: NOW });
    expect(embed.fields![0]!.value).toBe('\\*\\*bold\\*\\* \\`code\\` (\\_x\\_)');
  });
});
