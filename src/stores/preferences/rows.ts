import { CorruptRecordError } from '../storage-errors.js';
import { PreferencesSchema, type Preferences } from './preferences-store.js';

/** A stored preferences value as every database returns it; one that does not read back is a corrupt record. */
export function toPreferences(userId: string, raw: unknown): Preferences | undefined {
  if (raw === undefined) return undefined;
  const value = (raw as { value?: unknown }).value;
  try {
    return PreferencesSchema.parse(typeof value === 'string' ? JSON.parse(value) : value);
  } catch {
    throw new CorruptRecordError('preferences', `of user ${userId}`);
  }
}
