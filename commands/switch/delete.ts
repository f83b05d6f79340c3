import { z } from 'zod';
import { subcommand } from '../../src/framework/command-table.js';
import { confirmation } from '../../src/framework/confirm.js';
import { hasCode, PkErrorCode } from '../../src/pluralkit/errors.js';
import { fronterNames, when } from '../../src/render/switch.js';
import { switchesChanged } from '../../src/switches/changed.js';
import { latestSwitch, previousSwitch, rereadUnchanged, switchFingerprint } from '../../src/switches/latest.js';

const confirmDelete = confirmation({
  id: 'switch.delete',
  label: 'Delete switch',
  danger: true,
  schema: z.object({ switchId: z.string(), shown: z.string() }),
  async run(ctx, change) {
    await rereadUnchanged(ctx.services, ctx.auth, change.switchId, change.shown);
    await ctx.services.writes.withReadBack({
      write: (deadline) => ctx.services.pluralkit.deleteSwitch('@me', change.switchId, { token: ctx.auth.token, deadline }),
      readBack: async () => {
        try {
          await ctx.services.pluralkit.getSwitch('@me', change.switchId, { token: ctx.auth.token });
          return null;
        } catch (error) {
          // Gone: the delete happened (undefined is the void result, null would mean "still there").
          if (hasCode(error, PkErrorCode.SwitchNotFoundOrPrivate) || hasCode(error, PkErrorCode.SwitchNotFound)) return undefined;
          throw error;
        }
      },
      checkWith: '`/switch history`',
    });
    switchesChanged(ctx.services, ctx.auth);
    await ctx.reply.send({ content: '✅ Switch deleted.', components: [] });
  },
});

export const deleteSwitch = subcommand({
  description: 'Delete your latest switch',
  needs: { token: true },
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
    await confirmDelete.ask(
      ctx,
      { switchId: latest.id, shown: switchFingerprint(latest) },
      { content: [`⚠️ Delete your latest switch: ${fronterNames(latest.members)} from ${when(new Date(latest.timestamp))}?`, after].join('\n') },
    );
  },
});

export const deleteConfirmations = [confirmDelete];
