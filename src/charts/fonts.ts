import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { EMOJI } from './text-fit.js';

/*
 * Fonts come from npm packages, never from the machine: a fresh server has no fonts at all.
 * They are registered under our own family names, so an installed font called "Noto Sans"
 * cannot stand in for them, and only when a chart needs them: the colour emoji font costs
 * about 80 MB of memory once loaded and the Japanese one about 30 MB, so a system whose names
 * have neither never pays for them.
 */

export const FONT_FAMILIES = {
  text: 'Switchboard Sans',
  japanese: 'Switchboard Sans JP',
  emoji: 'Switchboard Emoji',
} as const;

interface FontSet {
  family: string;
  /** A file of the package, to find its folder (packages export their package.json). */
  packageJson: string;
  /** Which files of the package's `files/` folder to register. */
  files: (name: string) => boolean;
  /** Whether some text needs this set; the text set is always needed. */
  neededFor: (text: string) => boolean;
}

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

const FONT_SETS: readonly FontSet[] = [
  {
    // Noto Sans, variable weight: Latin, Latin Extended, Vietnamese, Greek, Cyrillic, Devanagari.
    family: FONT_FAMILIES.text,
    packageJson: '@fontsource-variable/noto-sans/package.json',
    files: (name) => name.endsWith('-wght-normal.woff2'),
    neededFor: () => true,
  },
  {
    // Noto Sans JP, variable weight, in ~120 unicode-range slices: kana and the kanji in Japanese use.
    family: FONT_FAMILIES.japanese,
    packageJson: '@fontsource-variable/noto-sans-jp/package.json',
    files: (name) => name.endsWith('-wght-normal.woff2'),
    neededFor: (text) => JAPANESE.test(text),
  },
  {
    // The one file with every emoji: the numbered slices' woff2 files draw nothing in Skia.
    family: FONT_FAMILIES.emoji,
    packageJson: '@fontsource/noto-color-emoji/package.json',
    files: (name) => name === 'noto-color-emoji-emoji-400-normal.woff2',
    neededFor: (text) => EMOJI.test(text),
  },
];

/** What `GlobalFonts` of @napi-rs/canvas offers that we use. */
export interface FontRegistry {
  registerFromPath(path: string, nameAlias?: string): unknown;
}

const requireFromHere = createRequire(import.meta.url);
const registered = new Set<string>();

function fontFiles(set: FontSet): string[] {
  const folder = join(dirname(requireFromHere.resolve(set.packageJson)), 'files');
  const files = readdirSync(folder).filter(set.files).sort();
  if (files.length === 0) throw new Error(`No font files for ${set.family} in ${folder}: has the package changed its layout?`);
  return files.map((name) => join(folder, name));
}

/** Registers, once per process, every font set that `texts` need. Throws if a font file does not load. */
export function ensureFontsFor(registry: FontRegistry, texts: readonly string[]): void {
  const all = texts.join('\n');
  for (const set of FONT_SETS) {
    if (registered.has(set.family) || !set.neededFor(all)) continue;
    for (const path of fontFiles(set)) {
      if (!registry.registerFromPath(path, set.family)) throw new Error(`Could not load the font ${path}`);
    }
    registered.add(set.family);
  }
}

/** Families registered so far, e.g. for a benchmark or a test to check what a chart cost. */
export function registeredFontFamilies(): string[] {
  return [...registered];
}
