import { subcommand } from '../../src/framework/command-table.js';
import { chosenSubscription, stopSubscription } from '../../src/front-log/subscriptions.js';
import { renderLogStopped } from '../../src/render/front-log.js';
import { logChannelField } from '../shared/fields/log.js';

export const logStop = subcommand({
  description: 'Stop a front log',
  options: { channel: logChannelField('The log to stop (default: your only one, or the one in this channel)') },
  async run(ctx, args) {
    const subscription = await chosenSubscription(ctx.services, ctx.userId, { given: args.channel, current: ctx.interaction.channelId });
    const { othersRemain } = await stopSubscription(ctx.services, subscription);
    await ctx.reply.send(renderLogStopped(subscription, othersRemain));
  },
});
