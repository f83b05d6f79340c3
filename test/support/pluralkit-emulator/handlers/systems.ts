import { isOwner, requireOwner } from '../auth.js';
import { ok, readJsonObject, required, type Reply, type RequestContext } from '../context.js';
import { systemUpdated } from '../dispatch-events.js';
import { applySystemChanges, parseSystemPatch } from '../patches.js';
import { systemView } from '../views.js';

export function getSystem(ctx: RequestContext): Reply {
  const system = required(ctx.params.system);
  return ok(systemView(system, isOwner(ctx, system.uuid)));
}

export function patchSystem(ctx: RequestContext): Reply {
  const body = readJsonObject(ctx);
  const system = required(ctx.params.system);
  requireOwner(ctx, system);
  const changes = parseSystemPatch(body);
  applySystemChanges(system, changes);
  ctx.dispatch.emit(system.uuid, systemUpdated(changes));
  return ok(systemView(system, true));
}
