import { z } from 'zod';
import { subcommand } from '../../src/framework/command-table.js';
import { confirmation } from '../../src/framework/confirm.js';
import { fronterNames } from '../../src/render/switch.js';
import { when } from '../../src/time/format.js';
import { deleteSwitchById } from '../../src/switches/changes.js';
import { latestSwitch, previousSwitch, rereadSwitch, switchFingerprint } from '../../src/switches/latest.js';

const confirmDelete = confirmation({
  id: 'switch.delete',
  label: 'Delete switch',
  danger: true,
  schema: z.object({ switchId: z.string() }),
  async reread(ctx, change) {
    const current = await rereadSwitch(ctx.services, ctx.auth, change.switchId);
    return { shown: switchFingerprint(current), subject: { kind: 'switch' }, current };
  },
  async run(ctx, change) {
    await deleteSwitchById(ctx.services, ctx.auth, change.switchId);
    await ctx.reply.send({ content: '✅ Switch deleted.', components: [] });
  },
});

export const deleteSwitch = subcommand({
  description: 'Delete your latest switch',
  needs: { token: true },
  flows: [confirmDelete],
  async run(ctx) {
    const latest = await latestSwitch(ctx.services, ctx.auth);
    const previous = await previousSwitch(ctx.services, ctx.auth, latest);
    let after = 'There are no other switches: your front history will be empty.';
    if (previous) {
      const members = await ctx.services.directory.ownMembers(ctx.userId, ctx.auth);
      const byId = new Map(members.map((m) => [m.id, m]));
      const names = previous.members.map((id) => byId.get(id) ?? { name: `deleted member (${id})` });
      after = `Then current: ${fronterNames(names)} since ${when(new Date(previous.timestamp))}.`;
    }
    await confirmDelete.ask(ctx, {
      payload: { switchId: latest.id },
      shown: switchFingerprint(latest),
      prompt: { content: [`⚠️ Delete your latest switch: ${fronterNames(latest.members)} from ${when(new Date(latest.timestamp))}?`, after].join('\n') },
    });
  },
});

