import type { RequestContext } from './context.js';
import { errors } from './errors.js';
import type { SystemRecord } from './model.js';

export function isOwner(ctx: RequestContext, systemUuid: string | null): boolean {
  return ctx.auth !== null && systemUuid !== null && ctx.auth.uuid === systemUuid;
}

/** "owner" endpoints: anyone but the owner (including the unauthenticated) gets 403 code 0. */
export function requireOwner(ctx: RequestContext, system: SystemRecord): void {
  if (!isOwner(ctx, system.uuid)) throw errors.forbidden();
}

/** "token" endpoints: 401 first, then the caller checks ownership with its own 30xxx code. */
export function requireToken(ctx: RequestContext): SystemRecord {
  if (!ctx.auth) throw errors.unauthorized();
  return ctx.auth;
}
