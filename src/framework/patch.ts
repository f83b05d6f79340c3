import type { ChangeRow } from '../core/change-row.js';
import type { AnyField } from './fields.js';

function clearedValue(field: AnyField | undefined, name: string): unknown {
  const patch = field?.patch;
  if (!patch) throw new Error(`clear: ${name} is not a clearable field`);
  return patch.cleared === undefined ? null : patch.cleared;
}

/**
 * The PATCH body for the options a user gave: each field writes its own key (option `avatar` →
 * `avatar_url`, `proxy` → `proxy_tags: [tag]`), and `clear` names a field to empty (null, or
 * `[]` for proxy tags); so does a value of null (a form input the user emptied). Options without
 * a PATCH key (the entity reference) are left out.
 */
export function patchFrom(fields: Record<string, AnyField>, args: Record<string, unknown>, clear?: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    const patch = fields[name]?.patch;
    if (!patch || value === undefined) continue;
    if (value === null) body[patch.key] = clearedValue(fields[name], name);
    else body[patch.key] = patch.toBody ? patch.toBody(value) : value;
  }
  if (clear !== undefined) body[fields[clear]?.patch?.key ?? clear] = clearedValue(fields[clear], clear);
  return body;
}

/** A stored value (as PluralKit holds it under the field's PATCH key) as people read it; null = not set. */
export function shownStored(field: AnyField, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (field.patch?.showStored) return field.patch.showStored(value);
  return field.show ? field.show(value) : String(value);
}

/** What a form shows for each field, read from the entity's stored values (prefill). */
export function storedValues(fields: Record<string, AnyField>, entity: object): Record<string, string | null> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, field]) => [name, field.patch ? shownStored(field, (entity as Record<string, unknown>)[field.patch.key]) : null]),
  );
}

/** Which of `fields` write the given PATCH keys, for naming them in before → after lines. */
export function fieldsWriting(fields: Record<string, AnyField>, keys: readonly string[]): Array<[string, AnyField]> {
  return Object.entries(fields).filter(([, field]) => field.patch && keys.includes(field.patch.key));
}

/** Before → after rows for the fields a PATCH body wrote, read from the entity before and after. */
export function changeRows(fields: Record<string, AnyField>, body: Record<string, unknown>, before: object, after: object): ChangeRow[] {
  return fieldsWriting(fields, Object.keys(body)).map(([name, field]) => {
    const key = field.patch!.key;
    return {
      label: field.label ?? name,
      before: shownStored(field, (before as Record<string, unknown>)[key]),
      after: shownStored(field, (after as Record<string, unknown>)[key]),
    };
  });
}
