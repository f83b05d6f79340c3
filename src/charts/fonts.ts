import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CodePointSet } from './code-points.js';
import { fontCodePoints } from './font-cmap.js';
import { splitGraphemes } from './text-fit.js';

/*
 * Fonts come from npm packages, never from the machine: a fresh server has no fonts at all.
 * They are registered under our own family names, so an installed font called "Noto Sans"
 * cannot stand in for them. Each package is cut into slices by Unicode range (its unicode.json),
 * and only the slices a chart's characters need are loaded, each checked against its cmap: a
 * Korean name loads a few 40 kB slices of Noto Sans KR, not all 124.
 */

interface FontSet {
  /** Our name for it in Skia, so an installed font of the same name cannot stand in. */
  family: string;
  /** The font's own name, for SVG viewers. */
  published: string;
  package: string;
  /** File of a slice: `<prefix>-<slice>-<suffix>` in the package's `files/`. */
  prefix: string;
  suffix: string;
  /** Slices to use (keys of unicode.json); default all. The script packages also carry Latin, which Noto Sans draws. */
  slices?: readonly string[];
}

const variable = (name: string, slices?: readonly string[]): Omit<FontSet, 'family' | 'published'> => ({
  package: `@fontsource-variable/${name}`,
  prefix: name,
  suffix: 'wght-normal.woff2',
  ...(slices ? { slices } : {}),
});

/**
 * In fallback order: a character is drawn from the first family that has it. Noto Sans covers
 * Latin, Greek, Cyrillic, Vietnamese and Devanagari; Japanese comes before Korean, so Han and
 * kana take Japanese forms.
 */
const FONT_SETS: readonly FontSet[] = [
  { family: 'Switchboard Sans', published: 'Noto Sans', ...variable('noto-sans') },
  { family: 'Switchboard Sans Hebrew', published: 'Noto Sans Hebrew', ...variable('noto-sans-hebrew', ['hebrew']) },
  { family: 'Switchboard Sans Arabic', published: 'Noto Sans Arabic', ...variable('noto-sans-arabic', ['arabic']) },
  { family: 'Switchboard Sans Thai', published: 'Noto Sans Thai', ...variable('noto-sans-thai', ['thai']) },
  { family: 'Switchboard Sans Bengali', published: 'Noto Sans Bengali', ...variable('noto-sans-bengali', ['bengali']) },
  { family: 'Switchboard Sans JP', published: 'Noto Sans JP', ...variable('noto-sans-jp') },
  { family: 'Switchboard Sans KR', published: 'Noto Sans KR', ...variable('noto-sans-kr') },
  // The .woff slices carry colour (COLR) glyphs; the .woff2 slices only SVG ones, which Skia does not draw.
  { family: 'Switchboard Emoji', published: 'Noto Color Emoji', package: '@fontsource/noto-color-emoji', prefix: 'noto-color-emoji', suffix: '400-normal.woff' },
];

/** Every family, in fallback order, for a canvas `font` list. */
export const FONT_FAMILIES: readonly string[] = FONT_SETS.map((set) => set.family);

/** The same fonts by their own names, for a CSS or SVG `font-family`. */
export const PUBLISHED_FONT_FAMILIES: readonly string[] = FONT_SETS.map((set) => set.published);

/** What `GlobalFonts` of @napi-rs/canvas offers that we use. */
export interface FontRegistry {
  register(font: Buffer, nameAlias?: string): unknown;
}

interface Slice {
  family: string;
  path: string;
  /** What the package says the slice holds (cheap to read); the cmap has the final word. */
  range: CodePointSet;
}

/** Characters that are never drawn on their own: joiners, variation selectors, tag characters. */
const INVISIBLE = /^\p{Default_Ignorable_Code_Point}$/u;

function codePointsOf(grapheme: string): number[] {
  return Array.from(grapheme, (character) => character.codePointAt(0)!);
}

/**
 * The chart fonts of one process: which slices are registered with Skia, and which characters
 * every slice has. Built once by whatever paints (the renderer process), since Skia's font list
 * is per process.
 */
export class ChartFonts {
  private readonly slices = new Map<FontSet, Slice[]>();
  private readonly cmaps = new Map<string, CodePointSet>();
  private readonly registered = new Set<string>();
  private readonly families = new Set<string>();
  /** Per grapheme: the slices that draw it, or null when none does. */
  private readonly resolved = new Map<string, Slice[] | null>();

  constructor(private readonly registry: FontRegistry) {}

  /** Registers every slice that `texts` need. Throws if a font file does not load. */
  load(texts: readonly string[]): void {
    for (const text of texts) {
      for (const grapheme of splitGraphemes(text)) {
        for (const slice of this.resolve(grapheme) ?? []) this.register(slice);
      }
    }
  }

  /** The graphemes of `text` that no chart font draws (they would come out as boxes). */
  missing(text: string): string[] {
    return [...new Set(splitGraphemes(text).filter((grapheme) => this.resolve(grapheme) === null))];
  }

  /** Families with at least one slice registered, e.g. for a test to see what a chart cost. */
  registeredFamilies(): string[] {
    return [...this.families];
  }

  /** A set's slices, read from its package's unicode.json the first time a character gets that far down the fallback order. */
  private slicesOf(set: FontSet): Slice[] {
    let slices = this.slices.get(set);
    if (!slices) {
      const folder = dirname(createRequire(import.meta.url).resolve(`${set.package}/package.json`));
      const ranges = JSON.parse(readFileSync(join(folder, 'unicode.json'), 'utf8')) as Record<string, string>;
      slices = Object.entries(ranges)
        .filter(([key]) => !set.slices || set.slices.includes(key))
        .map(([key, value]) => {
          const path = join(folder, 'files', `${set.prefix}-${key.replace(/^\[(\d+)\]$/, '$1')}-${set.suffix}`);
          if (!existsSync(path)) throw new Error(`No font file ${path}: has ${set.package} changed its layout?`);
          return { family: set.family, path, range: CodePointSet.fromUnicodeRange(value) };
        });
      this.slices.set(set, slices);
    }
    return slices;
  }

  private cmapOf(slice: Slice): CodePointSet {
    let cmap = this.cmaps.get(slice.path);
    if (!cmap) {
      cmap = fontCodePoints(readFileSync(slice.path));
      this.cmaps.set(slice.path, cmap);
    }
    return cmap;
  }

  /** The first slice, in fallback order, whose range claims all of `claimed` and whose cmap has all of `needed`. */
  private firstSliceWith(claimed: readonly number[], needed: readonly number[]): Slice | undefined {
    for (const set of FONT_SETS) {
      for (const slice of this.slicesOf(set)) {
        if (slice.range.hasAll(claimed) && this.cmapOf(slice).hasAll(needed)) return slice;
      }
    }
    return undefined;
  }

  private resolve(grapheme: string): Slice[] | null {
    const known = this.resolved.get(grapheme);
    if (known !== undefined) return known;
    const all = codePointsOf(grapheme);
    const visible = all.filter((codePoint) => !INVISIBLE.test(String.fromCodePoint(codePoint)));
    let slices: Slice[] | null = [];
    if (visible.length > 0) {
      // One slice for the whole grapheme keeps an emoji sequence (and its ligature) in one font.
      const whole = this.firstSliceWith(all, visible);
      if (whole) slices = [whole];
      else {
        const each = visible.map((codePoint) => this.firstSliceWith([codePoint], [codePoint]));
        slices = each.every((slice) => slice !== undefined) ? [...new Set(each as Slice[])] : null;
      }
    }
    this.resolved.set(grapheme, slices);
    return slices;
  }

  private register(slice: Slice): void {
    if (this.registered.has(slice.path)) return;
    const bytes = readFileSync(slice.path);
    if (!this.registry.register(bytes, slice.family)) throw new Error(`Could not load the font ${slice.path}`);
    this.registered.add(slice.path);
    this.families.add(slice.family);
  }
}
