import { subcommand } from '../../src/framework/command-table.js';
import { renderSystemCardMessage } from '../../src/render/system.js';
import { loadSystemCard } from '../../src/system/card.js';

export const viewSystem = subcommand({
  description: 'A system card: yours, or any system by user or ID',
  visibility: 'target',
  help: 'Public replies show what PluralKit shows everyone; `private: True` shows you everything, only to you',
  async run(ctx) {
    const card = await loadSystemCard(ctx.services, ctx.userId, ctx.target);
    await ctx.reply.send(
      renderSystemCardMessage(card.system, {
        memberCount: card.members,
        groupCount: card.groups,
        fronters: card.fronters,
        ...(card.privateSubjects ? { privateSubjects: card.privateSubjects } : {}),
      }),
    );
  },
});
