import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow } from 'discord-api-types/v10';
import type { z } from 'zod';
import { UserFacingError } from '../core/user-facing-error.js';
import { listBelongsTo, listExpired, listGone, PAGE_UNAVAILABLE_TEXT } from '../render/flows.js';
import type { CommandContext } from './command.js';
import type { HandlerContext, Needs, OwnAuth } from './context.js';
import { assertDeclared, flowCommand, prepareContext } from './prepare.js';
import { encodeCustomId, type CustomId } from '../interaction/custom-id.js';
import type { ReplyMessage } from '../interaction/message.js';

/** A list can be paged this long after its last turn. */
export const PAGER_TTL_MS = 30 * 60 * 1000;
export const PAGE_ACTION = 'page';

export interface Page<S> {
  message: ReplyMessage;
  hasNext: boolean;
  /** When known: shown as "Page 2/5". */
  pageCount?: number;
  /** The view's state after this page (e.g. a cursor learnt for the next page). */
  state?: S;
}

export interface PagerSpec<S extends z.ZodType, N extends Needs> {
  /** `<command>.<name>`, e.g. `member.list`. */
  id: string;
  /** The view's state as stored between presses. Never a token: the owner's is read at press time. */
  schema: S;
  /** The command to suggest to someone else who presses the buttons. */
  usage: string;
  /** At most this many of a user's views are kept (the oldest go), for views that store much. */
  keepPerUser?: number;
  /**
   * What every page needs, checked at open and at each press; a function of the view when only
   * some views need it (an owner view needs the owner's token, `auth` in the context).
   */
  needs?: N | ((state: z.infer<S>) => Needs);
  load(ctx: HandlerContext<N, 'ephemeral'> & { auth?: OwnAuth }, state: z.infer<S>, page: number): Promise<Page<z.infer<S>>>;
}

export interface Pager<S = unknown> {
  readonly kind: 'pager';
  readonly id: string;
  /** Shows the first page, with Previous/Next buttons when there is more; `extra` goes with the first page only (e.g. a chart). */
  open(ctx: CommandContext, state: S, extra?: Pick<ReplyMessage, 'files' | 'content'>): Promise<void>;
  press(ctx: CommandContext, id: CustomId): Promise<void>;
}

function pageButtons(command: string, key: string, page: number, result: Page<unknown>): APIActionRowComponent<APIComponentInMessageActionRow> {
  const shown = page + 1;
  const counter = result.pageCount !== undefined ? `Page ${shown}/${result.pageCount}` : `Page ${shown}`;
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Previous', custom_id: encodeCustomId(command, PAGE_ACTION, key, page - 1), disabled: page === 0 },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: counter, custom_id: encodeCustomId(command, PAGE_ACTION, key, 'at', page), disabled: true },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Next', custom_id: encodeCustomId(command, PAGE_ACTION, key, page + 1), disabled: !result.hasNext },
    ],
  };
}

function withButtons(message: ReplyMessage, row: APIActionRowComponent<APIComponentInMessageActionRow> | null): ReplyMessage {
  return { ...message, components: [...(message.components ?? []), ...(row ? [row] : [])] };
}

/**
 * Previous/Next paging with a page counter. The view's state lives in the interaction store
 * (so a restart does not break the buttons); only the person who opened it can turn pages.
 */
export function pager<const S extends z.ZodType, const N extends Needs = Record<never, never>>(spec: PagerSpec<S, N>): Pager<z.input<S>> {
  const command = flowCommand(spec.id);
  const prepared = async (ctx: CommandContext, state: z.infer<S>): Promise<HandlerContext<N, 'ephemeral'> & { auth?: OwnAuth }> =>
    (await prepareContext(ctx, (typeof spec.needs === 'function' ? spec.needs(state) : spec.needs) ?? {})) as HandlerContext<N, 'ephemeral'> & { auth?: OwnAuth };
  return {
    kind: 'pager',
    id: spec.id,
    async open(ctx, initial, extra = {}) {
      assertDeclared(ctx, spec.id);
      const state = spec.schema.parse(initial) as z.infer<S>;
      const first = await spec.load(await prepared(ctx, state), state, 0);
      const message = { ...first.message, ...extra };
      if (!first.hasNext) {
        await ctx.reply.send(withButtons(message, null));
        return;
      }
      const key = await ctx.services.interactions.create(spec.id, ctx.userId, first.state ?? state, PAGER_TTL_MS);
      if (spec.keepPerUser !== undefined) await ctx.services.interactions.keepNewest(spec.id, ctx.userId, spec.keepPerUser);
      await ctx.reply.send(withButtons(message, pageButtons(command, key, 0, first)));
    },
    async press(ctx, id) {
      const [key, pageText] = id.args;
      const row = key ? await ctx.services.interactions.read(key) : undefined;
      if (!row || row.kind !== spec.id) throw new UserFacingError(listGone(spec.usage));
      if (row.userId !== ctx.userId) throw new UserFacingError(listBelongsTo(row.userId, spec.usage));
      if (ctx.services.interactions.isExpired(row)) throw new UserFacingError(listExpired(spec.usage));
      const page = Number(pageText);
      if (!Number.isInteger(page) || page < 0) throw new UserFacingError(PAGE_UNAVAILABLE_TEXT);
      const parsed = spec.schema.safeParse(row.payload);
      if (!parsed.success) throw new UserFacingError(listGone(spec.usage));
      const result = await spec.load(await prepared(ctx, parsed.data), parsed.data, page);
      await ctx.services.interactions.update(key!, result.state ?? parsed.data, PAGER_TTL_MS);
      await ctx.reply.send(withButtons(result.message, page === 0 && !result.hasNext ? null : pageButtons(command, key!, page, result)));
    },
  };
}
