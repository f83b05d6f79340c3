import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { StateRow, StoredStateRow } from './interaction-state-store.js';

/* Rows as every database returns them (snake_case columns; PostgreSQL's BIGINTs arrive as text). */

const rawStateRowSchema = z.object({
  key: z.string(),
  kind: z.string(),
  user_id: z.string(),
  payload: z.string(),
  status: z.enum(['open', 'claimed', 'cancelled', 'done']),
  created_at: z.coerce.number(),
  expires_at: z.coerce.number(),
  claimed_at: z.coerce.number().nullable(),
});

type RawStateRow = z.infer<typeof rawStateRowSchema>;

function fromRaw(row: RawStateRow): StoredStateRow {
  return { key: row.key, kind: row.kind, userId: row.user_id, payload: row.payload, status: row.status, createdAt: row.created_at, expiresAt: row.expires_at, claimedAt: row.claimed_at };
}

export function toStoredStateRow(raw: unknown): StoredStateRow {
  return fromRaw(rawStateRowSchema.parse(raw));
}

/** The row as the caller wrote it, or undefined when it does not read back (then the store drops it). */
export function parseStateRow<T>(raw: unknown): StateRow<T> | undefined {
  const parsed = rawStateRowSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const stored = fromRaw(parsed.data);
  try {
    return { ...stored, payload: JSON.parse(stored.payload) as T };
  } catch {
    return undefined;
  }
}

/** 16 URL-safe characters: fits a custom ID beside the command and action. */
export function newStateKey(): string {
  return randomBytes(12).toString('base64url');
}
