import { brotliDecompressSync, inflateSync } from 'node:zlib';
import { CodePointSet } from './code-points.js';

/*
 * Which characters a font file has glyphs for, read from its cmap table: what tells a name the
 * chart can draw from one it would draw as boxes. Reads the web font files our font packages ship:
 * WOFF (zlib per table) and WOFF2 (one brotli stream; the cmap is never transformed, so only table
 * sizes are needed).
 */

type Reader = (tag: string) => Buffer | undefined;

function woffTables(bytes: Buffer): Reader {
  const count = bytes.readUInt16BE(12);
  return (wanted) => {
    for (let entry = 44; entry < 44 + count * 20; entry += 20) {
      if (bytes.toString('latin1', entry, entry + 4) !== wanted) continue;
      const offset = bytes.readUInt32BE(entry + 4);
      const stored = bytes.subarray(offset, offset + bytes.readUInt32BE(entry + 8));
      return stored.length < bytes.readUInt32BE(entry + 12) ? inflateSync(stored) : stored;
    }
    return undefined;
  };
}

/** WOFF2's known-table tags by index (only the ones whose index matters here). */
const WOFF2_CMAP = 0;
const WOFF2_GLYF = 10;
const WOFF2_LOCA = 11;
const WOFF2_HEADER = 48;

function woff2Tables(bytes: Buffer): Reader {
  if (bytes.toString('latin1', 4, 8) === 'ttcf') throw new Error('WOFF2 font collections are not supported');
  const count = bytes.readUInt16BE(12);
  const compressedSize = bytes.readUInt32BE(20);
  let position = WOFF2_HEADER;
  const base128 = (): number => {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = bytes[position++]!;
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
    throw new Error('Bad UIntBase128 in a WOFF2 table directory');
  };
  const tables: Array<{ tag: string; start: number; length: number }> = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const flags = bytes[position++]!;
    const index = flags & 0x3f;
    let tag = index === WOFF2_CMAP ? 'cmap' : `#${index}`;
    if (index === 0x3f) {
      tag = bytes.toString('latin1', position, position + 4);
      position += 4;
    }
    const version = flags >> 6;
    const length = base128();
    const isGlyfOrLoca = index === WOFF2_GLYF || index === WOFF2_LOCA;
    const transformed = isGlyfOrLoca ? version !== 3 : version !== 0;
    const stored = transformed ? base128() : length;
    tables.push({ tag, start, length: stored });
    start += stored;
  }
  let stream: Buffer | undefined;
  return (wanted) => {
    const table = tables.find((candidate) => candidate.tag === wanted);
    if (!table) return undefined;
    stream ??= brotliDecompressSync(bytes.subarray(position, position + compressedSize));
    return stream.subarray(table.start, table.start + table.length);
  };
}

function tablesOf(bytes: Buffer): Reader {
  const signature = bytes.toString('latin1', 0, 4);
  if (signature === 'wOFF') return woffTables(bytes);
  if (signature === 'wOF2') return woff2Tables(bytes);
  throw new Error(`Not a WOFF or WOFF2 font file (signature ${JSON.stringify(signature)})`);
}

/** Format 4 (the Basic Multilingual Plane): segments, skipping code points mapped to glyph 0. */
function format4(table: Buffer, offset: number, ranges: Array<[number, number]>): void {
  const segments = table.readUInt16BE(offset + 6) / 2;
  const ends = offset + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  for (let i = 0; i < segments; i++) {
    const first = table.readUInt16BE(starts + 2 * i);
    const last = table.readUInt16BE(ends + 2 * i);
    if (first === 0xffff) continue;
    const delta = table.readUInt16BE(deltas + 2 * i);
    const rangeOffset = table.readUInt16BE(rangeOffsets + 2 * i);
    for (let codePoint = first; codePoint <= last; codePoint++) {
      let glyph: number;
      if (rangeOffset === 0) {
        glyph = (codePoint + delta) & 0xffff;
      } else {
        const at = rangeOffsets + 2 * i + rangeOffset + 2 * (codePoint - first);
        const raw = at + 2 <= table.length ? table.readUInt16BE(at) : 0;
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) ranges.push([codePoint, codePoint]);
    }
  }
}

/** Format 12 (all planes): sequential groups. */
function format12(table: Buffer, offset: number, ranges: Array<[number, number]>): void {
  const groups = table.readUInt32BE(offset + 12);
  for (let i = 0; i < groups; i++) {
    const group = offset + 16 + 12 * i;
    const first = table.readUInt32BE(group);
    const last = table.readUInt32BE(group + 4);
    // A group starting at glyph 0 maps its first code point to "missing".
    const skip = table.readUInt32BE(group + 8) === 0 ? 1 : 0;
    if (first + skip <= last) ranges.push([first + skip, last]);
  }
}

/** Unicode subtables: platform 0 (any encoding), platform 3 encodings 1 (BMP) and 10 (full). */
function isUnicode(platform: number, encoding: number): boolean {
  return platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
}

/** The code points the font maps to a real glyph. Throws on a file that is not a font or has no cmap. */
export function fontCodePoints(bytes: Buffer): CodePointSet {
  const cmap = tablesOf(bytes)('cmap');
  if (!cmap) throw new Error('The font has no cmap table');
  const ranges: Array<[number, number]> = [];
  const subtables = cmap.readUInt16BE(2);
  for (let i = 0; i < subtables; i++) {
    const record = 4 + 8 * i;
    if (!isUnicode(cmap.readUInt16BE(record), cmap.readUInt16BE(record + 2))) continue;
    const offset = cmap.readUInt32BE(record + 4);
    const format = cmap.readUInt16BE(offset);
    if (format === 4) format4(cmap, offset, ranges);
    else if (format === 12) format12(cmap, offset, ranges);
  }
  return CodePointSet.of(ranges);
}
