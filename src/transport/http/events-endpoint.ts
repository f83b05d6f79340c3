import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../../logger.js';
import { jsonAnswer, NO_CONTENT, refusedSignedRequest, type HttpAnswer, type SignedRequest } from './routes.js';
import { readSignedJson } from './signature.js';

const PING = 0;
const EVENT = 1;

const webhookEventSchema = z.object({
  type: z.number().int(),
  event: z
    .object({
      type: z.string().max(100),
      data: z.unknown().optional(),
    })
    .optional(),
});

const deauthorizedSchema = z.object({ user: z.object({ id: z.string().regex(/^\d{1,20}$/) }) });

/**
 * `POST /discord/events`: Discord's Webhook Events, signed like interactions. A user who removes
 * the app from their account (APPLICATION_DEAUTHORIZED) has everything stored for them deleted.
 */
export class EventsEndpoint {
  constructor(
    private readonly options: {
      key: KeyObject;
      log: Logger;
      now: () => number;
      onDeauthorized: (userId: string) => Promise<void>;
    },
  ) {}

  async handle(request: SignedRequest): Promise<HttpAnswer> {
    const signed = readSignedJson(this.options.key, request, this.options.now());
    if (!signed.ok) return refusedSignedRequest(signed);
    const parsed = webhookEventSchema.safeParse(signed.raw);
    if (!parsed.success) return jsonAnswer(400, { error: 'not a webhook event' });
    const { type, event } = parsed.data;
    if (type === PING || type !== EVENT || !event) return NO_CONTENT;
    if (event.type === 'APPLICATION_DEAUTHORIZED') {
      const data = deauthorizedSchema.safeParse(event.data);
      if (!data.success) return jsonAnswer(400, { error: 'APPLICATION_DEAUTHORIZED without a user' });
      await this.options.onDeauthorized(data.data.user.id);
      this.options.log.info({ userId: data.data.user.id }, 'user removed the app: everything stored for them was deleted');
    }
    return NO_CONTENT;
  }
}
