import { z } from 'zod';
import { CorruptRecordError } from '../storage-errors.js';
import type { LogProgress, LogSubscription } from './log-subscription-store.js';

/* Subscription rows as every database returns them (snake_case; PostgreSQL's BIGINTs arrive as text). */

const nullableTime = z.coerce.number().int().nullable();
const rowSchema = z.object({
  system_uuid: z.string(),
  channel_id: z.string(),
  guild_id: z.string(),
  discord_user_id: z.string(),
  system_id: z.string(),
  style: z.enum(['log', 'board']),
  privacy: z.enum(['public', 'full']),
  delivery: z.enum(['dispatch', 'polling']),
  token_ciphertext: z.instanceof(Buffer).nullable(),
  token_nonce: z.instanceof(Buffer).nullable(),
  token_auth_tag: z.instanceof(Buffer).nullable(),
  token_key_id: z.string().nullable(),
  board_message_id: z.string().nullable(),
  last_posted: z.string().nullable(),
  last_event_at: z.preprocess((value) => value ?? null, nullableTime),
  last_post_at: z.preprocess((value) => value ?? null, nullableTime),
  health: z.enum(['ok', 'token-refused', 'webhook-elsewhere', 'channel-refused']),
  created_at: z.coerce.number().int(),
});

export const SUBSCRIPTION_COLUMNS = [
  'system_uuid',
  'channel_id',
  'guild_id',
  'discord_user_id',
  'system_id',
  'style',
  'privacy',
  'delivery',
  'token_ciphertext',
  'token_nonce',
  'token_auth_tag',
  'token_key_id',
  'board_message_id',
  'last_posted',
  'last_event_at',
  'last_post_at',
  'health',
  'created_at',
] as const;

export function toLogSubscription(raw: unknown): LogSubscription {
  const parsed = rowSchema.safeParse(raw);
  if (!parsed.success) {
    const key = typeof raw === 'object' && raw !== null ? `${String((raw as Record<string, unknown>).system_uuid)}/${String((raw as Record<string, unknown>).channel_id)}` : 'unknown';
    throw new CorruptRecordError('log-subscriptions', key);
  }
  const row = parsed.data;
  const sealed = row.token_ciphertext && row.token_nonce && row.token_auth_tag && row.token_key_id;
  return {
    systemUuid: row.system_uuid,
    channelId: row.channel_id,
    guildId: row.guild_id,
    discordUserId: row.discord_user_id,
    systemId: row.system_id,
    style: row.style,
    privacy: row.privacy,
    delivery: row.delivery,
    signingToken: sealed ? { ciphertext: row.token_ciphertext!, nonce: row.token_nonce!, authTag: row.token_auth_tag!, keyId: row.token_key_id! } : null,
    boardMessageId: row.board_message_id,
    lastPosted: row.last_posted,
    lastEventAt: row.last_event_at,
    lastPostAt: row.last_post_at,
    health: row.health,
    createdAt: row.created_at,
  };
}

/** The row's values in SUBSCRIPTION_COLUMNS order. */
export function subscriptionValues(s: LogSubscription): unknown[] {
  return [
    s.systemUuid,
    s.channelId,
    s.guildId,
    s.discordUserId,
    s.systemId,
    s.style,
    s.privacy,
    s.delivery,
    s.signingToken?.ciphertext ?? null,
    s.signingToken?.nonce ?? null,
    s.signingToken?.authTag ?? null,
    s.signingToken?.keyId ?? null,
    s.boardMessageId,
    s.lastPosted,
    s.lastEventAt,
    s.lastPostAt,
    s.health,
    s.createdAt,
  ];
}

const PROGRESS_COLUMNS: Record<keyof LogProgress, string> = {
  boardMessageId: 'board_message_id',
  lastPosted: 'last_posted',
  lastEventAt: 'last_event_at',
  lastPostAt: 'last_post_at',
  health: 'health',
};

/** The columns and values an update sets, in a fixed order (only the keys given). */
export function progressAssignments(progress: LogProgress): Array<{ column: string; value: unknown }> {
  return (Object.keys(PROGRESS_COLUMNS) as Array<keyof LogProgress>)
    .filter((key) => progress[key] !== undefined)
    .map((key) => ({ column: PROGRESS_COLUMNS[key], value: progress[key] }));
}
