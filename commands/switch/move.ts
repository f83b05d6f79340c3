import { z } from 'zod';
import { assertUnchanged } from '../../src/core/unchanged.js';
import { subcommand } from '../../src/framework/command-table.js';
import { confirmation } from '../../src/framework/confirm.js';
import { atField, required } from '../shared/fields/time.js';
import { fronterNames, when } from '../../src/render/switch.js';
import { readAt } from '../../src/access/at-time.js';
import { switchesChanged } from '../../src/switches/changed.js';
import { checkSwitchTime } from '../../src/switches/guards.js';
import { latestSwitch, previousSwitch, switchFingerprint } from '../../src/switches/latest.js';
import { earliestSwitchTime } from '../../src/switches/earliest.js';

const confirmMove = confirmation({
  id: 'switch.move',
  label: 'Move switch',
  schema: z.object({ switchId: z.string(), shown: z.string(), at: z.iso.datetime() }),
  async run(ctx, change) {
    // Still the latest switch, unchanged: this also catches one deleted, edited or logged after it since the prompt.
    const latest = await latestSwitch(ctx.services, ctx.auth);
    assertUnchanged(change.shown, switchFingerprint(latest), { kind: 'latest-switch' });
    const at = new Date(change.at);
    await ctx.services.writes.withReadBack({
      write: (deadline) => ctx.services.pluralkit.updateSwitch('@me', change.switchId, { timestamp: at }, { token: ctx.auth.token, deadline }),
      readBack: async () => {
        const current = await ctx.services.pluralkit.getSwitch('@me', change.switchId, { token: ctx.auth.token });
        return Date.parse(current.timestamp) === at.getTime() ? current : null;
      },
      checkWith: '`/switch history`',
    });
    switchesChanged(ctx.services, ctx.auth);
    await ctx.reply.send({ content: `✅ Switch moved to ${when(at)}.`, components: [] });
  },
});

export const moveSwitch = subcommand({
  description: 'Move your latest switch to another time',
  options: { at: required(atField()) },
  needs: { token: true },
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
    await confirmMove.ask(
      ctx,
      { switchId: latest.id, shown: switchFingerprint(latest), at: at.toISOString() },
      {
        content: [
          `⚠️ Move your latest switch (${fronterNames(latest.members)})?`,
          `**From:** ${when(new Date(latest.timestamp))}`,
          `**To:** ${when(at)}`,
        ].join('\n'),
      },
    );
  },
});

export const moveConfirmations = [confirmMove];
