import { readFileSync } from 'node:fs';
import type { FrontFile } from '../../src/fronts/front-file.js';
import { formatInstant } from '../../src/fronts/instant.js';
import type { FrontSource } from '../../src/fronts/source.js';

const FILES: Record<FrontSource, string> = {
  pluralkit: 'pluralkit-export.json',
  simplyplural: 'simplyplural-export.json',
  octocon: 'octocon-export.json',
};

/** One of the three realistic (made-up) export files, as the bytes Discord would hand over. */
export function fixture(source: FrontSource): Buffer {
  return readFileSync(new URL(`../fixtures/fronts/${FILES[source]}`, import.meta.url));
}

/** A file's switches as `time: name, name` lines (a member without a name shows as `#key`), for readable assertions. */
export function switchLines(file: FrontFile): string[] {
  const names = new Map(file.members.map((member) => [member.key, member.name ?? `#${member.key}`]));
  return file.switches.map((point) => `${formatInstant(point.at)}: ${point.members.map((key) => names.get(key) ?? `?${key}`).join(', ')}`);
}
