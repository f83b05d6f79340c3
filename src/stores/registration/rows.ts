import { z } from 'zod';
import type { RegistrationRecord } from './registration-store.js';

/* The registration row as every database returns it (PostgreSQL's BIGINTs arrive as text). */

const recordSchema = z.object({ hash: z.string().nullable(), registered_at: z.coerce.number().nullable() });

export function toRegistrationRecord(raw: unknown): RegistrationRecord | undefined {
  if (raw === undefined) return undefined;
  const row = recordSchema.parse(raw);
  return row.hash === null || row.registered_at === null ? undefined : { hash: row.hash, registeredAt: row.registered_at };
}
