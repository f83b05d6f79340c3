import type { Micros } from './instant.js';
import type { FrontSource } from './source.js';

/*
 * The one form every export file is read into: the file's members, and its front history as a
 * sequence of switch points (who fronted from each instant on), whatever shape the app kept it in.
 */

/** A member as the export file names it. */
export interface FileMember {
  /** The file's own ID for the member (what its history refers to). */
  key: string;
  /** Null when the app allowed a member without a name (Octocon). */
  name: string | null;
  displayName: string | null;
  /** A PluralKit short ID the file ties the member to (PluralKit's own ID, or Simply Plural's `pkId`). */
  pluralkitId: string | null;
}

/** From `at` on, exactly `members` (file keys, in fronting order) fronted; none is a switch-out. */
export interface SwitchPoint {
  at: Micros;
  members: readonly string[];
}

/** A Simply Plural custom front: reported, never imported as a member. */
export interface CustomFrontUse {
  /** Null when the history refers to a custom front the file no longer lists. */
  name: string | null;
  /** Front entries of this custom front the file holds. */
  entries: number;
}

/** Why part of a file's history is left out. */
export type EntryRefusalReason =
  /** A time that is not a date and time. */
  | 'invalid-time'
  /** A front entry that ends before it starts. */
  | 'ends-before-start'
  /** A front entry that ended (not live) but has no end time. */
  | 'no-end'
  /** A front entry for a member the file does not list. */
  | 'unknown-member'
  /** A second switch at the same instant (PluralKit keeps one per instant). */
  | 'duplicate-time'
  /** A switch later than now. */
  | 'future'
  /** A switch before PluralKit existed (2018), which is a typo or a missing date rather than history. */
  | 'too-early'
  /** More members at once than PluralKit's limit of 150 per switch. */
  | 'too-many-members';

export interface RefusedEntries {
  reason: EntryRefusalReason;
  count: number;
  /** The earliest time among them, when they have one, to help find them. */
  firstAt: Micros | null;
}

export interface FrontFile {
  source: FrontSource;
  /** Front entries (interval formats) or switches (PluralKit) in the file. */
  entries: number;
  members: readonly FileMember[];
  /** Oldest first, one per instant, each different from the one before. */
  switches: readonly SwitchPoint[];
  customFronts: readonly CustomFrontUse[];
  refused: readonly RefusedEntries[];
}
