import { DiscordErrors, invalidFormBody } from '../http-io.js';
import { CallbackType, InteractionType, type InteractionRecord } from '../interaction-record.js';
import { MessageFlag, type StoredMessage } from '../message-store.js';
import { fail, ok, parseBody, type Route, type RouteContext, type RouteResult } from '../router.js';
import { interactionCallbackSchema, messageBodySchema } from '../schemas.js';

/** Which callback types Discord accepts for which interaction types. */
function allowedCallbacks(record: InteractionRecord): readonly number[] {
  switch (record.type) {
    case InteractionType.Autocomplete:
      return [CallbackType.AutocompleteResult];
    case InteractionType.MessageComponent:
      return [CallbackType.Message, CallbackType.DeferredMessage, CallbackType.DeferredUpdate, CallbackType.Update, CallbackType.Modal];
    case InteractionType.ModalSubmit:
      return record.componentMessageId
        ? [CallbackType.Message, CallbackType.DeferredMessage, CallbackType.DeferredUpdate, CallbackType.Update]
        : [CallbackType.Message, CallbackType.DeferredMessage];
    default:
      return [CallbackType.Message, CallbackType.DeferredMessage, CallbackType.Modal];
  }
}

function refuse(record: InteractionRecord, reason: string, result: RouteResult): RouteResult {
  record.refusals.push(reason);
  return result;
}

/** The first callback of an interaction, by REST or as the inline HTTP answer to its delivery. */
export function answerInteraction(context: RouteContext): RouteResult {
  const { state, params } = context;
  const record = state.interactions.get(params.interaction!);
  if (!record || record.token !== params.token) return fail(DiscordErrors.unknownInteraction);
  if (record.initial) return refuse(record, '40060 already acknowledged', fail(DiscordErrors.alreadyAcknowledged));
  const now = Date.now();
  if (record.sentAt === undefined || now - record.sentAt > state.config.interactionWindowMs) {
    return refuse(record, `10062 too late (${record.sentAt === undefined ? 'never sent' : `${now - record.sentAt} ms`})`, fail(DiscordErrors.unknownInteraction));
  }
  const parsed = parseBody(interactionCallbackSchema, context.body);
  if (!parsed.ok) return refuse(record, '50035 malformed body', parsed.result);
  const { type, data = {} } = parsed.value;
  if (!allowedCallbacks(record).includes(type)) {
    return refuse(record, `50035 callback type ${type}`, fail(invalidFormBody(`callback type ${type} is not valid for interaction type ${record.type}`)));
  }

  record.initial = { type, data: parsed.value.data, at: now };
  const original = applyInitialResponse(context, record, type, data);
  if (context.query.with_response !== 'true') return ok();
  return ok({
    interaction: {
      id: record.id,
      type: record.type,
      response_message_id: original?.id,
      response_message_loading: type === CallbackType.DeferredMessage,
      response_message_ephemeral: original ? (original.flags & MessageFlag.Ephemeral) !== 0 : undefined,
    },
    resource: { type, ...(original && type !== CallbackType.DeferredMessage ? { message: original } : {}) },
  });
}

function applyInitialResponse(context: RouteContext, record: InteractionRecord, type: number, data: Record<string, unknown>): StoredMessage | undefined {
  const { state } = context;
  const createOriginal = (body: Record<string, unknown>, flags: number): StoredMessage => {
    const message = state.messages.create({
      id: state.nextId(),
      channelId: record.channelId,
      author: state.botUser(),
      body,
      flags,
      webhookId: state.config.applicationId,
      applicationId: state.config.applicationId,
      interactionId: record.id,
      files: context.uploads,
    });
    record.originalMessageId = message.id;
    return message;
  };
  const ephemeralBit = (typeof data.flags === 'number' ? data.flags : 0) & MessageFlag.Ephemeral;
  switch (type) {
    case CallbackType.Message: {
      const message = createOriginal(data, typeof data.flags === 'number' ? data.flags : 0);
      record.visible = message;
      return message;
    }
    case CallbackType.DeferredMessage:
      return createOriginal({}, ephemeralBit | MessageFlag.Loading);
    case CallbackType.DeferredUpdate:
      record.originalMessageId = record.componentMessageId;
      return record.componentMessageId ? state.messages.get(record.componentMessageId) : undefined;
    case CallbackType.Update: {
      record.originalMessageId = record.componentMessageId;
      const message = record.componentMessageId ? state.messages.edit(record.componentMessageId, data, context.uploads) : undefined;
      record.visible = message ?? data;
      return message;
    }
    default:
      return undefined;
  }
}

/** Resolves the interaction behind a webhook URL; its messages exist only once it was acknowledged, and only while the token lives. */
function webhookInteraction(context: RouteContext): InteractionRecord | RouteResult {
  const record = context.state.interactions.withToken(context.params.token!);
  if (!record || context.params.app !== context.state.config.applicationId || !record.initial) return fail(DiscordErrors.unknownWebhook);
  if (Date.now() - (record.sentAt ?? 0) > context.state.config.interactionTokenLifetimeMs) return fail(DiscordErrors.invalidWebhookToken);
  return record;
}

function isRecord(value: InteractionRecord | RouteResult): value is InteractionRecord {
  return 'token' in value;
}

function webhookMessageId(record: InteractionRecord, id: string): string | undefined {
  return id === '@original' ? record.originalMessageId : id;
}

function withWebhookMessage(handler: (context: RouteContext, record: InteractionRecord, messageId: string) => RouteResult): (context: RouteContext) => RouteResult {
  return (context) => {
    const record = webhookInteraction(context);
    if (!isRecord(record)) return record;
    const messageId = webhookMessageId(record, context.params.message!);
    if (!messageId || !context.state.messages.get(messageId)) return fail(DiscordErrors.unknownMessage);
    return handler(context, record, messageId);
  };
}

export const interactionRoutes: readonly Route[] = [
  { name: 'create interaction response', method: 'POST', pattern: '/interactions/:interaction/:token/callback', auth: 'none', handle: answerInteraction },
  {
    name: 'create followup message',
    method: 'POST',
    pattern: '/webhooks/:app/:token',
    auth: 'none',
    handle: (context) => {
      const record = webhookInteraction(context);
      if (!isRecord(record)) return record;
      const parsed = parseBody(messageBodySchema, context.body);
      if (!parsed.ok) return parsed.result;
      record.followUps.push(parsed.value);
      const message = context.state.messages.create({
        id: context.state.nextId(),
        channelId: record.channelId,
        author: context.state.botUser(),
        body: parsed.value,
        webhookId: context.state.config.applicationId,
        applicationId: context.state.config.applicationId,
        interactionId: record.id,
        files: context.uploads,
      });
      return context.query.wait === 'true' ? ok(message) : ok();
    },
  },
  {
    name: 'get webhook message',
    method: 'GET',
    pattern: '/webhooks/:app/:token/messages/:message',
    auth: 'none',
    handle: withWebhookMessage((context, _record, messageId) => ok(context.state.messages.get(messageId))),
  },
  {
    name: 'edit webhook message',
    method: 'PATCH',
    pattern: '/webhooks/:app/:token/messages/:message',
    auth: 'none',
    handle: withWebhookMessage((context, record, messageId) => {
      const parsed = parseBody(messageBodySchema, context.body);
      if (!parsed.ok) return parsed.result;
      record.edits.push(parsed.value);
      const edited = context.state.messages.edit(messageId, parsed.value, context.uploads)!;
      if (record.visible === undefined && messageId === record.originalMessageId) record.visible = edited;
      return ok(edited);
    }),
  },
  {
    name: 'delete webhook message',
    method: 'DELETE',
    pattern: '/webhooks/:app/:token/messages/:message',
    auth: 'none',
    handle: withWebhookMessage((context, _record, messageId) => {
      context.state.messages.delete(messageId);
      return ok();
    }),
  },
];
