import { subcommand } from '../../src/framework/command-table.js';
import { membersField } from '../shared/fields/entities.js';
import { changedFrontText } from '../../src/render/switch.js';
import { resolveOwnList } from '../../src/access/own-system.js';
import { changeFront, type FrontChange } from '../../src/switches/front-change.js';

/** `/switch add` and `/switch remove`: one member in or out of the current front, in one command. */
export function frontChange(change: FrontChange, description: string, option: string) {
  return subcommand({
    description,
    options: { members: membersField(option) },
    needs: { token: true },
    async run(ctx, args) {
      const given = await resolveOwnList(ctx.services, 'members', ctx.userId, ctx.auth, args.members);
      const { members, registered } = await changeFront(ctx.services, ctx.userId, ctx.auth, change, given);
      await ctx.reply.send({ content: changedFrontText(change, given, members, registered) });
    },
  });
}
