import type { APIApplicationCommandBasicOption } from 'discord-api-types/v10';
import { z } from 'zod';
import { UserFacingError } from '../core/user-facing-error.js';
import { toOption, type AnyField, type FieldValue } from './fields.js';

/** A subcommand's options: name → field, in the order they should be offered. */
export type Options = Record<string, AnyField>;

type RequiredKeys<O extends Options> = { [K in keyof O]: O[K] extends { readonly required: true } ? K : never }[keyof O];
type OptionalKeys<O extends Options> = Exclude<keyof O, RequiredKeys<O>>;

/** The handler's typed arguments, inferred from the option declarations. */
export type ArgsOf<O extends Options> = { [K in RequiredKeys<O>]: FieldValue<O[K]> } & { [K in OptionalKeys<O>]?: FieldValue<O[K]> };

/** Discord wants required options first; otherwise the declared order is kept. */
export function optionsJson(options: Options): APIApplicationCommandBasicOption[] {
  const entries = Object.entries(options);
  return [...entries.filter(([, spec]) => spec.required), ...entries.filter(([, spec]) => !spec.required)].map(([name, spec]) => toOption(name, spec));
}

const schemas = new WeakMap<Options, z.ZodType>();

function schemaFor(options: Options): z.ZodType {
  let schema = schemas.get(options);
  if (!schema) {
    schema = z.object(Object.fromEntries(Object.entries(options).map(([name, spec]) => [name, spec.required ? spec.schema : spec.schema.optional()])));
    schemas.set(options, schema);
  }
  return schema;
}

/** Describes every bad option on its own line, naming the option. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], label: (name: string) => string = (name) => `\`${name}\``): string {
  return issues
    .map((issue) => {
      const name = String(issue.path[0] ?? 'options');
      const problem = issue.input === undefined && issue.code === 'invalid_type' ? 'is required' : issue.message;
      return `${label(name)} ${problem}.`;
    })
    .join('\n');
}

/** Reads raw option values with the declared fields; a bad value is a user-facing error naming it. */
export function parseArgs<O extends Options>(options: O, values: Record<string, unknown>): ArgsOf<O> {
  const known = Object.fromEntries(Object.entries(values).filter(([name]) => name in options));
  const result = schemaFor(options).safeParse(known, { reportInput: true });
  if (!result.success) throw new UserFacingError(describeIssues(result.error.issues));
  return result.data as ArgsOf<O>;
}
