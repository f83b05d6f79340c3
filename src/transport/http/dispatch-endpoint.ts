import type { Logger } from '../../logger.js';
import { jsonAnswer, type HttpAnswer, type SignedRequest } from './routes.js';

/** PluralKit's envelopes are small; a CREATE_MESSAGE carries one message. Past this: 400. */
export const DISPATCH_MAX_BODY_BYTES = 64 * 1024;

const ANSWERS: Record<200 | 400 | 401, HttpAnswer> = {
  200: jsonAnswer(200, { ok: true }),
  400: jsonAnswer(400, { error: 'not a PluralKit dispatch envelope' }),
  401: jsonAnswer(401, { error: 'unknown system or wrong signing token' }),
};

/**
 * `POST /pluralkit/dispatch`: PluralKit's dispatch webhooks. The transport reads the JSON; the
 * front log's receiver checks and queues it (it answers without waiting for any posting). Bad
 * input is a 400, never a 5xx; a fault of ours (the database) is a 503, which PluralKit does not retry.
 */
export class DispatchEndpoint {
  constructor(private readonly options: { receive: (envelope: unknown) => Promise<200 | 400 | 401>; log: Logger }) {}

  async handle(request: SignedRequest): Promise<HttpAnswer> {
    let envelope: unknown;
    try {
      envelope = JSON.parse(request.body.toString('utf8'));
    } catch {
      return ANSWERS[400];
    }
    try {
      return ANSWERS[await this.options.receive(envelope)];
    } catch (error) {
      this.options.log.warn({ err: error }, 'PluralKit dispatch could not be checked');
      return jsonAnswer(503, { error: 'try again later' });
    }
  }
}
