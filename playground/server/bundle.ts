import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WEB = fileURLToPath(new URL('../web/', import.meta.url));

export interface PageAssets {
  html: string;
  script: string;
  styles: string;
}

/** Bundles the page (Preact, TSX) in memory with esbuild: nothing is written, nothing fetched. */
export async function buildPage(): Promise<PageAssets> {
  const result = await build({
    entryPoints: [`${WEB}main.tsx`],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  const script = result.outputFiles[0];
  if (!script) throw new Error('esbuild produced no bundle for the playground page');
  return { html: readFileSync(`${WEB}index.html`, 'utf8'), script: script.text, styles: readFileSync(`${WEB}styles.css`, 'utf8') };
}
