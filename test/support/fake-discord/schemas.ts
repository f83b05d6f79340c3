import { z } from 'zod';

/** Gateway frames and REST bodies from the bot, validated where the fake relies on their shape. */

export const gatewayFrameSchema = z.looseObject({ op: z.number().int(), d: z.unknown().optional() });

export const identifySchema = z.looseObject({
  token: z.string(),
  intents: z.number().int().nonnegative(),
  properties: z.record(z.string(), z.unknown()),
  compress: z.boolean().optional(),
  shard: z.tuple([z.number().int(), z.number().int()]).optional(),
  large_threshold: z.number().int().optional(),
  presence: z.unknown().optional(),
});

export const resumeSchema = z.looseObject({
  token: z.string(),
  session_id: z.string(),
  seq: z.number().int().nullable(),
});

export const interactionCallbackSchema = z.looseObject({
  type: z.number().int(),
  data: z.record(z.string(), z.unknown()).optional(),
});

export const messageBodySchema = z.record(z.string(), z.unknown());

export const createDmSchema = z.looseObject({ recipient_id: z.string().regex(/^\d+$/) });

export const commandListSchema = z.array(
  z.looseObject({
    name: z.string().min(1).max(32),
    type: z.number().int().optional(),
    description: z.string().optional(),
    options: z.array(z.record(z.string(), z.unknown())).optional(),
  }),
);
