import { z } from 'zod';
import { CorruptRecordError } from '../storage-errors.js';
import type { SealedToken, StoredTokenSystem } from './token-store.js';

/* Token rows as every database returns them (snake_case columns; PostgreSQL's BIGINTs arrive as text). */

const rowSchema = z.object({
  discord_user_id: z.string(),
  ciphertext: z.instanceof(Buffer),
  nonce: z.instanceof(Buffer),
  auth_tag: z.instanceof(Buffer),
  key_id: z.string(),
  system_id: z.string(),
  system_uuid: z.string(),
  set_at: z.coerce.number().int(),
  verified_at: z.coerce.number().int(),
});
const systemRowSchema = rowSchema.pick({ system_id: true, system_uuid: true, set_at: true, verified_at: true });

export function toSealedToken(raw: unknown, userId: string): SealedToken {
  const parsed = rowSchema.safeParse(raw);
  if (!parsed.success) throw new CorruptRecordError('tokens', userId);
  const row = parsed.data;
  return {
    discordUserId: row.discord_user_id,
    ciphertext: row.ciphertext,
    nonce: row.nonce,
    authTag: row.auth_tag,
    keyId: row.key_id,
    systemId: row.system_id,
    systemUuid: row.system_uuid,
    setAt: row.set_at,
    verifiedAt: row.verified_at,
  };
}

export function toStoredTokenSystem(raw: unknown, userId: string): StoredTokenSystem {
  const parsed = systemRowSchema.safeParse(raw);
  if (!parsed.success) throw new CorruptRecordError('tokens', userId);
  const row = parsed.data;
  return { systemId: row.system_id, systemUuid: row.system_uuid, setAt: row.set_at, verifiedAt: row.verified_at };
}

export const userIdOf = (raw: unknown): string => String((raw as { discord_user_id?: unknown } | null)?.discord_user_id ?? '(unknown)');
