import { z } from 'zod';
import { subcommand } from '../../src/framework/command-table.js';
import { confirmation } from '../../src/framework/confirm.js';
import { atField, required } from '../shared/fields/time.js';
import { fronterNames } from '../../src/render/switch.js';
import { when } from '../../src/time/format.js';
import { readAt } from '../../src/access/at-time.js';
import { moveSwitchTo } from '../../src/switches/changes.js';
import { checkSwitchTime } from '../../src/switches/guards.js';
import { latestSwitch, previousSwitch, switchFingerprint } from '../../src/switches/latest.js';
import { earliestSwitchTime } from '../../src/switches/earliest.js';

const confirmMove = confirmation({
  id: 'switch.move',
  label: 'Move switch',
  schema: z.object({ switchId: z.string(), at: z.iso.datetime() }),
  // Still the latest switch, unchanged: this also catches one deleted, edited or logged after it since the prompt.
  async reread(ctx) {
    const current = await latestSwitch(ctx.services, ctx.auth);
    return { shown: switchFingerprint(current), subject: { kind: 'latest-switch' }, current };
  },
  async run(ctx, change) {
    const at = new Date(change.at);
    await moveSwitchTo(ctx.services, ctx.auth, change.switchId, at);
    await ctx.reply.send({ content: `✅ Switch moved to ${when(at)}.`, components: [] });
  },
});

export const moveSwitch = subcommand({
  description: 'Move your latest switch to another time',
  options: { at: required(atField()) },
  needs: { token: true },
  flows: [confirmMove],
  async run(ctx, args) {
    const at = await readAt(ctx.services, ctx.log, ctx.userId, ctx.auth, args.at);
    const latest = await latestSwitch(ctx.services, ctx.auth);
    const [previous, notBefore] = await Promise.all([previousSwitch(ctx.services, ctx.auth, latest), earliestSwitchTime(ctx.services, ctx.userId, ctx.auth, at)]);
    const check = checkSwitchTime(at, {
      now: new Date(),
      previousSwitchAt: previous ? new Date(previous.timestamp) : null,
      latestSwitchAt: new Date(latest.timestamp),
      notBefore,
    });
    if (!check.ok) throw check.refusal;
    await confirmMove.ask(ctx, {
      payload: { switchId: latest.id, at: at.toISOString() },
      shown: switchFingerprint(latest),
      prompt: { content: [`⚠️ Move your latest switch (${fronterNames(latest.members)})?`, `**From:** ${when(new Date(latest.timestamp))}`, `**To:** ${when(at)}`].join('\n') },
    });
  },
});

