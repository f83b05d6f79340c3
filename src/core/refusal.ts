import type { RefusalData } from './refusal-codes.js';

export type RefusalCode = keyof RefusalData;

/**
 * A refusal raised below the presentation layer: a code and the data its wording needs, never a
 * sentence. `src/render/refusals.ts` words every code (the compiler checks that none is missing);
 * the error funnel shows that wording privately, as it does a UserFacingError.
 */
export class Refusal<C extends RefusalCode = RefusalCode> extends Error {
  override name = 'Refusal';
  constructor(
    readonly code: C,
    readonly data: RefusalData[C],
  ) {
    super(`refused: ${code}`);
  }
}

/** Shorthand for `throw new Refusal(code, data)` in expression position. */
export function refuse<C extends RefusalCode>(code: C, data: RefusalData[C]): never {
  throw new Refusal(code, data);
}
