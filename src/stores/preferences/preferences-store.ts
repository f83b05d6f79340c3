import { z } from 'zod';

/*
 * What each Discord user chose for themselves (`/preferences`): so far, whether read commands
 * answer them privately by default. Kept as one JSON value per user, checked when read back, so a
 * new preference needs no migration.
 */

export const PreferencesSchema = z.object({
  /** `only-me`: reads answer only to this user unless they pass `only_me: False`. */
  replies: z.enum(['public', 'only-me']),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = { replies: 'public' };

export interface PreferencesStore {
  /** The user's preferences; undefined when they never set any. */
  get(userId: string): Promise<Preferences | undefined>;
  set(userId: string, preferences: Preferences): Promise<void>;
  /** Forgets the user's preferences (they removed the app). */
  forgetUser(userId: string): Promise<void>;
  /** Every user's preferences, as stored, for `migrate-db`. */
  snapshot(): Promise<StoredPreferences[]>;
  /** Replaces everything with `rows`, in one transaction. */
  restore(rows: readonly StoredPreferences[]): Promise<void>;
}

/** One user's row as stored: the JSON value is copied as it is, never re-read. */
export interface StoredPreferences {
  userId: string;
  value: string;
}
