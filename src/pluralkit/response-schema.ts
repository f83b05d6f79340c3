import { z } from 'zod';

/*
 * How an API response is validated: first against `complete`, the model with every defaulted key
 * required, then — only if that fails — against the model itself.
 *
 * The models default keys PluralKit should always send (a missing `banner` reads as null), and zod
 * handles a defaultable key about three times slower than a required one: on a 20-member list the
 * model costs as much as the JSON.parse before it. PluralKit does send every such key, so nearly
 * every answer passes `complete`; one that lacks a key gets exactly what the model alone would
 * give it, defaults and errors alike. Both strip unknown keys (see models.ts).
 */

export interface ResponseSchema<T> {
  /** The model, with every defaulted key required; its output equals `model`'s wherever it succeeds. */
  readonly complete: z.ZodType<T>;
  readonly model: z.ZodType<T>;
}

/** The schema with defaults dropped, so the keys they covered must be present. */
function requiringDefaulted(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault) return requiringDefaulted(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodNullable) return requiringDefaulted(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodOptional) return requiringDefaulted(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodArray) return z.array(requiringDefaulted(schema.unwrap() as z.ZodType));
  if (schema instanceof z.ZodUnion) return z.union((schema.options as z.ZodType[]).map(requiringDefaulted));
  // Only plain (stripping) objects are rebuilt; a strict or loose one keeps its own handling of unknown keys.
  if (schema instanceof z.ZodObject && schema.def.catchall === undefined) {
    const shape = schema.shape as Record<string, z.ZodType>;
    return z.object(Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, requiringDefaulted(field)])));
  }
  return schema;
}

export function responseSchema<T>(model: z.ZodType<T>): ResponseSchema<T> {
  return { complete: requiringDefaulted(model) as z.ZodType<T>, model };
}
