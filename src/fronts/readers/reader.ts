import { z } from 'zod';
import type { FileParts } from '../file-parts.js';
import type { FrontFile } from '../front-file.js';
import { IMPORT_LIMITS } from '../limits.js';
import type { FrontSource } from '../source.js';

/** One app's export format. */
export interface FrontFileReader {
  source: FrontSource;
  /** Whether a file with these top-level keys is this app's export. */
  recognises(keys: ReadonlySet<string>): boolean;
  read(parts: FileParts): FrontFile;
}

/** A name as export files carry it. */
export const fileName = z.string().max(IMPORT_LIMITS.maxNameLength);
/** An ID or a timestamp as export files carry it. */
export const fileId = z.string().max(IMPORT_LIMITS.maxIdLength);
