import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rasteriser } from '../../src/charts/rasterise.js';
import { sampleScene } from './render-sample.js';

/*
 * A fresh server has no fonts. Where we may (root, with unshare), the sample chart is drawn again
 * in a mount namespace whose /usr/share/fonts is empty: the PNG must not change by a single byte.
 */
const canHideFonts = process.getuid?.() === 0 && spawnSync('unshare', ['--mount', 'true']).status === 0;

describe('fonts', () => {
  it.skipIf(!canHideFonts)('draws the same PNG with every installed font hidden', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-fonts-'));
    const script = join(import.meta.dirname, 'render-sample.ts');
    const hidden = execFileSync(
      'unshare',
      ['--mount', '--propagation', 'private', 'sh', '-c', `mount --bind "$0" /usr/share/fonts && test -z "$(ls -A /usr/share/fonts)" && exec npx tsx "$1" --stdout`, empty, script],
      { maxBuffer: 10_000_000, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const here = await new Rasteriser().png(sampleScene());
    expect(hidden.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    expect(hidden.equals(here)).toBe(true);
  });
});
