import { required, text, type Field } from '../../../src/framework/fields.js';

const AT_MAX = 100;

/** A moment, read in the caller's PluralKit time zone by the handler (optional; see `required`). */
export function atField(): Field<string, false> {
  return text({
    description: 'When: 30m, 2h, 1d12h (ago), 14:30, 2pm, 2026-05-01 14:30 — in your PluralKit time zone',
    max: AT_MAX,
    required: false,
  });
}

export { required };
