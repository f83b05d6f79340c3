import { z } from 'zod';
import { subcommand } from '../../src/framework/command-table.js';
import type { HandlerContext } from '../../src/framework/context.js';
import { confirmation } from '../../src/framework/confirm.js';
import { required } from '../../src/framework/fields.js';
import { checkLogChannel } from '../../src/front-log/channel-checks.js';
import { dispatchUrl, otherWebhookUrl, saveSubscription, type LogRequest } from '../../src/front-log/subscriptions.js';
import {
  ENTER_SIGNING_TOKEN_LABEL,
  renderSetupDispatch,
  renderSetupPolling,
  renderWebhookElsewherePrompt,
  SIGNING_TOKEN_FORM_TITLE,
} from '../../src/render/front-log.js';
import { logChannelField, logPrivacyField, logStyleField } from '../shared/fields/log.js';
import { signingTokenForm } from './signing-token.js';

const requestSchema = z.object({
  guildId: z.string(),
  channelId: z.string(),
  style: z.enum(['log', 'board']),
  privacy: z.enum(['public', 'full']),
});

/** Saves the log and says what comes next: PluralKit's webhook steps (dispatch), or that it polls. */
async function finishSetup(ctx: HandlerContext<{ token: true }>, request: LogRequest): Promise<void> {
  const { replaced, subscription } = await saveSubscription(ctx.services, ctx.userId, ctx.auth, request);
  const url = dispatchUrl(ctx.services);
  if (!url) {
    await ctx.reply.send({ ...renderSetupPolling(subscription, ctx.services.config.logPollMs / 1000, replaced), components: [] });
    return;
  }
  const button = await signingTokenForm.offer(ctx, { title: SIGNING_TOKEN_FORM_TITLE, state: { systemUuid: subscription.systemUuid }, values: {}, label: ENTER_SIGNING_TOKEN_LABEL });
  await ctx.reply.send({ ...renderSetupDispatch(subscription, url, replaced), components: [button] });
}

/** PluralKit keeps one webhook URL per system: replacing another tool's asks first. */
const confirmDisplace = confirmation({
  id: 'log.displace',
  label: 'Set up anyway',
  danger: true,
  schema: requestSchema,
  needs: { token: true },
  async reread(ctx) {
    const other = await otherWebhookUrl(ctx.services, ctx.auth);
    return { shown: other ?? '', subject: { kind: 'named', name: "your system's webhook URL" }, current: null };
  },
  async run(ctx, request) {
    await finishSetup(ctx, request);
  },
});

export const logSetup = subcommand({
  description: 'Post your front changes in a channel of this server',
  options: { channel: required(logChannelField()), style: logStyleField(), privacy: logPrivacyField() },
  needs: { token: true, server: true },
  flows: [confirmDisplace, signingTokenForm],
  async run(ctx, args) {
    const resolved = ctx.interaction.kind === 'command' ? ctx.interaction.options.channels[args.channel] : undefined;
    await checkLogChannel(ctx.services, { guildId: ctx.guildId, channelId: args.channel, invokerPermissions: resolved?.permissions ?? null });
    const request: LogRequest = { guildId: ctx.guildId, channelId: args.channel, style: args.style ?? 'log', privacy: args.privacy ?? 'public' };
    const url = dispatchUrl(ctx.services);
    const other = url ? await otherWebhookUrl(ctx.services, ctx.auth) : null;
    if (url && other) {
      await confirmDisplace.ask(ctx, { payload: request, prompt: { content: renderWebhookElsewherePrompt(other, url) }, shown: other });
      return;
    }
    await finishSetup(ctx, request);
  },
});
