export interface ImportLimits {
  maxBytes: number;
  maxDepth: number;
  maxTopLevelKeys: number;
  maxEntries: number;
  maxMembers: number;
  maxNameLength: number;
  maxIdLength: number;
}

/** What an imported export file may be: far beyond any real export, well short of harm. */
export const IMPORT_LIMITS: Readonly<ImportLimits> = {
  /** Bytes of the file (the caller also stops downloading there). */
  maxBytes: 25 * 1024 * 1024,
  /** Nesting; real exports nest a handful of levels. */
  maxDepth: 64,
  /** Top-level keys looked at (a Simply Plural export has one per collection, a few dozen). */
  maxTopLevelKeys: 1_000,
  /** Front entries or switches (PluralKit's own import stops at 100,000 switches). */
  maxEntries: 100_000,
  /** Members, and custom fronts. */
  maxMembers: 10_000,
  /** Characters of a name (PluralKit's limit is 100; other apps have none). */
  maxNameLength: 1_000,
  /** Characters of an ID or a time. */
  maxIdLength: 100,
};
