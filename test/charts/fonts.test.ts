import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodePointSet } from '../../src/charts/code-points.js';
import { fontCodePoints } from '../../src/charts/font-cmap.js';
import { ChartFonts } from '../../src/charts/fonts.js';

function fontFile(packageName: string, file: string): Buffer {
  const folder = dirname(createRequire(import.meta.url).resolve(`${packageName}/package.json`));
  return readFileSync(join(folder, 'files', file));
}

/** Records what would be registered with Skia, without loading Skia. */
function recordingFonts(): { fonts: ChartFonts; registered: Array<{ family: string; bytes: number }> } {
  const registered: Array<{ family: string; bytes: number }> = [];
  const fonts = new ChartFonts({
    register(font, family) {
      registered.push({ family: family ?? '', bytes: font.length });
      return {};
    },
  });
  return { fonts, registered };
}

describe('CodePointSet', () => {
  it('reads a CSS unicode-range, merging touching and overlapping ranges', () => {
    const set = CodePointSet.fromUnicodeRange('U+0041-005A, U+0061-007A,U+0030-0039,U+005B,U+1F1E6-1F1FF');
    for (const character of ['A', 'Z', '[', 'a', 'z', '0', '🇯']) expect(set.has(character.codePointAt(0)!), character).toBe(true);
    for (const character of ['@', '\\', '{', '/', '🌸']) expect(set.has(character.codePointAt(0)!), character).toBe(false);
    expect(set.hasAll([0x41, 0x5b, 0x1f1ef])).toBe(true);
  });

  it('refuses what is not a unicode-range', () => {
    expect(() => CodePointSet.fromUnicodeRange('U+0041,0042')).toThrow('Not a unicode-range part: "0042"');
  });
});

describe('fontCodePoints', () => {
  it('reads the cmap of WOFF and WOFF2 files alike', () => {
    const woff = fontCodePoints(fontFile('@fontsource/noto-color-emoji', 'noto-color-emoji-8-400-normal.woff'));
    const woff2 = fontCodePoints(fontFile('@fontsource/noto-color-emoji', 'noto-color-emoji-8-400-normal.woff2'));
    for (const codePoint of [0x1f469, 0x1f3fd, 0x1f4bb, 0x200d, 0x1f34a, 0x41]) expect(woff.has(codePoint), codePoint.toString(16)).toBe(woff2.has(codePoint));
    expect(woff.has(0x1f469)).toBe(true);
  });

  it('knows a character the font lacks inside the range its package claims', () => {
    const greek = fontCodePoints(fontFile('@fontsource-variable/noto-sans', 'noto-sans-greek-wght-normal.woff2'));
    expect(greek.has('Ω'.codePointAt(0)!)).toBe(true);
    expect(greek.has(0x0378)).toBe(false);
    const latin = fontCodePoints(fontFile('@fontsource-variable/noto-sans', 'noto-sans-latin-wght-normal.woff2'));
    // The slice claims U+0000-00FF, but a control character has no glyph.
    expect(latin.has(0x01)).toBe(false);
    expect(latin.has('é'.codePointAt(0)!)).toBe(true);
  });

  it('refuses a file that is not a font', () => {
    expect(() => fontCodePoints(Buffer.from('GIF89a and more bytes'))).toThrow('Not a WOFF or WOFF2 font file');
  });
});

describe('ChartFonts', () => {
  it('registers only the slices the text needs', () => {
    const { fonts, registered } = recordingFonts();
    fonts.load(['Zoë']);
    expect(registered.map((entry) => entry.family)).toEqual(['Switchboard Sans']);

    fonts.load(['김민지']);
    const korean = registered.filter((entry) => entry.family === 'Switchboard Sans KR');
    expect(korean.length).toBeGreaterThan(0);
    expect(korean.length).toBeLessThanOrEqual(3);
    expect(fonts.registeredFamilies()).toEqual(['Switchboard Sans', 'Switchboard Sans KR']);

    const before = registered.length;
    fonts.load(['Zoë 김민지']);
    expect(registered.length).toBe(before);
  });

  it('keeps an emoji sequence in one slice, so its ligature is drawn as one glyph', () => {
    const { fonts, registered } = recordingFonts();
    fonts.load(['👩🏽‍💻']);
    expect(registered.map((entry) => entry.family)).toEqual(['Switchboard Emoji']);
  });

  it('finds the characters no chart font has, and nothing else', () => {
    const { fonts, registered } = recordingFonts();
    expect(fonts.missing('தமிழ் Zoë')).toEqual(['த', 'மி', 'ழ்']);
    expect(fonts.missing('ሰላም')).toEqual(['ሰ', 'ላ', 'ም']);
    expect(fonts.missing('a\u0378b\u0001')).toEqual(['\u0378', '\u0001']);
    // Joiners and variation selectors draw nothing themselves: never "missing".
    expect(fonts.missing('a\u200db\ufe0f')).toEqual([]);
    expect(fonts.missing('🏳️‍⚧️ 桜子 สมศรี অর্পিতা נועה ليلى देवी')).toEqual([]);
    // Looking is not loading.
    expect(registered).toEqual([]);
  });
});
