import { z } from 'zod';
import { subcommand } from '../../src/framework/command-table.js';
import { confirmation } from '../../src/framework/confirm.js';
import { membersField } from '../shared/fields/entities.js';
import { fronterNames } from '../../src/render/switch.js';
import { when } from '../../src/time/format.js';
import { resolveOwnList } from '../../src/access/own-system.js';
import { setSwitchMembers } from '../../src/switches/changes.js';
import { checkSwitchMembers } from '../../src/switches/guards.js';
import { latestSwitch, rereadSwitch, switchFingerprint } from '../../src/switches/latest.js';

const confirmEdit = confirmation({
  id: 'switch.edit',
  label: 'Edit switch',
  schema: z.object({ switchId: z.string(), memberUuids: z.array(z.string()), memberIds: z.array(z.string()), names: z.string() }),
  async reread(ctx, change) {
    const current = await rereadSwitch(ctx.services, ctx.auth, change.switchId);
    return { shown: switchFingerprint(current), subject: { kind: 'switch' }, current };
  },
  async run(ctx, change) {
    await setSwitchMembers(ctx.services, ctx.auth, change.switchId, { uuids: change.memberUuids, ids: change.memberIds });
    await ctx.reply.send({ content: `✅ Switch edited. Current fronters: ${change.names}.`, components: [] });
  },
});

export const editSwitch = subcommand({
  description: 'Replace the members of your latest switch',
  options: { members: membersField('The members the latest switch should have') },
  needs: { token: true },
  flows: [confirmEdit],
  async run(ctx, args) {
    const members = await resolveOwnList(ctx.services, 'members', ctx.userId, ctx.auth, args.members);
    const latest = await latestSwitch(ctx.services, ctx.auth);
    const check = checkSwitchMembers(members.map((m) => m.id), { currentFronterIds: latest.members.map((m) => m.id), names: Object.fromEntries(members.map((m) => [m.id, m.name])) });
    if (!check.ok) throw check.refusal;
    await confirmEdit.ask(ctx, {
      payload: { switchId: latest.id, memberUuids: members.map((m) => m.uuid), memberIds: members.map((m) => m.id), names: fronterNames(members) },
      shown: switchFingerprint(latest),
      prompt: {
        content: [`⚠️ Edit your latest switch (${when(new Date(latest.timestamp))})?`, `**Now:** ${fronterNames(latest.members)}`, `**After:** ${fronterNames(members)}`].join('\n'),
      },
    });
  },
});
