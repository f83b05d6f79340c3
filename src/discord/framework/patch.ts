import type { ChangeRow } from '../../render/changes.js';
import type { AnyField } from './fields.js';

/**
 * The PATCH body for the options a user gave: each field writes its own key (option `avatar` →
 * `avatar_url`, `proxy` → `proxy_tags: [tag]`), and `clear` names a field to empty (null, or
 * `[]` for proxy tags). Options without a PATCH key (the entity reference) are left out.
 */
export function patchFrom(fields: Record<string, AnyField>, args: Record<string, unknown>, clear?: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    const patch = fields[name]?.patch;
    if (!patch || value === undefined) continue;
    body[patch.key] = patch.toBody ? patch.toBody(value) : value;
  }
  if (clear !== undefined) {
    const patch = fields[clear]?.patch;
    if (!patch) throw new Error(`clear: ${clear} is not a clearable field`);
    body[patch.key] = patch.cleared === undefined ? null : patch.cleared;
  }
  return body;
}

/** Which of `fields` write the given PATCH keys, for naming them in before → after lines. */
export function fieldsWriting(fields: Record<string, AnyField>, keys: readonly string[]): Array<[string, AnyField]> {
  return Object.entries(fields).filter(([, field]) => field.patch && keys.includes(field.patch.key));
}

/** Before → after rows for the fields a PATCH body wrote, read from the entity before and after. */
export function changeRows(fields: Record<string, AnyField>, body: Record<string, unknown>, before: object, after: object): ChangeRow[] {
  const show = (field: AnyField, value: unknown): string | null => {
    if (value === null || value === undefined) return null;
    if (field.patch?.showStored) return field.patch.showStored(value);
    return field.show ? field.show(value) : String(value);
  };
  return fieldsWriting(fields, Object.keys(body)).map(([name, field]) => {
    const key = field.patch!.key;
    return {
      label: field.label ?? name,
      before: show(field, (before as Record<string, unknown>)[key]),
      after: show(field, (after as Record<string, unknown>)[key]),
    };
  });
}
