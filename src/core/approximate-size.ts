/*
 * A rough count of the heap bytes a parsed JSON value holds, for caches that are bounded by
 * memory instead of by entry count. It follows V8's layout on 64-bit Node (no pointer
 * compression): an object is a 24-byte header plus 8 bytes per property, an array a 32-byte
 * header plus a 16-byte backing store with 8 bytes per element, a string 16 bytes plus its
 * characters, a non-integer number a 16-byte box. Shared things (hidden classes, interned
 * property names) are not counted. Checked against measured heap growth in
 * test/core/approximate-size.test.ts; it is an estimate, meant to be within tens of percent.
 */

const OBJECT_HEADER = 24;
const ARRAY_HEADER = 32 + 16;
const SLOT = 8;
const STRING_HEADER = 16;
const HEAP_NUMBER = 16;

function align(bytes: number): number {
  return (bytes + 7) & ~7;
}

export function approximateSize(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return align(STRING_HEADER + value.length);
    case 'number':
      // Small integers live in the slot itself; anything else is boxed.
      return Number.isInteger(value) && Math.abs(value) < 2 ** 30 ? 0 : HEAP_NUMBER;
    case 'object': {
      if (value === null) return 0;
      if (Array.isArray(value)) {
        let bytes = ARRAY_HEADER + SLOT * value.length;
        for (const item of value) bytes += approximateSize(item);
        return bytes;
      }
      let bytes = OBJECT_HEADER;
      for (const key in value) {
        bytes += SLOT + approximateSize((value as Record<string, unknown>)[key]);
      }
      return bytes;
    }
    default:
      return 0;
  }
}
