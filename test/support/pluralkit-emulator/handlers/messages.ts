import { ok, type Reply, type RequestContext } from '../context.js';
import { errors } from '../errors.js';
import { SNOWFLAKE } from '../ids.js';
import type { MessageRecord } from '../model.js';
import type { Store } from '../store.js';
import { snowflakeMillis } from '../time.js';
import { messageView } from '../views.js';

/** Production maps trigger-message IDs through Redis with this TTL; after it only the proxied ID works. */
export const ORIGINAL_ID_TTL_MS = 30 * 60 * 1000;

function findMessage(store: Store, id: string, nowMs: number): MessageRecord | undefined {
  const proxied = store.messages.get(id);
  if (proxied) return proxied;
  for (const message of store.messages.values()) {
    if (message.original === id && nowMs - snowflakeMillis(message.id) <= ORIGINAL_ID_TTL_MS) return message;
  }
  return undefined;
}

export function getMessage(ctx: RequestContext): Reply {
  const id = ctx.params.raw.message ?? '';
  if (!SNOWFLAKE.test(id)) throw errors.badRequest();
  const message = findMessage(ctx.store, id, Date.now());
  if (!message) throw errors.messageNotFound();
  return ok(messageView(ctx.store, message, ctx.auth));
}
