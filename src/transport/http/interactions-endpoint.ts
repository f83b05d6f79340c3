import type { KeyObject } from 'node:crypto';
import { DiscordAPIError } from '@discordjs/rest';
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import { z } from 'zod';
import type { InteractionCallbacks } from '../../interaction/callbacks.js';
import { InteractionType, parseInteraction } from '../../interaction/parse.js';
import type { Logger } from '../../logger.js';
import type { DiscordRest } from '../discord-rest.js';
import type { InteractionSink } from '../interaction-sink.js';
import { encodeInlineResponse, type EncodedResponse } from './inline-response.js';
import { readSignedJson } from './signature.js';
import { jsonAnswer as json, refusedSignedRequest, type HttpAnswer, type SignedRequest } from './routes.js';

/** Edits right after an inline answer may reach Discord before it has taken that answer in. */
const UNKNOWN_WEBHOOK_RETRIES = 3;
const UNKNOWN_WEBHOOK_BACKOFF_MS = 150;

const envelopeSchema = z.object({ type: z.number().int() });

interface FirstAnswer {
  encoded: EncodedResponse;
  sent: (failure?: Error) => void;
}

async function retryingUnknownWebhook(operation: () => Promise<void>, sleep: (ms: number) => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await operation();
      return;
    } catch (error) {
      const unknownYet = error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownWebhook;
      if (!unknownYet || attempt >= UNKNOWN_WEBHOOK_RETRIES) throw error;
      await sleep(UNKNOWN_WEBHOOK_BACKOFF_MS * (attempt + 1));
    }
  }
}

/**
 * `POST /interactions`: Discord's interactions endpoint. Verifies the signature over the raw
 * bytes, answers PING, and hands everything else to the same dispatcher the gateway feeds. The
 * first response is the HTTP response itself (inline JSON, multipart with files, or a deferral,
 * within Discord's 3 s as the Responder guarantees); edits and follow-ups go through REST.
 */
export class InteractionsEndpoint {
  constructor(
    private readonly options: {
      key: KeyObject;
      sink: InteractionSink;
      rest: DiscordRest;
      log: Logger;
      now: () => number;
      sleep: (ms: number) => Promise<void>;
    },
  ) {}

  async handle(request: SignedRequest): Promise<HttpAnswer> {
    const { log } = this.options;
    const signed = readSignedJson(this.options.key, request, this.options.now());
    if (!signed.ok) {
      log.info({ verdict: signed.verdict }, 'interaction POST refused');
      return refusedSignedRequest(signed);
    }
    const raw = signed.raw;
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success) return json(400, { error: 'not an interaction' });
    if (envelope.data.type === InteractionType.Ping) return json(200, { type: 1 });
    const interaction = parseInteraction(raw);
    if (!interaction) {
      log.warn({ type: envelope.data.type }, 'interaction POST ignored: not a kind Switchboard handles, or malformed');
      return json(400, { error: 'unsupported interaction' });
    }

    // The core's first response becomes this HTTP response; `respond` settles once it is written.
    let answerWith!: (first: FirstAnswer) => void;
    const first = new Promise<FirstAnswer>((resolve) => {
      answerWith = resolve;
    });
    const webhook = this.options.rest.webhookCallbacks(interaction);
    const sleep = this.options.sleep;
    const callbacks: InteractionCallbacks = {
      respond: (response) =>
        new Promise<void>((resolve, reject) => answerWith({ encoded: encodeInlineResponse(response), sent: (failure) => (failure ? reject(failure) : resolve()) })),
      editOriginal: (body) => retryingUnknownWebhook(() => webhook.editOriginal(body), sleep),
      deleteOriginal: () => retryingUnknownWebhook(() => webhook.deleteOriginal(), sleep),
      followUp: (body) => retryingUnknownWebhook(() => webhook.followUp(body), sleep),
    };
    const handled = this.options.sink.handle(interaction, callbacks);
    const outcome = await Promise.race([first, handled]);
    if (outcome === 'duplicate') return json(409, { error: 'interaction already handled' });
    if (outcome === 'handled') {
      // Handled without any answer: nothing the core does ends that way, so say so loudly.
      log.error({ interactionId: interaction.id }, 'interaction handled without a first response');
      return json(500, { error: 'no response' });
    }
    return { status: 200, contentType: outcome.encoded.contentType, body: outcome.encoded.body, onSent: outcome.sent };
  }
}
