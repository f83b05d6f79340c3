import { z } from 'zod';
import { subcommand } from '../../src/framework/command-table.js';
import { confirmation } from '../../src/framework/confirm.js';
import { membersField } from '../shared/fields/entities.js';
import { fronterNames, when } from '../../src/render/switch.js';
import { resolveOwnList } from '../../src/access/own-system.js';
import { switchesChanged } from '../../src/switches/changed.js';
import { checkSwitchMembers } from '../../src/switches/guards.js';
import { latestSwitch, rereadUnchanged, switchFingerprint } from '../../src/switches/latest.js';

const confirmEdit = confirmation({
  id: 'switch.edit',
  label: 'Edit switch',
  schema: z.object({ switchId: z.string(), shown: z.string(), memberUuids: z.array(z.string()), memberIds: z.array(z.string()), names: z.string() }),
  async run(ctx, change) {
    await rereadUnchanged(ctx.services, ctx.auth, change.switchId, change.shown);
    await ctx.services.writes.withReadBack({
      write: (deadline) => ctx.services.pluralkit.updateSwitchMembers('@me', change.switchId, change.memberUuids, { token: ctx.auth.token, deadline }),
      readBack: async () => {
        const current = await ctx.services.pluralkit.getSwitch('@me', change.switchId, { token: ctx.auth.token });
        return current.members.map((m) => m.id).join(',') === change.memberIds.join(',') ? current : null;
      },
      checkWith: '`/switch history`',
    });
    switchesChanged(ctx.services, ctx.auth);
    await ctx.reply.send({ content: `✅ Switch edited. Current fronters: ${change.names}.`, components: [] });
  },
});

export const editSwitch = subcommand({
  description: 'Replace the members of your latest switch',
  options: { members: membersField('The members the latest switch should have') },
  needs: { token: true },
  async run(ctx, args) {
    const members = await resolveOwnList(ctx.services, 'members', ctx.userId, ctx.auth, args.members);
    const latest = await latestSwitch(ctx.services, ctx.auth);
    const check = checkSwitchMembers(members.map((m) => m.id), { currentFronterIds: latest.members.map((m) => m.id), names: Object.fromEntries(members.map((m) => [m.id, m.name])) });
    if (!check.ok) throw check.refusal;
    await confirmEdit.ask(
      ctx,
      { switchId: latest.id, shown: switchFingerprint(latest), memberUuids: members.map((m) => m.uuid), memberIds: members.map((m) => m.id), names: fronterNames(members) },
      {
        content: [
          `⚠️ Edit your latest switch (${when(new Date(latest.timestamp))})?`,
          `**Now:** ${fronterNames(latest.members)}`,
          `**After:** ${fronterNames(members)}`,
        ].join('\n'),
      },
    );
  },
});

export const editConfirmations = [confirmEdit];
