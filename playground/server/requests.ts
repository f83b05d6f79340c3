import { z } from 'zod';

/** What the page may send, checked before anything reaches the fake Discord. */

const snowflake = z.string().regex(/^\d{1,20}$/);
const place = z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('guild') }), z.strictObject({ kind: z.literal('dm'), personId: snowflake })]);
const optionValue = z.union([z.string().max(6000), z.number(), z.boolean(), z.strictObject({ user: snowflake })]);
const name = z.string().min(1).max(32);

const slash = z.strictObject({
  as: snowflake,
  place,
  name,
  subcommandGroup: name.optional(),
  subcommand: name.optional(),
  options: z.record(name, optionValue),
});

export const requestSchemas = {
  slash,
  autocomplete: slash.extend({ focused: name }),
  component: z.strictObject({
    as: snowflake,
    place,
    messageId: snowflake,
    customId: z.string().min(1).max(100),
    componentType: z.number().int().min(2).max(8),
    values: z.array(z.string().max(100)).max(25).optional(),
    label: z.string().max(100).optional(),
  }),
  modal: z.strictObject({
    as: snowflake,
    place,
    customId: z.string().min(1).max(100),
    fields: z.record(z.string().min(1).max(100), z.string().max(4000)),
    messageId: snowflake.optional(),
    title: z.string().max(100).optional(),
  }),
  messageCommand: z.strictObject({ as: snowflake, place, name: z.string().min(1).max(32), messageId: snowflake }),
  directMessage: z.strictObject({ as: snowflake, content: z.string().min(1).max(2000) }),
};
